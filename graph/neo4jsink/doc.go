// Package neo4jsink writes kg graphs into Neo4j 5 and reads them back.
//
// It sits after graph in the pipeline (rules → extract → resolve → graph
// → graph/neo4jsink → cmd/kg) and is the only package that imports the
// Neo4j Go driver. Corpus resolution reaches it as a function (Resolver),
// not an import.
//
// A Writer is a graph.Sink. Before its first write it creates the schema
// (IF NOT EXISTS): a uniqueness constraint on id for every node label and
// every relationship type, a full-text index over Person and Organization
// names and aliases, and a range index on Meeting.date. It then writes nodes
// before relationships, in batches of UNWIND … MERGE rows, each batch in one
// managed write transaction that the driver retries on transient errors.
//
// The MERGE statements reproduce graph.Merge exactly: set-valued
// properties (lists of strings) are unioned and kept sorted and unique in
// Cypher, and for any other property the smallest value of the same kind
// wins. A property is written only when its value changes, so loading A
// then B, B then A, or Merge(A, B) at once leaves the same database, and
// reloading a graph reports zero changes in the server's counters.
// Labels and relationship types come only from the closed sets in graph;
// data reaches Cypher only as parameters (or, in WriteCypher, as escaped
// literals).
//
// LoadCorpus is what kg's loads use: it adds units (documents' graphs,
// graph files) to a corpus stored in the database and rewrites the
// corpus's graph as corpus resolution makes it of all its units, so the
// result does not depend on the order or the process units came from (see
// corpus.go). Write, the plain merge above, remains for graphs that are
// not part of a corpus.
//
// Export reads the graph back, and WriteCypher and WriteImportCSV turn a
// graph into a Cypher script or neo4j-admin import files.
//
// Requires Neo4j 5.13 or later (Community edition is enough; no APOC).
package neo4jsink
