package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kg-news/kg/graph"
)

// readGraphs reads graph JSON files ("-" for standard input) and merges
// them with graph.Merge, as loading them into one database would: one
// node per id. A file that cannot be read or is not graph JSON is a usage
// error, reported as file:line:col where the problem has a place.
func readGraphs(a *app, paths []string) (*graph.Graph, error) {
	gs := make([]*graph.Graph, 0, len(paths))
	stdin := false
	for _, path := range paths {
		var data []byte
		var err error
		name := path
		if path == "-" {
			if stdin {
				return nil, usageErr(errors.New("--from -: standard input can be read once"))
			}
			stdin, name = true, "stdin"
			data, err = io.ReadAll(a.stdin)
		} else {
			data, err = os.ReadFile(path)
		}
		if err != nil {
			return nil, usageErr(fmt.Errorf("read graph: %w", err))
		}
		g, err := decodeGraphJSON(name, data)
		if err != nil {
			return nil, usageErr(err)
		}
		gs = append(gs, g)
	}
	return graph.Merge(gs...), nil
}

// decodeGraphJSON decodes data with graph.Decode. When that fails, the
// error names the file and, where the problem has one, its line and
// column: a JSON syntax error, a field or value of the wrong kind, a node
// with an unknown label, a relationship to a missing node.
func decodeGraphJSON(name string, data []byte) (*graph.Graph, error) {
	g, err := graph.Decode(bytes.NewReader(data))
	if err == nil {
		return g, nil
	}
	if pe := locateGraphError(data); pe != nil {
		line, col := lineCol(data, pe.off)
		return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, pe.msg)
	}
	return nil, fmt.Errorf("%s: not graph JSON: %w", name, err)
}

// lineCol turns a byte offset into a 1-based line and a 1-based column in
// bytes, as go/token does.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	return line, off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
}

// posError is a problem at a byte offset of the file.
type posError struct {
	off int
	msg string
}

// jvalue is a JSON value with the offset of its first byte.
type jvalue struct {
	off    int
	kind   byte // '{' object, '[' array, '"' string, '0' number, 't' boolean, 'n' null
	str    string
	fields []jfield  // an object's, in order
	elems  []*jvalue // an array's
	num    json.Number
}

// jfield is one key of an object, with the offset of the key.
type jfield struct {
	key string
	off int
	val *jvalue
}

// field returns the value of key in object v as encoding/json matches
// keys (case-insensitively; the last of two wins), or nil.
func (v *jvalue) field(key string) *jfield {
	var out *jfield
	for i := range v.fields {
		if strings.EqualFold(v.fields[i].key, key) {
			out = &v.fields[i]
		}
	}
	return out
}

var kindNames = map[byte]string{'{': "an object", '[': "an array", '"': "a string", '0': "a number", 't': "a boolean", 'n': "null"}

// parseJSON reads the first JSON value of data with offsets. A syntax
// error comes back as a posError.
func parseJSON(data []byte) (*jvalue, *posError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, &posError{int(se.Offset) - 1, "not graph JSON: " + se.Error()}
		case errors.Is(err, io.EOF):
			return nil, &posError{0, "not graph JSON: the file is empty"}
		}
		return nil, &posError{len(data), "not graph JSON: unexpected end of file"}
	}
	// the value is valid JSON: the tokens and their offsets are exact
	dec = json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	start := func() int {
		i := int(dec.InputOffset())
		for i < len(data) && strings.IndexByte(" \t\r\n,:", data[i]) >= 0 {
			i++
		}
		return i
	}
	var parse func() *jvalue
	parse = func() *jvalue {
		v := &jvalue{off: start()}
		tok, err := dec.Token()
		if err != nil {
			return v
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				v.kind = '{'
				for dec.More() {
					off := start()
					k, _ := dec.Token()
					key, _ := k.(string)
					v.fields = append(v.fields, jfield{key, off, parse()})
				}
			} else {
				v.kind = '['
				for dec.More() {
					v.elems = append(v.elems, parse())
				}
			}
			dec.Token() // the closing delimiter
		case string:
			v.kind, v.str = '"', t
		case json.Number:
			v.kind, v.num = '0', t
		case bool:
			v.kind = 't'
		default:
			v.kind = 'n'
		}
		return v
	}
	return parse(), nil
}

// locateGraphError finds the first problem graph.Decode reports in data,
// in the order it checks: syntax, then fields and their kinds in document
// order, then each node and each relationship. It returns nil when it
// finds none.
func locateGraphError(data []byte) *posError {
	root, pe := parseJSON(data)
	if pe != nil {
		return pe
	}
	if root.kind != '{' {
		return &posError{root.off, "not graph JSON: want an object with nodes and relationships, found " + kindNames[root.kind]}
	}
	// the shape: fields and kinds
	nodeFields := map[string]byte{"id": '"', "labels": '[', "properties": '{'}
	relFields := map[string]byte{"id": '"', "type": '"', "startNode": '"', "endNode": '"', "properties": '{'}
	checkItem := func(what string, v *jvalue, fields map[string]byte, names string) *posError {
		if v.kind == 'n' {
			return nil
		}
		if v.kind != '{' {
			return &posError{v.off, fmt.Sprintf("%s is %s, want an object", what, kindNames[v.kind])}
		}
		for _, f := range v.fields {
			want := byte(0)
			for k, kind := range fields {
				if strings.EqualFold(k, f.key) {
					want = kind
				}
			}
			switch {
			case want == 0:
				return &posError{f.off, fmt.Sprintf("%s: unknown field %q (want %s)", what, f.key, names)}
			case f.val.kind != want && f.val.kind != 'n':
				return &posError{f.val.off, fmt.Sprintf("%s: %s is %s, want %s", what, f.key, kindNames[f.val.kind], kindNames[want])}
			}
			if want == '[' {
				for _, e := range f.val.elems {
					if e.kind != '"' && e.kind != 'n' {
						return &posError{e.off, fmt.Sprintf("%s: %s holds %s, want strings", what, f.key, kindNames[e.kind])}
					}
				}
			}
		}
		return nil
	}
	var nodes, rels []*jvalue
	for _, f := range root.fields {
		var list *[]*jvalue
		var fields map[string]byte
		var what, names string
		switch {
		case strings.EqualFold(f.key, "nodes"):
			list, fields, what, names = &nodes, nodeFields, "node", "id, labels, properties"
		case strings.EqualFold(f.key, "relationships"):
			list, fields, what, names = &rels, relFields, "relationship", "id, type, startNode, endNode, properties"
		default:
			return &posError{f.off, fmt.Sprintf("not graph JSON: unknown field %q (want nodes and relationships)", f.key)}
		}
		if f.val.kind != '[' && f.val.kind != 'n' {
			return &posError{f.val.off, fmt.Sprintf("%s is %s, want an array", f.key, kindNames[f.val.kind])}
		}
		for i, e := range f.val.elems {
			if pe := checkItem(fmt.Sprintf("%s %d", what, i), e, fields, names); pe != nil {
				return pe
			}
		}
		*list = f.val.elems // the last of two wins
	}
	// the content, as graph.Decode checks it
	str := func(v *jvalue, key string) (string, int) {
		if f := v.field(key); f != nil {
			return f.val.str, f.val.off
		}
		return "", v.off
	}
	ids := map[string]bool{}
	for i, n := range nodes {
		id, off := str(n, "id")
		if id == "" {
			return &posError{off, fmt.Sprintf("node %d: empty id", i)}
		}
		labels := n.field("labels")
		if labels == nil || len(labels.val.elems) == 0 {
			at := n.off
			if labels != nil {
				at = labels.val.off
			}
			return &posError{at, fmt.Sprintf("node %q: no label (want one of %s)", id, strings.Join(graph.Labels, ", "))}
		}
		for _, l := range labels.val.elems {
			if !graph.ValidLabel(l.str) {
				return &posError{l.off, fmt.Sprintf("node %q: unknown label %q (want one of %s)", id, l.str, strings.Join(graph.Labels, ", "))}
			}
		}
		if pe := checkProps(fmt.Sprintf("node %q", id), n.field("properties")); pe != nil {
			return pe
		}
		ids[id] = true
	}
	for i, r := range rels {
		id, off := str(r, "id")
		if id == "" {
			return &posError{off, fmt.Sprintf("relationship %d: empty id", i)}
		}
		if t, off := str(r, "type"); !graph.ValidType(t) {
			return &posError{off, fmt.Sprintf("relationship %q: unknown type %q (want one of %s)", id, t, strings.Join(graph.Types, ", "))}
		}
		for _, end := range []string{"startNode", "endNode"} {
			if n, off := str(r, end); !ids[n] {
				return &posError{off, fmt.Sprintf("relationship %q: %s %q is not a node of the graph", id, end, n)}
			}
		}
		if pe := checkProps(fmt.Sprintf("relationship %q", id), r.field("properties")); pe != nil {
			return pe
		}
	}
	return nil
}

// checkProps checks property values as graph.NormalizeProps does: a
// string, a number, a boolean, null (dropped) or an array of strings.
func checkProps(what string, f *jfield) *posError {
	if f == nil || f.val.kind != '{' {
		return nil
	}
	for _, p := range f.val.fields {
		v := p.val
		switch v.kind {
		case '{':
			return &posError{v.off, fmt.Sprintf("%s: property %q is an object; a property is a string, a number, a boolean or an array of strings", what, p.key)}
		case '0':
			if _, err := v.num.Int64(); err != nil {
				if _, err := v.num.Float64(); err != nil {
					return &posError{v.off, fmt.Sprintf("%s: property %q: number %s out of range", what, p.key, v.num)}
				}
			}
		case '[':
			for _, e := range v.elems {
				if e.kind != '"' {
					return &posError{e.off, fmt.Sprintf("%s: property %q: an array holds %s, want strings only", what, p.key, kindNames[e.kind])}
				}
			}
		}
	}
	return nil
}
