package resolve

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/kg-news/kg/graph"
)

// Find returns the Person and Organization nodes that name means: the
// node with that id, else those with it as a name or alias (compared
// without case, spaces, hyphens and dots).
func Find(g *graph.Graph, name string) []graph.Node {
	var out []graph.Node
	for _, n := range g.Nodes {
		if !slices.Contains(n.Labels, graph.Person) && !slices.Contains(n.Labels, graph.Organization) {
			continue
		}
		if n.ID == name {
			return []graph.Node{n}
		}
		if nodeMatches(n, name) {
			out = append(out, n)
		}
	}
	return out
}

func nodeMatches(n graph.Node, name string) bool {
	f := fold(name)
	for _, k := range []string{"name", "name_en", "name_ko"} {
		if s, _ := n.Properties[k].(string); s != "" && fold(s) == f {
			return true
		}
	}
	for _, s := range strs(n.Properties["aliases"]) {
		if fold(s) == f {
			return true
		}
	}
	return false
}

func strs(v any) []string { return graph.Strings(v) }

// Explain writes why a and b are one node of g, with the chain of joins
// that links them, or why they are not: which nodes they are, with their
// names, documents and roles. It reports whether they are one node.
func Explain(w io.Writer, g *graph.Graph, a, b string) (bool, error) {
	na, nb := Find(g, a), Find(g, b)
	for _, x := range []struct {
		name  string
		nodes []graph.Node
	}{{a, na}, {b, nb}} {
		if len(x.nodes) == 0 {
			return false, fmt.Errorf("no person or organization named %q in the graph", x.name)
		}
	}
	for _, x := range []struct {
		name  string
		nodes []graph.Node
	}{{a, na}, {b, nb}} {
		if len(x.nodes) > 1 {
			var ids []string
			for _, n := range x.nodes {
				ids = append(ids, n.ID)
			}
			return false, fmt.Errorf("%q names %d nodes (%s): give a node id instead", x.name, len(ids), strings.Join(ids, ", "))
		}
	}
	for _, x := range na {
		for _, y := range nb {
			if x.ID == y.ID {
				fmt.Fprintf(w, "%q and %q are one node: %s (%s)\n", a, b, x.ID, x.Properties["name"])
				chain := joinChain(strs(x.Properties["identity"]), a, b)
				both := pairedIn(strs(x.Properties["identity"]), a, b)
				switch {
				case both != "":
					fmt.Fprintf(w, "  one document's node carries both names: %s\n", both)
				case fold(a) == fold(b) || len(strs(x.Properties["identity"])) == 0:
					fmt.Fprintf(w, "  the same name in every document: %s\n", strings.Join(strs(x.Properties["documents"]), ", "))
				case len(chain) > 0:
					fmt.Fprintln(w, "joined by:")
					for _, l := range chain {
						fmt.Fprintf(w, "  - %s\n", l)
					}
				default:
					fmt.Fprintln(w, "every join of this node:")
					for _, l := range strs(x.Properties["identity"]) {
						fmt.Fprintf(w, "  - %s\n", l)
					}
				}
				return true, nil
			}
		}
	}
	fmt.Fprintf(w, "%q and %q are not one node:\n", a, b)
	roles := map[string][]string{}
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID], _ = n.Properties["name"].(string)
	}
	for _, r := range g.Relationships {
		if r.Type == graph.HoldsRole {
			t, _ := r.Properties["title"].(string)
			roles[r.StartNode] = append(roles[r.StartNode], fmt.Sprintf("%s at %s", t, names[r.EndNode]))
		}
	}
	for _, x := range append(append([]graph.Node(nil), na...), nb...) {
		fmt.Fprintf(w, "  %s: %s", x.ID, x.Properties["name"])
		if al := strs(x.Properties["aliases"]); len(al) > 0 {
			fmt.Fprintf(w, " (also %s)", strings.Join(al, ", "))
		}
		fmt.Fprintf(w, "\n    documents: %s\n", strings.Join(strs(x.Properties["documents"]), ", "))
		if rs := roles[x.ID]; len(rs) > 0 {
			sort.Strings(rs)
			fmt.Fprintf(w, "    roles: %s\n", strings.Join(rs, "; "))
		}
	}
	fmt.Fprintln(w, "kg joins names across documents only on evidence: the same name, a document that pairs the two, or a fitting romanization with a shared organization or story. To join them anyway, list them under same: in a merges.yaml (--merges).")
	return false, nil
}

// joinChain finds the joins that lead from a name of a to a name of b;
// each join reads "X (docs) = Y (docs): why".
func joinChain(links []string, a, b string) []string {
	type edge struct{ to, link string }
	adj := map[string][]edge{}
	var ends []string
	for _, l := range links {
		head, _, ok := strings.Cut(l, ": ")
		if !ok {
			continue
		}
		x, y, ok := strings.Cut(head, " = ")
		if !ok {
			continue
		}
		adj[x] = append(adj[x], edge{y, l})
		adj[y] = append(adj[y], edge{x, l})
		ends = append(ends, x, y)
	}
	sort.Strings(ends)
	ends = slices.Compact(ends)
	for _, start := range ends {
		if !labelHas(start, a) {
			continue
		}
		// breadth first, so the chain is the shortest
		prev := map[string]edge{start: {}}
		queue := []string{start}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			if labelHas(cur, b) {
				var chain []string
				for cur != start {
					e := prev[cur]
					chain = append(chain, e.link)
					cur = e.to
				}
				slices.Reverse(chain)
				return chain
			}
			for _, e := range adj[cur] {
				if _, seen := prev[e.to]; !seen {
					prev[e.to] = edge{cur, e.link}
					queue = append(queue, e.to)
				}
			}
		}
	}
	return nil
}

// pairedIn returns the side of a join whose label carries both names (a
// bilingual article's node), "" if none does.
func pairedIn(links []string, a, b string) string {
	for _, l := range links {
		head, _, _ := strings.Cut(l, ": ")
		x, y, _ := strings.Cut(head, " = ")
		for _, label := range []string{x, y} {
			if labelHas(label, a) && labelHas(label, b) {
				return label
			}
		}
	}
	return ""
}

// labelHas: a join's side names name ("Chung Shin-a / 정신아 (doc)").
func labelHas(label, name string) bool {
	nm, _, _ := strings.Cut(label, " (")
	for _, part := range strings.Split(nm, " / ") {
		if fold(part) == fold(name) {
			return true
		}
	}
	return false
}
