package neo4jsink

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestWatchdogEndsWithoutProgress(t *testing.T) {
	d, stop := watch(context.Background(), 50*time.Millisecond)
	defer stop()
	if dl, ok := d.Deadline(); !ok || !dl.After(time.Now()) {
		t.Errorf("Deadline() = %v, %v: want one in the future", dl, ok)
	}
	select {
	case <-d.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("no progress for 10s and the watchdog has not ended")
	}
	if err := d.Err(); err != context.DeadlineExceeded {
		t.Errorf("Err() = %v, want context.DeadlineExceeded (what the driver takes for a timeout)", err)
	}
	cause := errors.New("driver: read timed out")
	var na *NoAnswer
	if err := noAnswer(d, cause); !errors.As(err, &na) || na.Limit != 50*time.Millisecond || !errors.Is(err, cause) {
		t.Errorf("noAnswer = %#v, want a *NoAnswer of 50ms wrapping the driver's error", err)
	}
	if dl, _ := d.Deadline(); !dl.After(time.Now()) {
		t.Errorf("Deadline() %v is past: the driver would take a read for done without an error", dl)
	}
}

func TestWatchdogLivesWhileKicked(t *testing.T) {
	d, stop := watch(context.Background(), 500*time.Millisecond)
	for i, end := 0, time.Now().Add(1500*time.Millisecond); time.Now().Before(end); i++ {
		time.Sleep(10 * time.Millisecond)
		if d.Err() != nil {
			t.Fatalf("ended while kicked every 10ms: %v", d.Err())
		}
		if i%2 == 0 {
			kick(context.WithValue(d, childKey{}, 1)) // found through a child
		} else {
			d.Deadline() // the driver starting a read
		}
	}
	stop()
	if err := d.Err(); err != context.Canceled {
		t.Errorf("Err() after stop = %v, want context.Canceled", err)
	}
	if err := noAnswer(d, errors.New("x")); err.Error() != "x" {
		t.Errorf("a stopped watchdog turned an error into %v", err)
	}
}

func TestWatchdogParent(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	d, stop := watch(parent, time.Hour)
	defer stop()
	child, cstop := watch(d, time.Hour)
	defer cstop()
	d.last.Store(-int64(time.Minute)) // as if idle for a minute
	child.Deadline()
	if idle := d.idle(); idle < time.Minute {
		t.Errorf("the inner watchdog's Deadline counted as progress of the outer one")
	}
	cancel()
	<-child.Done()
	if err := child.Err(); err != context.Canceled {
		t.Errorf("Err() = %v after the parent was cancelled, want context.Canceled", err)
	}
	if err := noAnswer(child, errors.New("x")); err.Error() != "x" {
		t.Errorf("an interrupt was reported as %v", err)
	}
	deadline, dcancel := context.WithTimeout(context.Background(), time.Minute)
	defer dcancel()
	d2, stop2 := watch(deadline, time.Hour)
	defer stop2()
	if got, _ := d2.Deadline(); got.After(time.Now().Add(time.Minute)) {
		t.Errorf("Deadline() = %v, later than the parent's", got)
	}
}

// TestLoadWaitsForTheLockBeyondTheTimeout: a load that waits for another
// load's corpus lock longer than the timeout is not cut: the server says
// it is waiting.
func TestLoadWaitsForTheLockBeyondTheTimeout(t *testing.T) {
	cfg := testConfig(t)
	w := newTestWriter(t, cfg)
	prefix := testPrefix(t, w)
	cfg.Corpus = prefix
	cfg.Timeout = time.Second
	lw := newTestWriter(t, cfg)
	ctx := context.Background()
	t.Cleanup(func() {
		w.Query(ctx, "MATCH (n:KgSource|KgCorpus) WHERE n.corpus = $p OR n.id = $p DETACH DELETE n", map[string]any{"p": prefix}, true)
	})
	if err := lw.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	// another load holds the lock for three timeouts
	const hold = 3 * time.Second
	release, _, err := w.lock(ctx, prefix)
	if err != nil {
		t.Fatal(err)
	}
	held := time.AfterFunc(hold, release)
	defer held.Stop()
	g := prefixed(seoulGraph(), prefix)
	st, err := lw.LoadCorpus(ctx, []Unit{{Key: "seoul", Graph: g}}, func(units []*graph.Graph) *graph.Graph { return graph.Merge(units...) })
	if err != nil {
		t.Fatalf("LoadCorpus behind a lock held %s, timeout %s: %v", hold, cfg.Timeout, err)
	}
	if st.Waited < hold-500*time.Millisecond {
		t.Errorf("waited %s for a lock held %s", st.Waited, hold)
	}
	if st.NewUnits != 1 || st.Nodes != len(g.Nodes) {
		t.Errorf("stats %+v, want the unit and its %d nodes", st, len(g.Nodes))
	}
}

// TestManagedRunsUnderTheWatchdog: a statement run with a context that
// has no deadline still runs under the exchange's watchdog.
func TestManagedRunsUnderTheWatchdog(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	ctx := context.Background()
	_, err := w.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, ok := tx.(watchedTx); !ok {
			t.Errorf("work got a %T, not a watchedTx", tx)
		}
		res, err := tx.Run(ctx, "UNWIND range(1, 3) AS i RETURN i", nil)
		if err != nil {
			return nil, err
		}
		if _, ok := res.(watchedResult); !ok {
			t.Errorf("Run returned a %T, not a watchedResult", res)
		}
		n := 0
		for res.Next(ctx) {
			n++
		}
		if n != 3 {
			t.Errorf("%d rows, want 3", n)
		}
		return nil, res.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStatementWaitingLongerThanTheTimeout: a statement the server works
// on (here: waits for a lock) for three timeouts without a word is not
// cut: the server says the transaction is busy.
func TestStatementWaitingLongerThanTheTimeout(t *testing.T) {
	cfg := testConfig(t)
	w := newTestWriter(t, cfg)
	prefix := testPrefix(t, w)
	cfg.Timeout = time.Second
	short := newTestWriter(t, cfg)
	ctx := context.Background()
	id := prefix + "busy"
	t.Cleanup(func() { w.Query(ctx, "MATCH (n:KgCorpus {id: $id}) DELETE n", map[string]any{"id": id}, true) })
	const hold = 3 * time.Second
	release, _, err := w.lock(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	held := time.AfterFunc(hold, release)
	defer held.Stop()
	start := time.Now()
	if _, err := short.Query(ctx, "MATCH (n:KgCorpus {id: $id}) SET n.touched = true RETURN n.id", map[string]any{"id": id}, true); err != nil {
		t.Fatalf("a statement blocked %s with the timeout %s: %v", hold, cfg.Timeout, err)
	}
	if took := time.Since(start); took < hold-500*time.Millisecond {
		t.Errorf("the statement answered after %s, before the lock was given back (%s): the test did not block it", took, hold)
	}
}

// childKey makes a child context of the watchdog's in the tests.
type childKey struct{}
