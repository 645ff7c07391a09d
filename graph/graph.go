package graph

import (
	"context"
	"slices"
	"sort"

	"github.com/kg-news/kg/internal/slug"
)

// Node labels: the closed schema. Sinks never build labels from text.
const (
	Person       = "Person"
	Organization = "Organization"
	Meeting      = "Meeting"
	Document     = "Document"
)

// Relationship types: the closed schema.
const (
	HoldsRole    = "HOLDS_ROLE"
	Attended     = "ATTENDED"
	Met          = "MET"
	PartnersWith = "PARTNERS_WITH"
	Mentions     = "MENTIONS"
)

// Labels lists every node label kg writes, in a fixed order.
var Labels = []string{Person, Organization, Meeting, Document}

// Types lists every relationship type kg writes, in a fixed order.
var Types = []string{HoldsRole, Attended, Met, PartnersWith, Mentions}

// ValidLabel reports whether l belongs to the closed schema.
func ValidLabel(l string) bool { return slices.Contains(Labels, l) }

// ValidType reports whether t belongs to the closed schema.
func ValidType(t string) bool { return slices.Contains(Types, t) }

// Node is one node of the graph. Properties hold only scalars (string,
// int64, float64, bool) and slices of strings, so the same node can be
// written to Neo4j unchanged.
type Node struct {
	ID         string         `json:"id"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

// Relationship is one directed edge between two node ids.
type Relationship struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	StartNode  string         `json:"startNode"`
	EndNode    string         `json:"endNode"`
	Properties map[string]any `json:"properties"`
}

// Graph is the unit every sink writes: nodes and relationships, sorted by
// id after Sort.
type Graph struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
}

// Sink writes a graph somewhere: a JSON file, Neo4j, a CSV bundle.
type Sink interface {
	Write(ctx context.Context, g *Graph) error
}

// SetProps are the properties whose values are sets of strings: merging
// two nodes or relationships unions them instead of choosing one.
var SetProps = map[string]bool{
	"aliases": true, "documents": true, "spans": true, "rules": true,
	"evidence": true, "titles_original": true, "titles": true, "places": true,
	"kinds": true,
}

// Key builds the canonical key of an entity from its label prefix and a
// name: lower case, runs of anything but letters and digits folded to one
// hyphen. Key("person", "Sam Altman") == "person:sam-altman"; Hangul is kept.
func Key(prefix, name string) string {
	return prefix + ":" + Slug(name)
}

// Slug lower-cases s and joins its letter and digit runs with hyphens.
func Slug(s string) string { return slug.Make(s) }

// Sort orders nodes and relationships by id and every set property, so the
// same graph always serializes to the same bytes.
func (g *Graph) Sort() {
	for i := range g.Nodes {
		normProps(g.Nodes[i].Properties)
		sort.Strings(g.Nodes[i].Labels)
	}
	for i := range g.Relationships {
		normProps(g.Relationships[i].Properties)
	}
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	sort.Slice(g.Relationships, func(i, j int) bool { return g.Relationships[i].ID < g.Relationships[j].ID })
}

func normProps(p map[string]any) {
	for k, v := range p {
		if ss, ok := v.([]string); ok && SetProps[k] {
			p[k] = uniqSorted(ss)
		}
	}
}

// UniqSorted returns the sorted set of ss, a new slice.
func UniqSorted(ss []string) []string { return uniqSorted(ss) }

func uniqSorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	w := 0
	for i, s := range out {
		if i > 0 && s == out[w-1] {
			continue
		}
		out[w] = s
		w++
	}
	return out[:w]
}

// Merge returns the union of graphs: nodes and relationships with the same
// id become one, set properties are unioned, and for other properties the
// smallest value wins, so Merge(a, b) and Merge(b, a) are byte-identical.
func Merge(gs ...*Graph) *Graph {
	m := NewMerger()
	for _, g := range gs {
		m.Add(g)
	}
	return m.Graph()
}

// Merger accumulates graphs one at a time, so a build can drop each
// document's graph as soon as it is merged. The result does not depend on
// the order graphs are added in.
type Merger struct {
	nodes     map[string]*Node
	rels      map[string]*Relationship
	nodeOrder []string
	relOrder  []string
}

// NewMerger returns an empty Merger.
func NewMerger() *Merger {
	return &Merger{nodes: map[string]*Node{}, rels: map[string]*Relationship{}}
}

// Add merges g into the accumulated graph; g is not kept.
func (m *Merger) Add(g *Graph) {
	if g == nil {
		return
	}
	for _, n := range g.Nodes {
		if old, ok := m.nodes[n.ID]; ok {
			old.Labels = uniqSorted(append(old.Labels, n.Labels...))
			mergeProps(old.Properties, n.Properties)
			continue
		}
		c := Node{ID: n.ID, Labels: append([]string(nil), n.Labels...), Properties: copyProps(n.Properties)}
		m.nodes[n.ID] = &c
		m.nodeOrder = append(m.nodeOrder, n.ID)
	}
	for _, r := range g.Relationships {
		if old, ok := m.rels[r.ID]; ok {
			mergeProps(old.Properties, r.Properties)
			continue
		}
		c := r
		c.Properties = copyProps(r.Properties)
		m.rels[r.ID] = &c
		m.relOrder = append(m.relOrder, r.ID)
	}
}

// Graph returns the accumulated graph, sorted.
func (m *Merger) Graph() *Graph {
	out := &Graph{Nodes: make([]Node, 0, len(m.nodeOrder)), Relationships: make([]Relationship, 0, len(m.relOrder))}
	for _, id := range m.nodeOrder {
		out.Nodes = append(out.Nodes, *m.nodes[id])
	}
	for _, id := range m.relOrder {
		out.Relationships = append(out.Relationships, *m.rels[id])
	}
	out.Sort()
	return out
}

func copyProps(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if ss, ok := v.([]string); ok {
			v = append([]string(nil), ss...)
		}
		out[k] = v
	}
	return out
}

func mergeProps(dst, src map[string]any) {
	for k, v := range src {
		old, ok := dst[k]
		if !ok {
			if ss, ok := v.([]string); ok {
				v = append([]string(nil), ss...)
			}
			dst[k] = v
			continue
		}
		os, ok1 := old.([]string)
		ns, ok2 := v.([]string)
		if ok1 && ok2 {
			dst[k] = uniqSorted(append(append([]string(nil), os...), ns...))
			continue
		}
		if less(v, old) {
			dst[k] = v
		}
	}
}

// less orders two property values of possibly different kinds.
func less(a, b any) bool {
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return x < y
		}
	case int64:
		if y, ok := b.(int64); ok {
			return x < y
		}
	case float64:
		if y, ok := b.(float64); ok {
			return x < y
		}
	case bool:
		if y, ok := b.(bool); ok {
			return !x && y
		}
	}
	return false
}

// Count returns how many nodes carry each label and how many relationships
// have each type.
func (g *Graph) Count() (nodes, rels map[string]int) {
	nodes, rels = map[string]int{}, map[string]int{}
	for _, n := range g.Nodes {
		for _, l := range n.Labels {
			nodes[l]++
		}
	}
	for _, r := range g.Relationships {
		rels[r.Type]++
	}
	return nodes, rels
}
