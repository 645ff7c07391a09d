package neo4jsink

import (
	"fmt"
	"strings"

	"github.com/kg-news/kg/graph"
)

// The Cypher kg runs. Labels and relationship types are spliced in only
// from graph.Labels and graph.Types, after validation; every value travels
// as a parameter (the writer) or an escaped literal (WriteCypher).

// Rows for the merge statements have this shape:
//
//	node:         {id: string, labels: [string], keys: [string], vals: [value]}
//	relationship: {id: string, start: string, end: string, keys: [string], vals: [value]}
//
// labels lists the node's labels other than the one it is merged on;
// keys are the property names, sorted, and vals their values. (Parallel
// lists, not a map: a property name may be any string, and a Cypher map
// literal, which WriteCypher writes, needs identifiers as keys.)

// mergedValue is the Cypher twin of graph.Merge's rule for one property,
// with o the value in the database (maybe null) and v the incoming one:
//
//   - no value yet: take v;
//   - both lists: if equal keep o, else their union, sorted and unique
//     (o is kept in place when already sorted and unique, as kg writes it, so
//     adding k strings to a list of n costs O(k·n));
//   - same kind of scalar: the smaller one (strings compare by code point,
//     which is Go's byte order for UTF-8);
//   - different kinds: keep o, as graph.Merge does.
//
// valueType needs Neo4j 5.13.
const mergedValue = `CASE
    WHEN p.old IS NULL THEN p.v
    WHEN valueType(p.old) STARTS WITH 'LIST' AND valueType(p.v) STARTS WITH 'LIST' THEN
      CASE WHEN p.old = p.v THEN p.old
      ELSE reduce(acc = CASE WHEN all(i IN range(1, size(p.old) - 1) WHERE p.old[i - 1] < p.old[i]) THEN p.old
                             ELSE reduce(s = [], x IN p.old | ` + insertS + `) END,
                  x IN p.v | ` + insertAcc + `)
      END
    WHEN valueType(p.old) = valueType(p.v) AND p.v < p.old THEN p.v
    ELSE p.old
  END`

// insertS and insertAcc add x to a sorted, unique list, keeping it so.
const (
	insertS   = `CASE WHEN x IN s THEN s ELSE [y IN s WHERE y < x] + [x] + [y IN s WHERE y > x] END`
	insertAcc = `CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END`
)

// setProps merges the row's properties into those of the entity bound to
// e and writes only the ones that change, so a reload sets nothing.
func setProps(e string) string {
	return `WITH ` + e + `, [i IN range(0, size(row.keys) - 1) | {k: row.keys[i], v: row.vals[i], old: ` + e + `[row.keys[i]]}] AS ps
WITH ` + e + `, [p IN ps | {k: p.k, old: p.old, new: ` + mergedValue + `}] AS ps
FOREACH (q IN [p IN ps WHERE p.old IS NULL OR p.new <> p.old] | SET ` + e + `[q.k] = q.new)
RETURN count(*) AS rows`
}

// nodeBody is the merge statement for nodes whose first label is label,
// without its leading UNWIND. SET n:<label> on a node that has the label
// changes nothing but takes the node's write lock, so two writers merging
// the same node's properties run one after the other instead of losing an
// update.
func nodeBody(label string) (string, error) {
	if !graph.ValidLabel(label) {
		return "", fmt.Errorf("unknown label %q", label)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "MERGE (n:%s {id: row.id})\nSET n:%[1]s\n", label)
	for _, l := range graph.Labels {
		if l != label {
			fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN '%s' IN row.labels THEN [1] ELSE [] END | SET n:%[1]s)\n", l)
		}
	}
	b.WriteString(setProps("n"))
	return b.String(), nil
}

// relBody is the merge statement for relationships of type typ from a node
// merged on label start to one merged on label end. Locking the start node
// first serializes writers of the same relationship.
func relBody(typ, start, end string) (string, error) {
	if !graph.ValidType(typ) {
		return "", fmt.Errorf("unknown relationship type %q", typ)
	}
	if !graph.ValidLabel(start) || !graph.ValidLabel(end) {
		return "", fmt.Errorf("unknown label %q or %q", start, end)
	}
	return fmt.Sprintf(`MATCH (a:%[2]s {id: row.start})
MATCH (b:%[3]s {id: row.end})
SET a:%[2]s
MERGE (a)-[r:%[1]s {id: row.id}]->(b)
`, typ, start, end) + setProps("r"), nil
}

// statements are what Writer.Write runs for one group of rows: exists
// finds which of $ids are in the database, create writes rows of new ids
// (their properties as a map, props), merge merges rows into what is
// there. create and merge return the number of rows written.
type statements struct {
	exists, create, merge string
}

// nodeStatements are the statements for nodes merged on label.
func nodeStatements(label string) (statements, error) {
	merge, err := nodeBody(label)
	if err != nil {
		return statements{}, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "UNWIND $rows AS row\nCREATE (n:%s {id: row.id})\n", label)
	for _, l := range graph.Labels {
		if l != label {
			fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN '%s' IN row.labels THEN [1] ELSE [] END | SET n:%[1]s)\n", l)
		}
	}
	b.WriteString("SET n += row.props\nRETURN count(*) AS rows")
	return statements{
		exists: "UNWIND $ids AS id MATCH (n:" + label + " {id: id}) RETURN n.id",
		create: b.String(),
		merge:  unwindRows + merge,
	}, nil
}

// relStatements are the statements for relationships of type typ from a
// node merged on label start to one merged on label end.
func relStatements(typ, start, end string) (statements, error) {
	merge, err := relBody(typ, start, end)
	if err != nil {
		return statements{}, err
	}
	return statements{
		exists: "UNWIND $ids AS id MATCH ()-[r:" + typ + " {id: id}]->() RETURN r.id",
		create: fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[2]s {id: row.start})
MATCH (b:%[3]s {id: row.end})
CREATE (a)-[r:%[1]s {id: row.id}]->(b)
SET r += row.props
RETURN count(*) AS rows`, typ, start, end),
		merge: unwindRows + merge,
	}, nil
}

// unwindRows starts the writer's statements.
const unwindRows = "UNWIND $rows AS row\n"

// schemaStatements create the constraints and indexes, idempotently. Each
// runs in its own transaction (Neo4j forbids mixing schema and data).
func schemaStatements() []string {
	var out []string
	for _, l := range graph.Labels {
		out = append(out, fmt.Sprintf("CREATE CONSTRAINT kg_%s_id IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE", strings.ToLower(l), l))
	}
	for _, t := range graph.Types {
		out = append(out, fmt.Sprintf("CREATE CONSTRAINT kg_%s_id IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", strings.ToLower(t), t))
	}
	out = append(out,
		"CREATE CONSTRAINT kg_source_id IF NOT EXISTS FOR (n:"+sourceLabel+") REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT kg_corpus_id IF NOT EXISTS FOR (n:"+corpusLabel+") REQUIRE n.id IS UNIQUE",
		"CREATE INDEX kg_source_corpus IF NOT EXISTS FOR (n:"+sourceLabel+") ON (n.corpus)",
		"CREATE FULLTEXT INDEX kg_names IF NOT EXISTS FOR (n:"+graph.Person+"|"+graph.Organization+") ON EACH [n.name, n.name_en, n.name_ko, n.aliases]",
		"CREATE INDEX kg_meeting_date IF NOT EXISTS FOR (n:"+graph.Meeting+") ON (n.date)",
	)
	return out
}

// FullTextIndex is the name of the full-text index over Person and
// Organization names and aliases, for db.index.fulltext.queryNodes.
const FullTextIndex = "kg_names"

// anyLabel and anyType are label and type disjunctions of the closed sets,
// e.g. Person|Organization|Meeting|Document.
var (
	anyLabel = strings.Join(graph.Labels, "|")
	anyType  = strings.Join(graph.Types, "|")
)
