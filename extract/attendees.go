package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Attendee lists: English news names who attended with a list after a
// verb ("Chief executives at the event at Number 10 included Tesco's Ken
// Murphy, NatWest's Paul Thwaite, Simon Roberts of Sainsbury's and Zoë
// Yujnovich of National Grid"), and its items carry no title, so no
// pattern rule reads them. attendeeLists reads such a list where an
// attendance trigger (kind join_previous) stands before one of the
// lexicon's list_verbs_en in the sentence: each item, as "ORG's NAME",
// "NAME of ORG" or "NAME", gives a person when NAME has a name's shape
// (two to four capitalized words), and the organization a candidate.
// The relations stage then joins them to the meeting, as it does any
// person of an attendance sentence.

const attendeeRule = "person.en.attendee"

func (st *state) attendeeLists() {
	text := st.d.Text
	done := -1 // the end of the last sentence read: each is read once
	for _, h := range st.hits {
		if h.Kw.Kind != rules.KwTrigger || h.Span.Start < done {
			continue
		}
		t := st.set.Triggers[h.Kw.Index]
		if t.Kind != rules.TrigJoinPrevious || t.Lang == "ko" {
			continue
		}
		si := st.sentOf(h.Span.Start)
		if si < 0 || st.sents[si].Lang != "en" || st.skipped(h.Span.Start) {
			continue
		}
		// one list a sentence, from its first attendance trigger: a
		// sentence of many triggers is read once
		sent := st.sents[si].Span
		done = sent.End
		from := listStart(text, h.Span.End, sent.End, st.set.Lex.ListVerbsEN)
		if from < 0 {
			continue
		}
		if strings.TrimSpace(strings.Trim(text[from:sent.End], " :\n")) == "" {
			// "Among those present were:" and the list set out below
			st.attendeeLinesAfter(si)
			continue
		}
		for _, it := range splitList(text, Span{from, sent.End}, st.listSeps) {
			st.attendee(it)
		}
	}
}

// attendeeLinesAfter reads the list set out in the lines after sentence
// si, one item a line, each opening with a number or a bullet ("1.",
// "2)", "-", "•"): its name (before the first comma) is a person. The
// list ends at the first line that is no item, or after maxListItems.
func (st *state) attendeeLinesAfter(si int) {
	text := st.d.Text
	for sj := si + 1; sj < len(st.sents) && sj <= si+maxListItems; sj++ {
		s := st.sents[sj].Span
		line := text[s.Start:s.End]
		body := strings.TrimLeft(line, " \t")
		rest, ok := listMarker(body)
		if !ok {
			return
		}
		start := s.End - len(rest)
		end := s.End
		if i := strings.IndexByte(rest, ','); i > 0 {
			end = start + i
		}
		if st.attendeeLines == nil {
			st.attendeeLines = map[int]int{}
		}
		st.attendeeLines[sj] = si
		st.attendee(Span{start, end})
	}
}

// listMarker strips an item's number or bullet ("12. ", "3) ", "- ",
// "• ") and reports whether there was one.
func listMarker(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return strings.TrimLeft(s[i+1:], " "), true
	}
	for _, b := range []string{"- ", "• ", "* ", "· ", "– "} {
		if strings.HasPrefix(s, b) {
			return strings.TrimLeft(s[len(b):], " "), true
		}
	}
	return s, false
}

// listStart is where the list begins: after the first list verb (whole
// word) between from and end, or after the trigger itself when it ends
// in one ("attendees included"); -1 when there is none.
func listStart(text string, from, end int, verbs []string) int {
	for _, v := range verbs {
		if strings.HasSuffix(strings.TrimRight(text[max(0, from-len(v)-1):from], " "), " "+v) || from >= len(v) && text[from-len(v):from] == v {
			return from
		}
	}
	best := -1
	for _, v := range verbs {
		for _, after := range []string{" ", ":"} { // "were: A; B; and C", "were:" and a list below
			i := strings.Index(text[from:end], " "+v+after)
			if i >= 0 && (best < 0 || from+i+len(v)+1+len(after) < best) {
				best = from + i + len(v) + 1 + len(after)
			}
		}
	}
	return best
}

// splitList cuts a list into its items at semicolons when it has any,
// else at commas and the list connectors (seps, longest first).
func splitList(text string, sp Span, seps []string) []Span {
	body := text[sp.Start:sp.End]
	body = strings.TrimRight(body, ".!?\n ")
	cuts := seps
	if strings.Contains(body, ";") {
		cuts = []string{"; and ", "; "}
	}
	var out []Span
	at := 0
	for k := 0; k < maxListItems && at < len(body); k++ {
		next, width := len(body), 0
		for _, c := range cuts {
			if i := strings.Index(body[at:], c); i >= 0 && at+i < next {
				next, width = at+i, len(c)
			}
		}
		out = append(out, Span{sp.Start + at, sp.Start + next})
		if width == 0 {
			break
		}
		at = next + width
	}
	return out
}

// attendee reads one list item.
func (st *state) attendee(it Span) {
	text := st.d.Text
	item := text[it.Start:it.End]
	name, org := it, Span{-1, -1}
	for _, p := range st.set.Lex.PossessivesEN {
		if i := strings.Index(item, p+" "); i > 0 {
			org = Span{it.Start, it.Start + i}
			name = Span{it.Start + i + len(p) + 1, it.End}
			break
		}
	}
	if !org.ok() {
		for l := range st.set.Lex.OrgLinksEN {
			if i := strings.Index(item, " "+l+" "); i > 0 {
				name = Span{it.Start, it.Start + i}
				org = Span{it.Start + i + len(l) + 2, it.End}
				break
			}
		}
	}
	// "NAME, title" inside a semicolon list: the name is before the comma
	if i := strings.IndexByte(text[name.Start:name.End], ','); i > 0 {
		name.End = name.Start + i
	}
	// "KCCI Chairman Park Yong-maan": the name is after the last title
	// word (the pattern rules read the role)
	for _, t := range tokens(text, name) {
		if isTitleWord(text[t.Start:t.End], st.set) {
			name.Start = t.End + 1
		}
	}
	if name.Start >= name.End {
		return
	}
	if !nameShapedEN(text[name.Start:name.End], st.set) {
		return
	}
	if p, psp := st.person(name, "en", attendeeRule, false); p >= 0 {
		st.cands = append(st.cands, cand{span: psp, ent: p, prio: 1, rule: attendeeRule})
	}
	if org.ok() {
		if i := strings.IndexByte(text[org.Start:org.End], ','); i > 0 {
			org.End = org.Start + i
		}
		if o, osp := st.org(org, attendeeRule); o >= 0 {
			st.cands = append(st.cands, cand{span: osp, ent: o, prio: 1, rule: attendeeRule})
		}
	}
}

// nameShapedEN: two to four words, each a capital and then letters
// (accented, an apostrophe or a hyphen inside: O’Shea, Kar-Gupta), or an
// initial; the first no word the lexicon rules out as a name.
func nameShapedEN(s string, set *rules.Set) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 || set.NotNamesEN[strings.ToLower(ws[0])] {
		return false
	}
	for _, w := range ws {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		rest := w[size:]
		if rest == "." || rest == "" {
			continue // an initial
		}
		for _, c := range rest {
			if !unicode.IsLetter(c) && c != '’' && c != '\'' && c != '-' {
				return false
			}
		}
	}
	return true
}
