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
