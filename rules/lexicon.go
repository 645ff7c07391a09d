package rules

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// This file compiles the lexicon's word lists that the extractor's code
// reads (venue words, particles for one purpose or another, legal forms,
// month names ...) into Set.Lex. The header of each default lexicon file
// (rules/default/lexicon/*.yaml) says what each list is for and how the
// extractor uses it; the code that reads a list names its key.

// RawFusedTitle is an organization word and a title that share a syllable
// when written together: 협회 and 회장 are written 협회장.
type RawFusedTitle struct {
	Org   string `yaml:"org"`
	Title string `yaml:"title"`
}

// RawRelativeDate is a group of relative date words that resolve alike.
type RawRelativeDate struct {
	// Days is added to the date counted from.
	Days int `yaml:"days"`
	// From is "publication" (the default) or "story": the date the story
	// spoke of last, or the publication date when it spoke of none yet
	// (and then nothing when Days is positive: a story does not report
	// the day after it was published).
	From  string   `yaml:"from"`
	Words []string `yaml:"words"`
}

// RawDateUnits are the words that follow the numbers of a date written
// with numbers (2025년 2월 4일).
type RawDateUnits struct {
	Year  string `yaml:"year"`
	Month string `yaml:"month"`
	Day   string `yaml:"day"`
}

// RelativeDate is a compiled RawRelativeDate.
type RelativeDate struct {
	Days      int
	FromStory bool
}

// Resolve returns the date the word means, given the publication date pub
// and the date ctx the story spoke of last (zero if none); false when it
// means none (a day after the publication date with no story date).
func (r RelativeDate) Resolve(pub, ctx time.Time) (time.Time, bool) {
	switch {
	case !r.FromStory:
		return pub.AddDate(0, 0, r.Days), true
	case !ctx.IsZero():
		return ctx.AddDate(0, 0, r.Days), true
	case r.Days <= 0:
		return pub.AddDate(0, 0, r.Days), true
	}
	return time.Time{}, false
}

// FusedTitle is a compiled RawFusedTitle: an organization name that ends
// in OrgHead ("…협") and a title word that starts with Title ("회장")
// share Shared ("회"), which belongs to both.
type FusedTitle struct {
	OrgHead, Shared, Title string
}

// Lexicon holds the lexicon's word lists that the extractor's code reads.
// Lists keep the order they are written in (files in load order); where
// the order matters the lexicon file's header says so. Words are
// normalized (NFC, width folding, spaces trimmed); lists compared with
// lower-cased text are lower-cased.
type Lexicon struct {
	Countries                map[string]bool // countries: entity names of places that are countries
	ClauseEndingsKO          []string        // clause_endings_ko
	SubjectParticlesKO       []string        // subject_particles_ko
	PersonSubjectParticlesKO []string        // person_subject_particles_ko
	TitleGlossesKO           []string        // title_glosses_ko
	ListConnectorsEN         map[string]bool // list_connectors_en
	ListConnectorsKO         map[string]bool // list_connectors_ko
	CoordinationOpenersEN    map[string]bool // coordination_openers_en
	PossessiveParticlesKO    []string        // possessive_particles_ko
	SeparateMeetings         []string        // separate_meetings, lower case
	PlacePrepositionsEN      map[string]bool // place_prepositions_en, lower case
	NotPersonPluralsEN       map[string]bool // not_person_plurals_en, lower case
	PlaceFollowersEN         map[string]bool // place_followers_en, lower case
	NotPlacesEN              map[string]bool // not_places_en, lower case
	AppositionsEN            []string        // appositions_en
	AttributionsEN           []string        // attributions_en, lower case
	HonorificsEN             []string        // honorifics_en
	ObjectBreaksEN           []string        // object_breaks_en, lower case
	PersonNounsEN            []string        // person_nouns_en, lower case
	ListVerbsEN              []string        // list_verbs_en
	AdjacentFillersEN        map[string]bool // adjacent_fillers_en, lower case
	LongAsidesEN             []string        // long_asides_en
	Venues                   []string        // venues
	OrgPronounsEN            []string        // org_pronouns_en, lower case
	PluralDealsEN            []string        // plural_deals_en, lower case
	SeparateDealsEN          []string        // separate_deals_en, lower case
	OutletSuffixesEN         []string        // outlet_suffixes_en
	OutletSuffixesKO         []string        // outlet_suffixes_ko
	BylineTitles             []string        // byline_titles; the first is a byline's title when it states none
	BylinePrefixesEN         []string        // byline_prefixes_en
	WordFormEndingsKO        []string        // word_form_endings_ko
	FusedTitlesKO            []FusedTitle    // fused_titles_ko
	LegalEndingsEN           []string        // legal_endings_en, in order
	LegalPrefixes            []string        // legal_prefixes, in order
	DottedLegalFormsEN       []string        // dotted_legal_forms_en
	TitleQualifiersEN        []string        // title_qualifiers_en, lower case
	FormerMarkers            []string        // former_markers (en.yaml, ko.yaml), lower case
	GatheringsKO             []string        // gatherings_ko
	GatheringsEN             []string        // gatherings_en, lower case
	GroupSuffixesEN          []string        // group_suffixes_en
	OrgDropLeadingEN         map[string]bool // org_drop_leading_en, lower case
	OriginSuffixesEN         []string        // origin_suffixes_en
	OrgEdgeWordsEN           map[string]bool // org_edge_words_en
	OrgLinksEN               map[string]bool // org_links_en
	OfHeadsEN                map[string]bool // of_heads_en
	AndHeadsEN               map[string]bool // and_heads_en
	PossessivesEN            []string        // possessives_en, in order
	PersonNotFinalKO         []string        // person_not_final_ko
	CaseParticlesKO          []string        // case_particles_ko
	PlaceParticlesKO         []string        // place_particles_ko
	PluralSuffixesKO         []string        // plural_suffixes_ko
	CopulasKO                []string        // copulas_ko
	DescriptorEndingsKO      []string        // descriptor_endings_ko
	BareStemParticlesKO      []string        // bare_stem_particles_ko
	BareStemNotEndingsKO     []string        // bare_stem_not_endings_ko
	SentenceEndingsKO        []string        // sentence_endings_ko
	TitleModifiersKO         []string        // title_modifiers_ko: the TITLE_MOD_KO macro
	OrgInnerWordsEN          []string        // org_links_en and org_lowercase_en: the ORG_EN macro
	ForeignNameNotFinalKO    []string        // foreign_name_not_final_ko: the HW macro
	GovSuffixesKO            []string        // gov_suffixes_ko: a country's ministry or agency (인도네시아 투자부)
	// Quantity matches a number with one of units_ko (or %) after it:
	// a date, count or amount ("20일", "3사"), never an organization.
	Quantity *regexp.Regexp

	// Dates (rules/default/lexicon/dates.yaml).
	PublicationLabels       []string                // publication_labels, in order
	MonthOf                 map[string]time.Month   // months_en, lower case
	WeekdayOfEN             map[string]time.Weekday // weekdays_en, lower case
	WeekdayOfKO             map[string]time.Weekday // weekdays_ko
	RelativeEN              map[string]RelativeDate // relative_dates_en, lower case
	RelativeKO              map[string]RelativeDate // relative_dates_ko
	LastYearKO              []string                // last_year_ko
	LastMonthKO             []string                // last_month_ko
	ReportVerbsEN           []string                // report_verbs_en
	MeetingRefs             []string                // meeting_refs (en.yaml, ko.yaml)
	AfterConsonantKO        []string                // particles_after_consonant_ko
	AfterVowelKO            []string                // particles_after_vowel_ko
	PhotoPositionsKO        []string                // photo_positions_ko
	AdnominalEndingsKO      []string                // adnominal_endings_ko
	AdnominalEndingsShortKO []string                // adnominal_endings_short_ko
	ReportVerbsKO           []string                // report_verbs_ko
	MonthCountsKO           []string                // month_counts_ko
	// The date expressions, built from the lists: DateEN "Jan. 30",
	// "January 30, 2025" (groups: month word, day, year); WeekEN a
	// weekday (group 1); RelEN a relative date word, any case (group 1);
	// DateKO "2025년 2월 4일" (groups: year, month, day); DayKO "지난 3일"
	// (group 1 the day); WeekKO a weekday; RelKO a relative date word
	// (group 1). A nil expression has no words to match.
	DateEN, WeekEN, RelEN, DateKO, DayKO, WeekKO, RelKO *regexp.Regexp
	// Cues are strings one of which every match of an expression holds,
	// so a sentence without any is not searched: MonthCuesEN for DateEN,
	// WeekdayCuesEN for WeekEN, RelCuesEN (lower case, compared without
	// ASCII case) for RelEN, WeekdayCuesKO for WeekKO, RelCuesKO for
	// RelKO; DateCuesEN (lower case, without ASCII case) and DateCuesKO
	// together for any date word.
	MonthCuesEN, WeekdayCuesEN, RelCuesEN, WeekdayCuesKO, RelCuesKO []string
	DateCuesEN, DateCuesKO                                          []string
	MonthUnitKO, DayUnitKO                                          string // date_units_ko
}

// addLexicon adds the word lists of one file's lexicon.
func (s *Set) addLexicon(f *File, lx *RawLexicon, b *lexiconBuilder, errs *ErrorList) {
	x := &s.Lex
	addSet(x.Countries, lx.Countries, false)
	x.ClauseEndingsKO = append(x.ClauseEndingsKO, normAll(lx.ClauseEndingsKO)...)
	x.SubjectParticlesKO = append(x.SubjectParticlesKO, normAll(lx.SubjectParticlesKO)...)
	x.PersonSubjectParticlesKO = append(x.PersonSubjectParticlesKO, normAll(lx.PersonSubjectKO)...)
	x.TitleGlossesKO = append(x.TitleGlossesKO, normAll(lx.TitleGlossesKO)...)
	addSet(x.ListConnectorsEN, lx.ListConnectorsEN, false)
	addSet(x.ListConnectorsKO, lx.ListConnectorsKO, false)
	addSet(x.CoordinationOpenersEN, lx.CoordinationOpenersEN, false)
	x.PossessiveParticlesKO = append(x.PossessiveParticlesKO, normAll(lx.PossessiveParticlesKO)...)
	x.SeparateMeetings = append(x.SeparateMeetings, lowerAll(normAll(lx.SeparateMeetings))...)
	for _, w := range lowerAll(normAll(lx.NotPersonPluralsEN)) {
		x.NotPersonPluralsEN[w] = true
	}
	for _, w := range lowerAll(normAll(lx.PlacePrepositionsEN)) {
		x.PlacePrepositionsEN[w] = true
	}
	for _, w := range lowerAll(normAll(lx.PlaceFollowersEN)) {
		x.PlaceFollowersEN[w] = true
	}
	for _, w := range lowerAll(normAll(lx.NotPlacesEN)) {
		x.NotPlacesEN[w] = true
	}
	x.AppositionsEN = append(x.AppositionsEN, normAll(lx.AppositionsEN)...)
	x.AttributionsEN = append(x.AttributionsEN, lowerAll(normAll(lx.AttributionsEN))...)
	x.HonorificsEN = append(x.HonorificsEN, normAll(lx.HonorificsEN)...)
	x.ObjectBreaksEN = append(x.ObjectBreaksEN, lowerAll(normAll(lx.ObjectBreaksEN))...)
	x.PersonNounsEN = append(x.PersonNounsEN, lowerAll(normAll(lx.PersonNounsEN))...)
	x.ListVerbsEN = append(x.ListVerbsEN, normAll(lx.ListVerbsEN)...)
	addSet(x.AdjacentFillersEN, lx.AdjacentFillersEN, true)
	x.LongAsidesEN = append(x.LongAsidesEN, normAll(lx.LongAsidesEN)...)
	x.Venues = append(x.Venues, normAll(lx.Venues)...)
	x.OrgPronounsEN = append(x.OrgPronounsEN, lowerAll(normAll(lx.OrgPronounsEN))...)
	x.PluralDealsEN = append(x.PluralDealsEN, lowerAll(normAll(lx.PluralDealsEN))...)
	x.SeparateDealsEN = append(x.SeparateDealsEN, lowerAll(normAll(lx.SeparateDealsEN))...)
	x.OutletSuffixesEN = append(x.OutletSuffixesEN, normAll(lx.OutletSuffixesEN)...)
	x.OutletSuffixesKO = append(x.OutletSuffixesKO, normAll(lx.OutletSuffixesKO)...)
	x.BylineTitles = append(x.BylineTitles, normAll(lx.BylineTitles)...)
	x.BylinePrefixesEN = append(x.BylinePrefixesEN, normAll(lx.BylinePrefixesEN)...)
	x.WordFormEndingsKO = append(x.WordFormEndingsKO, normAll(lx.WordFormEndingsKO)...)
	for i, ft := range lx.FusedTitlesKO {
		org, title := Normalize(strings.TrimSpace(ft.Org)), Normalize(strings.TrimSpace(ft.Title))
		shared := sharedSyllables(org, title)
		if shared == "" || shared == org || shared == title {
			errs.Add(f.pos("lexicon", 0, "fused_titles_ko", i), "",
				"fused_titles_ko: org %q must end in the syllables title %q starts with, and each must have more", ft.Org, ft.Title)
			continue
		}
		x.FusedTitlesKO = append(x.FusedTitlesKO, FusedTitle{OrgHead: strings.TrimSuffix(org, shared), Shared: shared, Title: title})
	}
	x.LegalEndingsEN = append(x.LegalEndingsEN, normAll(lx.LegalEndingsEN)...)
	x.LegalPrefixes = append(x.LegalPrefixes, normAll(lx.LegalPrefixes)...)
	x.DottedLegalFormsEN = append(x.DottedLegalFormsEN, normAll(lx.DottedLegalFormsEN)...)
	for i, w := range normAll(lx.DottedLegalFormsEN) {
		if !strings.HasSuffix(w, ".") {
			errs.Add(f.pos("lexicon", 0, "dotted_legal_forms_en", i), "", "dotted_legal_forms_en: %q does not end in a period", w)
		}
	}
	x.TitleQualifiersEN = append(x.TitleQualifiersEN, lowerAll(normAll(lx.TitleQualifiersEN))...)
	x.FormerMarkers = append(x.FormerMarkers, lowerAll(normAll(lx.FormerMarkers))...)
	x.GatheringsKO = append(x.GatheringsKO, normAll(lx.GatheringsKO)...)
	x.GatheringsEN = append(x.GatheringsEN, lowerAll(normAll(lx.GatheringsEN))...)
	x.GroupSuffixesEN = append(x.GroupSuffixesEN, normAll(lx.GroupSuffixesEN)...)
	addSet(x.OrgDropLeadingEN, lx.OrgDropLeadingEN, true)
	x.OriginSuffixesEN = append(x.OriginSuffixesEN, normAll(lx.OriginSuffixesEN)...)
	addSet(x.OrgEdgeWordsEN, lx.OrgEdgeWordsEN, false)
	addSet(x.OrgLinksEN, lx.OrgLinksEN, false)
	x.OrgInnerWordsEN = append(x.OrgInnerWordsEN, normAll(lx.OrgLinksEN)...)
	x.OrgInnerWordsEN = append(x.OrgInnerWordsEN, normAll(lx.OrgLowercaseEN)...)
	addSet(x.OfHeadsEN, lx.OfHeadsEN, false)
	addSet(x.AndHeadsEN, lx.AndHeadsEN, false)
	x.PossessivesEN = append(x.PossessivesEN, normAll(lx.PossessivesEN)...)
	x.PersonNotFinalKO = append(x.PersonNotFinalKO, normAll(lx.PersonNotFinalKO)...)
	x.CaseParticlesKO = append(x.CaseParticlesKO, normAll(lx.CaseParticlesKO)...)
	x.PlaceParticlesKO = append(x.PlaceParticlesKO, normAll(lx.PlaceParticlesKO)...)
	x.PluralSuffixesKO = append(x.PluralSuffixesKO, normAll(lx.PluralSuffixesKO)...)
	x.CopulasKO = append(x.CopulasKO, normAll(lx.CopulasKO)...)
	x.DescriptorEndingsKO = append(x.DescriptorEndingsKO, normAll(lx.DescriptorEndingsKO)...)
	x.BareStemParticlesKO = append(x.BareStemParticlesKO, normAll(lx.BareStemParticlesKO)...)
	x.BareStemNotEndingsKO = append(x.BareStemNotEndingsKO, normAll(lx.BareStemNotEndingsKO)...)
	b.unitsKO = append(b.unitsKO, normAll(lx.UnitsKO)...)
	x.SentenceEndingsKO = append(x.SentenceEndingsKO, normAll(lx.SentenceEndingsKO)...)
	x.TitleModifiersKO = append(x.TitleModifiersKO, normAll(lx.TitleModifiersKO)...)
	x.ForeignNameNotFinalKO = append(x.ForeignNameNotFinalKO, normAll(lx.ForeignNameNotFinalKO)...)
	x.GovSuffixesKO = append(x.GovSuffixesKO, normAll(lx.GovSuffixesKO)...)

	// dates
	x.PublicationLabels = append(x.PublicationLabels, normAll(lx.PublicationLabels)...)
	if len(lx.MonthsEN) > 0 && len(lx.MonthsEN) != 12 {
		errs.Add(f.pos("lexicon", 0, "months_en", -1), "", "months_en: want 12 months, January first, not %d", len(lx.MonthsEN))
	} else {
		for i, ws := range lx.MonthsEN {
			for _, w := range normAll(ws) {
				if m, ok := x.MonthOf[strings.ToLower(w)]; ok && m != time.Month(i+1) {
					errs.Add(f.pos("lexicon", 0, "months_en", i), "", "months_en: %q is already a word of %s: a word given twice would be settled by the order of the files", w, m)
					continue
				}
				x.MonthOf[strings.ToLower(w)] = time.Month(i + 1)
				b.monthWords = append(b.monthWords, w)
			}
		}
	}
	addWeekdays := func(key string, ws []string, m map[string]time.Weekday, fold bool, all *[]string) {
		ws = normAll(ws)
		if len(ws) == 0 {
			return
		}
		if len(ws) != 7 {
			errs.Add(f.pos("lexicon", 0, key, -1), "", "%s: want 7 weekdays, Sunday first, not %d", key, len(ws))
			return
		}
		for i, w := range ws {
			k := w
			if fold {
				k = strings.ToLower(w)
			}
			if d, ok := m[k]; ok && d != time.Weekday(i) {
				errs.Add(f.pos("lexicon", 0, key, i), "", "%s: %q is already %s: a word given twice would be settled by the order of the files", key, w, d)
				continue
			}
			m[k] = time.Weekday(i)
			*all = append(*all, w)
		}
	}
	addWeekdays("weekdays_en", lx.WeekdaysEN, x.WeekdayOfEN, true, &b.weekdayWordsEN)
	addWeekdays("weekdays_ko", lx.WeekdaysKO, x.WeekdayOfKO, false, &b.weekdayWordsKO)
	addRelative := func(key string, rs []RawRelativeDate, m map[string]RelativeDate, fold bool, all *[]string) {
		for i, r := range rs {
			var rd RelativeDate
			switch r.From {
			case "", "publication":
			case "story":
				rd.FromStory = true
			default:
				errs.Add(f.pos("lexicon", 0, key, i), "", "%s: unknown from %q (want publication or story)", key, r.From)
				continue
			}
			rd.Days = r.Days
			for _, w := range normAll(r.Words) {
				if fold {
					w = strings.ToLower(w)
				}
				if old, ok := m[w]; ok && old != rd {
					errs.Add(f.pos("lexicon", 0, key, i), "", "%s: %q is already a relative date (%+d days): a word given twice would be settled by the order of the files", key, w, old.Days)
					continue
				}
				m[w] = rd
				*all = append(*all, w)
			}
		}
	}
	addRelative("relative_dates_en", lx.RelativeDatesEN, x.RelativeEN, true, &b.relWordsEN)
	addRelative("relative_dates_ko", lx.RelativeDatesKO, x.RelativeKO, false, &b.relWordsKO)
	if u := lx.DateUnitsKO; u != nil {
		y, mo, d := Normalize(strings.TrimSpace(u.Year)), Normalize(strings.TrimSpace(u.Month)), Normalize(strings.TrimSpace(u.Day))
		switch {
		case y == "" || mo == "" || d == "":
			errs.Add(f.pos("lexicon", 0, "date_units_ko", -1), "", "date_units_ko: needs year, month and day")
		case b.dateUnitsKO[0] != "":
			errs.Add(f.pos("lexicon", 0, "date_units_ko", -1), "", "date_units_ko is already given at %s: give it in one file", b.dateUnitsAt)
		default:
			b.dateUnitsKO = [3]string{y, mo, d}
			b.dateUnitsAt = f.pos("lexicon", 0, "date_units_ko", -1)
		}
	}
	b.dayPrefixesKO = append(b.dayPrefixesKO, normAll(lx.DayPrefixesKO)...)
	x.LastYearKO = append(x.LastYearKO, normAll(lx.LastYearKO)...)
	x.LastMonthKO = append(x.LastMonthKO, normAll(lx.LastMonthKO)...)
	x.ReportVerbsEN = append(x.ReportVerbsEN, normAll(lx.ReportVerbsEN)...)
	x.MeetingRefs = append(x.MeetingRefs, normAll(lx.MeetingRefs)...)
	x.AfterConsonantKO = append(x.AfterConsonantKO, normAll(lx.AfterConsonantKO)...)
	x.AfterVowelKO = append(x.AfterVowelKO, normAll(lx.AfterVowelKO)...)
	x.PhotoPositionsKO = append(x.PhotoPositionsKO, normAll(lx.PhotoPositionsKO)...)
	x.AdnominalEndingsKO = append(x.AdnominalEndingsKO, normAll(lx.AdnominalEndingsKO)...)
	x.AdnominalEndingsShortKO = append(x.AdnominalEndingsShortKO, normAll(lx.AdnominalEndingsShortKO)...)
	x.ReportVerbsKO = append(x.ReportVerbsKO, normAll(lx.ReportVerbsKO)...)
	x.MonthCountsKO = append(x.MonthCountsKO, normAll(lx.MonthCountsKO)...)
}

// lexiconBuilder holds what addLexicon collects for finishLexicon.
type lexiconBuilder struct {
	unitsKO                        []string
	monthWords                     []string
	weekdayWordsEN, weekdayWordsKO []string
	relWordsEN, relWordsKO         []string  // lower case (en)
	dateUnitsKO                    [3]string // year, month, day
	dateUnitsAt                    Pos
	dayPrefixesKO                  []string
}

func newLexicon() Lexicon {
	return Lexicon{
		Countries: map[string]bool{}, ListConnectorsEN: map[string]bool{}, ListConnectorsKO: map[string]bool{},
		CoordinationOpenersEN: map[string]bool{}, OrgDropLeadingEN: map[string]bool{}, OrgEdgeWordsEN: map[string]bool{},
		OrgLinksEN: map[string]bool{}, OfHeadsEN: map[string]bool{}, AndHeadsEN: map[string]bool{}, AdjacentFillersEN: map[string]bool{},
		PlacePrepositionsEN: map[string]bool{}, NotPersonPluralsEN: map[string]bool{}, PlaceFollowersEN: map[string]bool{}, NotPlacesEN: map[string]bool{},
		MonthOf: map[string]time.Month{}, WeekdayOfEN: map[string]time.Weekday{}, WeekdayOfKO: map[string]time.Weekday{},
		RelativeEN: map[string]RelativeDate{}, RelativeKO: map[string]RelativeDate{},
	}
}

// finishLexicon builds what the lists of every file make together: the
// quantity and date expressions and their cues.
func (s *Set) finishLexicon(b *lexiconBuilder, errs *ErrorList) {
	x := &s.Lex
	compile := func(src string) *regexp.Regexp {
		re, err := regexp.Compile(src)
		if err != nil { // the words are quoted: cannot happen
			errs.Add(Pos{File: "(lexicon)"}, "", "%v", err)
			return nil
		}
		return re
	}
	units := ""
	if len(b.unitsKO) > 0 {
		units = altWords(b.unitsKO) + "|"
	}
	x.Quantity = compile(`^[0-9,.]+\s?(?:` + units + `%)?$`)
	if len(b.monthWords) > 0 {
		x.DateEN = compile(`\b(` + altWords(b.monthWords) + `)\.?\s(\d{1,2})(?:,\s(\d{4}))?\b`)
		x.MonthCuesEN = cues(b.monthWords)
	}
	if len(b.weekdayWordsEN) > 0 {
		x.WeekEN = compile(`\b(` + altWords(b.weekdayWordsEN) + `)\b`)
		x.WeekdayCuesEN = cues(b.weekdayWordsEN)
	}
	if len(b.relWordsEN) > 0 {
		x.RelEN = compile(`(?i)\b(` + altWords(b.relWordsEN) + `)\b`)
		x.RelCuesEN = cues(b.relWordsEN)
	}
	x.DateCuesEN = cues(append(lowerAll(append([]string(nil), b.weekdayWordsEN...)), b.relWordsEN...))
	if b.dateUnitsKO[0] != "" {
		y, mo, d := regexp.QuoteMeta(b.dateUnitsKO[0]), regexp.QuoteMeta(b.dateUnitsKO[1]), regexp.QuoteMeta(b.dateUnitsKO[2])
		x.MonthUnitKO, x.DayUnitKO = b.dateUnitsKO[1], b.dateUnitsKO[2]
		x.DateKO = compile(`(?:(\d{4})` + y + `\s?)?(\d{1,2})` + mo + `\s?(\d{1,2})` + d)
		prefix := ""
		if len(b.dayPrefixesKO) > 0 {
			prefix = altWords(b.dayPrefixesKO) + `?`
		}
		x.DayKO = compile(prefix + `\s?(\d{1,2})` + d)
	}
	if len(b.weekdayWordsKO) > 0 {
		x.WeekKO = compile(altWords(b.weekdayWordsKO))
		x.WeekdayCuesKO = cues(b.weekdayWordsKO)
	}
	if len(b.relWordsKO) > 0 {
		x.RelKO = compile(`(` + altWords(b.relWordsKO) + `)`)
		x.RelCuesKO = cues(b.relWordsKO)
	}
	x.DateCuesKO = cues(append(append([]string(nil), b.weekdayWordsKO...), b.relWordsKO...))
}

// altWords is a non-capturing alternation of the quoted words, longest
// first, without repeats.
func altWords(words []string) string {
	ws := append([]string(nil), words...)
	sortLongestFirst(ws)
	q := make([]string, 0, len(ws))
	for i, w := range ws {
		if i == 0 || w != ws[i-1] {
			q = append(q, regexp.QuoteMeta(w))
		}
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// altInOrder is a non-capturing alternation of the quoted words in the
// order written, without repeats; it matches nothing without words.
func altInOrder(words []string) string {
	q := make([]string, 0, len(words))
	seen := map[string]bool{}
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			q = append(q, regexp.QuoteMeta(w))
		}
	}
	if len(q) == 0 {
		return `(?:\x{FFFF})`
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// cues returns a few strings such that every one of words contains one of
// them, so a text holds one of words only if it holds one of these. A
// short word (three letters, two Hangul syllables) is its own cue; then,
// greedily, the substring (of at least that length) that the most words
// not yet covered contain, the longer first on a tie: "day" covers every
// weekday and most English relative date words, 요일 every Korean weekday.
func cues(words []string) []string {
	var left, out []string
	for _, w := range words {
		if w == "" || slices.Contains(left, w) || slices.Contains(out, w) {
			continue
		}
		if utf8.RuneCountInString(w) <= minCue(w) {
			out = append(out, w)
		} else {
			left = append(left, w)
		}
	}
	covered := func(o string) bool {
		for _, c := range out {
			if strings.Contains(o, c) {
				return true
			}
		}
		return false
	}
	left = slices.DeleteFunc(left, covered)
	for len(left) > 0 {
		best, bestN := "", 0
		for _, w := range left {
			for i := 0; i < len(w); i++ {
				for j := i + 1; j <= len(w); j++ {
					c := w[i:j]
					if !utf8.RuneStart(w[i]) || j < len(w) && !utf8.RuneStart(w[j]) || utf8.RuneCountInString(c) < minCue(c) {
						continue
					}
					n := 0
					for _, o := range left {
						if strings.Contains(o, c) {
							n++
						}
					}
					if n > bestN || n == bestN && (len(c) > len(best) || len(c) == len(best) && c < best) {
						best, bestN = c, n
					}
				}
			}
		}
		out = append(out, best)
		left = slices.DeleteFunc(left, covered)
	}
	return out
}

// minCue is the fewest runes a cue has: three ASCII letters, or two
// runes when it holds others (Hangul syllables).
func minCue(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return 2
		}
	}
	return 3
}

// sharedSyllables returns the longest proper end of org that title starts
// with.
func sharedSyllables(org, title string) string {
	for i := 0; i < len(org); i++ {
		if i > 0 && utf8.RuneStart(org[i]) && strings.HasPrefix(title, org[i:]) {
			return org[i:]
		}
	}
	return ""
}

func lowerAll(ss []string) []string {
	for i, s := range ss {
		ss[i] = strings.ToLower(s)
	}
	return ss
}
