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
	ps.toks = tokpat.Tokenize(ps.toks[:0], text)
	return set.TokProg.Run(text, ps.toks, ps.enabled)
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
