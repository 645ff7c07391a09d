package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

func TestLoadAndReload(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	prefix := testPrefix(t, w)
	ctx := context.Background()
	g := prefixed(seoulGraph(), prefix)

	if err := w.Write(ctx, g); err != nil {
		t.Fatalf("Write: %v", err)
	}
	first := w.Counters()
	if first.NodesCreated != len(g.Nodes) || first.RelationshipsCreated != len(g.Relationships) {
		t.Errorf("first load: %v, want %d nodes and %d relationships created", first, len(g.Nodes), len(g.Relationships))
	}
	wantNodes, wantRels := g.Count()
	gotNodes, gotRels := counts(t, w, prefix)
	if d := cmp.Diff(wantNodes, gotNodes); d != "" {
		t.Errorf("nodes by label after load (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantRels, gotRels); d != "" {
		t.Errorf("relationships by type after load (-want +got):\n%s", d)
	}
	if d := cmp.Diff(encode(t, seoulGraph()), exported(t, w, prefix)); d != "" {
		t.Errorf("export after load (-want +got):\n%s", d)
	}

	// A second load, through a second Writer, changes nothing.
	w2 := newTestWriter(t, testConfig(t))
	if err := w2.Write(ctx, g); err != nil {
		t.Fatalf("Write again: %v", err)
	}
	if c := w2.Counters(); !c.Zero() {
		t.Errorf("reload counters = %v, want all zero", c)
	}
	gotNodes, gotRels = counts(t, w, prefix)
	if d := cmp.Diff(wantNodes, gotNodes); d != "" {
		t.Errorf("nodes by label after reload (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantRels, gotRels); d != "" {
		t.Errorf("relationships by type after reload (-want +got):\n%s", d)
	}
}

func TestMergeOrderDoesNotMatter(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 3 // several batches per group
	w := newTestWriter(t, cfg)
	ctx := context.Background()
	a, b := seoulGraph(), tokyoGraph()
	want := encode(t, graph.Merge(a, b))
	if want == encode(t, a) || want == encode(t, b) {
		t.Fatal("test graphs do not overlap")
	}
	tests := []struct {
		name  string
		loads []*graph.Graph
	}{
		{"A then B", []*graph.Graph{a, b}},
		{"B then A", []*graph.Graph{b, a}},
		{"A+B", []*graph.Graph{graph.Merge(a, b)}},
		{"A then B then A+B", []*graph.Graph{a, b, graph.Merge(a, b)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := testPrefix(t, w)
			for _, g := range tt.loads {
				if err := w.Write(ctx, prefixed(g, prefix)); err != nil {
					t.Fatalf("Write: %v", err)
				}
			}
			if d := cmp.Diff(want, exported(t, w, prefix)); d != "" {
				t.Errorf("export (-Merge(A, B) +got):\n%s", d)
			}
		})
	}
}

func TestConcurrentWriters(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 25
	const writers, shared = 4, 200
	var gs []*graph.Graph
	for i := range writers {
		g := &graph.Graph{}
		for j := range shared {
			// The same people in every graph, each writer adding its own alias,
			// document and rule, so a lost update would show in the export.
			id := fmt.Sprintf("person:p%03d", j)
			n := person(id, fmt.Sprintf("Person %03d", j), fmt.Sprintf("사람 %03d", j), fmt.Sprintf("alias-w%d", i))
			n.Properties["documents"] = []string{fmt.Sprintf("doc:w%d", i)}
			n.Properties["rank"] = int64((j*7 + i*13) % 50)
			g.Nodes = append(g.Nodes, n)
			if j > 0 {
				prev := fmt.Sprintf("person:p%03d", j-1)
				g.Relationships = append(g.Relationships, rel(graph.Met, prev, id, map[string]any{
					"evidence": []string{fmt.Sprintf("writer %d saw %d meet %d", i, j-1, j)},
					"date":     fmt.Sprintf("2025-01-%02d", 1+(i+j)%28),
				}))
			}
		}
		own := org(fmt.Sprintf("organization:w%d", i), fmt.Sprintf("Writer %d Corp", i))
		g.Nodes = append(g.Nodes, own)
		g.Relationships = append(g.Relationships, rel(graph.HoldsRole, "person:p000", own.ID, map[string]any{"title": "CEO"}))
		g.Sort()
		gs = append(gs, g)
	}
	w := newTestWriter(t, cfg)
	prefix := testPrefix(t, w)
	ws := make([]*Writer, writers)
	for i := range ws {
		ws[i] = newTestWriter(t, cfg)
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, writers)
	start := make(chan struct{})
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = ws[i].Write(ctx, prefixed(gs[i], prefix))
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	res, err := w.Query(ctx, `MATCH (n:`+anyLabel+`) WHERE n.id STARTS WITH $p
WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)`, map[string]any{"p": prefix}, false)
	if err != nil {
		t.Fatal(err)
	}
	if dup := res.Rows[0][0].(int64); dup != 0 {
		t.Errorf("%d ids have more than one node", dup)
	}
	res, err = w.Query(ctx, `MATCH ()-[r:`+anyType+`]->() WHERE r.id STARTS WITH $p
WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)`, map[string]any{"p": prefix}, false)
	if err != nil {
		t.Fatal(err)
	}
	if dup := res.Rows[0][0].(int64); dup != 0 {
		t.Errorf("%d ids have more than one relationship", dup)
	}
	want := graph.Merge(gs...)
	var total Counters
	for _, x := range ws {
		c := x.Counters()
		total.NodesCreated += c.NodesCreated
		total.RelationshipsCreated += c.RelationshipsCreated
	}
	if total.NodesCreated != len(want.Nodes) || total.RelationshipsCreated != len(want.Relationships) {
		t.Errorf("writers created %d nodes and %d relationships, want %d and %d",
			total.NodesCreated, total.RelationshipsCreated, len(want.Nodes), len(want.Relationships))
	}
	if d := cmp.Diff(encode(t, want), exported(t, w, prefix)); d != "" {
		t.Errorf("export after concurrent writes (-Merge(all) +got):\n%s", d)
	}
}

// hostile are strings that would break or subvert Cypher built by
// concatenation.
var hostile = []string{
	`O'Brien "the \"Boss\""`,
	"back`tick`} {braces} $rows $name",
	`}) DETACH DELETE n //`,
	`'}) MATCH (m) DETACH DELETE m //`,
	`\'; MATCH (n) DETACH DELETE n; //`,
	"line one\nline two\r\ttabbed",
	`back\slash \\ \u0041 \n`,
	"정신아 카카오CEO",
	"😀 ！ emoji and full width",
	"",
}

func TestHostileTextRoundTrips(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	prefix := testPrefix(t, w)
	ctx := context.Background()
	sentinel := &graph.Graph{Nodes: []graph.Node{org("organization:sentinel", "Sentinel")}}
	if err := w.Write(ctx, prefixed(sentinel, prefix)); err != nil {
		t.Fatal(err)
	}
	g := &graph.Graph{}
	for i, s := range hostile {
		id := fmt.Sprintf("person:%d:%s", i, s)
		n := person(id, s, s, s, s+"2", "plain")
		n.Properties["x`}) DETACH DELETE n //"] = s
		g.Nodes = append(g.Nodes, n)
		g.Relationships = append(g.Relationships, rel(graph.HoldsRole, id, "organization:sentinel",
			map[string]any{"title": s, "evidence": []string{s, "plain"}}))
	}
	g.Nodes = append(g.Nodes, sentinel.Nodes...)
	g.Sort()
	if err := w.Write(ctx, prefixed(g, prefix)); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if d := cmp.Diff(encode(t, g), exported(t, w, prefix)); d != "" {
		t.Errorf("export (-want +got):\n%s", d)
	}
	// The names are found by name, not run.
	for _, s := range hostile[:len(hostile)-1] {
		ms, err := w.WhoMet(ctx, s)
		if err != nil || len(ms) != 0 {
			t.Errorf("WhoMet(%q) = %v, %v; want none, nil", s, ms, err)
		}
	}
	// And the script form runs back to the same graph.
	var script strings.Builder
	if err := WriteCypher(&script, prefixed(g, prefix)); err != nil {
		t.Fatal(err)
	}
	if got := runScript(t, w, script.String()); !got.Zero() {
		t.Errorf("script over the loaded graph: %v, want no change", got)
	}
	if d := cmp.Diff(encode(t, g), exported(t, w, prefix)); d != "" {
		t.Errorf("export after script (-want +got):\n%s", d)
	}
}

func TestServerDown(t *testing.T) {
	const pw = "hunter2-not-the-password"
	start := time.Now()
	_, err := New(context.Background(), Config{URI: "bolt://127.0.0.1:1", Password: pw, Timeout: 3 * time.Second})
	elapsed := time.Since(start)
	if err == nil {
		t.Fatal("New on a closed port: no error")
	}
	msg := err.Error()
	for _, want := range []string{"bolt://127.0.0.1:1", "unreachable"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, pw) {
		t.Errorf("error %q contains the password", msg)
	}
	if elapsed > 10*time.Second {
		t.Errorf("New took %s to fail, want within the 3s timeout (plus slack)", elapsed)
	}
}

func TestWrongPassword(t *testing.T) {
	cfg := testConfig(t)
	cfg.Password = "Wr0ng-" + cfg.Password + "-pa55"
	cfg.Timeout = 10 * time.Second
	_, err := New(context.Background(), cfg)
	if err == nil {
		t.Fatal("New with a wrong password: no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "authentication failed") || !strings.Contains(msg, cfg.URI) {
		t.Errorf("error %q does not say authentication failed at %s", msg, cfg.URI)
	}
	if strings.Contains(msg, cfg.Password) || strings.Contains(msg, os.Getenv("KG_NEO4J_PASSWORD")) {
		t.Errorf("error %q contains a password", msg)
	}
}

func TestUnknownDatabase(t *testing.T) {
	cfg := testConfig(t)
	cfg.Database = "kgnosuchdb"
	_, err := New(context.Background(), cfg)
	if err == nil {
		t.Fatal("New with an unknown database: no error")
	}
	if want := `database "kgnosuchdb" does not exist`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" for none
	}{
		{"defaults", Config{}, ""},
		{"neo4j+s", Config{URI: "neo4j+s://db.example.com"}, ""},
		{"unknown scheme", Config{URI: "http://127.0.0.1:7474"}, `unknown scheme "http"`},
		{"no host", Config{URI: "bolt://"}, "no host"},
		{"credentials in uri", Config{URI: "bolt://neo4j:s3cret@127.0.0.1:7687"}, "must not contain a user or password"},
		{"batch too big", Config{BatchSize: MaxBatchSize + 1}, "batch size"},
		{"negative batch", Config{BatchSize: -1}, "batch size"},
		{"negative timeout", Config{Timeout: -time.Second}, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.WithDefaults().Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error with %q", err, tt.want)
			case err != nil && strings.Contains(err.Error(), "s3cret"):
				t.Errorf("Validate() = %v: shows the password", err)
			}
		})
	}
}

func TestWriteRejectsBadGraphs(t *testing.T) {
	tests := []struct {
		name string
		g    *graph.Graph
		want string
	}{
		{"unknown label", &graph.Graph{Nodes: []graph.Node{{ID: "x", Labels: []string{"Person`) DETACH DELETE n //"}}}}, "unknown label"},
		{"no label", &graph.Graph{Nodes: []graph.Node{{ID: "x"}}}, "no label"},
		{"unknown type", &graph.Graph{
			Nodes:         []graph.Node{person("a", "A", "A"), person("b", "B", "B")},
			Relationships: []graph.Relationship{{ID: "r", Type: "KNOWS", StartNode: "a", EndNode: "b"}},
		}, "unknown type"},
		{"dangling", &graph.Graph{
			Nodes:         []graph.Node{person("a", "A", "A")},
			Relationships: []graph.Relationship{{ID: "r", Type: graph.Met, StartNode: "a", EndNode: "b"}},
		}, "not a node of the graph"},
		{"reserved id property", &graph.Graph{Nodes: []graph.Node{{ID: "x", Labels: []string{graph.Person}, Properties: map[string]any{"id": "y"}}}}, "reserved"},
		{"map value", &graph.Graph{Nodes: []graph.Node{{ID: "x", Labels: []string{graph.Person}, Properties: map[string]any{"m": map[string]any{}}}}}, "unsupported value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := makePlan(tt.g)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("makePlan() = %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestWhoMetAndPath(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	prefix := testPrefix(t, w)
	ctx := context.Background()
	if err := w.Write(ctx, prefixed(graph.Merge(seoulGraph(), tokyoGraph()), prefix)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sam altman", "샘알트만", "알트민", "ALTMAN", "새뮤얼 알트만", prefix + "person:sam-altman"} {
		ms, err := w.WhoMet(ctx, name)
		if err != nil {
			t.Fatalf("WhoMet(%q): %v", name, err)
		}
		var got []string
		for _, m := range ms {
			if !strings.HasPrefix(m.Whom.ID, prefix) {
				continue
			}
			for _, mt := range m.Meetings {
				got = append(got, fmt.Sprintf("%s %s %s %d", m.Whom.Name, mt.Date, mt.Place, len(mt.Evidence)))
			}
		}
		want := []string{"Chung Shin-a 2025-02-04 Seoul 1", "Masayoshi Son 2025-02-03 Tokyo 1"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("WhoMet(%q) mismatch (-want +got):\n%s", name, d)
		}
	}
	if _, err := w.WhoMet(ctx, prefix+"nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("WhoMet(nobody) = %v, want ErrNotFound", err)
	}

	p, err := w.ShortestPath(ctx, prefix+"person:chung-shin-a", prefix+"organization:softbank", 6)
	if err != nil {
		t.Fatalf("ShortestPath: %v", err)
	}
	var chain []string
	for i, n := range p.Nodes {
		if i > 0 {
			s := p.Steps[i-1]
			arrow := "-[" + s.Type + "]->"
			if !s.Forward {
				arrow = "<-[" + s.Type + "]-"
			}
			chain = append(chain, arrow)
		}
		chain = append(chain, n.Name)
	}
	// Chung met Altman, whose company partners with SoftBank; or Altman met
	// Son, who runs SoftBank: both are three steps.
	if len(p.Steps) != 3 || chain[0] != "Chung Shin-a" || chain[len(chain)-1] != "SoftBank" {
		t.Errorf("ShortestPath = %s, want 3 steps from Chung Shin-a to SoftBank", strings.Join(chain, " "))
	}
	if _, err := w.ShortestPath(ctx, prefix+"person:chung-shin-a", prefix+"nothing", 6); !errors.Is(err, ErrNotFound) {
		t.Errorf("ShortestPath to nothing = %v, want ErrNotFound", err)
	}
}

func TestQueryReadOnlyByDefault(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	prefix := testPrefix(t, w)
	ctx := context.Background()
	_, err := w.Query(ctx, "CREATE (n:Person {id: $id})", map[string]any{"id": prefix + "x"}, false)
	if err == nil || !strings.Contains(err.Error(), "read transaction") {
		t.Errorf("write in a read query: %v, want a read-transaction error", err)
	}
	res, err := w.Query(ctx, "CREATE (n:Person {id: $id}) RETURN n", map[string]any{"id": prefix + "x"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counters.NodesCreated != 1 || res.Keys[0] != "n" {
		t.Errorf("write query: keys %v, %v; want n and 1 node created", res.Keys, res.Counters)
	}
	if got := res.Rows[0][0].(map[string]any)["id"]; got != prefix+"x" {
		t.Errorf("node id = %v, want %s", got, prefix+"x")
	}
}

// TestCreateOnlyWhereGuarded: the CREATE fast path is taken only for
// labels and types whose id a constraint keeps unique (so that a retry
// after a commit whose acknowledgement was lost cannot create an id
// twice); without the guard every row is merged, with the same result,
// and running the same batches again changes nothing.
func TestCreateOnlyWhereGuarded(t *testing.T) {
	ctx := context.Background()
	w := newTestWriter(t, testConfig(t))
	if err := w.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(append([]string{}, graph.Labels...), graph.Types...) {
		if !w.guarded(name) {
			t.Errorf("%s: no uniqueness constraint on id read back after EnsureSchema", name)
		}
	}
	for _, guarded := range []bool{true, false} {
		t.Run(fmt.Sprintf("guarded=%v", guarded), func(t *testing.T) {
			w := newTestWriter(t, testConfig(t))
			prefix := testPrefix(t, w)
			if err := w.EnsureSchema(ctx); err != nil {
				t.Fatal(err)
			}
			if !guarded {
				w.mu.Lock()
				w.unique = map[string]bool{}
				w.mu.Unlock()
			}
			g := prefixed(seoulGraph(), prefix)
			if err := w.Write(ctx, g); err != nil {
				t.Fatal(err)
			}
			if c := w.Counters(); c.NodesCreated != len(g.Nodes) || c.RelationshipsCreated != len(g.Relationships) {
				t.Errorf("first load: %v, want %d nodes and %d relationships created", c, len(g.Nodes), len(g.Relationships))
			}
			before := w.Counters()
			// the same batches again, as a retry after a lost
			// acknowledgement runs them
			if err := w.Write(ctx, g); err != nil {
				t.Fatal(err)
			}
			if c := w.Counters(); c != before {
				t.Errorf("the batches run again changed the database: %v, want %v", c, before)
			}
			if d := cmp.Diff(encode(t, seoulGraph()), exported(t, w, prefix)); d != "" {
				t.Errorf("export (-want +got):\n%s", d)
			}
		})
	}
}
