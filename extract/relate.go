package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kg-news/kg/rules"
)

// pm is a person or organization occurring in a sentence: a mention, or a
// reference resolved to an entity (a pronoun, "the OpenAI CEO", "정 대표").
type pm struct {
	span    Span
	ent     int
	quoted  bool
	virtual bool
}

type relState struct {
	st       *state
	res      *Result
	roles    map[int][]roleFact // person (result index) → roles
	lastSeen map[int]int        // entity → last mention offset
	focus    map[string]int     // lang → person
	ctxDate  time.Time
	pub      time.Time
	place    string
	dates    map[int]time.Time // sentence → the date it states

	// per-sentence indexes, so work stays linear in the document's size
	mentionsBySent [][]int   // indexes into res.Mentions
	hitsBySent     [][]kwHit // keyword hits
	refsBySent     [][]refFact
	reporter       map[int]bool // persons who wrote the story: never meeting participants
	newsOrg        []int8       // entity → 0 not yet known, 1 no, 2 a news outlet (isOutlet or newsName)
}

// isNewsOrg reports whether entity i is a news outlet by the list or by
// its name; the entities are final here, so the answer is kept.
func (rs *relState) isNewsOrg(i int) bool {
	if i >= len(rs.newsOrg) {
		rs.newsOrg = append(rs.newsOrg, make([]int8, len(rs.res.Entities)-len(rs.newsOrg))...)
	}
	if rs.newsOrg[i] == 0 {
		rs.newsOrg[i] = 1
		if e := rs.res.Entities[i]; rs.st.isOutlet(e) || newsName(e, rs.st.set) {
			rs.newsOrg[i] = 2
		}
	}
	return rs.newsOrg[i] == 2
}

// relate finds roles, meetings and partnerships sentence by sentence.
func relate(st *state, res *Result) {
	rs := &relState{st: st, res: res, roles: map[int][]roleFact{}, lastSeen: map[int]int{}, focus: map[string]int{}, reporter: map[int]bool{}, dates: map[int]time.Time{}}
	if res.Published != "" {
		rs.pub, _ = time.Parse("2006-01-02", res.Published)
	}
	n := len(res.Sentences)
	rs.mentionsBySent, rs.hitsBySent, rs.refsBySent = make([][]int, n), make([][]kwHit, n), make([][]refFact, n)
	for i, m := range res.Mentions {
		if m.Sent >= 0 {
			rs.mentionsBySent[m.Sent] = append(rs.mentionsBySent[m.Sent], i)
		}
	}
	for _, h := range st.hits {
		if si := st.sentOf(h.Span.Start); si >= 0 && h.Span.End <= res.Sentences[si].Span.End {
			rs.hitsBySent[si] = append(rs.hitsBySent[si], h)
		}
	}
	for _, r := range st.refs {
		if r.sent >= 0 && r.sent < n {
			rs.refsBySent[r.sent] = append(rs.refsBySent[r.sent], r)
		}
	}
	rs.roleRelations()
	var meetings []Relation
	undatedWarned := false
	for si, s := range res.Sentences {
		if s.Kind == KindSkip || s.Kind == KindByline {
			continue
		}
		persons, orgs := rs.sentenceEntities(si)
		if s.Kind == KindBody {
			t := resolveDate(res.Doc.Text[s.Span.Start:s.Span.End], s.Lang, rs.pub, rs.ctxDate, st.set)
			if t.IsZero() && rs.pub.IsZero() && !undatedWarned {
				if w := relativeDate(res.Doc.Text[s.Span.Start:s.Span.End], s.Lang, st.set); w != "" {
					undatedWarned = true
					res.Warnings = append(res.Warnings, Warning{Offset: s.Span.Start + strings.Index(res.Doc.Text[s.Span.Start:s.Span.End], w),
						Msg: fmt.Sprintf("relative dates such as %q cannot be resolved: the document states no publication date; give one with a front matter or JSON Lines \"date\", or with --date", w)})
				}
			}
			rs.dates[si] = t
			if !t.IsZero() {
				rs.ctxDate = t
			}
			if m := rs.meetings(si, persons); len(m) > 0 {
				meetings = append(meetings, m...)
			} else if len(meetings) > 0 {
				rs.joinPrevious(si, persons, &meetings[len(meetings)-1])
			}
			rs.partnerships(si, orgs)
		}
		// focus: the first person outside quotes
		// a sentence that quotes someone does not move the story's focus
		hasQuote := len(quoteRanges(res.Doc.Text, s.Span)) > 0
		for _, p := range persons {
			if p.quoted || rs.reporter[p.ent] || hasQuote {
				continue
			}
			if s.Lang == "ko" && !rs.topicMarked(p.span.End) {
				continue // a Korean sentence without a subject keeps its focus
			}
			rs.focus[s.Lang] = p.ent
			break
		}
		for _, p := range persons {
			rs.lastSeen[p.ent] = p.span.Start
		}
	}
	res.Relations = append(res.Relations, mergeMeetings(meetings, leadEnd(res.Sentences))...)
}

// roleRelations turns role facts and bylines into role relations.
func (rs *relState) roleRelations() {
	st, res := rs.st, rs.res
	for _, f := range st.roles {
		p, ok1 := st.newIdx[st.reg.find(f.person)]
		o, ok2 := st.newIdx[st.reg.find(f.org)]
		if !ok1 || !ok2 {
			continue
		}
		if res.Entities[o].Type != rules.TypeOrg || res.Entities[p].Type != rules.TypePerson {
			continue
		}
		f.person, f.org = p, o
		rs.roles[p] = append(rs.roles[p], f)
		t := st.set.Titles[f.title]
		s := res.Sentences[f.sent]
		res.Relations = append(res.Relations, Relation{Kind: RelRole, Args: []int{p, o}, Title: f.prefix + t.Title,
			TitleOrig: res.Doc.Text[f.orig.Start:f.orig.End], TitleRank: t.Rank, Sent: f.sent,
			Evidence: s.Span, Rule: f.rule, Line: s.Line, Lang: s.Lang})
	}
	// bylines: a reporter of the outlet named in the first lines
	outlet := -1
	for _, m := range res.Mentions {
		if m.Sent < 0 || res.Sentences[m.Sent].Line > 25 || m.Type != rules.TypeOrg {
			continue
		}
		if st.isOutlet(res.Entities[m.Entity]) || newsName(res.Entities[m.Entity], st.set) || m.Rule == "outlet.ko.dateline" || st.isOutletLine(m) {
			outlet = m.Entity
			break
		}
	}
	for _, b := range st.bylines {
		if p, ok := st.newIdx[st.reg.find(b.person)]; ok {
			rs.reporter[p] = true
		}
	}
	if outlet < 0 {
		return
	}
	// a byline that states no title: the first of the lexicon's
	// byline_titles (Reporter)
	reporter := -1
	for i, t := range st.set.Titles {
		if len(st.set.Lex.BylineTitles) > 0 && t.Title == st.set.Lex.BylineTitles[0] {
			reporter = i
		}
	}
	if reporter < 0 {
		return
	}
	seen := map[int]bool{}
	for _, b := range st.bylines {
		p, ok := st.newIdx[st.reg.find(b.person)]
		if !ok || seen[p] {
			continue
		}
		seen[p] = true
		s := res.Sentences[b.sent]
		t := reporter
		if b.title >= 0 {
			t = b.title
		}
		res.Relations = append(res.Relations, Relation{Kind: RelRole, Args: []int{p, outlet}, Title: st.set.Titles[t].Title,
			TitleOrig: strings.ToLower(st.set.Titles[t].Title), TitleRank: st.set.Titles[t].Rank, Sent: b.sent, Evidence: s.Span,
			Rule: b.rule, Line: s.Line, Lang: s.Lang})
	}
}

// isOutlet: any name of the organization is a news outlet.
func (st *state) isOutlet(e Entity) bool {
	for _, a := range append([]string{e.Name, e.NameKO}, e.Aliases...) {
		if a != "" && st.set.Outlets[strings.ToLower(a)] {
			return true
		}
	}
	return false
}

// newsName: the name of a news outlet by its ending (아시아비즈뉴스) or
// last word (Daily Post); lexicon: outlet_suffixes_ko, outlet_suffixes_en.
func newsName(e Entity, set *rules.Set) bool {
	for _, a := range append([]string{e.Name, e.NameKO}, e.Aliases...) {
		for _, suf := range set.Lex.OutletSuffixesKO {
			if strings.HasSuffix(a, suf) && len(a) > len(suf) {
				return true
			}
		}
		for _, w := range set.Lex.OutletSuffixesEN {
			if len(a) > len(w)+1 && strings.HasSuffix(a, w) && a[len(a)-len(w)-1] == ' ' {
				return true
			}
		}
	}
	return false
}

// isOutletLine: an organization alone on a line near the top.
func (st *state) isOutletLine(m Mention) bool {
	s := st.sents[m.Sent]
	return s.Span == m.Span
}

// sentenceEntities lists the persons (with references resolved) and the
// organizations of sentence si, in text order.
func (rs *relState) sentenceEntities(si int) (persons, orgs []pm) {
	res := rs.res
	s := res.Sentences[si]
	text := res.Doc.Text
	quotes := quoteRanges(text, s.Span)
	inQ := func(sp Span) bool {
		for _, q := range quotes {
			if sp.Start >= q.Start && sp.End <= q.End {
				return true
			}
		}
		return false
	}
	covered := func(sp Span) bool {
		for _, p := range persons {
			if sp.Start < p.span.End && p.span.Start < sp.End {
				return true
			}
		}
		return false
	}
	for _, mi := range rs.mentionsBySent[si] {
		m := res.Mentions[mi]
		switch m.Type {
		case rules.TypePerson:
			persons = append(persons, pm{span: m.Span, ent: m.Entity, quoted: inQ(m.Span)})
		case rules.TypeOrg:
			orgs = append(orgs, pm{span: m.Span, ent: m.Entity, quoted: inQ(m.Span)})
		}
	}
	// references by title
	for _, r := range rs.refsBySent[si] {
		if covered(r.span) {
			continue
		}
		if e := rs.resolveRef(r); e >= 0 {
			persons = append(persons, pm{span: r.span, ent: e, quoted: inQ(r.span), virtual: true})
		}
	}
	// pronouns
	for _, h := range rs.hitsBySent[si] {
		if h.Kw.Kind != rules.KwLex {
			continue
		}
		switch h.Kw.Index {
		case rules.LexPronounEN, rules.LexPronounKO:
			if covered(h.Span) || inQ(h.Span) {
				continue
			}
			// "Huang traveled to Seongnam, where he held talks": the person
			// already named in the sentence, else the story's focus
			var earlier *pm
			for k := range persons {
				if !persons[k].virtual && !persons[k].quoted && persons[k].span.End <= h.Span.Start {
					earlier = &persons[k]
					break
				}
			}
			if earlier != nil {
				persons = append(persons, pm{span: h.Span, ent: earlier.ent, virtual: true})
			} else if f, ok := rs.focusFor(s.Lang); ok {
				persons = append(persons, pm{span: h.Span, ent: f, virtual: true})
			}
		case rules.LexPlural, rules.LexPluralThree:
			before := map[int]bool{}
			for _, p := range persons {
				if p.span.End <= h.Span.Start {
					before[p.ent] = true
				}
			}
			if inQ(h.Span) || len(before) >= 2 {
				continue
			}
			n := 2
			if h.Kw.Index == rules.LexPluralThree {
				n = 3
			}
			if len(before) >= n {
				continue
			}
			for _, e := range rs.lastN(n) {
				persons = append(persons, pm{span: h.Span, ent: e, virtual: true})
			}
		case rules.LexSelfRef:
			if len(orgs) > 0 {
				orgs = append(orgs, pm{span: h.Span, ent: orgs[0].ent, virtual: true})
			}
		}
	}
	sort.SliceStable(persons, func(i, j int) bool { return persons[i].span.Start < persons[j].span.Start })
	sort.SliceStable(orgs, func(i, j int) bool { return orgs[i].span.Start < orgs[j].span.Start })
	return persons, orgs
}

// lastN returns the n persons mentioned last before this sentence.
func (rs *relState) lastN(n int) []int {
	type seen struct{ ent, pos int }
	var all []seen
	for e, p := range rs.lastSeen {
		all = append(all, seen{e, p})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].pos != all[j].pos {
			return all[i].pos > all[j].pos
		}
		return all[i].ent < all[j].ent // a map's order must not decide
	})
	var out []int
	for _, s := range all {
		if len(out) == n {
			break
		}
		if !rs.reporter[s.ent] {
			out = append(out, s.ent)
		}
	}
	if len(out) < n {
		return nil
	}
	return out
}

func (rs *relState) focusFor(lang string) (int, bool) {
	if f, ok := rs.focus[lang]; ok {
		return f, true
	}
	for _, f := range rs.focus {
		return f, true
	}
	return 0, false
}

// resolveRef finds the person a title reference means: the holder of that
// title at that organization, else the focus if it holds the title, else
// the person with that surname (and title) mentioned last.
func (rs *relState) resolveRef(r refFact) int {
	st, res := rs.st, rs.res
	orgIdx := -1
	if r.org >= 0 {
		if o, ok := st.newIdx[st.reg.find(r.org)]; ok {
			orgIdx = o
		} else {
			return -1
		}
	}
	best, bestPos := -1, -2
	consider := func(p int) {
		pos, ok := rs.lastSeen[p]
		if !ok {
			pos = -1
		}
		if pos > bestPos {
			best, bestPos = p, pos
		}
	}
	if r.surname != "" {
		for i, e := range res.Entities {
			if e.Type != rules.TypePerson || !rs.hasSurname(e, r.surname) {
				continue
			}
			if r.title >= 0 && !rs.holds(i, -1, r.title) && rs.anyHolds(r.surname, r.title) {
				continue
			}
			consider(i)
		}
		return best
	}
	holders := make([]int, 0, len(rs.roles))
	for p := range rs.roles {
		holders = append(holders, p)
	}
	sort.Ints(holders) // ties go to the first entity, not to a map's order
	for _, p := range holders {
		for _, f := range rs.roles[p] {
			if (orgIdx < 0 || f.org == orgIdx) && (r.title < 0 || sameTitle(st.set, f.title, r.title)) {
				consider(p)
			}
		}
	}
	if best < 0 && orgIdx >= 0 {
		for _, p := range holders {
			for _, f := range rs.roles[p] {
				if f.org == orgIdx {
					consider(p)
				}
			}
		}
	}
	if orgIdx < 0 {
		if f, ok := rs.focusFor(res.Sentences[r.sent].Lang); ok && rs.holds(f, -1, r.title) {
			return f
		}
	}
	return best
}

func sameTitle(set *rules.Set, a, b int) bool {
	return a == b || set.Titles[a].Title == set.Titles[b].Title
}

func (rs *relState) holds(p, org, title int) bool {
	for _, f := range rs.roles[p] {
		if (org < 0 || f.org == org) && (title < 0 || sameTitle(rs.st.set, f.title, title)) {
			return true
		}
	}
	return false
}

func (rs *relState) anyHolds(surname string, title int) bool {
	for i, e := range rs.res.Entities {
		if e.Type == rules.TypePerson && rs.hasSurname(e, surname) && rs.holds(i, -1, title) {
			return true
		}
	}
	return false
}

// hasSurname: Korean surname 정 matches 정신아 and Chung Shin-a; an English
// surname matches the family name of an English name.
func (rs *relState) hasSurname(e Entity, sur string) bool {
	set := rs.st.set
	if isHangul(firstRune(sur)) {
		if e.NameKO != "" && strings.HasPrefix(e.NameKO, sur) && !strings.Contains(e.NameKO, " ") {
			return true
		}
		if e.NameEN != "" {
			es, _ := surnameEN(e.NameEN, set)
			for _, v := range set.Surnames[sur] {
				if strings.EqualFold(v, es) {
					return true
				}
			}
		}
		return false
	}
	if e.NameEN == "" {
		return false
	}
	es, _ := surnameEN(e.NameEN, set)
	return strings.EqualFold(es, sur)
}

// quoteRanges returns the spans inside quotation marks in a sentence.
func quoteRanges(text string, s Span) []Span {
	var out []Span
	open := -1
	// bytes, not runes: '"' and the lead byte of “ and ” (E2 80 9C/9D)
	// never occur inside another character's encoding
	for i := s.Start; i < s.End; i++ {
		switch c := text[i]; {
		case c == '"':
			if open >= 0 {
				out = append(out, Span{open, i + 1})
				open = -1
			} else {
				open = i
			}
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x9C: // “
			open = i
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x9D: // ”
			if open >= 0 {
				out = append(out, Span{open, i + 3})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, Span{open, s.End})
	}
	return out
}

// triggersIn returns the trigger hits of kind in sentence si.
func (rs *relState) triggersIn(si int, kind string) []kwHit {
	s := rs.res.Sentences[si]
	var out []kwHit
	for _, h := range rs.hitsBySent[si] {
		if h.Kw.Kind != rules.KwTrigger {
			continue
		}
		t := rs.st.set.Triggers[h.Kw.Index]
		if t.Kind != kind || (t.Lang != "" && t.Lang != s.Lang) {
			continue
		}
		out = append(out, h)
	}
	return out
}
