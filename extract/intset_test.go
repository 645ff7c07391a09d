package extract

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIntSetAsList: appendNew, has and overlap answer as searching the
// list does, short lists and long.
func TestIntSetAsList(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		var list, want []int
		var in intSet
		for range r.IntN(60) {
			x := r.IntN(40)
			if !slices.Contains(want, x) {
				want = append(want, x)
			}
			list = in.appendNew(list, x)
			if !slices.Equal(list, want) {
				t.Fatalf("appendNew: %v, want %v", list, want)
			}
			if y := r.IntN(40); in.has(list, y) != slices.Contains(want, y) {
				t.Fatalf("has(%v, %d) = %v", list, y, !slices.Contains(want, y))
			}
		}
		b := make([]int, r.IntN(40))
		for i := range b {
			b[i] = r.IntN(40)
		}
		n := 0
		for _, x := range list {
			if slices.Contains(b, x) {
				n++
			}
		}
		if got := overlap(list, b); got != n {
			t.Fatalf("overlap(%v, %v) = %d, want %d", list, b, got, n)
		}
	}
}
