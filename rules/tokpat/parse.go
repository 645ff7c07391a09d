package tokpat

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a problem in a pattern's source, at byte Offset of it.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// Env is what a pattern may refer to besides the built-in token kinds:
// macros (@NAME, pattern text) and token predicates (Kind[name], tested on
// a token's text). A nil Env has neither.
type Env struct {
	Macros map[string]string
	Preds  map[string]func(tok string) bool
}

type nodeOp uint8

const (
	nTok nodeOp = iota
	nSeq
	nAlt
	nRepeat
	nCapture
	nAssert
	nTail
	nHead
	nStem // stem(x): the first part of a token; rest(y) must follow
	nRest // rest(y): the rest of the token whose stem(x) came just before
)

type node struct {
	op       nodeOp
	test     *test // nTok
	subs     []*node
	min, max int // nRepeat; max < 0: no bound
	lazy     bool
	name     string // nCapture
	lit      string // the string a literal ("…") stands for
	assert   byte   // nAssert: '^', '$', 'b', 'B'
	off      int
}

// test is what one token must be: one of kinds, and every constraint.
type test struct {
	kinds    uint16
	text     string // exact text, if exact
	exact    bool
	part     bool // a stem(...) or rest(...) test: tested on part of a token
	minRunes int
	maxRunes int // < 0: no bound
	preds    []func(string) bool
	negs     []bool
}

func (t *test) match(tok Token, text string) bool {
	if t.kinds&(1<<tok.Kind) == 0 {
		return false
	}
	if t.exact {
		return text[tok.Start:tok.End] == t.text
	}
	if tok.Runes < t.minRunes || t.maxRunes >= 0 && tok.Runes > t.maxRunes {
		return false
	}
	for i, f := range t.preds {
		if f(text[tok.Start:tok.End]) == t.negs[i] {
			return false
		}
	}
	return true
}

type parser struct {
	src     string
	i       int
	env     *Env
	macros  []string // macros being expanded, for cycles
	base    int      // in a macro: the offset of the outermost @ in the pattern
	inMac   bool
	macName string
}

func (p *parser) errf(off int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if p.inMac {
		off, msg = p.base, "in @"+p.macName+": "+msg
	}
	panic(&Error{Offset: off, Msg: msg})
}

// parse parses a whole pattern. Errors are raised as panics of *Error
// inside the parser and returned here.
func parse(src string, env *Env) (n *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			n, err = nil, e
		}
	}()
	p := &parser{src: src, env: env}
	n = p.parseAlt()
	p.skipSpace()
	if p.i < len(p.src) {
		p.errf(p.i, "unexpected %q", p.src[p.i])
	}
	return n, nil
}

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		case '#': // a comment to the end of the line
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *parser) parseAlt() *node {
	off := p.i
	subs := []*node{p.parseSeq()}
	for {
		p.skipSpace()
		if p.i < len(p.src) && p.src[p.i] == '|' {
			p.i++
			subs = append(subs, p.parseSeq())
			continue
		}
		break
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return &node{op: nAlt, subs: subs, off: off}
}

func (p *parser) parseSeq() *node {
	off := p.i
	var subs []*node
	for {
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] == '|' || p.src[p.i] == ')' {
			break
		}
		subs = append(subs, p.parseItem())
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return &node{op: nSeq, subs: subs, off: off}
}

func isIdent(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (p *parser) ident() string {
	j := p.i
	for j < len(p.src) && isIdent(p.src[j]) {
		j++
	}
	s := p.src[p.i:j]
	p.i = j
	return s
}

// parseItem parses [name:] atom [quantifier].
func (p *parser) parseItem() *node {
	off := p.i
	name := ""
	if isIdent(p.src[p.i]) {
		j := p.i
		for j < len(p.src) && isIdent(p.src[j]) {
			j++
		}
		if j < len(p.src) && p.src[j] == ':' {
			name = p.src[p.i:j]
			p.i = j + 1
			if name[0] >= '0' && name[0] <= '9' {
				p.errf(off, "capture name %q must not start with a digit", name)
			}
			if p.i >= len(p.src) || p.src[p.i] == ' ' {
				p.errf(p.i, "capture %s: needs an element right after the colon", name)
			}
		}
	}
	n := p.parseAtom()
	n = p.parseQuant(n)
	if name != "" {
		n = &node{op: nCapture, name: name, subs: []*node{n}, off: off}
	}
	return n
}

func (p *parser) parseQuant(n *node) *node {
	if p.i < len(p.src) {
		off := p.i
		min, max := 0, 0
		switch p.src[p.i] {
		case '?':
			min, max = 0, 1
			p.i++
		case '*':
			min, max = 0, -1
			p.i++
		case '+':
			min, max = 1, -1
			p.i++
		case '{':
			j := strings.IndexByte(p.src[p.i:], '}')
			if j < 0 {
				p.errf(off, "missing } in repetition")
			}
			body := p.src[p.i+1 : p.i+j]
			lo, hi, ok := strings.Cut(body, ",")
			var err error
			if min, err = strconv.Atoi(strings.TrimSpace(lo)); err != nil || min < 0 {
				p.errf(off, "bad repetition {%s}", body)
			}
			switch {
			case !ok:
				max = min
			case strings.TrimSpace(hi) == "":
				max = -1
			default:
				if max, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || max < min {
					p.errf(off, "bad repetition {%s}", body)
				}
			}
			if min > 100 || max > 100 {
				p.errf(off, "repetition {%s} over 100", body)
			}
			p.i += j + 1
		default:
			return n
		}
		lazy := false
		if p.i < len(p.src) && p.src[p.i] == '?' {
			lazy = true
			p.i++
		}
		n = &node{op: nRepeat, subs: []*node{n}, min: min, max: max, lazy: lazy, off: off}
		if n.subs[0].op == nAssert {
			p.errf(off, "an assertion cannot be repeated")
		}
		if p.i < len(p.src) && strings.IndexByte("?*+{", p.src[p.i]) >= 0 {
			p.errf(p.i, "repeated quantifier")
		}
	}
	return n
}

func (p *parser) parseAtom() *node {
	off := p.i
	c := p.src[p.i]
	switch {
	case c == '(':
		p.i++
		n := p.parseAlt()
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ')' {
			p.errf(off, "missing )")
		}
		p.i++
		if n.op == nSeq && len(n.subs) == 0 {
			p.errf(off, "empty group")
		}
		return n
	case c == '"':
		return p.parseLiteral()
	case c == '@':
		p.i++
		name := p.ident()
		if name == "" {
			p.errf(off, "@ needs a macro name")
		}
		return p.expandMacro(name, off)
	case c == '^' || c == '$':
		p.i++
		return &node{op: nAssert, assert: c, off: off}
	case c == '\\':
		if p.i+1 < len(p.src) && (p.src[p.i+1] == 'b' || p.src[p.i+1] == 'B') {
			p.i += 2
			return &node{op: nAssert, assert: p.src[p.i-1], off: off}
		}
		p.errf(off, `unknown escape (want \b or \B)`)
	case isIdent(c):
		name := p.ident()
		if (name == "tail" || name == "head" || name == "stem" || name == "rest") && p.i < len(p.src) && p.src[p.i] == '(' {
			p.i++
			n := p.parseAlt()
			p.skipSpace()
			if p.i >= len(p.src) || p.src[p.i] != ')' {
				p.errf(off, "missing ) of %s(", name)
			}
			p.i++
			if lo, hi := tokenRange(n); lo != 1 || hi != 1 {
				p.errf(off, "%s(...) must match exactly one token", name)
			}
			op := nTail
			switch name {
			case "head":
				op = nHead
			case "stem":
				op = nStem
			case "rest":
				op = nRest
			}
			return &node{op: op, subs: []*node{n}, off: off}
		}
		return p.parseKind(name, off)
	}
	p.errf(off, "unexpected %q", c)
	return nil
}

// Kind names and the kinds they stand for.
var kindSets = map[string]uint16{
	"Space": 1 << Space, "Title": 1 << Title, "Cap": 1 << Cap, "Lower": 1 << Lower,
	"Digits": 1 << Digits, "Hangul": 1 << Hangul, "Other": 1 << Other,
	"Word": 1<<Cap | 1<<Lower | 1<<Digits,
	"Any":  1<<numKinds - 1,
}

func (p *parser) parseKind(name string, off int) *node {
	kinds, ok := kindSets[name]
	if !ok {
		p.errf(off, "unknown token kind %q (want Space, Title, Cap, Lower, Digits, Hangul, Other, Word or Any)", name)
	}
	t := &test{kinds: kinds, maxRunes: -1}
	if p.i < len(p.src) && p.src[p.i] == '[' {
		j := strings.IndexByte(p.src[p.i:], ']')
		if j < 0 {
			p.errf(p.i, "missing ]")
		}
		body := p.src[p.i+1 : p.i+j]
		coff := p.i + 1
		p.i += j + 1
		for _, c := range strings.Split(body, ",") {
			p.constraint(t, strings.TrimSpace(c), coff)
			coff += len(c) + 1
		}
	}
	return &node{op: nTok, test: t, off: off}
}

func (p *parser) constraint(t *test, c string, off int) {
	if strings.HasPrefix(c, "len") {
		rest := strings.TrimSpace(c[3:])
		var op string
		for _, o := range []string{">=", "<=", "="} {
			if strings.HasPrefix(rest, o) {
				op = o
				break
			}
		}
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(rest, op)))
		if op == "" || err != nil || n < 0 {
			p.errf(off, "bad constraint %q (want len=N, len>=N or len<=N)", c)
		}
		switch op {
		case ">=":
			t.minRunes = max(t.minRunes, n)
		case "<=":
			t.maxRunes = n
		case "=":
			t.minRunes, t.maxRunes = n, n
		}
		return
	}
	neg := strings.HasPrefix(c, "!")
	name := strings.TrimPrefix(c, "!")
	var f func(string) bool
	if p.env != nil {
		f = p.env.Preds[name]
	}
	if f == nil {
		p.errf(off, "unknown token predicate %q", name)
	}
	t.preds = append(t.preds, f)
	t.negs = append(t.negs, neg)
}

// parseLiteral reads "…": the tokens the string is made of, each matched
// by its exact text.
func (p *parser) parseLiteral() *node {
	off := p.i
	p.i++
	var b strings.Builder
	for {
		if p.i >= len(p.src) {
			p.errf(off, "unterminated string")
		}
		c := p.src[p.i]
		if c == '"' {
			p.i++
			break
		}
		if c == '\\' && p.i+1 < len(p.src) {
			b.WriteByte(p.src[p.i+1])
			p.i += 2
			continue
		}
		b.WriteByte(c)
		p.i++
	}
	s := b.String()
	if s == "" {
		p.errf(off, "empty string")
	}
	if !utf8.ValidString(s) {
		p.errf(off, "string is not valid UTF-8")
	}
	toks := Tokenize(nil, s)
	seq := &node{op: nSeq, off: off}
	for _, tk := range toks {
		seq.subs = append(seq.subs, &node{op: nTok, off: off,
			test: &test{kinds: 1 << tk.Kind, text: s[tk.Start:tk.End], exact: true, maxRunes: -1}})
	}
	if len(seq.subs) == 1 {
		seq = seq.subs[0]
	}
	seq.lit = s
	return seq
}

func (p *parser) expandMacro(name string, off int) *node {
	var src string
	ok := false
	if p.env != nil {
		src, ok = p.env.Macros[name]
	}
	if !ok {
		p.errf(off, "unknown macro @%s", name)
	}
	for _, m := range p.macros {
		if m == name {
			p.errf(off, "macro @%s refers to itself", name)
		}
	}
	sub := &parser{src: src, env: p.env, macros: append(append([]string(nil), p.macros...), name),
		base: off, inMac: true, macName: name}
	if p.inMac {
		sub.base = p.base
	}
	sub.skipSpace()
	if sub.i >= len(sub.src) {
		sub.errf(0, "empty macro")
	}
	n := sub.parseAlt()
	sub.skipSpace()
	if sub.i < len(sub.src) {
		sub.errf(sub.i, "unexpected %q", sub.src[sub.i])
	}
	return n
}

// tokenRange returns the fewest and most tokens n can match (hi < 0: no
// bound).
func tokenRange(n *node) (lo, hi int) {
	switch n.op {
	case nTok:
		return 1, 1
	case nAssert:
		return 0, 0
	case nCapture, nTail, nHead:
		return tokenRange(n.subs[0])
	case nStem:
		return tokenRange(n.subs[0])
	case nRest:
		return 0, 0 // the same token as the stem's
	case nSeq:
		for _, s := range n.subs {
			l, h := tokenRange(s)
			lo += l
			if hi >= 0 {
				if h < 0 {
					hi = -1
				} else {
					hi += h
				}
			}
		}
		return lo, hi
	case nAlt:
		lo = -1
		for _, s := range n.subs {
			l, h := tokenRange(s)
			if lo < 0 || l < lo {
				lo = l
			}
			if hi >= 0 && (h < 0 || h > hi) {
				hi = h
			}
		}
		return lo, hi
	case nRepeat:
		l, h := tokenRange(n.subs[0])
		lo = l * n.min
		switch {
		case n.max < 0 && h != 0:
			hi = -1
		case h < 0:
			hi = -1
		case n.max < 0:
			hi = 0
		default:
			hi = h * n.max
		}
		return lo, hi
	}
	return 0, 0
}
