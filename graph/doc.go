// Package graph holds kg's property-graph model: nodes and relationships
// with a closed set of labels and types, canonical keys, merge semantics
// that make loading order irrelevant, the one-method Sink contract and the
// graph JSON format (Encode, Decode, JSONSink).
//
// It is a leaf of the pipeline's model side and imports no extraction
// code: docgraph turns an extraction result into a Graph, Merge and
// Merger join graphs of many documents, resolve finds the nodes that are
// one real entity, and sinks (JSONSink, neo4jsink) write them.
package graph
