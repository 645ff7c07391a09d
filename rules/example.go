package rules

import (
	"fmt"
	"strings"

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
	Line, Col   int // position in its rule file
}

// exampleKeys are the keys an example mapping may hold.
var exampleKeys = map[string]bool{"text": true, "person": true, "org": true, "title": true, "name": true,
	"alias": true, "meeting": true, "partnership": true, "nothing": true}

// UnmarshalYAML decodes the plain-string and the mapping form strictly:
// an unknown key is an error at its line and column.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	e.Line, e.Col = n.Line, n.Column
	switch n.Kind {
	case yaml.ScalarNode:
		e.Text = n.Value
		return nil
	case yaml.MappingNode:
	default:
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: an example is a string or a mapping with text", n.Line)}}
	}
	var bad []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !exampleKeys[k.Value] {
			// the wording yamlErrors turns into "unknown key" at the key's column
			bad = append(bad, fmt.Sprintf("line %d: field %s not found in type rules.Example", k.Line, k.Value))
			continue
		}
		var err error
		switch k.Value {
		case "meeting":
			err = v.Decode(&e.Meeting)
		case "partnership":
			err = v.Decode(&e.Partnership)
		case "nothing":
			err = v.Decode(&e.Nothing)
		case "text":
			err = v.Decode(&e.Text)
		case "title":
			err = v.Decode(&e.Title)
			if err == nil {
				// a pattern's title capture too
				e.capture("title", e.Title)
			}
		default:
			var s string
			if err = v.Decode(&s); err == nil {
				e.capture(k.Value, s)
			}
		}
		if err != nil {
			bad = append(bad, fmt.Sprintf("line %d: %s: %s", v.Line, k.Value, strings.TrimPrefix(err.Error(), "yaml: ")))
		}
	}
	if e.Text == "" && len(bad) == 0 {
		bad = append(bad, fmt.Sprintf("line %d: example needs text", n.Line))
	}
	if len(bad) > 0 {
		return &yaml.TypeError{Errors: bad}
	}
	return nil
}

func (e *Example) capture(group, text string) {
	if e.Captures == nil {
		e.Captures = map[string]string{}
	}
	e.Captures[group] = text
}

// Pos is the example's position in file.
func (e Example) Pos(file string) Pos { return Pos{File: file, Line: e.Line, Col: e.Col} }
