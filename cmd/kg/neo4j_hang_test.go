package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// freezeProxy is a loopback TCP proxy in front of the real Neo4j that
// stops answering while keeping every socket open: a server that accepted
// the connection and then went silent (stopped with SIGSTOP, a wedged JVM,
// a firewall that drops packets). It relays the Bolt handshake and the
// login (HELLO, LOGON) of every connection; from the moment its trigger
// fires, it relays nothing else in either direction, on any connection,
// old or new (or, with the trigger's conn, on the trigger's connection
// only), until Close.
type freezeProxy struct {
	ln      net.Listener
	target  string
	trigger freezeTrigger

	done chan struct{} // closed by Close
	wg   sync.WaitGroup

	mu      sync.Mutex
	fired   bool
	froze   time.Time
	global  bool // every connection is frozen
	records int  // RECORDs relayed in answer to the trigger's statement
	conns   map[net.Conn]bool
}

// freezeTrigger says when the proxy freezes: at the first request after
// the login (query empty), or when a RUN whose statement contains query
// is sent (records 0: the RUN is not passed on), or once the server has
// sent that many RECORDs of its result (the rest is held back), or with
// commit once the COMMIT of its transaction went to the server (the
// commit happens; its answer is held back). With conn only the connection
// the trigger fired on freezes: the server goes on answering on others.
type freezeTrigger struct {
	query   string
	records int
	commit  bool
	conn    bool
}

func (tr freezeTrigger) String() string {
	if tr.conn {
		tr.conn = false
		return tr.String() + ", that connection only"
	}
	switch {
	case tr.query == "":
		return "first request after login"
	case tr.commit:
		return "COMMIT after " + firstLine(tr.query)
	case tr.records == 0:
		return "statement " + firstLine(tr.query)
	default:
		return fmt.Sprintf("record %d of %s", tr.records+1, firstLine(tr.query))
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return "«" + l + "»" }

// Bolt message tags the freeze proxy tells apart, beyond boltproxy_test.go's.
const (
	msgHello = 0x01
	msgLogon = 0x6A
)

func newFreezeProxy(t *testing.T, target string, tr freezeTrigger) *freezeProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &freezeProxy{ln: ln, target: target, trigger: tr, done: make(chan struct{}), conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

func (p *freezeProxy) URI() string { return "bolt://" + p.ln.Addr().String() }

// FrozeAt is when the trigger fired.
func (p *freezeProxy) FrozeAt() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.froze
}

// Frozen reports whether the trigger fired.
func (p *freezeProxy) Frozen() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fired
}

// Close stops listening, closes every connection and waits for the
// proxy's goroutines.
func (p *freezeProxy) Close() {
	p.mu.Lock()
	select {
	case <-p.done:
	default:
		close(p.done)
	}
	p.ln.Close()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *freezeProxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.done:
		c.Close()
		return false
	default:
	}
	p.conns[c] = true
	return true
}

func (p *freezeProxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(client) {
			continue
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.relay(client)
		}()
	}
}

// freeze fires the trigger, on the connection whose frozen flag is given:
// it stops relaying on that connection or, unless the trigger says conn,
// on every connection from now on.
func (p *freezeProxy) freeze(frozen *bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fired {
		return
	}
	p.fired, p.froze = true, time.Now()
	*frozen = true
	p.global = !p.trigger.conn
}

// stopped reports whether a connection with the frozen flag given may
// relay no more.
func (p *freezeProxy) stopped(frozen *bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.global || *frozen
}

// wait blocks a frozen relay until Close: the socket stays open, nothing
// moves.
func (p *freezeProxy) wait() { <-p.done }

func (p *freezeProxy) relay(client net.Conn) {
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(server) {
		client.Close()
		return
	}
	defer client.Close()
	defer server.Close()
	cr, sr := bufio.NewReader(client), bufio.NewReader(server)
	if err := (&proxyConn{client: client, server: server}).handshake(cr, sr); err != nil {
		return
	}
	// pending pairs the server's summaries with the client's requests:
	// a login's reply passes even when frozen.
	var mu sync.Mutex
	var pending []byte
	watch := false  // the trigger's statement runs on this connection
	frozen := false // this connection is frozen (under p.mu)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			raw, payload, err := readBoltMessage(sr)
			if err != nil {
				client.Close()
				return
			}
			pass := true
			if len(payload) >= 2 {
				tag := payload[1]
				mu.Lock()
				var req byte
				if tag != msgRecord && len(pending) > 0 {
					req, pending = pending[0], pending[1:]
				}
				w := watch
				mu.Unlock()
				login := req == msgHello || req == msgLogon
				if tag == msgRecord && w && p.trigger.records > 0 {
					p.mu.Lock()
					n := p.records
					p.records++
					p.mu.Unlock()
					if n == p.trigger.records {
						p.freeze(&frozen)
					}
				}
				pass = login || !p.stopped(&frozen)
			}
			if !pass {
				p.wait()
				return
			}
			if _, err := client.Write(raw); err != nil {
				return
			}
		}
	}()
	for {
		raw, payload, err := readBoltMessage(cr)
		if err != nil {
			return
		}
		if len(payload) >= 2 {
			tag := payload[1]
			login := tag == msgHello || tag == msgLogon
			if !login {
				switch {
				case p.trigger.query == "":
					p.freeze(&frozen)
				case tag == msgRun && strings.Contains(runQuery(payload), p.trigger.query):
					if p.trigger.records == 0 && !p.trigger.commit {
						p.freeze(&frozen)
					} else {
						mu.Lock()
						watch = true
						mu.Unlock()
					}
				}
			}
			if !login && p.stopped(&frozen) {
				p.wait()
				return
			}
			mu.Lock()
			commit := tag == msgCommit && watch && p.trigger.commit
			mu.Unlock()
			if commit {
				// the COMMIT goes through; nothing after it does
				server.Write(raw)
				p.freeze(&frozen)
				p.wait()
				return
			}
			if tag != msgGoodbye {
				mu.Lock()
				pending = append(pending, tag)
				mu.Unlock()
			}
		}
		if _, err := server.Write(raw); err != nil {
			return
		}
	}
}

// runQuery is the statement of a RUN message.
func runQuery(payload []byte) string {
	if len(payload) < 3 || payload[1] != msgRun {
		return ""
	}
	n, b, ok := packHeader(payload[2:], 0x80, 0xD0)
	if !ok || len(b) < n {
		return ""
	}
	return string(b[:n])
}

// hangBound is how long kg may take, from the freeze, to give up on a
// server that stopped answering, in timeouts: one for the wait that goes
// unanswered, one for giving the corpus lock back (its COMMIT goes
// unanswered too), the rest for a slow machine.
const hangBound = 4

// hangTimeout is the --neo4j-timeout of the runs against a frozen server.
const hangTimeout = 2 * time.Second

// hangCase is one kg command run against a server that freezes at a
// moment of it.
type hangCase struct {
	name string
	args func(t *testing.T, prefix string) []string
	at   freezeTrigger
}

// runHang runs the cases at once, each against its own proxy in front of
// the dev server with its own corpus and ids (most of a case is waiting
// for a timeout), then checks in a subtest each that kg gave up in time
// and said why.
func runHang(t *testing.T, cases []hangCase) {
	bin := hangKG(t)
	target := strings.TrimPrefix(os.Getenv("KG_NEO4J_URI"), "bolt://")
	type result struct {
		p    *freezeProxy
		run  kgRun
		name string
	}
	results := make([]result, len(cases))
	var wg sync.WaitGroup
	for i, c := range cases {
		prefix := hangCorpus(t)
		args := append(c.args(t, prefix), "--neo4j-timeout", hangTimeout.String())
		p := newFreezeProxy(t, target, c.at)
		results[i] = result{p: p, name: c.name}
		dir := t.TempDir() // no configs/kg.yaml here
		wg.Add(1)
		go func() {
			defer wg.Done()
			// the hard limit: a kg that hangs is killed, and the test fails
			// rather than hang go test
			results[i].run = kgAgainst(bin, dir, p.URI(), prefix, hangBound*hangTimeout+10*time.Second, args...)
		}()
	}
	wg.Wait()
	for i, c := range cases {
		r := results[i]
		t.Run(c.name+"/"+c.at.String(), func(t *testing.T) {
			p, run := r.p, r.run
			if run.err != nil {
				t.Fatalf("kg %s: %v", c.name, run.err)
			}
			if !p.Frozen() {
				t.Fatalf("the proxy never froze (exit %d after %s): %s", run.code, run.took.Round(10*time.Millisecond), run.out)
			}
			after := run.end.Sub(p.FrozeAt())
			t.Logf("kg %s: exit %d after %s, %s after the freeze: %s", c.name, run.code, run.took.Round(10*time.Millisecond), after.Round(10*time.Millisecond), strings.TrimSpace(run.out))
			if run.code == -1 {
				t.Fatalf("kg %s still running after %s against a frozen server (--neo4j-timeout %s)", c.name, run.took.Round(time.Second), hangTimeout)
			}
			if run.code != exitRuntime {
				t.Errorf("exit %d, want %d", run.code, exitRuntime)
			}
			if after > hangBound*hangTimeout {
				t.Errorf("kg gave up %s after the server froze, want under %s (%d × --neo4j-timeout %s)", after.Round(10*time.Millisecond), hangBound*hangTimeout, hangBound, hangTimeout)
			}
			if want := "no answer from the server for " + hangTimeout.String(); !strings.Contains(run.out, want) {
				t.Errorf("the message lacks %q:\n%s", want, run.out)
			}
			if !strings.Contains(run.out, "neo4j at "+p.URI()) {
				t.Errorf("the message does not name the server %s:\n%s", p.URI(), run.out)
			}
			if pw := os.Getenv("KG_NEO4J_PASSWORD"); pw != "" && strings.Contains(run.out, pw) {
				t.Errorf("the message shows the password:\n%s", run.out)
			}
		})
	}
}

// hangCorpus is neo4jTest for one case of runHang: an id prefix and
// corpus of its own (given to kg by kgAgainst, as the cases run at once),
// everything under it deleted when the test ends.
func hangCorpus(t *testing.T) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	prefix := "kgtest/cmd/" + t.Name() + "/" + hex.EncodeToString(b[:]) + "/"
	t.Cleanup(func() {
		for _, q := range []string{
			"MATCH (n:Person|Organization|Meeting|Document) WHERE n.id STARTS WITH $p DETACH DELETE n",
			"MATCH (n:KgSource|KgCorpus) WHERE n.corpus = $p OR n.id = $p DETACH DELETE n",
		} {
			if code, _, errs := runKG(t, "query", "--write", q, "--param", "p="+prefix); code != 0 {
				t.Errorf("cleanup: %s", errs)
			}
		}
	})
	return prefix
}

// TestNeo4jHangQuery: kg query against a server that accepted the
// connection and then stopped answering, before the statement, at it and
// in the middle of its rows.
func TestNeo4jHangQuery(t *testing.T) {
	neo4jTest(t)
	query := func(q string) func(*testing.T, string) []string {
		return func(*testing.T, string) []string { return []string{"query", q} }
	}
	runHang(t, []hangCase{
		{"query", query("RETURN 1"), freezeTrigger{}},
		{"query", query("RETURN 'kg-hang'"), freezeTrigger{query: "RETURN 'kg-hang'"}},
		{"query", query("UNWIND range(1, 100000) AS i RETURN i"), freezeTrigger{query: "UNWIND range(1, 100000) AS i RETURN i", records: 5}},
		{"query --write", func(*testing.T, string) []string {
			return []string{"query", "--write", "CREATE (n:KgHangTest) DELETE n"}
		}, freezeTrigger{query: "CREATE (n:KgHangTest)"}},
		{"who-met", func(*testing.T, string) []string { return []string{"who-met", "kg-hang-nobody"} }, freezeTrigger{query: "MATCH (n:Person)"}},
	})
}

// TestNeo4jHangLoad: kg load against a server that stops answering at
// each step of a corpus load, and kg build --neo4j.
func TestNeo4jHangLoad(t *testing.T) {
	neo4jTest(t)
	load := func(t *testing.T, prefix string) []string {
		g := meetingGraph(prefix, "hang", "Hang Ahn", "Hang Baek", "Hang Org", "2025-03-01", "Seoul", "Hang Ahn met Hang Baek.")
		return []string{"load", writeGraphJSON(t, g)}
	}
	build := func(t *testing.T, _ string) []string {
		doc := filepath.Join("..", "..", "testdata", "docs", "altman-seoul-2025-02-04.txt")
		abs, err := filepath.Abs(doc)
		if err != nil {
			t.Fatal(err)
		}
		return []string{"build", "-q", "--neo4j", "--out", filepath.Join(t.TempDir(), "g.json"), abs}
	}
	var cases []hangCase
	for _, at := range []freezeTrigger{
		{},                                       // connecting
		{query: "CREATE CONSTRAINT"},             // the schema
		{query: "SHOW INDEXES"},                  // waiting for the indexes
		{query: "MERGE (l:KgCorpus"},             // the corpus lock
		{query: "MERGE (l:KgCorpus", conn: true}, // its answer lost, the server fine
		{query: "MATCH (s:KgSource"},             // reading the units
		{query: "MERGE (s:KgSource"},             // storing them
		{query: "UNWIND $keys AS id MATCH"},      // reading what the database holds
		{query: "UNWIND $ids AS id MATCH"},       // writing the difference
		{query: "CREATE (n:", commit: true},      // its COMMIT
	} {
		cases = append(cases, hangCase{"load", load, at})
	}
	cases = append(cases, hangCase{"build --neo4j", build, freezeTrigger{query: "MATCH (s:KgSource"}})
	runHang(t, cases)
}

// TestNeo4jHangExport: kg export against a server that stops answering
// before the export, at its statement and in the middle of its rows.
func TestNeo4jHangExport(t *testing.T) {
	prefix := neo4jTest(t)
	// rows to stop in the middle of
	g := meetingGraph(prefix, "hang", "Hang Ahn", "Hang Baek", "Hang Org", "2025-03-01", "Seoul", "Hang Ahn met Hang Baek.")
	if code, _, errs := runKG(t, "load", writeGraphJSON(t, g)); code != exitOK {
		t.Fatalf("kg load: %s", errs)
	}
	export := func(t *testing.T, _ string) []string {
		return []string{"export", "--format", "json", "--out", filepath.Join(t.TempDir(), "g.json")}
	}
	runHang(t, []hangCase{
		{"export", export, freezeTrigger{}},
		{"export", export, freezeTrigger{query: "WHERE n.id STARTS WITH $prefix"}},
		{"export", export, freezeTrigger{query: "WHERE n.id STARTS WITH $prefix", records: 3}},
		{"export", export, freezeTrigger{query: "WHERE r.id IS NOT NULL", records: 3}},
	})
}

// kgRun is how a run of kg went.
type kgRun struct {
	code int // -1: killed
	out  string
	took time.Duration
	end  time.Time
	err  error // it could not run
}

// kgAgainst runs the kg binary in dir with args against the server at uri
// and the corpus (its other settings from the environment), and kills it
// after limit.
func kgAgainst(bin, dir, uri, corpus string, limit time.Duration, args ...string) kgRun {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	c := exec.CommandContext(ctx, bin, args...)
	c.Dir = dir
	c.Env = append(os.Environ(), "KG_NEO4J_URI="+uri, "KG_NEO4J_CORPUS="+corpus)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	c.WaitDelay = time.Second
	start := time.Now()
	err := c.Run()
	r := kgRun{out: out.String(), end: time.Now()}
	r.took = r.end.Sub(start)
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		r.code = -1
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		r.err = err
	}
	return r
}

// hangKG builds kg for the test.
func hangKG(t *testing.T) string {
	t.Helper()
	return buildKillKG(t, t.TempDir())
}
