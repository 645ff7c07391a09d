package tokpat

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Rule is a pattern as one rule of a Program.
type Rule struct {
	Pattern *Pattern
	// EveryWordStart runs the rule anchored at every word start (the
	// first token and every token after U+0020) and keeps the match found
	// at each, so matches may overlap; otherwise the rule's matches are
	// the leftmost-first, non-overlapping ones, as regexp's FindAll finds.
	EveryWordStart bool
}

// Program is a set of patterns compiled into one automaton. Run moves
// every rule's threads over the tokens together, in one pass. A Program
// is immutable and safe for concurrent use.
type Program struct {
	insts  []inst
	tests  []*test
	ruleOf []int32 // rule of each instruction
	rules  []progRule
	nslots int
	pool   sync.Pool // of *machine
	// closures[pc][ctx] lists, for a pc a thread can be at after
	// consuming a token (and each rule's entry) and for the truth of the
	// assertions there (ctx, see context), the consuming instructions it
	// leads to, in priority order, with the slots saved on the way; nil
	// where there are too many (add then walks the program).
	closures [][numCtx][]closureItem
	// Rules with the same anchors share an anchor class (at most 64).
	// anchorOf: for each anchor text, the classes (bit c) that have it;
	// titleClasses: the classes whose anchor is a Title; anchorKinds: the
	// kinds of every anchor text.
	anchorOf     map[string]uint64
	titleClasses uint64
	anchorKinds  uint16
	nclasses     int
	tailRules    []int
}

// Assertion contexts: which of ^, $ and \b hold at a position.
const (
	ctxStart    = 1 << iota // ^
	ctxEnd                  // $
	ctxBoundary             // \b (and not \B)
	numCtx      = 8
)

func holds(a byte, ctx int) bool {
	switch a {
	case '^':
		return ctx&ctxStart != 0
	case '$':
		return ctx&ctxEnd != 0
	case 'b':
		return ctx&ctxBoundary != 0
	case 'B':
		return ctx&ctxBoundary == 0
	}
	return false
}

// context returns the assertion context at token position pos.
func (m *machine) context(pos int) int {
	if m.inTail { // inside a token: only \B holds
		return 0
	}
	ctx := 0
	if pos == m.lo {
		ctx |= ctxStart
	}
	if pos == len(m.toks) {
		ctx |= ctxEnd
	}
	if m.assert('b', pos) {
		ctx |= ctxBoundary
	}
	return ctx
}

// maxClosure bounds the instructions a precomputed closure spans (a
// variable for the tests, which also run without precomputed closures).
var maxClosure = 256

type closureItem struct {
	pc    int32
	saves []int32
}

type progRule struct {
	entry       int32
	nslots      int
	first       uint16  // kinds of token a match can begin with
	firstTests  []int32 // the tests of those tokens
	first0      uint16  // the same where ^ holds
	firstTests0 []int32
	tail        bool // the pattern has tail(...) tokens
	everyStart  bool
	// reach >= 0: every match holds an anchor (a Title, or a token with
	// one of the texts anchors) and at most reach Space tokens, so no
	// match begins more than reach spaces before the next anchor.
	reach   int
	title   bool
	anchors map[string]bool
	class   int // anchor class
}

// Link compiles rules into one Program; rule i of Run's result is
// rules[i].
func Link(rules []Rule) *Program {
	pr := &Program{}
	for ri, r := range rules {
		p := r.Pattern
		base := int32(len(pr.insts))
		tbase := int32(len(pr.tests))
		pr.tests = append(pr.tests, p.tests...)
		hasTail := false
		for _, in := range p.insts {
			switch in.op {
			case opTok:
				in.arg += tbase
				hasTail = hasTail || in.tail
			case opSplit:
				in.x += base
				in.y += base
			case opJmp:
				in.x += base
			case opMatch:
				in.arg = int32(ri)
			}
			pr.insts = append(pr.insts, in)
			pr.ruleOf = append(pr.ruleOf, int32(ri))
		}
		n := 2 * len(p.Names)
		pr.nslots = max(pr.nslots, n)
		pg := progRule{entry: base, nslots: n, tail: hasTail, everyStart: r.EveryWordStart, reach: -1}
		pg.firstTests, pg.first = p.firstTests(true)
		pg.firstTests0, pg.first0 = p.firstTests(false)
		for i := range pg.firstTests {
			pg.firstTests[i] += tbase
		}
		for i := range pg.firstTests0 {
			pg.firstTests0[i] += tbase
		}
		if sp := maxOf(p.root, Space); sp >= 0 {
			if p.Requires(Title) {
				pg.reach, pg.title = sp, true
			} else if texts, ok := anchorTexts(p.root); ok {
				pg.reach, pg.anchors = sp, map[string]bool{}
				for _, t := range texts {
					pg.anchors[t] = true
				}
			}
		}
		pr.rules = append(pr.rules, pg)
	}
	pr.anchorOf = map[string]uint64{}
	classOf := map[string]int{}
	for r := range pr.rules {
		g := &pr.rules[r]
		if g.tail {
			pr.tailRules = append(pr.tailRules, r)
		}
		if g.reach < 0 {
			continue
		}
		var texts []string
		for t := range g.anchors {
			texts = append(texts, t)
		}
		slices.Sort(texts)
		key := strings.Join(texts, "\x00")
		if g.title {
			key = "\x00title"
		}
		c, ok := classOf[key]
		if !ok {
			if len(classOf) == 64 {
				g.reach = -1 // no room: the rule runs without the filter
				continue
			}
			c = len(classOf)
			classOf[key] = c
			if g.title {
				pr.titleClasses |= 1 << c
				pr.anchorKinds |= 1 << Title
			}
			for _, t := range texts {
				pr.anchorOf[t] |= 1 << c
				for _, tk := range Tokenize(nil, t) {
					pr.anchorKinds |= 1 << tk.Kind
				}
			}
		}
		g.class = c
	}
	pr.nclasses = len(classOf)
	pr.closures = make([][numCtx][]closureItem, len(pr.insts))
	sc := &closureScratch{}
	for ctx := range numCtx {
		for _, r := range pr.rules {
			pr.closures[r.entry][ctx] = pr.closureWith(sc, r.entry, ctx)
		}
		for pc, in := range pr.insts {
			if in.op == opTok {
				pr.closures[pc+1][ctx] = pr.closureWith(sc, int32(pc+1), ctx)
			}
		}
	}
	return pr
}

// closure walks the instructions from pc that consume nothing, depth
// first as walk does, where the assertions hold as ctx says, and returns
// the consuming ones it reaches with the saves on the way; nil past
// maxClosure instructions (add then walks the program).
func (p *Program) closure(pc int32, ctx int) []closureItem {
	return p.closureWith(&closureScratch{}, pc, ctx)
}

// closureScratch is what closureWith reuses from call to call: a mark per
// instruction, stamped with the call's generation, instead of a fresh map
// per call (Link computes a closure per token instruction and context).
type closureScratch struct {
	mark []uint32
	gen  uint32
}

func (p *Program) closureWith(sc *closureScratch, pc int32, ctx int) []closureItem {
	if len(sc.mark) < len(p.insts) {
		sc.mark = make([]uint32, len(p.insts))
	}
	sc.gen++
	var out []closureItem
	seen := 0
	ok := true
	var saves []int32
	var walk func(pc int32)
	walk = func(pc int32) {
		if sc.mark[pc] == sc.gen || !ok {
			return
		}
		if seen == maxClosure {
			ok = false
			return
		}
		seen++
		sc.mark[pc] = sc.gen
		in := p.insts[pc]
		switch in.op {
		case opJmp:
			walk(in.x)
		case opSplit:
			walk(in.x)
			walk(in.y)
		case opSave:
			saves = append(saves, in.arg)
			walk(pc + 1)
			saves = saves[:len(saves)-1]
		case opAssert:
			if holds(byte(in.arg), ctx) {
				walk(pc + 1)
			}
		case opTok, opMatch:
			out = append(out, closureItem{pc: pc, saves: append([]int32(nil), saves...)})
		}
	}
	walk(pc)
	if !ok {
		return nil
	}
	return out
}

// NumRules returns how many rules p holds.
func (p *Program) NumRules() int { return len(p.rules) }

// Run runs the rules marked in enabled (nil: every rule) over toks, the
// tokens of text, and returns for each rule its matches, each in the shape
// of regexp's FindAllStringSubmatchIndex: the byte offsets in text of the
// whole match and of each group (Pattern.Names), -1 for a group that took
// no part. Scanning rules run together in one left-to-right pass over the
// tokens (a Pike VM: no backtracking, each instruction at most once per
// token); a rule whose best match could only be known after tokens past
// its end is resumed from that end, as FindAll resumes. EveryWordStart
// rules run together in one anchored pass per word start where one of
// them can begin.
func (p *Program) Run(text string, toks []Token, enabled []bool) [][][]int {
	m, _ := p.pool.Get().(*machine)
	if m == nil {
		m = newMachine(p)
	}
	defer p.pool.Put(m)
	m.reset(text, toks)
	out := make([][][]int, len(p.rules))
	m.out = out
	scan, starts := false, false
	for r, pr := range p.rules {
		if enabled != nil && !enabled[r] {
			continue
		}
		if pr.everyStart {
			starts = true
		} else {
			scan = true
		}
	}
	if scan {
		for r, pr := range p.rules {
			m.active[r] = !pr.everyStart && (enabled == nil || enabled[r])
		}
		m.scan()
	}
	if starts {
		var first uint16
		for r, pr := range p.rules {
			m.active[r] = pr.everyStart && (enabled == nil || enabled[r])
			if m.active[r] {
				first |= pr.first0
			}
		}
		m.setRules()
		for k, t := range toks {
			if k > 0 && text[t.Start-1] != ' ' || first&(1<<t.Kind) == 0 {
				continue
			}
			m.anchoredPass(k)
		}
	}
	m.out, m.text, m.toks = nil, "", nil
	return out
}

type entry struct {
	pc   int32
	caps []int
}

// queue is a sparse set of consuming instructions (threads) in priority
// order.
type queue struct {
	sparse []uint32
	dense  []entry
}

func (q *queue) contains(pc int32) bool {
	j := q.sparse[pc]
	return j < uint32(len(q.dense)) && q.dense[j].pc == pc
}

func (q *queue) reset() { q.dense = q.dense[:0] }

type machine struct {
	p           *Program
	text        string
	toks        []Token
	offs        []int // offs[k] = toks[k].Start, offs[len(toks)] = len(text)
	q0, q1      queue
	tq          queue // closure of a tail start
	free        [][]int
	scratch     []int
	count       []int   // threads of each rule in the next list
	pending     [][]int // each rule's best match so far
	pendPos     []int   // where it ends, in tokens
	cut         []bool
	next        []int // first token a scanning rule may start at
	stopped     []bool
	active      []bool
	done        []bool // anchored pass: the rule has its match
	out         [][][]int
	rs          []int   // the rules of the pass
	kinds       uint16  // the kinds of token where one of them may begin
	npending    int     // rules with a match not yet emitted
	spaces      []int   // Space tokens before each token
	anchorNext  [][]int // by anchor class: the next anchor from each token
	anchorsDone bool    // anchorNext is computed
	nextTmp     []int
	byKind      [numKinds][]int // the rules of the pass that may begin at a token of each kind
	lo          int             // where the input begins for ^ and \b: 0, or the anchor
	anchored    bool
	here        int      // the offset opSave records in the closure being built
	inTail      bool     // building the closure of a tail start
	visited     []uint32 // walk: the generation that visited each instruction
	stemCaps    []int    // takeStem's captures
	visitGen    uint32
}

func newMachine(p *Program) *machine {
	n := len(p.rules)
	m := &machine{p: p,
		count: make([]int, n), pending: make([][]int, n), pendPos: make([]int, n), cut: make([]bool, n),
		next: make([]int, n), stopped: make([]bool, n), active: make([]bool, n), done: make([]bool, n)}
	for _, q := range []*queue{&m.q0, &m.q1, &m.tq} {
		q.sparse = make([]uint32, len(p.insts))
	}
	m.scratch = make([]int, p.nslots)
	m.stemCaps = make([]int, p.nslots)
	m.visited = make([]uint32, len(p.insts))
	m.anchorNext, m.nextTmp = make([][]int, p.nclasses), make([]int, p.nclasses)
	return m
}

// reset readies m for a run over toks, the tokens of text.
func (m *machine) reset(text string, toks []Token) {
	m.text, m.toks = text, toks
	m.offs = m.offs[:0]
	for _, t := range toks {
		m.offs = append(m.offs, t.Start)
	}
	m.offs = append(m.offs, len(text))
	for r := range m.p.rules {
		m.pending[r], m.stopped[r], m.active[r], m.next[r] = nil, false, false, 0
	}
	m.npending = 0
	// spaces[k]: Space tokens before token k.
	m.spaces = m.spaces[:0]
	c := 0
	for _, t := range toks {
		m.spaces = append(m.spaces, c)
		if t.Kind == Space {
			c++
		}
	}
	m.spaces = append(m.spaces, c)
	m.anchorsDone = false
}

// nextAnchor returns the first token at or after pos that is an anchor of
// rule r (len(toks): none).
func (m *machine) nextAnchor(r, pos int) int {
	if !m.anchorsDone {
		m.allAnchors()
	}
	return m.anchorNext[m.p.rules[r].class][pos]
}

// allAnchors computes nextAnchor's table for every anchor class in one
// pass over the tokens.
func (m *machine) allAnchors() {
	p := m.p
	n := len(m.toks)
	for c := range p.nclasses {
		m.anchorNext[c] = append(m.anchorNext[c][:0], make([]int, n+1)...)
		m.anchorNext[c][n] = n
		m.nextTmp[c] = n
	}
	for k := n - 1; k >= 0; k-- {
		t := m.toks[k]
		if p.anchorKinds&(1<<t.Kind) != 0 {
			var mask uint64
			if t.Kind == Title {
				mask = p.titleClasses
			}
			mask |= p.anchorOf[m.text[t.Start:t.End]]
			for c := range p.nclasses {
				if mask&(1<<c) != 0 {
					m.nextTmp[c] = k
				}
			}
		}
		for c := range p.nclasses {
			m.anchorNext[c][k] = m.nextTmp[c]
		}
	}
	m.anchorsDone = true
}

// canStart reports whether a match of rule r can begin at token pos.
func (m *machine) canStart(r, pos int) bool {
	pr := &m.p.rules[r]
	tok := m.toks[pos]
	first, tests := pr.first, pr.firstTests
	if pos == m.lo {
		first, tests = pr.first0, pr.firstTests0
	}
	if first&(1<<tok.Kind) == 0 {
		return false
	}
	if pr.reach >= 0 {
		t := m.nextAnchor(r, pos)
		if t == len(m.toks) || m.spaces[t]-m.spaces[pos] > pr.reach {
			return false
		}
	}
	for _, ti := range tests {
		if t := m.p.tests[ti]; t.part && t.kinds&(1<<tok.Kind) != 0 || t.match(tok, m.text) {
			return true
		}
	}
	return false
}

func (m *machine) alloc() []int {
	if k := len(m.free); k > 0 {
		c := m.free[k-1]
		m.free = m.free[:k-1]
		return c
	}
	return make([]int, m.p.nslots)
}

func (m *machine) release(c []int) {
	if c != nil {
		m.free = append(m.free, c)
	}
}

func (m *machine) fresh() []int {
	for i := range m.scratch {
		m.scratch[i] = -1
	}
	return m.scratch
}

// add adds the consuming instructions pc leads to without consuming a
// token to q, in priority order, at token position pos, with caps and
// the offset m.here saved where the program says.
func (m *machine) add(q *queue, pc int32, pos int, caps []int) {
	if items := m.p.closures[pc][m.context(pos)]; items != nil {
		for _, it := range items {
			if q.contains(it.pc) || !m.admits(it.pc, pos) {
				continue
			}
			c := m.alloc()
			copy(c, caps)
			for _, s := range it.saves {
				c[s] = m.here
			}
			m.push(q, it.pc, c)
		}
		return
	}
	m.visitGen++
	m.walk(q, pc, pos, caps)
}

// walk is add where the closure was too large to precompute: a
// depth-first walk of the program.
func (m *machine) walk(q *queue, pc int32, pos int, caps []int) {
	if m.visited[pc] == m.visitGen || q.contains(pc) {
		return
	}
	m.visited[pc] = m.visitGen
	in := &m.p.insts[pc]
	switch in.op {
	case opJmp:
		m.walk(q, in.x, pos, caps)
	case opSplit:
		m.walk(q, in.x, pos, caps)
		m.walk(q, in.y, pos, caps)
	case opSave:
		old := caps[in.arg]
		caps[in.arg] = m.here
		m.walk(q, pc+1, pos, caps)
		caps[in.arg] = old
	case opAssert:
		if m.assert(byte(in.arg), pos) {
			m.walk(q, pc+1, pos, caps)
		}
	case opTok, opMatch:
		if !m.admits(pc, pos) {
			return
		}
		c := m.alloc()
		copy(c, caps)
		m.push(q, pc, c)
	}
}

// admits reports whether the consuming instruction pc may take part at
// pos: a tail token begins a match at the last rune of a token, so at
// its start only if it has one rune, else only in the closure of a tail
// start.
func (m *machine) admits(pc int32, pos int) bool {
	in := &m.p.insts[pc]
	if in.op != opTok || pos >= len(m.toks) {
		return true
	}
	return !(in.tail && m.toks[pos].Runes != 1 && !m.inTail || m.inTail && !in.tail)
}

func (m *machine) push(q *queue, pc int32, caps []int) {
	q.sparse[pc] = uint32(len(q.dense))
	q.dense = append(q.dense, entry{pc: pc, caps: caps})
	if q != &m.tq {
		m.count[m.p.ruleOf[pc]]++
	}
}

func (m *machine) assert(a byte, pos int) bool {
	if m.inTail { // inside a token
		return a == 'B'
	}
	switch a {
	case '^':
		return pos == m.lo
	case '$':
		return pos == len(m.toks)
	case 'b', 'B':
		before := pos > m.lo && isWord(m.toks[pos-1], m.text)
		after := pos < len(m.toks) && isWord(m.toks[pos], m.text)
		return (before != after) == (a == 'b')
	}
	return false
}

// step moves the threads of cl from index i on over token pos into nl.
func (m *machine) step(cl, nl *queue, i, pos int) {
	for ; i < len(cl.dense); i++ {
		e := cl.dense[i]
		if e.caps == nil {
			continue
		}
		r := m.p.ruleOf[e.pc]
		if m.cut[r] {
			m.release(e.caps)
			continue
		}
		in := &m.p.insts[e.pc]
		if in.op == opMatch {
			// The best match so far; threads of the rule after it have
			// lower priority and stop.
			if m.pending[r] == nil {
				m.npending++
			}
			m.release(m.pending[r])
			m.pending[r], m.pendPos[r] = e.caps, pos
			m.cut[r] = true
			continue
		}
		if pos < len(m.toks) && in.stem {
			m.takeStem(nl, e.pc, pos, e.caps)
		} else if pos < len(m.toks) && !in.rest && m.p.tests[in.arg].match(m.toks[pos], m.text) {
			m.here = m.offs[pos+1]
			if in.head {
				_, size := utf8.DecodeRuneInString(m.text[m.offs[pos]:])
				m.here = m.offs[pos] + size
			}
			m.add(nl, e.pc+1, pos+1, e.caps)
		}
		m.release(e.caps)
	}
}

func (m *machine) emit(r int) {
	c := m.pending[r]
	n := m.p.rules[r].nslots
	out := make([]int, n)
	copy(out, c[:n])
	m.out[r] = append(m.out[r], out)
	m.release(c)
	m.pending[r] = nil
	m.npending--
}

// scan runs the active scanning rules from the first token, resuming a
// rule from the end of its last match where needed.
func (m *machine) scan() {
	m.lo, m.anchored = 0, false
	for r := range m.next {
		m.next[r] = 0
	}
	start := 0
	for {
		m.setRules()
		m.pass(start)
		start = len(m.toks) + 1
		again := false
		for r := range m.active {
			if m.active[r] && m.stopped[r] {
				m.stopped[r] = false
				start = min(start, m.next[r])
				again = true
			} else {
				m.active[r] = false
			}
		}
		if !again {
			return
		}
	}
}

func (m *machine) anchoredPass(k int) {
	m.lo, m.anchored = k, true
	for r := range m.done {
		m.done[r] = !m.active[r]
	}
	m.pass(k)
}

// setRules lists the rules the next passes run: the active ones not
// stopped, by the kinds of token they may begin at.
func (m *machine) setRules() {
	m.rs, m.kinds = m.rs[:0], 0
	for r, pr := range m.p.rules {
		if m.active[r] && !m.stopped[r] {
			m.rs = append(m.rs, r)
			m.kinds |= pr.first | pr.first0
		}
	}
	for k := range m.byKind {
		m.byKind[k] = m.byKind[k][:0]
		for _, r := range m.rs {
			if (m.p.rules[r].first|m.p.rules[r].first0)&(1<<k) != 0 {
				m.byKind[k] = append(m.byKind[k], r)
			}
		}
	}
}

// pass runs the rules of setRules from token start.
func (m *machine) pass(start int) {
	cl, nl := &m.q0, &m.q1
	cl.reset()
	nl.reset()
	n := len(m.toks)
	rs, kinds := m.rs, m.kinds
	for pos := start; pos <= n; pos++ {
		if len(cl.dense) == 0 && m.npending == 0 {
			// Nothing under way: on to where a rule may begin.
			if m.anchored && pos > m.lo {
				break
			}
			for pos < n && kinds&(1<<m.toks[pos].Kind) == 0 {
				pos++
			}
			if pos == n {
				break
			}
		}
		for _, r := range rs {
			m.count[r], m.cut[r] = 0, false
		}
		m.step(cl, nl, 0, pos)
		if m.npending > 0 {
			// A rule with a match and no thread left has found it.
			for _, r := range rs {
				if m.pending[r] == nil || m.count[r] > 0 {
					continue
				}
				m.emit(r)
				switch {
				case m.anchored:
					m.done[r] = true
				case m.pendPos[r] < pos:
					// Higher-priority threads outlived the match: the
					// next match may begin before here.
					m.stopped[r], m.next[r] = true, m.pendPos[r]
				default:
					m.next[r] = pos
				}
			}
		}
		// New threads, lowest priority, where a match may begin.
		if pos < n && (!m.anchored || pos == m.lo) && kinds&(1<<m.toks[pos].Kind) != 0 {
			tok := m.toks[pos]
			i := len(cl.dense)
			for _, r := range m.byKind[tok.Kind] {
				if m.stopped[r] || m.pending[r] != nil || m.anchored && m.done[r] || !m.anchored && pos < m.next[r] || !m.canStart(r, pos) {
					continue
				}
				m.seed(cl, nl, m.p.rules[r].entry, pos)
			}
			if i < len(cl.dense) {
				m.step(cl, nl, i, pos)
			}
			if !m.anchored && tok.Runes > 1 {
				m.tailStarts(nl, pos)
			}
		}
		cl, nl = nl, cl
		nl.reset()
	}
	for _, r := range rs {
		if m.pending[r] != nil {
			m.emit(r)
		}
	}
	for _, e := range cl.dense {
		m.release(e.caps)
	}
	cl.reset()
}

// seed starts a match of the rule whose entry is pc at token pos, with
// the lowest priority: the tokens its closure reaches are tried on token
// pos at once, and only those that pass take room in nl (through cl's
// queue where the closure is not precomputed).
func (m *machine) seed(cl, nl *queue, pc int32, pos int) {
	m.here = m.offs[pos]
	items := m.p.closures[pc][m.context(pos)]
	if items == nil {
		m.add(cl, pc, pos, m.fresh())
		return
	}
	tok := m.toks[pos]
	for _, it := range items {
		in := &m.p.insts[it.pc]
		if cl.contains(it.pc) || in.op != opTok || in.rest || !m.admits(it.pc, pos) {
			continue
		}
		if in.stem {
			c := m.fresh()
			for _, s := range it.saves {
				c[s] = m.offs[pos]
			}
			m.takeStem(nl, it.pc, pos, c)
			continue
		}
		if !m.p.tests[in.arg].match(tok, m.text) {
			continue
		}
		c := m.fresh()
		for _, s := range it.saves {
			c[s] = m.offs[pos]
		}
		m.here = m.offs[pos+1]
		if in.head {
			_, size := utf8.DecodeRuneInString(m.text[m.offs[pos]:])
			m.here = m.offs[pos] + size
		}
		m.add(nl, it.pc+1, pos+1, c)
	}
}

// tailStarts adds the threads of matches that begin at the last rune of
// token pos (tail(...)), after every match that begins at its start.
func (m *machine) tailStarts(nl *queue, pos int) {
	tok := m.toks[pos]
	_, size := utf8.DecodeLastRuneInString(m.text[tok.Start:tok.End])
	for _, r := range m.p.tailRules {
		pr := &m.p.rules[r]
		if !m.active[r] || m.stopped[r] || m.pending[r] != nil || pos < m.next[r] || !m.canStart(r, pos) {
			continue
		}
		m.tq.reset()
		m.inTail, m.here = true, tok.End-size
		m.add(&m.tq, pr.entry, pos, m.fresh())
		m.inTail = false
		for _, e := range m.tq.dense {
			if e.caps == nil {
				continue
			}
			if m.p.tests[m.p.insts[e.pc].arg].match(tok, m.text) {
				m.here = m.offs[pos+1]
				m.add(nl, e.pc+1, pos+1, e.caps)
			}
			m.release(e.caps)
		}
	}
}

// takeStem moves a thread at stem token pc (stem(...)) over token pos
// into nl: it cuts the token at each rune boundary, the longest stem
// first, and where the stem passes pc's test and the rest the test of a
// rest token the program leads to (rest(...), captures between, saved
// at the cut), the thread goes on after the rest token, at the end of
// the token.
func (m *machine) takeStem(nl *queue, pc int32, pos int, caps []int) {
	tok := m.toks[pos]
	t := m.p.tests[m.p.insts[pc].arg]
	if t.kinds&(1<<tok.Kind) == 0 || tok.Runes < 2 {
		return
	}
	items := m.p.closures[pc+1][0]
	if items == nil {
		items = m.p.closure(pc+1, 0)
	}
	cut := tok.End
	for k := tok.Runes - 1; k >= 1; k-- {
		_, size := utf8.DecodeLastRuneInString(m.text[tok.Start:cut])
		cut -= size
		if !t.match(Token{Start: tok.Start, End: cut, Kind: tok.Kind, Runes: k}, m.text) {
			continue
		}
		rest := Token{Start: cut, End: tok.End, Kind: tok.Kind, Runes: tok.Runes - k}
		for _, it := range items {
			in := &m.p.insts[it.pc]
			if in.op != opTok || !in.rest || !m.p.tests[in.arg].match(rest, m.text) {
				continue
			}
			c := m.stemCaps
			copy(c, caps)
			for _, s := range it.saves {
				c[s] = cut
			}
			m.here = tok.End
			m.add(nl, it.pc+1, pos+1, c)
		}
	}
}
