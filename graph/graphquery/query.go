package graphquery

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kg-news/kg/graph"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Graph is a graph indexed for queries. It is read-only and safe for
// concurrent use.
type Graph struct {
	nodes []graph.Node
	rels  []graph.Relationship
	at    map[string]int
	// adj lists, for each node, the relationships that touch it (a
	// relationship from a node to itself once), in relationship id order.
	adj [][]int
}

// New indexes g, which it keeps and does not change. Node ids should be
// unique, as graph.Merge makes them (a database holds one node per id):
// of two nodes with one id, the first is used. Relationships of types
// outside graph.Types, and those whose ends are not nodes of g, are
// ignored.
func New(g *graph.Graph) *Graph {
	q := &Graph{nodes: g.Nodes, at: make(map[string]int, len(g.Nodes)), adj: make([][]int, len(g.Nodes))}
	for i, n := range g.Nodes {
		if _, dup := q.at[n.ID]; !dup {
			q.at[n.ID] = i
		}
	}
	q.rels = make([]graph.Relationship, 0, len(g.Relationships))
	for _, r := range g.Relationships {
		if !graph.ValidType(r.Type) {
			continue
		}
		if _, ok := q.at[r.StartNode]; !ok {
			continue
		}
		if _, ok := q.at[r.EndNode]; !ok {
			continue
		}
		q.rels = append(q.rels, r)
	}
	// relationship id order makes every answer independent of the order
	// of g's slices (graph.Sort gives it already)
	slices.SortStableFunc(q.rels, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	for i, r := range q.rels {
		s, e := q.at[r.StartNode], q.at[r.EndNode]
		q.adj[s] = append(q.adj[s], i)
		if e != s {
			q.adj[e] = append(q.adj[e], i)
		}
	}
	return q
}

// matcher tests whether a node is called name, as the server's nameMatch
// does: its id equal to name, or its name, name_en, name_ko or one of
// its aliases equal to name under Cypher's toLower. A property that is
// not a string (aliases: not a list of strings) matches nothing.
type matcher struct {
	name, lower string
	caser       cases.Caser
}

func newMatcher(name string) *matcher {
	m := &matcher{name: name, caser: cases.Lower(language.Und)}
	m.lower = m.caser.String(name)
	return m
}

func (m *matcher) match(n graph.Node) bool {
	if n.ID == m.name {
		return true
	}
	for _, k := range [...]string{"name", "name_en", "name_ko"} {
		if s, ok := n.Properties[k].(string); ok && m.caser.String(s) == m.lower {
			return true
		}
	}
	aliases, _ := n.Properties["aliases"].([]string)
	for _, s := range aliases {
		if m.caser.String(s) == m.lower {
			return true
		}
	}
	return false
}

// find returns the nodes called name that carry label (any kg label when
// label is ""), in id order.
func (q *Graph) find(name, label string) []int {
	m := newMatcher(name)
	var out []int
	for i, n := range q.nodes {
		if q.at[n.ID] != i || !hasLabel(n, label) {
			continue
		}
		if m.match(n) {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b int) int { return strings.Compare(q.nodes[a].ID, q.nodes[b].ID) })
	return out
}

// hasLabel reports whether n carries label, or any kg label for "".
func hasLabel(n graph.Node, label string) bool {
	for _, l := range n.Labels {
		if l == label || label == "" && graph.ValidLabel(l) {
			return true
		}
	}
	return false
}

// entity names node i as the server's queries do: its name (coalesce(
// name, id)), "" for a name that is not a string.
func (q *Graph) entity(i int) Entity {
	n := q.nodes[i]
	return Entity{ID: n.ID, Name: nameOf(n)}
}

func nameOf(n graph.Node) string {
	v, ok := n.Properties["name"]
	if !ok || v == nil {
		return n.ID
	}
	s, _ := v.(string)
	return s
}

// other is the end of relationship r that is not node i (i for a loop).
func (q *Graph) other(r graph.Relationship, i int) int {
	if s := q.at[r.StartNode]; s != i {
		return s
	}
	return q.at[r.EndNode]
}

// WhoMet lists the people a person called name met, through MET
// relationships and shared ATTENDED meetings, one Met per pair, as
// neo4jsink's WhoMet does: every Person called name (see the package
// doc) is asked for, the Mets sorted by the asking person's id, then the
// met person's name. It wraps ErrNotFound when no person has the name.
func (q *Graph) WhoMet(name string) ([]Met, error) {
	who := q.find(name, graph.Person)
	if len(who) == 0 {
		return nil, fmt.Errorf("no person called %q: %w", name, ErrNotFound)
	}
	var rows []Row
	// MET relationships, either way, to another person; the date is the
	// relationship's, else its meeting's, the place its meeting's
	for _, n := range who {
		for _, ri := range q.adj[n] {
			r := q.rels[ri]
			p := q.other(r, n)
			if r.Type != graph.Met || p == n || !hasLabel(q.nodes[p], graph.Person) {
				continue
			}
			var m *graph.Node
			if id, ok := r.Properties["meeting"].(string); ok {
				if j, ok := q.at[id]; ok && hasLabel(q.nodes[j], graph.Meeting) {
					m = &q.nodes[j]
				}
			}
			mt := Meeting{Evidence: strs(r.Properties["evidence"]), Documents: strs(r.Properties["documents"])}
			date := r.Properties["date"]
			if m != nil {
				mt.ID = m.ID
				if date == nil {
					date = m.Properties["date"]
				}
				mt.Place = cypherString(m.Properties["place"])
			}
			mt.Date = cypherString(date)
			rows = append(rows, Row{Who: q.entity(n), Whom: q.entity(p), Meeting: mt})
		}
	}
	// a Meeting both attended
	for _, n := range who {
		for _, ri := range q.adj[n] {
			a1 := q.rels[ri]
			m := q.at[a1.EndNode]
			if a1.Type != graph.Attended || a1.StartNode != q.nodes[n].ID || !hasLabel(q.nodes[m], graph.Meeting) {
				continue
			}
			for _, rj := range q.adj[m] {
				a2 := q.rels[rj]
				p := q.at[a2.StartNode]
				if a2.Type != graph.Attended || a2.EndNode != q.nodes[m].ID || p == n || !hasLabel(q.nodes[p], graph.Person) {
					continue
				}
				mn := q.nodes[m]
				rows = append(rows, Row{Who: q.entity(n), Whom: q.entity(p), Meeting: Meeting{
					ID: mn.ID, Date: cypherString(mn.Properties["date"]), Place: cypherString(mn.Properties["place"]),
					Evidence:  append(strs(a1.Properties["evidence"]), strs(a2.Properties["evidence"])...),
					Documents: append(strs(a1.Properties["documents"]), strs(a2.Properties["documents"])...),
				}})
			}
		}
	}
	return GroupMet(rows), nil
}

// strs is a list property's strings (coalesce(p, []) read as strings):
// nothing for a property that is missing or not a list.
func strs(v any) []string {
	ss, _ := v.([]string)
	return append([]string{}, ss...)
}

// cypherString is Cypher's toString of a property value, "" for null (or
// a list, which toString refuses).
func cypherString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return javaDouble(x)
	}
	return ""
}

// javaDouble formats f as Java's Double.toString, which Cypher's toString
// uses: 1.0, 0.001, 1.0E7, 1.5E-4.
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0 && math.Signbit(f):
		return "-0.0"
	case f == 0:
		return "0.0"
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'E', -1, 64), "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// ShortestPath finds a shortest chain of at most depth relationships of
// any kg type, in either direction, between a node called from and
// another called to (any kg label; names matched as in WhoMet), as
// neo4jsink's ShortestPath does: the shortest over every pair of such
// nodes; among those, the one through the fewest Document nodes, then the
// first by its node ids; then, where the server's choice is arbitrary
// (two relationships between the same two nodes), the first by its
// relationship ids. It wraps ErrNotFound when either name matches nothing
// or no chain exists.
func (q *Graph) ShortestPath(from, to string, depth int) (*Path, error) {
	if depth < 1 || depth > MaxPathDepth {
		return nil, fmt.Errorf("path depth %d: want 1 to %d", depth, MaxPathDepth)
	}
	as, bs := q.find(from, ""), q.find(to, "")
	if len(as) == 0 {
		return nil, fmt.Errorf("nothing called %q: %w", from, ErrNotFound)
	}
	if len(bs) == 0 {
		return nil, fmt.Errorf("nothing called %q: %w", to, ErrNotFound)
	}
	target := make([]bool, len(q.nodes))
	for _, b := range bs {
		target[b] = true
	}
	dists := make([][]int, len(as))
	length := depth + 1
	for k, a := range as {
		dists[k] = q.bfs(a, depth)
		for _, b := range bs {
			if d := dists[k][b]; b != a && d > 0 && d < length {
				length = d
			}
		}
	}
	if length > depth {
		return nil, fmt.Errorf("no path between %q and %q within %d steps: %w", from, to, depth, ErrNotFound)
	}
	var best *chain
	for k, a := range as {
		c := q.bestChain(a, dists[k], length, target)
		if c != nil && (best == nil || c.less(best, q)) {
			best = c
		}
	}
	p := &Path{}
	for _, i := range best.nodes {
		n := q.nodes[i]
		var labels []string
		for _, l := range n.Labels {
			if graph.ValidLabel(l) {
				labels = append(labels, l)
			}
		}
		p.Nodes = append(p.Nodes, Entity{ID: n.ID, Name: nameOf(n), Labels: labels})
	}
	for k, ri := range best.rels {
		r := q.rels[ri]
		props, _ := graph.NormalizeProps(r.Properties)
		delete(props, "id")
		p.Steps = append(p.Steps, Step{Type: r.Type, Forward: r.StartNode == p.Nodes[k].ID, Properties: props})
	}
	return p, nil
}

// bfs returns each node's distance from a in steps (-1 beyond depth).
func (q *Graph) bfs(a, depth int) []int {
	dist := make([]int, len(q.nodes))
	for i := range dist {
		dist[i] = -1
	}
	dist[a] = 0
	layer := []int{a}
	for d := 1; d <= depth && len(layer) > 0; d++ {
		var next []int
		for _, x := range layer {
			for _, ri := range q.adj[x] {
				if y := q.other(q.rels[ri], x); dist[y] < 0 {
					dist[y] = d
					next = append(next, y)
				}
			}
		}
		layer = next
	}
	return dist
}

// chain is a path from a node: its nodes, the relationships between
// them and how many of its nodes are Documents.
type chain struct {
	docs  int
	nodes []int
	rels  []int
}

// less orders chains of one length as the server orders its shortest
// paths: fewer Document nodes first, then by the list of node ids, then
// by the list of relationship ids.
func (c *chain) less(d *chain, q *Graph) bool {
	if c.docs != d.docs {
		return c.docs < d.docs
	}
	for i := range c.nodes {
		if x, y := q.nodes[c.nodes[i]].ID, q.nodes[d.nodes[i]].ID; x != y {
			return x < y
		}
	}
	for i := range c.rels {
		if x, y := q.rels[c.rels[i]].ID, q.rels[d.rels[i]].ID; x != y {
			return x < y
		}
	}
	return false
}

// bestChain returns the least chain (see less) of length steps from a to
// a target other than a, dist being a's distances, or nil if none. Every
// such chain is a shortest path from a to its end, so it goes one BFS
// layer further each step, and the least one is found backwards: the
// least chain from a node of layer k is the node followed by the least
// of the chains from its neighbours in layer k+1 (the order of chains
// that start alike is the order of their rests).
func (q *Graph) bestChain(a int, dist []int, length int, target []bool) *chain {
	isDoc := func(i int) int {
		if hasLabel(q.nodes[i], graph.Document) {
			return 1
		}
		return 0
	}
	best := map[int]*chain{}
	layers := make([][]int, length+1)
	for i, d := range dist {
		if d >= 0 && d <= length {
			layers[d] = append(layers[d], i)
		}
	}
	for _, i := range layers[length] {
		if target[i] && i != a {
			best[i] = &chain{docs: isDoc(i), nodes: []int{i}}
		}
	}
	for k := length - 1; k >= 0; k-- {
		for _, x := range layers[k] {
			var b *chain
			for _, ri := range q.adj[x] {
				y := q.other(q.rels[ri], x)
				rest := best[y]
				if dist[y] != k+1 || rest == nil {
					continue
				}
				c := &chain{docs: isDoc(x) + rest.docs, nodes: append([]int{x}, rest.nodes...), rels: append([]int{ri}, rest.rels...)}
				if b == nil || c.less(b, q) {
					b = c
				}
			}
			if b != nil {
				best[x] = b
			}
		}
	}
	return best[a]
}
