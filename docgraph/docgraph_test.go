package docgraph_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/docgraph"
	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphtest"
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
	return docgraph.FromResult(extract.New(set).Run(d))
}

func encode(t *testing.T, g *graph.Graph) []byte { return graphtest.Encode(t, g) }

// docGraphs extracts every file of glob, which must name at least min.
func docGraphs(t *testing.T, glob string, min int) ([]string, []*graph.Graph) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil || len(files) < min {
		t.Fatalf("test documents: %v %d", err, len(files))
	}
	var gs []*graph.Graph
	for _, f := range files {
		gs = append(gs, docGraph(t, f))
	}
	return files, gs
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

// TestMergerEncodeDocuments: Merger.Encode writes the bytes of
// Encode(Merger.Graph()) and of the old, json.Encoder-based writer, for
// every team document merged in two orders, and the graphs added are left
// as they were. (graph's TestMergerEncode also runs the parallel writer on
// chunks smaller than the arrays.)
func TestMergerEncodeDocuments(t *testing.T) {
	_, gs := docGraphs(t, "../testdata/docs/*.txt", 2)
	graphtest.MergerEncode(t, gs)
}

// TestMergerApproxJSONBytesDocuments: the size estimate a build bounds its
// memory by stays within 5% of what Encode writes, on every test document.
func TestMergerApproxJSONBytesDocuments(t *testing.T) {
	_, gs := docGraphs(t, "../testdata/*/*.txt", 10)
	graphtest.ApproxJSONBytes(t, gs)
}

// TestFromResult: every test document's graph is well formed: one node
// per id, labels and types from the closed schema, relationships between
// nodes of the graph, the Document node named by graph.DocKey, MENTIONS
// from it to every person and organization, and the graph sorted.
func TestFromResult(t *testing.T) {
	files, err := filepath.Glob("../testdata/*/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("test documents: %v %d", err, len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimPrefix(f, "../testdata/"), func(t *testing.T) {
			g := docGraph(t, f)
			dk := graph.DocKey(strings.TrimSuffix(filepath.Base(f), ".txt"))
			labels := map[string][]string{}
			for _, n := range g.Nodes {
				if _, dup := labels[n.ID]; dup {
					t.Errorf("node %q twice", n.ID)
				}
				labels[n.ID] = n.Labels
				for _, l := range n.Labels {
					if !graph.ValidLabel(l) {
						t.Errorf("node %q: label %q", n.ID, l)
					}
				}
			}
			if d := cmp.Diff([]string{graph.Document}, labels[dk]); d != "" {
				t.Errorf("labels of %s mismatch (-want +got):\n%s", dk, d)
			}
			mentioned := map[string]bool{}
			rels := map[string]bool{}
			for _, r := range g.Relationships {
				if rels[r.ID] {
					t.Errorf("relationship %q twice", r.ID)
				}
				rels[r.ID] = true
				if !graph.ValidType(r.Type) {
					t.Errorf("relationship %q: type %q", r.ID, r.Type)
				}
				if labels[r.StartNode] == nil || labels[r.EndNode] == nil {
					t.Errorf("relationship %q: an end is not a node of the graph", r.ID)
				}
				if r.Type == graph.Mentions && r.StartNode == dk {
					mentioned[r.EndNode] = true
				}
			}
			for id, ls := range labels {
				if (slices.Contains(ls, graph.Person) || slices.Contains(ls, graph.Organization)) && !mentioned[id] {
					t.Errorf("%s does not mention %s", dk, id)
				}
			}
			if !slices.IsSortedFunc(g.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) }) ||
				!slices.IsSortedFunc(g.Relationships, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) }) {
				t.Error("graph not sorted by id")
			}
		})
	}
}

// TestJSONSinkDocuments: the graph of every test document, merged and
// written through the JSON Sink as kg build writes it (graph.WriteMerged),
// has the bytes of the encoder.
func TestJSONSinkDocuments(t *testing.T) {
	_, gs := docGraphs(t, "../testdata/*/*.txt", 10)
	mk := func() *graph.Merger {
		m := graph.NewMerger()
		for _, g := range gs {
			m.Add(g)
		}
		return m
	}
	want := encode(t, mk().Graph())
	var viaSink bytes.Buffer
	if err := graph.WriteMerged(context.Background(), graph.NewJSONSink(&viaSink, 4), mk()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, viaSink.Bytes()) {
		t.Errorf("JSON sink differs from Encode:\n%s", cmp.Diff(string(want), viaSink.String()))
	}
}
