package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// gazetteer turns entity keyword hits into candidates, leftmost-longest.
func (st *state) gazetteer() {
	end := -1
	for _, h := range st.hits {
		if h.Kw.Kind != rules.KwEntity || h.Span.Start < end || st.skipped(h.Span.Start) {
			continue
		}
		ge := st.set.Entities[h.Kw.Index]
		// a longer hit at the same start comes first (sorted); take it
		i := st.reg.gazEntity(h.Kw.Index)
		st.reg.addAlias(i, st.d.Text[h.Span.Start:h.Span.End])
		st.cands = append(st.cands, cand{span: h.Span, ent: i, prio: 3, rule: ge.Rule})
		end = h.Span.End
	}
}

// discover turns pattern facts into entities, roles and references, one
// stage of factStages after the other (organizations first so that roles
// find them).
func (st *state) discover() {
	slices.SortStableFunc(st.facts, func(a, b fact) int {
		return factOrder(a.kind) - factOrder(b.kind)
	})
	ds := &discovery{state: st, taken: newSpanSet(0, len(st.d.Text))}
	for _, f := range st.facts {
		if st.skipped(f.whole.Start) && f.kind != rules.PatByline && f.kind != rules.PatOutlet {
			continue
		}
		if o := factOrder(f.kind); o != noStage {
			factStages[o].handle(ds, f)
		}
	}
}

// noStage is factOrder of a kind no stage handles, which
// TestEveryPatternKindHandled looks for; it is also the number of stages.
const noStage = 8

// factStages lists, in the order discover works, the pattern kinds of
// each stage and the method that handles them. A kind listed here is
// handled; factOrder is its index.
var factStages = [noStage]struct {
	kinds  []rules.PatternKind
	handle func(*discovery, fact)
}{
	{[]rules.PatternKind{rules.PatOutlet, rules.PatOrg}, (*discovery).discoverOrg},
	{[]rules.PatternKind{rules.PatAlias}, (*discovery).aliasFact},
	// before role: "하이케 슈나이더 회장" is not 하이케 of 슈나이더
	{[]rules.PatternKind{rules.PatRoleForeign}, (*discovery).discoverRoleForeign},
	{[]rules.PatternKind{rules.PatRole}, (*discovery).discoverRole},
	{[]rules.PatternKind{rules.PatByline}, (*discovery).discoverByline},
	{[]rules.PatternKind{rules.PatPersonTitle}, (*discovery).discoverPersonTitle},
	{[]rules.PatternKind{rules.PatPerson}, (*discovery).discoverPerson},
	{[]rules.PatternKind{rules.PatRoleRef}, (*discovery).discoverRoleRef},
}

// factOrder is the index in factStages of the stage that handles k, or
// noStage when none does.
func factOrder(k rules.PatternKind) int {
	for i, s := range factStages {
		if slices.Contains(s.kinds, k) {
			return i
		}
	}
	return noStage
}

// discovery is the state of one discover run: the spans of the roles
// found so far, which a later role, person-title or role-reference fact
// may not overlap.
type discovery struct {
	*state
	taken spanSet
}

// overlaps reports whether s overlaps a span already taken.
func (ds *discovery) overlaps(s Span) bool { return ds.taken.overlaps(s) }

// discoverOrg handles organization and outlet facts: an outlet already
// known by its name is a candidate as it is, anything else goes through
// org.
func (ds *discovery) discoverOrg(f fact) {
	if f.kind == rules.PatOutlet && f.org.ok() {
		name := strings.TrimSpace(ds.text(f.org))
		if i := ds.reg.lookup(rules.TypeOrg, name); i >= 0 {
			ds.cands = append(ds.cands, cand{span: f.org, ent: i, prio: 2, rule: f.rule})
			return
		}
	}
	if i, sp := ds.org(f.org, f.rule); i >= 0 {
		ds.cands = append(ds.cands, cand{span: sp, ent: i, prio: 2, rule: f.rule})
	}
}

// discoverRoleForeign handles a role whose person is a foreign name
// written in Hangul: once foreignNameOK accepts it, it is an ordinary
// role.
func (ds *discovery) discoverRoleForeign(f fact) {
	if ds.overlaps(f.whole) || !ds.foreignNameOK(f) {
		return
	}
	f.kind = rules.PatRole
	ds.discoverRole(f)
}

// discoverRole handles "person, title of organization": the person and
// the organization become candidates, and the title a role of the two,
// or a reference to the person when there is no organization.
func (ds *discovery) discoverRole(f fact) {
	if ds.overlaps(f.whole) {
		return
	}
	// "Javier Vazquez, and local partner CEO of Star 10": an aside never
	// opens with a list connector; the title is the next item's
	if f.person.ok() && f.title.ok() && f.person.End < f.title.Start && ds.listConnectorAfter(f.person.End, f.title.Start) {
		return
	}
	// "한국더마코스메틱협회장": the association's 회 went into the
	// title (lexicon: fused_titles_ko)
	if f.org.ok() && f.title.ok() {
		ds.fuseTitle(&f)
	}
	// check the organization before creating anything, then the
	// person, and only then create the organization
	if _, ok := cleanOrg(ds.d.Text, f.org, ds.set); f.org.ok() && !ok && !ds.placeName(f.org) {
		return
	}
	if sp, ok := cleanOrg(ds.d.Text, f.org, ds.set); ok && ds.reg.lookup(rules.TypePerson, ds.text(sp)) >= 0 {
		return // the "organization" is a person we know
	}
	if f.person.ok() && !ds.personValid(f.person) {
		return
	}
	// "한노총 김주영 위원장" read as person 한노총 of 김주영: a known
	// organization is no person, and nothing is created
	if sp, ok := cleanPersonKO(ds.d.Text, f.person, ds.set); f.person.ok() && ok && isHangul(firstRune(ds.text(f.person))) && ds.reg.lookup(rules.TypeOrg, ds.text(sp)) >= 0 {
		return
	}
	o, osp := ds.org(f.org, f.rule)
	if f.org.ok() && o < 0 && !ds.placeName(f.org) {
		return
	}
	gloss := ""
	if f.person.ok() {
		f.person, gloss = ds.wholeGlossedName(f.person)
	}
	p, psp := ds.person(f.person, f.lang, f.rule, false)
	t := ds.titleIdx(f.title)
	if p < 0 {
		return
	}
	if gloss != "" {
		ds.reg.addAlias(p, gloss)
	}
	ds.cands = append(ds.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
	if o >= 0 {
		ds.cands = append(ds.cands, cand{span: osp, ent: o, prio: 2, rule: f.rule})
	}
	ds.taken.add(f.whole)
	if o >= 0 && t >= 0 {
		ds.roles = append(ds.roles, roleFact{person: p, org: o, title: t, orig: f.title, sent: f.sent, rule: f.rule, prefix: ds.titlePrefix(f.title), former: ds.formerRole(f.title, f.org)})
	} else if t >= 0 {
		ds.refs = append(ds.refs, refFact{span: psp, org: -1, title: t, sent: f.sent, rule: f.rule})
	}
}

// discoverByline handles a byline: its person becomes a candidate and a
// byline, unless it carries a title that is not one of the lexicon's
// byline titles.
func (ds *discovery) discoverByline(f fact) {
	if t := ds.titleIdx(f.title); f.title.ok() && (t < 0 || !slices.Contains(ds.set.Lex.BylineTitles, ds.set.Titles[t].Title)) {
		return
	}
	p, psp := ds.person(f.person, f.lang, f.rule, false)
	if p < 0 {
		return
	}
	ds.cands = append(ds.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
	ds.bylines = append(ds.bylines, bylineFact{person: p, sent: f.sent, rule: f.rule, span: psp, title: ds.titleIdx(f.title)})
}

// discoverPersonTitle handles "name title": a full name becomes a
// candidate and a reference by title, a bare surname only a reference.
func (ds *discovery) discoverPersonTitle(f fact) {
	if ds.overlaps(f.whole) {
		return
	}
	name := ds.text(f.person)
	if runeLen(name) == 1 || (!strings.Contains(name, " ") && !isHangul(firstRune(name))) {
		ds.refs = append(ds.refs, refFact{span: f.person, org: -1, title: ds.titleIdx(f.title), surname: name, sent: f.sent, rule: f.rule})
		return
	}
	p, psp := ds.person(f.person, f.lang, f.rule, false)
	if p < 0 {
		return
	}
	ds.cands = append(ds.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
	ds.refs = append(ds.refs, refFact{span: psp, org: -1, title: ds.titleIdx(f.title), sent: f.sent, rule: f.rule})
}

// discoverPerson handles a bare person fact: the person is a candidate.
// listConnectorAfter: the text from at (before end) opens with a comma and
// a list connector (lexicon: list_connectors_en): ", and ".
func (st *state) listConnectorAfter(at, end int) bool {
	rest := strings.TrimPrefix(st.d.Text[at:end], ",")
	for c := range st.set.Lex.ListConnectorsEN {
		if strings.HasPrefix(rest, " "+strings.TrimPrefix(c, ", ")+" ") && len(rest) < len(st.d.Text[at:end]) {
			return true
		}
	}
	return false
}

// afterHonorific: the word before offset at is one of honorifics_en, or
// a noun for a person (person_nouns_en: "businessman Mohandas Pai").
func (st *state) afterHonorific(at int) bool {
	w, ok := wordBefore(st.d.Text, max(0, at-16), at)
	return ok && w.End == at-1 && (slices.Contains(st.set.Lex.HonorificsEN, st.text(w)) || slices.Contains(st.set.Lex.PersonNounsEN, strings.ToLower(st.text(w))))
}

func (ds *discovery) discoverPerson(f fact) {
	// a name after an honorific needs no known first name (lexicon:
	// honorifics_en): "Sir Keir Starmer"
	strict := !ds.afterHonorific(f.person.Start)
	if p, psp := ds.person(f.person, f.lang, f.rule, strict); p >= 0 {
		ds.cands = append(ds.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
	}
}

// discoverRoleRef handles a reference by title ("the OpenAI CEO"): its
// organization, if it names one, must be known already.
func (ds *discovery) discoverRoleRef(f fact) {
	if ds.overlaps(f.whole) {
		return
	}
	o := -1
	if f.org.ok() {
		if sp, ok := cleanOrg(ds.d.Text, f.org, ds.set); ok {
			o = ds.reg.lookup(rules.TypeOrg, ds.text(sp))
		}
		if o < 0 {
			return
		}
	}
	ds.refs = append(ds.refs, refFact{span: f.whole, org: o, title: ds.titleIdx(f.title), sent: f.sent, rule: f.rule})
}

// aliasFact handles "Name (ALIAS)": the alias joins a known or
// suffix-shaped organization.
func (st *state) aliasFact(f fact) {
	if !f.org.ok() || !f.alias.ok() {
		return
	}
	name := strings.TrimSpace(st.text(f.org))
	alias := st.text(f.alias)
	i := -1
	ts := strings.Fields(name)
	// try the longest tail of name that is a known or suffix-shaped org
	for k := 0; k < len(ts) && i < 0; k++ {
		sub := strings.Join(ts[k:], " ")
		if j := st.reg.lookup(rules.TypeOrg, sub); j >= 0 {
			i = j
			break
		}
		last := ts[len(ts)-1]
		if k == 0 && (isOrgSuffixEN(last, st.set) || hasKOSuffix(last, st.set)) && len(ts) <= 6 {
			i, _ = st.org(Span{f.org.Start + strings.Index(st.text(f.org), ts[0]), f.org.End}, f.rule)
		}
	}
	// a Korean name with a Latin acronym: "바라트게이트웨이터미널(BGT)"
	if i < 0 && len(ts) == 1 && allHangul(name) && runeLen(name) >= 3 && isAcronym(alias) && !st.set.NotOrgsKO[name] {
		i, _ = st.org(f.org, f.rule)
	}
	if i < 0 {
		if j := st.reg.lookup(rules.TypeOrg, alias); j >= 0 {
			// the alias is a known org: the name before it is its other script
			if allHangulOrSpace(name) {
				st.reg.addAlias(j, ts[len(ts)-1])
			}
		}
		return
	}
	st.reg.addAlias(i, alias)
}

// fuseTitle gives back to the organization the syllable it shares with
// its title when the two are written together (lexicon: fused_titles_ko):
// "한국더마코스메틱협" and "회장" become "…협회" and "회장".
func (st *state) fuseTitle(f *fact) {
	org, title := st.text(f.org), st.text(f.title)
	for _, ft := range st.set.Lex.FusedTitlesKO {
		if !strings.HasSuffix(org, ft.OrgHead) || !strings.HasPrefix(title, ft.Title) {
			continue
		}
		n := len(ft.Shared)
		f.org.End += n
		f.title.Start += n
		f.title.End = f.title.Start + len(ft.Title) - n
		if st.titleIdx(Span{f.title.Start - n, f.title.End}) >= 0 {
			f.title.Start -= n // keep the whole title word
		}
		return
	}
}

// foreignNameOK checks a foreign name written in Hangul ("클라우스 베버
// 베르크만 오토모티브 CEO"): neither word is a known name of something else
// or a Korean word form, and the organization is known, carries a suffix,
// or has Latin letters.
func (st *state) foreignNameOK(f fact) bool {
	if !f.person.ok() || !f.org.ok() {
		return false
	}
	// a word of the name may be an organization's name too (도요타
	// 아키오: 도요타 is Toyota) when the organization after it is known for
	// certain and another word of the name is no known name; a word that
	// names a person ("어제 젠슨황") or a place never is
	known := 0
	ws := strings.Fields(st.text(f.person))
	// "김재철 전 MBC 사장": 전 says former, no family name
	if slices.Contains(st.set.Lex.FormerMarkers, ws[len(ws)-1]) {
		return false
	}
	// a known person's own name: its words may be that person's aliases
	// (저커버그 of 마크 저커버그)
	whole := st.reg.lookup(rules.TypePerson, st.text(f.person))
	for _, w := range ws {
		if p := st.reg.lookup(rules.TypePerson, w); st.reg.gazTypeOf(w) == rules.TypePlace || koreanWordForm(w, st.set) || p >= 0 && (whole < 0 || st.reg.find(p) != st.reg.find(whole)) {
			return false
		}
		if whole >= 0 {
			continue
		}
		if st.reg.lookupAny(w) >= 0 || st.reg.gazTypeOf(w) != "" {
			known++
		}
	}
	if known == len(ws) {
		return false
	}
	// a one-syllable given name (훈 마넷) only before a country: 전, 및,
	// 현 and the like stand there otherwise
	if utf8.RuneCountInString(ws[0]) == 1 && !st.placeName(f.org) {
		return false
	}
	// 팔 슈미트 헝가리 대통령: a country where the organization would be;
	// the person has no organization (discoverRole)
	if known == 0 && st.placeName(f.org) {
		return true
	}
	sp, ok := cleanOrg(st.d.Text, f.org, st.set)
	if !ok {
		return false
	}
	org := st.text(sp)
	if st.reg.lookup(rules.TypeOrg, org) >= 0 || st.reg.gazTypeOf(org) == rules.TypeOrg || st.orgOfWord(org) >= 0 {
		return true
	}
	// 마크 저커버그 메타 최고경영자: the name is a person's the rules know,
	// so the word after it is that person's organization, known or not
	if known == 0 && (whole >= 0 || st.reg.gazTypeOf(st.text(f.person)) == rules.TypePerson) && !strings.Contains(org, " ") {
		return true
	}
	if known > 0 {
		return false
	}
	for i, e := range st.reg.ents {
		if st.reg.find(i) == i && e.Type == rules.TypeOrg && e.NameEN != "" && orgSkelJoin(org, e.NameEN, st.set) {
			return true
		}
	}
	ows := strings.Fields(org)
	last := ows[len(ows)-1]
	// 인도네시아 투자부: a country's ministry or agency
	if len(ows) == 2 && st.reg.gazTypeOf(ows[0]) == rules.TypePlace && runeLen(last) >= 2 && hasAnySuffix(last, st.set.Lex.GovSuffixesKO) {
		return true
	}
	if hasKOSuffix(last, st.set) || isBareSuffixKO(last, st.set) && len(ows) == 2 {
		// 토요타 북미법인: a known company's unit; 일본 아사히신문: a
		// company and its country
		return len(ows) == 1 || prevNameWordKO(ows[0], st.set) || st.reg.lookup(rules.TypeOrg, ows[0]) >= 0 ||
			st.reg.gazTypeOf(ows[0]) == rules.TypePlace
	}
	return len(ows) == 1 && strings.ContainsFunc(org, isLatin)
}
