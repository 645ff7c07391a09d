package graph

import (
	"context"
	"io"

	"github.com/kg-news/kg/internal/atomicfile"
)

var _ MergerSink = (*JSONSink)(nil)

// JSONSink writes graph JSON to an io.Writer: the bytes Encode writes,
// one document per Write. It is a Sink and a MergerSink. Opening, syncing
// and renaming files is the writer's business, not the sink's (kg build
// gives it an atomicfile.File or standard output).
type JSONSink struct {
	w       io.Writer
	workers int
}

// NewJSONSink returns a JSONSink that writes to w. workers > 1 encodes a
// Merger's nodes and relationships in parallel chunks (Merger.Encode);
// the bytes do not depend on it.
func NewJSONSink(w io.Writer, workers int) *JSONSink {
	return &JSONSink{w: w, workers: workers}
}

// Write writes g as one graph JSON document, as Encode does (it sorts g
// first). Once ctx has ended every write to the underlying writer fails
// with ctx's error, so a long write stops early.
func (s *JSONSink) Write(ctx context.Context, g *Graph) error {
	return Encode(atomicfile.ContextWriter(ctx, s.w), g)
}

// WriteMerger writes what m holds as Write(ctx, m.Graph()) would, one
// node or relationship at a time without building the Graph, and empties
// m (Merger.Encode).
func (s *JSONSink) WriteMerger(ctx context.Context, m *Merger) error {
	return m.Encode(atomicfile.ContextWriter(ctx, s.w), s.workers)
}
