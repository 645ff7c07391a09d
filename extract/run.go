package extract

import (
	"sort"

	"github.com/kg-news/kg/rules"
)

// Extractor runs a rule set over documents. It is safe for concurrent use.
type Extractor struct {
	Set *rules.Set
	gaz *gazIndex // built by New; an Extractor made otherwise builds one per document
}

// New returns an extractor for set.
func New(set *rules.Set) *Extractor { return &Extractor{Set: set, gaz: newGazIndex(set)} }

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
	st.sharedTitlesKO()
	st.orgConjunctsKO()
	st.conjuncts()
	st.attendeeLists()
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

	bylines  []bylineFact
	listSeps []string // conjuncts: the separators of a list of names
	// attendeeLines: each line of an attendee list set out below its
	// sentence ("Among those present were:" then "1. NAME, TITLE, ORG")
	// → that sentence
	attendeeLines map[int]int
	newIdx        map[int]int // live registry entity → Result.Entities index
}

type cand struct {
	span Span
	ent  int
	prio int
	rule string
}

// roleFact is a stated role before resolution.
type roleFact struct {
	prefix      string // "Deputy " or "Acting " before the title
	former      bool   // "former CEO", "전 회장": no longer held
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

type bylineFact struct {
	title  int // -1: a reporter
	person int
	sent   int
	rule   string
	span   Span
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

func (st *state) text(s Span) string { return st.d.Text[s.Start:s.End] }
