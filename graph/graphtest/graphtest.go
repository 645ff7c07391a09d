// Package graphtest holds checks of graph's Merger that the tests of
// several packages run: graph's on sample graphs, docgraph's on the graphs
// of the test documents.
package graphtest

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// Encode is g's graph JSON, failing t on an error.
func Encode(t testing.TB, g *graph.Graph) []byte {
	t.Helper()
	b, err := g.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// MergerEncode checks that Merger.Encode writes the bytes of
// Encode(Merger.Graph()) and of the old, json.Encoder-based writer, for
// gs merged in two orders and with 1, 2, 3 and 8 workers, and that the
// graphs added are left as they were.
func MergerEncode(t testing.TB, gs []*graph.Graph) {
	t.Helper()
	before := Encode(t, gs[0])
	mk := func(order []*graph.Graph) *graph.Merger {
		m := graph.NewMerger()
		for _, g := range order {
			m.Add(g)
		}
		return m
	}
	var viaGraph bytes.Buffer
	g := mk(gs).Graph()
	if err := graph.Encode(&viaGraph, g); err != nil {
		t.Fatal(err)
	}
	var old bytes.Buffer
	enc := json.NewEncoder(&old)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	if viaGraph.String() != old.String() {
		t.Errorf("Encode differs from json.Encoder:\n%s", cmp.Diff(old.String(), viaGraph.String()))
	}
	rev := append([]*graph.Graph(nil), gs...)
	slices.Reverse(rev)
	m := mk(rev)
	if n, r := m.Len(); n != len(g.Nodes) || r != len(g.Relationships) {
		t.Errorf("Len() = %d, %d; the graph has %d, %d", n, r, len(g.Nodes), len(g.Relationships))
	}
	var direct bytes.Buffer
	if err := m.Encode(&direct, 1); err != nil {
		t.Fatal(err)
	}
	if direct.String() != viaGraph.String() {
		t.Errorf("Merger.Encode differs from Encode(Graph()):\n%s", cmp.Diff(viaGraph.String(), direct.String()))
	}
	for _, workers := range []int{2, 3, 8} {
		var par bytes.Buffer
		if err := mk(gs).Encode(&par, workers); err != nil {
			t.Fatal(err)
		}
		if par.String() != viaGraph.String() {
			t.Errorf("Merger.Encode with %d workers differs:\n%s", workers, cmp.Diff(viaGraph.String(), par.String()))
		}
	}
	if after := Encode(t, gs[0]); !bytes.Equal(before, after) {
		t.Error("merging changed a graph that was added")
	}
}

// ApproxJSONBytes checks that the size estimate a build bounds its memory
// by stays within 5% of what Encode writes, for gs merged (the first one
// twice: merging a graph again adds nothing).
func ApproxJSONBytes(t testing.TB, gs []*graph.Graph) {
	t.Helper()
	m := graph.NewMerger()
	for i, g := range gs {
		m.Add(g)
		if i == 0 {
			m.Add(g)
		}
	}
	est := m.ApproxJSONBytes()
	var b bytes.Buffer
	if err := m.Encode(&b, 2); err != nil {
		t.Fatal(err)
	}
	if r := float64(est) / float64(b.Len()); r < 0.95 || r > 1.05 {
		t.Errorf("ApproxJSONBytes = %d, Encode wrote %d (ratio %.3f)", est, b.Len(), r)
	}
}
