package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Check runs every example a rule of the set carries that the rules
// package can run on its own (patterns and titles; triggers need the
// extractor: see extract.CheckExamples) and reports the set's collisions.
// (Rules that could never fire are refused earlier, by Compile: a kind no
// stage handles, a title or trigger whose words are all blank.) Each
// problem is located in its rule file.
func (s *Set) Check() ErrorList {
	var errs ErrorList
	for _, p := range s.Patterns {
		errs = append(errs, s.CheckPattern(p)...)
	}
	for _, t := range s.Titles {
		errs = append(errs, s.CheckTitle(t)...)
	}
	errs = append(errs, s.WordCollisions()...)
	errs = append(errs, s.Collisions...)
	return errs
}

// CheckPattern runs a pattern's examples with titles masked as the
// extractor masks them. A match example must match, and where it names
// captures (person, org, title, name, alias) one match must capture
// exactly those texts; a no_match example must not match.
func (s *Set) CheckPattern(p Pattern) ErrorList {
	errs := KeyErrors(p.Pos.File, p.ID, "a pattern's match", p.Pos, p.Examples.Match, "person", "org", "title", "name", "alias")
	errs = append(errs, KeyErrors(p.Pos.File, p.ID, "a pattern's no_match", p.Pos, p.Examples.NoMatch)...)
	for _, ex := range p.Examples.Match {
		if ex.Text == "" {
			continue // KeyErrors
		}
		text := Normalize(ex.Text)
		ms := s.patternMatches(p, text)
		switch {
		case len(ms) == 0:
			errs.Add(ex.Pos(p.Pos.File), p.ID, "example %q should match but does not", ex.Text)
		case len(ex.Captures) > 0:
			if best, ok := bestCapture(ms, ex.Captures); !ok {
				errs.Add(ex.Pos(p.Pos.File), p.ID, "example %q: want %s, got %s", ex.Text, showCaptures(ex.Captures), showCaptures(best))
			}
		}
		if len(p.Keywords) > 0 && !HasKeyword(p.Keywords, strings.ToLower(text)) {
			errs.Add(ex.Pos(p.Pos.File), p.ID, "example %q holds none of the keywords %q, so the prefilter would skip it", ex.Text, p.Keywords)
		}
	}
	for _, ex := range p.Examples.NoMatch {
		if ex.Text == "" {
			continue
		}
		if ms := s.patternMatches(p, Normalize(ex.Text)); len(ms) > 0 {
			errs.Add(ex.Pos(p.Pos.File), p.ID, "example %q should not match but does: %s", ex.Text, showCaptures(ms[0]))
		}
	}
	return errs
}

// patternMatches returns the captures of every match of p in text, the
// leftmost-first matches and, for a rule the extractor also runs anchored
// at word starts, the anchored matches at each word start.
func (s *Set) patternMatches(p Pattern, text string) []map[string]string {
	masked := s.MaskTitles(text)
	var out []map[string]string
	add := func(loc []int, off int) {
		m := map[string]string{}
		for i, name := range p.SubexpNames() {
			if name == "" || loc[2*i] < 0 {
				continue
			}
			m[name] = text[off+loc[2*i] : off+loc[2*i+1]]
		}
		out = append(out, m)
	}
	for _, loc := range p.FindAll(masked) {
		add(loc, 0)
	}
	if (p.Anchored != nil || p.Tok != nil) && p.Lang == "ko" {
		for _, loc := range p.FindAtWordStarts(masked) {
			add(loc, 0)
		}
	}
	return out
}

// bestCapture finds a match with the wanted captures, or else the match
// that agrees on the most of them (to show).
func bestCapture(ms []map[string]string, want map[string]string) (map[string]string, bool) {
	best, bestN := ms[0], -1
	for _, m := range ms {
		n := 0
		for g, w := range want {
			if strings.TrimSpace(m[g]) == w {
				n++
			}
		}
		if n == len(want) {
			return m, true
		}
		if n > bestN {
			best, bestN = m, n
		}
	}
	return best, false
}

func showCaptures(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s=%q", k, m[k])
	}
	if b.Len() == 0 {
		return "a match with no captures"
	}
	return b.String()
}

// CheckTitle runs a title entry's examples: the title words the extractor
// finds in each text must include one read as the example's title (the
// entry's own unless it names another).
func (s *Set) CheckTitle(t Title) ErrorList {
	errs := KeyErrors(t.Pos.File, t.ID, "a title", t.Pos, t.Examples, "title")
	for _, ex := range t.Examples {
		if ex.Text == "" {
			continue // KeyErrors
		}
		want := ex.Title
		if want == "" {
			want = t.Title
		}
		text := Normalize(ex.Text)
		var got []string
		ok := false
		for _, h := range s.TitlesIn(text) {
			title := s.Titles[h.Title].Title
			ok = ok || title == want
			got = append(got, fmt.Sprintf("%q read as %s (%s)", text[h.Start:h.End], title, s.Titles[h.Title].ID))
		}
		if !ok {
			g := "no title word"
			if len(got) > 0 {
				g = strings.Join(got, ", ")
			}
			errs.Add(ex.Pos(t.Pos.File), t.ID, "example %q: want title %s, got %s", ex.Text, want, g)
		}
	}
	return errs
}

// WordCollisions reports words the automaton finds with meanings that
// compete: one word of two titles (the extractor reads it as the last),
// one word of two kinds of trigger, an entity alias that is also a title
// or trigger word.
func (s *Set) WordCollisions() ErrorList {
	var errs ErrorList
	for i, ks := range s.Keywords {
		if len(ks) < 2 {
			continue
		}
		word := s.Words[i]
		ent := -1
		for j, k := range ks {
			switch k.Kind {
			case KwEntity:
				ent = k.Index
			case KwTitle:
				b := s.Titles[k.Index]
				for _, o := range ks[:j] {
					if a := s.Titles[o.Index]; o.Kind == KwTitle && o.Index != k.Index && a.Title != b.Title {
						errs.Add(b.Pos, b.ID, "title word %q is also a word of title %q (%s, at %s): the extractor reads it as %s, so every %q becomes %s",
							k.Word, a.ID, a.Title, a.Pos, b.Title, k.Word, b.Title)
					}
				}
			case KwTrigger:
				b := s.Triggers[k.Index]
				for _, o := range ks[:j] {
					if a := s.Triggers[o.Index]; o.Kind == KwTrigger && competes(a.Kind, b.Kind) {
						errs.Add(b.Pos, b.ID, "trigger word %q is also a word of trigger %q (at %s), of kind %s, not %s", k.Word, a.ID, a.Pos, a.Kind, b.Kind)
					}
				}
			}
		}
		if ent < 0 {
			continue
		}
		for _, k := range ks {
			switch k.Kind {
			case KwTitle:
				t := s.Titles[k.Index]
				errs.Add(t.Pos, t.ID, "title word %q is also an alias of entity %q", word, s.Entities[ent].ID)
			case KwTrigger:
				t := s.Triggers[k.Index]
				errs.Add(t.Pos, t.ID, "trigger word %q is also an alias of entity %q", word, s.Entities[ent].ID)
			}
		}
	}
	return errs
}

// competes reports whether one word cannot sensibly be triggers of kinds a
// and b at once.
func competes(a, b string) bool {
	pair := func(x, y string) bool { return a == x && b == y || a == y && b == x }
	return pair(TrigMeeting, TrigHedgeMeeting) || pair(TrigPartnership, TrigHedgePartner) || pair(TrigMeeting, TrigPartnership)
}

// EmptySections names what a set lacks that the extractor needs to find
// something, each with what goes missing: what a folder of rules used
// on its own (kg build --no-default-rules) should be warned about.
func (s *Set) EmptySections() []string {
	kinds := map[string]int{}
	for _, t := range s.Triggers {
		kinds[t.Kind]++
	}
	var out []string
	add := func(empty bool, msg string) {
		if empty {
			out = append(out, msg)
		}
	}
	add(len(s.Entities) == 0, "no entities: only names that patterns find are extracted")
	add(len(s.Titles) == 0, "no titles: no roles are found, and no names by their titles")
	add(len(s.Patterns) == 0, "no patterns: only the entities listed in the rules are found")
	add(kinds[TrigMeeting] == 0, "no meeting triggers: no meetings are found")
	add(kinds[TrigPartnership] == 0, "no partnership triggers: no partnerships are found")
	add(len(s.Lex.MonthOf) == 0, "no lexicon months_en: no English dates are read, so no meeting has a date")
	add(len(s.Particles) == 0, "no lexicon particles_ko: Korean names keep their particles (김철수는)")
	return out
}
