package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Glosses: Korean news writes a name's original script or a photo
// position in brackets right after it: "와타나베 마사타카(渡邊雅隆) 일본
// 아사히신문 사장(왼쪽)이", "사티아 나델라(Satya Nadella) 마이크로소프트
// CEO". The pattern rules read the sentence without them, so that a name,
// its organization and its title stand side by side as the rules expect;
// the facts' spans are mapped back to the text.

// dropGlosses returns text and low without the glosses in them, and for
// each byte left its offset in text (nil when there was none to drop).
func dropGlosses(text, low string, set *rules.Set) (string, string, []int) {
	var cut [][2]int
	for i := 0; i < len(text); i++ {
		if text[i] != '(' || i == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.Is(unicode.Hangul, prev) {
			continue
		}
		// a gloss is short: look for its end only that far, so brackets
		// that never close cost nothing
		j := strings.IndexByte(text[i:min(len(text), i+66)], ')')
		if j < 0 {
			continue
		}
		if isGloss(text[i+1:i+j], set) {
			cut = append(cut, [2]int{i, i + j + 1})
			i += j
		}
	}
	if len(cut) == 0 {
		return text, low, nil
	}
	var tb, lb strings.Builder
	orig := make([]int, 0, len(text))
	at := 0
	for _, c := range cut {
		tb.WriteString(text[at:c[0]])
		lb.WriteString(low[at:c[0]])
		for k := at; k < c[0]; k++ {
			orig = append(orig, k)
		}
		at = c[1]
	}
	tb.WriteString(text[at:])
	lb.WriteString(low[at:])
	for k := at; k < len(text); k++ {
		orig = append(orig, k)
	}
	return tb.String(), lb.String(), orig
}

// isGloss: the bracket holds only Han characters (渡邊雅隆), only a Latin
// name of two or more words (Satya Nadella), or a photo position
// (lexicon: photo_positions_ko).
func isGloss(s string, set *rules.Set) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	if hasAnyPrefix(s, set.Lex.PhotoPositionsKO) {
		return true
	}
	han, latin := true, true
	for _, r := range s {
		han = han && (unicode.Is(unicode.Han, r) || r == ' ')
		latin = latin && (r < utf8.RuneSelf && (unicode.IsLetter(r) || r == ' ' || r == '.' || r == '-' || r == '\''))
	}
	// a Latin name of two words or more; an acronym (BGT) declares an
	// alias and stays
	return han || latin && strings.ContainsFunc(s, unicode.IsUpper) && strings.ContainsFunc(s, unicode.IsLower) && strings.Contains(strings.TrimSpace(s), " ")
}

// maxGlossWords bounds the words of a name read back from its gloss.
const maxGlossWords = 6

// wholeGlossedName widens a Hangul person span to the whole name its
// Latin gloss spells: a long foreign name written in Hangul and then in
// Latin letters ("카릴 이스마일 압둘 사힙 알 모사위(Khalil Ismail Abdul
// Sahib Al-Mosawi) 주한이라크대사") has as many words in either script,
// while the rules read two at most. The span grows leftward only over
// Hangul words (no particle at their end), to exactly the gloss's number
// of words; the Latin name is returned to become an alias. Anything else
// leaves the span as it is.
func (st *state) wholeGlossedName(sp Span) (Span, string) {
	text := st.d.Text
	if sp.End >= len(text) || text[sp.End] != '(' || !isHangul(firstRune(text[sp.Start:sp.End])) {
		return sp, ""
	}
	j := strings.IndexByte(text[sp.End:min(len(text), sp.End+66)], ')')
	if j < 0 {
		return sp, ""
	}
	latin := strings.TrimSpace(text[sp.End+1 : sp.End+j])
	if !isGloss(latin, st.set) || strings.ContainsFunc(latin, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return sp, ""
	}
	// a hyphenated Latin word may be two in Hangul (Al-Mosawi, 알 모사위)
	want := len(strings.Fields(latin))
	for _, n := range []int{want + strings.Count(latin, "-"), want} {
		if long, ok := st.growName(sp, n); ok {
			return long, latin
		}
	}
	return sp, ""
}

// growName widens a Hangul name leftward to n words, over Hangul words of
// at most five syllables that the lexicon does not rule out.
func (st *state) growName(sp Span, n int) (Span, bool) {
	text := st.d.Text
	have := len(strings.Fields(text[sp.Start:sp.End]))
	if n > maxGlossWords || n < have {
		return sp, false
	}
	start := sp.Start
	for ; have < n; have++ {
		w, ok := wordBefore(text, 0, start)
		if !ok || w.End != start-1 {
			return sp, false
		}
		word := text[w.Start:w.End]
		if !allHangul(word) || runeLen(word) > 5 || st.set.NotNamesKO[word] || endsWithCaseParticle(word, st.set) {
			return sp, false
		}
		start = w.Start
	}
	return Span{start, sp.End}, true
}
