package extract

// spanSet holds spans of a text and tells whether a span overlaps one of
// them (shares a byte, or for an empty span lies strictly inside) in time
// proportional to the span's length, not to how many the set holds:
// comparing each new span with every one before was quadratic in a
// sentence of thousands of names.
type spanSet struct {
	lo, hi int    // spans in bits lie within [lo, hi)
	list   []Span // every span added
	bits   []uint64
	// other: spans added that bits cannot hold (empty, or outside
	// [lo, hi)), compared one by one
	other []Span
}

// spanSetLinear is the size up to which a spanSet compares a span with
// each it holds (most sentences hold a few).
const spanSetLinear = 32

// newSpanSet makes a set for spans within [lo, hi).
func newSpanSet(lo, hi int) spanSet { return spanSet{lo: lo, hi: hi} }

func overlap1(s, t Span) bool { return s.Start < t.End && t.Start < s.End }

// add adds s.
func (ss *spanSet) add(s Span) {
	ss.list = append(ss.list, s)
	switch {
	case ss.bits != nil:
		ss.mark(s)
	case len(ss.list) > spanSetLinear:
		ss.bits = make([]uint64, (ss.hi-ss.lo+63)/64)
		for _, t := range ss.list {
			ss.mark(t)
		}
	}
}

func (ss *spanSet) mark(s Span) {
	if s.End <= s.Start || s.Start < ss.lo || s.End > ss.hi {
		ss.other = append(ss.other, s)
		return
	}
	for i := s.Start - ss.lo; i < s.End-ss.lo; i++ {
		ss.bits[i>>6] |= 1 << (i & 63)
	}
}

// overlaps reports whether s overlaps a span of the set.
func (ss *spanSet) overlaps(s Span) bool {
	if ss.bits == nil || s.End <= s.Start || s.Start < ss.lo || s.End > ss.hi {
		for _, t := range ss.list {
			if overlap1(s, t) {
				return true
			}
		}
		return false
	}
	for _, t := range ss.other {
		if overlap1(s, t) {
			return true
		}
	}
	for i, end := s.Start-ss.lo, s.End-ss.lo; i < end; {
		if i&63 == 0 && end-i >= 64 {
			if ss.bits[i>>6] != 0 {
				return true
			}
			i += 64
			continue
		}
		if ss.bits[i>>6]&(1<<(i&63)) != 0 {
			return true
		}
		i++
	}
	return false
}
