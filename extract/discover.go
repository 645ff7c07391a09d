package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

var noSpan = Span{-1, -1}

func (s Span) ok() bool { return s.Start >= 0 && s.End > s.Start }

// fact is what one pattern match says.
type fact struct {
	kind         rules.PatternKind
	rule, lang   string
	sent         int
	person, org  Span
	title, alias Span
	whole        Span
}

// runPatterns applies the rule set's pattern rules to each sentence.
func runPatterns(d Document, sents []Sentence, hasTitle []bool, set *rules.Set) []fact {
	var out []fact
	lower := asciiLower(d.Text)
	masked := set.MaskTitles(d.Text)
	var ps patternScan
	for si, s := range sents {
		if s.Kind == KindSkip {
			continue
		}
		text := masked[s.Span.Start:s.Span.End]
		low := lower[s.Span.Start:s.Span.End]
		tokMatches := ps.sentence(set, s, hasTitle[si], text, low)
		for pi, p := range set.Patterns {
			if !ps.applies[pi] {
				continue
			}
			var ms [][]int
			if p.Tok != nil {
				ms = tokMatches[p.TokRule]
			} else {
				ms = findAll(p, text)
			}
			for _, m := range ms {
				f := fact{kind: p.Kind, rule: p.ID, lang: p.Lang, sent: si,
					person: noSpan, org: noSpan, title: noSpan, alias: noSpan,
					whole: Span{s.Span.Start + m[0], s.Span.Start + m[1]}}
				grp := func(name string) Span {
					k := p.SubexpIndex(name)
					if k < 0 || m[2*k] < 0 || m[2*k+1] <= m[2*k] {
						return noSpan
					}
					return Span{s.Span.Start + m[2*k], s.Span.Start + m[2*k+1]}
				}
				f.person, f.org, f.title = grp("person"), grp("org"), grp("title")
				if p.Kind == rules.PatAlias {
					f.org, f.alias = grp("name"), grp("alias")
				}
				out = append(out, f)
			}
		}
	}
	return out
}

// tokens splits a span of text into space-separated word spans.
func tokens(text string, sp Span) []Span {
	var out []Span
	i := sp.Start
	for i < sp.End {
		for i < sp.End && text[i] == ' ' {
			i++
		}
		j := i
		for j < sp.End && text[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, Span{i, j})
		}
		i = j
	}
	return out
}

func isTitleWord(w string, set *rules.Set) bool {
	_, ok := set.TitleOf[strings.ToLower(w)]
	return ok
}

// cleanPersonEN trims a romanized name: trailing words that are no name
// (weekdays, titles), a possessive, and checks what is left.
func cleanPersonEN(text string, sp Span, set *rules.Set) (Span, bool) {
	ts := tokens(text, sp)
	for len(ts) > 0 {
		w := trimPossessive(text[ts[len(ts)-1].Start:ts[len(ts)-1].End], set.Lex.PossessivesEN)
		if set.NotNamesEN[strings.ToLower(w)] || isTitleWord(w, set) || set.NotOrgsEN[strings.ToLower(w)] && len(ts) > 2 {
			ts = ts[:len(ts)-1]
			continue
		}
		break
	}
	for len(ts) > 0 {
		w := text[ts[0].Start:ts[0].End]
		if set.NotNamesEN[strings.ToLower(w)] || isTitleWord(w, set) {
			ts = ts[1:]
			continue
		}
		break
	}
	if len(ts) < 2 {
		return noSpan, false
	}
	out := Span{ts[0].Start, ts[len(ts)-1].End}
	for _, p := range set.Lex.PossessivesEN {
		if strings.HasSuffix(text[out.Start:out.End], p) {
			out.End -= len(p)
			break
		}
	}
	for _, t := range ts {
		w := text[t.Start:t.End]
		if isOrgSuffixEN(w, set) && !looksKoreanGiven(w) {
			return noSpan, false
		}
	}
	return out, true
}

func looksKoreanGiven(w string) bool { return strings.Contains(w, "-") }

func isOrgSuffixEN(w string, set *rules.Set) bool {
	for _, parts := range set.OrgSuffixLastEN[w] {
		if len(parts) == 1 {
			return true
		}
	}
	return false
}

// cleanPersonKO strips particles and checks a Korean name's shape.
// Pattern rules end a name at a space or a title, so no particle is
// stripped ("이지은" keeps its 은). A foreign name has two words
// ("클라우스 베버"), each of two to five syllables and no common word.
func cleanPersonKO(text string, sp Span, set *rules.Set) (Span, bool) {
	w := text[sp.Start:sp.End]
	parts := strings.Fields(w)
	if len(parts) == 2 {
		for _, p := range parts {
			n := runeLen(p)
			if n < 1 || n > 5 || !allHangul(p) || set.NotNamesKO[p] || set.NotOrgsKO[p] || isParticleSeq(p, set) {
				return noSpan, false
			}
			if _, ok := set.TitleOf[p]; ok {
				return noSpan, false
			}
		}
		if runeLen(parts[0])+runeLen(parts[1]) < 3 {
			return noSpan, false
		}
		return sp, true
	}
	n := runeLen(w)
	if len(parts) != 1 || n < 2 || n > 6 || !allHangul(w) || set.NotNamesKO[w] {
		return noSpan, false
	}
	if hasAnySuffix(w, set.Lex.PersonNotFinalKO) {
		return noSpan, false
	}
	return sp, true
}

// cleanOrg trims an organization name: leading determiners and descriptor
// words, a possessive, particles, trailing title words. Lexicon:
// possessives_en, origin_suffixes_en, org_drop_leading_en, weekdays_en,
// descriptor_endings_ko, copulas_ko, case_particles_ko, org_edge_words_en,
// dotted_legal_forms_en, place_particles_ko, plural_suffixes_ko, units_ko.
func cleanOrg(text string, sp Span, set *rules.Set) (Span, bool) {
	lex := &set.Lex
	ts := tokens(text, sp)
	// "Japan's Sumida Trading", "South Korea's X", "Ohio-based X": drop the
	// words up to the last possessive or "-based" word
	for k := len(ts) - 2; k >= 0; k-- {
		w := text[ts[k].Start:ts[k].End]
		if hasAnySuffix(w, lex.PossessivesEN) || hasAnySuffix(w, lex.OriginSuffixesEN) {
			ts = ts[k+1:]
			break
		}
	}
	for len(ts) > 0 {
		w := text[ts[0].Start:ts[0].End]
		lw := strings.ToLower(w)
		if set.Determiners[lw] || (len(ts) > 1 && (lex.OrgDropLeadingEN[lw] || weekday(lw, set))) {
			ts = ts[1:]
			continue
		}
		break
	}
	for k, t := range ts {
		if k > 0 && isTitleWord(trimPossessive(text[t.Start:t.End], lex.PossessivesEN), set) {
			ts = ts[:k]
			break
		}
	}
	// Korean: drop descriptor words in front ("전문기업 X"); no case
	// particle inside a name of several words ("소프트뱅크의 X")
	for len(ts) > 1 && (koDescriptor(text[ts[0].Start:ts[0].End], set) || hasAnySuffix(text[ts[0].Start:ts[0].End], lex.CopulasKO)) {
		ts = ts[1:]
	}
	for k := 0; k+1 < len(ts); k++ {
		if endsWithCaseParticle(text[ts[k].Start:ts[k].End], set) {
			return noSpan, false
		}
	}
	for len(ts) > 0 {
		last := ts[len(ts)-1]
		w := text[last.Start:last.End]
		if isTitleWord(trimPossessive(w, lex.PossessivesEN), set) || lex.OrgEdgeWordsEN[w] {
			ts = ts[:len(ts)-1]
			continue
		}
		break
	}
	if len(ts) == 0 {
		return noSpan, false
	}
	out := Span{ts[0].Start, ts[len(ts)-1].End}
	s := text[out.Start:out.End]
	// a possessive, then a comma, then a period, unless it ends a legal
	// form (Acme Inc.)
	for i := range len(lex.PossessivesEN) + 2 {
		suf := ","
		switch {
		case i < len(lex.PossessivesEN):
			suf = lex.PossessivesEN[i]
		case i == len(lex.PossessivesEN)+1:
			suf = "."
		}
		if strings.HasSuffix(s, suf) && !hasAnySuffix(s, lex.DottedLegalFormsEN) {
			out.End -= len(suf)
			s = text[out.Start:out.End]
		}
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if isHangul(last) {
		// a place phrase ("본사에서", "서울에") never names an organization
		if hasAnySuffix(s, lex.PlaceParticlesKO) {
			return noSpan, false
		}
		st := stripParticles(s, set)
		// a plural ("총수들과") is a common noun, never a company's name
		if hasAnyPrefix(s[len(st):], lex.PluralSuffixesKO) {
			return noSpan, false
		}
		out.End = out.Start + len(st)
		s = st
		if set.NotOrgsKO[s] {
			return noSpan, false
		}
	}
	if s == "" || hasAnySuffix(s, lex.OriginSuffixesEN) || lex.Quantity != nil && lex.Quantity.MatchString(s) || set.NotOrgsEN[strings.ToLower(s)] || set.NotNamesKO[s] || isTitleWord(s, set) || strings.ContainsRune(s, '·') {
		return noSpan, false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsUpper(first) || unicode.IsDigit(first) || isHangul(first)) {
		return noSpan, false
	}
	return out, true
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// weekday: w (lower case, a possessive aside) is a weekday (lexicon:
// weekdays_en).
func weekday(w string, set *rules.Set) bool {
	_, ok := set.Lex.WeekdayOfEN[trimPossessive(w, set.Lex.PossessivesEN)]
	return ok
}

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
				if unicode.IsUpper(pr) || unicode.IsDigit(pr) || pw == "&" || (set.Lex.OrgLinksEN[pw] && j > 0 && isOrgSuffixEN(text[ts[j-1].Start:ts[j-1].End], set)) {
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

// titleCase turns "KIM SO-YEON" into "Kim So-yeon".
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == ' '
	}
	return b.String()
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

// koDescriptor: a Korean word that describes a company rather than names
// it (전문기업, 제약사, 부품업체; lexicon: descriptor_endings_ko).
func koDescriptor(w string, set *rules.Set) bool {
	return hasAnySuffix(w, set.Lex.DescriptorEndingsKO)
}

// endsWithCaseParticle: the word ends in a case particle that cannot end a
// name (은 는 을 를 의 와 과 에서; lexicon: case_particles_ko).
func endsWithCaseParticle(w string, set *rules.Set) bool {
	if runeLen(w) < 2 || !isHangul(lastRune(w)) {
		return false
	}
	return hasAnySuffix(w, set.Lex.CaseParticlesKO)
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

// asciiLower folds ASCII letters only, so offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// findAll returns a pattern's matches in a sentence. Korean role rules
// try every word start, overlapping matches included: "오후 야마구치 겐지
// 미쓰바마트 사장" first reads 오후 야마구치 as a name, and only the match at
// the next word is right; validation later keeps the right one.
func findAll(p rules.Pattern, text string) [][]int {
	if p.Lang != "ko" || p.Anchored == nil || (p.Kind != rules.PatRole && p.Kind != rules.PatRoleForeign && p.Kind != rules.PatPersonTitle) {
		if p.MaxSpaces >= 0 && (p.NeedsTitle || len(p.Anchors) > 0) {
			return findInRegions(p, text)
		}
		return p.Re.FindAllStringSubmatchIndex(text, -1)
	}
	if p.MaxSpaces < 0 {
		return findAtWordStarts(p, text)
	}
	// A match from i holds at most MaxSpaces spaces, so it lies before the
	// next MaxSpaces+1st space: the anchored rule runs on that window only
	// (the space itself stays in, so that $ and \b see what they saw in the
	// whole sentence), and not at all when the window holds no title a
	// match needs.
	var out [][]int
	spaces := spacesIn(text)
	next := 0 // first space at or after i
	mark := nextTitleMark(text, 0)
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' {
			continue
		}
		for next < len(spaces) && spaces[next] < i {
			next++
		}
		end := len(text)
		if k := next + p.MaxSpaces; k < len(spaces) {
			end = spaces[k] + 1
		}
		if p.NeedsTitle {
			if mark < i {
				mark = nextTitleMark(text, i)
			}
			if mark < 0 {
				break
			}
			if mark >= end {
				continue
			}
		}
		if m := matchAt(p, text[:end], i); m != nil {
			out = append(out, m)
		}
	}
	// The whole-sentence run also decided whether to look at all (see
	// findAtWordStarts): a rule that asserts the start of the text matches
	// it at every word start when anchored there, but not in the sentence.
	if len(out) > 0 && p.BeginAssert && !p.Re.MatchString(text) {
		return nil
	}
	return out
}

// findInRegions is p.Re.FindAllStringSubmatchIndex(text, -1) for a rule
// whose matches hold at most MaxSpaces spaces and one of its anchors (a
// title, or one of the strings rules.Pattern.Anchors lists): every match
// lies within MaxSpaces spaces of an anchor, so the rule runs only on the
// regions around them. A region starts just after a space, or on that
// space when it has one before it: a match cannot start there (it would
// hold one space too many), and what follows sees the context it sees in
// the whole sentence, so ^ and \b decide as they do there. It ends after
// the MaxSpaces+1st space past its last anchor, which no match reaches.
// Matches do not cross regions, so running the rule region by region finds
// the same leftmost, non-overlapping matches in the same order.
func findInRegions(p rules.Pattern, text string) [][]int {
	anchors := anchorsIn(p, text)
	if len(anchors) == 0 {
		return nil
	}
	spaces := spacesIn(text)
	var out [][]int
	n := p.MaxSpaces + 1
	regStart, regEnd := -1, -1
	flush := func() {
		if regStart < 0 {
			return
		}
		from := max(regStart-1, 0) // on the space before, if any
		for _, m := range p.Re.FindAllStringSubmatchIndex(text[from:regEnd], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += from
				}
			}
			out = append(out, m)
		}
	}
	si := 0 // spaces[:si] are before the current anchor
	for _, t := range anchors {
		for si < len(spaces) && spaces[si] < t {
			si++
		}
		a := 0
		if si-n >= 0 {
			a = spaces[si-n] + 1
		}
		b := len(text)
		if si+n-1 < len(spaces) {
			b = spaces[si+n-1] + 1
		}
		if regStart >= 0 && a <= regEnd {
			regEnd = max(regEnd, b)
			continue
		}
		flush()
		regStart, regEnd = a, b
	}
	flush()
	return out
}

// spacesIn returns the offsets of the spaces (U+0020) in text, in order.
func spacesIn(text string) []int {
	var out []int
	for k := 0; k < len(text); k++ {
		if text[k] == ' ' {
			out = append(out, k)
		}
	}
	return out
}

// anchorsIn returns, in order, where p's anchors start in text: its
// titles, or every occurrence of one of its Anchors strings.
func anchorsIn(p rules.Pattern, text string) []int {
	var out []int
	if p.NeedsTitle {
		for t := nextTitleMark(text, 0); t >= 0; t = nextTitleMark(text, t+1) {
			out = append(out, t)
		}
		return out
	}
	for _, lit := range p.Anchors {
		for i := 0; ; {
			k := strings.Index(text[i:], lit)
			if k < 0 {
				break
			}
			out = append(out, i+k)
			i += k + 1
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nextTitleMark returns the byte offset of the first title mark (see
// rules.Set.MaskTitles) at or after i, or -1.
func nextTitleMark(text string, i int) int {
	for ; i < len(text); i++ {
		if c := text[i]; c == 0xEE && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x80 || c == 0xDF && i+1 < len(text) && text[i+1] == 0xBF {
			return i
		}
	}
	return -1
}

// findAtWordStarts runs the anchored rule at every word start.
func findAtWordStarts(p rules.Pattern, text string) [][]int {
	first := p.Re.FindAllStringSubmatchIndex(text, -1)
	if len(first) == 0 {
		return first // no match at all: no word start can match either
	}
	var out [][]int
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' {
			continue
		}
		if m := matchAt(p, text, i); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// matchAt runs p's anchored rule on text[i:], offsets in text.
func matchAt(p rules.Pattern, text string, i int) []int {
	m := p.Anchored.FindStringSubmatchIndex(text[i:])
	for k := range m {
		if m[k] >= 0 {
			m[k] += i
		}
	}
	return m
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
