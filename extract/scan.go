package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/internal/ac"
	"github.com/kg-news/kg/rules"
)

// kwHit is a keyword found by the automaton with one of its meanings.
type kwHit struct {
	Span Span
	Kw   rules.Keyword
}

// scanKeywords runs the rule set's automaton over the text and keeps hits
// whose boundaries fit their script.
func scanKeywords(text string, set *rules.Set) []kwHit {
	ms := set.Matcher.FindAll(make([]ac.Match, 0, len(text)/20), text)
	var out []kwHit
	for _, m := range ms {
		got := text[m.Start:m.End]
		for _, k := range set.Keywords[m.ID] {
			switch k.Kind {
			case rules.KwEntity:
				if !caseOK(k.Word, got) || !beforeOK(text, m.Start, got) || !afterOK(text, m.End, set) {
					continue
				}
			case rules.KwTitle:
				first, _ := utf8.DecodeRuneInString(got)
				if isLatin(first) {
					// Latin titles: word boundaries, but may be glued after a name ("카카오CEO")
					if isLatin(nextRune(text, m.End)) {
						continue
					}
					pr := prevRune(text, m.Start)
					if (pr >= 'a' && pr <= 'z') || (isLatin(pr) && strings.ToUpper(got) != got) {
						continue
					}
				} else if !afterOK(text, m.End, set) {
					continue
				}
			case rules.KwTrigger:
				first, _ := utf8.DecodeRuneInString(got)
				if isLatin(first) {
					if isLatin(prevRune(text, m.Start)) || isLatin(nextRune(text, m.End)) {
						continue
					}
				}
			case rules.KwLex:
				first, _ := utf8.DecodeRuneInString(got)
				if isLatin(first) {
					if isLatin(prevRune(text, m.Start)) || isLatin(nextRune(text, m.End)) {
						continue
					}
					if k.Index == rules.LexPronounEN && got != k.Word {
						continue
					}
				} else if isHangul(prevRune(text, m.Start)) {
					continue
				} else if k.Index == rules.LexPronounKO && isHangul(nextRune(text, m.End)) {
					continue
				}
			}
			out = append(out, kwHit{Span: Span{m.Start, m.End}, Kw: k})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Span.Start != out[j].Span.Start {
			return out[i].Span.Start < out[j].Span.Start
		}
		return out[i].Span.End > out[j].Span.End
	})
	return out
}

// caseOK: an alias with capitals must start with a capital in the text, so
// "Son" does not match "son"; all-caps aliases of three or fewer letters
// must match exactly ("MS" is not "ms").
func caseOK(alias, got string) bool {
	if alias == got {
		return true
	}
	hasUpper := false
	for _, r := range alias {
		if unicode.IsUpper(r) {
			hasUpper = true
			break
		}
	}
	if !hasUpper {
		return true
	}
	if len(alias) <= 3 && strings.ToUpper(alias) == alias {
		return false
	}
	a, _ := utf8.DecodeRuneInString(alias)
	g, _ := utf8.DecodeRuneInString(got)
	if unicode.IsUpper(a) && !unicode.IsUpper(g) {
		return false
	}
	return true
}

// beforeOK checks what precedes a name starting at start.
func beforeOK(s string, start int, word string) bool {
	r := prevRune(s, start)
	if r == 0 || !isWordRune(r) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(word)
	if isHangul(first) {
		return !isHangul(r)
	}
	if isLatin(first) || unicode.IsLetter(first) {
		return !isLatin(r) && !unicode.IsLetter(r)
	}
	return true
}

// afterOK checks what follows a name ending at end: nothing word-like, a
// particle sequence, or a glued title.
func afterOK(s string, end int, set *rules.Set) bool {
	r := nextRune(s, end)
	if r == 0 || !isWordRune(r) {
		return true
	}
	if isHangul(r) {
		// a particle sequence is short: read no more of the run than
		// one (the whole run made a repeated title word quadratic)
		run := hangulRunMax(s, end, maxParticleSeqBytes+utf8.UTFMax)
		if isParticleSeq(run, set) {
			return true
		}
		// particle followed by more (들도 etc.) handled by isParticleSeq
		return titleAt(s, end, set)
	}
	return titleAt(s, end, set)
}

// titleAt reports whether a title word starts at off (used for names glued
// to titles: "카카오CEO", "SKCEO").
func titleAt(s string, off int, set *rules.Set) bool {
	rest := s[off:]
	for _, w := range set.TitleWordsKO {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	for _, w := range set.TitleWordsEN {
		if len(rest) >= len(w) && strings.EqualFold(rest[:len(w)], w) && strings.ToUpper(w) == w {
			return true
		}
	}
	return false
}

// prevRune and nextRune return the rune before off and at off (0 at edges).
func prevRune(s string, off int) rune {
	if off <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return r
}

func nextRune(s string, off int) rune {
	if off >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[off:])
	return r
}

func isWordRune(r rune) bool {
	return isLatin(r) || isHangul(r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hangulRun returns the run of Hangul syllables starting at off.
func hangulRun(s string, off int) string {
	e := off
	for e < len(s) {
		r, n := utf8.DecodeRuneInString(s[e:])
		if !isHangul(r) {
			break
		}
		e += n
	}
	return s[off:e]
}

// hangulRunMax is hangulRun cut after at least max bytes.
func hangulRunMax(s string, off, max int) string {
	e := off
	for e < len(s) && e-off < max {
		r, n := utf8.DecodeRuneInString(s[e:])
		if !isHangul(r) {
			break
		}
		e += n
	}
	return s[off:e]
}

// maxParticleSeqBytes bounds a run of particles (rules.MaxParticleSeqBytes),
// so a 100,000-syllable word costs linear time, not quadratic.
const maxParticleSeqBytes = rules.MaxParticleSeqBytes

// isParticleSeq reports whether s is one or more Korean particles.
func isParticleSeq(s string, set *rules.Set) bool { return set.ParticleSeq(s) }

// stripParticles removes the longest particle tail from a word, keeping a
// stem of at least two syllables (or one with a Latin part: "SK가").
// particleAgrees: the particle sequence ps may follow stem as Korean
// sounds allow: 이, 은, 을, 과 after a final consonant, 가, 는, 를, 와 after
// none (lexicon: particles_after_consonant_ko, particles_after_vowel_ko).
// A stem that does not end in a Hangul syllable (SK가) always agrees.
func particleAgrees(stem, ps string, set *rules.Set) bool {
	r, _ := utf8.DecodeLastRuneInString(stem)
	if r < 0xAC00 || r > 0xD7A3 {
		return true
	}
	final := (r-0xAC00)%28 != 0
	if !final && hasAnyPrefix(ps, set.Lex.AfterConsonantKO) {
		return false
	}
	return !(final && hasAnyPrefix(ps, set.Lex.AfterVowelKO))
}

func stripParticles(w string, set *rules.Set) string {
	start := max(1, len(w)-maxParticleSeqBytes)
	for i := start; i < len(w); i++ {
		if !utf8.RuneStart(w[i]) {
			continue
		}
		stem := w[:i]
		if runeLen(stem) < 2 && allHangul(stem) {
			continue
		}
		// the copula 인 ("창업자인"; lexicon: copulas_ko) is left to the
		// callers that expect it: names end in 인 too (오션스타라인)
		if isParticleSeq(w[i:], set) && !hasAnyPrefix(w[i:], set.Lex.CopulasKO) && particleAgrees(stem, w[i:], set) {
			return stem
		}
	}
	return w
}
