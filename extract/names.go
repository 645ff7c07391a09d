package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// person returns the entity for a discovered person span, or -1.
func (st *state) person(sp Span, lang, rule string, strict bool) (int, Span) {
	set := st.set
	if !sp.ok() {
		return -1, sp
	}
	first, _ := utf8.DecodeRuneInString(st.text(sp))
	var ok bool
	if isHangul(first) {
		sp, ok = cleanPersonKO(st.d.Text, sp, set)
	} else {
		sp, ok = cleanPersonEN(st.d.Text, sp, set)
	}
	if !ok {
		return -1, sp
	}
	name := st.text(sp)
	if strict && !isHangul(first) && !personShapeEN(name, set) {
		return -1, sp
	}
	if i := st.reg.lookup(rules.TypePerson, name); i >= 0 {
		return i, sp
	}
	if i := st.foreignPart(name); i >= 0 {
		return i, sp
	}
	if st.orgPart(name) {
		return -1, sp
	}
	if st.reg.lookupAny(name) >= 0 || st.reg.gazTypeOf(name) != "" && st.reg.gazTypeOf(name) != rules.TypePerson {
		return -1, sp
	}
	i := st.reg.ensure(rules.TypePerson, titleCase(name), rule)
	if i >= 0 {
		st.reg.addAlias(i, name)
	}
	return i, sp
}

// personValid checks a person span the way person does, creating nothing.
func (st *state) personValid(sp Span) bool {
	if isHangul(firstRune(st.text(sp))) {
		_, ok := cleanPersonKO(st.d.Text, sp, st.set)
		return ok
	}
	_, ok := cleanPersonEN(st.d.Text, sp, st.set)
	return ok
}

// personShapeEN: a first name from the lexicon, or a Korean surname
// followed by a hyphenated given name ("Kim Min-su").
func personShapeEN(name string, set *rules.Set) bool {
	ts := strings.Fields(name)
	if len(ts) < 2 {
		return false
	}
	if set.GivenNamesEN[strings.ToLower(ts[0])] {
		return true
	}
	if _, ok := set.SurnameOfEN[strings.ToLower(ts[0])]; ok && strings.Contains(ts[1], "-") {
		return true
	}
	return false
}

// longerKnownOrg reads on past the end of an English organization's span
// through a list connector (lexicon: list_connectors_en) and up to six
// capitalized words, and returns the longest span that names an
// organization already known: a pattern stops an organization at "and",
// where a list may go on, so "director of the Korean Culture and
// Information Service" gave "Korean Culture" when the story had named
// the service in full before.
func (st *state) longerKnownOrg(sp Span) (Span, bool) {
	text := st.d.Text
	if sp.End >= len(text) || text[sp.End] != ' ' && text[sp.End] != ',' {
		return sp, false
	}
	best := -1
	for c := range st.set.Lex.ListConnectorsEN {
		gap := " " + c + " "
		if c == ", and" {
			gap = c + " "
		}
		if !strings.HasPrefix(text[sp.End:], gap) {
			continue
		}
		j := sp.End + len(gap)
		for w := 0; w < 6 && j < len(text); w++ {
			if c := text[j]; c < 'A' || c > 'Z' {
				break
			}
			k := j
			for k < len(text) && text[k] != ' ' && text[k] != ',' && text[k] != ';' && text[k] != ')' && text[k] != '(' {
				k++
			}
			for k > j && (text[k-1] == '.' || text[k-1] == ':') {
				k-- // a sentence's period or a colon: "Information Service."
			}
			if k > best && st.reg.lookup(rules.TypeOrg, text[sp.Start:k]) >= 0 {
				best = k
			}
			if k >= len(text) || text[k] != ' ' {
				break
			}
			j = k + 1
		}
	}
	if best < 0 {
		return sp, false
	}
	return Span{sp.Start, best}, true
}

func (st *state) org(sp Span, rule string) (int, Span) {
	if !sp.ok() {
		return -1, sp
	}
	sp, ok := cleanOrg(st.d.Text, sp, st.set)
	if !ok {
		return -1, sp
	}
	// "일본 아사히신문": the country before a Korean company's name is no
	// part of it; a ministry's country is (인도네시아 투자부, lexicon:
	// gov_suffixes_ko): without it every country's 투자부 would be one
	if w, rest, found := strings.Cut(st.text(sp), " "); found && isHangul(firstRune(rest)) && st.reg.gazTypeOf(w) == rules.TypePlace &&
		!(strings.Count(rest, " ") == 0 && runeLen(rest) >= 2 && hasAnySuffix(rest, st.set.Lex.GovSuffixesKO)) {
		sp.Start += len(w) + 1
	}
	if long, ok := st.longerKnownOrg(sp); ok {
		sp = long
	}
	name := st.text(sp)
	if i := st.reg.lookup(rules.TypeOrg, name); i >= 0 {
		return i, sp
	}
	if j := st.reg.lookupAny(name); j >= 0 {
		return -1, sp
	}
	// "라비뉴" for "메종 라비뉴": a word of exactly one known organization
	if !strings.Contains(name, " ") {
		if i := st.orgOfWord(name); i >= 0 {
			st.reg.addAlias(i, name)
			return i, sp
		}
	}
	// "Mirae Robotics Inc." and "Mirae Robotics" are one company
	if stem := legalStem(name, st.set); stem != name {
		if i := st.reg.lookup(rules.TypeOrg, stem); i >= 0 {
			st.reg.addAlias(i, name)
			return i, sp
		}
		i := st.reg.ensure(rules.TypeOrg, stem, rule)
		if i >= 0 {
			st.reg.addAlias(i, name)
		}
		return i, sp
	}
	if st.set.Outlets[strings.ToLower(name)] {
		return st.reg.ensure(rules.TypeOrg, name, rule), sp
	}
	// "이끈 나델라 CEO", "방문한 슈미트": a verb's form before a name is no
	// organization (lexicon: adnominal_endings_ko)
	if !strings.Contains(name, " ") && allHangul(name) && adnominal(name, st.set) {
		return -1, sp
	}
	return st.reg.ensure(rules.TypeOrg, name, rule), sp
}

// legalStem drops a legal-form suffix: Inc., Corp., Co., Ltd. (lexicon:
// legal_endings_en, the first that fits).
func legalStem(name string, set *rules.Set) string {
	for _, w := range set.Lex.LegalEndingsEN {
		if len(name) > len(w)+2 && strings.HasSuffix(name, w) && name[len(name)-len(w)-1] == ' ' {
			return name[:len(name)-len(w)-1]
		}
	}
	return name
}

func (st *state) titleIdx(sp Span) int {
	if !sp.ok() {
		return -1
	}
	t, ok := st.set.TitleOf[strings.ToLower(st.text(sp))]
	if !ok {
		return -1
	}
	return t
}

// titlePrefix keeps a qualifier that changes the office: a deputy CIO is
// not the CIO (lexicon: title_qualifiers_en).
func (st *state) titlePrefix(title Span) string {
	qs := st.set.Lex.TitleQualifiersEN
	n := 0
	for _, q := range qs {
		n = max(n, len(q)+1)
	}
	before := strings.ToLower(st.d.Text[max(0, title.Start-n):title.Start])
	for _, q := range qs {
		if p := q + " "; strings.HasSuffix(before, p) {
			return strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return ""
}

// formerRole reports whether a former marker (lexicon: former_markers)
// stands right before the title, or before the organization when that
// precedes the title ("former Samsung CEO", "전 삼성전자 회장").
func (st *state) formerRole(title, org Span) bool {
	start := title.Start
	if org.ok() && org.End <= title.Start && title.Start-org.End <= 3 {
		start = org.Start
		// a pattern may take the marker into the organization's words
		// ("Former Hanul Energy CEO"); cleanOrg drops it from the name
		head := strings.ToLower(st.d.Text[org.Start:org.End])
		for _, m := range st.set.Lex.FormerMarkers {
			if strings.HasPrefix(head, m+" ") {
				return true
			}
		}
	}
	before := strings.ToLower(st.d.Text[max(0, start-24):start])
	for _, m := range st.set.Lex.FormerMarkers {
		b := before
		if !strings.HasSuffix(m, "-") {
			b = strings.TrimRight(b, " ")
			if len(b) == len(before) {
				continue // a word marker needs a space after it
			}
		}
		if !strings.HasSuffix(b, m) {
			continue
		}
		rest := b[:len(b)-len(m)]
		if r, _ := utf8.DecodeLastRuneInString(rest); rest == "" || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// placeName: the span names a listed place ("U.S. President ...").
func (st *state) placeName(sp Span) bool {
	return st.reg.gazTypeOf(strings.TrimSpace(st.text(sp))) == rules.TypePlace
}

// foreignPart returns the person whose two-word Hangul name has w as a
// word ("오코너" of "제임스 오코너"), or -1.
func (st *state) foreignPart(w string) int {
	if !allHangul(w) {
		return -1
	}
	found := -1
	for i, e := range st.reg.ents {
		if st.reg.find(i) != i || e.Type != rules.TypePerson {
			continue
		}
		for _, a := range e.Aliases {
			ws := strings.Fields(a)
			if len(ws) == 2 && (ws[0] == w || ws[1] == w) {
				if found >= 0 && found != i {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

// orgOfWord returns the one known organization of several words that has
// w as its last word, or whose Korean name ends in w, or -1.
func (st *state) orgOfWord(w string) int {
	found := -1
	for _, i := range st.reg.orgLastKO[w] {
		if st.reg.find(i) != i || st.reg.ents[i].Type != rules.TypeOrg {
			continue
		}
		if found >= 0 && found != i {
			return -1
		}
		found = i
	}
	return found
}

// orgPart: w is a word of a known organization of several words
// ("라비뉴" of "메종 라비뉴").
func (st *state) orgPart(w string) bool {
	for _, i := range st.reg.orgWord[w] {
		if st.reg.find(i) == i && st.reg.ents[i].Type == rules.TypeOrg {
			return true
		}
	}
	return false
}

// cleanPersonEN trims a romanized name: trailing words that are no name
// (weekdays, titles), a possessive, and checks what is left.
// capWordAfter is the capitalized word right after offset at (one space
// between), without a trailing comma or period.
func capWordAfter(text string, at int) (Span, bool) {
	if at+1 >= len(text) || text[at] != ' ' {
		return Span{}, false
	}
	r, _ := utf8.DecodeRuneInString(text[at+1:])
	if !unicode.IsUpper(r) {
		return Span{}, false
	}
	end := at + 1
	for end < len(text) && text[end] != ' ' && text[end] != ',' && text[end] != ';' && text[end] != '\n' && !(text[end] == '.' && (end+1 == len(text) || text[end+1] == ' ' || text[end+1] == '\n')) {
		end++
	}
	return Span{at + 1, end}, end > at+1
}

// honorificWords is the number of words of the honorific s begins with
// (lexicon: honorifics_en, the longest that fits), or 0.
func honorificWords(s string, set *rules.Set) int {
	best := 0
	for _, h := range set.Lex.HonorificsEN {
		if strings.HasPrefix(s, h+" ") {
			best = max(best, strings.Count(h, " ")+1)
		}
	}
	return best
}

func cleanPersonEN(text string, sp Span, set *rules.Set) (Span, bool) {
	ts := tokens(text, sp)
	honored, honorEnd := false, 0
	for len(ts) > 0 {
		w := trimPossessive(text[ts[len(ts)-1].Start:ts[len(ts)-1].End], set.Lex.PossessivesEN)
		if monthNamePart(text, ts, w, set) {
			break
		}
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
		// "Datuk Seri Anwar Ibrahim", "Tan Sri …": an honorific of one
		// or more words (lexicon: honorifics_en); the name after it may
		// run past the span, which a pattern's name cut at three words
		if n := honorificWords(text[ts[0].Start:min(len(text), ts[0].Start+64)]+" ", set); n > 0 {
			// the honorific's n words may run past the span ("Datuk
			// Patinggi Tan Sri Abang Johari": a span cut at "Tan")
			end := ts[0].Start
			for k := 0; k < n; k++ {
				if k > 0 {
					end++ // the space
				}
				for end < len(text) && text[end] != ' ' {
					end++
				}
			}
			for len(ts) > 0 && ts[0].Start < end {
				ts = ts[1:]
			}
			honorEnd, honored = end, true
			continue
		}
		break
	}
	for at, skips := max(sp.End, honorEnd), 0; honored && len(ts) < 3; {
		if len(ts) > 0 {
			at = ts[len(ts)-1].End
		}
		next, ok := capWordAfter(text, at)
		if !ok {
			break
		}
		if w := text[next.Start:next.End]; len(ts) == 0 && (set.NotNamesEN[strings.ToLower(w)] || isTitleWord(w, set)) {
			if skips++; skips > 3 {
				break // a run of such words is no name
			}
			at = next.End // "Datuk Seri Dr Zambry": Dr too
			continue
		}
		ts = append(ts, next)
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

// monthNamePart reports whether w, the last word of a name, is a month
// word that belongs to the name ("Theresa May hosts"): two words or
// more before it, and no day number after it ("Kim Su-jin May 5").
func monthNamePart(text string, ts []Span, w string, set *rules.Set) bool {
	if len(ts) < 2 || w != text[ts[len(ts)-1].Start:ts[len(ts)-1].End] {
		return false
	}
	if _, ok := set.Lex.MonthOf[strings.ToLower(w)]; !ok || len(w) < 3 || w[len(w)-1] == '.' {
		return false
	}
	rest := strings.TrimLeft(text[ts[len(ts)-1].End:], " ")
	return rest == "" || rest[0] < '0' || rest[0] > '9'
}

// cleanPersonKO strips particles and checks a Korean name's shape.
// Pattern rules end a name at a space or a title, so no particle is
// stripped ("이지은" keeps its 은). A foreign name has two words
// ("클라우스 베버"), each of two to five syllables and no common word.
func cleanPersonKO(text string, sp Span, set *rules.Set) (Span, bool) {
	w := text[sp.Start:sp.End]
	parts := strings.Fields(w)
	// two words: a foreign name ("젠슨 황"); more only where a Latin gloss
	// spells as many (wholeGlossedName)
	if len(parts) >= 2 && len(parts) <= maxGlossWords {
		total := 0
		for _, p := range parts {
			total += runeLen(p)
			n := runeLen(p)
			if n < 1 || n > 5 || !allHangul(p) || set.NotNamesKO[p] || set.NotOrgsKO[p] || isParticleSeq(p, set) {
				return noSpan, false
			}
			if _, ok := set.TitleOf[p]; ok {
				return noSpan, false
			}
		}
		if total < 3 {
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

// titleFollows: a title word begins after at, past one space or none.
func titleFollows(text string, at int, set *rules.Set) bool {
	if at < len(text) && text[at] == ' ' {
		at++
	}
	end := at
	for n := 0; end < len(text) && n < 8; n++ {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isHangul(r) && !unicode.IsLetter(r) {
			break
		}
		end += size
		if _, ok := set.TitleOf[strings.ToLower(text[at:end])]; ok {
			return true
		}
	}
	return false
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
		// "2025-10-31 Lotte Group": a date a page put before the name
		if set.Determiners[lw] || (len(ts) > 1 && (lex.OrgDropLeadingEN[lw] || weekday(lw, set) || isNumeric(w))) {
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
		// "페르소나 대표": an organization right before a title carries no
		// particle, so a last syllable that could be one (나, 도) stays
		if st != s && titleFollows(text, out.End, set) {
			st = s
		}
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
	// "2021-12-04": a name has a letter
	if !strings.ContainsFunc(s, unicode.IsLetter) {
		return noSpan, false
	}
	// "Turkish Foreign", "Union Finance": every word is one that alone
	// names no organization (lexicon: not_orgs_en)
	if allNotOrgWords(s, set) {
		return noSpan, false
	}
	return out, true
}

// allNotOrgWords: s has two or more words and each of them is a
// not_orgs_en word.
func allNotOrgWords(s string, set *rules.Set) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if !set.NotOrgsEN[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// adnominal: a Korean word of three syllables or more ending in a verb's
// describing form (lexicon: adnominal_endings_ko); of two syllables only
// with the endings of adnominal_endings_short_ko (이끈), since two-syllable
// names end in 한 too (신한).
func adnominal(w string, set *rules.Set) bool {
	switch n := runeLen(w); {
	case n >= 3:
		return hasAnySuffix(w, set.Lex.AdnominalEndingsKO)
	case n == 2:
		return hasAnySuffix(w, set.Lex.AdnominalEndingsShortKO)
	}
	return false
}

// isNumeric: w is a date-like number: digits with - . / between them
// (2025-10-31), not a plain number (500 Startups).
func isNumeric(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' || !strings.ContainsAny(w, "-./") {
		return false
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != '-' && r != '.' && r != '/' {
			return false
		}
	}
	return true
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

func looksKoreanGiven(w string) bool { return strings.Contains(w, "-") }

func isOrgSuffixEN(w string, set *rules.Set) bool {
	for _, parts := range set.OrgSuffixLastEN[w] {
		if len(parts) == 1 {
			return true
		}
	}
	return false
}

// isAcronym: two to six capital letters (and digits), as companies are
// abbreviated.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '&') {
			return false
		}
	}
	return s[0] >= 'A' && s[0] <= 'Z'
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

// koreanWordForm: endings of Korean verbs and adjectives (진정한,
// 차단하면서, 방문해) and counters (6개), never the end of a name
// (lexicon: word_form_endings_ko); or a digit.
func koreanWordForm(w string, set *rules.Set) bool {
	return hasAnySuffix(w, set.Lex.WordFormEndingsKO) || strings.ContainsAny(w, "0123456789")
}

// weekday: w (lower case, a possessive aside) is a weekday (lexicon:
// weekdays_en).
func weekday(w string, set *rules.Set) bool {
	_, ok := set.Lex.WeekdayOfEN[trimPossessive(w, set.Lex.PossessivesEN)]
	return ok
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

// surnameEN returns the family name of a romanized person name: the first
// word for Korean order ("Chung Shin-a"), the last otherwise.
func surnameEN(name string, set *rules.Set) (sur, given string) {
	ts := strings.Fields(name)
	if len(ts) < 2 {
		return "", ""
	}
	if _, ok := set.SurnameOfEN[strings.ToLower(ts[0])]; ok && (strings.Contains(ts[1], "-") || len(ts) == 3) && !set.GivenNamesEN[strings.ToLower(ts[0])] {
		return ts[0], strings.Join(ts[1:], "")
	}
	return ts[len(ts)-1], strings.Join(ts[:len(ts)-1], "")
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
