package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/kg-news/kg/internal/ac"
	"github.com/kg-news/kg/internal/slug"
	"github.com/kg-news/kg/rules/tokpat"
)

// compiler holds what Compile's phases share while they build one Set:
// the ids claimed so far, the keyword tables the automaton is built from,
// the owners of the aliases and the errors found. Each phase compiles one
// kind of rule from every file, in file order.
type compiler struct {
	set  *Set
	errs ErrorList
	ids  map[string]Pos // rule id → where it is defined

	kw       map[string]int32 // normalized, lower-cased keyword → index in kwOrder
	kwOrder  []string
	keywords [][]Keyword // meanings, by index in kwOrder
	kwBuf    []Keyword   // backing store of words' first meanings

	// aliasOwner maps a lower-cased alias to the index in set.Entities of
	// the entity that claimed it first.
	aliasOwner map[string]int32
	seen       []string // lower-cased aliases of the entity at hand
}

// newCompiler makes a compiler with an empty set, its tables sized for
// the gazetteers of files, which can be large: growing them alias by
// alias would cost more than the rest of Compile.
func newCompiler(files []*File) *compiler {
	nAliases, nEntities := 0, 0
	for _, f := range files {
		nEntities += len(f.Entities)
		for _, r := range f.Entities {
			nAliases += 2 + len(r.Aliases)
		}
	}
	set := &Set{
		Surnames: map[string][]string{}, SurnameOfEN: map[string][]string{},
		NotNamesEN: map[string]bool{}, NotNamesKO: map[string]bool{}, NotOrgsEN: map[string]bool{}, NotOrgsKO: map[string]bool{},
		Abbreviations: map[string]bool{}, Outlets: map[string]bool{}, Determiners: map[string]bool{},
		GivenNamesEN: map[string]bool{}, ForeignSurnames: map[string]bool{}, TitleOf: map[string]int{}, LegalSuffixes: map[string]bool{},
		OrgBareKO: map[string]bool{}, SuffixEN: map[string][]string{}, OrgSuffixLastEN: map[string][][]string{},
		Lex: newLexicon(),
	}
	set.Entities = make([]Entity, 0, nEntities)
	return &compiler{
		set:        set,
		ids:        make(map[string]Pos, nEntities+1024),
		kw:         make(map[string]int32, nAliases+1024),
		kwOrder:    make([]string, 0, nAliases+1024),
		keywords:   make([][]Keyword, 0, nAliases+1024),
		kwBuf:      make([]Keyword, 0, nAliases+1024),
		aliasOwner: make(map[string]int32, nAliases),
	}
}

// claim records id as defined at pos. It reports false, with an error,
// if id is missing or defined already: ids are shared by every kind of
// rule, so that a rule id names one rule.
func (c *compiler) claim(id string, pos Pos) bool {
	if id == "" {
		c.errs.Add(pos, "", "missing id")
		return false
	}
	if prev, ok := c.ids[id]; ok {
		c.errs.Add(pos, id, "duplicate id (first defined at %s)", prev)
		return false
	}
	c.ids[id] = pos
	return true
}

// addKwNorm adds meaning k of the normalized word w, lower-cased lw. A
// word's first meaning is stored in kwBuf, so that the many words with
// one meaning (aliases) cost no allocation of their own.
func (c *compiler) addKwNorm(w, lw string, k Keyword) {
	if lw == "" {
		return
	}
	k.Word = w
	if i, ok := c.kw[lw]; ok {
		c.keywords[i] = append(c.keywords[i], k)
		return
	}
	c.kw[lw] = int32(len(c.kwOrder))
	c.kwOrder = append(c.kwOrder, lw)
	c.kwBuf = append(c.kwBuf, k)
	c.keywords = append(c.keywords, c.kwBuf[len(c.kwBuf)-1:len(c.kwBuf):len(c.kwBuf)])
}

// addKw adds meaning k of word as written in the rules: the automaton
// finds it normalized and in any case.
func (c *compiler) addKw(word string, k Keyword) {
	w := Normalize(strings.TrimSpace(word))
	c.addKwNorm(w, strings.ToLower(w), k)
}

// eachRule calls compile on every rule of the section of every file that
// section returns, in file order, i being the rule's index in its section
// (for its position): the order of ids, keywords and errors. A rule that
// a later file overrides (Overlay) is left out.
func eachRule[R any, P interface {
	*R
	ruleID() string
}](files []*File, section func(*File) []R, compile func(f *File, i int, r *R)) {
	for _, f := range files {
		rules := section(f)
		for i := range rules {
			if f.overridden[P(&rules[i]).ruleID()] {
				continue
			}
			compile(f, i, &rules[i])
		}
	}
}

// ruleID of an entity is its id, else the one Compile makes from its
// type and name.
func (r *RawEntity) ruleID() string {
	if r.ID == "" && r.Name != "" {
		return strings.ToLower(r.Type) + ":" + slug.Make(r.Name)
	}
	return r.ID
}
func (r *RawTitle) ruleID() string   { return r.ID }
func (r *RawTrigger) ruleID() string { return r.ID }
func (r *RawPattern) ruleID() string { return r.ID }

// lexicons compiles every file's lexicon, then sorts and indexes the
// merged word lists. It runs first: the patterns' macros and token
// classes are built from the lexicon.
func (c *compiler) lexicons(files []*File) {
	var lb lexiconBuilder
	for _, f := range files {
		lx := f.Lexicon
		if lx == nil {
			continue
		}
		c.lexiconLists(f, lx)
		c.set.addLexicon(f, lx, &lb, &c.errs)
		c.lexiconKeywords(lx)
	}
	s := c.set
	sortLongestFirst(s.Particles)
	sortLongestFirst(s.OrgSuffixesEN)
	for _, suf := range s.OrgSuffixesEN {
		ws := strings.Fields(suf)
		last := ws[len(ws)-1]
		s.OrgSuffixLastEN[last] = append(s.OrgSuffixLastEN[last], ws)
	}
	sortLongestFirst(s.OrgSuffixesKO)
	s.indexKOSuffixes()
	s.indexParticles()
	s.finishLexicon(&lb, &c.errs)
}

// lexiconLists adds the word lists of one file's lexicon that Set holds
// itself (those of Set.Lex are addLexicon's), normalized, and its
// examples.
func (c *compiler) lexiconLists(f *File, lx *RawLexicon) {
	s := c.set
	for _, ex := range lx.Examples {
		s.LexiconExamples = append(s.LexiconExamples, FileExample{File: f.Path, Example: ex})
	}
	s.Particles = append(s.Particles, normAll(lx.ParticlesKO)...)
	for i, sn := range lx.Surnames {
		if sn.KO == "" || len(sn.EN) == 0 {
			c.errs.Add(f.pos("lexicon", 0, "surnames", i), "", "surname needs ko and en")
			continue
		}
		ko := Normalize(sn.KO)
		s.Surnames[ko] = append(s.Surnames[ko], sn.EN...)
		for _, en := range sn.EN {
			l := strings.ToLower(en)
			s.SurnameOfEN[l] = append(s.SurnameOfEN[l], ko)
		}
	}
	s.OrgSuffixesEN = append(s.OrgSuffixesEN, normAll(lx.OrgSuffixesEN)...)
	s.OrgSuffixesKO = append(s.OrgSuffixesKO, normAll(lx.OrgSuffixesKO)...)
	addSet(s.NotNamesEN, lx.NotNamesEN, true)
	addSet(s.NotNamesKO, lx.NotNamesKO, false)
	addSet(s.OrgBareKO, lx.OrgBareSuffixesKO, false)
	for _, p := range lx.OrgSuffixPairs {
		ko := Normalize(p.KO)
		s.SuffixEN[ko] = append(s.SuffixEN[ko], p.EN...)
	}
	addSet(s.NotOrgsEN, lx.NotOrgsEN, true)
	addSet(s.NotOrgsKO, lx.NotOrgsKO, false)
	addSet(s.Abbreviations, lx.Abbreviations, true)
	addSet(s.Outlets, lx.Outlets, true)
	addSet(s.Determiners, lx.Determiners, true)
	addSet(s.GivenNamesEN, lx.GivenNamesEN, true)
	addSet(s.ForeignSurnames, lx.ForeignSurnamesKO, false)
	for _, w := range lx.LegalSuffixes {
		s.LegalSuffixes[LegalWord(Normalize(w))] = true
	}
	s.SkipPrefixes = append(s.SkipPrefixes, normAll(lx.SkipLinePrefixes)...)
}

// lexiconKeywords makes the lexicon's referring words (pronouns, "the
// two", organization descriptors) keywords of their Lex* class, so that
// the automaton finds them in the same pass as names and titles.
func (c *compiler) lexiconKeywords(lx *RawLexicon) {
	for _, l := range [...]struct {
		words []string
		class int
	}{
		{lx.PronounsEN, LexPronounEN},
		{lx.PronounsKO, LexPronounKO},
		{lx.SelfRefs, LexSelfRef},
		{lx.PluralRefs, LexPlural},
		{lx.PluralRefsThree, LexPluralThree},
		{lx.OrgDescriptorsEN, LexOrgDescriptorEN},
		{lx.OrgDescriptorsKO, LexOrgDescriptorKO},
	} {
		for _, w := range l.words {
			c.addKw(w, Keyword{Kind: KwLex, Index: l.class})
		}
	}
}

// titles compiles every file's titles, then sorts the title words longest
// first, the order in which MaskTitles tries them.
func (c *compiler) titles(files []*File) {
	eachRule(files, func(f *File) []RawTitle { return f.Titles }, c.title)
	sortLongestFirst(c.set.TitleWordsEN)
	sortLongestFirst(c.set.TitleWordsKO)
}

// title compiles title rule i of f: its words become keywords of it and
// title words of their language.
func (c *compiler) title(f *File, i int, r *RawTitle) {
	pos := f.pos("titles", i, "", -1)
	if !c.claim(r.ID, pos) {
		return
	}
	if r.Title == "" || nonBlank(r.EN)+nonBlank(r.KO) == 0 {
		c.errs.Add(pos, r.ID, "title needs title and words (en or ko)")
		return
	}
	idx := len(c.set.Titles)
	c.set.Titles = append(c.set.Titles, Title{ID: r.ID, Title: r.Title, Rank: r.Rank, Honorific: r.Honorific,
		Examples: r.Examples, Pos: pos})
	c.titleWords(r.EN, idx, &c.set.TitleWordsEN)
	c.titleWords(r.KO, idx, &c.set.TitleWordsKO)
}

// titleWords makes words keywords of title idx, adds them to list (the
// title words of their language) and maps them to the title in TitleOf.
func (c *compiler) titleWords(words []string, idx int, list *[]string) {
	for _, w := range words {
		c.addKw(w, Keyword{Kind: KwTitle, Index: idx})
		*list = append(*list, Normalize(w))
		c.set.TitleOf[strings.ToLower(Normalize(w))] = idx
	}
}

// entities compiles every file's entities (the gazetteer).
func (c *compiler) entities(files []*File) {
	eachRule(files, func(f *File) []RawEntity { return f.Entities }, c.entity)
}

// entity compiles entity rule i of f, its id made from its type and name
// if it has none. Each surface form becomes a keyword of it, once: an
// alias already claimed by an entity of another type is an error, by one
// of the same type a collision (the mention is ambiguous, not wrong).
func (c *compiler) entity(f *File, i int, r *RawEntity) {
	pos := f.pos("entities", i, "", -1)
	if r.Name == "" {
		c.errs.Add(pos, r.ID, "entity needs a name")
		return
	}
	id := r.ruleID()
	if !c.claim(id, pos) {
		return
	}
	if !entityTypes[r.Type] {
		c.errs.Add(f.pos("entities", i, "type", -1), id, "unknown type %q (want PERSON, ORGANIZATION, PRODUCT or PLACE)", r.Type)
		return
	}
	e := Entity{ID: id, Name: Normalize(r.Name), Type: r.Type, NameKO: Normalize(r.NameKO), Rule: id,
		Aliases: make([]string, 0, 2+len(r.Aliases))}
	self := int32(len(c.set.Entities))
	c.seen = c.seen[:0]
	for j := range 2 + len(r.Aliases) {
		a := Normalize(strings.TrimSpace(entityForm(r, j)))
		if a == "" {
			continue
		}
		key := strings.ToLower(a)
		if slices.Contains(c.seen, key) {
			continue
		}
		c.seen = append(c.seen, key)
		if prev, ok := c.aliasOwner[key]; ok && prev != self {
			other := &c.set.Entities[prev]
			p := aliasPos(f, i, j, pos)
			if other.Type != r.Type {
				c.errs.Add(p, id, "alias %q is already claimed by %s entity %q", a, other.Type, other.ID)
				continue
			}
			c.set.Collisions.Add(p, id, "alias %q is also claimed by entity %q: a mention of it is ambiguous", a, other.ID)
		}
		c.aliasOwner[key] = self
		e.Aliases = append(e.Aliases, a)
		c.addAliasKw(a, key, self)
	}
	c.set.Entities = append(c.set.Entities, e)
}

// entityForm is surface form j of entity rule r, as written: its name,
// its Korean name, then its aliases, the order in which they are claimed.
func entityForm(r *RawEntity, j int) string {
	switch j {
	case 0:
		return r.Name
	case 1:
		return r.NameKO
	}
	return r.Aliases[j-2]
}

// aliasPos is where surface form j of entity rule i of f is written, pos
// being the entity's: errors about an alias point at its line.
func aliasPos(f *File, i, j int, pos Pos) Pos {
	if j >= 2 {
		return f.pos("entities", i, "aliases", j-2)
	}
	return pos
}

// addAliasKw makes alias a, normalized and lower-cased key, a keyword of
// entity self. It is addKw(a, ...) without normalizing and lowering again
// what almost always is normalized already: aliases are most keywords.
func (c *compiler) addAliasKw(a, key string, self int32) {
	k := Keyword{Kind: KwEntity, Index: int(self)}
	if w := Normalize(strings.TrimSpace(a)); w == a {
		c.addKwNorm(w, key, k)
	} else {
		c.addKwNorm(w, strings.ToLower(w), k)
	}
}

// triggers compiles every file's triggers.
func (c *compiler) triggers(files []*File) {
	eachRule(files, func(f *File) []RawTrigger { return f.Triggers }, c.trigger)
}

// trigger compiles trigger rule i of f, checking its kind, language and
// mode; its words become keywords of it.
func (c *compiler) trigger(f *File, i int, r *RawTrigger) {
	pos := f.pos("triggers", i, "", -1)
	if !c.claim(r.ID, pos) {
		return
	}
	if !triggerKinds[r.Kind] {
		c.errs.Add(f.pos("triggers", i, "kind", -1), r.ID, "unknown trigger kind %q", r.Kind)
		return
	}
	if r.Lang != "en" && r.Lang != "ko" && r.Lang != "" {
		c.errs.Add(f.pos("triggers", i, "lang", -1), r.ID, "unknown lang %q (want en or ko)", r.Lang)
		return
	}
	switch r.Mode {
	case "", "clique", "star", "group", "caption", "adjacent", "coordinated", "after":
	default:
		c.errs.Add(f.pos("triggers", i, "mode", -1), r.ID, "unknown mode %q (want clique, star, group, caption, adjacent, coordinated or after)", r.Mode)
		return
	}
	if nonBlank(r.Words) == 0 {
		c.errs.Add(pos, r.ID, "trigger has no words")
		return
	}
	idx := len(c.set.Triggers)
	c.set.Triggers = append(c.set.Triggers, Trigger{ID: r.ID, Kind: r.Kind, Lang: r.Lang, Mode: r.Mode,
		Examples: r.Examples, Pos: pos})
	for _, w := range r.Words {
		c.addKw(w, Keyword{Kind: KwTrigger, Index: idx})
	}
}

// patterns compiles every file's pattern rules, regex or token, with the
// macros and token classes of the lexicon (so it runs after lexicons),
// then links the token rules into one program.
func (c *compiler) patterns(files []*File) {
	macros := c.set.macros()
	tokEnv := c.set.tokenEnv()
	eachRule(files, func(f *File) []RawPattern { return f.Patterns }, func(f *File, i int, r *RawPattern) {
		c.pattern(f, i, r, macros, tokEnv)
	})
	c.set.linkTokens()
}

// pattern checks what pattern rule i of f needs whatever its form (an
// id, a known kind and language) and compiles it as a token or a regex
// rule.
func (c *compiler) pattern(f *File, i int, r *RawPattern, macros map[string]string, tokEnv *tokpat.Env) {
	pos := f.pos("patterns", i, "", -1)
	if !c.claim(r.ID, pos) {
		return
	}
	groups, ok := patternKinds[PatternKind(r.Kind)]
	if !ok {
		c.errs.Add(f.pos("patterns", i, "kind", -1), r.ID, "unknown pattern kind %q", r.Kind)
		return
	}
	if r.Lang != "en" && r.Lang != "ko" {
		c.errs.Add(f.pos("patterns", i, "lang", -1), r.ID, "unknown lang %q (want en or ko)", r.Lang)
		return
	}
	if r.Tokens != "" {
		c.tokenPattern(f, i, r, groups, pos, tokEnv)
		return
	}
	c.regexPattern(f, i, r, groups, pos, macros)
}

// tokenPattern compiles pattern rule i of f, written with tokens, whose
// kind needs groups (see compileTokens). A rule with a regex as well is
// refused rather than one of the two ignored.
func (c *compiler) tokenPattern(f *File, i int, r *RawPattern, groups []string, pos Pos, tokEnv *tokpat.Env) {
	p := Pattern{ID: r.ID, Kind: PatternKind(r.Kind), Lang: r.Lang, Examples: r.Examples, Pos: pos, Keywords: lowerKeywords(r.Keywords)}
	switch {
	case r.Regex != "":
		c.errs.Add(f.pos("patterns", i, "tokens", -1), r.ID, "pattern has both regex and tokens (give one)")
	case !c.set.compileTokens(tokEnv, f, i, *r, groups, &p, &c.errs):
	case len(r.Examples.Match) == 0:
		c.errs.Add(pos, r.ID, "pattern needs at least one examples.match")
	default:
		c.set.Patterns = append(c.set.Patterns, p)
	}
}

// regexPattern compiles pattern rule i of f, written as a regex with
// macros, whose kind needs groups; an anchored copy and what analyze
// learns of the regex let the extractor run it on less of the text.
func (c *compiler) regexPattern(f *File, i int, r *RawPattern, groups []string, pos Pos, macros map[string]string) {
	rpos := f.pos("patterns", i, "regex", -1)
	src, err := expand(r.Regex, macros)
	if err != nil {
		c.errs.Add(rpos, r.ID, "%v", err)
		return
	}
	re, err := regexp.Compile(src)
	if err != nil {
		c.errs.Add(rpos, r.ID, "invalid pattern: %v", err)
		return
	}
	bad := false
	for _, g := range groups {
		if re.SubexpIndex(g) < 0 {
			c.errs.Add(rpos, r.ID, "pattern of kind %s needs a group (?P<%s>...)", r.Kind, g)
			bad = true
		}
	}
	if bad {
		return
	}
	if len(r.Examples.Match) == 0 {
		c.errs.Add(pos, r.ID, "pattern needs at least one examples.match")
		return
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
	c.set.Patterns = append(c.set.Patterns, p)
}

// finish returns the set, its keyword tables handed over and the
// automaton built from them, or every error found (a set with no rules
// at all being one: it would find nothing).
func (c *compiler) finish() (*Set, error) {
	s := c.set
	if len(s.Entities)+len(s.Patterns)+len(s.Titles) == 0 && len(c.errs) == 0 {
		c.errs.Add(Pos{File: "(rules)"}, "", "no rules: no entities, titles or patterns were loaded")
	}
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	s.Words = c.kwOrder
	s.Keywords = c.keywords
	s.Matcher = ac.Build(c.kwOrder)
	return s, nil
}
