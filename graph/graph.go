package graph

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"io"
	"slices"
	"sort"
	"strings"

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

// MergerSink is a Sink that can also write what a Merger holds without
// building the Graph first. JSONSink streams it a chunk at a time and
// frees each chunk once written, so a build's peak memory stays about the
// merged graph's instead of the merger's and the Graph's together.
type MergerSink interface {
	Sink
	WriteMerger(ctx context.Context, m *Merger) error
}

// WriteMerged writes the graph m holds to s and empties m: through
// s.WriteMerger when s is a MergerSink, else as s.Write(ctx, m.Graph()).
// The graph written is the same either way.
func WriteMerged(ctx context.Context, s Sink, m *Merger) error {
	if ms, ok := s.(MergerSink); ok {
		return ms.WriteMerger(ctx, m)
	}
	return s.Write(ctx, m.Graph())
}

// SetProps are the properties whose values are sets of strings: merging
// two nodes or relationships unions them instead of choosing one.
var SetProps = map[string]bool{
	"aliases": true, "documents": true, "spans": true, "rules": true,
	"evidence": true, "titles_original": true, "titles": true, "places": true,
	"kinds": true, "identity": true,
}

// Key builds the canonical key of an entity from its label prefix and a
// name: lower case, runs of anything but letters and digits folded to one
// hyphen. Key("person", "Sam Altman") == "person:sam-altman"; Hangul is kept.
func Key(prefix, name string) string {
	return prefix + ":" + Slug(name)
}

// Slug lower-cases s and joins its letter and digit runs with hyphens.
func Slug(s string) string { return slug.Make(s) }

// DocKey is the node id of a document.
func DocKey(id string) string { return "doc:" + id }

// MeetingKey names a meeting by its date and participants: a document's
// meetings by their document too (docgraph.FromResult), one meeting of
// several reports by its date and everyone who attended (corpus
// resolution).
func MeetingKey(date string, participants []string) string {
	h := sha1.Sum([]byte(strings.Join(participants, "\n")))
	if date == "" {
		date = "undated"
	}
	return "meeting:" + date + ":" + hex.EncodeToString(h[:6])
}

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
		if ss, ok := v.([]string); ok && SetProps[k] && !isSortedUniq(ss) {
			p[k] = uniqSorted(ss)
		}
	}
}

func isSortedUniq(ss []string) bool {
	for i := 1; i < len(ss); i++ {
		if ss[i-1] >= ss[i] {
			return false
		}
	}
	return true
}

// sortUniqInPlace sorts ss and drops repeats, in ss's own memory.
func sortUniqInPlace(ss []string) []string {
	if isSortedUniq(ss) {
		return ss
	}
	sort.Strings(ss)
	return slices.Compact(ss)
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
//
// It keeps what it is given compactly: properties as a slice sorted by
// key (a Go map costs about 300 bytes even for three entries, and a build
// holds hundreds of thousands), set properties sorted and unique as it
// goes. Strings are shared with the graphs added, not copied: evidence and
// names are cut from the document texts, and one text holding them all
// costs less than copies of each.
type Merger struct {
	nodeAt map[string]int
	relAt  map[string]int
	nodes  []cNode
	rels   []cRel
	size   int64 // about the bytes Encode will write
}

// prop is one property; props are sorted by key.
type prop struct {
	key string
	val any
}

type props []prop

type cNode struct {
	id     string
	labels []string
	props  props
}

type cRel struct {
	id, typ, start, end string
	props               props
}

// NewMerger returns an empty Merger.
func NewMerger() *Merger {
	return &Merger{nodeAt: map[string]int{}, relAt: map[string]int{}}
}

// Add merges g into the accumulated graph; g is not kept.
func (m *Merger) Add(g *Graph) {
	if g == nil {
		return
	}
	for _, n := range g.Nodes {
		if i, ok := m.nodeAt[n.ID]; ok {
			old := &m.nodes[i]
			if !containsAll(old.labels, n.Labels) {
				old.labels = uniqSorted(append(old.labels, n.Labels...))
			}
			m.size += old.props.merge(n.Properties)
			continue
		}
		m.nodeAt[n.ID] = len(m.nodes)
		c := cNode{id: n.ID, labels: uniqSorted(n.Labels), props: compact(n.Properties)}
		m.size += int64(60+len(c.id)) + jsonSize(c.labels, 4) + c.props.jsonSize()
		m.nodes = append(m.nodes, c)
	}
	for _, r := range g.Relationships {
		if i, ok := m.relAt[r.ID]; ok {
			m.size += m.rels[i].props.merge(r.Properties)
			continue
		}
		m.relAt[r.ID] = len(m.rels)
		c := cRel{id: r.ID, typ: r.Type, start: r.StartNode, end: r.EndNode, props: compact(r.Properties)}
		m.size += int64(90+len(c.id)+len(c.typ)+len(c.start)+len(c.end)) + c.props.jsonSize()
		m.rels = append(m.rels, c)
	}
}

// Len returns how many nodes and relationships the Merger holds.
func (m *Merger) Len() (nodes, rels int) { return len(m.nodes), len(m.rels) }

// Count returns how many nodes carry each label and how many relationships
// have each type, as Graph.Count does.
func (m *Merger) Count() (nodes, rels map[string]int) {
	nodes, rels = map[string]int{}, map[string]int{}
	for _, n := range m.nodes {
		for _, l := range n.labels {
			nodes[l]++
		}
	}
	for _, r := range m.rels {
		rels[r.typ]++
	}
	return nodes, rels
}

// sort orders the nodes and relationships by id; the index maps are no
// longer needed after it.
func (m *Merger) sort() {
	done := make(chan struct{})
	go func() {
		slices.SortFunc(m.nodes, func(a, b cNode) int { return strings.Compare(a.id, b.id) })
		close(done)
	}()
	slices.SortFunc(m.rels, func(a, b cRel) int { return strings.Compare(a.id, b.id) })
	<-done
	m.nodeAt, m.relAt = nil, nil
}

func (n *cNode) node() Node {
	return Node{ID: n.id, Labels: n.labels, Properties: n.props.toMap()}
}

func (r *cRel) rel() Relationship {
	return Relationship{ID: r.id, Type: r.typ, StartNode: r.start, EndNode: r.end, Properties: r.props.toMap()}
}

// Graph returns the accumulated graph, sorted, and empties the Merger.
func (m *Merger) Graph() *Graph {
	m.sort()
	out := &Graph{Nodes: make([]Node, len(m.nodes)), Relationships: make([]Relationship, len(m.rels))}
	for i := range m.nodes {
		out.Nodes[i] = m.nodes[i].node()
	}
	for i := range m.rels {
		out.Relationships[i] = m.rels[i].rel()
	}
	*m = *NewMerger()
	out.Sort()
	return out
}

// Encode writes the accumulated graph as Encode(w, m.Graph()) would, one
// node or relationship at a time, without building the Graph; it empties
// the Merger. workers > 1 encodes chunks of items in parallel.
func (m *Merger) Encode(w io.Writer, workers int) error {
	m.sort()
	// an item's memory can go once it is written
	err := encode(w, array{len(m.nodes), func(i int) any { return &m.nodes[i] }, func(lo, hi int) { clear(m.nodes[lo:hi]) }},
		array{len(m.rels), func(i int) any { return &m.rels[i] }, func(lo, hi int) { clear(m.rels[lo:hi]) }}, workers)
	*m = *NewMerger()
	return err
}

// compact returns p as props: its own slices, sorted by key, set
// properties sorted and unique.
func compact(p map[string]any) props {
	out := make(props, 0, len(p))
	for k, v := range p {
		out = append(out, prop{k, ownValue(k, v)})
	}
	slices.SortFunc(out, func(a, b prop) int { return strings.Compare(a.key, b.key) })
	return out
}

func (ps props) toMap() map[string]any {
	out := make(map[string]any, len(ps))
	for _, p := range ps {
		out[p.key] = p.val
	}
	return out
}

// merge merges src into ps as MergeProps merges maps; it returns about
// how many bytes that adds to the JSON.
func (ps *props) merge(src map[string]any) int64 {
	var grew int64
	for k, v := range src {
		i, found := slices.BinarySearchFunc(*ps, k, func(p prop, k string) int { return strings.Compare(p.key, k) })
		if !found {
			*ps = slices.Insert(*ps, i, prop{k, ownValue(k, v)})
			grew += propSize((*ps)[i])
			continue
		}
		old := (*ps)[i].val
		if os, ok := old.([]string); ok && SetProps[k] {
			if ns, ok := v.([]string); ok {
				// the Merger's sets are its own, sorted and unique: new
				// strings go in at their place, and only they are counted
				// (a set many documents add to is not copied, sorted or
				// measured again each time)
				for _, str := range ns {
					if j, found := slices.BinarySearch(os, str); !found {
						os = slices.Insert(os, j, str)
						grew += itemSize(str, 6)
					}
				}
				(*ps)[i].val = os
				continue
			}
		}
		before := propSize((*ps)[i])
		(*ps)[i].val = mergeValue(k, old, v)
		grew += propSize((*ps)[i]) - before
	}
	return grew
}

// ApproxJSONBytes is about how many bytes Encode would write now (within
// a few percent: escapes are not counted).
func (m *Merger) ApproxJSONBytes() int64 { return m.size }

func (ps props) jsonSize() int64 {
	n := int64(4)
	for _, p := range ps {
		n += propSize(p)
	}
	return n
}

// propSize is about the bytes a property takes in the indented JSON.
func propSize(p prop) int64 {
	n := int64(len(p.key) + 10)
	switch v := p.val.(type) {
	case string:
		n += int64(len(v) + 2)
	case []string:
		n += jsonSize(v, 6)
	default:
		n += 8
	}
	return n
}

// jsonSize is about the bytes of a string list whose items are indented
// by indent spaces.
func jsonSize(ss []string, indent int) int64 {
	n := int64(4)
	for _, s := range ss {
		n += itemSize(s, indent)
	}
	return n
}

// itemSize is about the bytes of one string of a list.
func itemSize(s string, indent int) int64 { return int64(len(s) + indent + 5) }

// containsAll reports whether every string of b is in a.
func containsAll(a, b []string) bool {
	for _, s := range b {
		if !slices.Contains(a, s) {
			return false
		}
	}
	return true
}

// ownValue returns v with a slice of its own.
func ownValue(k string, v any) any {
	switch x := v.(type) {
	case []string:
		c := append([]string(nil), x...)
		if SetProps[k] {
			return sortUniqInPlace(c)
		}
		return c
	}
	return v
}

// MergeProps merges the properties src into dst as Merge merges two nodes
// or relationships with one id: two lists of strings become their union,
// sorted and unique; of two other values the smaller one wins.
func MergeProps(dst, src map[string]any) {
	for k, v := range src {
		old, ok := dst[k]
		if !ok {
			dst[k] = ownValue(k, v)
			continue
		}
		dst[k] = mergeValue(k, old, v)
	}
}

// mergeValue returns the merge of property k's values old and v: the union
// of two string lists (sorted, unique), else the smaller value.
func mergeValue(k string, old, v any) any {
	os, ok1 := old.([]string)
	ns, ok2 := v.([]string)
	if ok1 && ok2 {
		if !SetProps[k] || !isSortedUniq(os) {
			return uniqSorted(append(append([]string(nil), os...), ns...))
		}
		// a sorted set: add only what is new
		var add []string
		for _, s := range ns {
			if _, found := slices.BinarySearch(os, s); !found && !slices.Contains(add, s) {
				add = append(add, s)
			}
		}
		if len(add) > 0 {
			return sortUniqInPlace(append(append(make([]string, 0, len(os)+len(add)), os...), add...))
		}
		return os
	}
	if less(v, old) {
		return ownValue(k, v)
	}
	return old
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

// EachNode calls f with every node the Merger holds, in no particular
// order; the properties are a fresh map.
func (m *Merger) EachNode(f func(Node)) {
	for i := range m.nodes {
		f(m.nodes[i].node())
	}
}

// EachRel calls f with every relationship the Merger holds, in no
// particular order; the properties are a fresh map.
func (m *Merger) EachRel(f func(Relationship)) {
	for i := range m.rels {
		f(m.rels[i].rel())
	}
}

// EachNode calls f with every node of g.
func (g *Graph) EachNode(f func(Node)) {
	for _, n := range g.Nodes {
		f(n)
	}
}

// EachRel calls f with every relationship of g.
func (g *Graph) EachRel(f func(Relationship)) {
	for _, r := range g.Relationships {
		f(r)
	}
}

// Rename returns what the Merger holds with node ids renamed by to (ids
// not in it stay as they are) and then the properties of set laid over
// the renamed nodes: nodes that get one id become one node (properties
// merged as Add merges them), relationships get the ids of their new ends
// (MET and ATTENDED also of their new meeting) and merge the same way,
// and a relationship whose two ends became one node is dropped. The
// "participants" of meetings and the "meeting" of MET are renamed too. It
// empties m.
func (m *Merger) Rename(to map[string]string, set map[string]map[string]any) *Merger {
	ren := func(id string) string {
		if n, ok := to[id]; ok {
			return n
		}
		return id
	}
	out := NewMerger()
	one := &Graph{Nodes: make([]Node, 1)}
	for i := range m.nodes {
		n := m.nodes[i].node()
		n.ID = ren(n.ID)
		if ps, ok := n.Properties["participants"].([]string); ok {
			rp := make([]string, len(ps))
			for j, p := range ps {
				rp[j] = ren(p)
			}
			n.Properties["participants"] = uniqSorted(rp)
		}
		one.Nodes[0] = n
		out.Add(one)
		m.nodes[i] = cNode{}
	}
	for id, ps := range set {
		i, ok := out.nodeAt[id]
		if !ok {
			continue
		}
		for k, v := range ps {
			j, found := slices.BinarySearchFunc(out.nodes[i].props, k, func(p prop, k string) int { return strings.Compare(p.key, k) })
			if found {
				out.size -= propSize(out.nodes[i].props[j])
				out.nodes[i].props[j].val = ownValue(k, v)
			} else {
				out.nodes[i].props = slices.Insert(out.nodes[i].props, j, prop{k, ownValue(k, v)})
			}
			out.size += propSize(out.nodes[i].props[j])
		}
	}
	oneRel := &Graph{Relationships: make([]Relationship, 1)}
	for i := range m.rels {
		r := m.rels[i].rel()
		m.rels[i] = cRel{}
		start, end := ren(r.StartNode), ren(r.EndNode)
		if start == end {
			continue
		}
		meeting, _ := r.Properties["meeting"].(string)
		if newMeeting := ren(meeting); start != r.StartNode || end != r.EndNode || newMeeting != meeting {
			// an end or the meeting renamed: the id names the new ones
			// (a relationship whose ends stay keeps its id, whatever
			// its form)
			r.StartNode, r.EndNode = start, end
			if meeting != "" {
				r.Properties["meeting"] = newMeeting
			}
			r.ID = RelKey(r.Type, start, end, newMeeting)
			if (r.Type == Met || r.Type == PartnersWith) && r.EndNode < r.StartNode {
				r.StartNode, r.EndNode = r.EndNode, r.StartNode
			}
		}
		oneRel.Relationships[0] = r
		out.Add(oneRel)
	}
	*m = *NewMerger()
	return out
}

// RelKey is the id of a relationship of type typ between start and end:
// MET and PARTNERS_WITH are undirected (their ends in id order), MET
// names its meeting too.
func RelKey(typ, start, end, meeting string) string {
	switch typ {
	case Met, PartnersWith:
		if end < start {
			start, end = end, start
		}
		id := typ + ":" + start + "--" + end
		if typ == Met {
			id += "@" + meeting
		}
		return id
	}
	return typ + ":" + start + "->" + end
}

// Strings reads a property that holds strings: a list (as decoded from
// JSON, []any), or one string.
func Strings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case string:
		if x != "" {
			return []string{x}
		}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
