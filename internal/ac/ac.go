// Package ac is a byte-level Aho-Corasick automaton with ASCII case
// folding. kg uses one automaton for every alias, title word and trigger of
// a rule set, so one pass over a document finds all of them.
//
// Layout. Bytes are first mapped to classes: every byte that occurs in no
// pattern shares class 0, ASCII upper case shares the class of its lower
// case (this is the case folding: the text is never lowered or copied), and
// every other byte of the patterns gets a class of its own. States are
// numbered breadth first. Shallow states (the root and its near
// descendants, where a scan spends most of its time) and states with several
// children are dense: a row of complete transitions, one per class, with
// failure links already folded in, so the scan does one table lookup per
// byte. All other states are sparse: their few edges (most have one) and a
// failure link, packed next to each other in one array. A transition value
// says in its top bits whether the next state is sparse and whether it ends
// a pattern, so the inner loop over dense states is a load, a compare and an
// add per byte. Sparse states are laid out depth first, so a chain of
// single-child states (the rest of a name once its first bytes matched) is
// contiguous in memory and needs no target words.
//
// Matches are reported with byte offsets into the scanned text.
package ac

import (
	"bytes"
	"slices"
	"sync"
)

// Match is one occurrence of pattern ID in a text, at bytes [Start, End).
type Match struct {
	Start, End int
	ID         int32
}

// Transition values (and the encoding of a state): bit 31 marks a state
// where patterns end, bit 30 a sparse state. The low 30 bits are the
// state's offset in Matcher.dense (dense) or Matcher.sparse (sparse).
const (
	flagOut    = 1 << 31
	flagSparse = 1 << 30
	offMask    = flagSparse - 1
	noRec      = ^uint32(0)
)

// Tuning: states at BFS depth <= denseDepth, and states with at least
// denseFanout children, get dense rows. Automata whose rows for every state
// fit in allDenseBytes are dense throughout.
var (
	denseDepth    = 6
	denseFanout   = 2
	allDenseBytes = 64 << 10
	// denseBytesPerPattern bounds the dense rows' memory per pattern.
	denseBytesPerPattern = 384
)

// outRec is a pattern ending at a state; next is the record of the longest
// proper suffix of it that is a pattern too (noRec if none).
type outRec struct {
	id   int32
	len  int32
	next uint32
}

// Matcher is an immutable automaton, safe for concurrent use.
type Matcher struct {
	class [256]uint8
	// nc is the number of classes; a dense row has nc transitions and then
	// the state's first output record (noRec if none).
	nc     uint32
	dense  []uint32
	sparse []uint32 // sparse states, as sparseSize describes
	outs   []outRec
	states int
	maxLen int // longest pattern
}

// lower folds ASCII upper case; other bytes are kept, so offsets hold.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 32
	}
	return c
}

// Build compiles patterns; pattern i is reported with ID i. Empty patterns
// are ignored; duplicate patterns (after case folding) report the first ID
// only, so callers should merge payloads of equal strings themselves.
func Build(patterns []string) *Matcher {
	return build(patterns, tuning{denseDepth, denseFanout, allDenseBytes, denseBytesPerPattern})
}

// BuildSmall compiles patterns as Build does (the same matches), with
// dense rows for the root and its children only: for a small pattern set
// built for one short text, where building rows costs more than the scan
// saves.
func BuildSmall(patterns []string) *Matcher {
	return build(patterns, tuning{depth: 1, fanout: 1 << 20})
}

// tuning says which states get dense rows (see the variables above).
type tuning struct {
	depth, fanout, allBytes, bytesPerPattern int
}

func build(patterns []string, tu tuning) *Matcher {
	m := &Matcher{}
	b := &builder{m: m, tu: tu}
	b.fold(patterns)
	b.trie()
	b.assignRows()
	b.link()
	b.encode()
	return m
}

// builder holds what the phases of build share.
type builder struct {
	m  *Matcher
	tu tuning
	// fold: the patterns as classes in one buffer, and their keys sorted.
	buf  []byte
	keys []key
	// trie: the states breadth first; shallowEnd is the first state
	// deeper than tu.depth.
	nodes      []node
	shallowEnd int
	// assignRows: row[s] is the index of s's dense row or -1; nd rows of
	// stride transitions.
	row    []int32
	nd     int
	stride uint32
	dense  []uint32 // state numbers until encode
	// link: failure states and first output records.
	fail, rec []uint32
}

// A key is a pattern with its first 8 bytes (as classes, which are >= 1,
// padded with zeros) packed big-endian, so that most comparisons of the
// sort compare two integers.
type key struct {
	prefix   uint64
	off, len int32
	id       int32
}

// node is a trie state. Its range [lo, hi) is the run of sorted keys that
// pass through it.
type node struct {
	lo, hi int32
	first  uint32 // first child
	parent uint32
	own    uint32 // record of the pattern ending here, noRec if none
	nchild uint16 // number of children (<= nc-1)
	label  uint8  // class of the edge into the state
}

// fold folds every pattern into one buffer of classes, assigns the
// classes (bytes used by no pattern share class 0; A-Z share a-z's) and
// sorts the patterns.
func (b *builder) fold(patterns []string) {
	m := b.m
	total := 0
	for _, p := range patterns {
		total += len(p)
	}
	buf := make([]byte, total)
	keys := make([]key, 0, len(patterns))
	var used [256]bool
	off := 0
	for id, p := range patterns {
		if p == "" {
			continue
		}
		for i := 0; i < len(p); i++ {
			c := lower(p[i])
			buf[off+i] = c
			used[c] = true
		}
		keys = append(keys, key{off: int32(off), len: int32(len(p)), id: int32(id)})
		m.maxLen = max(m.maxLen, len(p))
		off += len(p)
	}
	nc := uint32(1)
	for c := 0; c < 256; c++ {
		if used[c] {
			m.class[c] = uint8(nc)
			nc++
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+32]
	}
	m.nc = nc
	for i := range buf {
		buf[i] = m.class[buf[i]]
	}
	for i := range keys {
		k := &keys[i]
		var p uint64
		for j := int32(0); j < 8; j++ {
			p <<= 8
			if j < k.len {
				p |= uint64(buf[k.off+j])
			}
		}
		k.prefix = p
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.prefix != b.prefix {
			if a.prefix < b.prefix {
				return -1
			}
			return 1
		}
		if a.len > 8 || b.len > 8 {
			if c := bytes.Compare(buf[a.off+min(8, a.len):a.off+a.len], buf[b.off+min(8, b.len):b.off+b.len]); c != 0 {
				return c
			}
		}
		return int(a.id - b.id)
	})
	b.buf, b.keys = buf, keys
}

// trie builds the trie breadth first: the children of a state get
// consecutive numbers, in class order.
func (b *builder) trie() {
	m, keys, buf := b.m, b.keys, b.buf
	nodes := make([]node, 1, len(buf)/2+16)
	nodes[0] = node{lo: 0, hi: int32(len(keys)), own: noRec}
	shallowEnd := -1 // first state deeper than denseDepth
	levelEnd, depth := 1, 0
	for s := 0; s < len(nodes); s++ {
		if s == levelEnd {
			depth++
			levelEnd = len(nodes)
			if depth > b.tu.depth && shallowEnd < 0 {
				shallowEnd = s
			}
		}
		lo, hi := nodes[s].lo, nodes[s].hi
		// Patterns ending here sort first; the first has the lowest id.
		if lo < hi && keys[lo].len == int32(depth) {
			nodes[s].own = uint32(len(m.outs))
			m.outs = append(m.outs, outRec{id: keys[lo].id, len: int32(depth), next: noRec})
			for lo < hi && keys[lo].len == int32(depth) {
				lo++
			}
		}
		nodes[s].first = uint32(len(nodes))
		for lo < hi {
			c := buf[keys[lo].off+int32(depth)]
			j := lo + 1
			for j < hi && buf[keys[j].off+int32(depth)] == c {
				j++
			}
			nodes = append(nodes, node{lo: lo, hi: j, parent: uint32(s), own: noRec, label: c})
			lo = j
		}
		nodes[s].nchild = uint16(uint32(len(nodes)) - nodes[s].first)
	}
	m.states = len(nodes)
	if shallowEnd < 0 {
		shallowEnd = len(nodes)
	}
	b.nodes, b.shallowEnd = nodes, shallowEnd
}

// assignRows gives dense rows to the shallow and the wide states, breadth
// first, within a memory budget that grows with the number of patterns
// (to every state when all rows fit in tu.allBytes).
func (b *builder) assignRows() {
	n, tu, nodes, nc := len(b.nodes), b.tu, b.nodes, b.m.nc
	b.stride = nc + 1
	allDense := n*int(b.stride)*4 <= tu.allBytes
	b.row = make([]int32, n)
	budget := max(tu.allBytes, tu.bytesPerPattern*len(b.keys)) / (4 * int(b.stride))
	for s := range n {
		if allDense || s == 0 || (b.nd < budget && (s < b.shallowEnd || uint32(nodes[s].nchild) >= min(uint32(tu.fanout), nc))) {
			b.row[s] = int32(b.nd)
			b.nd++
		} else {
			b.row[s] = -1
		}
	}
	b.dense = make([]uint32, b.nd*int(b.stride))
}

// goTo is the complete transition of state f on class c, through the
// dense rows and failure links computed so far.
func (b *builder) goTo(f uint32, c uint8) uint32 {
	for {
		if r := b.row[f]; r >= 0 {
			return b.dense[uint32(r)*b.stride+uint32(c)]
		}
		lo, hi := b.nodes[f].first, b.nodes[f].first+uint32(b.nodes[f].nchild)
		for lo < hi {
			mid := (lo + hi) / 2
			switch l := b.nodes[mid].label; {
			case l == c:
				return mid
			case l < c:
				lo = mid + 1
			default:
				hi = mid
			}
		}
		f = b.fail[f]
	}
}

// link computes failure states and output chains breadth first, and
// fills the dense rows with complete transitions (failures folded in).
func (b *builder) link() {
	m, n, stride, nc := b.m, len(b.nodes), b.stride, b.m.nc
	b.fail = make([]uint32, n)
	b.rec = make([]uint32, n) // first output record of the state, noRec if none
	dense, row, fail, rec := b.dense, b.row, b.fail, b.rec
	for s := 0; s < n; s++ {
		st := &b.nodes[s]
		if s > 0 && st.parent != 0 {
			fail[s] = b.goTo(fail[st.parent], st.label)
		}
		// The root (no empty patterns) has no outputs; another state has
		// its own, if any, then those of its failure state.
		f := fail[s]
		switch {
		case s == 0:
			rec[s] = noRec
		case st.own != noRec:
			rec[s] = st.own
			m.outs[st.own].next = rec[f]
		default:
			rec[s] = rec[f]
		}
		if r := row[s]; r >= 0 {
			d := dense[uint32(r)*stride : uint32(r+1)*stride]
			switch {
			case s == 0:
				// misses stay at the root (state 0)
			case row[f] >= 0:
				copy(d, dense[uint32(row[f])*stride:uint32(row[f]+1)*stride])
			default:
				for c := uint32(0); c < nc; c++ {
					d[c] = b.goTo(f, uint8(c))
				}
			}
			for c := st.first; c < st.first+uint32(st.nchild); c++ {
				d[b.nodes[c].label] = c
			}
		}
	}
}

// encode turns state numbers into transition values and lays out the
// sparse states depth first, so a chain of single-child states (the rest
// of a name once its first bytes matched) is contiguous in memory.
func (b *builder) encode() {
	m, n, nodes, row, rec, stride, nc := b.m, len(b.nodes), b.nodes, b.row, b.rec, b.stride, b.m.nc
	enc := make([]uint32, n)
	for s := range n {
		if r := row[s]; r >= 0 {
			enc[s] = uint32(r) * stride
		}
		if rec[s] != noRec {
			enc[s] |= flagOut
		}
	}
	// chained: a sparse state whose only child is sparse; depth-first, the
	// child comes right after it, so the edge needs no target word.
	chained := func(s uint32) bool {
		return nodes[s].nchild == 1 && row[nodes[s].first] < 0
	}
	sp := 0
	stack := []uint32{0}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := nodes[s].first + uint32(nodes[s].nchild); c > nodes[s].first; c-- {
			stack = append(stack, c-1)
		}
		if row[s] < 0 {
			enc[s] |= flagSparse | uint32(sp)
			sp += sparseSize(uint32(nodes[s].nchild), rec[s] != noRec, chained(s))
		}
	}
	if sp > offMask || b.nd*int(stride) > offMask {
		panic("ac: automaton too large")
	}
	dense := b.dense
	for r := 0; r < b.nd; r++ {
		d := dense[uint32(r)*stride : uint32(r+1)*stride]
		for c := uint32(0); c < nc; c++ {
			d[c] = enc[d[c]]
		}
	}
	for s := range n {
		if row[s] >= 0 {
			dense[uint32(row[s])*stride+nc] = rec[s]
		}
	}
	sparse := make([]uint32, sp)
	for s := range n {
		if row[s] < 0 {
			b.encodeSparse(sparse, enc, uint32(s), chained(uint32(s)))
		}
	}
	m.dense, m.sparse = dense, sparse
}

// encodeSparse writes sparse state s at its offset (see sparseSize).
func (b *builder) encodeSparse(sparse, enc []uint32, s uint32, chained bool) {
	nodes := b.nodes
	v := enc[s]
	o := v & offMask
	k := uint32(nodes[s].nchild)
	sparse[o+1] = enc[b.fail[s]]
	if v&flagOut != 0 {
		sparse[o+2] = b.rec[s]
	}
	if chained {
		c := nodes[s].first
		if enc[c]&offMask != o+2+v>>31 {
			panic("ac: chained child not adjacent")
		}
		sparse[o] = 1 | uint32(nodes[c].label)<<8 | (chainMark|enc[c]>>31)<<16
		return
	}
	h := k
	tb := o + 2 + v>>31 + k/4
	for j := uint32(0); j < k; j++ {
		c := nodes[s].first + j
		if j < 3 {
			h |= uint32(nodes[c].label) << (8 * (j + 1))
		} else {
			sparse[o+2+v>>31+(j-3)/4] |= uint32(nodes[c].label) << (8 * ((j - 3) % 4))
		}
		sparse[tb+j] = enc[c]
	}
	sparse[o] = h
}

// A sparse state is laid out as: a header word (the number of children k
// in the low byte, the classes of the first three children above it), the
// encoded failure state, the first output record if the state has
// outputs, the classes of children 3 and on (four a word, k/4 words), and
// the encoded children. A chained state (one sparse child, laid out right
// after it) has no class or child words: its header holds the child's
// class and, in place of a second class, chainMark plus 1 if the child has
// outputs (no class is that large).
func sparseSize(k uint32, out, chained bool) int {
	n := 2 + k/4 + k
	if chained {
		n = 2
	}
	if out {
		n++
	}
	return int(n)
}

// chainMark is larger than any class: classes number at most 231 (class
// 0 and one per byte value but A-Z, which fold into a-z).
const chainMark = 0xFE

// States returns the number of automaton states (for memory accounting).
func (m *Matcher) States() int { return m.states }

// Bytes returns the memory the automaton holds.
func (m *Matcher) Bytes() int {
	return 256 + 8*8 + 4*len(m.dense) + 4*len(m.sparse) + 12*len(m.outs)
}

// Texts at least this long are scanned in 4 (or 2) interleaved lanes.
var (
	lanes4Min = 4096
	lanes2Min = 1024
)

var laneBufs = sync.Pool{New: func() any { return new([]Match) }}

// FindAll appends every match in text, overlapping ones included, ordered
// by end offset (and, for one end, longest first), to dst.
//
// A scan is a chain of dependent loads (each transition needs the state
// before), so a single scan leaves most of a core idle while it waits for
// memory. Longer texts are therefore cut into 4 (or 2) segments scanned at
// once, interleaved in one loop, so that their loads overlap. Each segment
// but the first starts maxLen-1 bytes early, from the root, so it is in
// the right state when it reaches its first byte (the state depends only
// on the last maxLen bytes), and reports only matches that end inside it.
// The loops over dense states (run1, run2, run4) are functions of their
// own, without calls, so that the compiler keeps the lanes' states in
// registers; the rarer steps (sparse states, matches) are done outside
// them.
func (m *Matcher) FindAll(dst []Match, text string) []Match {
	switch {
	case m.maxLen == 0:
		return dst // no patterns
	case len(text) >= lanes4Min && len(text)/4 >= m.maxLen:
		return m.find4(dst, text)
	case len(text) >= lanes2Min && len(text)/2 >= m.maxLen:
		return m.find2(dst, text)
	}
	return m.scan(dst, text, 0, 0, 0)
}

// find2 scans text as two interleaved segments, as find4 does four.
func (m *Matcher) find2(dst []Match, text string) []Match {
	h := len(text) / 2
	bp := laneBufs.Get().(*[]Match)
	out := (*bp)[:0]
	p1 := h + 1 - m.maxLen
	t0, t1 := text[:h], text[p1:p1+h]
	var v [2]uint32
	for i := 0; i < h; {
		if (v[0] | v[1]) < flagSparse {
			i = run2(m.dense, &m.class, t0, t1, i, &v)
		} else {
			v[0] = m.step(v[0], m.class[t0[i]])
			v[1] = m.step(v[1], m.class[t1[i]])
			i++
		}
		if (v[0]|v[1])&flagOut != 0 {
			dst, v[0] = m.reportIf(dst, v[0], i, 0)
			out, v[1] = m.reportIf(out, v[1], p1+i, h)
		}
	}
	out = m.scan(out, text, p1+h, v[1], h)
	dst = append(dst, out...)
	*bp = out[:0]
	laneBufs.Put(bp)
	return dst
}

// run2 is run4 for two lanes.
func run2(dense []uint32, class *[256]uint8, t0, t1 string, i int, v *[2]uint32) int {
	n := len(t0)
	t1 = t1[:n]
	v0, v1 := v[0], v[1]
	for i < n {
		c0, c1 := class[t0[i]], class[t1[i]]
		i++
		v0 = dense[v0+uint32(c0)]
		v1 = dense[v1+uint32(c1)]
		if (v0 | v1) >= flagSparse {
			break
		}
	}
	v[0], v[1] = v0, v1
	return i
}

// find4 scans text as four interleaved segments.
func (m *Matcher) find4(dst []Match, text string) []Match {
	q := len(text) / 4
	var bufs [3]*[]Match
	var out [3][]Match
	for k := range bufs {
		bufs[k] = laneBufs.Get().(*[]Match)
		out[k] = (*bufs[k])[:0]
	}
	// Lane k runs over tk from pk for q bytes together with the others,
	// then on its own.
	p1, p2, p3 := q+1-m.maxLen, 2*q+1-m.maxLen, 3*q+1-m.maxLen
	t0, t1, t2, t3 := text[:q], text[p1:p1+q], text[p2:p2+q], text[p3:p3+q]
	var v [4]uint32
	for i := 0; i < q; {
		if (v[0] | v[1] | v[2] | v[3]) < flagSparse {
			// The fast loop, in a function of its own so that its
			// variables stay in registers.
			i = run4(m.dense, &m.class, t0, t1, t2, t3, i, &v)
		} else {
			v[0] = m.step(v[0], m.class[t0[i]])
			v[1] = m.step(v[1], m.class[t1[i]])
			v[2] = m.step(v[2], m.class[t2[i]])
			v[3] = m.step(v[3], m.class[t3[i]])
			i++
		}
		if (v[0]|v[1]|v[2]|v[3])&flagOut != 0 {
			dst, v[0] = m.reportIf(dst, v[0], i, 0)
			out[0], v[1] = m.reportIf(out[0], v[1], p1+i, q)
			out[1], v[2] = m.reportIf(out[1], v[2], p2+i, 2*q)
			out[2], v[3] = m.reportIf(out[2], v[3], p3+i, 3*q)
		}
	}
	out[0] = m.scan(out[0], text[:2*q], p1+q, v[1], q)
	out[1] = m.scan(out[1], text[:3*q], p2+q, v[2], 2*q)
	out[2] = m.scan(out[2], text, p3+q, v[3], 3*q)
	for k := range bufs {
		dst = append(dst, out[k]...)
		*bufs[k] = out[k][:0]
		laneBufs.Put(bufs[k])
	}
	return dst
}

// run4 steps four lanes, all in dense states without flagOut, over
// t0..t3 (as long as t0) from offset i, until a lane reaches a state with
// a flag or the end. It returns the offset after the last byte stepped.
func run4(dense []uint32, class *[256]uint8, t0, t1, t2, t3 string, i int, v *[4]uint32) int {
	n := len(t0)
	t1, t2, t3 = t1[:n], t2[:n], t3[:n]
	v0, v1, v2, v3 := v[0], v[1], v[2], v[3]
	for i < n {
		c0, c1, c2, c3 := class[t0[i]], class[t1[i]], class[t2[i]], class[t3[i]]
		i++
		v0 = dense[v0+uint32(c0)]
		v1 = dense[v1+uint32(c1)]
		v2 = dense[v2+uint32(c2)]
		v3 = dense[v3+uint32(c3)]
		if (v0 | v1 | v2 | v3) >= flagSparse {
			break
		}
	}
	v[0], v[1], v[2], v[3] = v0, v1, v2, v3
	return i
}

// reportIf is report for a state v that may have no outputs.
func (m *Matcher) reportIf(dst []Match, v uint32, end, minEnd int) ([]Match, uint32) {
	if v&flagOut == 0 {
		return dst, v
	}
	return m.report(dst, v, end, minEnd)
}

// scan runs the automaton over text from offset i in state v (a dense
// state without flagOut, or a sparse one), appending the matches that end
// after minEnd.
func (m *Matcher) scan(dst []Match, text string, i int, v uint32, minEnd int) []Match {
	for i < len(text) {
		if v < flagSparse {
			if i, v = run1(m.dense, &m.class, text, i, v); v < flagSparse {
				continue // the end
			}
		} else {
			v = m.sparseStep(v, m.class[text[i]])
			i++
		}
		if v&flagOut != 0 {
			dst, v = m.report(dst, v, i, minEnd)
		}
	}
	return dst
}

// run1 steps from the dense state v over text from offset i until a state
// with a flag or the end, and returns the offset and state reached.
func run1(dense []uint32, class *[256]uint8, text string, i int, v uint32) (int, uint32) {
	for i < len(text) {
		v = dense[v+uint32(class[text[i]])]
		i++
		if v >= flagSparse {
			break
		}
	}
	return i, v
}

// step is the transition of the state v (as in scan) on class c.
func (m *Matcher) step(v uint32, c uint8) uint32 {
	if v < flagSparse {
		return m.dense[v+uint32(c)]
	}
	return m.sparseStep(v, c)
}

// sparseStep is the transition of the sparse state v on class c, following
// failure links as needed.
func (m *Matcher) sparseStep(v uint32, c uint8) uint32 {
	if c == 0 {
		return 0 // a byte of no pattern: back to the root
	}
	sparse := m.sparse
	for {
		o := v & offMask
		h := sparse[o]
		tb := o + 2 + v>>31 + (h&0xff)/4
		switch c {
		case uint8(h >> 8):
			if mk := h >> 16 & 0xff; mk >= chainMark {
				return flagSparse | (o + 2 + v>>31) | (mk&1)<<31
			}
			return sparse[tb]
		case uint8(h >> 16):
			return sparse[tb+1]
		case uint8(h >> 24):
			return sparse[tb+2]
		}
		if h&0xff > 3 {
			if j := m.findMore(o, v, h&0xff, c); j > 0 {
				return sparse[tb+j]
			}
		}
		v = sparse[o+1]
		if v&flagSparse == 0 {
			return m.dense[v&offMask+uint32(c)]
		}
	}
}

// findMore looks for class c among the children 3 and on of the sparse
// state v at offset o with k children, and returns the child's index or 0.
func (m *Matcher) findMore(o, v, k uint32, c uint8) uint32 {
	cb := o + 2 + v>>31
	for j := uint32(3); j < k; j++ {
		if uint8(m.sparse[cb+(j-3)/4]>>(8*((j-3)%4))) == c {
			return j
		}
	}
	return 0
}

// report appends the matches ending at end in the state encoded by v, if
// end is after minEnd. It returns the state to continue from: a dense
// state loses flagOut (the fast loops take only flagless dense states); a
// sparse one keeps it, as its layout depends on it.
func (m *Matcher) report(dst []Match, v uint32, end, minEnd int) ([]Match, uint32) {
	var r uint32
	if v&flagSparse != 0 {
		r = m.sparse[v&offMask+2]
	} else {
		r = m.dense[v&offMask+m.nc]
		v &^= flagOut
	}
	if end <= minEnd {
		return dst, v
	}
	for r != noRec {
		o := &m.outs[r]
		dst = append(dst, Match{Start: end - int(o.len), End: end, ID: o.id})
		r = o.next
	}
	return dst, v
}
