// Package slug makes the canonical key part of a name, shared by the rule
// loader (ids of entity entries) and the graph (node ids).
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make lower-cases s and joins its letter and digit runs with hyphens;
// "&" reads as "and"; accented Latin letters lose their accents, so that
// "Étienne Morvan" and "Etienne Morvan" are one key. Make("GS E&C") ==
// "gs-e-and-c"; Hangul is kept.
func Make(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if r >= 0xC0 && r < 0x250 {
				b.WriteString(foldLatin(r))
				continue
			}
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

// latinFold spells the Latin letters that are no base letter and a mark.
var latinFold = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ł': "l", 'þ': "th", 'ð': "d", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n", 'ŀ': "l"}

// foldLatin is a lower-case accented Latin letter without its accent:
// its canonical decomposition's base letter (é → e), or latinFold's
// spelling. Only Latin-1 Supplement and Latin Extended-A/B come here, so
// Hangul, which decomposes into jamo, is never touched.
func foldLatin(r rune) string {
	if f, ok := latinFold[r]; ok {
		return f
	}
	d := norm.NFD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
