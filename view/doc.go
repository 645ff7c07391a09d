// Package view turns a graph into one self-contained HTML page: the graph
// drawn with Cytoscape.js, searchable by any alias in either script, with a
// side panel that shows a node's properties and relationships or an edge's
// evidence, and filters by label, relationship type and date.
//
// It sits beside the sinks, after graph: it reads a *graph.Graph (as
// graph.Decode returns it) and imports nothing of extraction, Neo4j, cobra
// or viper. cmd/kg's "kg view" reads a graph JSON file and writes the page
// through its atomic output.
//
// The page makes no network request: the library (assets/cytoscape.min.js,
// embedded with go:embed), the page's own script and style (web/) and the
// graph are all inline, and a Content-Security-Policy allows nothing else
// (scripts only by their hashes, no connections, no images but data:).
// Every graph string reaches the page as data: in a <script
// type="application/json"> block with "<" escaped, then into the document
// as text nodes, never as markup.
//
// The node positions are computed here (Layout), so that a large graph
// opens at once and the same graph always gives the same bytes.
package view
