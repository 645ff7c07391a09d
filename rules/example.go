package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Example is a text a rule must handle, and what it must produce from it.
// In a rule file it is either a plain string (the text alone: for a
// pattern, it must match; for a title, a word of the title must be read
// as it) or a mapping:
//
//   - text: "Kakao CEO Chung Shin-a said"
//     person: Chung Shin-a        # pattern captures; each one given is checked
//     org: Kakao
//     title: CEO                  # for a title entry: the normalized title expected
//   - text: "Lee met Altman in Seoul on Tuesday."
//     meeting: [Lee, Altman]      # a trigger: the meeting's participants
//   - text: "Kolon and Daebong signed an MOU."
//     partnership: [Kolon, Daebong]
//   - text: "Lee is expected to meet Altman."
//     nothing: true               # no meeting and no partnership
//
// Names in meeting and partnership lists match an entity's name, its
// Korean or English name, or any of its aliases.
type Example struct {
	Text string
	// Captures a pattern must make: group name (person, org, title, name,
	// alias) → the captured text. Empty: only a match is required.
	Captures map[string]string
	// Title is the normalized title a title example must yield ("" for
	// the entry's own).
	Title       string
	Meeting     []string
	Partnership []string
	Nothing     bool
	// Date is the date (YYYY-MM-DD) a lexicon example's meeting must get
	// when the document was published on Published.
	Date, Published string
	Keys            []string // the keys of the mapping form, in order
	Line, Col       int      // position in its rule file
}

// exampleKeys are the keys an example mapping may hold; which of them a
// rule reads depends on its kind (see allowKeys).
var exampleKeys = map[string]bool{"text": true, "person": true, "org": true, "title": true, "name": true,
	"alias": true, "meeting": true, "partnership": true, "nothing": true, "date": true, "published": true}

// UnmarshalYAML decodes the plain-string and the mapping form strictly:
// an unknown or repeated key, a value of the wrong shape, an empty text,
// a participant list of fewer than two names and nothing: true beside a
// meeting or partnership are errors at their line and column.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	e.Line, e.Col = n.Line, n.Column
	bad := func(line, col int, format string, args ...any) string {
		// the wording yamlErrors reads
		return fmt.Sprintf("line %d, column %d: ", line, col) + fmt.Sprintf(format, args...)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			return &yaml.TypeError{Errors: []string{bad(n.Line, n.Column, "an example needs a text")}}
		}
		e.Text = n.Value
		return nil
	case yaml.MappingNode:
	default:
		return &yaml.TypeError{Errors: []string{bad(n.Line, n.Column, "an example is a string or a mapping with text")}}
	}
	var errs []string
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !exampleKeys[k.Value] {
			// the wording yamlErrors turns into "unknown key" at the key's column
			errs = append(errs, fmt.Sprintf("line %d: field %s not found in type rules.Example", k.Line, k.Value))
			continue
		}
		if l, dup := first[k.Value]; dup {
			errs = append(errs, bad(k.Line, k.Column, "key %q given twice in one example (first on line %d)", k.Value, l))
			continue
		}
		first[k.Value] = k.Line
		e.Keys = append(e.Keys, k.Value)
		switch k.Value {
		case "meeting", "partnership":
			var names []string
			if v.Kind != yaml.SequenceNode || v.Decode(&names) != nil {
				errs = append(errs, bad(v.Line, v.Column, "%s: want a list of the participants' names", k.Value))
				continue
			}
			if len(names) < 2 {
				errs = append(errs, bad(v.Line, v.Column, "%s: want two or more participants, not %d", k.Value, len(names)))
				continue
			}
			if k.Value == "meeting" {
				e.Meeting = names
			} else {
				e.Partnership = names
			}
		case "nothing":
			if v.Kind != yaml.ScalarNode || v.Decode(&e.Nothing) != nil {
				errs = append(errs, bad(v.Line, v.Column, "nothing: want true or false"))
			}
		default:
			var s string
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Decode(&s) != nil || strings.TrimSpace(s) == "" {
				errs = append(errs, bad(v.Line, v.Column, "%s: want a text", k.Value))
				continue
			}
			if k.Value == "date" || k.Value == "published" {
				if _, err := time.Parse("2006-01-02", s); err != nil {
					errs = append(errs, bad(v.Line, v.Column, "%s: want YYYY-MM-DD, not %q", k.Value, s))
					continue
				}
			}
			switch k.Value {
			case "date":
				e.Date = s
			case "published":
				e.Published = s
			case "text":
				e.Text = s
			case "title":
				e.Title = s
				e.capture("title", s) // a pattern's title capture too
			default:
				e.capture(k.Value, s)
			}
		}
	}
	if e.Text == "" && len(errs) == 0 {
		errs = append(errs, bad(n.Line, n.Column, "an example needs a text"))
	}
	if e.Nothing && (e.Meeting != nil || e.Partnership != nil) {
		errs = append(errs, bad(n.Line, n.Column, "an example with nothing: true names no meeting or partnership"))
	}
	if e.Meeting != nil && e.Partnership != nil {
		errs = append(errs, bad(n.Line, n.Column, "an example names a meeting or a partnership, not both"))
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	return nil
}

// allowKeys reports the first key of e that a rule of the given kind
// does not read ("" if none), so that a key meant for another kind of
// rule is not silently ignored.
func (e Example) allowKeys(allowed ...string) string {
	for _, k := range e.Keys {
		if k != "text" && !slices.Contains(allowed, k) {
			return k
		}
	}
	return ""
}

// KeyErrors reports keys of the examples that a rule of kind (a pattern,
// a title, a trigger, a lexicon) does not read, and null examples (which
// the YAML decoder leaves empty, at no position: reported at pos).
func KeyErrors(file, rule, kind string, pos Pos, exs []Example, allowed ...string) ErrorList {
	var errs ErrorList
	for _, ex := range exs {
		if ex.Text == "" {
			errs.Add(pos, rule, "%s example is null: an example needs a text", kind)
			continue
		}
		if k := ex.allowKeys(allowed...); k != "" {
			errs.Add(ex.Pos(file), rule, "key %q has no meaning in %s example (it reads %s)", k, kind, strings.Join(allowed, ", "))
		}
	}
	return errs
}

func (e *Example) capture(group, text string) {
	if e.Captures == nil {
		e.Captures = map[string]string{}
	}
	e.Captures[group] = text
}

// Pos is the example's position in file.
func (e Example) Pos(file string) Pos { return Pos{File: file, Line: e.Line, Col: e.Col} }
