package eval

import (
	"slices"
	"sort"

	"github.com/kg-news/kg/graph"
)

// withGatheringPairs returns g with a MET relationship for each pair of
// people who attended a Meeting and have no MET there: kg writes MET pairs only
// for meetings of up to docgraph.MaxPairwiseMET participants, and gold
// meetings are scored as pairs whatever their size. Each pair's
// documents are those both attendances name, its rules those of both.
// g itself is not changed. This builds every pair of a gathering: it is
// for scoring gold-sized documents, not hostile ones.
func withGatheringPairs(g *graph.Graph) *graph.Graph {
	persons := map[string]bool{}
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Person) {
			persons[n.ID] = true
		}
	}
	hasMET := map[[3]string]bool{} // meeting, the two people in order
	attended := map[string][]graph.Relationship{}
	for _, r := range g.Relationships {
		switch r.Type {
		case graph.Met:
			if m, _ := r.Properties["meeting"].(string); m != "" {
				hasMET[[3]string{m, min(r.StartNode, r.EndNode), max(r.StartNode, r.EndNode)}] = true
			}
		case graph.Attended:
			if persons[r.StartNode] {
				attended[r.EndNode] = append(attended[r.EndNode], r)
			}
		}
	}
	var add []graph.Relationship
	for mid, as := range attended {
		if len(as) < 2 {
			continue
		}
		sort.Slice(as, func(i, j int) bool { return as[i].StartNode < as[j].StartNode })
		for i := range as {
			for j := i + 1; j < len(as); j++ {
				a, b := as[i], as[j]
				if hasMET[[3]string{mid, min(a.StartNode, b.StartNode), max(a.StartNode, b.StartNode)}] {
					continue
				}
				var docs []string
				for _, d := range stringsProp(a.Properties["documents"]) {
					if slices.Contains(stringsProp(b.Properties["documents"]), d) {
						docs = append(docs, d)
					}
				}
				if len(docs) == 0 {
					continue
				}
				rules := graph.UniqSorted(append(stringsProp(a.Properties["rules"]), stringsProp(b.Properties["rules"])...))
				add = append(add, graph.Relationship{
					ID: graph.Met + ":" + a.StartNode + "--" + b.StartNode + "@" + mid, Type: graph.Met,
					StartNode: a.StartNode, EndNode: b.StartNode,
					Properties: map[string]any{"meeting": mid, "documents": docs, "rules": rules}})
			}
		}
	}
	if len(add) == 0 {
		return g
	}
	sort.Slice(add, func(i, j int) bool { return add[i].ID < add[j].ID })
	out := *g
	out.Relationships = append(slices.Clip(g.Relationships), add...)
	return &out
}
