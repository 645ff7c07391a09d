package neo4jsink

import (
	"context"
	"fmt"

	"github.com/kg-news/kg/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Export statements: every node carrying a kg label and an id, every
// relationship of a kg type with an id between two of them; $prefix narrows
// the nodes to ids that start with it (all ids start with "").
var (
	exportNodes = `MATCH (n:` + anyLabel + `)
WHERE n.id STARTS WITH $prefix
RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels] AS labels, properties(n) AS props`
	exportRels = `MATCH (a:` + anyLabel + `)-[r:` + anyType + `]->(b:` + anyLabel + `)
WHERE r.id IS NOT NULL AND a.id STARTS WITH $prefix AND b.id STARTS WITH $prefix
RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props`
)

// Export reads the whole kg graph back: nodes with kg's labels and
// relationships of kg's types, properties normalized with
// graph.NormalizeProps. Loading a graph into an empty database and
// exporting it gives the same graph, byte for byte under graph.Encode.
func (w *Writer) Export(ctx context.Context) (*graph.Graph, error) {
	return w.ExportPrefix(ctx, "")
}

// ExportPrefix is Export restricted to nodes whose id starts with prefix
// and the relationships between them.
func (w *Writer) ExportPrefix(ctx context.Context, prefix string) (*graph.Graph, error) {
	out, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		g := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
		params := map[string]any{"prefix": prefix, "labels": stringsAny(graph.Labels)}
		res, err := tx.Run(ctx, exportNodes, params)
		if err != nil {
			return nil, err
		}
		ids := map[string]bool{}
		for res.Next(ctx) {
			rec := res.Record()
			id, _ := rec.Values[0].(string)
			props, err := exportProps(rec.Values[2])
			if err != nil {
				return nil, fmt.Errorf("node %q: %w", id, err)
			}
			g.Nodes = append(g.Nodes, graph.Node{ID: id, Labels: anyStrings(rec.Values[1]), Properties: props})
			ids[id] = true
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		res, err = tx.Run(ctx, exportRels, params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rec := res.Record()
			id, _ := rec.Values[0].(string)
			typ, _ := rec.Values[1].(string)
			start, _ := rec.Values[2].(string)
			end, _ := rec.Values[3].(string)
			if !ids[start] || !ids[end] {
				continue
			}
			props, err := exportProps(rec.Values[4])
			if err != nil {
				return nil, fmt.Errorf("relationship %q: %w", id, err)
			}
			g.Relationships = append(g.Relationships, graph.Relationship{ID: id, Type: typ, StartNode: start, EndNode: end, Properties: props})
		}
		return g, res.Err()
	})
	if err != nil {
		return nil, w.cfg.describe("export", err)
	}
	// Merge joins any id found under two labels and sorts everything.
	return graph.Merge(out.(*graph.Graph)), nil
}

// exportProps normalizes properties read from the server and drops id,
// which the graph keeps outside the properties.
func exportProps(v any) (map[string]any, error) {
	m, _ := v.(map[string]any)
	delete(m, "id")
	return graph.NormalizeProps(m)
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func anyStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
