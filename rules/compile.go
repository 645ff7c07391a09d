package rules

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/internal/ac"
	"github.com/kg-news/kg/internal/slug"
	"github.com/kg-news/kg/rules/tokpat"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Entity types.
const (
	TypePerson  = "PERSON"
	TypeOrg     = "ORGANIZATION"
	TypeProduct = "PRODUCT"
	TypePlace   = "PLACE"
)

var entityTypes = map[string]bool{TypePerson: true, TypeOrg: true, TypeProduct: true, TypePlace: true}

// Trigger kinds. Each is read by the extractor's relate stage; a kind no
// stage reads is refused when rules load.
const (
	TrigMeeting       = "meeting"
	TrigPartnership   = "partnership"
	TrigHedgeMeeting  = "hedge_meeting"
	TrigHedgePartner  = "hedge_partnership"
	TrigVisit         = "visit"
	TrigClauseBreakEN = "clause_break"
	TrigJoinPrevious  = "join_previous"
)

var triggerKinds = map[string]bool{TrigMeeting: true, TrigPartnership: true, TrigHedgeMeeting: true,
	TrigHedgePartner: true, TrigVisit: true, TrigClauseBreakEN: true, TrigJoinPrevious: true}

// TriggerKinds lists every trigger kind, in a stable order.
func TriggerKinds() []string { return slices.Sorted(maps.Keys(triggerKinds)) }

// PatternKind is what a pattern rule finds.
type PatternKind string

// Pattern kinds. Every kind here is handled by the extractor (its
// mentions stage: discover in extract/mentions.go;
// TestEveryPatternKindHandled checks it); a kind no stage handles is
// refused when rules load rather than compiled
// to do nothing.
const (
	PatRole        PatternKind = "role"    // a person holds a title at an organization
	PatRoleForeign PatternKind = "rolefn"  // the same, the person a foreign name in Hangul
	PatPerson      PatternKind = "person"  // a person's name
	PatPersonTitle PatternKind = "persont" // a person with a title, no organization
	PatOrg         PatternKind = "org"     // an organization's name
	PatAlias       PatternKind = "alias"   // a name and its short form: "Korea Electric Power Corp. (KEPCO)"
	PatByline      PatternKind = "byline"  // the writer of the article
	PatOutlet      PatternKind = "outlet"  // the outlet that published it
	PatRoleRef     PatternKind = "roleref" // a person named by title: "the OpenAI CEO"
)

// patternKinds are the kinds and the named groups each needs.
var patternKinds = map[PatternKind][]string{
	PatRole:        {"person", "org", "title"},
	PatRoleForeign: {"person", "org", "title"},
	PatPerson:      {"person"},
	PatPersonTitle: {"person", "title"},
	PatOrg:         {"org"},
	PatAlias:       {"name", "alias"},
	PatByline:      {"person"},
	PatOutlet:      {"org"},
	PatRoleRef:     {"org", "title"},
}

// PatternKinds lists every pattern kind, in a stable order.
func PatternKinds() []PatternKind { return slices.Sorted(maps.Keys(patternKinds)) }

// Entity is a compiled gazetteer entry.
type Entity struct {
	ID      string
	Name    string
	Type    string
	NameKO  string
	Aliases []string // every surface form, the name included
	Rule    string   // the id of the entity entry
}

// Title is a normalized title with its words.
type Title struct {
	ID        string
	Title     string
	Rank      int
	Honorific bool
	Examples  []Example
	Pos       Pos
}

// Trigger is a compiled trigger word list.
type Trigger struct {
	ID       string
	Kind     string
	Lang     string
	Mode     string
	Examples []Example
	Pos      Pos
}

// Pattern is a compiled pattern rule: a regular expression (Re) or a
// token pattern (Tok).
type Pattern struct {
	ID     string
	Kind   PatternKind
	Lang   string
	Source string // the regex or token pattern as written, with macros
	Re     *regexp.Regexp
	// Anchored is Re anchored at the start; Korean rules run it at every
	// word start so that a wrong early match cannot hide a right one.
	Anchored *regexp.Regexp
	NeedsKw  string // keyword class that must occur in a sentence before the pattern runs ("title" or "")
	// MaxSpaces is the most spaces (U+0020) a match can contain, -1 for
	// no bound: a match that starts at i ends before the MaxSpaces+1st
	// space after i, so the pattern can run on that window alone.
	MaxSpaces int
	// NeedsTitle: every match contains a title mark (see MaskTitles).
	NeedsTitle bool
	// Anchors are strings one of which every match contains (nil: none
	// known): with MaxSpaces, the rule need only run near them.
	Anchors []string
	// BeginAssert: the regexp asserts the start of the text or a line.
	BeginAssert bool
	Keywords    []string // lower-case literals, one of which must occur in a sentence (none: no prefilter)
	Examples    RawExamples
	Pos         Pos
	// Tok is the compiled token pattern of a rule written with tokens:
	// (Re and Anchored are nil then); TokRule is its rule in Set.TokProg.
	Tok     *tokpat.Pattern
	TokRule int
	// EveryWordStart: the rule runs anchored at every word start (Korean
	// role and person rules; see extract's findAll).
	EveryWordStart bool
	// KeywordsImplied: every match holds one of Keywords, so the
	// prefilter can be skipped (token rules only).
	KeywordsImplied bool
}

// Keyword kinds: what a keyword found by the automaton stands for.
const (
	KwEntity  = iota // Index into Set.Entities
	KwTitle          // Index into Set.Titles
	KwTrigger        // Index into Set.Triggers
	KwLex            // Index is a Lex* class
)

// Lexicon classes found by the automaton.
const (
	LexPronounEN = iota
	LexPronounKO
	LexSelfRef
	LexOrgDescriptorEN
	LexOrgDescriptorKO
	LexPlural      // "the two", 두 사람: the two persons spoken of last
	LexPluralThree // "the three", 세 사람: the three persons spoken of last
)

// Keyword is one meaning of a string found by the automaton.
type Keyword struct {
	Kind  int
	Index int
	Word  string // as written in the rules
}

// Set is a compiled, immutable rule set, safe for concurrent use.
type Set struct {
	Entities []Entity
	Titles   []Title
	Triggers []Trigger
	Patterns []Pattern

	// Keywords[i] lists the meanings of automaton pattern i.
	Keywords [][]Keyword
	Words    []string
	Matcher  *ac.Matcher
	// TokProg is every token pattern rule of Patterns in one automaton
	// (nil if there are none).
	TokProg *tokpat.Program

	Particles []string // Korean particles, longest first
	// ParticlesByFirst: the particles by their first rune, longest first.
	ParticlesByFirst map[rune][]string
	Surnames         map[string][]string // Korean surname → romanizations
	SurnameOfEN      map[string][]string // lower-case romanization → Korean surnames
	OrgSuffixesEN    []string
	OrgSuffixesKO    []string
	// OrgSuffixKOByLast: the Korean suffixes by their last rune, in the
	// order of OrgSuffixesKO (see KOSuffix).
	OrgSuffixKOByLast map[rune][]string
	OrgSuffixLastEN   map[string][][]string // last word of an English suffix → the suffixes, as words
	OrgBareKO         map[string]bool       // suffixes that name a company after a space: "베르크만 오토모티브"
	SuffixEN          map[string][]string   // Korean organization suffix → its English words (제철 → Steel)
	NotNamesEN        map[string]bool
	NotNamesKO        map[string]bool
	NotOrgsEN         map[string]bool
	NotOrgsKO         map[string]bool
	Abbreviations     map[string]bool
	SkipPrefixes      []string
	Outlets           map[string]bool
	Determiners       map[string]bool
	GivenNamesEN      map[string]bool
	ForeignSurnames   map[string]bool
	// LegalSuffixes are the words of legal forms (Co., Corp., 주식회사),
	// lower case without dots: corpus resolution reads "Acme Co." and
	// "ACME Corporation" as one name.
	LegalSuffixes map[string]bool
	TitleWordsEN  []string
	TitleWordsKO  []string
	TitleOf       map[string]int // lower-case title word → index into Titles
	// Lex holds the other word lists the extractor reads (see Lexicon).
	Lex Lexicon

	// Collisions are words claimed twice (one alias by two entities of a
	// type, one word by two titles or by two kinds of trigger, an alias
	// that is also a title or trigger word): not errors, since a rule set
	// may mean it, but `kg rules check` reports them (see Check).
	Collisions ErrorList
	// LexiconExamples are the examples of the lexicons, with their files.
	LexiconExamples []FileExample
}

// FileExample is an example and the rule file it is written in.
type FileExample struct {
	File string
	Example
}

// Normalize applies the normalization kg applies to documents (NFC and
// width folding) so rule strings and text compare equal.
func Normalize(s string) string {
	if normalized(s) {
		return s
	}
	return slowNormalize(s)
}

func slowNormalize(s string) string {
	return width.Fold.String(norm.NFC.String(s))
}

// normalized reports whether s is made only of characters that NFC and
// width folding leave alone whatever their neighbours: printable ASCII and
// precomposed Hangul syllables, which is what almost every alias is.
func normalized(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
		i += n
	}
	return true
}

// Compile checks the decoded files together and builds a Set. It reports
// every problem at once.
func Compile(files []*File) (*Set, error) {
	var errs ErrorList
	set := &Set{
		Surnames: map[string][]string{}, SurnameOfEN: map[string][]string{},
		NotNamesEN: map[string]bool{}, NotNamesKO: map[string]bool{}, NotOrgsEN: map[string]bool{}, NotOrgsKO: map[string]bool{},
		Abbreviations: map[string]bool{}, Outlets: map[string]bool{}, Determiners: map[string]bool{},
		GivenNamesEN: map[string]bool{}, ForeignSurnames: map[string]bool{}, TitleOf: map[string]int{}, LegalSuffixes: map[string]bool{},
		OrgBareKO: map[string]bool{}, SuffixEN: map[string][]string{}, OrgSuffixLastEN: map[string][][]string{},
		Lex: newLexicon(),
	}
	var ids map[string]Pos
	claim := func(id string, pos Pos) bool {
		if id == "" {
			errs.Add(pos, "", "missing id")
			return false
		}
		if prev, ok := ids[id]; ok {
			errs.Add(pos, id, "duplicate id (first defined at %s)", prev)
			return false
		}
		ids[id] = pos
		return true
	}
	// Size the tables for the gazetteers, which can be large.
	nAliases, nEntities := 0, 0
	for _, f := range files {
		nEntities += len(f.Entities)
		for _, r := range f.Entities {
			nAliases += 2 + len(r.Aliases)
		}
	}
	ids = make(map[string]Pos, nEntities+1024)
	set.Entities = make([]Entity, 0, nEntities)
	kw := make(map[string]int32, nAliases+1024) // normalized, lower-cased keyword → index in kwOrder
	kwOrder := make([]string, 0, nAliases+1024)
	keywords := make([][]Keyword, 0, nAliases+1024) // meanings, by index in kwOrder
	kwBuf := make([]Keyword, 0, nAliases+1024)      // backing store of words' first meanings
	// addKwNorm adds meaning k of the normalized word w, lower-cased lw.
	addKwNorm := func(w, lw string, k Keyword) {
		if lw == "" {
			return
		}
		k.Word = w
		if i, ok := kw[lw]; ok {
			keywords[i] = append(keywords[i], k)
			return
		}
		kw[lw] = int32(len(kwOrder))
		kwOrder = append(kwOrder, lw)
		kwBuf = append(kwBuf, k)
		keywords = append(keywords, kwBuf[len(kwBuf)-1:len(kwBuf):len(kwBuf)])
	}
	addKw := func(word string, k Keyword) {
		w := Normalize(strings.TrimSpace(word))
		addKwNorm(w, strings.ToLower(w), k)
	}
	// aliasOwner maps a lower-cased alias to the index in set.Entities of
	// the entity that claimed it first.
	aliasOwner := make(map[string]int32, nAliases)
	var seen []string // lower-cased aliases of the entity at hand

	// Lexicons first: patterns need them for macros.
	var lb lexiconBuilder
	for _, f := range files {
		lx := f.Lexicon
		if lx == nil {
			continue
		}
		for _, ex := range lx.Examples {
			set.LexiconExamples = append(set.LexiconExamples, FileExample{File: f.Path, Example: ex})
		}
		set.Particles = append(set.Particles, normAll(lx.ParticlesKO)...)
		for i, s := range lx.Surnames {
			if s.KO == "" || len(s.EN) == 0 {
				errs.Add(f.pos("lexicon", 0, "surnames", i), "", "surname needs ko and en")
				continue
			}
			ko := Normalize(s.KO)
			set.Surnames[ko] = append(set.Surnames[ko], s.EN...)
			for _, en := range s.EN {
				l := strings.ToLower(en)
				set.SurnameOfEN[l] = append(set.SurnameOfEN[l], ko)
			}
		}
		set.OrgSuffixesEN = append(set.OrgSuffixesEN, normAll(lx.OrgSuffixesEN)...)
		set.OrgSuffixesKO = append(set.OrgSuffixesKO, normAll(lx.OrgSuffixesKO)...)
		addSet(set.NotNamesEN, lx.NotNamesEN, true)
		addSet(set.NotNamesKO, lx.NotNamesKO, false)
		addSet(set.OrgBareKO, lx.OrgBareSuffixesKO, false)
		for _, p := range lx.OrgSuffixPairs {
			ko := Normalize(p.KO)
			set.SuffixEN[ko] = append(set.SuffixEN[ko], p.EN...)
		}
		addSet(set.NotOrgsEN, lx.NotOrgsEN, true)
		addSet(set.NotOrgsKO, lx.NotOrgsKO, false)
		addSet(set.Abbreviations, lx.Abbreviations, true)
		addSet(set.Outlets, lx.Outlets, true)
		addSet(set.Determiners, lx.Determiners, true)
		addSet(set.GivenNamesEN, lx.GivenNamesEN, true)
		addSet(set.ForeignSurnames, lx.ForeignSurnamesKO, false)
		for _, w := range lx.LegalSuffixes {
			set.LegalSuffixes[LegalWord(Normalize(w))] = true
		}
		set.SkipPrefixes = append(set.SkipPrefixes, normAll(lx.SkipLinePrefixes)...)
		for _, w := range lx.PronounsEN {
			addKw(w, Keyword{Kind: KwLex, Index: LexPronounEN})
		}
		for _, w := range lx.PronounsKO {
			addKw(w, Keyword{Kind: KwLex, Index: LexPronounKO})
		}
		for _, w := range lx.SelfRefs {
			addKw(w, Keyword{Kind: KwLex, Index: LexSelfRef})
		}
		for _, w := range lx.PluralRefs {
			addKw(w, Keyword{Kind: KwLex, Index: LexPlural})
		}
		for _, w := range lx.PluralRefsThree {
			addKw(w, Keyword{Kind: KwLex, Index: LexPluralThree})
		}
		set.addLexicon(f, lx, &lb, &errs)
		for _, w := range lx.OrgDescriptorsEN {
			addKw(w, Keyword{Kind: KwLex, Index: LexOrgDescriptorEN})
		}
		for _, w := range lx.OrgDescriptorsKO {
			addKw(w, Keyword{Kind: KwLex, Index: LexOrgDescriptorKO})
		}
	}
	sortLongestFirst(set.Particles)
	sortLongestFirst(set.OrgSuffixesEN)
	for _, suf := range set.OrgSuffixesEN {
		ws := strings.Fields(suf)
		last := ws[len(ws)-1]
		set.OrgSuffixLastEN[last] = append(set.OrgSuffixLastEN[last], ws)
	}
	sortLongestFirst(set.OrgSuffixesKO)
	set.indexKOSuffixes()
	set.indexParticles()
	set.finishLexicon(&lb, &errs)

	for _, f := range files {
		for i, r := range f.Titles {
			pos := f.pos("titles", i, "", -1)
			if !claim(r.ID, pos) {
				continue
			}
			if r.Title == "" || nonBlank(r.EN)+nonBlank(r.KO) == 0 {
				errs.Add(pos, r.ID, "title needs title and words (en or ko)")
				continue
			}
			idx := len(set.Titles)
			set.Titles = append(set.Titles, Title{ID: r.ID, Title: r.Title, Rank: r.Rank, Honorific: r.Honorific,
				Examples: r.Examples, Pos: pos})
			for _, w := range r.EN {
				addKw(w, Keyword{Kind: KwTitle, Index: idx})
				set.TitleWordsEN = append(set.TitleWordsEN, Normalize(w))
				set.TitleOf[strings.ToLower(Normalize(w))] = idx
			}
			for _, w := range r.KO {
				addKw(w, Keyword{Kind: KwTitle, Index: idx})
				set.TitleWordsKO = append(set.TitleWordsKO, Normalize(w))
				set.TitleOf[strings.ToLower(Normalize(w))] = idx
			}
		}
	}
	sortLongestFirst(set.TitleWordsEN)
	sortLongestFirst(set.TitleWordsKO)

	for _, f := range files {
		for i, r := range f.Entities {
			pos := f.pos("entities", i, "", -1)
			if r.Name == "" {
				errs.Add(pos, r.ID, "entity needs a name")
				continue
			}
			id := r.ID
			if id == "" {
				id = strings.ToLower(r.Type) + ":" + slug.Make(r.Name)
			}
			if !claim(id, pos) {
				continue
			}
			if !entityTypes[r.Type] {
				errs.Add(f.pos("entities", i, "type", -1), id, "unknown type %q (want PERSON, ORGANIZATION, PRODUCT or PLACE)", r.Type)
				continue
			}
			e := Entity{ID: id, Name: Normalize(r.Name), Type: r.Type, NameKO: Normalize(r.NameKO), Rule: id,
				Aliases: make([]string, 0, 2+len(r.Aliases))}
			self := int32(len(set.Entities))
			seen = seen[:0]
			for j := range 2 + len(r.Aliases) {
				var a string
				switch j {
				case 0:
					a = r.Name
				case 1:
					a = r.NameKO
				default:
					a = r.Aliases[j-2]
				}
				a = Normalize(strings.TrimSpace(a))
				if a == "" {
					continue
				}
				key := strings.ToLower(a)
				if slices.Contains(seen, key) {
					continue
				}
				seen = append(seen, key)
				if prev, ok := aliasOwner[key]; ok && prev != self && set.Entities[prev].Type != r.Type {
					p := pos
					if j >= 2 {
						p = f.pos("entities", i, "aliases", j-2)
					}
					errs.Add(p, id, "alias %q is already claimed by %s entity %q", a, set.Entities[prev].Type, set.Entities[prev].ID)
					continue
				} else if ok && prev != self {
					p := pos
					if j >= 2 {
						p = f.pos("entities", i, "aliases", j-2)
					}
					set.Collisions.Add(p, id, "alias %q is also claimed by entity %q: a mention of it is ambiguous", a, set.Entities[prev].ID)
				}
				aliasOwner[key] = self
				e.Aliases = append(e.Aliases, a)
				// As addKw(a, ...), without normalizing and lowering again
				// what almost always is normalized already.
				k := Keyword{Kind: KwEntity, Index: int(self)}
				if w := Normalize(strings.TrimSpace(a)); w == a {
					addKwNorm(w, key, k)
				} else {
					addKwNorm(w, strings.ToLower(w), k)
				}
			}
			set.Entities = append(set.Entities, e)
		}
	}

	for _, f := range files {
		for i, r := range f.Triggers {
			pos := f.pos("triggers", i, "", -1)
			if !claim(r.ID, pos) {
				continue
			}
			if !triggerKinds[r.Kind] {
				errs.Add(f.pos("triggers", i, "kind", -1), r.ID, "unknown trigger kind %q", r.Kind)
				continue
			}
			if r.Lang != "en" && r.Lang != "ko" && r.Lang != "" {
				errs.Add(f.pos("triggers", i, "lang", -1), r.ID, "unknown lang %q (want en or ko)", r.Lang)
				continue
			}
			switch r.Mode {
			case "", "clique", "star", "coordinated", "after":
			default:
				errs.Add(f.pos("triggers", i, "mode", -1), r.ID, "unknown mode %q (want clique, star, coordinated or after)", r.Mode)
				continue
			}
			if nonBlank(r.Words) == 0 {
				errs.Add(pos, r.ID, "trigger has no words")
				continue
			}
			idx := len(set.Triggers)
			set.Triggers = append(set.Triggers, Trigger{ID: r.ID, Kind: r.Kind, Lang: r.Lang, Mode: r.Mode,
				Examples: r.Examples, Pos: pos})
			for _, w := range r.Words {
				addKw(w, Keyword{Kind: KwTrigger, Index: idx})
			}
		}
	}

	macros := set.macros()
	tokEnv := set.tokenEnv()
	for _, f := range files {
		for i, r := range f.Patterns {
			pos := f.pos("patterns", i, "", -1)
			if !claim(r.ID, pos) {
				continue
			}
			groups, ok := patternKinds[PatternKind(r.Kind)]
			if !ok {
				errs.Add(f.pos("patterns", i, "kind", -1), r.ID, "unknown pattern kind %q", r.Kind)
				continue
			}
			if r.Lang != "en" && r.Lang != "ko" {
				errs.Add(f.pos("patterns", i, "lang", -1), r.ID, "unknown lang %q (want en or ko)", r.Lang)
				continue
			}
			if r.Tokens != "" {
				p := Pattern{ID: r.ID, Kind: PatternKind(r.Kind), Lang: r.Lang, Examples: r.Examples, Pos: pos, Keywords: lowerKeywords(r.Keywords)}
				switch {
				case r.Regex != "":
					errs.Add(f.pos("patterns", i, "tokens", -1), r.ID, "pattern has both regex and tokens (give one)")
				case !set.compileTokens(tokEnv, f, i, r, groups, &p, &errs):
				case len(r.Examples.Match) == 0:
					errs.Add(pos, r.ID, "pattern needs at least one examples.match")
				default:
					set.Patterns = append(set.Patterns, p)
				}
				continue
			}
			rpos := f.pos("patterns", i, "regex", -1)
			src, err := expand(r.Regex, macros)
			if err != nil {
				errs.Add(rpos, r.ID, "%v", err)
				continue
			}
			re, err := regexp.Compile(src)
			if err != nil {
				errs.Add(rpos, r.ID, "invalid pattern: %v", err)
				continue
			}
			bad := false
			for _, g := range groups {
				if re.SubexpIndex(g) < 0 {
					errs.Add(rpos, r.ID, "pattern of kind %s needs a group (?P<%s>...)", r.Kind, g)
					bad = true
				}
			}
			if bad {
				continue
			}
			if len(r.Examples.Match) == 0 {
				errs.Add(pos, r.ID, "pattern needs at least one examples.match")
				continue
			}
			p := Pattern{ID: r.ID, Kind: PatternKind(r.Kind), Lang: r.Lang, Source: r.Regex, Re: re, Examples: r.Examples, Pos: pos}
			if anch, err := regexp.Compile(`^(?:` + src + `)`); err == nil {
				p.Anchored = anch
			}
			for _, k := range r.Keywords {
				if k = strings.ToLower(Normalize(k)); k != "" {
					p.Keywords = append(p.Keywords, k)
				}
			}
			if strings.Contains(r.Regex, "{TITLE") {
				p.NeedsKw = "title"
			}
			p.analyze()
			set.Patterns = append(set.Patterns, p)
		}
	}
	set.linkTokens()
	if len(set.Entities)+len(set.Patterns)+len(set.Titles) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: "(rules)"}, "", "no rules: no entities, titles or patterns were loaded")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	set.Words = kwOrder
	set.Keywords = keywords
	set.Matcher = ac.Build(kwOrder)
	return set, nil
}

// nonBlank counts the words of ss that are not blank once normalized: a
// blank word can never be found.
func nonBlank(ss []string) int {
	n := 0
	for _, w := range ss {
		if strings.TrimSpace(Normalize(w)) != "" {
			n++
		}
	}
	return n
}

func normAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = Normalize(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func addSet(m map[string]bool, ss []string, fold bool) {
	for _, s := range ss {
		s = Normalize(strings.TrimSpace(s))
		if fold {
			s = strings.ToLower(s)
		}
		m[s] = true
	}
}

func sortLongestFirst(ss []string) {
	sort.SliceStable(ss, func(i, j int) bool {
		if len(ss[i]) != len(ss[j]) {
			return len(ss[i]) > len(ss[j])
		}
		return ss[i] < ss[j]
	})
}

// macros are the placeholders pattern rules may use. Those that hold
// words are built from the lexicon: SURNAME_KO and NAME_KO from surnames,
// TITLE_MOD_KO from title_modifiers_ko, ORG_EN's lower-case words from
// org_links_en and org_lowercase_en, HW's excluded last syllables from
// foreign_name_not_final_ko (the lexicon files' headers say so too). The
// rest describe scripts, not a language: capitalized Latin words, Hangul
// syllables, boundaries.
func (s *Set) macros() map[string]string {
	alt := func(words []string) string {
		ws := append([]string(nil), words...)
		sortLongestFirst(ws)
		q := make([]string, 0, len(ws))
		seen := map[string]bool{}
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				q = append(q, regexp.QuoteMeta(w))
			}
		}
		if len(q) == 0 {
			return "(?:\\x{FFFF})" // matches nothing useful
		}
		return "(?:" + strings.Join(q, "|") + ")"
	}
	var sur1, sur2 []string
	for k := range s.Surnames {
		if utf8.RuneCountInString(k) == 1 {
			sur1 = append(sur1, k)
		} else {
			sur2 = append(sur2, k)
		}
	}
	sort.Strings(sur1)
	sort.Strings(sur2)
	surname := alt(append(append([]string{}, sur2...), sur1...))
	name := "(?:" + alt(sur2) + `[가-힣]{1,2}|` + alt(sur1) + `[가-힣]{2})`
	word := `[A-Z](?:[a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Za-z][a-z]*)?`
	orgWord := `[A-Z0-9&][A-Za-z0-9&.\-]*`
	for _, w := range s.Lex.OrgInnerWordsEN {
		orgWord += "|" + regexp.QuoteMeta(w)
	}
	return map[string]string{
		"TITLE_EN": titleRegex, // the text is masked first: see MaskTitles
		"TITLE_KO": titleRegex,
		// words that qualify a Korean title: 총괄 부사장, 아시아태평양 총괄 부사장
		"TITLE_MOD_KO": `(?:` + altInOrder(s.Lex.TitleModifiersKO) + `\s?){0,3}`,
		"SURNAME_KO":   surname,
		"NAME_KO":      name,
		"NAME_EN":      word + `(?:\s` + word + `){1,2}`,
		"ORG_EN":       `[A-Z0-9][A-Za-z0-9&.\-]*(?:\s(?:` + orgWord + `)){0,7}?`,
		"ORG_KO":       `[A-Za-z0-9가-힣&]+?(?:\s[A-Za-z0-9가-힣&]+?)??`,
		"HANGUL":       `[가-힣]`,
		// a Hangul word whose last syllable is not a particle: a foreign
		// name's part ("클라우스", "베버"), not "협약식에는"
		"HW": `[가-힣]{1,4}` + notParticleClass(s.Lex.ForeignNameNotFinalKO),
		"B":  `(?:^|[^가-힣A-Za-z0-9])`,
	}
}

var macroRe = regexp.MustCompile(`\{([A-Z_]+)\}`)

// expand replaces {MACRO} placeholders; an unknown macro is an error.
func expand(src string, macros map[string]string) (string, error) {
	if strings.TrimSpace(src) == "" {
		return "", fmt.Errorf("empty regex")
	}
	var err error
	out := macroRe.ReplaceAllStringFunc(src, func(m string) string {
		name := m[1 : len(m)-1]
		v, ok := macros[name]
		if !ok {
			if err == nil {
				err = fmt.Errorf("unknown macro {%s}", name)
			}
			return m
		}
		return v
	})
	return out, err
}

// notParticleClass is a character class of the Hangul syllables that are
// not one of the given one-syllable particles.
func notParticleClass(particles []string) string {
	skip := map[rune]bool{}
	for _, p := range particles {
		if utf8.RuneCountInString(p) == 1 {
			r, _ := utf8.DecodeRuneInString(p)
			skip[r] = true
		}
	}
	var b strings.Builder
	b.WriteByte('[')
	start := rune(-1)
	flush := func(end rune) {
		if start < 0 {
			return
		}
		if start == end {
			fmt.Fprintf(&b, `\x{%X}`, start)
		} else {
			fmt.Fprintf(&b, `\x{%X}-\x{%X}`, start, end)
		}
		start = -1
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		if skip[r] {
			flush(r - 1)
			continue
		}
		if start < 0 {
			start = r
		}
	}
	flush(0xD7A3)
	b.WriteByte(']')
	return b.String()
}

// HasKeyword reports whether lowered text contains one of the keywords.
func HasKeyword(keywords []string, lowered string) bool {
	for _, k := range keywords {
		if strings.Contains(lowered, k) {
			return true
		}
	}
	return false
}

func (s *Set) indexKOSuffixes() {
	s.OrgSuffixKOByLast = make(map[rune][]string)
	for _, suf := range s.OrgSuffixesKO {
		if r, _ := utf8.DecodeLastRuneInString(suf); suf != "" {
			s.OrgSuffixKOByLast[r] = append(s.OrgSuffixKOByLast[r], suf)
		}
	}
}

// KOSuffix returns the first of OrgSuffixesKO (the longest) that w ends
// in and is longer than.
func (s *Set) KOSuffix(w string) (string, bool) {
	r, _ := utf8.DecodeLastRuneInString(w)
	for _, suf := range s.OrgSuffixKOByLast[r] {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return suf, true
		}
	}
	return "", false
}

func (s *Set) indexParticles() {
	s.ParticlesByFirst = make(map[rune][]string)
	for _, p := range s.Particles {
		if r, _ := utf8.DecodeRuneInString(p); p != "" {
			s.ParticlesByFirst[r] = append(s.ParticlesByFirst[r], p)
		}
	}
}

// LegalWord is how LegalSuffixes holds a word: lower case, without dots
// and brackets ("Co." and "CO" are "co", "(주)" is "주").
func LegalWord(w string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '.', '(', ')', ',':
			return -1
		case '㈜':
			return '주'
		}
		return r
	}, strings.ToLower(w))
}
