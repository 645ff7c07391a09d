package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/kg-news/kg/rules"
)

// sentenceEntities lists the persons (with references resolved) and the
// organizations of sentence si, in text order.
func (rs *relState) sentenceEntities(si int) (persons, orgs []pm) {
	res := rs.res
	s := res.Sentences[si]
	text := res.Doc.Text
	quotes := quoteRanges(text, s.Span)
	// quotes come in order and do not overlap: a span is quoted if the
	// last quote that starts at or before it holds it
	inQ := func(sp Span) bool {
		i := sort.Search(len(quotes), func(i int) bool { return quotes[i].Start > sp.Start }) - 1
		return i >= 0 && sp.End <= quotes[i].End
	}
	// what the references ask of the persons so far, kept as they come
	// (asking each of them was quadratic in a sentence of thousands)
	pset := newSpanSet(s.Span.Start, s.Span.End) // their spans
	var two endsOfTwo                            // where two of them are named
	addPerson := func(p pm) {
		persons = append(persons, p)
		pset.add(p.span)
		two.add(p.ent, p.span.End)
	}
	covered := pset.overlaps
	for _, mi := range rs.mentionsBySent[si] {
		m := res.Mentions[mi]
		switch m.Type {
		case rules.TypePerson:
			addPerson(pm{span: m.Span, ent: m.Entity, quoted: inQ(m.Span)})
		case rules.TypeOrg:
			orgs = append(orgs, pm{span: m.Span, ent: m.Entity, quoted: inQ(m.Span)})
		}
	}
	// the persons named (not quoted) in order, and the earliest end among
	// each one and those before it
	var named, namedEnd []int
	for k, p := range persons {
		if !p.quoted {
			e := p.span.End
			if len(namedEnd) > 0 {
				e = min(e, namedEnd[len(namedEnd)-1])
			}
			named, namedEnd = append(named, k), append(namedEnd, e)
		}
	}
	// references by title
	for _, r := range rs.refsBySent[si] {
		if covered(r.span) {
			continue
		}
		if e := rs.resolveRef(r); e >= 0 {
			addPerson(pm{span: r.span, ent: e, quoted: inQ(r.span), virtual: true})
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
			// (the first named one that ends before it: the first whose
			// running earliest end does)
			if k := sort.Search(len(namedEnd), func(k int) bool { return namedEnd[k] <= h.Span.Start }); k < len(named) {
				addPerson(pm{span: h.Span, ent: persons[named[k]].ent, virtual: true})
			} else if f, ok := rs.focusFor(s.Lang); ok {
				addPerson(pm{span: h.Span, ent: f, virtual: true})
			}
		case rules.LexPlural, rules.LexPluralThree:
			// two people named before it are who "they" are
			if inQ(h.Span) || two.within(h.Span.Start) || rs.st.notPersonPlural(h.Span) {
				continue
			}
			n := 2
			if h.Kw.Index == rules.LexPluralThree {
				n = 3
			}
			for _, e := range rs.lastN(n) {
				addPerson(pm{span: h.Span, ent: e, virtual: true})
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

func (rs *relState) focusFor(lang string) (int, bool) {
	if f, ok := rs.focus[lang]; ok {
		return f, true
	}
	// another language's, in a fixed order (ranging over the map would
	// pick at random)
	for _, l := range []string{"en", "ko"} {
		if f, ok := rs.focus[l]; ok {
			return f, true
		}
	}
	return 0, false
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

func sameTitle(set *rules.Set, a, b int) bool {
	return a == b || set.Titles[a].Title == set.Titles[b].Title
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

// topicMarked: the name ending at end carries a topic or subject particle
// (은 는 이 가 께서; lexicon: subject_particles_ko and
// person_subject_particles_ko), possibly after its titles ("손 회장은", "설민아
// 대표이사 사장은"). An organization may stand between name and title
// ("김유원 네이버클라우드 대표는"), or be glued to it ("엔비디아CEO가").
func (rs *relState) topicMarked(end int) bool {
	text := rs.res.Doc.Text
	rest := strings.TrimLeft(text[end:], " ")
	if rs.marked(rest) {
		return true
	}
	if i := strings.IndexByte(rest, ' '); i > 0 && i < 40 {
		if rs.marked(strings.TrimLeft(rest[i:], " ")) {
			return true
		}
		w := rest[:i]
		for _, t := range rs.st.set.TitleWordsKO {
			if j := strings.LastIndex(w, t); j > 0 && rs.marked(w[j:]+" ") {
				return true
			}
		}
	}
	return false
}

func (rs *relState) marked(rest string) bool {
	for {
		r := strings.TrimLeft(rest, " ")
		t := ""
		for _, w := range rs.st.set.TitleWordsKO { // longest first
			if strings.HasPrefix(r, w) {
				t = w
				break
			}
		}
		if t == "" {
			break
		}
		rest = r[len(t):]
	}
	lex := &rs.st.set.Lex
	for _, g := range lex.TitleGlossesKO {
		if strings.HasPrefix(rest, g) {
			rest = rest[len(g):]
			break
		}
	}
	return particleThenSpace(rest, lex.SubjectParticlesKO) || particleThenSpace(rest, lex.PersonSubjectParticlesKO)
}

// particleThenSpace: rest starts with one of the particles and a space.
func particleThenSpace(rest string, particles []string) bool {
	for _, p := range particles {
		if strings.HasPrefix(rest, p) && strings.HasPrefix(rest[len(p):], " ") {
			return true
		}
	}
	return false
}

// notPersonPlural reports whether the plural reference at sp goes on
// with a noun that is no person's: "the two companies", "the three
// sides".
func (st *state) notPersonPlural(sp Span) bool {
	rest := st.d.Text[sp.End:]
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	w := strings.TrimRight(firstWord(rest[1:]), ".!?’'\"")
	return st.set.Lex.NotPersonPluralsEN[strings.ToLower(w)]
}

// endsOfTwo tells, of persons added one by one (an entity and where its
// span ends), whether two different entities end at or before a point.
// It keeps the two entities whose earliest ends are smallest: one whose
// end comes later than the second of those cannot matter, and when an
// entity comes again with an earlier end, that end is its earliest.
type endsOfTwo struct {
	ent, end [2]int
	n        int // how many are kept
}

func (t *endsOfTwo) add(ent, end int) {
	i := slices.Index(t.ent[:t.n], ent)
	switch {
	case i >= 0:
		if end >= t.end[i] {
			return
		}
		t.end[i] = end
	case t.n < 2:
		i, t.n = t.n, t.n+1
		t.ent[i], t.end[i] = ent, end
	case end < t.end[1]:
		i = 1
		t.ent[1], t.end[1] = ent, end
	default:
		return
	}
	if i == 1 && t.end[1] < t.end[0] {
		t.ent[0], t.ent[1] = t.ent[1], t.ent[0]
		t.end[0], t.end[1] = t.end[1], t.end[0]
	}
}

// within: two different entities end at or before pos.
func (t *endsOfTwo) within(pos int) bool { return t.n == 2 && t.end[1] <= pos }
