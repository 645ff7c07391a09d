package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// suffixOrgs finds organizations by their suffix: capitalized runs ending
// in Group, Electronics, Inc. ... in English; words ending in 그룹, 전자,
// 건설 ... in Korean.
func suffixOrgs(d Document, sents []Sentence, set *rules.Set) []fact {
	var out []fact
	text := d.Text
	for si, s := range sents {
		if s.Kind == KindSkip {
			continue
		}
		ts := tokens(text, s.Span)
		for k, t := range ts {
			w := text[t.Start:t.End]
			trail := strings.TrimRight(w, ",.;:)”\"’'")
			for _, p := range set.Lex.PossessivesEN {
				if strings.HasSuffix(w, p) {
					trail = strings.TrimSuffix(w, p)
					break
				}
			}
			if dottedLegalStem(trail, set) && strings.HasPrefix(w[len(trail):], ".") {
				trail += "."
			}
			first, _ := utf8.DecodeRuneInString(w)
			if isHangul(first) || (isLatin(first) && strings.ContainsFunc(w, isHangul)) {
				word := strings.TrimRight(w, ",.;:)”\"’'")
				st := stripParticles(word, set)
				// "오션스타라인의": the longest stem that ends in a suffix, so
				// a name ending like a particle (라인, 인) keeps it
				for _, cand := range particleStems(word, set) {
					if hasKOSuffix(cand, set) || isBareSuffixKO(cand, set) {
						st = cand
						break
					}
				}
				if k > 0 && isBareSuffixKO(st, set) {
					pw := text[ts[k-1].Start:ts[k-1].End]
					if prevNameWordKO(pw, set) {
						sp := Span{ts[k-1].Start, t.Start + len(st)}
						out = append(out, fact{kind: rules.PatOrg, rule: "org.ko.suffix", lang: "ko", sent: si,
							org: sp, whole: sp, person: noSpan, title: noSpan, alias: noSpan})
						continue
					}
				}
				if strings.ContainsAny(st, "'\"‘’“”…·") {
					continue
				}
				if suf, ok := set.KOSuffix(st); ok && !set.NotOrgsKO[st] {
					stem := st[:len(st)-len(suf)]
					short := strings.ContainsFunc(stem, isHangul) && runeLen(stem) < 2 && !strings.ContainsFunc(stem, isLatin)
					if !short && !set.NotNamesKO[stem] && !set.NotOrgsKO[stem] {
						sp := Span{t.Start, t.Start + len(st)}
						out = append(out, fact{kind: rules.PatOrg, rule: "org.ko.suffix", lang: "ko", sent: si,
							org: sp, whole: sp, person: noSpan, title: noSpan, alias: noSpan})
					}
				}
				continue
			}
			if !isSuffixEnd(ts, k, text, trail, set) {
				continue
			}
			// "Ministry of Finance", "State Bank of Vietnam": a head word
			// followed by "of" and capitalized words
			endTok := k
			if set.Lex.OfHeadsEN[trail] && trail == w && k+2 < len(ts) && set.Lex.OrgLinksEN[text[ts[k+1].Start:ts[k+1].End]] {
				for j := k + 2; j < len(ts) && j <= k+4; j++ {
					nw := strings.TrimRight(text[ts[j].Start:ts[j].End], ",.;:)”\"’'")
					if r, _ := utf8.DecodeRuneInString(nw); !unicode.IsUpper(r) {
						break
					}
					endTok = j
					if nw != text[ts[j].Start:ts[j].End] {
						break // the name ends at punctuation
					}
				}
			}
			// extend left over capitalized words
			startK := k
			for j := k - 1; j >= 0 && k-j <= 4; j-- {
				pw := text[ts[j].Start:ts[j].End]
				if strings.ContainsAny(pw, ",;:()“”\"") {
					break
				}
				pr, _ := utf8.DecodeRuneInString(pw)
				if unicode.IsUpper(pr) || unicode.IsDigit(pr) || pw == "&" || (set.Lex.OrgLinksEN[pw] && j > 0 && isOrgSuffixEN(text[ts[j-1].Start:ts[j-1].End], set)) || andInInstitution(text, ts, j, trail, set) {
					if isTitleWord(pw, set) {
						break
					}
					startK = j
					continue
				}
				break
			}
			for startK < k {
				pw := text[ts[startK].Start:ts[startK].End]
				if set.Lex.OrgEdgeWordsEN[pw] || set.Determiners[strings.ToLower(pw)] || weekday(strings.ToLower(pw), set) || isTitleWord(pw, set) {
					startK++
					continue
				}
				break
			}
			if startK == k && endTok == k && !strings.Contains(trail, " ") {
				continue // a suffix word alone is no name
			}
			sp := Span{ts[startK].Start, t.Start + len(trail)}
			if endTok > k {
				last := text[ts[endTok].Start:ts[endTok].End]
				sp.End = ts[endTok].Start + len(strings.TrimRight(last, ",.;:)”\"’'"))
			}
			out = append(out, fact{kind: rules.PatOrg, rule: "org.en.suffix", lang: "en", sent: si,
				org: sp, whole: sp, person: noSpan, title: noSpan, alias: noSpan})
		}
	}
	return out
}

// andInInstitution reports whether token j, "and", joins two capitalized
// words inside the name of an institution ("Korean Culture and Information
// Service", "Food and Drug Administration"): the head word is an
// institution's (lexicon: and_heads_en), which company names do not end
// in; the word before "and" is capitalized and no suffix itself, so that a
// list of companies ("Naver and Kakao Entertainment") stays two; and
// neither it nor the word before it is part of a person's name (a given
// name, a hyphenated Korean given name, a title before it): "Chairman Oh
// Jung-hee and Saebit Bank" is a list.
func andInInstitution(text string, ts []Span, j int, trail string, set *rules.Set) bool {
	if j == 0 || j+1 >= len(ts) || text[ts[j].Start:ts[j].End] != "and" || !set.Lex.AndHeadsEN[trail] {
		return false
	}
	prev, next := text[ts[j-1].Start:ts[j-1].End], text[ts[j+1].Start:ts[j+1].End]
	pr, _ := utf8.DecodeRuneInString(prev)
	nr, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(pr) || !unicode.IsUpper(nr) || isOrgSuffixEN(prev, set) || strings.ContainsAny(prev, ",;:()“”\"") ||
		looksKoreanGiven(prev) || set.GivenNamesEN[strings.ToLower(prev)] {
		return false
	}
	if j >= 2 {
		pp := text[ts[j-2].Start:ts[j-2].End]
		if isTitleWord(pp, set) || set.GivenNamesEN[strings.ToLower(pp)] {
			return false
		}
	}
	return true
}

// isSuffixEnd reports whether token k ends an English organization suffix
// ("Heavy Industries" ends at "Industries").
func isSuffixEnd(ts []Span, k int, text, trail string, set *rules.Set) bool {
	for _, parts := range set.OrgSuffixLastEN[trail] {
		if len(parts) == 1 {
			return true
		}
		if k < len(parts)-1 {
			continue
		}
		ok := true
		for p := 0; p < len(parts)-1; p++ {
			t := ts[k-len(parts)+1+p]
			if text[t.Start:t.End] != parts[p] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// particleStems lists the ways to read w as a stem and a tail of
// particles, the longest stem (w itself) first.
func particleStems(w string, set *rules.Set) []string {
	out := []string{w}
	for i := len(w) - 1; i > 0; i-- {
		if utf8.RuneStart(w[i]) && isParticleSeq(w[i:], set) {
			out = append(out, w[:i])
		}
	}
	return out
}

func hasKOSuffix(w string, set *rules.Set) bool {
	_, ok := set.KOSuffix(w)
	return ok
}

// isBareSuffixKO: the word is an organization suffix alone ("그룹",
// "오토모티브"), as in names written with a space.
func isBareSuffixKO(w string, set *rules.Set) bool { return set.OrgBareKO[w] }

// prevNameWordKO: the word before a bare suffix can be a company's name:
// Hangul or Latin, no particle, not a common word or a descriptor
// (lexicon: bare_stem_particles_ko, bare_stem_not_endings_ko).
func prevNameWordKO(w string, set *rules.Set) bool {
	if w == "" || strings.ContainsAny(w, ",.;:()[]“”\"'·0123456789") {
		return false
	}
	if set.NotOrgsKO[w] || set.NotNamesKO[w] || isTitleWord(w, set) {
		return false
	}
	if isHangul(lastRune(w)) {
		// case particles only: a name may end in 만 or 도 (베르크만)
		if runeLen(w) > 2 && hasAnySuffix(w, set.Lex.BareStemParticlesKO) {
			return false
		}
		if runeLen(w) < 2 {
			return false
		}
		if hasAnySuffix(w, set.Lex.BareStemNotEndingsKO) {
			return false
		}
	}
	return true
}

// dottedLegalStem: w ends in a legal form written with a final period,
// without the period (Inc, Corp; lexicon: dotted_legal_forms_en).
func dottedLegalStem(w string, set *rules.Set) bool {
	for _, d := range set.Lex.DottedLegalFormsEN {
		if strings.HasSuffix(w, strings.TrimSuffix(d, ".")) {
			return true
		}
	}
	return false
}
