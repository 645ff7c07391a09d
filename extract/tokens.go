package extract

import (
	"github.com/kg-news/kg/rules"
	"github.com/kg-news/kg/rules/tokpat"
)

// patternScan carries what runPatterns reuses from sentence to sentence.
type patternScan struct {
	applies []bool // by pattern: the rule runs on the sentence
	enabled []bool // by token rule
	toks    []tokpat.Token
}

// sentence decides which of set's pattern rules run on sentence s (whose
// text, ASCII lower-cased, is low) and runs the token rules among them in
// one pass over the sentence's tokens (text: the sentence with titles
// masked). It returns the token rules' matches by Pattern.TokRule, offsets
// in text, as findAll returns a regex rule's.
func (ps *patternScan) sentence(set *rules.Set, s Sentence, hasTitle bool, text, low string) [][][]int {
	ps.applies = ps.applies[:0]
	if set.TokProg != nil && ps.enabled == nil {
		ps.enabled = make([]bool, set.TokProg.NumRules())
	}
	anyTok := false
	for i := range set.Patterns {
		p := &set.Patterns[i]
		ok := patternApplies(p, s, hasTitle, low)
		ps.applies = append(ps.applies, ok)
		if p.Tok != nil {
			ps.enabled[p.TokRule] = ok
			anyTok = anyTok || ok
		}
	}
	if !anyTok {
		return nil
	}
	if len(text) <= tokWindow+2*tokContext {
		ps.toks = tokpat.Tokenize(ps.toks[:0], text)
		return set.TokProg.Run(text, ps.toks, ps.enabled)
	}
	return ps.windows(set, text)
}

// A sentence longer than tokWindow (plus context) is scanned in windows:
// the token machine re-runs from an earlier token when a match's
// higher-priority threads outlive it, which made one 4.6 MB line of words
// take 27 s (1.2 MB: 2.5 s). Window k owns the matches that start in
// [own, next own) and reads tokContext bytes on either side, far more
// than any pattern spans, so a sentence of real length is one window and
// a long one finds what it would find whole, in linear time.
const (
	tokWindow  = 16 << 10
	tokContext = 1 << 10
)

// windows runs the token rules over text window by window and returns
// their matches as Run does, offsets in text.
func (ps *patternScan) windows(set *rules.Set, text string) [][][]int {
	out := make([][][]int, set.TokProg.NumRules())
	for own := 0; own < len(text); {
		next := spaceAfter(text, own+tokWindow)
		lo, hi := spaceBefore(text, own-tokContext), spaceAfter(text, next+tokContext)
		sub := text[lo:hi]
		ps.toks = tokpat.Tokenize(ps.toks[:0], sub)
		for r, ms := range set.TokProg.Run(sub, ps.toks, ps.enabled) {
			for _, m := range ms {
				if start := m[0] + lo; start < own || start >= next {
					continue // another window's
				}
				if k := len(out[r]); k > 0 && m[0]+lo < out[r][k-1][1] {
					continue // overlaps the match the window before found
				}
				for i := range m {
					if m[i] >= 0 {
						m[i] += lo
					}
				}
				out[r] = append(out[r], m)
			}
		}
		own = next
	}
	return out
}

// spaceAfter is the offset of the first space or line break at or after
// i in text (len(text) if none): a window ends between tokens.
func spaceAfter(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for ; i < len(text); i++ {
		if text[i] == ' ' || text[i] == '\n' {
			return i
		}
	}
	return len(text)
}

// spaceBefore is the offset just after the last space or line break
// before i in text (0 if none).
func spaceBefore(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for ; i > 0; i-- {
		if text[i-1] == ' ' || text[i-1] == '\n' {
			return i
		}
	}
	return 0
}

// patternApplies reports whether rule p runs on sentence s at all: its
// language and kind fit the sentence, and the sentence holds the title or
// one of the keywords the rule needs.
func patternApplies(p *rules.Pattern, s Sentence, hasTitle bool, low string) bool {
	if p.Kind == rules.PatByline || p.Kind == rules.PatOutlet {
		if s.Line > 30 {
			return false
		}
	} else if p.Lang != s.Lang || s.Kind == KindByline {
		return false
	}
	if p.NeedsKw == "title" && !hasTitle {
		return false
	}
	return len(p.Keywords) == 0 || p.KeywordsImplied || rules.HasKeyword(p.Keywords, low)
}
