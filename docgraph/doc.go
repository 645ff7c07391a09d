// Package docgraph turns one document's extraction result into a
// graph.Graph: Person, Organization, Meeting and Document nodes, and
// HOLDS_ROLE, ATTENDED, MET, PARTNERS_WITH and MENTIONS relationships,
// each with its provenance.
//
// It sits between extraction and the graph model: extract finds what one
// document says, FromResult names it with graph's canonical keys,
// graph.Merger and corpus resolution (resolve) join the documents'
// graphs, and a graph.Sink writes them. It imports extract and graph, and
// no sink, viper or cobra; graph, the model, imports no extraction code.
package docgraph
