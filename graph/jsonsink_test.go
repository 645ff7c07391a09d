package graph_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// recordingSink is a Sink that is not a MergerSink: it keeps the graph it
// is given.
type recordingSink struct{ got *graph.Graph }

func (s *recordingSink) Write(_ context.Context, g *graph.Graph) error {
	s.got = g
	return nil
}

func merged(gs []*graph.Graph) *graph.Merger {
	m := graph.NewMerger()
	for _, g := range gs {
		m.Add(g)
	}
	return m
}

// TestJSONSink: writing through the Sink, a graph or a Merger's graph,
// gives the bytes of the encoder (Encode, Merger.Encode), whatever the
// workers; a Sink that cannot take a Merger gets its Graph.
func TestJSONSink(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		gs   []*graph.Graph
	}{
		{"empty", nil},
		{"one document", sampleGraphs(1)},
		{"ten documents", sampleGraphs(10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := encode(t, merged(tt.gs).Graph())
			var viaWrite bytes.Buffer
			if err := graph.NewJSONSink(&viaWrite, 1).Write(ctx, merged(tt.gs).Graph()); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), viaWrite.String()); d != "" {
				t.Errorf("JSONSink.Write mismatch (-Encode +sink):\n%s", d)
			}
			var direct bytes.Buffer
			if err := merged(tt.gs).Encode(&direct, 1); err != nil {
				t.Fatal(err)
			}
			for _, workers := range []int{1, 3} {
				var b bytes.Buffer
				m := merged(tt.gs)
				if err := graph.WriteMerged(ctx, graph.NewJSONSink(&b, workers), m); err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(direct.String(), b.String()); d != "" {
					t.Errorf("WriteMerged with %d workers mismatch (-Merger.Encode +sink):\n%s", workers, d)
				}
				if n, r := m.Len(); n != 0 || r != 0 {
					t.Errorf("WriteMerged left %d nodes, %d relationships in the Merger", n, r)
				}
			}
			var rec recordingSink
			if err := graph.WriteMerged(ctx, &rec, merged(tt.gs)); err != nil {
				t.Fatal(err)
			}
			if got := encode(t, rec.got); !bytes.Equal(want, got) {
				t.Errorf("WriteMerged to a plain Sink mismatch (-want +got):\n%s", cmp.Diff(string(want), string(got)))
			}
		})
	}
}

// TestJSONSinkCanceled: once ctx has ended, the sink writes nothing and
// returns ctx's error.
func TestJSONSinkCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	s := graph.NewJSONSink(&b, 2)
	if err := s.Write(ctx, sampleGraphs(1)[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
	if err := graph.WriteMerged(ctx, s, merged(sampleGraphs(3))); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteMerged = %v, want context.Canceled", err)
	}
	if b.Len() > 0 {
		t.Errorf("wrote %d bytes after the context ended", b.Len())
	}
}
