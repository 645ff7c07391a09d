package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// boltProxy is a loopback TCP proxy between kg and a Neo4j server that
// follows the Bolt messages closely enough to inject one fault at an exact
// moment of one of kg's write transactions: while the batch's write
// statement runs, just after its COMMIT went out, or just after the server
// acknowledged the COMMIT (the acknowledgement is then never delivered).
//
// Bolt after the handshake is a stream of messages in chunks, each a
// big-endian uint16 length and that many bytes, a message ending with an
// empty chunk; a message is a PackStream struct, its first byte 0xB0|fields
// and its second the tag. The server answers the client's messages in order,
// each with any number of RECORDs and then one summary (SUCCESS, FAILURE or
// IGNORED), so a queue of the messages sent pairs each summary with its
// request.
type boltProxy struct {
	ln     net.Listener
	target string
	fault  boltFault
	kill   func() error // crashes the server, for faults with crash set

	wg sync.WaitGroup

	mu      sync.Mutex
	conns   map[*proxyConn]bool
	crashed bool // the fault killed the server: new connections are refused
	stats   proxyStats
	report  faultReport
	seen    map[[32]byte]bool // first statements of kg batches, to spot a batch sent again
	acked   map[[32]byte]bool // and those of the acknowledged ones, to count each batch's rows once
}

// txKind tells kg's write transactions apart by their first statement, the
// lookup of the batch's ids (see graph/neo4jsink: statements.exists).
type txKind int

const (
	otherTx txKind = iota // schema, reads, queries: not a batch of kg's writer
	nodeTx
	relTx
	numTxKinds
)

func (k txKind) String() string {
	return [...]string{"other", "node", "relationship"}[k]
}

// faultMoment is when, in the fault's transaction, the fault strikes.
type faultMoment int

const (
	// afterWrite: the batch's write statement (its second RUN) was sent;
	// the transaction is open, some of its rows maybe written, none committed.
	afterWrite faultMoment = iota
	// afterCommit: the COMMIT was sent and the fault strikes at once, the
	// reply not yet seen: whether the commit happened is unknown.
	afterCommit
	// afterAck: the server's SUCCESS to the COMMIT was read and is held
	// back: the commit happened, kg never learns it.
	afterAck
)

func (m faultMoment) String() string {
	return [...]string{"write statement sent", "COMMIT sent", "COMMIT acknowledged, acknowledgement withheld"}[m]
}

// boltFault says where the proxy strikes: in the n-th transaction of kind
// (counted from 1 over all connections), at moment at. With crash it calls
// the proxy's kill function and refuses every later connection; without, it
// only drops that one connection and lets the driver reconnect.
type boltFault struct {
	kind  txKind
	n     int
	at    faultMoment
	crash bool
}

// proxyStats counts what went through the proxy, by transaction kind.
type proxyStats struct {
	conns     int
	txs       [numTxKinds]int // transactions with a first statement
	commits   [numTxKinds]int // COMMITs sent to the server
	acked     [numTxKinds]int // SUCCESS replies to a COMMIT, delivered or not
	ackedRows [numTxKinds]int // rows (ids) of the acknowledged batches, each batch once
	failures  int             // FAILURE replies
	resent    int             // batches whose first statement, ids and all, was sent before: retries
}

// faultReport is what the proxy saw of its fault.
type faultReport struct {
	fired   bool
	when    time.Time
	tx      txState // the fault's transaction
	reply   string  // the server's reply to the fault's COMMIT, "" if none came
	killErr error
}

// txState is one transaction on one connection, as the proxy follows it.
type txState struct {
	kind  txKind
	seq   int      // 1-based, among the transactions of its kind
	rows  int      // ids the batch looked up: the rows it writes
	key   [32]byte // hash of its first statement, ids and all
	runs  int
	fault bool
}

// pendingReply is a message sent to the server whose summary has not come
// back yet. hold keeps the summary from the client.
type pendingReply struct {
	tag  byte
	tx   *txState
	hold bool
}

// Bolt message tags.
const (
	msgGoodbye  = 0x02
	msgReset    = 0x0F
	msgRun      = 0x10
	msgBegin    = 0x11
	msgCommit   = 0x12
	msgRollback = 0x13
	msgSuccess  = 0x70
	msgRecord   = 0x71
	msgIgnored  = 0x7E
	msgFailure  = 0x7F
)

// maxBoltMessage bounds what the proxy buffers of one message (kg's batches
// are well below a megabyte).
const maxBoltMessage = 64 << 20

// newBoltProxy listens on a free loopback port and passes connections to
// target (host:port) until Close.
func newBoltProxy(t *testing.T, target string, fault boltFault, kill func() error) *boltProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &boltProxy{ln: ln, target: target, fault: fault, kill: kill,
		conns: map[*proxyConn]bool{}, seen: map[[32]byte]bool{}, acked: map[[32]byte]bool{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

// URI is the bolt:// URI of the proxy.
func (p *boltProxy) URI() string { return "bolt://" + p.ln.Addr().String() }

// Close stops listening, cuts every connection and waits for the proxy's
// goroutines. It may be called more than once.
func (p *boltProxy) Close() {
	p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// Stats returns the counts so far.
func (p *boltProxy) Stats() proxyStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Report returns what the proxy saw of its fault.
func (p *boltProxy) Report() faultReport {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.report
}

func (p *boltProxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.mu.Lock()
		if p.crashed {
			// The server is down as far as kg can tell, even once the
			// test restarts it.
			p.mu.Unlock()
			client.Close()
			continue
		}
		c := &proxyConn{p: p, client: client}
		p.conns[c] = true
		p.stats.conns++
		p.mu.Unlock()
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			c.run()
			p.mu.Lock()
			delete(p.conns, c)
			p.mu.Unlock()
		}()
	}
}

// proxyConn is one client connection and its server connection.
type proxyConn struct {
	p      *boltProxy
	client net.Conn

	// under p.mu
	server  net.Conn
	pending []pendingReply
	cut     bool // the fault struck: nothing more goes to the client
	closed  bool

	tx *txState // the open transaction; client→server goroutine only
}

func (c *proxyConn) close() {
	if c.closed {
		return
	}
	c.closed = true
	c.client.Close()
	if c.server != nil {
		c.server.Close()
	}
}

func (c *proxyConn) closeLocked() {
	c.p.mu.Lock()
	c.close()
	c.p.mu.Unlock()
}

func (c *proxyConn) run() {
	defer c.closeLocked()
	server, err := net.DialTimeout("tcp", c.p.target, 5*time.Second)
	if err != nil {
		return
	}
	c.p.mu.Lock()
	c.server = server
	closed := c.closed
	c.p.mu.Unlock()
	if closed {
		server.Close()
		return
	}
	cr, sr := bufio.NewReader(c.client), bufio.NewReader(server)
	if err := c.handshake(cr, sr); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.serverToClient(sr)
	}()
	c.clientToServer(cr)
	<-done
}

// handshake passes the version negotiation through: the client's magic and
// four proposals, the server's choice, and for the manifest negotiation
// (choice 0x000001FF) the server's offers and the client's pick.
func (c *proxyConn) handshake(cr, sr *bufio.Reader) error {
	deadline := time.Now().Add(10 * time.Second)
	c.client.SetDeadline(deadline)
	c.server.SetDeadline(deadline)
	defer c.client.SetDeadline(time.Time{})
	defer c.server.SetDeadline(time.Time{})
	hello := make([]byte, 20)
	if _, err := io.ReadFull(cr, hello); err != nil {
		return err
	}
	if _, err := c.server.Write(hello); err != nil {
		return err
	}
	choice := make([]byte, 4)
	if _, err := io.ReadFull(sr, choice); err != nil {
		return err
	}
	if !bytes.Equal(choice, []byte{0, 0, 1, 0xFF}) {
		_, err := c.client.Write(choice)
		return err
	}
	offers, err := readBoltVarint(sr)
	if err != nil {
		return err
	}
	n, _ := binary.Uvarint(offers)
	if n > 100 {
		return fmt.Errorf("bolt manifest offers %d versions", n)
	}
	versions := make([]byte, 4*n)
	if _, err := io.ReadFull(sr, versions); err != nil {
		return err
	}
	caps, err := readBoltVarint(sr)
	if err != nil {
		return err
	}
	if _, err := c.client.Write(bytes.Join([][]byte{choice, offers, versions, caps}, nil)); err != nil {
		return err
	}
	pick := make([]byte, 4)
	if _, err := io.ReadFull(cr, pick); err != nil {
		return err
	}
	if caps, err = readBoltVarint(cr); err != nil {
		return err
	}
	_, err = c.server.Write(append(pick, caps...))
	return err
}

// readBoltVarint reads the bytes of one base-128 varint, as the manifest
// handshake encodes counts and capabilities.
func readBoltVarint(r *bufio.Reader) ([]byte, error) {
	var out []byte
	for len(out) < binary.MaxVarintLen64 {
		b, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
		if b&0x80 == 0 {
			return out, nil
		}
	}
	return nil, errors.New("bolt handshake: varint too long")
}

// readBoltMessage reads one message: raw as it came (chunk headers included, to
// pass on unchanged) and its payload. An empty message is a NOOP.
func readBoltMessage(r *bufio.Reader) (raw, payload []byte, err error) {
	var h [2]byte
	for {
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return nil, nil, err
		}
		raw = append(raw, h[:]...)
		n := int(binary.BigEndian.Uint16(h[:]))
		if n == 0 {
			return raw, payload, nil
		}
		if len(raw)+n > maxBoltMessage {
			return nil, nil, fmt.Errorf("bolt message over %d bytes", maxBoltMessage)
		}
		at := len(raw)
		raw = append(raw, make([]byte, n)...)
		if _, err := io.ReadFull(r, raw[at:]); err != nil {
			return nil, nil, err
		}
		payload = append(payload, raw[at:]...)
	}
}

// clientToServer follows the client's messages: transactions begin, their
// first statement tells their kind, COMMITs are counted; the fault strikes
// after its message went to the server.
func (c *proxyConn) clientToServer(cr *bufio.Reader) {
	p := c.p
	for {
		raw, payload, err := readBoltMessage(cr)
		if err != nil {
			return
		}
		var fire *txState
		p.mu.Lock()
		if c.cut {
			p.mu.Unlock()
			return
		}
		if len(payload) >= 2 {
			tag := payload[1]
			pr := pendingReply{tag: tag, tx: c.tx}
			switch tag {
			case msgBegin:
				c.tx = &txState{}
				pr.tx = c.tx
			case msgRun:
				if tx := c.tx; tx != nil {
					tx.runs++
					if tx.runs == 1 {
						c.firstStatement(tx, payload)
					}
					if tx.fault && p.fault.at == afterWrite && tx.runs == 2 {
						fire = tx
					}
				}
			case msgCommit:
				if tx := c.tx; tx != nil {
					p.stats.commits[tx.kind]++
					if tx.fault && p.fault.at != afterWrite {
						pr.hold = true
						if p.fault.at == afterCommit {
							fire = tx
						}
					}
				}
				c.tx = nil
			case msgRollback, msgReset:
				c.tx = nil
			}
			if tag != msgGoodbye { // the only message without a reply
				c.pending = append(c.pending, pr)
			}
		}
		if fire != nil {
			c.cut = true
		}
		server := c.server
		p.mu.Unlock()
		if _, err := server.Write(raw); err != nil {
			return
		}
		if fire != nil {
			// After a crash, serverToClient reads what the server still
			// sent and closes both sides once the server's is gone.
			if err := p.strike(fire); err != nil || !p.fault.crash {
				c.closeLocked()
			}
			return
		}
	}
}

// firstStatement classifies tx by its first RUN: kg's batches start by
// looking up their ids, a parameter named ids; the query's pattern gives the
// kind. A batch's first statement sent twice is a retry.
func (c *proxyConn) firstStatement(tx *txState, payload []byte) {
	p := c.p
	query, rows, ok := parseLookup(payload)
	switch {
	case !ok:
		return
	case strings.Contains(query, "MATCH (n:"):
		tx.kind = nodeTx
	case strings.Contains(query, "[r:"):
		tx.kind = relTx
	default:
		return
	}
	tx.rows = rows
	p.stats.txs[tx.kind]++
	tx.seq = p.stats.txs[tx.kind]
	if !p.report.fired && p.fault.kind == tx.kind && p.fault.n == tx.seq {
		tx.fault = true
	}
	tx.key = sha256.Sum256(payload)
	if p.seen[tx.key] {
		p.stats.resent++
	}
	p.seen[tx.key] = true
}

// strike fires the fault of tx: records it and, for a crash, kills the
// server (new connections are refused from now on).
func (p *boltProxy) strike(tx *txState) error {
	p.mu.Lock()
	p.report.fired = true
	p.report.when = time.Now()
	p.report.tx = *tx
	if p.fault.crash {
		p.crashed = true
	}
	p.mu.Unlock()
	if !p.fault.crash {
		return nil
	}
	err := p.kill()
	p.mu.Lock()
	p.report.killErr = err
	p.mu.Unlock()
	return err
}

// serverToClient passes the server's messages on, pairing each summary with
// its request; the summary of a held COMMIT is recorded, not passed on, and
// for afterAck the fault strikes then.
func (c *proxyConn) serverToClient(sr *bufio.Reader) {
	p := c.p
	defer c.closeLocked() // server gone: so is the client's connection
	for {
		raw, payload, err := readBoltMessage(sr)
		if err != nil {
			return
		}
		var fire *txState
		p.mu.Lock()
		forward := !c.cut
		if len(payload) >= 2 && payload[1] != msgRecord && len(c.pending) > 0 {
			tag := payload[1]
			pr := c.pending[0]
			c.pending = c.pending[1:]
			if tag == msgFailure {
				p.stats.failures++
			}
			if pr.tag == msgCommit && pr.tx != nil && tag == msgSuccess {
				p.stats.acked[pr.tx.kind]++
				if !p.acked[pr.tx.key] {
					p.acked[pr.tx.key] = true
					p.stats.ackedRows[pr.tx.kind] += pr.tx.rows
				}
			}
			if pr.hold {
				forward = false
				p.report.reply = map[byte]string{msgSuccess: "SUCCESS", msgFailure: "FAILURE", msgIgnored: "IGNORED"}[tag]
				if p.fault.at == afterAck && !c.cut {
					c.cut = true
					fire = pr.tx
				}
			}
		}
		client := c.client
		p.mu.Unlock()
		if fire != nil {
			p.strike(fire) // the deferred close ends both sides
			return
		}
		if forward {
			if _, err := client.Write(raw); err != nil {
				return
			}
		}
	}
}

// parseLookup reads a RUN message's query and, when its parameters are one
// list named ids, the list's length.
func parseLookup(payload []byte) (query string, ids int, ok bool) {
	if len(payload) < 2 || payload[0] != 0xB3 || payload[1] != msgRun {
		return "", 0, false
	}
	b := payload[2:]
	n, b, ok := packHeader(b, 0x80, 0xD0)
	if !ok || len(b) < n {
		return "", 0, false
	}
	query, b = string(b[:n]), b[n:]
	if n, b, ok = packHeader(b, 0xA0, 0xD8); !ok || n != 1 {
		return query, 0, false
	}
	if n, b, ok = packHeader(b, 0x80, 0xD0); !ok || len(b) < n || string(b[:n]) != "ids" {
		return query, 0, false
	}
	if n, _, ok = packHeader(b[n:], 0x90, 0xD4); !ok {
		return query, 0, false
	}
	return query, n, true
}

// packHeader decodes the size of a PackStream string, list or map: tiny is
// its marker with the size in the low nibble (0x80, 0x90, 0xA0), sized its
// marker with an 8-bit size; the next two markers take 16 and 32 bits.
func packHeader(b []byte, tiny, sized byte) (n int, rest []byte, ok bool) {
	if len(b) == 0 {
		return 0, nil, false
	}
	switch m := b[0]; {
	case m&0xF0 == tiny:
		return int(m & 0x0F), b[1:], true
	case m == sized && len(b) >= 2:
		return int(b[1]), b[2:], true
	case m == sized+1 && len(b) >= 3:
		return int(binary.BigEndian.Uint16(b[1:])), b[3:], true
	case m == sized+2 && len(b) >= 5:
		return int(binary.BigEndian.Uint32(b[1:])), b[5:], true
	}
	return 0, nil, false
}
