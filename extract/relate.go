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
	st        *state
	res       *Result
	roles     map[int][]roleFact // person (result index) → roles
	lastSeen  map[int]int        // entity → last mention offset
	focus     map[string]int     // lang → person
	ctxDate   time.Time
	pub       time.Time
	place     string
	placeDone bool
	upTo      []string          // linePlace of each sentence so far
	placeKO   map[string]string // Korean name of each place entity (koreanPlace)
	dates     map[int]time.Time // sentence → the date it states

	// per-sentence indexes, so work stays linear in the document's size
	mentionsBySent [][]int   // indexes into res.Mentions
	hitsBySent     [][]kwHit // keyword hits
	refsBySent     [][]refFact
	reporter       map[int]bool // persons who wrote the story: never meeting participants
	newsOrg        []int8       // entity → 0 not yet known, 1 no, 2 a news outlet (isOutlet or newsName)
	event          int8         // eventStory: 0 not yet known, 1 yes, 2 no
	// host: the one person a meeting or attendance sentence named alone
	// ("주형환 장관이 … 간담회를 개최했다", "Theresa May hosts a meeting"),
	// and its sentence: the gathering's host, who joins the attendees the
	// next sentences list (hostWindow)
	host, hostSent int

	// triggersIn's cache for one sentence: a sentence's triggers of a
	// kind were collected again for every trigger that asked about its
	// hedges, quadratic in a sentence of repeated meeting verbs
	trigSent   int
	trigByKind map[string][]kwHit
}

// relate finds roles, meetings and partnerships sentence by sentence.
func relate(st *state, res *Result) {
	rs := &relState{st: st, res: res, roles: map[int][]roleFact{}, lastSeen: map[int]int{}, focus: map[string]int{}, reporter: map[int]bool{}, dates: map[int]time.Time{}, host: -1}
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
		if h, ok := st.attendeeLines[si]; ok {
			rs.listAttendees(si, h, persons, &meetings)
			continue
		}
		if s.Kind == KindBody {
			t := resolveDate(maskReportDates(res.Doc.Text[s.Span.Start:s.Span.End], s.Lang, &st.set.Lex), s.Lang, rs.pub, rs.ctxDate, st.set)
			if t.IsZero() && rs.pub.IsZero() && !undatedWarned {
				if w := relativeDate(res.Doc.Text[s.Span.Start:s.Span.End], s.Lang, st.set); w != "" {
					undatedWarned = true
					res.Warnings = append(res.Warnings, Warning{Offset: s.Span.Start + strings.Index(res.Doc.Text[s.Span.Start:s.Span.End], w),
						Msg: fmt.Sprintf("relative dates such as %q cannot be resolved: the document states no publication date; give one in its metadata (front matter, a JSON Lines or CSV date, a page's article:published_time or JSON-LD datePublished) or with --date", w)})
				}
			}
			rs.dates[si] = t
			if !t.IsZero() {
				rs.ctxDate = t
			}
			if m := rs.meetings(si, persons); len(m) > 0 {
				meetings = append(meetings, m...)
			} else {
				var prev *Relation
				if len(meetings) > 0 {
					prev = &meetings[len(meetings)-1]
				}
				if m, ok := rs.attendance(si, persons, prev); ok {
					meetings = append(meetings, m)
				} else if prev != nil {
					// every meeting of that sentence ("met separately with
					// A and B. The meetings took place on Tuesday.")
					for k := len(meetings) - 1; k >= 0 && meetings[k].Sent == prev.Sent; k-- {
						rs.dateLater(si, &meetings[k])
					}
				}
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

// triggersIn returns the trigger hits of kind in sentence si.
func (rs *relState) triggersIn(si int, kind string) []kwHit {
	if rs.trigSent != si || rs.trigByKind == nil {
		rs.trigSent, rs.trigByKind = si, map[string][]kwHit{}
	}
	if hs, ok := rs.trigByKind[kind]; ok {
		return hs
	}
	hs := rs.findTriggers(si, kind)
	rs.trigByKind[kind] = hs
	return hs
}

// maxTriggersPerSentence bounds the triggers of one kind read in a
// sentence: a news sentence has one to three, and each is weighed against
// the sentence's every organization or person, so a sentence of thousands
// (a run-on line of words) was quadratic. The rest are skipped with a
// warning.
const maxTriggersPerSentence = 64

// findTriggers is triggersIn without the cache, in the order of their
// starts, at most maxTriggersPerSentence.
func (rs *relState) findTriggers(si int, kind string) (out []kwHit) {
	s := rs.res.Sentences[si]
	// out is the named result, so that the cap the deferred function sets
	// is what the caller gets (with a plain "return out" the slice was
	// returned whole, and the cap only warned)
	defer func() {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
		if len(out) > maxTriggersPerSentence {
			rs.res.Warnings = append(rs.res.Warnings, Warning{Offset: out[maxTriggersPerSentence].Span.Start,
				Msg: fmt.Sprintf("a sentence with %d %s words: only the first %d are read", len(out), kind, maxTriggersPerSentence)})
			out = out[:maxTriggersPerSentence]
		}
	}()
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

// within: sp lies inside one of the spans.
func within(qs []Span, sp Span) bool {
	for _, q := range qs {
		if sp.Start >= q.Start && sp.End <= q.End {
			return true
		}
	}
	return false
}
