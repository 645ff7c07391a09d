package rules

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// File is one decoded rule file. Every section is optional; a directory of
// files is combined by Compile.
type File struct {
	Path     string       `yaml:"-"`
	Entities []RawEntity  `yaml:"entities"`
	Titles   []RawTitle   `yaml:"titles"`
	Triggers []RawTrigger `yaml:"triggers"`
	Patterns []RawPattern `yaml:"patterns"`
	Lexicon  *RawLexicon  `yaml:"lexicon"`

	root *yaml.Node // for positions
	// rel is the file's path under the folder it was loaded from
	// (slash-separated), by which Overlay matches a file to a default.
	rel string
	// overridden holds the ids of this file's rules that a file laid over
	// it redefines: Compile leaves them out.
	overridden map[string]bool
}

// RawEntity is a gazetteer entry, in the shape of the gold files.
type RawEntity struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	NameKO  string   `yaml:"name_ko"`
	Aliases []string `yaml:"aliases"`
	Note    string   `yaml:"note"`
}

// RawTitle maps title words in both languages to one normalized title.
type RawTitle struct {
	ID    string   `yaml:"id"`
	Title string   `yaml:"title"`
	EN    []string `yaml:"en"`
	KO    []string `yaml:"ko"`
	// Rank orders titles when one person holds several at one organization;
	// a higher rank wins for the HOLDS_ROLE title.
	Rank int `yaml:"rank"`
	// Person marks titles that name a person but no office in an
	// organization, such as Mr. or Dr.
	Honorific bool `yaml:"honorific"`
	// Examples are texts in which a title word must be read as this
	// title (the example may name another title with `title:`).
	Examples []Example `yaml:"examples"`
}

// RawTrigger is a list of words that signal a meeting, a partnership, a
// hedge that cancels one, or another cue.
type RawTrigger struct {
	ID    string   `yaml:"id"`
	Kind  string   `yaml:"kind"`
	Lang  string   `yaml:"lang"`
	Mode  string   `yaml:"mode"`
	Words []string `yaml:"words"`
	Note  string   `yaml:"note"`
	// Examples are texts and the meeting or partnership each must yield
	// (`meeting:` or `partnership:` with the participants' names) or
	// `nothing: true` for a text that must yield neither (a hedge).
	Examples []Example `yaml:"examples"`
}

// RawPattern is a pattern rule: a regular expression with macros and named
// groups, or a token pattern (Tokens) with named captures.
type RawPattern struct {
	ID       string      `yaml:"id"`
	Kind     string      `yaml:"kind"`
	Lang     string      `yaml:"lang"`
	Regex    string      `yaml:"regex"`
	Tokens   string      `yaml:"tokens"` // a token pattern (package tokpat), instead of Regex
	Keywords []string    `yaml:"keywords"`
	Note     string      `yaml:"note"`
	Examples RawExamples `yaml:"examples"`
}

// RawExamples are texts a pattern must and must not match.
type RawExamples struct {
	Match   []Example `yaml:"match"`
	NoMatch []Example `yaml:"no_match"`
}

// RawLexicon holds word lists; lists from several files are concatenated.
type RawLexicon struct {
	// Examples are texts and the organizations (org:) or persons
	// (person:) the extractor must find in each: they prove a word list
	// (a suffix, a descriptor) does what it is for.
	Examples          []Example    `yaml:"examples"`
	ParticlesKO       []string     `yaml:"particles_ko"`
	Surnames          []RawSurname `yaml:"surnames"`
	OrgSuffixesEN     []string     `yaml:"org_suffixes_en"`
	OrgSuffixesKO     []string     `yaml:"org_suffixes_ko"`
	OrgBareSuffixesKO []string     `yaml:"org_bare_suffixes_ko"`
	OrgSuffixPairs    []RawSurname `yaml:"org_suffix_pairs"`
	OrgDescriptorsEN  []string     `yaml:"org_descriptors_en"`
	OrgDescriptorsKO  []string     `yaml:"org_descriptors_ko"`
	NotNamesEN        []string     `yaml:"not_names_en"`
	NotNamesKO        []string     `yaml:"not_names_ko"`
	NotOrgsEN         []string     `yaml:"not_orgs_en"`
	NotOrgsKO         []string     `yaml:"not_orgs_ko"`
	PronounsEN        []string     `yaml:"pronouns_en"`
	PronounsKO        []string     `yaml:"pronouns_ko"`
	SelfRefs          []string     `yaml:"self_refs"`
	PluralRefs        []string     `yaml:"plural_refs"`
	Abbreviations     []string     `yaml:"abbreviations"`
	SkipLinePrefixes  []string     `yaml:"skip_line_prefixes"`
	Outlets           []string     `yaml:"outlets"`
	Determiners       []string     `yaml:"determiners_en"`
	GivenNamesEN      []string     `yaml:"given_names_en"`
	ForeignSurnamesKO []string     `yaml:"foreign_surnames_ko"`
	LegalSuffixes     []string     `yaml:"legal_suffixes"`

	// The lists below are read by the extractor's code (compiled into
	// Set.Lex, see lexicon.go); the lexicon files' headers say what each
	// is for.
	PluralRefsThree         []string          `yaml:"plural_refs_three"`
	Countries               []string          `yaml:"countries"`
	ClauseEndingsKO         []string          `yaml:"clause_endings_ko"`
	SubjectParticlesKO      []string          `yaml:"subject_particles_ko"`
	PersonSubjectKO         []string          `yaml:"person_subject_particles_ko"`
	TitleGlossesKO          []string          `yaml:"title_glosses_ko"`
	ListConnectorsEN        []string          `yaml:"list_connectors_en"`
	ListConnectorsKO        []string          `yaml:"list_connectors_ko"`
	CoordinationOpenersEN   []string          `yaml:"coordination_openers_en"`
	PossessiveParticlesKO   []string          `yaml:"possessive_particles_ko"`
	SeparateMeetings        []string          `yaml:"separate_meetings"`
	PlacePrepositionsEN     []string          `yaml:"place_prepositions_en"`
	NotPersonPluralsEN      []string          `yaml:"not_person_plurals_en"`
	PlaceFollowersEN        []string          `yaml:"place_followers_en"`
	NotPlacesEN             []string          `yaml:"not_places_en"`
	AppositionsEN           []string          `yaml:"appositions_en"`
	AttributionsEN          []string          `yaml:"attributions_en"`
	HonorificsEN            []string          `yaml:"honorifics_en"`
	ObjectBreaksEN          []string          `yaml:"object_breaks_en"`
	PersonNounsEN           []string          `yaml:"person_nouns_en"`
	ListVerbsEN             []string          `yaml:"list_verbs_en"`
	AdjacentFillersEN       []string          `yaml:"adjacent_fillers_en"`
	LongAsidesEN            []string          `yaml:"long_asides_en"`
	Venues                  []string          `yaml:"venues"`
	OrgPronounsEN           []string          `yaml:"org_pronouns_en"`
	PluralDealsEN           []string          `yaml:"plural_deals_en"`
	SeparateDealsEN         []string          `yaml:"separate_deals_en"`
	OutletSuffixesEN        []string          `yaml:"outlet_suffixes_en"`
	OutletSuffixesKO        []string          `yaml:"outlet_suffixes_ko"`
	BylineTitles            []string          `yaml:"byline_titles"`
	BylinePrefixesEN        []string          `yaml:"byline_prefixes_en"`
	WordFormEndingsKO       []string          `yaml:"word_form_endings_ko"`
	FusedTitlesKO           []RawFusedTitle   `yaml:"fused_titles_ko"`
	LegalEndingsEN          []string          `yaml:"legal_endings_en"`
	LegalPrefixes           []string          `yaml:"legal_prefixes"`
	DottedLegalFormsEN      []string          `yaml:"dotted_legal_forms_en"`
	TitleQualifiersEN       []string          `yaml:"title_qualifiers_en"`
	FormerMarkers           []string          `yaml:"former_markers"`
	GatheringsKO            []string          `yaml:"gatherings_ko"`
	GatheringsEN            []string          `yaml:"gatherings_en"`
	GroupSuffixesEN         []string          `yaml:"group_suffixes_en"`
	OrgDropLeadingEN        []string          `yaml:"org_drop_leading_en"`
	OriginSuffixesEN        []string          `yaml:"origin_suffixes_en"`
	OrgEdgeWordsEN          []string          `yaml:"org_edge_words_en"`
	OrgLinksEN              []string          `yaml:"org_links_en"`
	OrgLowercaseEN          []string          `yaml:"org_lowercase_en"`
	OfHeadsEN               []string          `yaml:"of_heads_en"`
	AndHeadsEN              []string          `yaml:"and_heads_en"`
	PossessivesEN           []string          `yaml:"possessives_en"`
	PersonNotFinalKO        []string          `yaml:"person_not_final_ko"`
	CaseParticlesKO         []string          `yaml:"case_particles_ko"`
	PlaceParticlesKO        []string          `yaml:"place_particles_ko"`
	PluralSuffixesKO        []string          `yaml:"plural_suffixes_ko"`
	CopulasKO               []string          `yaml:"copulas_ko"`
	DescriptorEndingsKO     []string          `yaml:"descriptor_endings_ko"`
	BareStemParticlesKO     []string          `yaml:"bare_stem_particles_ko"`
	BareStemNotEndingsKO    []string          `yaml:"bare_stem_not_endings_ko"`
	UnitsKO                 []string          `yaml:"units_ko"`
	SentenceEndingsKO       []string          `yaml:"sentence_endings_ko"`
	TitleModifiersKO        []string          `yaml:"title_modifiers_ko"`
	ForeignNameNotFinalKO   []string          `yaml:"foreign_name_not_final_ko"`
	GovSuffixesKO           []string          `yaml:"gov_suffixes_ko"`
	PublicationLabels       []string          `yaml:"publication_labels"`
	MonthsEN                [][]string        `yaml:"months_en"`
	WeekdaysEN              []string          `yaml:"weekdays_en"`
	WeekdaysKO              []string          `yaml:"weekdays_ko"`
	RelativeDatesEN         []RawRelativeDate `yaml:"relative_dates_en"`
	RelativeDatesKO         []RawRelativeDate `yaml:"relative_dates_ko"`
	DateUnitsKO             *RawDateUnits     `yaml:"date_units_ko"`
	DayPrefixesKO           []string          `yaml:"day_prefixes_ko"`
	LastYearKO              []string          `yaml:"last_year_ko"`
	LastMonthKO             []string          `yaml:"last_month_ko"`
	ReportVerbsEN           []string          `yaml:"report_verbs_en"`
	MeetingRefs             []string          `yaml:"meeting_refs"`
	AfterConsonantKO        []string          `yaml:"particles_after_consonant_ko"`
	AfterVowelKO            []string          `yaml:"particles_after_vowel_ko"`
	PhotoPositionsKO        []string          `yaml:"photo_positions_ko"`
	AdnominalEndingsKO      []string          `yaml:"adnominal_endings_ko"`
	AdnominalEndingsShortKO []string          `yaml:"adnominal_endings_short_ko"`
	ReportVerbsKO           []string          `yaml:"report_verbs_ko"`
	MonthCountsKO           []string          `yaml:"month_counts_ko"`
}

// RawSurname is a Korean surname and its romanizations.
type RawSurname struct {
	KO string   `yaml:"ko"`
	EN []string `yaml:"en"`
}

// Parse decodes one rule file strictly: unknown keys, wrong kinds of value
// and malformed YAML are errors with positions. It returns what it could
// decode together with every problem.
func Parse(path string, data []byte) (*File, ErrorList) {
	var errs ErrorList
	f := &File{Path: path}
	if len(bytes.TrimSpace(stripComments(data))) == 0 {
		errs.Add(Pos{File: path, Line: 1, Col: 1}, "", "empty rule file")
		return f, errs
	}
	if !utf8.Valid(data) {
		errs.Add(invalidUTF8(path, data), "", "invalid UTF-8: rule files are UTF-8 text")
		return f, errs
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		for _, e := range yamlErrors(path, err, nil) {
			switch {
			case strings.Contains(e.Msg, "max depth"):
				// yaml.v3 gives no column, or no line, for nesting too deep
				e.Pos = deepest(path, data)
			case e.Pos.Line == 0:
				e.Pos.Line, e.Pos.Col = 1, 1
			case e.Pos.Col == 0:
				e.Pos.Col = firstNonBlank(data, e.Pos.Line)
			}
			errs = append(errs, e)
		}
		return f, errs
	}
	f.root = &root
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(f); err != nil && !errors.Is(err, io.EOF) {
		errs = append(errs, yamlErrors(path, err, &root)...)
	}
	f.Path = path
	if len(f.Entities)+len(f.Titles)+len(f.Triggers)+len(f.Patterns) == 0 && f.Lexicon == nil && len(errs) == 0 {
		errs.Add(Pos{File: path, Line: 1, Col: 1}, "", "rule file has no entities, titles, triggers, patterns or lexicon")
	}
	return f, errs
}

// invalidUTF8 is the position of data's first byte that is not UTF-8.
func invalidUTF8(path string, data []byte) Pos {
	pos := Pos{File: path, Line: 1, Col: 1}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return pos
		}
		if r == '\n' {
			pos.Line, pos.Col = pos.Line+1, 1
		} else {
			pos.Col++
		}
		i += n
	}
	return pos
}

// firstNonBlank is the column of the first character of line that is no
// space or tab (1 if none).
func firstNonBlank(data []byte, line int) int {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return 1
		}
		data = data[i+1:]
	}
	col := 1
	for _, c := range data {
		if c != ' ' && c != '\t' {
			break
		}
		col++
	}
	return col
}

// deepest is the position where data's nesting is deepest, counting flow
// brackets ([, {) and the block sequence dashes that start a line,
// outside quotes and comments: where a "max depth exceeded" from the YAML
// decoder points.
func deepest(path string, data []byte) Pos {
	best := Pos{File: path, Line: 1, Col: 1}
	depth, most, line, col, dashes := 0, -1, 1, 0, 0
	var quote byte
	lineStart := true // only dashes and blanks so far on this line
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		switch {
		case c == '\n':
			line, col, dashes, lineStart = line+1, 0, 0, true
			continue
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t'):
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == '-' && lineStart && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n'):
			dashes++
		}
		if c != '-' && c != ' ' && c != '\t' {
			lineStart = false
		}
		if d := depth + dashes; d > most {
			most, best.Line, best.Col = d, line, col
		}
	}
	return best
}

func stripComments(data []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || string(t) == "---" {
			continue
		}
		out = append(out, line...)
	}
	return out
}

// lineRe reads yaml.v3's "line N: message" and, from Example's decoder,
// "line N, column C: message".
var lineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+)(?:, column (\d+))?: (.*)$`)
var fieldRe = regexp.MustCompile(`field (\S+) not found`)

// yamlErrors turns yaml.v3's errors into positioned Errors. yaml.v3 gives
// a line; the column comes from the node tree where the message names a key.
func yamlErrors(path string, err error, root *yaml.Node) ErrorList {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var errs ErrorList
	for _, m := range msgs {
		pos := Pos{File: path}
		msg := m
		if sm := lineRe.FindStringSubmatch(m); sm != nil {
			pos.Line, _ = strconv.Atoi(sm[1])
			pos.Col, _ = strconv.Atoi(sm[2])
			msg = sm[3]
		}
		if fm := fieldRe.FindStringSubmatch(msg); fm != nil {
			pos.Col = keyColumn(root, pos.Line, fm[1])
			msg = "unknown key " + strconv.Quote(fm[1])
		} else if pos.Col == 0 {
			msg = strings.TrimPrefix(msg, "yaml: ")
			pos.Col = firstColumn(root, pos.Line)
		}
		errs = append(errs, &Error{Pos: pos, Msg: msg})
	}
	return errs
}

// keyColumn finds the column of mapping key name on line.
func keyColumn(n *yaml.Node, line int, name string) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Line == line && k.Value == name {
				return k.Column
			}
		}
	}
	for _, c := range n.Content {
		if col := keyColumn(c, line, name); col > 0 {
			return col
		}
	}
	return 0
}

// firstColumn finds the column of the first node on line.
func firstColumn(n *yaml.Node, line int) int {
	if n == nil || line == 0 {
		return 0
	}
	best := 0
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Line == line && n.Kind != yaml.DocumentNode && (best == 0 || n.Column < best) {
			best = n.Column
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return best
}

// pos returns the position of section[i].key (or of the item when key is
// empty, or of list element j of key when j >= 0) in f.
func (f *File) pos(section string, i int, key string, j int) Pos {
	p := Pos{File: f.Path}
	n := f.root
	if n == nil {
		return p
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	n = mapValue(n, section)
	if n == nil {
		return p
	}
	if section != "lexicon" {
		if n.Kind != yaml.SequenceNode || i >= len(n.Content) {
			return Pos{File: f.Path, Line: n.Line, Col: n.Column}
		}
		n = n.Content[i]
	}
	if key != "" {
		if v := mapValue(n, key); v != nil {
			n = v
			if j >= 0 && n.Kind == yaml.SequenceNode && j < len(n.Content) {
				n = n.Content[j]
			}
		}
	}
	return Pos{File: f.Path, Line: n.Line, Col: n.Column}
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
