package tokpat

import (
	"fmt"
	"sync"
)

type opcode uint8

const (
	opTok    opcode = iota // consume one token that passes tests[arg]
	opSplit                // go to x, then (lower priority) to y
	opJmp                  // go to x
	opSave                 // record the offset here in slot arg
	opAssert               // continue if assertion arg holds here
	opMatch                // rule arg matches
)

type inst struct {
	op   opcode
	tail bool  // opTok: the match may begin at the token's last rune (tail(...))
	head bool  // opTok: the match ends after the token's first rune (head(...))
	stem bool  // opTok: takes the first part of a token, cut at each rune boundary, longest first (stem(...)); a rest token follows
	rest bool  // opTok: takes the rest of the token a stem token cut (rest(...)); reached only from a stem
	arg  int32 // opTok: test; opSave: slot; opAssert: '^' '$' 'b' 'B'; opMatch: rule
	x, y int32 // opSplit, opJmp: targets
}

// maxInsts bounds one pattern's program, repetitions expanded.
const maxInsts = 5000

// Pattern is one compiled token pattern.
type Pattern struct {
	Source string
	// Names are the capture names by group, Names[0] being "" for the
	// whole match, as regexp.Regexp.SubexpNames.
	Names []string
	insts []inst
	tests []*test
	root  *node
	// prog is the pattern alone, for FindAll and tests, linked on first
	// use: a rule set links its patterns together (Link), so linking each
	// one alone at compile time would double the work.
	prog     *Program
	progOnce sync.Once
}

// Compile parses and compiles a token pattern (the language is described
// in the package documentation). Errors are *Error, located by offset in
// src.
func Compile(src string, env *Env) (*Pattern, error) {
	root, err := parse(src, env)
	if err != nil {
		return nil, err
	}
	if lo, _ := tokenRange(root); lo == 0 {
		return nil, &Error{Offset: 0, Msg: "pattern can match no token at all; every match must hold at least one"}
	}
	p := &Pattern{Source: src, Names: []string{""}, root: root}
	c := &compiler{p: p}
	if err := c.names(root); err != nil {
		return nil, err
	}
	c.emit(inst{op: opSave, arg: 0})
	if err := c.gen(root, false); err != nil {
		return nil, err
	}
	c.emit(inst{op: opSave, arg: 1})
	c.emit(inst{op: opMatch})
	if len(p.insts) > maxInsts {
		return nil, &Error{Offset: 0, Msg: fmt.Sprintf("pattern compiles to %d instructions, over %d", len(p.insts), maxInsts)}
	}
	if err := p.checkTails(); err != nil {
		return nil, err
	}
	return p, nil
}

// SubexpIndex returns the index of the group with the given name, or -1.
func (p *Pattern) SubexpIndex(name string) int {
	if name == "" {
		return -1
	}
	for i, n := range p.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// Requires reports whether every match of p holds a token of kind k.
func (p *Pattern) Requires(k Kind) bool { return requires(p.root, k) }

func requires(n *node, k Kind) bool {
	switch n.op {
	case nTok:
		return n.test.kinds == 1<<k
	case nCapture, nTail, nHead, nStem:
		return requires(n.subs[0], k)
	case nRepeat:
		return n.min > 0 && requires(n.subs[0], k)
	case nSeq:
		for _, s := range n.subs {
			if requires(s, k) {
				return true
			}
		}
	case nAlt:
		for _, s := range n.subs {
			if !requires(s, k) {
				return false
			}
		}
		return true
	}
	return false
}

// MaxSpaces returns the most Space tokens a match can hold, -1 for no
// bound. Run anchored at every word start, a pattern with a bound costs
// time linear in the tokens.
func (p *Pattern) MaxSpaces() int { return maxOf(p.root, Space) }

// MaxTokens returns the most tokens a match can span, -1 for no bound.
func (p *Pattern) MaxTokens() int {
	_, hi := tokenRange(p.root)
	return hi
}

type compiler struct {
	p *Pattern
}

func (c *compiler) names(n *node) error {
	if n.op == nCapture {
		for _, x := range c.p.Names {
			if x == n.name {
				return &Error{Offset: n.off, Msg: fmt.Sprintf("capture %q named twice", n.name)}
			}
		}
		c.p.Names = append(c.p.Names, n.name)
	}
	for _, s := range n.subs {
		if err := c.names(s); err != nil {
			return err
		}
	}
	return nil
}

func (c *compiler) emit(in inst) int32 {
	c.p.insts = append(c.p.insts, in)
	return int32(len(c.p.insts) - 1)
}

func (c *compiler) pc() int32 { return int32(len(c.p.insts)) }

func (c *compiler) gen(n *node, tail bool) error {
	if len(c.p.insts) > maxInsts {
		return &Error{Offset: n.off, Msg: fmt.Sprintf("pattern compiles to over %d instructions", maxInsts)}
	}
	switch n.op {
	case nTok:
		c.p.tests = append(c.p.tests, n.test)
		c.emit(inst{op: opTok, arg: int32(len(c.p.tests) - 1), tail: tail})
	case nAssert:
		c.emit(inst{op: opAssert, arg: int32(n.assert)})
	case nTail:
		return c.gen(n.subs[0], true)
	case nHead, nStem, nRest:
		start := len(c.p.insts)
		if err := c.gen(n.subs[0], tail); err != nil {
			return err
		}
		for i := start; i < len(c.p.insts); i++ {
			in := &c.p.insts[i]
			if in.op != opTok {
				continue
			}
			switch n.op {
			case nHead:
				in.head = true
			case nStem, nRest:
				// a test of its own, on part of a token
				t := *c.p.tests[in.arg]
				t.part = true
				c.p.tests[in.arg] = &t
				in.stem, in.rest = n.op == nStem, n.op == nRest
			}
		}
	case nCapture:
		k := int32(c.p.SubexpIndex(n.name))
		c.emit(inst{op: opSave, arg: 2 * k})
		if err := c.gen(n.subs[0], tail); err != nil {
			return err
		}
		c.emit(inst{op: opSave, arg: 2*k + 1})
	case nSeq:
		for _, s := range n.subs {
			if err := c.gen(s, tail); err != nil {
				return err
			}
		}
	case nAlt:
		var jumps []int32
		for i, s := range n.subs {
			if i < len(n.subs)-1 {
				sp := c.emit(inst{op: opSplit})
				c.p.insts[sp].x = c.pc()
				if err := c.gen(s, tail); err != nil {
					return err
				}
				jumps = append(jumps, c.emit(inst{op: opJmp}))
				c.p.insts[sp].y = c.pc()
				continue
			}
			if err := c.gen(s, tail); err != nil {
				return err
			}
		}
		for _, j := range jumps {
			c.p.insts[j].x = c.pc()
		}
	case nRepeat:
		sub := n.subs[0]
		for range n.min {
			if err := c.gen(sub, tail); err != nil {
				return err
			}
		}
		if n.max < 0 {
			// L: split body, exit; body; jmp L
			l := c.emit(inst{op: opSplit})
			body := c.pc()
			if err := c.gen(sub, tail); err != nil {
				return err
			}
			c.emit(inst{op: opJmp, x: l})
			c.split(l, body, c.pc(), n.lazy)
			return nil
		}
		var splits []int32
		for range n.max - n.min {
			sp := c.emit(inst{op: opSplit})
			splits = append(splits, sp)
			if err := c.gen(sub, tail); err != nil {
				return err
			}
		}
		end := c.pc()
		for _, sp := range splits {
			c.split(sp, sp+1, end, n.lazy)
		}
	}
	return nil
}

// split makes instruction at into a split preferring body (greedy) or
// exit (lazy).
func (c *compiler) split(at, body, exit int32, lazy bool) {
	if lazy {
		body, exit = exit, body
	}
	c.p.insts[at].x, c.p.insts[at].y = body, exit
}

// checkTails: a tail(...) token must be the first a match consumes,
// since only there can a match begin inside a token, and a head(...) token
// the last, with nothing but saves after it.
func (p *Pattern) checkTails() error {
	// What the entry reaches without consuming, and what the tokens
	// reach after them, each in one walk.
	first := p.reach([]int32{0})
	var afterTok, afterHead []int32
	for pc, in := range p.insts {
		if in.op == opTok {
			afterTok = append(afterTok, int32(pc+1))
			if in.head {
				afterHead = append(afterHead, int32(pc+1))
			}
			if in.head && in.tail {
				return &Error{Offset: 0, Msg: "a token cannot be both tail(...) and head(...)"}
			}
		}
	}
	// stem(...) and rest(...) come in pairs: a stem token is followed by
	// rest tokens, with only captures (and choices) between; a path from
	// a stem to anything else, or to a rest from anything else, fails.
	var afterStem []int32
	for pc, in := range p.insts {
		if in.op == opTok {
			if in.stem {
				afterStem = append(afterStem, int32(pc+1))
			}
			if (in.stem || in.rest) && (in.tail || in.head) {
				return &Error{Offset: 0, Msg: "stem(...) and rest(...) cannot be tail(...) or head(...)"}
			}
		}
	}
	rests := 0
	for pc, ok := range p.reach(afterStem) {
		if !ok {
			continue
		}
		if in := p.insts[pc]; in.op == opAssert {
			return &Error{Offset: 0, Msg: "no assertion may stand between stem(...) and rest(...)"}
		} else if in.rest {
			rests++
		}
	}
	for _, in := range p.insts {
		if in.rest && rests == 0 || in.stem && rests == 0 {
			return &Error{Offset: 0, Msg: "stem(...) must be followed by rest(...), with only captures between"}
		}
	}
	later := p.reach(afterTok)
	for pc, in := range p.insts {
		if in.tail && (!first[pc] || later[pc]) {
			return &Error{Offset: 0, Msg: "tail(...) must be the first token a match consumes"}
		}
	}
	for pc, ok := range p.reach(afterHead) {
		if ok && (p.insts[pc].op == opTok || p.insts[pc].op == opAssert) {
			return &Error{Offset: 0, Msg: "head(...) must be the last token a match consumes, with no assertion after it"}
		}
	}
	return nil
}

// reach marks the instructions the given ones lead to without consuming a
// token (consuming instructions and assertions marked, not passed).
func (p *Pattern) reach(from []int32) []bool {
	seen := make([]bool, len(p.insts))
	stack := append([]int32(nil), from...)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		switch in := p.insts[pc]; in.op {
		case opSplit:
			stack = append(stack, in.x, in.y)
		case opJmp:
			stack = append(stack, in.x)
		case opSave:
			stack = append(stack, pc+1)
		}
	}
	return seen
}

// firstTests returns the tests of the tokens a match can begin with, and
// their kinds: anywhere (mid) or also at the start of the text, where ^
// holds.
func (p *Pattern) firstTests(mid bool) (tests []int32, kinds uint16) {
	seen := map[int32]bool{}
	var walk func(pc int32)
	walk = func(pc int32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := p.insts[pc]
		switch in.op {
		case opTok:
			tests = append(tests, in.arg)
			kinds |= p.tests[in.arg].kinds
		case opSplit:
			walk(in.x)
			walk(in.y)
		case opJmp:
			walk(in.x)
		case opAssert:
			if !mid || in.arg != '^' {
				walk(pc + 1)
			}
		case opSave:
			walk(pc + 1)
		}
	}
	walk(0)
	return tests, kinds
}

// RequiredStrings returns strings one of which every match of p holds
// (ok false: none known), for a keyword prefilter to compare with.
func (p *Pattern) RequiredStrings() (strs []string, ok bool) { return requiredStrings(p.root) }

func requiredStrings(n *node) (strs []string, ok bool) { return mustHold(n, true) }

// anchorTexts returns token texts one of which every match holds as a
// whole token (ok false: none known).
func anchorTexts(n *node) (texts []string, ok bool) { return mustHold(n, false) }

// mustHold returns texts one of which every match of n holds: exact token
// texts and, with lits, the literal strings of the pattern (which may
// span tokens); through the assertions on a token's first or last
// character only for whole tokens (!lits).
func mustHold(n *node, lits bool) (texts []string, ok bool) {
	if lits && n.lit != "" {
		return []string{n.lit}, true
	}
	switch n.op {
	case nTok:
		if n.test.exact {
			return []string{n.test.text}, true
		}
	case nCapture:
		return mustHold(n.subs[0], lits)
	case nTail, nHead:
		if !lits {
			return mustHold(n.subs[0], lits)
		}
	case nRest:
		if lits { // in the text, though not as a token of its own
			return mustHold(n.subs[0], lits)
		}
	case nRepeat:
		if n.min > 0 {
			return mustHold(n.subs[0], lits)
		}
	case nSeq:
		// the rarest choice, as a rule: the set whose shortest text is
		// longest
		best := -1
		for _, s := range n.subs {
			if t, ok := mustHold(s, lits); ok {
				short := len(t[0])
				for _, x := range t {
					short = min(short, len(x))
				}
				if short > best {
					texts, best = t, short
				}
			}
		}
		return texts, best >= 0
	case nAlt:
		for _, s := range n.subs {
			t, ok := mustHold(s, lits)
			if !ok {
				return nil, false
			}
			texts = append(texts, t...)
		}
		return texts, true
	}
	return nil, false
}

// maxOf returns the most tokens of kind k a match of n can hold (tokens
// whose test admits k counted), -1 for no bound.
func maxOf(n *node, k Kind) int {
	switch n.op {
	case nTok:
		if n.test.kinds&(1<<k) != 0 {
			return 1
		}
		return 0
	case nAssert:
		return 0
	case nCapture, nTail, nHead, nStem:
		return maxOf(n.subs[0], k)
	case nRest:
		return 0 // the stem's token
	case nSeq:
		t := 0
		for _, s := range n.subs {
			m := maxOf(s, k)
			if m < 0 {
				return -1
			}
			t += m
		}
		return t
	case nAlt:
		t := 0
		for _, s := range n.subs {
			m := maxOf(s, k)
			if m < 0 {
				return -1
			}
			t = max(t, m)
		}
		return t
	case nRepeat:
		m := maxOf(n.subs[0], k)
		switch {
		case m == 0:
			return 0
		case m < 0 || n.max < 0:
			return -1
		}
		return m * n.max
	}
	return 0
}

// FindAll returns the leftmost-first, non-overlapping matches of p in text
// (a sentence with its titles masked), in the shape of regexp's
// FindAllStringSubmatchIndex.
func (p *Pattern) FindAll(text string) [][]int {
	p.progOnce.Do(func() { p.prog = Link([]Rule{{Pattern: p}}) })
	return p.prog.Run(text, Tokenize(nil, text), nil)[0]
}

// FindAtWordStarts returns the match of p anchored at each word start of
// text, in order (see Rule.EveryWordStart).
func (p *Pattern) FindAtWordStarts(text string) [][]int {
	return Link([]Rule{{Pattern: p, EveryWordStart: true}}).Run(text, Tokenize(nil, text), nil)[0]
}
