package extract

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// meetings finds the meeting a sentence reports, if any.
func (rs *relState) meetings(si int, persons []pm) []Relation {
	// a Korean sentence may chain two meetings: "A는 B를 만났고, C는 D와
	// 면담했다" — each clause is read on its own
	s := rs.res.Sentences[si]
	if s.Lang != "ko" {
		return rs.meetingsIn(si, s.Span, persons)
	}
	var out []Relation
	for _, c := range clausesKO(rs.res.Doc.Text, s.Span, rs.st.set) {
		var ps []pm
		for _, p := range persons {
			if p.span.Start >= c.Start && p.span.End <= c.End {
				ps = append(ps, p)
			}
		}
		out = append(out, rs.meetingsIn(si, c, ps)...)
	}
	return out
}

// clausesKO splits a Korean sentence after a connective ending and a comma
// (만났고, / 가졌으며,; lexicon: clause_endings_ko).
func clausesKO(text string, s Span, set *rules.Set) []Span {
	var out []Span
	start := s.Start
	t := text[s.Start:s.End]
	for i := 0; i < len(t); i++ {
		if !strings.HasPrefix(t[i:], ", ") {
			continue
		}
		head := t[:i]
		if hasAnySuffix(head, set.Lex.ClauseEndingsKO) {
			out = append(out, Span{start, s.Start + i})
			start = s.Start + i + 2
		}
	}
	return append(out, Span{start, s.End})
}

func (rs *relState) meetingsIn(si int, clause Span, persons []pm) []Relation {
	res := rs.res
	s := res.Sentences[si]
	text := res.Doc.Text
	qs := quoteRanges(text, s.Span)
	for _, t := range rs.triggersIn(si, rules.TrigMeeting) {
		if within(qs, t.Span) || t.Span.Start < clause.Start || t.Span.End > clause.End {
			continue
		}
		if rs.hedgedIn(si, t, rules.TrigHedgeMeeting, clause) {
			return nil
		}
		if mode := rs.st.set.Triggers[t.Kw.Index].Mode; mode == "group" || mode == "caption" {
			if m, ok := rs.groupMeeting(si, t, persons, mode == "caption"); ok {
				return []Relation{m}
			}
			continue
		}
		var subj, obj []int
		var inSubj, inObj intSet
		addSubj := func(e int) { subj = inSubj.appendNew(subj, e) }
		addObj := func(e int) { obj = inObj.appendNew(obj, e) }
		if s.Lang == "ko" {
			for _, p := range persons {
				if p.quoted || rs.reporter[p.ent] {
					continue
				}
				if rs.topicMarked(p.span.End) {
					addSubj(p.ent)
				} else {
					addObj(p.ent)
				}
			}
			if len(subj) == 0 {
				if f, ok := rs.focusFor(s.Lang); ok && !inObj.has(obj, f) && !rs.reporter[f] {
					addSubj(f)
				} else if len(obj) >= 2 {
					addSubj(obj[0])
					obj = obj[1:] // (not in obj again: inObj is not asked after this)
				}
			}
		} else {
			// objects stop at another event ("ahead of …") and at the
			// closing source clause (", said spokesman X.")
			objEnd := min(rs.objectBreak(clause, t.Span.End), attributionStart(text, clause, t.Span.End, rs.st.set))
			srcEnd := rs.sourceEnd(si, clause, t.Span)
			for _, p := range persons {
				if p.quoted || rs.reporter[p.ent] {
					continue
				}
				// a reference that runs into the trigger ("They were joined")
				// is the subject too
				if p.span.Start < t.Span.Start {
					if srcEnd < 0 || p.span.End > srcEnd {
						addSubj(p.ent)
					}
				} else if p.span.Start >= t.Span.End && p.span.Start < objEnd {
					addObj(p.ent)
				}
			}
			if len(subj) == 0 {
				if f, ok := rs.focusFor(s.Lang); ok {
					addSubj(f)
				}
			}
		}
		var o2 []int
		for _, e := range obj {
			if !inSubj.has(subj, e) {
				o2 = append(o2, e)
			}
		}
		obj = o2
		if len(subj)+len(obj) == 1 {
			rs.host, rs.hostSent = append(subj, obj...)[0], si
		}
		if len(subj)+len(obj) < 2 || len(obj) == 0 && len(subj) < 2 {
			continue
		}
		trig := rs.st.set.Triggers[t.Kw.Index]
		mode := trig.Mode
		if mode == "adjacent" {
			if !rs.objectAdjacent(t, persons) {
				continue
			}
			mode = ""
		}
		if mode == "" || separately(text[s.Span.Start:s.Span.End], rs.st.set) {
			mode = "clique"
			if len(obj) >= 2 && (hasVisit(rs, si) || separately(text[s.Span.Start:s.Span.End], rs.st.set)) {
				mode = "star"
			}
		}
		mk := func(parts []int) Relation { return rs.meetingAt(si, t, parts) }
		if mode == "star" {
			var out []Relation
			for _, o := range obj {
				out = append(out, mk(append(append([]int(nil), subj...), o)))
			}
			return out
		}
		return []Relation{mk(append(append([]int(nil), subj...), obj...))}
	}
	return nil
}

// sourceEnd is where the source of an English sentence's report ends,
// for trigger t: the start of the last speech verb before t (lexicon:
// attributions_en) when no pronoun (pronouns_en) after it takes the
// speaker up again, else -1. A person who ends before it told of the
// meeting and is not in it: "Kim said Lee met Cook" names Kim as the
// source; "Kim said he met Cook" does not. It is found once per trigger,
// so a sentence of many people costs no more than reading it.
func (rs *relState) sourceEnd(si int, clause, t Span) int {
	if t.Start <= clause.Start {
		return -1
	}
	before := strings.ToLower(rs.res.Doc.Text[clause.Start:t.Start])
	at, end := -1, -1
	for _, w := range rs.st.set.Lex.AttributionsEN {
		if i := strings.LastIndex(before, " "+w+" "); i >= 0 && i > at {
			at, end = i, i+len(w)+1
		}
	}
	if at < 0 {
		return -1
	}
	for _, h := range rs.hitsBySent[si] {
		if h.Kw.Kind == rules.KwLex && h.Kw.Index == rules.LexPronounEN && h.Span.Start >= clause.Start+end && h.Span.End <= t.Start {
			return -1
		}
	}
	return clause.Start + at
}

// inAside: person span p of an English sentence stands in an aside that
// opens after a comma with one of object_breaks_en (", who served as
// adviser to Donald Trump"): no attendee.
func (rs *relState) inAside(s Sentence, p Span) bool {
	if s.Lang != "en" {
		return false
	}
	text := rs.res.Doc.Text
	i := strings.LastIndex(text[max(s.Span.Start, p.Start-160):p.Start], ", ")
	if i < 0 {
		return false
	}
	after := strings.ToLower(text[max(s.Span.Start, p.Start-160)+i+2 : p.Start])
	for _, w := range rs.st.set.Lex.ObjectBreaksEN {
		if strings.HasPrefix(after, w+" ") {
			return true
		}
	}
	return false
}

// objectBreak is where the objects of an English trigger ending at from
// stop: the first of object_breaks_en after it in clause, else the
// clause's end.
func (rs *relState) objectBreak(clause Span, from int) int {
	rest := strings.ToLower(rs.res.Doc.Text[from:clause.End])
	end := clause.End
	for _, w := range rs.st.set.Lex.ObjectBreaksEN {
		if i := strings.Index(rest, " "+w+" "); i >= 0 && from+i < end {
			end = from + i
		}
	}
	return end
}

// hostWindow bounds how many sentences after a host's its attendees may
// be listed.
const hostWindow = 6

// recentHost is the host of a gathering told at most hostWindow sentences
// before si, or -1.
func (rs *relState) recentHost(si int) int {
	if rs.host < 0 || si-rs.hostSent > hostWindow || si <= rs.hostSent {
		return -1
	}
	return rs.host
}

// objectAdjacent: the first person after trigger t follows it with
// nothing between but capitalized words (a title: "received Chinese Vice
// Premier Liu He") and the lexicon's adjacent_fillers_en. "received an
// award from X" is no meeting.
func (rs *relState) objectAdjacent(t kwHit, persons []pm) bool {
	text := rs.res.Doc.Text
	first := -1
	for _, p := range persons {
		if p.span.Start >= t.Span.End && (first < 0 || p.span.Start < first) {
			first = p.span.Start
		}
	}
	if first < 0 {
		return false
	}
	between := strings.Fields(strings.NewReplacer(",", " ").Replace(text[t.Span.End:first]))
	if len(between) > 8 {
		return false
	}
	for i := 0; i < len(between); i++ {
		w := between[i]
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			continue
		}
		// a filler of two words ("newly appointed")
		if i+1 < len(between) && rs.st.set.Lex.AdjacentFillersEN[strings.ToLower(w+" "+between[i+1])] {
			i++
			continue
		}
		if !rs.st.set.Lex.AdjacentFillersEN[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// groupMeeting is the meeting of a trigger of mode group (a signing that
// names its signatories: "A와 B는 협약을 체결했다") or caption (a photo
// caption: "From left: A, B and C", 왼쪽부터 A, B). Every person the
// clause names took part; no subject is taken from context, and two
// people at least must be named. A caption is read as a gathering only in
// a story that tells of a meeting or a partnership somewhere (eventStory):
// side-by-side portraits in a story about rivals are no meeting.
func (rs *relState) groupMeeting(si int, t kwHit, persons []pm, caption bool) (Relation, bool) {
	var parts []int
	var in intSet
	for _, p := range persons {
		if p.quoted || rs.reporter[p.ent] {
			continue
		}
		parts = in.appendNew(parts, p.ent)
	}
	if len(parts) < 2 || caption && !rs.eventStory() {
		return Relation{}, false
	}
	return rs.meetingAt(si, t, parts), true
}

// eventStory reports whether the document holds a meeting trigger of
// another mode than caption, or a partnership trigger, in any sentence.
// It is computed once per document.
func (rs *relState) eventStory() bool {
	if rs.event == 0 {
		rs.event = 2
	scan:
		for si, hs := range rs.hitsBySent {
			for _, h := range hs {
				if h.Kw.Kind != rules.KwTrigger {
					continue
				}
				t := rs.st.set.Triggers[h.Kw.Index]
				if t.Lang != "" && t.Lang != rs.res.Sentences[si].Lang {
					continue
				}
				if t.Kind == rules.TrigPartnership || t.Kind == rules.TrigMeeting && t.Mode != "caption" {
					rs.event = 1
					break scan
				}
			}
		}
	}
	return rs.event == 1
}

// meetingAt is a meeting of parts told in sentence si by trigger t: its
// date is the sentence's, else the last one the story gave, else the
// publication date; its place is meetingPlace's.
func (rs *relState) meetingAt(si int, t kwHit, parts []int) Relation {
	return rs.meetingBy(si, t.Kw.Word, rs.st.set.Triggers[t.Kw.Index].ID, parts)
}

// meetingBy is meetingAt for a meeting that rule found by the words what.
func (rs *relState) meetingBy(si int, what, rule string, parts []int) Relation {
	s := rs.res.Sentences[si]
	date := rs.dates[si]
	if date.IsZero() {
		date = rs.ctxDate
	}
	if date.IsZero() {
		date = rs.pub
	}
	ds := ""
	if !date.IsZero() {
		ds = date.Format("2006-01-02")
	}
	place := rs.meetingPlace(si)
	return Relation{Kind: RelMeeting, Args: parts, Date: ds, Dated: !rs.dates[si].IsZero(), Place: place, PlaceKO: rs.koreanPlace(place),
		What: what, Sent: si, Evidence: s.Span, Rule: rule, Line: s.Line, Lang: s.Lang}
}

// listAttendees adds the people of an attendee line (set out below
// sentence h) to the meeting told in h or just before it; with none, the
// gathering's host and the first people listed make one.
func (rs *relState) listAttendees(si, h int, persons []pm, meetings *[]Relation) {
	var ps []int
	for _, p := range persons {
		if !p.quoted && !rs.reporter[p.ent] && !slices.Contains(ps, p.ent) {
			ps = append(ps, p.ent)
		}
	}
	if len(ps) == 0 {
		return
	}
	ms := *meetings
	if n := len(ms); n > 0 && ms[n-1].Sent >= h-2 {
		m := &ms[n-1]
		added := false
		for _, e := range ps {
			if !slices.Contains(m.Args, e) {
				m.Args = append(m.Args, e)
				added = true
			}
		}
		if added {
			m.Also = append(m.Also, rs.res.Sentences[si].Span)
			m.AlsoSents = append(m.AlsoSents, si)
			m.AlsoRules = append(m.AlsoRules, attendeeRule)
		}
		return
	}
	if host := rs.recentHost(si); host >= 0 && !slices.Contains(ps, host) {
		ps = append([]int{host}, ps...)
	}
	if len(ps) < 2 {
		rs.host, rs.hostSent = ps[0], si
		return
	}
	*meetings = append(ms, rs.meetingBy(si, "attendees", attendeeRule, ps))
}

// hedgedIn reports whether trigger t of clause is hedged by a trigger of
// kind: in Korean one that starts at most 12 bytes before it or after it
// (협력을 검토), in English a partnership hedge anywhere in the clause
// and a meeting hedge within 70 bytes before it to 25 after. The hedges
// are found by binary search, so a sentence of many triggers costs
// n log n, not n².
func (rs *relState) hedgedIn(si int, t kwHit, kind string, clause Span) bool {
	s := rs.res.Sentences[si]
	lo, hi := clause.Start, clause.End // bounds on a hedge's start
	switch {
	case s.Lang == "ko":
		lo = max(lo, t.Span.Start-12)
	case kind == rules.TrigHedgePartner:
	default:
		lo, hi = max(lo, t.Span.Start-70), min(hi, t.Span.End+25)
	}
	hs := rs.triggersIn(si, kind)
	for i := sort.Search(len(hs), func(i int) bool { return hs[i].Span.Start >= lo }); i < len(hs) && hs[i].Span.Start <= hi; i++ {
		if hs[i].Span.End <= clause.End {
			return true
		}
	}
	return false
}

func hasVisit(rs *relState, si int) bool { return len(rs.triggersIn(si, rules.TrigVisit)) > 0 }

// separately: the sentence says the meetings were separate ("held separate
// meetings with A and B", 각각, 별도로; lexicon: separate_meetings), so A
// and B did not meet each other.
func separately(s string, set *rules.Set) bool {
	ls := strings.ToLower(s)
	for _, w := range set.Lex.SeparateMeetings {
		if strings.Contains(ls, w) {
			return true
		}
	}
	return false
}

// placeOf names the place a sentence states: its places that are not
// countries (lexicon: countries), the smallest first ("Seocho District,
// Seoul").
func (rs *relState) placeOf(si int) string {
	var names []string
	for _, mi := range rs.mentionsBySent[si] {
		m := rs.res.Mentions[mi]
		if m.Type != rules.TypePlace {
			continue
		}
		n := rs.res.Entities[m.Entity].Name
		if rs.st.set.Lex.Countries[n] || slices.Contains(names, n) {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return ""
	}
	sort.SliceStable(names, func(i, j int) bool {
		return strings.Contains(names[i], " ") && !strings.Contains(names[j], " ")
	})
	return strings.Join(names, ", ")
}

// meetingPlace is the place stated for a meeting told in sentence si: the
// place the sentence names; else one named earlier in its paragraph (an
// event set up before its meetings: "X arrived in Pohang on Monday. He met
// ..."); else the place the document is set in.
func (rs *relState) meetingPlace(si int) string {
	p := rs.linePlace(si)
	if p != "" && rs.placeOf(si) != "" {
		return p
	}
	// a place the sentence names that no rule file lists ("in Oslo"): it,
	// not one from elsewhere in the story
	if x := rs.namedPlaceEN(si); x != "" {
		return x
	}
	if p != "" {
		return p
	}
	return rs.docPlace()
}

// namedPlaceEN is the place an English sentence names after a preposition
// of place_prepositions_en ("in Oslo on Monday", "in Da Nang."): one to
// three capitalized words, then punctuation, the sentence's end or a word
// of place_followers_en; none of them a month, weekday, determiner or stop
// word, and no person, organization or product mention among them. "" if
// none.
func (rs *relState) namedPlaceEN(si int) string {
	s := rs.res.Sentences[si]
	lx := &rs.st.set.Lex
	if s.Lang != "en" || len(lx.PlacePrepositionsEN) == 0 {
		return ""
	}
	text := rs.res.Doc.Text
	ts := tokens(text, s.Span)
	// a token's word without the punctuation after it ("Nang." -> "Nang")
	word := func(k int) (w string, punct bool) {
		w = strings.TrimSpace(text[ts[k].Start:ts[k].End])
		t := strings.TrimRight(w, ".,;:!?)\"'’”")
		return t, t != w
	}
	for k := 0; k+1 < len(ts); k++ {
		if w, p := word(k); p || !lx.PlacePrepositionsEN[strings.ToLower(w)] {
			continue
		}
		n, ends := 0, false
		for n < 3 && k+1+n < len(ts) && !ends {
			w, p := word(k + 1 + n)
			if !rs.placeWord(w) {
				break
			}
			n, ends = n+1, p
		}
		if n == 0 {
			continue
		}
		last, _ := word(k + n)
		span := Span{ts[k+1].Start, ts[k+n].Start + len(last)}
		switch {
		case ends, k+1+n == len(ts):
		default:
			if next, _ := word(k + 1 + n); !lx.PlaceFollowersEN[strings.ToLower(next)] {
				continue
			}
		}
		if rs.claimed(si, span) {
			continue
		}
		return text[span.Start:span.End]
	}
	return ""
}

// placeWord: w may be a word of a place's name: capitalized, letters
// (and hyphens) only, not all capitals, and no month, weekday, determiner
// or word the lexicon says is no name.
func (rs *relState) placeWord(w string) bool {
	set := rs.st.set
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 || strings.ToUpper(w) == w {
		return false
	}
	for _, c := range w[size:] {
		if !unicode.IsLetter(c) && c != '-' {
			return false
		}
	}
	l := strings.ToLower(w)
	_, month := set.Lex.MonthOf[l]
	_, day := set.Lex.WeekdayOfEN[l]
	return !month && !day && !set.Determiners[l] && !set.NotNamesEN[l] && !set.NotOrgsEN[l] && !set.Lex.NotPlacesEN[l]
}

// claimed: a person, organization or product mention of sentence si
// overlaps sp.
func (rs *relState) claimed(si int, sp Span) bool {
	for _, mi := range rs.mentionsBySent[si] {
		m := rs.res.Mentions[mi]
		if m.Type != rules.TypePlace && m.Span.Start < sp.End && sp.Start < m.Span.End {
			return true
		}
	}
	return false
}

// linePlace is the place sentence si names, else the last one an earlier
// sentence of its line named; each sentence is read once (rs.upTo).
func (rs *relState) linePlace(si int) string {
	for len(rs.upTo) <= si {
		k := len(rs.upTo)
		p := rs.placeOf(k)
		if p == "" && k > 0 && rs.res.Sentences[k-1].Line == rs.res.Sentences[k].Line {
			p = rs.upTo[k-1]
		}
		rs.upTo = append(rs.upTo, p)
	}
	return rs.upTo[si]
}

// koreanPlace writes a place as meetingPlace names it ("Seocho District,
// Seoul") with the places' Korean names ("서초구, 서울"), or "" when one of
// them has none.
func (rs *relState) koreanPlace(place string) string {
	if place == "" {
		return ""
	}
	if rs.placeKO == nil {
		// built once: a document of many meetings reads its entities once
		rs.placeKO = map[string]string{}
		for _, e := range rs.res.Entities {
			if _, seen := rs.placeKO[e.Name]; e.Type == rules.TypePlace && !seen {
				rs.placeKO[e.Name] = e.NameKO
			}
		}
	}
	var out []string
	for _, part := range strings.Split(place, ", ") {
		ko := rs.placeKO[part]
		if ko == "" {
			return ""
		}
		out = append(out, ko)
	}
	return strings.Join(out, ", ")
}

// docPlace is the place the document is set in: the city-level place
// it names most often (the first of those named as often), "" when it
// names none.
func (rs *relState) docPlace() string {
	if rs.placeDone {
		return rs.place
	}
	rs.placeDone = true
	count := map[string]int{}
	best := 0
	for _, m := range rs.res.Mentions {
		if m.Type != rules.TypePlace {
			continue
		}
		n := rs.res.Entities[m.Entity].Name
		if rs.st.set.Lex.Countries[n] {
			continue
		}
		count[n]++
		if count[n] > best {
			rs.place, best = n, count[n]
		}
	}
	return rs.place
}

// attendance handles a sentence that says who was at a gathering
// (TrigJoinPrevious: "was attended by", "이 자리에는 … 참석했다") and
// reports no meeting of its own: its people join the meeting told at most
// two sentences before (prev, nil if none); with none, two or more people
// attending together are a meeting of their own ("The forum was attended
// by A and B", "간담회에는 A, B, C가 참석했다").
func (rs *relState) attendance(si int, persons []pm, prev *Relation) (Relation, bool) {
	s := rs.res.Sentences[si]
	hits := rs.triggersIn(si, rules.TrigJoinPrevious)
	if len(hits) == 0 {
		return Relation{}, false
	}
	if prev != nil && prev.Lang == s.Lang && si-prev.Sent <= 2 {
		rs.joinPrevious(si, persons, prev)
		return Relation{}, false
	}
	qs := quoteRanges(rs.res.Doc.Text, s.Span)
	t := hits[0]
	if within(qs, t.Span) || rs.hedgedIn(si, t, rules.TrigHedgeMeeting, s.Span) {
		return Relation{}, false
	}
	st := rs.res.Doc.Text[s.Span.Start:s.Span.End]
	if s.Lang == "ko" && !containsAny(st, rs.st.set.Lex.GatheringsKO) || s.Lang != "ko" && !containsAnyFoldASCII(st, rs.st.set.Lex.GatheringsEN) {
		return Relation{}, false // 포럼에 참석했다: attending one event is no meeting
	}
	var parts []int
	for _, p := range persons {
		// references count here ("김 대표와 코스타 대표가 참석했다")
		if p.quoted || rs.reporter[p.ent] || slices.Contains(parts, p.ent) || rs.inAside(s, p.span) {
			continue
		}
		parts = append(parts, p.ent)
	}
	if h := rs.recentHost(si); h >= 0 && len(parts) >= 1 && !slices.Contains(parts, h) {
		// "이날 간담회에는 A, B가 참석했다" after "X 장관이 간담회를
		// 개최했다": the host was there
		parts = append([]int{h}, parts...)
	} else if len(parts) == 1 {
		rs.host, rs.hostSent = parts[0], si
	}
	if len(parts) < 2 {
		return Relation{}, false
	}
	return rs.meetingAt(si, t, parts), true
}

// dateLater dates the meeting told just before (m) from sentence si when
// si opens by naming it ("The meeting, which took place on Wednesday, …",
// "회동은 3일 …"; lexicon: meeting_refs) and gives a date, and m's own
// sentence gave none (its date came from the story or the publication).
func (rs *relState) dateLater(si int, m *Relation) {
	s := rs.res.Sentences[si]
	t := rs.dates[si]
	if t.IsZero() || m.Lang != s.Lang || si-m.Sent > 2 || m.Dated {
		return
	}
	if !hasAnyPrefix(rs.res.Doc.Text[s.Span.Start:s.Span.End], rs.st.set.Lex.MeetingRefs) {
		return
	}
	m.Date, m.Dated = t.Format("2006-01-02"), true
}

// joinPrevious adds the people of sentence si to the meeting told just
// before it when the sentence says they were there too ("이 자리에는 최은영
// 부사장도 참석해", "The lunch was also attended by ...").
func (rs *relState) joinPrevious(si int, persons []pm, m *Relation) {
	s := rs.res.Sentences[si]
	added := false
	for _, p := range persons {
		if p.quoted || p.virtual || rs.reporter[p.ent] || slices.Contains(m.Args, p.ent) || rs.inAside(s, p.span) {
			continue
		}
		m.Args = append(m.Args, p.ent)
		added = true
	}
	if added {
		m.Also = append(m.Also, s.Span)
		m.AlsoSents = append(m.AlsoSents, si)
		h := rs.triggersIn(si, rules.TrigJoinPrevious)[0]
		m.AlsoRules = append(m.AlsoRules, rs.st.set.Triggers[h.Kw.Index].ID)
	}
}

// mergeMeetings joins reports of one meeting: the same people on the same
// day, or an English sentence and its Korean translation on the next line.
//
// Lines before lead (a summary above the byline, as in the seed) restate
// the body: a meeting there whose people all met in one body meeting is
// that meeting, whatever date the summary gives.
func mergeMeetings(ms []Relation, lead int) []Relation {
	var out []Relation
	var summary []Relation
	var ix meetingIndex
	for _, m := range ms {
		if m.Line < lead {
			summary = append(summary, m)
			continue
		}
		m.Args = uniqInts(m.Args)
		// the first meeting so far that is m's: the same people on one
		// day, or when one of the reports states no day of its own (its
		// date came from the story or the publication) and they name the
		// same place; or m's translation on the line before or after
		k := ix.first(out, m)
		if k < 0 {
			out = append(out, m)
			ix.add(out, len(out)-1)
			continue
		}
		o := &out[k]
		same := sameSet(o.Args, m.Args) && (o.Date == m.Date || (!o.Dated || !m.Dated) && o.Place == m.Place)
		trans := o.Lang != m.Lang && abs(o.Line-m.Line) == 1 && overlap(o.Args, m.Args) >= 2
		changed := false
		if trans {
			var in intSet
			for _, a := range m.Args {
				o.Args = in.appendNew(o.Args, a)
			}
			if o.Lang != "en" && m.Lang == "en" {
				o.Date = m.Date
				o.Place, o.PlaceKO = m.Place, m.PlaceKO
			}
			changed = true
		}
		if same && !o.Dated && m.Dated {
			o.Date, o.Dated = m.Date, true
			changed = true
		}
		o.Also = append(o.Also, m.Evidence)
		o.AlsoSents = append(o.AlsoSents, m.Sent)
		o.AlsoRules = append(o.AlsoRules, m.Rule)
		if changed {
			ix.add(out, k) // listed again under its new people, date or place
		}
	}
	for _, m := range summary {
		m.Args = uniqInts(m.Args)
		merged := false
		for k := range out {
			if overlap(out[k].Args, m.Args) == len(m.Args) {
				out[k].Also = append(out[k].Also, m.Evidence)
				out[k].AlsoSents = append(out[k].AlsoSents, m.Sent)
				out[k].AlsoRules = append(out[k].AlsoRules, m.Rule)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, m)
		}
	}
	return out
}

// meetingIndex finds for mergeMeetings the first meeting of out that a
// report is a report of, through the meetings of its set of people (on
// its date; undated or when it is undated, at its place) and of the lines
// next to it, instead of asking every meeting so far (one document's
// 10,000 meetings were 50 million questions). Each list holds positions
// in out in increasing order with the version of the meeting listed: a
// meeting whose people, date or place change is listed again under its
// new keys, and a listing of an older version is dropped when met.
type meetingIndex struct {
	lists   map[string][]listed
	version []int // of each meeting of out
}

type listed struct{ k, version int }

func meetingSetKey(args []int) string {
	a := slices.Clone(args)
	slices.Sort(a)
	b := make([]byte, 0, 4*len(a))
	for _, x := range a {
		b = strconv.AppendInt(append(b, ','), int64(x), 10)
	}
	return string(b)
}

// add lists out[k], new or changed.
func (ix *meetingIndex) add(out []Relation, k int) {
	if ix.lists == nil {
		ix.lists = map[string][]listed{}
	}
	if k == len(ix.version) {
		ix.version = append(ix.version, 0)
		key := "l\x00" + strconv.Itoa(out[k].Line)
		ix.lists[key] = append(ix.lists[key], listed{k, 0}) // the line never changes
	} else {
		ix.version[k]++
	}
	o := &out[k]
	set := meetingSetKey(o.Args)
	keys := []string{"d\x00" + set + "\x00" + o.Date, "p\x00" + set + "\x00" + o.Place}
	if !o.Dated {
		keys = append(keys, "u\x00"+set+"\x00"+o.Place)
	}
	for _, key := range keys {
		l := ix.lists[key]
		i := sort.Search(len(l), func(i int) bool { return l[i].k >= k })
		ix.lists[key] = slices.Insert(l, i, listed{k, ix.version[k]})
	}
}

// first returns the first meeting of out that m is a report of, -1 if none.
func (ix *meetingIndex) first(out []Relation, m Relation) int {
	if len(out) == 0 {
		return -1
	}
	best := -1
	// the same people on m's date; undated ones at m's place, or any at
	// m's place when m is undated: the first listing of the current
	// version is the first such meeting
	set := meetingSetKey(m.Args)
	keys := []string{"d\x00" + set + "\x00" + m.Date, "u\x00" + set + "\x00" + m.Place}
	if !m.Dated {
		keys[1] = "p\x00" + set + "\x00" + m.Place
	}
	for _, key := range keys {
		l := ix.lists[key]
		for len(l) > 0 && l[0].version != ix.version[l[0].k] {
			l = l[1:]
		}
		ix.lists[key] = l
		if len(l) > 0 && (best < 0 || l[0].k < best) {
			best = l[0].k
		}
	}
	// a translation on the next line or the one before
	for _, line := range []int{m.Line - 1, m.Line + 1} {
		for _, e := range ix.lists["l\x00"+strconv.Itoa(line)] {
			if best >= 0 && e.k >= best {
				break
			}
			if o := &out[e.k]; o.Lang != m.Lang && overlap(o.Args, m.Args) >= 2 {
				best = e.k
				break
			}
		}
	}
	return best
}

// leadEnd is the line of the first byline or "Posted" line when a summary
// stands above it, else 0.
func leadEnd(ss []Sentence) int {
	for _, s := range ss {
		if s.Kind == KindByline {
			return s.Line
		}
	}
	return 0
}

// uniqInts returns a without repeats, in order.
func uniqInts(a []int) []int {
	var out []int
	var in intSet
	for _, x := range a {
		out = in.appendNew(out, x)
	}
	return out
}

// intSet remembers the ints of a list as appendNew adds them, so that a
// list of thousands (a meeting's people) is not searched for each: a short
// list is searched, a long one indexed.
type intSet struct{ m map[int]bool }

// intSetLinear is the length up to which a list is searched.
const intSetLinear = 16

// appendNew appends x to list unless list has it. Once the set has
// indexed list (it is long), list must grow by appendNew alone.
func (s *intSet) appendNew(list []int, x int) []int {
	if s.has(list, x) {
		return list
	}
	if s.m != nil {
		s.m[x] = true
	} else if len(list) >= intSetLinear {
		s.m = make(map[int]bool, 2*len(list))
		for _, y := range list {
			s.m[y] = true
		}
		s.m[x] = true
	}
	return append(list, x)
}

// has: list (the set's) holds x.
func (s *intSet) has(list []int, x int) bool {
	if s.m != nil {
		return s.m[x]
	}
	return slices.Contains(list, x)
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	return overlap(a, b) == len(a)
}

// overlap counts the ints of a that b holds.
func overlap(a, b []int) int {
	n := 0
	if len(a) > intSetLinear && len(b) > intSetLinear {
		in := make(map[int]bool, len(b))
		for _, y := range b {
			in[y] = true
		}
		for _, x := range a {
			if in[x] {
				n++
			}
		}
		return n
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
