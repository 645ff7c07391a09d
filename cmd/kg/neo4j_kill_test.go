package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/internal/corpus"
)

const (
	// killCorpusBytes of generated news make a graph of about 4,400 nodes
	// and 12,500 relationships: 12 node batches and 28 relationship
	// batches of killBatch rows, loaded in about 20s on two busy cores.
	killCorpusBytes = 1_500_000
	killCorpusSeed  = 1
	killBatch       = 500
	// killWait bounds each kg run of the test.
	killWait = 3 * time.Minute
)

// killPoint is where TestNeo4jFaultsKilledMidLoad strikes.
type killPoint struct {
	name  string
	fault boltFault
}

// TestNeo4jFaultsKilledMidLoad crashes the server (SIGKILL, no shutdown)
// at chosen moments of a load of a generated corpus, each time into an
// empty database: early in the nodes, in the relationships, with a COMMIT
// in flight, and after a commit the server acknowledged but whose
// acknowledgement never reached kg (the ambiguous failure: the batch is
// written, kg cannot know). The last point loses only the acknowledgement,
// the server staying up, so the driver could retry in the same process. A
// Bolt proxy between kg and the server picks each moment exactly and
// reports what it saw, so no point passes without its fault.
//
// At each point the interrupted kg load must fail with a one-line message
// within its --neo4j-timeout, the restarted server must hold exactly the
// batches it acknowledged, and the same kg load run again must converge to
// the clean load: no id twice, and kg export byte-identical.
func TestNeo4jFaultsKilledMidLoad(t *testing.T) {
	srv := newFaultServer(t)
	t0 := time.Now()
	dir := t.TempDir()
	h := &killHarness{t: t, srv: srv, dir: dir, bin: buildKillKG(t, dir), target: strings.TrimPrefix(srv.uri, "bolt://")}

	docs := filepath.Join(dir, "docs")
	files, size, err := corpus.Write(docs, killCorpusBytes, killCorpusSeed)
	if err != nil {
		t.Fatal(err)
	}
	h.graph = filepath.Join(dir, "graph.json")
	h.kg("", "build", "-q", "--out", h.graph, docs)
	g := readKillGraph(t, h.graph)
	h.total = [numTxKinds]int{nodeTx: len(g.Nodes), relTx: len(g.Relationships)}
	t.Logf("corpus: %d documents, %d bytes: graph of %d nodes, %d relationships", files, size, h.total[nodeTx], h.total[relTx])

	srv.ctl("reset")
	srv.ctl("start")
	t.Cleanup(func() { srv.ctl("reset") })

	// The reference: a clean load through a proxy without a fault, which
	// counts the batches and shows the proxy reads them right.
	clean := newBoltProxy(t, h.target, boltFault{}, nil)
	h.kg(clean.URI(), "load", "--batch-size", strconv.Itoa(killBatch), h.graph)
	clean.Close()
	h.batches = clean.Stats()
	if b := h.batches; b.ackedRows != h.total || b.resent != 0 || b.failures != 0 {
		t.Fatalf("the proxy saw %+v in a clean load of %d nodes and %d relationships", b, h.total[nodeTx], h.total[relTx])
	}
	t.Logf("clean load: %d node batches, %d relationship batches", h.batches.txs[nodeTx], h.batches.txs[relTx])
	cleanFile := filepath.Join(dir, "clean.json")
	h.kg(srv.uri, "export", "--format", "json", "--out", cleanFile)
	if h.clean, err = os.ReadFile(cleanFile); err != nil {
		t.Fatal(err)
	}

	points := []killPoint{
		{"nodes, 3rd batch open", boltFault{kind: nodeTx, n: 3, at: afterWrite, crash: true}},
		{"relationships, 12th batch open", boltFault{kind: relTx, n: 12, at: afterWrite, crash: true}},
		{"nodes, 6th COMMIT in flight", boltFault{kind: nodeTx, n: 6, at: afterCommit, crash: true}},
		{"relationships, 8th COMMIT acknowledged, ack lost, server killed", boltFault{kind: relTx, n: 8, at: afterAck, crash: true}},
		{"relationships, 20th COMMIT acknowledged, ack lost, server up", boltFault{kind: relTx, n: 20, at: afterAck}},
	}
	var outcomes []string
	defer func() {
		msg := fmt.Sprintf("kill points tried: %d\n%s", len(outcomes), strings.Join(outcomes, "\n"))
		t.Log(msg)
		fmt.Println("TestNeo4jFaultsKilledMidLoad: " + msg) // for CI logs too
		t.Logf("test: %s", time.Since(t0).Round(time.Second))
	}()
	for i, pt := range points {
		outcomes = append(outcomes, fmt.Sprintf("  %d. %s", i+1, h.strike(i+1, pt)))
	}
}

// killHarness runs TestNeo4jFaultsKilledMidLoad's loads, faults and checks.
type killHarness struct {
	t        *testing.T
	srv      *faultServer
	dir, bin string
	target   string // host:port of the server, for the proxy
	graph    string // the graph JSON file loaded
	total    [numTxKinds]int
	batches  proxyStats // of the clean load
	clean    []byte     // kg export of the clean load
}

// strike runs one kill point in an empty database and says what happened.
func (h *killHarness) strike(i int, pt killPoint) string {
	t, srv := h.t, h.srv
	if pt.fault.n > h.batches.txs[pt.fault.kind] {
		t.Fatalf("point %q: the load has only %d %s batches", pt.name, h.batches.txs[pt.fault.kind], pt.fault.kind)
	}
	start := time.Now()
	h.empty()
	pid := h.pid()
	// The script's kill takes some milliseconds to send the signal; where
	// the outcome of an in-flight COMMIT is the point, the proxy signals
	// the server itself, at once.
	kill := func() error { return killFaultServer(srv) }
	if pt.fault.at == afterCommit {
		kill = func() error { return syscall.Kill(pid, syscall.SIGKILL) }
	}
	proxy := newBoltProxy(t, h.target, pt.fault, kill)
	code, msg, exited := h.kgMayFail(proxy.URI(), "load", "--batch-size", strconv.Itoa(killBatch),
		"--neo4j-timeout", faultTimeout.String(), h.graph)
	proxy.Close()
	rep, st := proxy.Report(), proxy.Stats()
	if !rep.fired {
		t.Fatalf("point %q: the fault never struck (kg load exit %d: %s); the proxy saw %+v", pt.name, code, msg, st)
	}
	if rep.killErr != nil {
		t.Fatalf("point %q: killing the server: %v", pt.name, rep.killErr)
	}
	took := exited.Sub(rep.when).Round(100 * time.Millisecond)
	t.Logf("point %d %q: struck in %s batch %d (%d rows); COMMIT reply %q; kg load exit %d %s later: %s",
		i, pt.name, rep.tx.kind, rep.tx.seq, rep.tx.rows, rep.reply, code, took, msg)
	if pt.fault.at == afterAck && rep.reply != "SUCCESS" {
		t.Errorf("point %q: the server answered the COMMIT with %q, want SUCCESS", pt.name, rep.reply)
	}
	if pt.fault.crash {
		checkKilledLoad(t, pt.name, code, msg, proxy.URI())
	} else {
		// The server stayed up: kg must run the batch whose COMMIT lost
		// its connection again by itself (safe: batches are idempotent)
		// and finish the load.
		if code != exitOK {
			t.Errorf("point %q: kg load exit %d with the server up; want it to run the batch again and finish:\n%s", pt.name, code, msg)
		}
		if st.resent == 0 {
			t.Errorf("point %q: kg load did not send the batch again", pt.name)
		}
		if !strings.Contains(msg, "run again after the connection was lost during COMMIT") {
			t.Errorf("point %q: kg load's summary does not say a batch was run again:\n%s", pt.name, msg)
		}
	}
	if took > faultTimeout+30*time.Second {
		t.Errorf("point %q: kg load took %s after the fault (--neo4j-timeout %s)", pt.name, took, faultTimeout)
	}
	if pt.fault.crash {
		srv.ctl("kill") // the process is gone already; this clears its pid file
		srv.ctl("start")
	}

	// The database holds the batches the server acknowledged, all of them,
	// and nothing else; a COMMIT in flight at the crash, its reply never
	// seen, may or may not have made it.
	nodes, rels := h.count()
	got, acked := [numTxKinds]int{nodeTx: nodes, relTx: rels}, st.ackedRows
	committed := rep.reply == "SUCCESS"
	if k := rep.tx.kind; pt.fault.at == afterCommit && rep.reply == "" && got[k] == acked[k]+rep.tx.rows {
		committed = true
		acked[k] += rep.tx.rows
	}
	if got != acked {
		t.Errorf("point %q: after the fault the database has %d nodes and %d relationships, the server acknowledged %d and %d",
			pt.name, nodes, rels, acked[nodeTx], acked[relTx])
	}
	if code != exitOK && (nodes == 0 || got == h.total) {
		t.Errorf("point %q: after the fault the database has %d nodes and %d relationships: not in the middle of the load", pt.name, nodes, rels)
	}

	// Load again: kg's answer to any failure.
	out := h.kg(srv.uri, "load", "--batch-size", strconv.Itoa(killBatch), h.graph)
	if want := fmt.Sprintf("loaded %d nodes, %d relationships", h.total[nodeTx], h.total[relTx]); !strings.Contains(out, want) {
		t.Errorf("point %q: kg load again says %q, want %q", pt.name, out, want)
	}
	dups := h.duplicates(pt.name)
	exported := filepath.Join(h.dir, fmt.Sprintf("point%d.json", i))
	h.kg(srv.uri, "export", "--format", "json", "--out", exported)
	export, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	same := bytes.Equal(export, h.clean)
	if !same {
		t.Errorf("point %q: kg export after the fault and a second load differs from the clean load's:\n%s",
			pt.name, killFirstDifference(string(h.clean), string(export), 20))
	}
	return fmt.Sprintf("%s: struck in %s batch %d (%d rows), %s; batch committed: %t; the database then held %d nodes, %d relationships\n"+
		"     kg load: exit %d %s after the fault: %s\n"+
		"     batches sent again (retries): %d; kg load again: ok; duplicate ids: %d; export identical to the clean load: %t (%s)",
		pt.name, rep.tx.kind, rep.tx.seq, rep.tx.rows, pt.fault.at, committed, nodes, rels,
		code, took, killOneLine(msg), st.resent, dups, same, time.Since(start).Round(time.Second))
}

// kg runs kg against the server at uri (none if empty); it must succeed.
// It returns kg's output.
func (h *killHarness) kg(uri string, args ...string) string {
	h.t.Helper()
	start := time.Now()
	code, out, _ := h.kgMayFail(uri, args...)
	if code != exitOK {
		h.t.Fatalf("kg %s: exit %d:\n%s", strings.Join(args, " "), code, out)
	}
	h.t.Logf("kg %s: %s: %s", args[0], time.Since(start).Round(100*time.Millisecond), killOneLine(out))
	return out
}

// kgMayFail runs kg and returns its exit code, its output and when it
// exited; kg must end within killWait. It runs in the test's directory,
// where there is no configs/kg.yaml.
func (h *killHarness) kgMayFail(uri string, args ...string) (code int, out string, exited time.Time) {
	h.t.Helper()
	var buf bytes.Buffer
	c := exec.Command(h.bin, args...)
	c.Dir = h.dir
	c.Env = environWithout("KG_NEO4J_")
	if uri != "" {
		c.Env = append(c.Env, "KG_NEO4J_URI="+uri, "KG_NEO4J_PASSWORD="+faultPassword)
	}
	c.Stdout, c.Stderr = &buf, &buf
	if err := c.Start(); err != nil {
		h.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(killWait):
		c.Process.Kill()
		<-done
		h.t.Fatalf("kg %s still running after %s:\n%s", strings.Join(args, " "), killWait, buf.String())
	}
	exited = time.Now()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		h.t.Fatal(err)
	}
	return code, strings.TrimSpace(buf.String()), exited
}

// pid is the server's pid, from the script's pid file.
func (h *killHarness) pid() int {
	h.t.Helper()
	home := ""
	for _, kv := range h.srv.env {
		if v, ok := strings.CutPrefix(kv, "KG_NEO4J_HOME="); ok {
			home = v
		}
	}
	b, err := os.ReadFile(filepath.Join(home, "home", "run", "neo4j-dev.pid"))
	if err != nil {
		h.t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		h.t.Fatalf("pid file: %v", err)
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !bytes.Contains(cmdline, []byte("CommunityEntryPoint")) {
		h.t.Fatalf("pid %d of the pid file is not the Neo4j server (%v)", pid, err)
	}
	return pid
}

// query runs one statement on the server directly.
func (h *killHarness) query(cypher string, write bool) []any {
	h.t.Helper()
	ctx := context.Background()
	w := h.srv.writer(ctx)
	defer w.Close(ctx)
	res, err := w.Query(ctx, cypher, nil, write)
	if err != nil {
		h.t.Fatal(err)
	}
	return res.Rows[0]
}

// count counts the nodes and relationships in the database.
func (h *killHarness) count() (nodes, rels int) {
	h.t.Helper()
	// kg's graph only: a load also stores its units (KgSource) and takes
	// the corpus lock (KgCorpus), which are not rows of its batches
	row := h.query(`CALL { MATCH (n:Person|Organization|Meeting|Document) RETURN count(n) AS nodes }
CALL { MATCH (:Person|Organization|Meeting|Document)-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels`, false)
	return int(row[0].(int64)), int(row[1].(int64))
}

// empty deletes everything: faster than a reset and a start, and as empty
// for kg (its schema stays, which it would create first).
func (h *killHarness) empty() {
	h.t.Helper()
	for range 100 { // 2,000 nodes a transaction: far more rounds than needed
		if h.query("MATCH (n) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*)", true)[0].(int64) == 0 {
			if n, r := h.count(); n+r != 0 {
				h.t.Fatalf("the emptied database has %d nodes, %d relationships", n, r)
			}
			return
		}
	}
	h.t.Fatal("the database does not empty")
}

// duplicates fails the test if a node id or a relationship id occurs
// twice, and returns how many do.
func (h *killHarness) duplicates(point string) int64 {
	h.t.Helper()
	row := h.query(`CALL { MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN collect(id)[..5] AS nodes, count(*) AS dn }
CALL { MATCH ()-[r]->() WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN collect(id)[..5] AS rels, count(*) AS dr }
RETURN nodes, dn, rels, dr`, false)
	dn, dr := row[1].(int64), row[3].(int64)
	if dn != 0 || dr != 0 {
		h.t.Errorf("point %q: %d node ids and %d relationship ids occur more than once, e.g. %v, %v", point, dn, dr, row[0], row[2])
	}
	return dn + dr
}

// buildKillKG builds the kg binary into dir.
func buildKillKG(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("no go tool to build kg with")
	}
	bin := filepath.Join(dir, "kg")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func readKillGraph(t *testing.T, path string) *graph.Graph { t.Helper(); return readGraph(t, path) }

// killFaultServer is scripts/neo4j-dev kill, without a testing.T: the
// proxy calls it from its own goroutine.
func killFaultServer(srv *faultServer) error {
	c := exec.Command(srv.script, "kill")
	c.Env = srv.env
	if out, err := c.CombinedOutput(); err != nil {
		return fmt.Errorf("scripts/neo4j-dev kill: %v\n%s", err, out)
	}
	return nil
}

// checkKilledLoad checks how a load that lost its server failed: exit 1,
// a line naming the server, no panic and no password.
func checkKilledLoad(t *testing.T, point string, code int, msg, uri string) {
	t.Helper()
	if code != exitRuntime {
		t.Errorf("point %q: kg load exit %d, want %d:\n%s", point, code, exitRuntime, msg)
	}
	if !strings.Contains(msg, "neo4j at "+uri) {
		t.Errorf("point %q: kg load's message does not name the server %s:\n%s", point, uri, msg)
	}
	if strings.Contains(msg, faultPassword) || strings.Contains(msg, "panic") || strings.Count(msg, "\n") > 1 {
		t.Errorf("point %q: kg load's message is not one clear line, or shows the password:\n%s", point, msg)
	}
}

// killFirstDifference shows where two texts first differ: n lines of each,
// from a few lines before.
func killFirstDifference(a, b string, n int) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	from := max(0, i-3)
	var out strings.Builder
	fmt.Fprintf(&out, "%d lines against %d; first difference at line %d:\n", len(al), len(bl), i+1)
	for _, side := range []struct {
		mark  string
		lines []string
	}{{"-", al}, {"+", bl}} {
		for _, l := range side.lines[from:min(len(side.lines), from+n)] {
			fmt.Fprintf(&out, "%s%s\n", side.mark, l)
		}
	}
	return out.String()
}

// killOneLine puts kg's output on one line.
func killOneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " | ")), " ")
}
