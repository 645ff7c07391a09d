package extract

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kg-news/kg/rules"
)

// CheckExamples runs every example of the set: those of patterns and
// titles (rules.Set.Check) and those of triggers, which need the whole
// extractor: each trigger example's text is extracted as a document of its
// own and must yield the meeting or partnership it names (found by this
// trigger, for a meeting or partnership trigger) or, with nothing: true,
// neither. Collisions are reported too. Each failure is located at its
// example and says what was expected and what came out.
func CheckExamples(set *rules.Set) rules.ErrorList {
	errs := set.Check()
	x := New(set)
	for ti, t := range set.Triggers {
		errs = append(errs, rules.KeyErrors(t.Pos.File, t.ID, "a trigger", t.Pos, t.Examples, "meeting", "partnership", "nothing")...)
		for _, ex := range t.Examples {
			if ex.Text == "" {
				continue // KeyErrors
			}
			msg := ""
			if !holdsTrigger(set, ti, ex.Text) {
				msg = "holds none of the trigger's words, so it proves nothing of them"
			} else {
				msg = checkTrigger(x, t, ex)
			}
			if msg != "" {
				errs.Add(ex.Pos(t.Pos.File), t.ID, "example %q: %s", ex.Text, msg)
			}
		}
	}
	for _, ex := range set.LexiconExamples {
		errs = append(errs, rules.KeyErrors(ex.File, "", "a lexicon", rules.Pos{File: ex.File}, []rules.Example{ex.Example}, "org", "person", "date", "published")...)
		if ex.Text == "" {
			continue
		}
		if msg := checkEntities(x, ex.Example); msg != "" {
			errs.Add(ex.Pos(ex.File), "", "lexicon example %q: %s", ex.Text, msg)
		}
	}
	return errs
}

// holdsTrigger reports whether the automaton finds a word of trigger ti
// in text.
func holdsTrigger(set *rules.Set, ti int, text string) bool {
	for _, m := range set.Matcher.FindAll(nil, rules.Normalize(text)) {
		for _, k := range set.Keywords[m.ID] {
			if k.Kind == rules.KwTrigger && k.Index == ti {
				return true
			}
		}
	}
	return false
}

// checkEntities runs a lexicon example: the organization (org:) and
// person (person:) it names must be entities of the text, by name or
// alias, and a meeting of the text must get its date (date:), the
// document published on published:.
func checkEntities(x *Extractor, ex rules.Example) string {
	if ex.Captures["org"] == "" && ex.Captures["person"] == "" && ex.Date == "" {
		return "a lexicon example needs org:, person: or date:"
	}
	d, _ := NewDocument("example", []byte(ex.Text))
	if ex.Published != "" {
		d.Published, _ = time.Parse("2006-01-02", ex.Published) // checked when decoded
	}
	r := x.Run(d)
	var missing []string
	if ex.Date != "" {
		var got []string
		for _, rel := range r.Relations {
			if rel.Kind == RelMeeting {
				got = append(got, rel.Date)
			}
		}
		if !slices.Contains(got, ex.Date) {
			g := "no meeting"
			if len(got) > 0 {
				g = "meetings dated " + strings.Join(got, ", ")
			}
			missing = append(missing, fmt.Sprintf("want a meeting dated %s, got %s", ex.Date, g))
		}
	}
	for _, g := range []string{"org", "person"} {
		want, ok := ex.Captures[g]
		if !ok {
			continue
		}
		typ := rules.TypeOrg
		if g == "person" {
			typ = rules.TypePerson
		}
		found := false
		for i, e := range r.Entities {
			if e.Type == typ && sameParticipants(r, []int{i}, []string{want}) {
				found = true
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("want %s %q", strings.ToLower(typ), want))
		}
	}
	if len(missing) == 0 {
		return ""
	}
	if ex.Captures["org"] == "" && ex.Captures["person"] == "" {
		return strings.Join(missing, ", ") // a date: the entities do not matter
	}
	var got []string
	for _, e := range r.Entities {
		got = append(got, fmt.Sprintf("%s %q", strings.ToLower(e.Type), e.Name))
	}
	gotS := "no entity"
	if len(got) > 0 {
		gotS = strings.Join(got, ", ")
	}
	return strings.Join(missing, ", ") + "; got " + gotS
}

// checkTrigger runs one trigger example and describes its failure ("" if
// none).
func checkTrigger(x *Extractor, t rules.Trigger, ex rules.Example) string {
	kind, want := RelMeeting, ex.Meeting
	if ex.Partnership != nil {
		kind, want = RelPartnership, ex.Partnership
	}
	own := t.Kind == rules.TrigMeeting || t.Kind == rules.TrigPartnership
	switch {
	case ex.Meeting != nil && ex.Partnership != nil:
		return "give meeting or partnership, not both"
	case want == nil && !ex.Nothing:
		switch t.Kind {
		case rules.TrigMeeting:
			// a plain text: some meeting by this trigger
		case rules.TrigPartnership:
			kind = RelPartnership
		case rules.TrigHedgeMeeting, rules.TrigHedgePartner:
			ex.Nothing = true
		default:
			return "a " + t.Kind + " example needs meeting:, partnership: or nothing:"
		}
	}
	d, _ := NewDocument("example", []byte(ex.Text))
	r := x.Run(d)
	var got []string
	for _, rel := range r.Relations {
		if rel.Kind != RelMeeting && rel.Kind != RelPartnership {
			continue
		}
		var names []string
		for _, a := range rel.Args {
			names = append(names, r.Entities[a].Name)
		}
		got = append(got, fmt.Sprintf("%s [%s] by %s", rel.Kind, strings.Join(names, ", "), rel.Rule))
		if ex.Nothing || rel.Kind != kind {
			continue
		}
		if own && rel.Rule != t.ID && !slices.Contains(rel.AlsoRules, t.ID) {
			continue
		}
		if want == nil || sameParticipants(r, rel.Args, want) {
			return ""
		}
	}
	if ex.Nothing && len(got) == 0 {
		return ""
	}
	gotS := "nothing"
	if len(got) > 0 {
		gotS = strings.Join(got, "; ")
	}
	switch {
	case ex.Nothing:
		return "want no meeting or partnership, got " + gotS
	case want == nil:
		return fmt.Sprintf("want a %s by %s, got %s", kind, t.ID, gotS)
	}
	by := ""
	if own {
		by = " by " + t.ID
	}
	return fmt.Sprintf("want %s [%s]%s, got %s", kind, strings.Join(want, ", "), by, gotS)
}

// sameParticipants reports whether the entities args are the names want,
// each name matching one entity's name or alias.
func sameParticipants(r Result, args []int, want []string) bool {
	if len(args) != len(want) {
		return false
	}
	used := make([]bool, len(args))
next:
	for _, w := range want {
		w = strings.ToLower(rules.Normalize(w))
		for i, a := range args {
			if used[i] {
				continue
			}
			e := r.Entities[a]
			if strings.ToLower(e.Name) == w || strings.ToLower(e.NameEN) == w || strings.ToLower(e.NameKO) == w ||
				slices.ContainsFunc(e.Aliases, func(s string) bool { return strings.ToLower(s) == w }) {
				used[i] = true
				continue next
			}
		}
		return false
	}
	return true
}
