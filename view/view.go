package view

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/kg-news/kg/graph"
)

// cytoscapeJS is Cytoscape.js 3.35.0 (MIT License, Copyright (c) 2016-2026
// The Cytoscape Consortium; the license is the header of the file and
// assets/cytoscape.LICENSE), the file dist/cytoscape.min.js of the npm
// package cytoscape, unchanged. assets/package.json and package-lock.json
// pin it; "cd view/assets && npm ci && npm run vendor" copies it again.
//
//go:embed assets/cytoscape.min.js
var cytoscapeJS string

// CytoscapeVersion is the version of the embedded Cytoscape.js.
const CytoscapeVersion = "3.35.0"

//go:embed web/app.js
var appJS string

//go:embed web/app.css
var appCSS string

//go:embed web/body.html
var bodyHTML string

// Options are the settings of a page.
type Options struct {
	// Title is the page's title, shown in the browser's tab and above the
	// graph (the command uses the graph file's name).
	Title string
}

// Write writes the page for g to w. The same graph and options always
// give the same bytes. g is sorted first (Graph.Sort).
func Write(w io.Writer, g *graph.Graph, opts Options) error {
	g.Sort()
	data, err := payload(g, opts)
	if err != nil {
		return err
	}
	return writePage(w, opts, data)
}

// scripts are the page's executable scripts, in order; the policy allows
// exactly these, by hash.
var scripts = []string{
	"/*! Cytoscape.js " + CytoscapeVersion + " | MIT License | Copyright (c) 2016-2026, The Cytoscape Consortium | https://js.cytoscape.org */\n" + cytoscapeJS,
	appJS,
}

// policy is the page's Content-Security-Policy: nothing from anywhere,
// but the page's own style and its own scripts, named by hash.
var policy = func() string {
	var src []string
	for _, s := range scripts {
		h := sha256.Sum256([]byte(s))
		src = append(src, "'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"'")
	}
	return "default-src 'none'; script-src " + strings.Join(src, " ") +
		"; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
}()

// errScriptEnd: an inline script would end early.
var errScriptEnd = errors.New("embedded script holds </script or <!--")

func writePage(w io.Writer, opts Options, data []byte) error {
	for _, s := range scripts {
		if unsafeInScript(s) {
			return errScriptEnd
		}
	}
	if bytes.IndexByte(data, '<') >= 0 {
		// json.Marshal escapes < as \u003c; this cannot happen
		return errors.New("graph data holds a raw <")
	}
	title := opts.Title
	if title == "" {
		title = "kg graph"
	}
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	// the policy is kg's own text, with no quote, < or &
	fmt.Fprintf(&b, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", policy)
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<meta name=\"generator\" content=\"kg view (Cytoscape.js %s)\">\n", CytoscapeVersion)
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(title+" — kg view"))
	b.WriteString("<style>\n" + appCSS + "</style>\n</head>\n<body>\n")
	b.WriteString(bodyHTML)
	b.WriteString("<script type=\"application/json\" id=\"kg-data\">")
	if _, err := w.Write(b.Bytes()); err != nil {
		return err
	}
	b.Reset()
	if _, err := w.Write(data); err != nil {
		return err
	}
	b.WriteString("</script>\n")
	for _, s := range scripts {
		b.WriteString("<script>" + s + "</script>\n")
	}
	b.WriteString("</body>\n</html>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// unsafeInScript reports whether s would end an HTML script element early
// or switch its parsing ("</script", "<!--", "<script" in any case).
func unsafeInScript(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "</script") || strings.Contains(l, "<!--") || strings.Contains(l, "<script")
}

// The page's data. Every string of the graph (ids, property names and
// values) is stored once in Strings and named by its index elsewhere: the
// evidence sentences a meeting, its MET and ATTENDED relationships and the
// roles around it share are written once (a 2,000-document graph's 30 MB
// of JSON become about 7).
type pageData struct {
	Version  int       `json:"version"`
	Title    string    `json:"title"`
	Style    pageStyle `json:"style"`
	Labels   []string  `json:"labels"`
	Types    []string  `json:"types"`
	Strings  []string  `json:"strings"`
	Nodes    []any     `json:"nodes"`    // [id, [label index...], x, y, props]
	Edges    []any     `json:"edges"`    // [id, type index, start node index, end node index, props]
	Warnings []string  `json:"warnings"` // relationships left out
}

// interner numbers strings in the order they are first seen.
type interner struct {
	at   map[string]int
	list []string
}

func (t *interner) id(s string) int {
	if i, ok := t.at[s]; ok {
		return i
	}
	t.at[s] = len(t.list)
	t.list = append(t.list, s)
	return len(t.list) - 1
}

// scalar is a property value that is not a string: written as {"v": x}.
type scalar struct {
	V any `json:"v"`
}

// props returns p as [key, value, key, value ...] in key order: a string
// as its index, a list of strings as a list of indexes, anything else as
// a scalar.
func (t *interner) props(p map[string]any) []any {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		var v any
		switch x := p[k].(type) {
		case string:
			v = t.id(x)
		case []string:
			ids := make([]int, len(x))
			for i, s := range x {
				ids[i] = t.id(s)
			}
			v = ids
		case []any:
			ids := make([]int, 0, len(x))
			for _, s := range graph.Strings(x) {
				ids = append(ids, t.id(s))
			}
			v = ids
		default:
			v = scalar{x}
		}
		out = append(out, t.id(k), v)
	}
	return out
}

func payload(g *graph.Graph, opts Options) ([]byte, error) {
	pos := Layout(g)
	d := pageData{Version: 1, Title: opts.Title, Style: style, Labels: graph.Labels, Types: graph.Types,
		Nodes: make([]any, 0, len(g.Nodes)), Edges: make([]any, 0, len(g.Relationships)), Warnings: []string{}}
	t := &interner{at: map[string]int{}}
	at := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		at[n.ID] = i
		labels := make([]int, 0, len(n.Labels))
		for _, l := range n.Labels {
			if k := slices.Index(graph.Labels, l); k >= 0 {
				labels = append(labels, k)
			}
		}
		// the label with a style first, in the schema's order
		slices.Sort(labels)
		d.Nodes = append(d.Nodes, []any{t.id(n.ID), labels, pos[i].X, pos[i].Y, t.props(n.Properties)})
	}
	for _, r := range g.Relationships {
		s, ok1 := at[r.StartNode]
		e, ok2 := at[r.EndNode]
		k := slices.Index(graph.Types, r.Type)
		if !ok1 || !ok2 || k < 0 {
			d.Warnings = append(d.Warnings, r.ID)
			continue
		}
		d.Edges = append(d.Edges, []any{t.id(r.ID), k, s, e, t.props(r.Properties)})
	}
	d.Strings = t.list
	// json.Marshal escapes <, > and & (as \u003c ...) and U+2028/2029:
	// nothing in the data can end the script element it is in
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode graph for the page: %w", err)
	}
	return b, nil
}
