package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// roleFact is a stated role before resolution.
type roleFact struct {
	prefix      string // "Deputy " or "Acting " before the title
	person, org int
	title       int // index into rules.Set.Titles
	orig        Span
	sent        int
	rule        string
}

// refFact is a reference to a person by title: "the OpenAI CEO", "정 대표".
type refFact struct {
	span    Span
	org     int // -1 if none
	title   int // -1 if none
	surname string
	sent    int
	rule    string
}

type cand struct {
	span Span
	ent  int
	prio int
	rule string
}

// state carries one document through the stages.
type state struct {
	set   *rules.Set
	d     Document
	sents []Sentence
	hits  []kwHit
	reg   *registry
	cands []cand
	roles []roleFact
	refs  []refFact
	facts []fact

	bylines []bylineFact
	newIdx  map[int]int // live registry entity → Result.Entities index
}

type bylineFact struct {
	title  int // -1: a reporter
	person int
	sent   int
	rule   string
	span   Span
}

// Run extracts entities and relations from one document.
func (x *Extractor) Run(d Document) Result {
	st := &state{set: x.Set, d: d, reg: newRegistry(x.Set, x.gaz)}
	st.sents = Segment(d, x.Set)
	st.hits = scanKeywords(d.Text, x.Set)
	hasTitle := make([]bool, len(st.sents))
	for _, h := range st.hits {
		if h.Kw.Kind == rules.KwTitle {
			if si := st.sentOf(h.Span.Start); si >= 0 {
				hasTitle[si] = true
			}
		}
	}
	st.gazetteer()
	st.facts = append(runPatterns(d, st.sents, hasTitle, x.Set), suffixOrgs(d, st.sents, x.Set)...)
	st.discover()
	st.joinScripts()
	st.secondScan()
	res := st.finish()
	res.Published = ""
	if !d.Published.IsZero() {
		res.Published = d.Published.Format("2006-01-02")
	} else if t := publicationDate(d, x.Set); !t.IsZero() {
		res.Published = t.Format("2006-01-02")
	}
	relate(st, &res)
	return res
}

// sentOf returns the sentence holding offset off, or -1.
func (st *state) sentOf(off int) int {
	i := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].Span.End > off })
	if i < len(st.sents) && st.sents[i].Span.Start <= off {
		return i
	}
	return -1
}

func (st *state) skipped(off int) bool {
	si := st.sentOf(off)
	return si < 0 || st.sents[si].Kind == KindSkip
}

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

func (st *state) text(s Span) string { return st.d.Text[s.Start:s.End] }

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

func (st *state) org(sp Span, rule string) (int, Span) {
	if !sp.ok() {
		return -1, sp
	}
	sp, ok := cleanOrg(st.d.Text, sp, st.set)
	if !ok {
		return -1, sp
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
	return st.reg.ensure(rules.TypeOrg, name, rule), sp
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

// placeName: the span names a listed place ("U.S. President ...").
func (st *state) placeName(sp Span) bool {
	return st.reg.gazTypeOf(strings.TrimSpace(st.text(sp))) == rules.TypePlace
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

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

func hasKOSuffix(w string, set *rules.Set) bool {
	_, ok := set.KOSuffix(w)
	return ok
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

// joinScripts joins a Korean-only person to an English-only one when the
// romanization fits (surname variants and syllable spellings) or when both
// hold the same role at the same organization.
func (st *state) joinScripts() {
	r := st.reg
	var ko, en []int
	for i, e := range r.ents {
		if r.find(i) != i || e.Type != rules.TypePerson {
			continue
		}
		switch {
		case e.NameEN == "" && e.NameKO != "":
			ko = append(ko, i)
		case e.NameKO == "" && e.NameEN != "":
			en = append(en, i)
		}
	}
	used := map[int]bool{}
	for _, k := range ko {
		kname := strings.ReplaceAll(r.ents[k].NameKO, " ", "")
		best := -1
		for _, e := range en {
			if used[e] {
				continue
			}
			if romanOf(kname, r.ents[e].NameEN, st.set) {
				best = e
				break
			}
		}
		if best < 0 {
			// same organization and title
			for _, e := range en {
				if used[e] || !st.sameRole(k, e) {
					continue
				}
				if best >= 0 {
					best = -2 // ambiguous
					break
				}
				best = e
			}
		}
		if best >= 0 {
			used[best] = true
			r.merge(best, k)
			continue
		}
		// a foreign name in Hangul: by sound
		best = -1
		for _, e := range en {
			if personSkelJoin(r.ents[k].NameKO, r.ents[e].NameEN) {
				if best >= 0 && r.find(best) != r.find(e) {
					best = -2
					break
				}
				best = e
			}
		}
		if best >= 0 {
			r.merge(best, k)
		}
	}
	st.joinOrgs()
}

// joinOrgs joins a one-word English short form to the one suffixed
// organization that starts with it (Narmada = Narmada Steel), then a
// Korean-only organization to the English-only one whose name sounds the
// same with a matching suffix (동방제철 = Dongbang Steel).
func (st *state) joinOrgs() {
	r := st.reg
	var ko, en []int
	for i, e := range r.ents {
		if r.find(i) != i || e.Type != rules.TypeOrg {
			continue
		}
		switch {
		case e.NameEN == "" && e.NameKO != "":
			ko = append(ko, i)
		case e.NameEN != "":
			en = append(en, i)
		}
	}
	for _, s := range en {
		e := r.ents[s]
		if r.find(s) != s || e.Gaz >= 0 {
			continue
		}
		var cands []int
		for _, o := range en {
			oe := r.ents[o]
			long := legalPrefixStem(oe.NameEN, st.set)
			if o == s || r.find(o) != o || !strings.HasPrefix(long, e.NameEN+" ") {
				continue
			}
			// a name of several words joins only a longer name that adds
			// suffix words ("Gaon Financial" + "Group")
			if strings.Contains(e.NameEN, " ") && !allSuffixWords(strings.TrimPrefix(long, e.NameEN+" "), st.set) {
				continue
			}
			cands = append(cands, o)
		}
		if best := st.pickOrg(cands); best >= 0 {
			r.merge(best, s)
		}
	}
	for _, k := range ko {
		var cands []int
		for _, e := range en {
			if r.find(e) == e && orgSkelJoin(r.ents[k].NameKO, r.ents[e].NameEN, st.set) {
				cands = append(cands, e)
			}
		}
		if best := st.pickOrg(cands); best >= 0 {
			r.merge(best, k)
		}
	}
}

// pickOrg chooses the organization a short or foreign-script name means:
// the only candidate, or the only one that is not a group ("Samsung" is
// the company, not Samsung Group; lexicon: group_suffixes_en); -1 when it
// stays ambiguous.
func (st *state) pickOrg(cands []int) int {
	var notGroup []int
	for _, c := range cands {
		if !lastWordIn(st.reg.ents[c].NameEN, st.set.Lex.GroupSuffixesEN) {
			notGroup = append(notGroup, c)
		}
	}
	switch {
	case len(cands) == 1:
		return cands[0]
	case len(notGroup) == 1:
		return notGroup[0]
	}
	return -1
}

// romanOf reports whether the Hangul name ko can be written as en.
func romanOf(ko, en string, set *rules.Set) bool {
	sur, given := surnameEN(en, set)
	if sur == "" {
		return false
	}
	for _, ks := range surnamePrefixes(ko) {
		for _, v := range set.Surnames[ks] {
			if strings.EqualFold(v, sur) && romanMatches(ko[len(ks):], foldLatin(given)) {
				return true
			}
		}
	}
	return false
}

// surnamePrefixes returns the one- and two-syllable prefixes of a Korean
// name, the only places a surname can be (looked up, not searched for:
// the surname table has a hundred entries).
func surnamePrefixes(ko string) []string {
	var out []string
	n := 0
	for i := range ko {
		if n == 1 || n == 2 {
			out = append(out, ko[:i])
		}
		n++
		if n > 2 {
			break
		}
	}
	if n == 1 || n == 2 {
		out = append(out, ko)
	}
	return out
}

func (st *state) sameRole(a, b int) bool {
	for _, x := range st.roles {
		if st.reg.find(x.person) != st.reg.find(a) {
			continue
		}
		for _, y := range st.roles {
			if st.reg.find(y.person) == st.reg.find(b) && st.reg.find(y.org) == st.reg.find(x.org) {
				return true
			}
		}
	}
	return false
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

// koreanWordForm: endings of Korean verbs and adjectives (진정한,
// 차단하면서, 방문해) and counters (6개), never the end of a name
// (lexicon: word_form_endings_ko); or a digit.
func koreanWordForm(w string, set *rules.Set) bool {
	return hasAnySuffix(w, set.Lex.WordFormEndingsKO) || strings.ContainsAny(w, "0123456789")
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
	for i, e := range st.reg.ents {
		if st.reg.find(i) != i || e.Type != rules.TypeOrg {
			continue
		}
		for _, a := range e.Aliases {
			ws := strings.Fields(a)
			if len(ws) >= 2 && ws[len(ws)-1] == w && allHangulOrSpace(a) {
				if found >= 0 && found != i {
					return -1
				}
				found = i
			}
		}
	}
	return found
}

// orgPart: w is a word of a known organization of several words
// ("라비뉴" of "메종 라비뉴").
func (st *state) orgPart(w string) bool {
	for i, e := range st.reg.ents {
		if st.reg.find(i) != i || e.Type != rules.TypeOrg {
			continue
		}
		for _, a := range e.Aliases {
			if ws := strings.Fields(a); len(ws) >= 2 {
				for _, x := range ws {
					if x == w {
						return true
					}
				}
			}
		}
	}
	return false
}

func allSuffixWords(s string, set *rules.Set) bool {
	for _, w := range strings.Fields(s) {
		if len(set.OrgSuffixLastEN[w]) == 0 {
			return false
		}
	}
	return true
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

// legalPrefixStem drops a legal form written first (PT Nusantara Medika;
// lexicon: legal_prefixes).
func legalPrefixStem(name string, set *rules.Set) string {
	for _, p := range set.Lex.LegalPrefixes {
		if strings.HasPrefix(name, p+" ") {
			return name[len(p)+1:]
		}
	}
	return name
}

// lastWordIn: the last of name's words, after a space, is one of words.
func lastWordIn(name string, words []string) bool {
	for _, w := range words {
		if len(name) > len(w) && strings.HasSuffix(name, w) && name[len(name)-len(w)-1] == ' ' {
			return true
		}
	}
	return false
}
