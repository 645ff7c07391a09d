// Package graphml writes a kg graph as GraphML
// (http://graphml.graphdrawing.org/xmlns), the XML graph format that
// Gephi, yEd, Cytoscape and networkx read.
//
// The file is one directed <graph>. Each node is a <node> whose id is the
// kg id; each relationship an <edge> with its kg id, source and target.
// Their values are <data> elements of <key>s declared up front, one per
// property name and domain (node or edge), named by attr.name and
// sorted by it:
//
//   - node "labels": the node's labels as ":Person" or
//     ":Organization:Person" (the form Neo4j's APOC GraphML export
//     writes), and node "label": a display name (the name property, else
//     the id), the column Gephi and yEd caption nodes with;
//   - edge "type": the relationship type (MET, HOLDS_ROLE …), and edge
//     "label": the type again, Gephi's edge caption;
//   - every property under its own name. Strings are "string"; a
//     property whose values are all integers is "long", all numbers
//     "double", all booleans "boolean" (written true/false); any other
//     mix is "string". A list of strings (aliases, documents, evidence …)
//     is a string holding a JSON array, ["Sam Altman","샘 알트먼"], as
//     APOC writes lists: no separator can be told from the text (evidence
//     sentences hold semicolons and commas), and json.loads or any JSON
//     reader gets the list back. The key's <desc> says so.
//
// A property whose name is one of the attributes above (a node property
// "labels" or "label", an edge property "type" or "label") is written as
// "property." + its name.
//
// Output is deterministic: keys sorted by name, nodes and edges in id
// order, properties in key order, so the same graph always gives the same
// bytes. Text is escaped for XML (& < >, and CR as a character reference;
// in attributes also ", tab and LF), so a reader gets every character
// back, CR and line breaks included.
// Characters XML 1.0 cannot hold at all (U+0000-U+0008, U+000B, U+000C,
// U+000E-U+001F, U+FFFE, U+FFFF) and invalid UTF-8 are written as U+FFFD
// in values; in a node or relationship id they are an error, since the id
// must stay what the edges refer to.
//
// Write streams: it holds the key declarations, not the document.
package graphml

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/graph"
)

// Namespace is GraphML's XML namespace.
const Namespace = "http://graphml.graphdrawing.org/xmlns"

// The attributes Write adds beside the properties.
const (
	AttrLabels = "labels" // node: ":Label1:Label2"
	AttrLabel  = "label"  // node: display name; edge: the type
	AttrType   = "type"   // edge: the relationship type
)

// ListDesc is the <desc> of a key whose values are lists.
const ListDesc = "a list of strings, as a JSON array"

// key is one <key> declaration.
type key struct {
	id, domain, name, typ string
	list                  bool
	idx                   int // position in attr.name order
}

// keys are the declarations of one domain, by attr.name.
type keys map[string]*key

// kinds a property's values can have, in the order that widens them.
const (
	kLong    = "long"
	kDouble  = "double"
	kBoolean = "boolean"
	kString  = "string"
)

func kindOf(v any) (kind string, list bool) {
	switch v.(type) {
	case int64, int:
		return kLong, false
	case float64:
		return kDouble, false
	case bool:
		return kBoolean, false
	case []string, []any:
		return kString, true
	}
	return kString, false
}

// widen is the attr.type of a key whose values were of kind a and are
// now also of kind b.
func widen(a, b string) string {
	switch {
	case a == b:
		return a
	case (a == kLong && b == kDouble) || (a == kDouble && b == kLong):
		return kDouble
	}
	return kString
}

func (ks keys) add(domain, name string, v any) {
	kind, list := kindOf(v)
	if k, ok := ks[name]; ok {
		k.typ = widen(k.typ, kind)
		k.list = k.list || list
		return
	}
	ks[name] = &key{domain: domain, name: name, typ: kind, list: list}
}

// sorted numbers the keys in attr.name order, ids prefixed by p.
func (ks keys) sorted(p string) []*key {
	out := make([]*key, 0, len(ks))
	for _, k := range ks {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for i, k := range out {
		k.id, k.idx = p+strconv.Itoa(i), i
	}
	return out
}

// propName is the attr.name a property is written under.
func propName(reserved []string, name string) string {
	for _, r := range reserved {
		if name == r || strings.HasPrefix(name, "property.") && strings.TrimPrefix(name, "property.") == r {
			return "property." + name
		}
	}
	return name
}

var (
	nodeReserved = []string{AttrLabels, AttrLabel}
	edgeReserved = []string{AttrType, AttrLabel}
)

// Write writes g as GraphML to w. It does not change g.
func Write(w io.Writer, g *graph.Graph) error {
	nodeKeys, edgeKeys := keys{}, keys{}
	nodeKeys.add("node", AttrLabels, "")
	nodeKeys.add("node", AttrLabel, "")
	edgeKeys.add("edge", AttrType, "")
	edgeKeys.add("edge", AttrLabel, "")
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if err := checkID("node", n.ID); err != nil {
			return err
		}
		for k, v := range n.Properties {
			if v != nil {
				nodeKeys.add("node", propName(nodeReserved, k), v)
			}
		}
	}
	for i := range g.Relationships {
		r := &g.Relationships[i]
		for _, id := range []string{r.ID, r.StartNode, r.EndNode} {
			if err := checkID("relationship", id); err != nil {
				return err
			}
		}
		for k, v := range r.Properties {
			if v != nil {
				edgeKeys.add("edge", propName(edgeReserved, k), v)
			}
		}
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	e := &enc{w: bw}
	e.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.s(`<graphml xmlns="` + Namespace + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="` + Namespace + ` http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range append(nodeKeys.sorted("n"), edgeKeys.sorted("e")...) {
		e.s(`  <key id="` + k.id + `" for="` + k.domain + `" attr.name="`)
		e.attr(k.name)
		e.s(`" attr.type="` + k.typ + `"`)
		if k.list {
			e.s("><desc>" + ListDesc + "</desc></key>\n")
		} else {
			e.s("/>\n")
		}
	}
	e.s(`  <graph id="kg" edgedefault="directed">` + "\n")
	var vals []value // one element's data, reused
	for _, i := range order(len(g.Nodes), func(i int) string { return g.Nodes[i].ID }) {
		n := &g.Nodes[i]
		e.s(`    <node id="`)
		e.attr(n.ID)
		e.s("\">\n")
		labels := slices.Clone(n.Labels)
		sort.Strings(labels)
		vals = append(vals[:0], value{nodeKeys[AttrLabels], ":" + strings.Join(labels, ":")}, value{nodeKeys[AttrLabel], displayName(n)})
		for k, v := range n.Properties {
			if v != nil {
				vals = append(vals, value{nodeKeys[propName(nodeReserved, k)], v})
			}
		}
		e.data(vals)
		e.s("    </node>\n")
	}
	for _, i := range order(len(g.Relationships), func(i int) string { return g.Relationships[i].ID }) {
		r := &g.Relationships[i]
		e.s(`    <edge id="`)
		e.attr(r.ID)
		e.s(`" source="`)
		e.attr(r.StartNode)
		e.s(`" target="`)
		e.attr(r.EndNode)
		e.s("\">\n")
		vals = append(vals[:0], value{edgeKeys[AttrType], r.Type}, value{edgeKeys[AttrLabel], r.Type})
		for k, v := range r.Properties {
			if v != nil {
				vals = append(vals, value{edgeKeys[propName(edgeReserved, k)], v})
			}
		}
		e.data(vals)
		e.s("    </edge>\n")
	}
	e.s("  </graph>\n</graphml>\n")
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	return nil
}

// order returns the indices 0..n-1 sorted by id (stable, so the same
// input always gives the same order).
func order(n int, id func(int) string) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return id(idx[a]) < id(idx[b]) })
	return idx
}

// value is one <data> of an element.
type value struct {
	k *key
	v any
}

// displayName is the node's caption: its name, else its id.
func displayName(n *graph.Node) string {
	if s, ok := n.Properties["name"].(string); ok && s != "" {
		return s
	}
	return n.ID
}

// checkID refuses an id that XML cannot carry exactly.
func checkID(what, id string) error {
	if !utf8.ValidString(id) {
		return fmt.Errorf("graphml: %s id %q is not valid UTF-8", what, id)
	}
	for _, r := range id {
		if !xmlChar(r) {
			return fmt.Errorf("graphml: %s id %q holds %U, which XML 1.0 cannot carry", what, id, r)
		}
	}
	return nil
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// enc writes to a bufio.Writer and keeps its first error.
type enc struct {
	w   *bufio.Writer
	err error
	buf []byte
}

func (e *enc) s(s string) {
	if e.err == nil {
		if _, err := e.w.WriteString(s); err != nil {
			e.err = fmt.Errorf("graphml: %w", err)
		}
	}
}

// text writes s as XML character data: & < > escaped, CR as &#xD; (a
// reader would turn a raw CR into LF), characters XML cannot hold and
// invalid UTF-8 as U+FFFD.
func (e *enc) text(s string) { e.escape(s, false) }

// attr writes s as an attribute value: as text, and " tab LF as
// references too (a reader turns raw tabs and line breaks in an attribute
// into spaces).
func (e *enc) attr(s string) { e.escape(s, true) }

func (e *enc) escape(s string, attr bool) {
	if e.err != nil {
		return
	}
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '\r':
			esc = "&#xD;"
		case attr && r == '"':
			esc = "&quot;"
		case attr && r == '\t':
			esc = "&#x9;"
		case attr && r == '\n':
			esc = "&#xA;"
		case r == utf8.RuneError && width == 1, !xmlChar(r):
			esc = "\uFFFD"
		}
		if esc != "" {
			e.w.WriteString(s[last:i])
			e.w.WriteString(esc)
			last = i + width
		}
		i += width
	}
	if _, err := e.w.WriteString(s[last:]); err != nil {
		e.err = fmt.Errorf("graphml: %w", err)
	}
}

// data writes vals as <data> elements in key order.
func (e *enc) data(vals []value) {
	sort.Slice(vals, func(i, j int) bool { return vals[i].k.idx < vals[j].k.idx })
	for _, kv := range vals {
		e.value(kv.k, kv.v)
	}
}

func (e *enc) value(k *key, v any) {
	e.s(`      <data key="` + k.id + `">`)
	switch x := v.(type) {
	case string:
		e.text(x)
	case []string:
		if x == nil {
			x = []string{}
		}
		e.jsonList(x)
	case []any:
		e.jsonList(x)
	case int64:
		e.s(strconv.FormatInt(x, 10))
	case int:
		e.s(strconv.Itoa(x))
	case float64:
		e.s(formatFloat(x))
	case bool:
		e.s(strconv.FormatBool(x))
	default:
		e.text(fmt.Sprint(x))
	}
	e.s("</data>\n")
}

// jsonList writes a list as JSON text, escaped for XML. JSON escapes the
// control characters XML cannot hold (\u0000), so a list keeps them.
func (e *enc) jsonList(v any) {
	e.buf = e.buf[:0]
	b := bytes.NewBuffer(e.buf)
	je := json.NewEncoder(b)
	je.SetEscapeHTML(false)
	if err := je.Encode(v); err != nil {
		if e.err == nil {
			e.err = fmt.Errorf("graphml: %w", err)
		}
		return
	}
	e.buf = b.Bytes()
	e.text(string(bytes.TrimSuffix(e.buf, []byte("\n"))))
}

// formatFloat writes a double as XML Schema does: shortest digits, INF,
// -INF and NaN.
func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
