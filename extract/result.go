package extract

import "slices"

// Mention is one occurrence of an entity in the text.
type Mention struct {
	Span   Span
	Type   string // rules.TypePerson, TypeOrg, TypeProduct, TypePlace
	Entity int    // index into Result.Entities
	Sent   int    // index into Result.Sentences
	Rule   string // id of the rule that found it
}

// Entity is one real-world person, organization, product or place of a
// document, with every surface form it was mentioned by.
type Entity struct {
	Type    string
	Name    string // display name: English if known, else Korean
	NameEN  string
	NameKO  string
	Aliases []string
	Rule    string // id of the rule that found it first
	Gaz     int    // index into rules.Set.Entities, -1 if discovered
}

// Relation kinds.
const (
	RelRole        = "role"
	RelMeeting     = "meeting"
	RelPartnership = "partnership"
)

// Relation is a role, a meeting or a partnership, with its evidence.
type Relation struct {
	Kind string
	// Args are entity indexes: role (person, org); partnership (org, org);
	// meeting (participants, sorted by first mention).
	Args      []int
	Title     string // role: normalized English title
	Former    bool   // role: the text says it is no longer held
	TitleOrig string // role: the words of the text
	TitleRank int
	Date      string // meeting: YYYY-MM-DD, "" if unknown
	Dated     bool   // meeting: the date is stated for it, not the story's or the publication's
	Place     string // meeting: English names of the places, smallest first
	PlaceKO   string // meeting: the same places' Korean names, "" if one has none
	What      string // meeting: the trigger words ("luncheon", "오찬")
	Sent      int    // sentence index of the evidence
	Evidence  Span   // the sentence
	Rule      string
	Line      int
	Lang      string
	// Also holds further evidence of the same meeting (its translation,
	// a repeat), with the sentences and rules that found it.
	Also      []Span
	AlsoSents []int
	AlsoRules []string
}

// Result is everything extracted from one document.
type Result struct {
	Doc       Document
	Published string // YYYY-MM-DD, "" if unknown
	Sentences []Sentence
	Entities  []Entity
	Mentions  []Mention
	Relations []Relation
	Warnings  []Warning
}

// finish resolves overlapping candidates (longest first, then the surer
// rule) and numbers the live entities.
func (st *state) finish() Result {
	cs := st.cands
	slices.SortStableFunc(cs, func(a, b cand) int {
		if a.span.Start != b.span.Start {
			return a.span.Start - b.span.Start
		}
		if la, lb := a.span.End-a.span.Start, b.span.End-b.span.Start; la != lb {
			return lb - la
		}
		return b.prio - a.prio
	})
	res := Result{Doc: st.d, Sentences: st.sents}
	newIdx := map[int]int{}
	end := -1
	for _, c := range cs {
		if c.span.Start < end {
			continue
		}
		e := st.reg.find(c.ent)
		ni, ok := newIdx[e]
		if !ok {
			ni = len(res.Entities)
			newIdx[e] = ni
			res.Entities = append(res.Entities, *st.reg.ents[e])
		}
		surface := st.d.Text[c.span.Start:c.span.End]
		ent := &res.Entities[ni]
		if !slices.Contains(ent.Aliases, surface) {
			ent.Aliases = append(ent.Aliases, surface)
		}
		res.Mentions = append(res.Mentions, Mention{Span: c.span, Type: ent.Type, Entity: ni, Sent: st.sentOf(c.span.Start), Rule: c.rule})
		end = c.span.End
	}
	st.newIdx = newIdx
	return res
}
