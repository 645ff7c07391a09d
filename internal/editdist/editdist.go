// Package editdist is the Levenshtein distance, for the spelling checks
// of extraction (a near-identical skeleton) and of the command line (the
// flag a typo meant). Hand-written: a dozen lines, where a module would
// add a dependency for them.
package editdist

// Distance is the number of byte insertions, deletions and substitutions
// that turn a into b.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
