package graph_test

import (
	"bytes"
	"os"
	"path/filepath"
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
