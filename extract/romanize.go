package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Romanization variants of Hangul jamo, as Korean names are actually spelled
// in English news (Revised Romanization, McCune-Reischauer and family
// spellings): 현 hyeon/hyun, 성 seong/sung, 윤 yun/yoon, 신 sin/shin.
var (
	initials = [19][]string{{"g", "k"}, {"kk", "gg", "k"}, {"n"}, {"d", "t"}, {"tt", "dd"}, {"r", "l", "n"}, {"m"},
		{"b", "p"}, {"pp", "bb"}, {"s", "sh"}, {"ss", "s"}, {""}, {"j", "ch"}, {"jj", "tch"}, {"ch", "c"}, {"k"},
		{"t"}, {"p"}, {"h"}}
	medials = [21][]string{{"a"}, {"ae", "e"}, {"ya"}, {"yae"}, {"eo", "u", "o"}, {"e"}, {"yeo", "yu", "yo"}, {"ye"},
		{"o"}, {"wa"}, {"wae"}, {"oe", "oi", "we"}, {"yo"}, {"u", "oo"}, {"wo", "weo"}, {"we"}, {"wi"}, {"yu", "yoo"},
		{"eu", "u"}, {"ui", "eui", "ee"}, {"i", "ee"}}
	finals = [28][]string{{""}, {"k", "g"}, {"k"}, {"k"}, {"n"}, {"n"}, {"n"}, {"t", "d"}, {"l", "r"}, {"k"}, {"m"},
		{"l"}, {"l"}, {"l"}, {"p"}, {"l"}, {"m"}, {"p", "b"}, {"p"}, {"t", "s"}, {"t"}, {"ng"}, {"t"}, {"t"}, {"k"},
		{"t"}, {"p"}, {"h"}}
)

// jamo splits a Hangul syllable into initial, medial and final indices.
func jamo(r rune) (int, int, int, bool) {
	if r < 0xAC00 || r > 0xD7A3 {
		return 0, 0, 0, false
	}
	c := int(r - 0xAC00)
	return c / (21 * 28), (c / 28) % 21, c % 28, true
}

// syllableForms returns the plausible Latin spellings of one syllable.
func syllableForms(r rune) []string {
	i, m, f, ok := jamo(r)
	if !ok {
		return nil
	}
	var out []string
	for _, a := range initials[i] {
		for _, b := range medials[m] {
			for _, c := range finals[f] {
				out = append(out, a+b+c)
			}
		}
	}
	// a vowel alone is often written with an h: 아 "ah" (Seung-ah), 오 "oh"
	if i == 11 && f == 0 {
		for _, b := range medials[m] {
			out = append(out, b+"h")
		}
	}
	// ㅇ+ㅜ is often written "woo"; ㅅ before ㅣ "shi"
	if i == 11 && m == 13 {
		for _, c := range finals[f] {
			out = append(out, "woo"+c, "wu"+c)
		}
	}
	return out
}

// foldLatin lower-cases s and drops hyphens, spaces and apostrophes.
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == '-' || r == ' ' || r == '\'' || r == '’' || r == '.' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// romanMatches reports whether the Latin string latin (already folded) can
// be read as the Hangul syllables of given, syllable by syllable.
func romanMatches(given string, latin string) bool {
	syl := []rune(given)
	if len(syl) == 0 || latin == "" {
		return false
	}
	// reachable[k] = set of positions in latin after k syllables
	cur := map[int]bool{0: true}
	for _, r := range syl {
		forms := syllableForms(r)
		if forms == nil {
			return false
		}
		next := map[int]bool{}
		for p := range cur {
			for _, f := range forms {
				if f == "" {
					continue
				}
				if strings.HasPrefix(latin[p:], f) {
					next[p+len(f)] = true
				}
			}
		}
		if len(next) == 0 {
			return false
		}
		cur = next
	}
	return cur[len(latin)]
}

// jamoDistance counts differing jamo between two Hangul strings of equal
// length in syllables; -1 if they are not comparable.
func jamoDistance(a, b string) int {
	if a == b {
		return 0
	}
	if runeLen(a) != runeLen(b) {
		return -1
	}
	d := 0
	for len(a) > 0 {
		r1, n1 := utf8.DecodeRuneInString(a)
		r2, n2 := utf8.DecodeRuneInString(b)
		a, b = a[n1:], b[n2:]
		if r1 == r2 {
			continue
		}
		i1, m1, f1, ok1 := jamo(r1)
		i2, m2, f2, ok2 := jamo(r2)
		if !ok1 || !ok2 {
			return -1
		}
		if i1 != i2 {
			d++
		}
		if m1 != m2 {
			d++
		}
		if f1 != f2 {
			d++
		}
	}
	return d
}

func allHangul(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
	}
	return true
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

var (
	formOnce  sync.Once
	formIndex map[string][]rune // a Latin spelling of a syllable → the syllables it can be
	formMax   int
)

var (
	readingsMu    sync.Mutex
	readingsCache = map[string][]string{}
)

// readings returns the Hangul strings (up to limit) that the folded Latin
// given name latin can be the romanization of, syllable by syllable. The
// answers are kept: a corpus asks about the same names many times.
func readings(latin string, limit int) []string {
	readingsMu.Lock()
	if r, ok := readingsCache[latin]; ok {
		readingsMu.Unlock()
		return r
	}
	readingsMu.Unlock()
	r := computeReadings(latin, limit)
	readingsMu.Lock()
	if len(readingsCache) < 1<<16 {
		readingsCache[latin] = r
	}
	readingsMu.Unlock()
	return r
}

func computeReadings(latin string, limit int) []string {
	formOnce.Do(func() {
		formIndex = map[string][]rune{}
		for r := rune(0xAC00); r <= 0xD7A3; r++ {
			for _, f := range syllableForms(r) {
				if f != "" {
					formIndex[f] = append(formIndex[f], r)
					formMax = max(formMax, len(f))
				}
			}
		}
	})
	var out []string
	var walk func(p int, prefix []rune)
	walk = func(p int, prefix []rune) {
		if len(out) >= limit || len(prefix) > 4 {
			return
		}
		if p == len(latin) {
			out = append(out, string(prefix))
			return
		}
		for n := 1; n <= formMax && p+n <= len(latin); n++ {
			for _, r := range formIndex[latin[p:p+n]] {
				walk(p+n, append(prefix, r))
			}
		}
	}
	walk(0, nil)
	return out
}

// SameKoreanName reports whether two Latin spellings can be one Korean
// name: surnames that romanize one Korean surname (Lee, Yi, Rhee) and
// given names with a common Hangul reading (Seong-hyeon, Sunghyun), in
// either name order. Sung-hoon and Sung-hyun are not one name.
func SameKoreanName(a, b string, set *rules.Set) bool {
	for _, x := range koreanSplits(a, set) {
		for _, y := range koreanSplits(b, set) {
			if sameKorean(x, y, set) {
				return true
			}
		}
	}
	return false
}

// koreanSplits returns the ways a Latin name splits into a Korean surname
// and a given name: surname first or last.
func koreanSplits(name string, set *rules.Set) [][2]string {
	ts := strings.Fields(name)
	if len(ts) < 2 || len(ts) > 3 {
		return nil
	}
	var out [][2]string
	if _, ok := set.SurnameOfEN[strings.ToLower(ts[0])]; ok {
		out = append(out, [2]string{ts[0], strings.Join(ts[1:], "")})
	}
	if _, ok := set.SurnameOfEN[strings.ToLower(ts[len(ts)-1])]; ok {
		out = append(out, [2]string{ts[len(ts)-1], strings.Join(ts[:len(ts)-1], "")})
	}
	return out
}

func sameKorean(a, b [2]string, set *rules.Set) bool {
	common := false
	for _, x := range set.SurnameOfEN[strings.ToLower(a[0])] {
		if slices.Contains(set.SurnameOfEN[strings.ToLower(b[0])], x) {
			common = true
		}
	}
	if !common {
		return false
	}
	fa, fb := foldLatin(a[1]), foldLatin(b[1])
	if fa == fb {
		return true
	}
	for _, h := range readings(fa, 4096) {
		if romanMatches(h, fb) {
			return true
		}
	}
	return false
}
