// Package slug makes the canonical key part of a name, shared by the rule
// loader (ids of entity entries) and the graph (node ids).
package slug

import (
	"strings"
	"unicode"
)

// Make lower-cases s and joins its letter and digit runs with hyphens;
// "&" reads as "and". Make("GS E&C") == "gs-e-and-c"; Hangul is kept.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		if r == '&' {
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("and")
			dash = true
			continue
		}
		dash = true
	}
	return b.String()
}
