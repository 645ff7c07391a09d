package neo4jsink

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/unitstore"
)

// A corpus in Neo4j is the set of its units, stored in the database, and
// the graph that corpus resolution makes of them, which is what the kg
// labels hold. A unit is one document's graph as extracted (kg build
// --neo4j) or one graph file (kg load). Adding units re-resolves the
// whole corpus and rewrites only what changed, so the database ends the
// same whatever order units came in, one at a time or all at once, from
// one process or several: it is always the resolution of every unit
// stored.
//
// Units are KgSource nodes ({id, corpus, key, hash, graph: gzipped graph
// JSON}); a KgCorpus node per corpus is the lock that serializes loads
// (see lock). Neither label is
// part of kg's graph: export, queries and who-met never read them.
// traceLoads prints how long each step of a corpus load took
// (KG_NEO4J_TRACE=1), for measuring.
var traceLoads = os.Getenv("KG_NEO4J_TRACE") == "1"

const (
	sourceLabel = "KgSource"
	corpusLabel = "KgCorpus"
)

// DefaultCorpus names the corpus when none is given.
const DefaultCorpus = "default"

// Unit is one graph of a corpus: a document's, or a graph file's. Key
// names it within the corpus: a unit with a key already stored replaces
// the stored one (a document that changed).
type Unit struct {
	Key   string
	Graph *graph.Graph
}

// Resolver makes the corpus graph of a set of units; it must depend only
// on the set, not on the order of units.
type Resolver func(units []*graph.Graph) *graph.Graph

// CorpusStats says what a corpus load did.
type CorpusStats struct {
	Units, NewUnits, ChangedUnits int // stored after the load; added; replaced
	Nodes, Rels                   int // in the corpus graph
	// The graph's changes: written (new or changed) and deleted (a node
	// that resolution joined into another, a relationship re-keyed).
	NodesWritten, RelsWritten, NodesDeleted, RelsDeleted int
	// Graph is the server's count of the graph's changes (units and the
	// lock not included).
	Graph  Counters
	Waited time.Duration // waiting for another load's lock
	// Forget: the units dropped, and the names given that no unit holds
	Forgotten int
	Unmatched []string
}

// LoadCorpus adds units to the corpus Config.Corpus names and rewrites the kg
// graph of that corpus as resolve makes it of every unit now stored.
//
// The steps, under the corpus lock: read the stored units; store the new
// and changed ones (first, so a load killed after this point is completed
// by the next one); resolve the old and the new set; read what the
// database holds for the ids of either; write the difference in batches.
// Because the difference is taken against what the database holds, a
// load that died midway leaves nothing the next load does not repair.
// Nodes and relationships outside the corpus are never touched.
func (w *Writer) LoadCorpus(ctx context.Context, units []Unit, resolve Resolver) (CorpusStats, error) {
	return w.changeCorpus(ctx, units, nil, resolve)
}

// ForgetCorpus withdraws documents from the corpus Config.Corpus names:
// the units that hold them (found by document id, URL or path) are
// deleted, and the kg graph of the corpus is rewritten as resolve makes
// it of the units that remain, exactly as LoadCorpus rewrites it. What
// only the withdrawn documents stated goes; what others state too stays,
// with only their support. Forgetting what the corpus does not hold
// changes nothing (CorpusStats.Unmatched lists those names). A unit that
// holds other documents too (a graph file of several, loaded as one) is
// an error, and nothing changes.
func (w *Writer) ForgetCorpus(ctx context.Context, names []string, resolve Resolver) (CorpusStats, error) {
	if len(names) == 0 {
		return CorpusStats{}, fmt.Errorf("forget: no documents named")
	}
	return w.changeCorpus(ctx, nil, names, resolve)
}

// changeCorpus adds units, drops those holding the documents forget
// names, and rewrites the corpus graph.
func (w *Writer) changeCorpus(ctx context.Context, units []Unit, forget []string, resolve Resolver) (CorpusStats, error) {
	var st CorpusStats
	corpus := w.cfg.Corpus
	if err := w.EnsureSchema(ctx); err != nil {
		return st, err
	}
	// encode the incoming units before taking the lock
	type enc struct {
		key, hash string
		blob      []byte
		docs      []string
		g         *graph.Graph
	}
	in := map[string]enc{}
	for _, u := range units {
		var js bytes.Buffer
		if err := graph.Encode(&js, u.Graph); err != nil {
			return st, fmt.Errorf("encode unit %s: %w", u.Key, err)
		}
		h := sha256.Sum256(js.Bytes())
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
		zw.Write(js.Bytes())
		zw.Close()
		in[u.Key] = enc{u.Key, hex.EncodeToString(h[:]), z.Bytes(), docsOf(u.Graph), u.Graph}
	}
	release, waited, err := w.lock(ctx, corpus)
	st.Waited = waited
	if err != nil {
		return st, err
	}
	defer release()

	t0 := time.Now()
	phase := func(name string) {
		if traceLoads {
			fmt.Fprintf(os.Stderr, "kg: load: %s: %s\n", name, time.Since(t0).Round(time.Millisecond))
		}
	}
	stored, err := w.readUnits(ctx, corpus)
	if err != nil {
		return st, err
	}
	phase("read units")
	var prev, next []*graph.Graph
	var write []map[string]any
	for _, key := range slices.Sorted(mapKeys(stored)) {
		prev = append(prev, stored[key].g)
	}
	all := map[string]*graph.Graph{}
	for k, u := range stored {
		all[k] = u.g
	}
	if len(forget) > 0 {
		docs := map[string][]unitstore.Doc{}
		for k, u := range stored {
			docs[k] = unitstore.Docs(u.g)
		}
		drop, unmatched, err := unitstore.Forget(docs, forget)
		if err != nil {
			return st, fmt.Errorf("forget: %w", err)
		}
		st.Forgotten, st.Unmatched = len(drop), unmatched
		ids := make([]map[string]any, len(drop))
		for i, k := range drop {
			delete(all, k)
			ids[i] = map[string]any{"\x00id": corpus + "|" + k}
		}
		// the units first, as a load stores them first: from here on the
		// next load or forget completes this one
		for _, rows := range chunks(ids, max(1, w.cfg.BatchSize)) {
			if err := w.exec(ctx, "UNWIND $rows AS id MATCH (s:"+sourceLabel+" {id: id}) DELETE s RETURN count(*) AS rows", rows, nil); err != nil {
				return st, w.cfg.describe("forget units", err)
			}
		}
	}
	for _, key := range slices.Sorted(mapKeys(in)) {
		u := in[key]
		old, ok := stored[key]
		switch {
		case !ok:
			st.NewUnits++
		case old.hash != u.hash:
			st.ChangedUnits++
		default:
			continue
		}
		all[key] = u.g
		write = append(write, map[string]any{"id": corpus + "|" + key, "corpus": corpus, "key": key, "hash": u.hash,
			"graph": u.blob, "documents": u.docs})
	}
	for _, key := range slices.Sorted(mapKeys(all)) {
		next = append(next, all[key])
	}
	st.Units = len(all)
	// the units first: from here on the next load completes this one
	for _, rows := range chunks(write, max(1, w.cfg.BatchSize/100)) {
		if err := w.exec(ctx, `UNWIND $rows AS row
MERGE (s:`+sourceLabel+` {id: row.id})
SET s.corpus = row.corpus, s.key = row.key, s.hash = row.hash, s.graph = row.graph, s.documents = row.documents
RETURN count(*) AS rows`, rows, nil); err != nil {
			return st, w.cfg.describe("store units", err)
		}
	}
	phase("store units")
	before := graph.NewMerger()
	if len(prev) > 0 {
		before.Add(resolve(prev))
	}
	after := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	if len(next) > 0 {
		after = resolve(next)
	}
	phase("resolve")
	st.Nodes, st.Rels = len(after.Nodes), len(after.Relationships)
	have, err := w.readIDs(ctx, before.Graph(), after)
	if err != nil {
		return st, err
	}
	phase("read the corpus graph")
	err = w.applyDiff(ctx, have, after, &st)
	phase("write the difference")
	return st, err
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// docsOf lists the documents of a graph's Document nodes.
func docsOf(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			out = append(out, graph.Strings(n.Properties["documents"])...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// UnitKey names a graph file's unit by the documents it holds (loading a
// newer build of the same documents replaces it), or by its node ids when
// it has no Document nodes.
func UnitKey(g *graph.Graph) string {
	docs := docsOf(g)
	if len(docs) == 0 {
		for _, n := range g.Nodes {
			docs = append(docs, n.ID)
		}
		sort.Strings(docs)
	}
	h := sha256.Sum256([]byte(strings.Join(docs, "\n")))
	return "graph:" + hex.EncodeToString(h[:12])
}

type storedUnit struct {
	hash string
	g    *graph.Graph
}

// readUnits reads and decodes the units stored for corpus.
func (w *Writer) readUnits(ctx context.Context, corpus string) (map[string]storedUnit, error) {
	out, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "MATCH (s:"+sourceLabel+" {corpus: $c}) RETURN s.key, s.hash, s.graph", map[string]any{"c": corpus})
		if err != nil {
			return nil, err
		}
		m := map[string]storedUnit{}
		for res.Next(ctx) {
			v := res.Record().Values
			key, _ := v[0].(string)
			hash, _ := v[1].(string)
			blob, _ := v[2].([]byte)
			zr, err := gzip.NewReader(bytes.NewReader(blob))
			if err != nil {
				return nil, fmt.Errorf("unit %s: %w", key, err)
			}
			g, err := graph.Decode(zr)
			if err != nil {
				return nil, fmt.Errorf("unit %s: %w", key, err)
			}
			m[key] = storedUnit{hash, g}
		}
		return m, res.Err()
	})
	if err != nil {
		return nil, w.cfg.describe("read units", err)
	}
	return out.(map[string]storedUnit), nil
}

// readIDs reads what the database holds for the ids of the corpus graph
// before and after this load: the nodes of kg's labels and the
// relationships of kg's types with those ids.
func (w *Writer) readIDs(ctx context.Context, gs ...*graph.Graph) (*graph.Graph, error) {
	nodeIDs := map[string][]any{}
	relIDs := map[string][]any{}
	seenN, seenR := map[string]bool{}, map[string]bool{}
	for _, g := range gs {
		for _, n := range g.Nodes {
			if l, ok := primaryLabel(n.Labels); ok && !seenN[n.ID] {
				seenN[n.ID] = true
				nodeIDs[l] = append(nodeIDs[l], n.ID)
			}
		}
		for _, r := range g.Relationships {
			if graph.ValidType(r.Type) && !seenR[r.ID] {
				seenR[r.ID] = true
				relIDs[r.Type] = append(relIDs[r.Type], r.ID)
			}
		}
	}
	out := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	for _, l := range graph.Labels {
		for _, ids := range chunks(nodeIDs[l], max(w.cfg.BatchSize, 1000)) {
			_, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, "UNWIND $keys AS id MATCH (n:"+l+" {id: id}) RETURN n.id, [x IN labels(n) WHERE x IN $labels], properties(n)",
					map[string]any{"keys": ids, "labels": stringsAny(graph.Labels)})
				if err != nil {
					return nil, err
				}
				for res.Next(ctx) {
					v := res.Record().Values
					id, _ := v[0].(string)
					props, err := exportProps(v[2])
					if err != nil {
						return nil, fmt.Errorf("node %q: %w", id, err)
					}
					out.Nodes = append(out.Nodes, graph.Node{ID: id, Labels: anyStrings(v[1]), Properties: props})
				}
				return nil, res.Err()
			})
			if err != nil {
				return nil, w.cfg.describe("read nodes", err)
			}
		}
	}
	for _, t := range graph.Types {
		for _, ids := range chunks(relIDs[t], max(w.cfg.BatchSize, 1000)) {
			_, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, "UNWIND $keys AS id MATCH (a)-[r:"+t+" {id: id}]->(b) RETURN r.id, a.id, b.id, properties(r)", map[string]any{"keys": ids})
				if err != nil {
					return nil, err
				}
				for res.Next(ctx) {
					v := res.Record().Values
					id, _ := v[0].(string)
					a, _ := v[1].(string)
					b, _ := v[2].(string)
					props, err := exportProps(v[3])
					if err != nil {
						return nil, fmt.Errorf("relationship %q: %w", id, err)
					}
					out.Relationships = append(out.Relationships, graph.Relationship{ID: id, Type: t, StartNode: a, EndNode: b, Properties: props})
				}
				return nil, res.Err()
			})
			if err != nil {
				return nil, w.cfg.describe("read relationships", err)
			}
		}
	}
	return out, nil
}

// applyDiff makes the database hold want where it holds have: it deletes
// what have has and want has not, and writes what is new or different,
// properties replaced whole. (The id travels beside the properties, not
// in them: setting it again would update the id index for nothing, which
// made a first load half as fast.)
// sessionKey carries a session for writeTx to run its transactions in:
// one session for the batches of a load, as Write does, instead of one
// per batch.
type sessionKey struct{}

func (w *Writer) applyDiff(ctx context.Context, have, want *graph.Graph, stats *CorpusStats) error {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer w.closeSession(ctx, s)
	ctx = context.WithValue(ctx, sessionKey{}, s)
	haveN := map[string]graph.Node{}
	for _, n := range have.Nodes {
		haveN[n.ID] = n
	}
	haveR := map[string]graph.Relationship{}
	for _, r := range have.Relationships {
		haveR[r.ID] = r
	}
	wantN := map[string]bool{}
	wantR := map[string]bool{}
	type relGroupKey struct{ typ, start, end string }
	nodeRows := map[string][]map[string]any{}
	relRows := map[relGroupKey][]map[string]any{}
	labelOf := map[string]string{}
	for _, n := range want.Nodes {
		l, ok := primaryLabel(n.Labels)
		if !ok {
			return fmt.Errorf("node %q: no kg label", n.ID)
		}
		labelOf[n.ID] = l
		wantN[n.ID] = true
		props, err := graph.NormalizeProps(n.Properties)
		if err != nil {
			return fmt.Errorf("node %q: %w", n.ID, err)
		}
		if old, ok := haveN[n.ID]; ok && sameLabels(old.Labels, n.Labels) && reflect.DeepEqual(old.Properties, props) {
			continue
		}
		var extra []string
		for _, x := range n.Labels {
			if x != l {
				extra = append(extra, x)
			}
		}
		nodeRows[l] = append(nodeRows[l], map[string]any{"id": n.ID, "props": props, "labels": stringsAny(extra)})
	}
	for _, r := range want.Relationships {
		wantR[r.ID] = true
		props, err := graph.NormalizeProps(r.Properties)
		if err != nil {
			return fmt.Errorf("relationship %q: %w", r.ID, err)
		}
		if old, ok := haveR[r.ID]; ok && old.StartNode == r.StartNode && old.EndNode == r.EndNode && reflect.DeepEqual(old.Properties, props) {
			continue
		}
		k := relGroupKey{r.Type, labelOf[r.StartNode], labelOf[r.EndNode]}
		if k.start == "" || k.end == "" {
			return fmt.Errorf("relationship %q: an end is not in the graph", r.ID)
		}
		relRows[k] = append(relRows[k], map[string]any{"id": r.ID, "start": r.StartNode, "end": r.EndNode, "props": props})
	}
	// deletions: relationships first, then nodes (DETACH: with what
	// joins them to nodes outside the corpus graph, which kg never made)
	var ops []writeOp
	delR := map[string][]any{}
	for _, r := range have.Relationships {
		if !wantR[r.ID] {
			delR[r.Type] = append(delR[r.Type], r.ID)
		}
	}
	for _, r := range want.Relationships {
		if old, ok := haveR[r.ID]; ok && (old.StartNode != r.StartNode || old.EndNode != r.EndNode) {
			delR[r.Type] = append(delR[r.Type], r.ID) // same id, new ends: delete and write anew
		}
	}
	for _, t := range graph.Types {
		if len(delR[t]) > 0 {
			ops = append(ops, writeOp{what: "delete relationships", rows: anySlice(delR[t]),
				query: "UNWIND $rows AS id MATCH ()-[r:" + t + " {id: id}]->() DELETE r RETURN count(*) AS rows"})
		}
	}
	delN := map[string][]any{}
	for _, n := range have.Nodes {
		if !wantN[n.ID] {
			l, _ := primaryLabel(n.Labels)
			delN[l] = append(delN[l], n.ID)
		}
	}
	for _, l := range graph.Labels {
		if len(delN[l]) > 0 {
			ops = append(ops, writeOp{what: "delete nodes", rows: anySlice(delN[l]),
				query: "UNWIND $rows AS id MATCH (n:" + l + " {id: id}) DETACH DELETE n RETURN count(*) AS rows"})
		}
	}
	for _, l := range graph.Labels {
		if len(nodeRows[l]) == 0 {
			continue
		}
		st, err := nodeStatements(l)
		if err != nil {
			return err
		}
		var extra strings.Builder
		for _, x := range graph.Labels {
			if x != l {
				fmt.Fprintf(&extra, "FOREACH (_ IN CASE WHEN '%s' IN row.labels THEN [1] ELSE [] END | SET n:%[1]s)\n", x)
			}
		}
		ops = append(ops, writeOp{what: "write nodes", rows: nodeRows[l], lookup: st.exists, guarded: w.guarded(l),
			create:  "UNWIND $rows AS row\nCREATE (n:" + l + " {id: row.id})\nSET n += row.props\n" + extra.String() + "RETURN count(*) AS rows",
			replace: "UNWIND $rows AS row\nMERGE (n:" + l + " {id: row.id})\nSET n = row.props\nSET n.id = row.id\n" + extra.String() + "RETURN count(*) AS rows"})
		stats.NodesWritten += len(nodeRows[l])
	}
	keys := make([]relGroupKey, 0, len(relRows))
	for k := range relRows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.typ+"\x00"+a.start+"\x00"+a.end < b.typ+"\x00"+b.start+"\x00"+b.end
	})
	for _, k := range keys {
		st, err := relStatements(k.typ, k.start, k.end)
		if err != nil {
			return err
		}
		ends := fmt.Sprintf("UNWIND $rows AS row\nMATCH (a:%s {id: row.start})\nMATCH (b:%s {id: row.end})\n", k.start, k.end)
		ops = append(ops, writeOp{what: "write relationships", rows: relRows[k], lookup: st.exists, guarded: w.guarded(k.typ),
			create:  ends + "CREATE (a)-[r:" + k.typ + " {id: row.id}]->(b)\nSET r += row.props\nRETURN count(*) AS rows",
			replace: ends + "MERGE (a)-[r:" + k.typ + " {id: row.id}]->(b)\nSET r = row.props\nSET r.id = row.id\nRETURN count(*) AS rows"})
		stats.RelsWritten += len(relRows[k])
	}
	total := 0
	for _, op := range ops {
		total += len(op.rows)
	}
	var c Counters
	defer func() {
		stats.Graph.Add(c)
		stats.NodesDeleted += c.NodesDeleted
		stats.RelsDeleted += c.RelationshipsDeleted
	}()
	if total <= w.cfg.BatchSize {
		// a change that fits one batch (what a document usually adds:
		// its nodes, and the merge of those it proves are one) is one
		// transaction: no reader sees two nodes joined halfway
		err := w.writeTx(ctx, &c, func(tx neo4j.ManagedTransaction, got *Counters) error {
			for _, op := range ops {
				if err := op.run(ctx, tx, op.rows, got); err != nil {
					return fmt.Errorf("%s: %w", op.what, err)
				}
			}
			return nil
		})
		return w.cfg.describe("write the corpus graph", err)
	}
	// a larger one in batches; a load that dies between them is completed
	// by the next (its units are stored already)
	for _, op := range ops {
		for _, rows := range chunks(op.rows, w.cfg.BatchSize) {
			err := w.writeTx(ctx, &c, func(tx neo4j.ManagedTransaction, got *Counters) error {
				return op.run(ctx, tx, rows, got)
			})
			if err != nil {
				return w.cfg.describe(op.what, err)
			}
		}
	}
	return nil
}

// writeOp is one statement of a corpus load's difference, over rows:
// either a deletion (query, over bare ids) or an upsert of one label or
// type (lookup, then create for new ids when guarded, replace for the
// others).
type writeOp struct {
	what                    string
	rows                    []map[string]any
	query                   string
	lookup, create, replace string
	guarded                 bool
}

// run runs op over rows in tx. An upsert first looks up which ids exist,
// the statement every batch of kg's writer starts with.
func (op writeOp) run(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any, got *Counters) error {
	if op.query != "" {
		param := make([]any, len(rows))
		for i, r := range rows {
			param[i] = r["\x00id"]
		}
		return runAll(ctx, tx, op.query, param, got)
	}
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r["id"]
	}
	exist, err := existing(ctx, tx, op.lookup, ids)
	if err != nil {
		return err
	}
	var fresh, old []any
	for _, r := range rows {
		if op.guarded && !exist[r["id"].(string)] {
			fresh = append(fresh, r)
		} else {
			old = append(old, r)
		}
	}
	if len(fresh) > 0 {
		if err := runAll(ctx, tx, op.create, fresh, got); err != nil {
			return err
		}
	}
	if len(old) > 0 {
		return runAll(ctx, tx, op.replace, old, got)
	}
	return nil
}

func sameLabels(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func anySlice(ids []any) []map[string]any {
	// exec takes rows; deletions pass bare ids, wrapped here
	out := make([]map[string]any, len(ids))
	for i, id := range ids {
		out[i] = map[string]any{"\x00id": id}
	}
	return out
}

// exec runs one statement over rows in a write transaction (see
// writeTx). The statement must return the number of rows it handled.
func (w *Writer) exec(ctx context.Context, query string, rows []map[string]any, c *Counters) error {
	param := make([]any, len(rows))
	for i, r := range rows {
		if id, ok := r["\x00id"]; ok && len(r) == 1 {
			param[i] = id
		} else {
			param[i] = r
		}
	}
	return w.writeTx(ctx, c, func(tx neo4j.ManagedTransaction, got *Counters) error {
		return runAll(ctx, tx, query, param, got)
	})
}

// writeTx runs work in a managed write transaction of a fresh session and
// retries it: the driver retries transient errors (deadlocks among them)
// for up to Config.Timeout; a uniqueness-constraint failure, which a
// concurrent writer creating the same new node or relationship can cause,
// is retried here a few times; and a COMMIT whose connection died (the
// transaction may be written or not, and the driver does not retry that)
// is run again for up to Config.Timeout: every batch kg writes is safe to
// run twice (see Write). If the server is gone, the next attempt fails as
// unreachable. The server's counters
// of the committed attempt are added to c and to the Writer's.
func (w *Writer) writeTx(ctx context.Context, c *Counters, work func(tx neo4j.ManagedTransaction, got *Counters) error) error {
	var lost time.Time
	s, shared := ctx.Value(sessionKey{}).(neo4j.SessionWithContext)
	if !shared {
		s = w.session(ctx, neo4j.AccessModeWrite)
		defer w.closeSession(ctx, s)
	}
	for attempt := 0; ; attempt++ {
		var got Counters
		_, err := w.managed(ctx, s, true, func(tx neo4j.ManagedTransaction) (any, error) {
			got = Counters{}
			return nil, work(tx, &got)
		})
		if err == nil {
			if c != nil {
				c.Add(got)
			}
			w.mu.Lock()
			w.counters.Add(got)
			w.mu.Unlock()
			return nil
		}
		if hasCode(err, codeConstraintFailed, codeDeadlockDetected) && attempt < maxConstraintRetries {
			if err := sleep(ctx, time.Duration(50*(attempt+1))*time.Millisecond); err != nil {
				return err
			}
			continue
		}
		// a COMMIT that got no answer for the timeout is not run again:
		// the server is silent, and another attempt would wait as long
		var na *NoAnswer
		if lostCommit(err) && !errors.As(err, &na) && ctx.Err() == nil {
			if lost.IsZero() {
				lost = time.Now()
			}
			if time.Since(lost) < w.cfg.Timeout {
				w.mu.Lock()
				w.lostCommits++
				w.mu.Unlock()
				if err := sleep(ctx, 100*time.Millisecond); err != nil {
					return err
				}
				continue
			}
		}
		return err
	}
}

// runAll runs query with $rows and adds the server's counters to c.
func runAll(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []any, c *Counters) error {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	if _, err := res.Single(ctx); err != nil {
		return err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return err
	}
	c.add(sum.Counters())
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-time.After(d):
		return nil
	}
}

// lock takes the corpus lock: a write lock on the corpus's KgCorpus node,
// held by a transaction left open on a connection of its own until
// release. Another load waits in the server for it, for as long as the
// load that holds it runs: that wait is not cut by the timeout (see
// tryLock). The lock lives as long as that connection: a load that is
// killed, or a server that restarts, frees it at once.
func (w *Writer) lock(ctx context.Context, corpus string) (func(), time.Duration, error) {
	start := time.Now()
	for attempt := 0; ; attempt++ {
		s, tx, err := w.tryLock(ctx, corpus)
		if err != nil {
			// two first loads creating the node at once: one retries
			if hasCode(err, codeConstraintFailed, codeDeadlockDetected) && attempt < maxConstraintRetries && ctx.Err() == nil {
				continue
			}
			return nil, time.Since(start), w.cfg.describe("lock corpus", err)
		}
		release := func() {
			d, stop := w.watch(context.WithoutCancel(ctx))
			defer stop()
			tx.Commit(d)
			s.Close(d)
		}
		return release, time.Since(start), nil
	}
}

// tryLock runs the lock statement once in a new transaction and returns
// it open. The statement answers when the lock is free, which may be long
// after it was sent: while it waits, whileBusy asks the server every
// third of the timeout whether the statement is still waiting for the
// lock, and each yes is progress. So a wait behind another load lasts as
// long as that load, while a server that stops answering, or a connection
// that stopped carrying the answer, is given up on after the timeout.
func (w *Writer) tryLock(ctx context.Context, corpus string) (neo4j.SessionWithContext, neo4j.ExplicitTransaction, error) {
	d, stop := w.watch(ctx)
	defer stop()
	token := newTxToken()
	s := w.session(ctx, neo4j.AccessModeWrite)
	tx, err := s.BeginTransaction(d, neo4j.WithTxMetadata(map[string]any{txToken: token}))
	if err == nil {
		waiting := w.whileBusy(d, token)
		var res neo4j.ResultWithContext
		res, err = tx.Run(d, "MERGE (l:"+corpusLabel+" {id: $c}) SET l.loads = coalesce(l.loads, 0) + 1 RETURN l.id", map[string]any{"c": corpus})
		if err == nil {
			_, err = res.Consume(d)
		}
		close(waiting)
		if err != nil {
			rd, rstop := w.watch(context.WithoutCancel(ctx))
			tx.Close(rd)
			rstop()
		}
	}
	if err != nil {
		w.closeSession(ctx, s)
		return nil, nil, noAnswer(d, err)
	}
	return s, tx, nil
}
