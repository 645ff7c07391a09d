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
//
// It runs one phase a kind of rule (see compiler.go), in the order the
// kinds depend on each other and in which their keywords and errors are
// numbered: lexicons, titles, entities, triggers, patterns.
func Compile(files []*File) (*Set, error) {
	c := newCompiler(files)
	// Lexicons first: patterns need them for macros.
	c.lexicons(files)
	c.titles(files)
	c.entities(files)
	c.triggers(files)
	c.patterns(files)
	return c.finish()
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
	// camel case first: "McNerney" is one word, not "Mc" and the rest
	// accented letters as the token patterns read them (José, Hervé)
	word := `[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ]*[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+|[a-zß-öø-ÿ]+)(?:-[A-Za-z][a-zß-öø-ÿ]*){0,2}`
	// NAME_EN_INIT's initial: a capital letter that is no word of its own
	// (not_names_en: "A", "I")
	initial := "["
	for c := 'A'; c <= 'Z'; c++ {
		if !s.NotNamesEN[strings.ToLower(string(c))] {
			initial += string(c)
		}
	}
	initial += "]"
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
		// two or three words, a middle initial allowed (David L. Calhoun),
		// or an Arabic name's chain (Mohammed bin Rashid Al Maktoum)
		"NAME_EN": word + `(?:(?:\s(?:bin|bint|ibn)\s` + word + `)+(?:\sAl\s` + word + `)?|(?:\s` + word + `){0,2}\s(?:Al|El)\s` + word + `|(?:\s[A-Z]\.)?(?:\s` + word + `){1,2})`,
		// a name with a bare initial (N Chandrasekaran, S. Jaishankar)
		"NAME_EN_INIT": initial + `{1,3}\.?\s` + word + `(?:\s` + word + `)?`,
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
	// a particle given twice (a user's lexicon laid over the defaults)
	// once: each copy doubled the ways to split a run of particles
	seen := map[string]bool{}
	s.Particles = slices.DeleteFunc(s.Particles, func(p string) bool {
		dup := seen[p]
		seen[p] = true
		return dup || p == ""
	})
	s.ParticlesByFirst = make(map[rune][]string)
	for _, p := range s.Particles {
		r, _ := utf8.DecodeRuneInString(p)
		s.ParticlesByFirst[r] = append(s.ParticlesByFirst[r], p)
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
