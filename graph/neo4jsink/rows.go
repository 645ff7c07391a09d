package neo4jsink

import (
	"fmt"
	"sort"

	"github.com/kg-news/kg/graph"
)

// nodeGroup holds the rows of the nodes merged on one label.
type nodeGroup struct {
	label string
	rows  []map[string]any
}

// relGroup holds the rows of one relationship type between nodes merged on
// a start and an end label.
type relGroup struct {
	typ, start, end string
	rows            []map[string]any
}

// plan is a graph turned into statement rows, in a fixed order: node groups
// in graph.Labels order, relationship groups by type, start and end label,
// rows by id.
type plan struct {
	nodes []nodeGroup
	rels  []relGroup
	// nodeCount and relCount count the graph's nodes and relationships.
	nodeCount, relCount int
}

// primaryLabel is the label a node is merged on: the first of its labels in
// graph.Labels order. A node id is expected to keep its primary label in
// every graph (kg's ids start with the label, e.g. "person:…").
func primaryLabel(labels []string) (string, bool) {
	for _, l := range graph.Labels {
		for _, x := range labels {
			if x == l {
				return l, true
			}
		}
	}
	return "", false
}

// makePlan checks g and turns it into rows. A graph that is not canonical
// (as graph.Merge leaves it: ids unique and sorted, labels and set-valued
// properties sorted) is first merged with itself, which copies it, joins
// duplicate ids and sorts everything; a canonical one, as kg build writes,
// is used as it is.
func makePlan(in *graph.Graph) (*plan, error) {
	g := in
	if !canonical(in) {
		g = graph.Merge(in)
	}
	p := &plan{nodeCount: len(g.Nodes), relCount: len(g.Relationships)}
	primary := make(map[string]string, len(g.Nodes))
	byLabel := map[string][]map[string]any{}
	for _, n := range g.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("node with empty id")
		}
		for _, l := range n.Labels {
			if !graph.ValidLabel(l) {
				return nil, fmt.Errorf("node %q: unknown label %q", n.ID, l)
			}
		}
		label, ok := primaryLabel(n.Labels)
		if !ok {
			return nil, fmt.Errorf("node %q: no label", n.ID)
		}
		keys, vals, err := propCols(n.Properties)
		if err != nil {
			return nil, fmt.Errorf("node %q: %w", n.ID, err)
		}
		extra := []string{}
		if len(n.Labels) > 1 {
			for _, l := range n.Labels {
				if l != label {
					extra = append(extra, l)
				}
			}
		}
		primary[n.ID] = label
		byLabel[label] = append(byLabel[label], map[string]any{"id": n.ID, "labels": extra, "keys": keys, "vals": vals})
	}
	for _, l := range graph.Labels {
		if rows := byLabel[l]; len(rows) > 0 {
			p.nodes = append(p.nodes, nodeGroup{label: l, rows: rows})
		}
	}
	type key struct{ typ, start, end string }
	byKey := map[key][]map[string]any{}
	for _, r := range g.Relationships {
		if r.ID == "" {
			return nil, fmt.Errorf("relationship with empty id")
		}
		if !graph.ValidType(r.Type) {
			return nil, fmt.Errorf("relationship %q: unknown type %q", r.ID, r.Type)
		}
		s, ok1 := primary[r.StartNode]
		e, ok2 := primary[r.EndNode]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("relationship %q: start %q or end %q is not a node of the graph", r.ID, r.StartNode, r.EndNode)
		}
		keys, vals, err := propCols(r.Properties)
		if err != nil {
			return nil, fmt.Errorf("relationship %q: %w", r.ID, err)
		}
		k := key{r.Type, s, e}
		byKey[k] = append(byKey[k], map[string]any{"id": r.ID, "start": r.StartNode, "end": r.EndNode, "keys": keys, "vals": vals})
	}
	for _, t := range graph.Types {
		for _, s := range graph.Labels {
			for _, e := range graph.Labels {
				if rows := byKey[key{t, s, e}]; len(rows) > 0 {
					p.rels = append(p.rels, relGroup{typ: t, start: s, end: e, rows: rows})
				}
			}
		}
	}
	return p, nil
}

// canonical reports whether g is as graph.Merge leaves a graph: node and
// relationship ids strictly increasing (so unique), labels sorted, the
// lists of graph.SetProps sorted and unique.
func canonical(g *graph.Graph) bool {
	setsSorted := func(props map[string]any) bool {
		for k, v := range props {
			if ss, ok := v.([]string); ok && graph.SetProps[k] {
				for i := 1; i < len(ss); i++ {
					if ss[i-1] >= ss[i] {
						return false
					}
				}
			}
		}
		return true
	}
	for i, n := range g.Nodes {
		if (i > 0 && g.Nodes[i-1].ID >= n.ID) || !sort.StringsAreSorted(n.Labels) || !setsSorted(n.Properties) {
			return false
		}
	}
	for i, r := range g.Relationships {
		if (i > 0 && g.Relationships[i-1].ID >= r.ID) || !setsSorted(r.Properties) {
			return false
		}
	}
	return true
}

// propCols turns properties into parallel lists of keys (sorted) and
// values, checking that each value is one kg can store. Rows carry
// properties this way, not as a map, because a property name may be any
// string while a map key in a Cypher literal must be an identifier.
func propCols(props map[string]any) ([]string, []any, error) {
	norm := props
	for _, v := range props {
		switch v.(type) {
		case string, bool, int64, float64, []string:
			continue
		}
		// Something to convert (or reject): the general path.
		var err error
		if norm, err = graph.NormalizeProps(props); err != nil {
			return nil, nil, err
		}
		break
	}
	keys := make([]string, 0, len(norm))
	for k := range norm {
		if k == "id" {
			return nil, nil, fmt.Errorf("property \"id\" is reserved for the node or relationship id")
		}
		if k == "" {
			return nil, nil, fmt.Errorf("empty property name")
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = norm[k]
	}
	return keys, vals, nil
}

// rowProps calls f with each property of a plan row, in key order.
func rowProps(r map[string]any, f func(k string, v any)) {
	keys, vals := r["keys"].([]string), r["vals"].([]any)
	for i, k := range keys {
		f(k, vals[i])
	}
}

// chunks splits rows into batches of at most size.
func chunks[T any](rows []T, size int) [][]T {
	var out [][]T
	for len(rows) > size {
		out = append(out, rows[:size:size])
		rows = rows[size:]
	}
	if len(rows) > 0 {
		out = append(out, rows)
	}
	return out
}
