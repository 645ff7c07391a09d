package extract

import (
	"github.com/kg-news/kg/internal/editdist"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// A consonant skeleton compares a name written in Latin letters with its
// Hangul transliteration: vowels drop out, consonants fold to classes the
// two scripts share (b p f v → p, d t → t, g k c q → k, j z ch → j, s sh
// x → s, l r → r, final ㅇ and "ng" → N). "Dongbang" and 동방 both give
// tNpN, "Keller" and 켈러 kr, "Narmada" and 나르마다 nrmt.

var (
	skelInitial = [19]string{"k", "k", "n", "t", "t", "r", "m", "p", "p", "s", "s", "", "j", "j", "j", "k", "t", "p", "h"}
	skelFinal   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "r", "k", "m", "r", "r", "r", "p", "r", "m", "p", "p", "s", "s", "N", "t", "t", "k", "t", "p", ""}
)

// skeleton returns the consonant skeleton of a Latin or Hangul word.
func skeleton(s string) string {
	var b strings.Builder
	if allHangulOrSpace(s) {
		for _, r := range s {
			i, _, f, ok := jamo(r)
			if !ok {
				continue
			}
			b.WriteString(skelInitial[i])
			b.WriteString(skelFinal[f])
		}
		return collapse(b.String())
	}
	l := strings.ToLower(s)
	for i := 0; i < len(l); i++ {
		c := l[i]
		two := ""
		if i+1 < len(l) {
			two = l[i : i+2]
		}
		switch two {
		case "ng":
			b.WriteByte('N')
			i++
			continue
		case "ph":
			b.WriteByte('p')
			i++
			continue
		case "th":
			b.WriteByte('t')
			i++
			continue
		case "sh":
			b.WriteByte('s')
			i++
			continue
		case "ch":
			b.WriteByte('j')
			i++
			continue
		case "ck":
			b.WriteByte('k')
			i++
			continue
		}
		switch c {
		case 'b', 'p', 'f', 'v':
			b.WriteByte('p')
		case 'd', 't':
			b.WriteByte('t')
		case 'c':
			// a soft c (Pacific, Cecil) is an s: 퍼시픽, 세실
			if i+1 < len(l) && strings.IndexByte("eiy", l[i+1]) >= 0 {
				b.WriteByte('s')
			} else {
				b.WriteByte('k')
			}
		case 'g', 'k', 'q':
			b.WriteByte('k')
		case 'j', 'z':
			b.WriteByte('j')
		case 's':
			b.WriteByte('s')
		case 'x':
			b.WriteString("ks")
		case 'l', 'r':
			b.WriteByte('r')
		case 'm', 'n':
			b.WriteByte(c)
		case 'h':
			// h sounds (and is written ㅎ) only before a vowel: Mehta is
			// 메타; before w it is a romanized ㅎ (Hwarang 화랑)
			// after a consonant it only aspirates it: Gokhale is 고칼레,
			// Vardhan 바르단
			if i+1 < len(l) && strings.IndexByte("aeiouyw", l[i+1]) >= 0 && (i == 0 || strings.IndexByte("kgbdj", l[i-1]) < 0 || i >= 2 && l[i-2:i] == "ng") {
				b.WriteByte('h')
			}
		}
	}
	return collapse(b.String())
}

func collapse(s string) string {
	var b strings.Builder
	var last rune = -1
	for _, r := range s {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// skelMatchWord compares a Hangul word with a Latin one, also reading the
// Latin word without a final vowel+r, which Korean often drops (O'Connor
// is 오코너, Keller 켈러).
func skelMatchWord(ko, en string) bool {
	k := skeleton(ko)
	if skelMatch(k, skeleton(en)) {
		return true
	}
	// th is often written ㅅ (Nathan 네이선, Smith 스미스)
	if strings.Contains(strings.ToLower(en), "th") && skelMatch(k, skeleton(strings.ReplaceAll(strings.ToLower(en), "th", "s"))) {
		return true
	}
	l := strings.ToLower(en)
	if len(l) > 2 && l[len(l)-1] == 'r' && strings.IndexByte("aeiou", l[len(l)-2]) >= 0 {
		return skelMatch(k, skeleton(l[:len(l)-1]))
	}
	return false
}

// skelMatch: equal skeletons, or, for skeletons of four or more letters
// that start alike, one letter apart (Starhill strhr, 스타힐 sthr).
func skelMatch(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) < 4 || len(b) < 4 || a[0] != b[0] {
		return false
	}
	return editdist.Distance(a, b) <= 1
}

// splitSuffixKO splits a Korean organization name into stem and suffix
// (동방제철 → 동방, 제철); the suffix is "" when none is known.
func splitSuffixKO(name string, set *rules.Set) (string, string) {
	name = strings.ReplaceAll(name, " ", "")
	best := ""
	for ko := range set.SuffixEN {
		if strings.HasSuffix(name, ko) && len(ko) > len(best) && len(name) > len(ko) {
			best = ko
		}
	}
	return strings.TrimSuffix(name, best), best
}

// orgSkelJoin: does the Korean organization name ko fit the English name
// en? The stems must sound alike and the suffixes correspond, or the Korean
// name is a short form of the English one (스타힐 for Starhill
// Entertainment).
func orgSkelJoin(ko, en string, set *rules.Set) bool {
	stem, suf := splitSuffixKO(ko, set)
	ws := strings.Fields(en)
	if len(ws) == 0 || !utf8.ValidString(stem) {
		return false
	}
	if suf != "" {
		for _, e := range set.SuffixEN[suf] {
			if strings.HasSuffix(en, " "+e) {
				head := strings.TrimSuffix(en, " "+e)
				return skelMatch(skeleton(stem), skeleton(strings.ReplaceAll(head, " ", "")))
			}
		}
		return false
	}
	if skelMatch(skeleton(stem), skeleton(strings.ReplaceAll(en, " ", ""))) {
		return true
	}
	return len(ws) >= 2 && skelMatch(skeleton(stem), skeleton(ws[0]))
}

// personSkelJoin: a foreign name in Hangul fits an English name when every
// Hangul word sounds like a different English word, in any order
// ("모리 다케시" for Takeshi Mori); a single Hangul word must sound like the
// family name.
func personSkelJoin(ko, en string) bool {
	kw, ew := strings.Fields(ko), strings.Fields(en)
	if len(kw) == 0 || len(ew) < 2 {
		return false
	}
	if strings.Contains(ew[len(ew)-1], "-") || len(ew) >= 2 && strings.Contains(ew[1], "-") {
		return false // a Korean name in Latin letters is joined by romanization only
	}
	if len(kw) == 1 {
		return skelMatchWord(kw[0], ew[len(ew)-1])
	}
	used := map[int]bool{}
	for _, k := range kw {
		found := false
		for j, e := range ew {
			if !used[j] && skelMatchWord(k, e) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
