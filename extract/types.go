package extract

import "github.com/kg-news/kg/rules"

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
	TitleOrig string // role: the words of the text
	TitleRank int
	Date      string // meeting: YYYY-MM-DD, "" if unknown
	Place     string // meeting
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

// Extractor runs a rule set over documents. It is safe for concurrent use.
type Extractor struct {
	Set *rules.Set
	gaz *gazIndex // built by New; an Extractor made otherwise builds one per document
}

// New returns an extractor for set.
func New(set *rules.Set) *Extractor { return &Extractor{Set: set, gaz: newGazIndex(set)} }
