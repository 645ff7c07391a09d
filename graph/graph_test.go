package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/rules"
)

func docGraph(t *testing.T, path string) *graph.Graph {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := extract.NewDocument(strings.TrimSuffix(filepath.Base(path), ".txt"), raw)
	return graph.FromResult(extract.New(set).Run(d))
}

func encode(t *testing.T, g *graph.Graph) []byte {
	t.Helper()
	b, err := g.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMergeOrderIndependent: A+B, B+A and A+B+A encode to the same bytes.
func TestMergeOrderIndependent(t *testing.T) {
	a := docGraph(t, "../testdata/docs/altman-seoul-2025-02-04.txt")
	b := docGraph(t, "../testdata/docs/nvidia-huang-seoul-2025-07-09.txt")
	ab := encode(t, graph.Merge(a, b))
	ba := encode(t, graph.Merge(b, a))
	aba := encode(t, graph.Merge(a, b, a))
	if !bytes.Equal(ab, ba) {
		t.Errorf("Merge(a, b) != Merge(b, a):\n%s", cmp.Diff(string(ab), string(ba)))
	}
	if !bytes.Equal(ab, aba) {
		t.Errorf("Merge(a, b) != Merge(a, b, a):\n%s", cmp.Diff(string(ab), string(aba)))
	}
}

// TestJSONRoundTrip: Decode(Encode(g)) encodes to the same bytes.
func TestJSONRoundTrip(t *testing.T) {
	g := docGraph(t, "../testdata/docs/altman-seoul-2025-02-04.txt")
	want := encode(t, g)
	back, err := graph.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if got := encode(t, back); !bytes.Equal(want, got) {
		t.Errorf("round trip differs:\n%s", cmp.Diff(string(want), string(got)))
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ prefix, name, want string }{
		{"person", "Sam Altman", "person:sam-altman"},
		{"person", "Chey Tae-won", "person:chey-tae-won"},
		{"org", "GS E&C", "org:gs-e-and-c"},
		{"person", "정신아", "person:정신아"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := graph.Key(tt.prefix, tt.name); got != tt.want {
				t.Errorf("Key(%q, %q) = %q, want %q", tt.prefix, tt.name, got, tt.want)
			}
		})
	}
}

func TestDecodeRejectsUnknownLabel(t *testing.T) {
	in := `{"nodes":[{"id":"x","labels":["Person"],"properties":{}},{"id":"y","labels":["Evil) DETACH DELETE n //"],"properties":{}}],"relationships":[]}`
	if _, err := graph.Decode(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "unknown label") {
		t.Errorf("Decode = %v, want an unknown label error", err)
	}
}

// TestMergerEncode: Merger.Encode writes the bytes of Encode(Merger.Graph())
// and of the old, json.Encoder-based writer, for every team document merged
// in two orders, and the graphs added are left as they were.
func TestMergerEncode(t *testing.T) {
	files, err := filepath.Glob("../testdata/docs/*.txt")
	if err != nil || len(files) < 2 {
		t.Fatalf("test documents: %v %d", err, len(files))
	}
	var gs []*graph.Graph
	for _, f := range files {
		gs = append(gs, docGraph(t, f))
	}
	before := encode(t, gs[0])
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
	// in parallel, in chunks smaller than the arrays
	defer graph.SetEncodeChunk(7)()
	for _, workers := range []int{2, 3, 8} {
		var par bytes.Buffer
		if err := mk(gs).Encode(&par, workers); err != nil {
			t.Fatal(err)
		}
		if par.String() != viaGraph.String() {
			t.Errorf("Merger.Encode with %d workers differs:\n%s", workers, cmp.Diff(viaGraph.String(), par.String()))
		}
	}
	if after := encode(t, gs[0]); !bytes.Equal(before, after) {
		t.Error("merging changed a graph that was added")
	}
}

// TestMergerApproxJSONBytes: the size estimate a build bounds its memory
// by stays within 5% of what Encode writes.
func TestMergerApproxJSONBytes(t *testing.T) {
	files, err := filepath.Glob("../testdata/*/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("test documents: %v %d", err, len(files))
	}
	m := graph.NewMerger()
	for i, f := range files {
		m.Add(docGraph(t, f))
		if i == 0 {
			m.Add(docGraph(t, f)) // merging a graph again adds nothing
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

// TestMergerEncodeError: an unencodable value stops a parallel encoding
// with the error, without hanging, and whatever it wrote is a prefix.
func TestMergerEncodeError(t *testing.T) {
	defer graph.SetEncodeChunk(3)()
	m := graph.NewMerger()
	g := &graph.Graph{}
	for i := range 50 {
		props := map[string]any{"name": fmt.Sprint("n", i)}
		if i == 31 {
			props["score"] = math.Inf(1)
		}
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("n%02d", i), Labels: []string{graph.Person}, Properties: props})
	}
	m.Add(g)
	var b bytes.Buffer
	err := m.Encode(&b, 4)
	if err == nil || !strings.Contains(err.Error(), "unsupported value") {
		t.Fatalf("Encode = %v, want an unsupported value error", err)
	}
	if strings.Contains(b.String(), `"n31"`) {
		t.Errorf("the item that failed was written")
	}
}
