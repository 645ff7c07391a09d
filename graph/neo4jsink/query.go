package neo4jsink

import (
	"context"
	"fmt"
	"strings"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphquery"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Result is what a query returned, in plain Go values: nil, bool, int64,
// float64, string, []any, map[string]any; nodes, relationships and paths
// become maps (see plain), temporal and spatial values strings.
type Result struct {
	Keys     []string
	Rows     [][]any
	Counters Counters
}

// Query runs one Cypher statement with params in a managed transaction: a
// read transaction, in which the server refuses to write, unless write is
// set. The rows are read in full.
func (w *Writer) Query(ctx context.Context, cypher string, params map[string]any, write bool) (*Result, error) {
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		out := &Result{Keys: keys, Rows: [][]any{}}
		for res.Next(ctx) {
			vals := res.Record().Values
			row := make([]any, len(vals))
			for i, v := range vals {
				row[i] = plain(v)
			}
			out.Rows = append(out.Rows, row)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		out.Counters.add(sum.Counters())
		return out, nil
	}
	var out any
	var err error
	if write {
		s := w.session(ctx, neo4j.AccessModeWrite)
		defer w.closeSession(ctx, s)
		out, err = w.managed(ctx, s, true, work)
	} else {
		out, err = w.read(ctx, work)
	}
	if err != nil {
		return nil, w.cfg.describe("query", err)
	}
	return out.(*Result), nil
}

// plain converts a driver value to plain Go values. A node becomes
// {"id", "labels", "properties"}, with id the kg id if it has one, else
// the element id; a relationship {"id", "type", "start", "end",
// "properties"}; a path {"nodes", "relationships"}.
func plain(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case []byte:
		return fmt.Sprintf("%x", x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	case dbtype.Node:
		return map[string]any{"id": kgID(x.Props, x.ElementId), "labels": stringsAny(x.Labels), "properties": plain(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"id": kgID(x.Props, x.ElementId), "type": x.Type, "start": x.StartElementId, "end": x.EndElementId, "properties": plain(x.Props)}
	case dbtype.Path:
		ns := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			ns[i] = plain(n)
		}
		rs := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rs[i] = plain(r)
		}
		return map[string]any{"nodes": ns, "relationships": rs}
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func kgID(props map[string]any, elementID string) string {
	if id, ok := props["id"].(string); ok {
		return id
	}
	return elementID
}

// nameMatch is the condition that node v is called $param: its kg id, or
// its name, name_en, name_ko or one of its aliases, ignoring case. v and
// param are constants of this package.
func nameMatch(v, param string) string {
	return strings.NewReplacer("n.", v+".", "$name", "$"+param).Replace(
		`(n.id = $name OR toLower(n.name) = toLower($name) OR toLower(n.name_en) = toLower($name)
   OR toLower(n.name_ko) = toLower($name) OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) = toLower($name)))`)
}

// The result types of WhoMet and ShortestPath are graphquery's, which
// answers the same questions over a graph JSON file without a server.
type (
	// Meeting is one meeting with someone, as WhoMet reports it.
	Meeting = graphquery.Meeting
	// Met is a person someone met and the meetings where they did.
	Met = graphquery.Met
	// Entity names a node.
	Entity = graphquery.Entity
	// Step is one hop of a Path.
	Step = graphquery.Step
	// Path is a chain of nodes joined by relationships.
	Path = graphquery.Path
)

// Who-met statements: MET relationships (with their meeting, if any), and
// co-attendance of a Meeting.
var (
	whoMetMET = `MATCH (n:` + graph.Person + `) WHERE ` + nameMatch("n", "name") + `
MATCH (n)-[r:` + graph.Met + `]-(q:` + graph.Person + `)
WHERE q <> n
OPTIONAL MATCH (m:` + graph.Meeting + ` {id: r.meeting})
RETURN n.id, coalesce(n.name, n.id), q.id, coalesce(q.name, q.id),
       m.id, toString(coalesce(r.date, m.date)), toString(m.place), coalesce(r.evidence, []), coalesce(r.documents, [])`
	whoMetAttended = `MATCH (n:` + graph.Person + `) WHERE ` + nameMatch("n", "name") + `
MATCH (n)-[a1:` + graph.Attended + `]->(m:` + graph.Meeting + `)<-[a2:` + graph.Attended + `]-(q:` + graph.Person + `)
WHERE q <> n
RETURN n.id, coalesce(n.name, n.id), q.id, coalesce(q.name, q.id),
       m.id, toString(m.date), toString(m.place), coalesce(a1.evidence, []) + coalesce(a2.evidence, []),
       coalesce(a1.documents, []) + coalesce(a2.documents, [])`
	whoIs = `MATCH (n:` + graph.Person + `) WHERE ` + nameMatch("n", "name") + ` RETURN count(n)`
)

// ErrNotFound reports that no node has the name asked for (the same
// error as graphquery's).
var ErrNotFound = graphquery.ErrNotFound

// WhoMet lists the people a person called name met (name is matched
// against id, name, name_en, name_ko and aliases, ignoring case), through
// MET relationships and shared ATTENDED meetings, one Met per pair, sorted
// by the met person's name. Meetings are merged by meeting id, or by date
// and place when there is no Meeting node. It wraps ErrNotFound when no
// person has the name.
func (w *Writer) WhoMet(ctx context.Context, name string) ([]Met, error) {
	out, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		params := map[string]any{"name": name}
		rows := [][]any{}
		for _, q := range []string{whoIs, whoMetMET, whoMetAttended} {
			res, err := tx.Run(ctx, q, params)
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			if q == whoIs {
				if n, _ := recs[0].Values[0].(int64); n == 0 {
					return nil, nil
				}
				continue
			}
			for _, r := range recs {
				rows = append(rows, r.Values)
			}
		}
		return rows, nil
	})
	if err != nil {
		return nil, w.cfg.describe("who met", err)
	}
	if out == nil {
		return nil, fmt.Errorf("no person called %q: %w", name, ErrNotFound)
	}
	return groupMet(out.([][]any)), nil
}

// groupMet folds rows (who id, who name, whom id, whom name, meeting id,
// date, place, evidence, documents) into one Met per pair with
// graphquery.GroupMet, as the offline queries fold theirs.
func groupMet(rows [][]any) []Met {
	in := make([]graphquery.Row, len(rows))
	for i, r := range rows {
		s := func(i int) string { v, _ := r[i].(string); return v }
		in[i] = graphquery.Row{
			Who:     Entity{ID: s(0), Name: s(1)},
			Whom:    Entity{ID: s(2), Name: s(3)},
			Meeting: Meeting{ID: s(4), Date: s(5), Place: s(6), Evidence: anyStrings(r[7]), Documents: anyStrings(r[8])},
		}
	}
	return graphquery.GroupMet(in)
}

// MaxPathDepth bounds ShortestPath's depth.
const MaxPathDepth = graphquery.MaxPathDepth

// ShortestPath finds a shortest chain of at most depth relationships of
// any kg type between a node called from and one called to (names matched
// as in WhoMet, over every kg label). Among chains of the same length it
// prefers those through fewer Document nodes (a shared MENTIONS says less
// than a MET), then the first by node ids, then by relationship ids (two meetings
// between the same two people). It wraps ErrNotFound when either
// name matches nothing or no chain exists.
func (w *Writer) ShortestPath(ctx context.Context, from, to string, depth int) (*Path, error) {
	if depth < 1 || depth > MaxPathDepth {
		return nil, fmt.Errorf("path depth %d: want 1 to %d", depth, MaxPathDepth)
	}
	fromMatch, toMatch := nameMatch("a", "from"), nameMatch("b", "to")
	// depth is an int checked above: the only non-constant part of the text.
	q := fmt.Sprintf(`MATCH (a:%[1]s) WHERE %[2]s
MATCH (b:%[1]s) WHERE %[3]s AND b <> a
MATCH p = allShortestPaths((a)-[:%[4]s*..%[5]d]-(b))
WITH p, size([x IN nodes(p) WHERE x:%[6]s]) AS docs
ORDER BY length(p), docs, [x IN nodes(p) | x.id], [r IN relationships(p) | r.id] LIMIT 1
RETURN [x IN nodes(p) | {id: x.id, name: coalesce(x.name, x.id), labels: labels(x)}],
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, props: properties(r)}]`,
		anyLabel, fromMatch, toMatch, anyType, depth, graph.Document)
	cnt := fmt.Sprintf(`OPTIONAL MATCH (a:%[1]s) WHERE %[2]s WITH count(a) AS na
OPTIONAL MATCH (b:%[1]s) WHERE %[3]s RETURN na, count(b)`, anyLabel, fromMatch, toMatch)
	out, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		params := map[string]any{"from": from, "to": to}
		res, err := tx.Run(ctx, cnt, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		if n, _ := rec.Values[0].(int64); n == 0 {
			return fmt.Errorf("nothing called %q: %w", from, ErrNotFound), nil
		}
		if n, _ := rec.Values[1].(int64); n == 0 {
			return fmt.Errorf("nothing called %q: %w", to, ErrNotFound), nil
		}
		res, err = tx.Run(ctx, q, params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return fmt.Errorf("no path between %q and %q within %d steps: %w", from, to, depth, ErrNotFound), nil
		}
		return recs[0].Values, nil
	})
	if err != nil {
		return nil, w.cfg.describe("path", err)
	}
	if e, ok := out.(error); ok {
		return nil, e
	}
	vals := out.([]any)
	p := &Path{}
	for _, n := range vals[0].([]any) {
		m := n.(map[string]any)
		id, _ := m["id"].(string)
		name, _ := m["name"].(string)
		var labels []string
		for _, l := range anyStrings(m["labels"]) {
			if graph.ValidLabel(l) {
				labels = append(labels, l)
			}
		}
		p.Nodes = append(p.Nodes, Entity{ID: id, Name: name, Labels: labels})
	}
	for i, r := range vals[1].([]any) {
		m := r.(map[string]any)
		typ, _ := m["type"].(string)
		start, _ := m["start"].(string)
		props, _ := graph.NormalizeProps(m["props"].(map[string]any))
		delete(props, "id")
		p.Steps = append(p.Steps, Step{Type: typ, Forward: start == p.Nodes[i].ID, Properties: props})
	}
	return p, nil
}
