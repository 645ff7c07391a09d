package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sync"
)

// Encode writes g as indented, sorted JSON.
// Encoding the same graph always gives the same bytes. It writes one node
// or relationship at a time, so it holds no copy of the whole document:
// the bytes are those json.Encoder with SetIndent("", " ") would write.
func Encode(w io.Writer, g *Graph) error {
	g.Sort()
	return encode(w, array{len(g.Nodes), func(i int) any { return &g.Nodes[i] }, nil},
		array{len(g.Relationships), func(i int) any { return &g.Relationships[i] }, nil}, 1)
}

// array is one of the two arrays of the document: n items, item i from
// elem, and written (optional) called once items [lo, hi) are written.
type array struct {
	n       int
	elem    func(int) any
	written func(lo, hi int)
}

// encode writes the graph document; with workers > 1, chunks of items are
// encoded in parallel and written in order.
func encode(w io.Writer, nodes, rels array, workers int) error {
	ew := &errWriter{w: w}
	ew.write("{\n \"nodes\": ")
	writeArray(ew, nodes, workers)
	ew.write(",\n \"relationships\": ")
	writeArray(ew, rels, workers)
	ew.write("\n}\n")
	return ew.err
}

// encodeChunk is the chunk size: big enough to amortize a handoff, small
// enough that the chunks in flight stay a few megabytes. (A variable for
// the tests.)
var encodeChunk = 2048

func writeArray(ew *errWriter, a array, workers int) {
	if a.n == 0 {
		ew.write("[]")
		return
	}
	ew.write("[")
	if workers <= 1 || a.n <= encodeChunk {
		var e chunkEncoder
		for lo := 0; lo < a.n && ew.err == nil; lo += encodeChunk {
			hi := min(lo+encodeChunk, a.n)
			b, err := e.encode(a, lo, hi)
			if err != nil {
				ew.err = err
				return
			}
			ew.writeBytes(b)
			if a.written != nil {
				a.written(lo, hi)
			}
		}
	} else {
		writeParallel(ew, a, workers)
	}
	ew.write("\n ]")
}

// writeParallel encodes chunks on workers goroutines and writes them in
// order; at most 2*workers chunks are in flight.
func writeParallel(ew *errWriter, a array, workers int) {
	type chunk struct {
		lo, hi int
		done   chan struct{}
		b      []byte
		err    error
	}
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var e chunkEncoder
			for c := range jobs {
				b, err := e.encode(a, c.lo, c.hi)
				c.b, c.err = append([]byte(nil), b...), err
				close(c.done)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for lo := 0; lo < a.n; lo += encodeChunk {
			// a chunk goes to a worker before it goes in the queue, so
			// every chunk in the queue gets done
			c := &chunk{lo: lo, hi: min(lo+encodeChunk, a.n), done: make(chan struct{})}
			select {
			case jobs <- c:
			case <-stop:
				return
			}
			select {
			case order <- c:
			case <-stop:
				return
			}
		}
	}()
	for c := range order {
		<-c.done
		if ew.err == nil && c.err != nil {
			ew.err = c.err
		}
		if ew.err != nil {
			break
		}
		ew.writeBytes(c.b)
		if a.written != nil {
			a.written(c.lo, c.hi)
		}
	}
	close(stop)
	for c := range order { // let the workers finish what they took
		<-c.done
	}
	wg.Wait()
}

// chunkEncoder encodes items, reusing its buffers.
type chunkEncoder struct {
	b   []byte
	buf bytes.Buffer
	enc *json.Encoder
}

// encode returns the bytes of items [lo, hi), each preceded by its
// separator; the slice is valid until the next call.
func (e *chunkEncoder) encode(a array, lo, hi int) ([]byte, error) {
	e.b = e.b[:0]
	for i := lo; i < hi; i++ {
		start := len(e.b)
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = append(e.b, "\n  "...)
		item := a.elem(i)
		var ok bool
		if e.b, ok = appendItem(e.b, item); ok {
			continue
		}
		// a property of a kind the fast writer does not know
		e.b = e.b[:start]
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = append(e.b, "\n  "...)
		if e.enc == nil {
			e.enc = json.NewEncoder(&e.buf)
			e.enc.SetEscapeHTML(false)
			e.enc.SetIndent("  ", " ")
		}
		e.buf.Reset()
		if err := e.enc.Encode(slowItem(item)); err != nil {
			return nil, err
		}
		e.b = append(e.b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...)
	}
	return e.b, nil
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
