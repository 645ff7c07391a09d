package extract

import (
	"math/rand/v2"
	"testing"
)

// TestSpanSetAsList: a spanSet answers as comparing with every span it
// holds does, empty spans and spans outside its range too.
func TestSpanSetAsList(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	span := func() Span {
		a := r.IntN(300) - 20
		return Span{a, a + r.IntN(12)} // some empty, some outside [0, 260)
	}
	for round := range 200 {
		ss := newSpanSet(0, 260)
		var list []Span
		for range r.IntN(80) {
			if s := span(); !ss.overlaps(s) || r.IntN(3) == 0 {
				ss.add(s)
				list = append(list, s)
			}
			q := span()
			want := false
			for _, s := range list {
				if overlap1(q, s) {
					want = true
				}
			}
			if got := ss.overlaps(q); got != want {
				t.Fatalf("round %d: %v overlaps %v: %v, want %v", round, q, list, got, want)
			}
		}
	}
}

// TestEndsOfTwoAsMap: endsOfTwo answers as counting the entities that
// end at or before a point does.
func TestEndsOfTwoAsMap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 500 {
		var two endsOfTwo
		type p struct{ ent, end int }
		var ps []p
		for range r.IntN(30) {
			x := p{r.IntN(5), r.IntN(100)}
			two.add(x.ent, x.end)
			ps = append(ps, x)
			pos := r.IntN(110)
			before := map[int]bool{}
			for _, y := range ps {
				if y.end <= pos {
					before[y.ent] = true
				}
			}
			if got := two.within(pos); got != (len(before) >= 2) {
				t.Fatalf("round %d: %v within %d: %v, want %v", round, ps, pos, got, len(before) >= 2)
			}
		}
	}
}
