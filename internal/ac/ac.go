// Package ac is a byte-level Aho-Corasick automaton with ASCII case
// folding. kg uses one automaton for every alias, title word and trigger of
// a rule set, so one pass over a document finds all of them.
//
// The automaton is compact: states live in flat arrays, transitions of the
// root are a 256-entry table and those of other states sorted edge lists,
// and a state's full transition function is computed on the fly from
// failure links. Matches are reported with byte offsets into the scanned
// text, which is never copied or rewritten.
package ac

import "sort"

// Match is one occurrence of pattern ID in a text, at bytes [Start, End).
type Match struct {
	Start, End int
	ID         int32
}

// Matcher is an immutable automaton, safe for concurrent use.
type Matcher struct {
	root   [256]int32 // transitions of state 0 (complete: misses go to 0)
	first  []int32    // index of a state's first edge in edgeB/edgeT
	count  []uint16   // number of edges of a state
	edgeB  []byte
	edgeT  []int32
	fail   []int32
	out    []int32 // pattern ending at this state, -1 if none
	outLen []int32 // byte length of that pattern
	dict   []int32 // next state on the fail chain with an output, -1 if none
	n      int
}

// lower folds ASCII upper case; other bytes are kept, so offsets hold.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 32
	}
	return c
}

type buildState struct {
	next map[byte]int32
	out  int32
	olen int32
}

// Build compiles patterns; pattern i is reported with ID i. Empty patterns
// are ignored; duplicate patterns (after case folding) report the first ID
// only, so callers should merge payloads of equal strings themselves.
func Build(patterns []string) *Matcher {
	states := []buildState{{next: map[byte]int32{}, out: -1}}
	for id, p := range patterns {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := lower(p[i])
			t, ok := states[s].next[c]
			if !ok {
				t = int32(len(states))
				states = append(states, buildState{next: map[byte]int32{}, out: -1})
				states[s].next[c] = t
			}
			s = t
		}
		if states[s].out < 0 {
			states[s].out = int32(id)
			states[s].olen = int32(len(p))
		}
	}
	n := len(states)
	m := &Matcher{
		first: make([]int32, n), count: make([]uint16, n),
		fail: make([]int32, n), out: make([]int32, n), outLen: make([]int32, n), dict: make([]int32, n),
		n: len(patterns),
	}
	// Flatten edges in sorted order.
	for s := range states {
		m.first[s] = int32(len(m.edgeB))
		keys := make([]int, 0, len(states[s].next))
		for c := range states[s].next {
			keys = append(keys, int(c))
		}
		sort.Ints(keys)
		for _, c := range keys {
			m.edgeB = append(m.edgeB, byte(c))
			m.edgeT = append(m.edgeT, states[s].next[byte(c)])
		}
		m.count[s] = uint16(len(keys))
		m.out[s] = states[s].out
		m.outLen[s] = states[s].olen
		m.dict[s] = -1
	}
	for c := 0; c < 256; c++ {
		m.root[c] = 0
	}
	// BFS for failure links.
	queue := make([]int32, 0, n)
	for i := m.first[0]; i < m.first[0]+int32(m.count[0]); i++ {
		t := m.edgeT[i]
		m.root[m.edgeB[i]] = t
		m.fail[t] = 0
		queue = append(queue, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for i := m.first[s]; i < m.first[s]+int32(m.count[s]); i++ {
			c, t := m.edgeB[i], m.edgeT[i]
			f := m.fail[s]
			for {
				if nt := m.step(f, c); nt >= 0 {
					m.fail[t] = nt
					break
				}
				if f == 0 {
					m.fail[t] = m.root[c]
					break
				}
				f = m.fail[f]
			}
			if m.fail[t] == t {
				m.fail[t] = 0
			}
			ft := m.fail[t]
			if m.out[ft] >= 0 {
				m.dict[t] = ft
			} else {
				m.dict[t] = m.dict[ft]
			}
			queue = append(queue, t)
		}
	}
	return m
}

// step returns the goto transition of s on c, or -1 (never for the root).
func (m *Matcher) step(s int32, c byte) int32 {
	if s == 0 {
		return m.root[c]
	}
	lo, hi := m.first[s], m.first[s]+int32(m.count[s])
	if hi-lo <= 8 {
		for i := lo; i < hi; i++ {
			if m.edgeB[i] == c {
				return m.edgeT[i]
			}
		}
		return -1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		switch b := m.edgeB[mid]; {
		case b == c:
			return m.edgeT[mid]
		case b < c:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}

// States returns the number of automaton states (for memory accounting).
func (m *Matcher) States() int { return len(m.fail) }

// Bytes estimates the memory the automaton holds.
func (m *Matcher) Bytes() int {
	return 256*4 + len(m.first)*(4+2+4+4+4+4) + len(m.edgeB)*(1+4)
}

// FindAll appends every match in text, overlapping ones included, ordered
// by end offset (and, for one end, longest first), to dst.
func (m *Matcher) FindAll(dst []Match, text string) []Match {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		c := lower(text[i])
		if s == 0 {
			s = m.root[c]
			if s == 0 {
				continue
			}
		} else {
			for {
				if t := m.step(s, c); t >= 0 {
					s = t
					break
				}
				s = m.fail[s]
				if s == 0 {
					s = m.root[c]
					break
				}
			}
		}
		for o := s; o > 0; o = m.dict[o] {
			if id := m.out[o]; id >= 0 {
				dst = append(dst, Match{Start: i + 1 - int(m.outLen[o]), End: i + 1, ID: id})
			}
			if m.dict[o] < 0 {
				break
			}
		}
	}
	return dst
}
