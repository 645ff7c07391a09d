// Package graphquery answers kg's questions (who met whom, the shortest
// chain between two names) over a graph in memory, such as a graph JSON
// file that kg build wrote, without a database.
//
// It sits beside the sinks in the pipeline (graph → graph/graphquery →
// cmd/kg) and imports graph only: no driver. Its answers are those of
// graph/neo4jsink's WhoMet and ShortestPath on the same graph, and the
// result types (Met, Meeting, Entity, Path, Step) are shared: neo4jsink
// aliases them, and groups its who-met rows with GroupMet, so one printer
// serves both and the two cannot drift apart in how meetings are grouped
// and ordered.
//
// Names are matched as the server matches them: a node's id exactly, or
// its name, name_en, name_ko or one of its aliases ignoring case, with
// Cypher's toLower (Java's full lower-case mapping: "İ" becomes "i̇", a
// final "Σ" becomes "ς"), which strings.ToLower does not reproduce.
package graphquery
