package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// Encode writes g as indented, sorted JSON.
// Encoding the same graph always gives the same bytes. It writes one node
// or relationship at a time, so it holds no copy of the whole document:
// the bytes are those json.Encoder with SetIndent("", " ") would write.
func Encode(w io.Writer, g *Graph) error {
	g.Sort()
	return encode(w, len(g.Nodes), func(i int) any { return &g.Nodes[i] },
		len(g.Relationships), func(i int) any { return &g.Relationships[i] })
}

func encode(w io.Writer, nn int, node func(int) any, nr int, rel func(int) any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", " ")
	ew := &errWriter{w: w}
	ew.write("{\n \"nodes\": ")
	writeArray(ew, &buf, enc, nn, node)
	ew.write(",\n \"relationships\": ")
	writeArray(ew, &buf, enc, nr, rel)
	ew.write("\n}\n")
	return ew.err
}

func writeArray(ew *errWriter, buf *bytes.Buffer, enc *json.Encoder, n int, elem func(int) any) {
	if n == 0 {
		ew.write("[]")
		return
	}
	ew.write("[")
	var b []byte
	for i := 0; i < n && ew.err == nil; i++ {
		b = b[:0]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		item := elem(i)
		var ok bool
		if b, ok = appendItem(b, item); !ok {
			// a property of a kind the fast writer does not know
			b = b[:0]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n  "...)
			buf.Reset()
			if err := enc.Encode(slowItem(item)); err != nil {
				ew.err = err
				return
			}
			b = append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
		ew.writeBytes(b)
	}
	ew.write("\n ]")
}

// slowItem returns item as a type encoding/json writes as kg's JSON.
func slowItem(item any) any {
	switch x := item.(type) {
	case *cNode:
		n := x.node()
		return &n
	case *cRel:
		r := x.rel()
		return &r
	}
	return item
}

// errWriter keeps the first write error and skips the writes after it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *errWriter) writeBytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// Decode reads a graph JSON document and normalizes property values to the
// kinds kg writes: whole numbers become int64, arrays become []string.
// It checks labels and types against the closed schema.
func Decode(r io.Reader) (*Graph, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var g Graph
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("decode graph: %w", err)
	}
	if err := g.normalize(); err != nil {
		return nil, err
	}
	g.Sort()
	return &g, nil
}

func (g *Graph) normalize() error {
	ids := map[string]bool{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.ID == "" {
			return fmt.Errorf("node %d: empty id", i)
		}
		if len(n.Labels) == 0 {
			return fmt.Errorf("node %q: no label", n.ID)
		}
		for _, l := range n.Labels {
			if !ValidLabel(l) {
				return fmt.Errorf("node %q: unknown label %q", n.ID, l)
			}
		}
		p, err := NormalizeProps(n.Properties)
		if err != nil {
			return fmt.Errorf("node %q: %w", n.ID, err)
		}
		n.Properties = p
		ids[n.ID] = true
	}
	for i := range g.Relationships {
		r := &g.Relationships[i]
		if r.ID == "" {
			return fmt.Errorf("relationship %d: empty id", i)
		}
		if !ValidType(r.Type) {
			return fmt.Errorf("relationship %q: unknown type %q", r.ID, r.Type)
		}
		if !ids[r.StartNode] || !ids[r.EndNode] {
			return fmt.Errorf("relationship %q: start or end node not in graph", r.ID)
		}
		p, err := NormalizeProps(r.Properties)
		if err != nil {
			return fmt.Errorf("relationship %q: %w", r.ID, err)
		}
		r.Properties = p
	}
	return nil
}

// NormalizeProps converts decoded JSON or driver values to kg's property
// kinds: string, int64, float64, bool and []string.
func NormalizeProps(in map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(in))
	for k, v := range in {
		nv, err := normValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if nv != nil {
			out[k] = nv
		}
	}
	return out, nil
}

func normValue(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string, bool, int64, float64:
		return x, nil
	case int:
		return int64(x), nil
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, nil
		}
		f, err := x.Float64()
		if err != nil {
			return nil, err
		}
		return f, nil
	case []string:
		return append([]string(nil), x...), nil
	case []any:
		ss := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("array holds %T, want strings", e)
			}
			ss = append(ss, s)
		}
		return ss, nil
	case float32:
		f := float64(x)
		if f == math.Trunc(f) {
			return int64(f), nil
		}
		return f, nil
	}
	return nil, fmt.Errorf("unsupported value of type %T", v)
}

// Bytes encodes g to a byte slice.
func (g *Graph) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := Encode(&buf, g); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
