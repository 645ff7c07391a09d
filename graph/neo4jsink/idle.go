package neo4jsink

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Config.Timeout bounds every wait for the server as an idle bound: kg
// gives up when the server has shown no sign of progress for that long,
// however long the work as a whole takes. A server that accepted the
// connection and then went silent (stopped with SIGSTOP, a wedged JVM, a
// firewall that drops packets) is given up on after the timeout, not
// after the minutes the operating system takes to notice.
//
// The driver offers no way to set a read timeout: its config has none,
// its dialer cannot be replaced to set one on the socket, and the server's
// connection.recv_timeout_seconds hint is the server's to send. Its reads
// and writes do race against the context's Done, but only when the
// context has a deadline (internal/racing): with none, a read blocks until
// the kernel gives up. A fixed deadline would cut a long load or export
// that is making progress. So each exchange with the server runs under a
// watchdog, a context written for this: its Deadline is always the
// timeout from now, which makes the driver race every read and write, and
// its Done closes once no progress was seen for the timeout.
//
// Progress is anything the driver gets from the server: a record, a
// summary, the answer to BEGIN or COMMIT. The driver asks the context for
// its deadline as it starts each read or write of the socket, so each of
// those counts as progress too: the timeout then bounds each single read,
// as a read deadline on the socket would. Every call into a result or
// transaction through watchedTx counts as well, so a driver that asked
// less often would still see the timeout bound each record. Work in the
// server that is legitimately silent, a long statement or a wait for
// another load's corpus lock, is given its progress by asking the server
// on another connection whether it is still going on (see whileBusy).

// watchdog is a context that ends when no progress was reported (kick)
// for limit, when its parent ends, or when it is stopped.
type watchdog struct {
	parent context.Context
	limit  time.Duration
	start  time.Time
	last   atomic.Int64 // time.Since(start) at the last sign of progress
	fired  atomic.Bool  // ended for want of progress
	timer  *time.Timer

	done       chan struct{}
	once       sync.Once
	stopParent func() bool
}

type watchdogKey struct{}

// watch returns a watchdog over parent that ends after limit without
// progress, and the function that stops it (call it when the exchange is
// over, as one calls a context's cancel).
func watch(parent context.Context, limit time.Duration) (*watchdog, func()) {
	d := &watchdog{parent: parent, limit: limit, start: time.Now(), done: make(chan struct{})}
	d.timer = time.AfterFunc(limit, d.check)
	d.stopParent = context.AfterFunc(parent, d.end)
	return d, d.stop
}

// watch is watch with the Writer's timeout.
func (w *Writer) watch(ctx context.Context) (*watchdog, func()) {
	return watch(ctx, w.cfg.Timeout)
}

// kick records progress.
func (d *watchdog) kick() { d.last.Store(int64(time.Since(d.start))) }

// idle is how long since the last progress.
func (d *watchdog) idle() time.Duration {
	return time.Since(d.start) - time.Duration(d.last.Load())
}

func (d *watchdog) check() {
	select {
	case <-d.done:
		return
	default:
	}
	if idle := d.idle(); idle < d.limit {
		d.timer.Reset(d.limit - idle)
		return
	}
	d.fired.Store(true)
	d.end()
}

func (d *watchdog) end() { d.once.Do(func() { close(d.done) }) }

func (d *watchdog) stop() {
	d.timer.Stop()
	d.stopParent()
	d.end()
}

// Deadline is the timeout from now (or the parent's deadline, if sooner):
// never in the past while the context lives, which the driver would read
// as a read that ended without an error. Asking for it is progress of
// this watchdog (see above), not of one it runs under.
func (d *watchdog) Deadline() (time.Time, bool) {
	d.kick()
	return d.deadline(), true
}

// deadline is Deadline without the progress. A deadline set between two
// watchdogs is not seen (kg sets none).
func (d *watchdog) deadline() time.Time {
	dl := time.Now().Add(d.limit)
	var p time.Time
	var ok bool
	if a, isW := d.parent.Value(watchdogKey{}).(*watchdog); isW {
		p, ok = a.deadline(), true
	} else {
		p, ok = d.parent.Deadline()
	}
	if ok && p.Before(dl) {
		return p
	}
	return dl
}

func (d *watchdog) Done() <-chan struct{} { return d.done }

func (d *watchdog) Err() error {
	select {
	case <-d.done:
	default:
		return nil
	}
	if err := d.parent.Err(); err != nil {
		return err
	}
	if d.fired.Load() {
		return context.DeadlineExceeded
	}
	return context.Canceled
}

func (d *watchdog) Value(key any) any {
	if key == (watchdogKey{}) {
		return d
	}
	return d.parent.Value(key)
}

func (d *watchdog) String() string { return fmt.Sprintf("neo4jsink.watchdog(%s)", d.limit) }

// kick records progress on the watchdog ctx runs under, if any.
func kick(ctx context.Context) {
	if d, ok := ctx.Value(watchdogKey{}).(*watchdog); ok {
		d.kick()
	}
}

// NoAnswer is the error of a wait that ended because the server gave no
// sign of progress for Limit.
type NoAnswer struct {
	Limit time.Duration
	Err   error // what the driver reported
}

func (e *NoAnswer) Error() string {
	return fmt.Sprintf("no answer from the server for %s: %v", e.Limit, e.Err)
}

func (e *NoAnswer) Unwrap() error { return e.Err }

// noAnswer returns err as a *NoAnswer when the watchdog of ctx ended it
// (not when ctx's parent was cancelled, an interrupt), else err.
func noAnswer(ctx context.Context, err error) error {
	d, ok := ctx.Value(watchdogKey{}).(*watchdog)
	var na *NoAnswer
	if err == nil || !ok || !d.fired.Load() || d.parent.Err() != nil || errors.As(err, &na) {
		return err
	}
	return &NoAnswer{Limit: d.limit, Err: err}
}

// managed runs work in a managed transaction of s (a write transaction if
// write) under a watchdog: every statement of work runs under it, whatever
// context work passes, and a wait the watchdog ended is a *NoAnswer. The
// transaction carries a token in its metadata, and while it runs whileBusy
// asks the server whether it is executing a statement: a statement that
// works longer than the timeout before it answers is not cut.
func (w *Writer) managed(ctx context.Context, s neo4j.SessionWithContext, write bool, work neo4j.ManagedTransactionWork) (any, error) {
	d, stop := w.watch(ctx)
	defer stop()
	run := s.ExecuteRead
	if write {
		run = s.ExecuteWrite
	}
	var opts []func(*neo4j.TransactionConfig)
	if ctx.Value(probeKey{}) == nil {
		token := newTxToken()
		opts = append(opts, neo4j.WithTxMetadata(map[string]any{txToken: token}))
		defer close(w.whileBusy(d, token))
	}
	out, err := run(d, func(tx neo4j.ManagedTransaction) (any, error) {
		return work(watchedTx{tx, d})
	}, opts...)
	return out, noAnswer(d, err)
}

// txToken is the transaction metadata key whose value marks one of kg's
// transactions, for whileBusy to find it.
const txToken = "kg_tx"

func newTxToken() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// probeKey marks the context of whileBusy's own question, which is not
// asked about in turn.
type probeKey struct{}

// whileBusy kicks the watchdog d for as long as the server says that the
// transaction marked with token is executing a statement or waits for a
// lock another transaction holds (SHOW TRANSACTIONS), asking on a
// connection of its own every third of the timeout, until the returned
// channel is closed or d ends. The server working on kg's statement is
// progress, though nothing comes back until it is done: a long write
// batch, or the corpus lock held by another load. A server that does not
// answer gives no progress, nor does one that holds the transaction idle
// (it answered, or never got the statement, and kg heard nothing): d then
// ends after the timeout. A server that cannot show transactions (not
// allowed) but answers counts as busy.
func (w *Writer) whileBusy(d *watchdog, token string) chan<- struct{} {
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(max(w.cfg.Timeout/3, time.Millisecond))
		defer t.Stop()
		pctx := context.WithValue(d, probeKey{}, true)
		for {
			select {
			case <-stop:
				return
			case <-d.Done():
				return
			case <-t.C:
			}
			out, err := w.read(pctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(pctx, "SHOW TRANSACTIONS YIELD metaData, status, currentQuery, currentQueryStatus WHERE metaData."+txToken+
					" = $t RETURN status, currentQuery, currentQueryStatus", map[string]any{"t": token})
				if err != nil {
					return nil, err
				}
				recs, err := res.Collect(pctx)
				if err != nil || len(recs) == 0 {
					return false, err
				}
				status, _ := recs[0].Values[0].(string)
				query, _ := recs[0].Values[1].(string)
				qstatus, _ := recs[0].Values[2].(string)
				return strings.HasPrefix(status, "Blocked") || query != "" && (qstatus == "running" || qstatus == "waiting"), nil
			})
			var ne *neo4j.Neo4jError
			if busy, _ := out.(bool); busy || errors.As(err, &ne) {
				d.kick()
			}
		}
	}()
	return stop
}

// closeSession closes s, waiting for the server (a rollback, the rest of
// a result) no longer than the timeout allows, even once ctx is cancelled.
func (w *Writer) closeSession(ctx context.Context, s neo4j.SessionWithContext) {
	d, stop := w.watch(context.WithoutCancel(ctx))
	defer stop()
	s.Close(d)
}

// watchedTx runs its statements under the watchdog d instead of the
// context they are given (work is written with the caller's context, of
// which d is a child), and reports each answer as progress. Embedding the
// driver's interface keeps its unexported methods.
type watchedTx struct {
	neo4j.ManagedTransaction
	d *watchdog
}

func (t watchedTx) Run(_ context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	res, err := t.ManagedTransaction.Run(t.d, cypher, params)
	t.d.kick()
	if err != nil {
		return nil, err
	}
	return watchedResult{res, t.d}, nil
}

// watchedResult reads a result under the watchdog d.
type watchedResult struct {
	neo4j.ResultWithContext
	d *watchdog
}

func (r watchedResult) NextRecord(_ context.Context, rec **neo4j.Record) bool {
	defer r.d.kick()
	return r.ResultWithContext.NextRecord(r.d, rec)
}

func (r watchedResult) Next(context.Context) bool {
	defer r.d.kick()
	return r.ResultWithContext.Next(r.d)
}

func (r watchedResult) PeekRecord(_ context.Context, rec **neo4j.Record) bool {
	defer r.d.kick()
	return r.ResultWithContext.PeekRecord(r.d, rec)
}

func (r watchedResult) Peek(context.Context) bool {
	defer r.d.kick()
	return r.ResultWithContext.Peek(r.d)
}

func (r watchedResult) Collect(context.Context) ([]*neo4j.Record, error) {
	defer r.d.kick()
	return r.ResultWithContext.Collect(r.d)
}

func (r watchedResult) Records(context.Context) func(yield func(*neo4j.Record, error) bool) {
	return func(yield func(*neo4j.Record, error) bool) {
		for rec, err := range r.ResultWithContext.Records(r.d) {
			r.d.kick()
			if !yield(rec, err) {
				return
			}
		}
	}
}

func (r watchedResult) Single(context.Context) (*neo4j.Record, error) {
	defer r.d.kick()
	return r.ResultWithContext.Single(r.d)
}

func (r watchedResult) Consume(context.Context) (neo4j.ResultSummary, error) {
	defer r.d.kick()
	return r.ResultWithContext.Consume(r.d)
}
