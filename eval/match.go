package eval

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kg-news/kg/graph"
)

// normName is the matching key of a name: NFC, lower case, with spaces,
// hyphens and dashes (and invisible format characters) removed and the
// typographic apostrophes folded to '.
func normName(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Pd, r):
			continue
		case r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff':
			continue
		case r == '\u2019', r == '\u2018', r == '\u02bc', r == '\u2032', r == '\u00b4', r == '`':
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// NamesEqual reports whether two names match under the gold rules:
// case-insensitive, spaces and hyphens ignored, NFC-normalized, typographic
// apostrophes equal to '.
func NamesEqual(a, b string) bool {
	ka := normName(a)
	return ka != "" && ka == normName(b)
}

// extNode is a Person or Organization node of the extracted graph.
type extNode struct {
	id    string
	name  string // name property, or the id when there is none
	typ   string // PersonType or OrgType
	names []string
	keys  map[string]bool
}

// nodeNames returns the node's name, aliases, name_en and name_ko.
func nodeNames(n graph.Node) []string {
	var out []string
	add := func(v any) {
		switch x := v.(type) {
		case string:
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		case []string:
			for _, s := range x {
				if strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			}
		case []any:
			for _, e := range x {
				if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			}
		}
	}
	for _, k := range []string{"name", "aliases", "name_en", "name_ko"} {
		add(n.Properties[k])
	}
	return out
}

func hasLabel(n graph.Node, l string) bool {
	for _, x := range n.Labels {
		if x == l {
			return true
		}
	}
	return false
}

func newExtNode(n graph.Node) (extNode, bool) {
	var typ string
	switch {
	case hasLabel(n, graph.Person):
		typ = PersonType
	case hasLabel(n, graph.Organization):
		typ = OrgType
	default:
		return extNode{}, false
	}
	e := extNode{id: n.ID, typ: typ, names: nodeNames(n), keys: map[string]bool{}}
	if s, ok := n.Properties["name"].(string); ok && strings.TrimSpace(s) != "" {
		e.name = s
	} else {
		e.name = n.ID
	}
	for _, s := range e.names {
		if k := normName(s); k != "" {
			e.keys[k] = true
		}
	}
	return e, true
}

// goldEnt is a gold entity with its matching keys.
type goldEnt struct {
	Entity
	index int
	key   string // key of Name
	keys  map[string]bool
}

func newGoldEnts(gold *Gold) []goldEnt {
	out := make([]goldEnt, len(gold.Entities))
	for i, e := range gold.Entities {
		ge := goldEnt{Entity: e, index: i, key: normName(e.Name), keys: map[string]bool{}}
		ge.keys[ge.key] = true
		for _, a := range e.Aliases {
			if k := normName(a); k != "" {
				ge.keys[k] = true
			}
		}
		out[i] = ge
	}
	return out
}

// candidate is a possible (node, gold entity) match with its evidence.
type candidate struct {
	node    int // index into nodes
	gold    int // index into gold entities
	rank    int // 3: names equal; 2: one's name is the other's alias; 1: aliases only
	overlap int // number of shared keys
}

// assignment is the one-to-one matching of extracted nodes to gold
// entities, plus the duplicates: nodes that match an already taken entity.
type assignment struct {
	nodes   []extNode
	golds   []goldEnt
	byNode  map[string]int // node id → gold index, assigned nodes only
	dupOf   map[string]int // node id → gold index, duplicate nodes only
	byGold  map[int]string // gold index → assigned node id
	nodeIdx map[string]int // node id → index into nodes
}

// resolve returns the gold entity a node stands for: the one it was
// assigned, or for a duplicate the entity it duplicates.
func (a *assignment) resolve(id string) (goldEnt, bool) {
	if gi, ok := a.byNode[id]; ok {
		return a.golds[gi], true
	}
	if gi, ok := a.dupOf[id]; ok {
		return a.golds[gi], true
	}
	return goldEnt{}, false
}

// assign matches nodes to gold entities greedily by evidence: candidates
// are taken best first (rank, then shared keys, then node id, then gold
// order), each node and each gold entity at most once.
func assign(g *graph.Graph, gold *Gold) *assignment {
	a := &assignment{
		golds:   newGoldEnts(gold),
		byNode:  map[string]int{},
		dupOf:   map[string]int{},
		byGold:  map[int]string{},
		nodeIdx: map[string]int{},
	}
	for _, n := range g.Nodes {
		if e, ok := newExtNode(n); ok {
			a.nodes = append(a.nodes, e)
		}
	}
	sort.SliceStable(a.nodes, func(i, j int) bool { return a.nodes[i].id < a.nodes[j].id })
	for i, n := range a.nodes {
		a.nodeIdx[n.id] = i
	}
	var cands []candidate
	for ni, n := range a.nodes {
		nameKey := normName(n.name)
		for gi, ge := range a.golds {
			if ge.Type != n.typ {
				continue
			}
			overlap := 0
			for k := range n.keys {
				if ge.keys[k] {
					overlap++
				}
			}
			if overlap == 0 {
				continue
			}
			rank := 1
			switch {
			case nameKey == ge.key:
				rank = 3
			case ge.keys[nameKey] || n.keys[ge.key]:
				rank = 2
			}
			cands = append(cands, candidate{node: ni, gold: gi, rank: rank, overlap: overlap})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		x, y := cands[i], cands[j]
		if x.rank != y.rank {
			return x.rank > y.rank
		}
		if x.overlap != y.overlap {
			return x.overlap > y.overlap
		}
		if x.node != y.node {
			return x.node < y.node
		}
		return x.gold < y.gold
	})
	for _, c := range cands {
		id := a.nodes[c.node].id
		if _, ok := a.byNode[id]; ok {
			continue
		}
		if _, ok := a.byGold[c.gold]; ok {
			continue
		}
		a.byNode[id] = c.gold
		a.byGold[c.gold] = id
	}
	// A node left over that matched some entity duplicates its best one.
	for _, c := range cands {
		id := a.nodes[c.node].id
		if _, ok := a.byNode[id]; ok {
			continue
		}
		if _, ok := a.dupOf[id]; !ok {
			a.dupOf[id] = c.gold
		}
	}
	return a
}
