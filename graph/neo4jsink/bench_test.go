package neo4jsink

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

// benchGraph makes a graph of the size thousands of articles give: 20k
// nodes (12k people, 4k organizations, 1k meetings, 3k documents) and 50k
// relationships.
func benchGraph() *graph.Graph {
	const people, orgs, meetings, docs = 12000, 4000, 1000, 3000
	g := &graph.Graph{}
	pid := func(i int) string { return fmt.Sprintf("person:p%05d", i%people) }
	oid := func(i int) string { return fmt.Sprintf("organization:o%04d", i%orgs) }
	mid := func(i int) string { return fmt.Sprintf("meeting:m%04d", i%meetings) }
	did := func(i int) string { return fmt.Sprintf("doc:d%04d", i%docs) }
	for i := range people {
		g.Nodes = append(g.Nodes, person(pid(i), fmt.Sprintf("Person %d", i), fmt.Sprintf("사람 %d", i),
			fmt.Sprintf("P%d", i), fmt.Sprintf("피%d", i)))
		g.Nodes[len(g.Nodes)-1].Properties["documents"] = []string{did(i), did(i * 7)}
	}
	for i := range orgs {
		g.Nodes = append(g.Nodes, org(oid(i), fmt.Sprintf("Org %d", i), fmt.Sprintf("O%d", i)))
	}
	for i := range meetings {
		g.Nodes = append(g.Nodes, graph.Node{ID: mid(i), Labels: []string{graph.Meeting}, Properties: map[string]any{
			"date": fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28), "place": "Seoul", "kind": "meeting", "documents": []string{did(i)},
		}})
	}
	for i := range docs {
		g.Nodes = append(g.Nodes, graph.Node{ID: did(i), Labels: []string{graph.Document}, Properties: map[string]any{"lang": "en"}})
	}
	add := func(typ, s, e string, i int) {
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: fmt.Sprintf("%s:%d:%s|%s", typ, i, s, e), Type: typ, StartNode: s, EndNode: e,
			Properties: map[string]any{"documents": []string{did(i)}, "evidence": []string{fmt.Sprintf("sentence %d", i)}, "rules": []string{"bench"}},
		})
	}
	for i := range 10000 {
		add(graph.HoldsRole, pid(i), oid(i), i)
	}
	for i := range 8000 {
		add(graph.Attended, pid(i*3), mid(i), i)
	}
	for i := range 12000 {
		add(graph.Met, pid(i), pid(i*7+1), i)
	}
	for i := range 5000 {
		add(graph.PartnersWith, oid(i), oid(i*3+1), i)
	}
	for i := range 15000 {
		add(graph.Mentions, did(i), pid(i*5), i)
	}
	g.Sort()
	return g
}

// BenchmarkLoad loads benchGraph with Writer.Write (MERGE), loads it again
// (nothing changes), and for comparison writes the same rows with a plain
// UNWIND … CREATE; it reports relationships per second for each (the time
// includes the nodes, and for Write turning the graph into rows), and
// merge/create, the target of issue 4 being at least 0.7. A warm-up pass
// over a small graph runs first.
func BenchmarkLoad(b *testing.B) {
	cfg := testConfig(b)
	w := newTestWriter(b, cfg)
	base := benchGraph()
	ctx := context.Background()
	if err := w.EnsureSchema(ctx); err != nil {
		b.Fatal(err)
	}
	// Warm up: the server compiles each statement once and its JIT needs a
	// while, so a cold first pass would charge whichever method runs first.
	// A small graph of the same shape runs every statement of both methods.
	warm := smallGraph(base, 500)
	wp := testPrefix(b, w) + "warm/"
	for range 2 {
		if err := w.Write(ctx, prefixed(warm, wp)); err != nil {
			b.Fatal(err)
		}
		plainCreate(b, w, prefixed(warm, wp+"plain/"))
		deletePrefix(b, w, wp)
	}
	var merge, reload, create time.Duration
	rels := len(base.Relationships)
	n := 0
	for b.Loop() {
		n++
		prefix := testPrefix(b, w)
		g := prefixed(base, prefix)

		start := time.Now()
		if err := w.Write(ctx, g); err != nil {
			b.Fatal(err)
		}
		merge += time.Since(start)

		start = time.Now()
		before := w.Counters()
		if err := w.Write(ctx, g); err != nil {
			b.Fatal(err)
		}
		reload += time.Since(start)
		if w.Counters() != before {
			b.Fatalf("reload changed the database: %v, then %v", before, w.Counters())
		}

		start = time.Now()
		plainCreate(b, w, prefixed(base, prefix+"plain/"))
		create += time.Since(start)

		b.StopTimer()
		deletePrefix(b, w, prefix)
		b.StartTimer()
	}
	b.ReportMetric(float64(rels*n)/merge.Seconds(), "merge-rels/s")
	b.ReportMetric(float64(rels*n)/reload.Seconds(), "reload-rels/s")
	b.ReportMetric(float64(rels*n)/create.Seconds(), "create-rels/s")
	b.ReportMetric(create.Seconds()/merge.Seconds(), "merge/create")
	b.ReportMetric(float64(len(base.Nodes)), "nodes")
	b.ReportMetric(float64(rels), "rels")
}

// smallGraph keeps the first n relationships of each type of g and the
// nodes they join.
func smallGraph(g *graph.Graph, n int) *graph.Graph {
	out := &graph.Graph{}
	keep := map[string]bool{}
	perType := map[string]int{}
	for _, r := range g.Relationships {
		if perType[r.Type] < n {
			perType[r.Type]++
			out.Relationships = append(out.Relationships, r)
			keep[r.StartNode], keep[r.EndNode] = true, true
		}
	}
	for _, nd := range g.Nodes {
		if keep[nd.ID] {
			out.Nodes = append(out.Nodes, nd)
		}
	}
	return graph.Merge(out)
}

// plainCreate writes g with UNWIND $rows CREATE, properties as maps, in the
// same batches and labels as the Writer: the cost of the writes without
// MERGE and the property merge.
func plainCreate(b testing.TB, w *Writer, g *graph.Graph) {
	b.Helper()
	ctx := context.Background()
	byLabel := map[string][]map[string]any{}
	primary := map[string]string{}
	for _, n := range g.Nodes {
		l, _ := primaryLabel(n.Labels)
		primary[n.ID] = l
		byLabel[l] = append(byLabel[l], map[string]any{"id": n.ID, "props": n.Properties})
	}
	run := func(q string, rows []map[string]any) {
		for _, batch := range chunks(rows, w.cfg.BatchSize) {
			if _, err := w.Query(ctx, q, map[string]any{"rows": rowsParam(batch)}, true); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, l := range graph.Labels {
		run("UNWIND $rows AS row CREATE (n:"+l+") SET n = row.props, n.id = row.id", byLabel[l])
	}
	type key struct{ t, s, e string }
	byKey := map[key][]map[string]any{}
	for _, r := range g.Relationships {
		k := key{r.Type, primary[r.StartNode], primary[r.EndNode]}
		byKey[k] = append(byKey[k], map[string]any{"id": r.ID, "start": r.StartNode, "end": r.EndNode, "props": r.Properties})
	}
	for _, t := range graph.Types {
		for _, s := range graph.Labels {
			for _, e := range graph.Labels {
				if rows := byKey[key{t, s, e}]; len(rows) > 0 {
					run("UNWIND $rows AS row MATCH (a:"+s+" {id: row.start}) MATCH (b:"+e+" {id: row.end}) CREATE (a)-[r:"+t+"]->(b) SET r = row.props, r.id = row.id", rows)
				}
			}
		}
	}
}
