package extract

import (
	"slices"
	"strings"

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

// discover turns pattern facts into entities, roles and references.
func (st *state) discover() {
	// org facts first so that roles find them
	slices.SortStableFunc(st.facts, func(a, b fact) int {
		return factOrder(a.kind) - factOrder(b.kind)
	})
	taken := []Span{}
	overlaps := func(s Span) bool {
		for _, t := range taken {
			if s.Start < t.End && t.Start < s.End {
				return true
			}
		}
		return false
	}
	for _, f := range st.facts {
		if st.skipped(f.whole.Start) && f.kind != rules.PatByline && f.kind != rules.PatOutlet {
			continue
		}
		switch f.kind {
		case rules.PatOrg, rules.PatOutlet:
			if f.kind == rules.PatOutlet && f.org.ok() {
				name := strings.TrimSpace(st.text(f.org))
				if i := st.reg.lookup(rules.TypeOrg, name); i >= 0 {
					st.cands = append(st.cands, cand{span: f.org, ent: i, prio: 2, rule: f.rule})
					continue
				}
			}
			if i, sp := st.org(f.org, f.rule); i >= 0 {
				st.cands = append(st.cands, cand{span: sp, ent: i, prio: 2, rule: f.rule})
			}
		case rules.PatAlias:
			st.aliasFact(f)
		case rules.PatRoleForeign:
			if overlaps(f.whole) || !st.foreignNameOK(f) {
				continue
			}
			f.kind = rules.PatRole
			fallthrough
		case rules.PatRole:
			if overlaps(f.whole) {
				continue
			}
			// "한국더마코스메틱협회장": the association's 회 went into the
			// title (lexicon: fused_titles_ko)
			if f.org.ok() && f.title.ok() {
				st.fuseTitle(&f)
			}
			// check the organization before creating anything, then the
			// person, and only then create the organization
			if _, ok := cleanOrg(st.d.Text, f.org, st.set); f.org.ok() && !ok && !st.placeName(f.org) {
				continue
			}
			if sp, ok := cleanOrg(st.d.Text, f.org, st.set); ok && st.reg.lookup(rules.TypePerson, st.text(sp)) >= 0 {
				continue // the "organization" is a person we know
			}
			if f.person.ok() && !st.personValid(f.person) {
				continue
			}
			o, osp := st.org(f.org, f.rule)
			if f.org.ok() && o < 0 && !st.placeName(f.org) {
				continue
			}
			p, psp := st.person(f.person, f.lang, f.rule, false)
			t := st.titleIdx(f.title)
			if p < 0 {
				continue
			}
			st.cands = append(st.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
			if o >= 0 {
				st.cands = append(st.cands, cand{span: osp, ent: o, prio: 2, rule: f.rule})
			}
			taken = append(taken, f.whole)
			if o >= 0 && t >= 0 {
				st.roles = append(st.roles, roleFact{person: p, org: o, title: t, orig: f.title, sent: f.sent, rule: f.rule, prefix: st.titlePrefix(f.title)})
			} else if t >= 0 {
				st.refs = append(st.refs, refFact{span: psp, org: -1, title: t, sent: f.sent, rule: f.rule})
			}
		case rules.PatPersonTitle:
			if overlaps(f.whole) {
				continue
			}
			name := st.text(f.person)
			if runeLen(name) == 1 || (!strings.Contains(name, " ") && !isHangul(firstRune(name))) {
				st.refs = append(st.refs, refFact{span: f.person, org: -1, title: st.titleIdx(f.title), surname: name, sent: f.sent, rule: f.rule})
				continue
			}
			p, psp := st.person(f.person, f.lang, f.rule, false)
			if p < 0 {
				continue
			}
			st.cands = append(st.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
			st.refs = append(st.refs, refFact{span: psp, org: -1, title: st.titleIdx(f.title), sent: f.sent, rule: f.rule})
		case rules.PatPerson:
			if p, psp := st.person(f.person, f.lang, f.rule, true); p >= 0 {
				st.cands = append(st.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
			}
		case rules.PatByline:
			if t := st.titleIdx(f.title); f.title.ok() && (t < 0 || !slices.Contains(st.set.Lex.BylineTitles, st.set.Titles[t].Title)) {
				continue
			}
			p, psp := st.person(f.person, f.lang, f.rule, false)
			if p < 0 {
				continue
			}
			st.cands = append(st.cands, cand{span: psp, ent: p, prio: 2, rule: f.rule})
			st.bylines = append(st.bylines, bylineFact{person: p, sent: f.sent, rule: f.rule, span: psp, title: st.titleIdx(f.title)})
		case rules.PatRoleRef:
			if overlaps(f.whole) {
				continue
			}
			o := -1
			if f.org.ok() {
				if sp, ok := cleanOrg(st.d.Text, f.org, st.set); ok {
					o = st.reg.lookup(rules.TypeOrg, st.text(sp))
				}
				if o < 0 {
					continue
				}
			}
			st.refs = append(st.refs, refFact{span: f.whole, org: o, title: st.titleIdx(f.title), sent: f.sent, rule: f.rule})
		}
	}
}

func factOrder(k rules.PatternKind) int {
	switch k {
	case rules.PatOutlet, rules.PatOrg:
		return 0
	case rules.PatAlias:
		return 1
	case rules.PatRoleForeign: // before role: "하이케 슈나이더 회장" is not 하이케 of 슈나이더
		return 2
	case rules.PatRole:
		return 3
	case rules.PatByline:
		return 4
	case rules.PatPersonTitle:
		return 5
	case rules.PatPerson:
		return 6
	case rules.PatRoleRef:
		return 7
	}
	return 8 // no kind: TestEveryPatternKindHandled
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
	for _, w := range strings.Fields(st.text(f.person)) {
		if st.reg.lookupAny(w) >= 0 || st.reg.gazTypeOf(w) != "" || koreanWordForm(w, st.set) {
			return false
		}
	}
	sp, ok := cleanOrg(st.d.Text, f.org, st.set)
	if !ok {
		return false
	}
	org := st.text(sp)
	if st.reg.lookup(rules.TypeOrg, org) >= 0 || st.reg.gazTypeOf(org) == rules.TypeOrg || st.orgOfWord(org) >= 0 {
		return true
	}
	for i, e := range st.reg.ents {
		if st.reg.find(i) == i && e.Type == rules.TypeOrg && e.NameEN != "" && orgSkelJoin(org, e.NameEN, st.set) {
			return true
		}
	}
	ws := strings.Fields(org)
	last := ws[len(ws)-1]
	if hasKOSuffix(last, st.set) || isBareSuffixKO(last, st.set) && len(ws) == 2 {
		return len(ws) == 1 || prevNameWordKO(ws[0], st.set)
	}
	return len(ws) == 1 && strings.ContainsFunc(org, isLatin)
}
