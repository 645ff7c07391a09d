// Package graph holds kg's property-graph model: nodes and relationships
// with a closed set of labels and types, canonical keys, merge semantics
// that make loading order irrelevant, and the one-method Sink contract.
//
// It sits after extract in the pipeline (rules → extract → graph → sinks →
// cmd/kg): FromResult turns an extraction result into a Graph, Merge joins
// graphs of many documents, and sinks (jsonsink, neo4jsink) write them.
package graph
