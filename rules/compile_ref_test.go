package rules

import (
	"regexp"
	"strings"

	"github.com/kg-news/kg/internal/slug"
)

// compileRef is Compile before it was tuned for large gazetteers (commit
// dc0bc89, plus the anchored patterns of f62bbe8), kept to check that the
// tuned one gives the same sets and errors.
func compileRef(files []*File) (*Set, error) {
	var errs ErrorList
	set := &Set{
		Surnames: map[string][]string{}, SurnameOfEN: map[string][]string{},
		NotNamesEN: map[string]bool{}, NotNamesKO: map[string]bool{}, NotOrgsEN: map[string]bool{}, NotOrgsKO: map[string]bool{},
		Abbreviations: map[string]bool{}, Outlets: map[string]bool{}, Determiners: map[string]bool{},
		GivenNamesEN: map[string]bool{}, ForeignSurnames: map[string]bool{}, TitleOf: map[string]int{}, LegalSuffixes: map[string]bool{},
		OrgBareKO: map[string]bool{}, SuffixEN: map[string][]string{}, OrgSuffixLastEN: map[string][][]string{},
	}
	ids := map[string]Pos{}
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
	kw := map[string][]Keyword{} // normalized, lower-cased keyword → meanings
	var kwOrder []string
	addKw := func(word string, k Keyword) {
		w := strings.ToLower(Normalize(strings.TrimSpace(word)))
		if w == "" {
			return
		}
		if _, ok := kw[w]; !ok {
			kwOrder = append(kwOrder, w)
		}
		k.Word = Normalize(strings.TrimSpace(word))
		kw[w] = append(kw[w], k)
	}
	aliasOwner := map[string]struct {
		typ, id string
	}{}

	// Lexicons first: patterns need them for macros.
	for _, f := range files {
		lx := f.Lexicon
		if lx == nil {
			continue
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

	for _, f := range files {
		for i, r := range f.Titles {
			pos := f.pos("titles", i, "", -1)
			if !claim(r.ID, pos) {
				continue
			}
			if r.Title == "" || len(r.EN)+len(r.KO) == 0 {
				errs.Add(pos, r.ID, "title needs title and words (en or ko)")
				continue
			}
			idx := len(set.Titles)
			set.Titles = append(set.Titles, Title{ID: r.ID, Title: r.Title, Rank: r.Rank, Honorific: r.Honorific})
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
			e := Entity{ID: id, Name: Normalize(r.Name), Type: r.Type, NameKO: Normalize(r.NameKO), Rule: id}
			seen := map[string]bool{}
			for j, a := range append([]string{r.Name, r.NameKO}, r.Aliases...) {
				a = Normalize(strings.TrimSpace(a))
				if a == "" || seen[strings.ToLower(a)] {
					continue
				}
				seen[strings.ToLower(a)] = true
				key := strings.ToLower(a)
				if prev, ok := aliasOwner[key]; ok && prev.typ != r.Type {
					p := pos
					if j >= 2 {
						p = f.pos("entities", i, "aliases", j-2)
					}
					errs.Add(p, id, "alias %q is already claimed by %s entity %q", a, prev.typ, prev.id)
					continue
				}
				aliasOwner[key] = struct{ typ, id string }{r.Type, id}
				e.Aliases = append(e.Aliases, a)
				addKw(a, Keyword{Kind: KwEntity, Index: len(set.Entities)})
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
			if len(r.Words) == 0 {
				errs.Add(pos, r.ID, "trigger has no words")
				continue
			}
			idx := len(set.Triggers)
			set.Triggers = append(set.Triggers, Trigger{ID: r.ID, Kind: r.Kind, Lang: r.Lang, Mode: r.Mode})
			for _, w := range r.Words {
				addKw(w, Keyword{Kind: KwTrigger, Index: idx})
			}
		}
	}

	macros := set.macros()
	for _, f := range files {
		for i, r := range f.Patterns {
			pos := f.pos("patterns", i, "", -1)
			if !claim(r.ID, pos) {
				continue
			}
			groups, ok := patternKinds[r.Kind]
			if !ok {
				errs.Add(f.pos("patterns", i, "kind", -1), r.ID, "unknown pattern kind %q", r.Kind)
				continue
			}
			if r.Lang != "en" && r.Lang != "ko" {
				errs.Add(f.pos("patterns", i, "lang", -1), r.ID, "unknown lang %q (want en or ko)", r.Lang)
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
			p := Pattern{ID: r.ID, Kind: r.Kind, Lang: r.Lang, Source: r.Regex, Re: re, Examples: r.Examples, Pos: pos}
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
	if len(set.Entities)+len(set.Patterns)+len(set.Titles) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: "(rules)"}, "", "no rules: no entities, titles or patterns were loaded")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	set.Words = kwOrder
	set.Keywords = make([][]Keyword, len(kwOrder))
	for i, w := range kwOrder {
		set.Keywords[i] = kw[w]
	}
	set.Matcher = nil // compared through Words
	return set, nil
}
