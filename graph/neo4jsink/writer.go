package neo4jsink

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

var _ graph.Sink = (*Writer)(nil)

// Counters are the server's own counts of what the writes changed, summed
// over every batch a Writer committed.
type Counters struct {
	NodesCreated         int `json:"nodesCreated"`
	RelationshipsCreated int `json:"relationshipsCreated"`
	PropertiesSet        int `json:"propertiesSet"`
	LabelsAdded          int `json:"labelsAdded"`
	// Deletions happen only in Query statements; Write never deletes.
	NodesDeleted         int `json:"nodesDeleted,omitempty"`
	RelationshipsDeleted int `json:"relationshipsDeleted,omitempty"`
}

func (c *Counters) add(s neo4j.Counters) {
	c.NodesCreated += s.NodesCreated()
	c.RelationshipsCreated += s.RelationshipsCreated()
	c.PropertiesSet += s.PropertiesSet()
	c.LabelsAdded += s.LabelsAdded()
	c.NodesDeleted += s.NodesDeleted()
	c.RelationshipsDeleted += s.RelationshipsDeleted()
}

// Add adds o to c.
func (c *Counters) Add(o Counters) {
	c.NodesCreated += o.NodesCreated
	c.RelationshipsCreated += o.RelationshipsCreated
	c.PropertiesSet += o.PropertiesSet
	c.LabelsAdded += o.LabelsAdded
	c.NodesDeleted += o.NodesDeleted
	c.RelationshipsDeleted += o.RelationshipsDeleted
}

// Zero reports whether nothing changed.
func (c Counters) Zero() bool { return c == Counters{} }

// String formats the counters for people; deletions only when there were
// any.
func (c Counters) String() string {
	s := fmt.Sprintf("%d nodes created, %d relationships created, %d properties set, %d labels added",
		c.NodesCreated, c.RelationshipsCreated, c.PropertiesSet, c.LabelsAdded)
	if c.NodesDeleted > 0 || c.RelationshipsDeleted > 0 {
		s += fmt.Sprintf(", %d nodes deleted, %d relationships deleted", c.NodesDeleted, c.RelationshipsDeleted)
	}
	return s
}

// Writer writes graphs into one Neo4j database. It is safe for concurrent
// use; each Write runs in its own session.
type Writer struct {
	cfg    Config
	driver neo4j.DriverWithContext

	mu       sync.Mutex
	counters Counters
	schema   bool // schema created
	// unique holds the labels and relationship types whose id a
	// uniqueness (or key) constraint guards, read from the server after
	// the schema is created. Only their rows take the CREATE fast path.
	unique map[string]bool
	// lostCommits counts batches run again after their COMMIT's
	// connection died; what such a first attempt wrote is not counted.
	lostCommits int
}

// maxConstraintRetries bounds the retries of a batch that failed on a
// uniqueness constraint: two writers MERGE-ing the same new node can make
// one of them fail that way, and the retry then finds the node.
const maxConstraintRetries = 5

// New connects to the server of cfg (zero fields take the defaults), checks
// the credentials and that the database exists, all within cfg.Timeout.
func New(ctx context.Context, cfg Config) (*Writer, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		c.SocketConnectTimeout = cfg.Timeout
		c.ConnectionAcquisitionTimeout = cfg.Timeout
		c.MaxTransactionRetryTime = cfg.Timeout
		c.UserAgent = "kg"
	})
	if err != nil {
		return nil, cfg.describe("connect", err)
	}
	w := &Writer{cfg: cfg, driver: d}
	if err := w.verify(ctx); err != nil {
		w.Close(context.WithoutCancel(ctx))
		return nil, cfg.describe("connect", err)
	}
	// VerifyConnectivity does not open the database; a trivial read does.
	_, err = w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "RETURN 1", nil)
		if err != nil {
			return nil, err
		}
		_, err = res.Consume(ctx)
		return nil, err
	})
	if err != nil {
		w.Close(context.WithoutCancel(ctx))
		return nil, cfg.describe("open database", err)
	}
	return w, nil
}

// verify connects and logs in, waiting no longer than the timeout for any
// answer.
func (w *Writer) verify(ctx context.Context) error {
	d, stop := w.watch(ctx)
	defer stop()
	return noAnswer(d, w.driver.VerifyConnectivity(d))
}

// Config returns the settings the Writer runs with, defaults applied.
func (w *Writer) Config() Config { return w.cfg }

// Close closes the connections.
func (w *Writer) Close(ctx context.Context) error {
	d, stop := w.watch(ctx)
	defer stop()
	return w.cfg.describe("close", noAnswer(d, w.driver.Close(d)))
}

// LostCommits returns how many times a batch was run again because the
// connection died during its COMMIT. The counters do not include what
// such a lost commit wrote, if it did.
func (w *Writer) LostCommits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lostCommits
}

// Counters returns what the Writer's writes changed so far.
func (w *Writer) Counters() Counters {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.counters
}

func (w *Writer) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return w.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: w.cfg.Database, AccessMode: mode})
}

// read runs work in a managed read transaction of a fresh session, under
// a watchdog (see managed).
func (w *Writer) read(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	s := w.session(ctx, neo4j.AccessModeRead)
	defer w.closeSession(ctx, s)
	return w.managed(ctx, s, false, work)
}

// EnsureSchema creates kg's constraints and indexes if they do not exist
// and waits until they are online. Write calls it once per Writer.
func (w *Writer) EnsureSchema(ctx context.Context) error {
	w.mu.Lock()
	done := w.schema
	w.mu.Unlock()
	if done {
		return nil
	}
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer w.closeSession(ctx, s)
	for _, q := range schemaStatements() {
		for attempt := 0; ; attempt++ {
			_, err := w.managed(ctx, s, true, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, q, nil)
				if err != nil {
					return nil, err
				}
				return res.Consume(ctx)
			})
			// Another writer creating the same schema at the same time.
			if hasCode(err, codeEquivalentSchema, codeConstraintExists, codeIndexExists) {
				err = nil
			}
			if hasCode(err, codeSchemaModifiedRace) && attempt < maxConstraintRetries {
				continue
			}
			if err != nil {
				return w.cfg.describe("create schema", err)
			}
			break
		}
	}
	if err := w.awaitIndexes(ctx, s); err != nil {
		return w.cfg.describe("create schema", err)
	}
	unique, err := w.uniqueIDs(ctx, s)
	if err != nil {
		return w.cfg.describe("read schema", err)
	}
	w.mu.Lock()
	w.schema = true
	w.unique = unique
	w.mu.Unlock()
	return nil
}

// indexWait bounds how long EnsureSchema waits for indexes to come online
// (what db.awaitIndexes(300) waited before).
const indexWait = 300 * time.Second

// awaitIndexes waits until every index of the database is online, for up
// to indexWait. It asks the server every 100 ms rather than calling
// db.awaitIndexes, which would wait in the server without a word: each
// answer shows the server is alive, so only a server that stops answering
// is given up on after the timeout, while a long index population is not.
func (w *Writer) awaitIndexes(ctx context.Context, s neo4j.SessionWithContext) error {
	give := time.Now().Add(indexWait)
	for {
		out, err := w.managed(ctx, s, false, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, "SHOW INDEXES YIELD name, state, failureMessage WHERE state <> 'ONLINE' RETURN name, state, failureMessage ORDER BY name", nil)
			if err != nil {
				return nil, err
			}
			return res.Collect(ctx)
		})
		if err != nil {
			return err
		}
		recs := out.([]*neo4j.Record)
		if len(recs) == 0 {
			return nil
		}
		var names []string
		for _, r := range recs {
			name, _ := r.Values[0].(string)
			if state, _ := r.Values[1].(string); state == "FAILED" {
				msg, _ := r.Values[2].(string)
				return fmt.Errorf("index %s failed: %s", name, msg)
			}
			names = append(names, name)
		}
		if time.Now().After(give) {
			return fmt.Errorf("indexes %s still not online after %s", strings.Join(names, ", "), indexWait)
		}
		if err := sleep(ctx, 100*time.Millisecond); err != nil {
			return err
		}
	}
}

// uniqueIDs returns the labels and relationship types on whose id alone
// the database has a uniqueness or key constraint, whatever its name.
func (w *Writer) uniqueIDs(ctx context.Context, s neo4j.SessionWithContext) (map[string]bool, error) {
	out, err := w.managed(ctx, s, false, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, `SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties
WHERE (type CONTAINS 'UNIQUENESS' OR type ENDS WITH 'KEY') AND properties = ['id'] AND size(labelsOrTypes) = 1
RETURN labelsOrTypes[0]`, nil)
		if err != nil {
			return nil, err
		}
		m := map[string]bool{}
		for res.Next(ctx) {
			if l, ok := res.Record().Values[0].(string); ok {
				m[l] = true
			}
		}
		return m, res.Err()
	})
	if err != nil {
		return nil, err
	}
	return out.(map[string]bool), nil
}

// guarded reports whether rows of label or type name may be CREATEd.
func (w *Writer) guarded(name string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.unique[name]
}

// Write merges g into the database: schema first, then nodes, then
// relationships, in batches of Config.BatchSize rows. Loading the same
// graph again changes nothing.
//
// Each batch is one transaction that first looks up which of its ids
// exist: rows of new ids are created with a plain CREATE (the cheap path
// of a first load), the others are merged into what is there. A
// concurrent writer that creates one of the new ids first makes the
// CREATE fail on the uniqueness constraint; the batch is then retried,
// and finds the id.
//
// Every batch is safe to retry after an ambiguous failure (the server
// crashed or the connection broke during COMMIT, so the commit may have
// happened without its acknowledgement): a retry is a new transaction
// that looks the ids up again, so the rows a lost commit wrote are
// merged, which changes nothing, and are not created twice. The CREATE
// path is taken only for labels and types whose id the database holds
// unique (EnsureSchema creates those constraints and then reads them
// back); were one missing, a concurrent writer could create an id
// twice, so such rows always go through MERGE.
func (w *Writer) Write(ctx context.Context, g *graph.Graph) error {
	p, err := makePlan(g)
	if err != nil {
		return fmt.Errorf("neo4j write: %w", err)
	}
	if err := w.EnsureSchema(ctx); err != nil {
		return err
	}
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer w.closeSession(ctx, s)
	for _, ng := range p.nodes {
		st, err := nodeStatements(ng.label)
		if err != nil {
			return err
		}
		guarded := w.guarded(ng.label)
		for _, rows := range chunks(ng.rows, w.cfg.BatchSize) {
			if err := w.writeBatch(ctx, s, st, rows, guarded); err != nil {
				return fmt.Errorf("write %s nodes: %w", ng.label, err)
			}
		}
	}
	for _, rg := range p.rels {
		st, err := relStatements(rg.typ, rg.start, rg.end)
		if err != nil {
			return err
		}
		guarded := w.guarded(rg.typ)
		for _, rows := range chunks(rg.rows, w.cfg.BatchSize) {
			if err := w.writeBatch(ctx, s, st, rows, guarded); err != nil {
				return fmt.Errorf("write %s relationships: %w", rg.typ, err)
			}
		}
	}
	return nil
}

// writeBatch writes rows with the statements st in one managed write
// transaction and adds the server's counters once it has committed. New
// ids are CREATEd only when guarded (a uniqueness constraint on the id);
// otherwise every row is merged. writeTx retries it.
func (w *Writer) writeBatch(ctx context.Context, _ neo4j.SessionWithContext, st statements, rows []map[string]any, guarded bool) error {
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r["id"]
	}
	err := w.writeTx(ctx, nil, func(tx neo4j.ManagedTransaction, got *Counters) error {
		var fresh, old []map[string]any
		if !guarded {
			return runRows(ctx, tx, st.merge, rowsParam(rows), got)
		}
		exist, err := existing(ctx, tx, st.exists, ids)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if exist[r["id"].(string)] {
				old = append(old, r)
			} else {
				fresh = append(fresh, r)
			}
		}
		if len(fresh) > 0 {
			if err := runRows(ctx, tx, st.create, createRows(fresh), got); err != nil {
				return err
			}
		}
		if len(old) > 0 {
			return runRows(ctx, tx, st.merge, rowsParam(old), got)
		}
		return nil
	})
	if err != nil {
		return w.cfg.describe("merge batch", err)
	}
	return nil
}

// existing returns which of ids the exists statement finds.
func existing(ctx context.Context, tx neo4j.ManagedTransaction, query string, ids []any) (map[string]bool, error) {
	res, err := tx.Run(ctx, query, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for res.Next(ctx) {
		if id, ok := res.Record().Values[0].(string); ok {
			out[id] = true
		}
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	_, err = res.Consume(ctx)
	return out, err
}

// runRows runs a create or merge statement over rows, checks that every
// row was written and adds the server's counters to c.
func runRows(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []any, c *Counters) error {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return err
	}
	if n, _ := rec.Values[0].(int64); n != int64(len(rows)) {
		return fmt.Errorf("merged %d of %d rows: a start or end node is missing", n, len(rows))
	}
	c.add(sum.Counters())
	return nil
}

// createRows gives rows of new ids their properties as one map, the shape
// the create statements take.
func createRows(rows []map[string]any) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		keys, vals := r["keys"].([]string), r["vals"].([]any)
		props := make(map[string]any, len(keys))
		for j, k := range keys {
			props[k] = vals[j]
		}
		c := make(map[string]any, len(r)+1)
		for k, v := range r {
			if k != "keys" && k != "vals" {
				c[k] = v
			}
		}
		c["props"] = props
		out[i] = c
	}
	return out
}

// rowsParam converts rows to the []any the driver sends as a list.
func rowsParam(rows []map[string]any) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	return out
}
