package rules

import (
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// withDefault compiles the default rules plus one more file.
func withDefault(t *testing.T, extra string) *Set {
	t.Helper()
	set, err := DefaultWith("extra.yaml", []byte(extra))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestCheck: each kind of broken example and each collision is reported
// at its place with what was expected and what came out.
func TestCheck(t *testing.T) {
	tests := []struct {
		name, extra string
		want        []string
	}{
		{"a title word another title claims",
			// the bug this check exists for: adding 대표 to a new title
			// turned every Korean-only CEO into an Adviser
			"titles:\n  - id: title.mentor\n    title: Mentor\n    ko: [멘토, 대표]\n    examples: [\"김민수 멘토는\"]\n",
			[]string{
				`default/titles.yaml:L:C: rule "title.ceo": example "정신아 카카오 대표는": want title CEO, got "대표" read as Mentor (title.mentor)`,
				`extra.yaml:2:5: rule "title.mentor": title word "대표" is also a word of title "title.ceo" (CEO, at default/titles.yaml:L:C): the extractor reads it as Mentor, so every "대표" becomes Mentor`,
			}},
		{"a pattern capturing the wrong person",
			"patterns:\n  - id: p.x\n    kind: persont\n    lang: en\n    regex: '(?P<title>{TITLE_EN})\\s(?P<person>[A-Z][a-z]+)'\n    examples:\n      match:\n        - {text: \"CEO Park Sung-min\", person: Park Sung-min, title: CEO}\n      no_match: [\"CEO park\"]\n",
			[]string{`extra.yaml:8:11: rule "p.x": example "CEO Park Sung-min": want person="Park Sung-min" title="CEO", got person="Park" title="CEO"`}},
		{"a no_match that matches",
			"patterns:\n  - id: p.y\n    kind: org\n    lang: en\n    regex: '(?P<org>Acme)'\n    examples: {match: [Acme], no_match: [\"Acme Corp\"]}\n",
			[]string{`extra.yaml:6:42: rule "p.y": example "Acme Corp" should not match but does: org="Acme"`}},
		{"a meeting word that is also its hedge",
			"triggers:\n  - id: hedge.en.x\n    kind: hedge_meeting\n    lang: en\n    words: [held talks with]\n",
			[]string{`extra.yaml:2:5: rule "hedge.en.x": trigger word "held talks with" is also a word of trigger "meet.en.met" (at default/triggers/meetings.yaml:L:C), of kind meeting, not hedge_meeting`}},
		{"an alias of two entities of one type",
			"entities:\n  - {id: organization:kakao-2, name: Kakao Two, type: ORGANIZATION, aliases: [Kakao]}\n",
			[]string{`extra.yaml:2:79: rule "organization:kakao-2": alias "Kakao" is also claimed by entity "organization:kakao": a mention of it is ambiguous`}},
		{"a key no pattern reads",
			"patterns:\n  - id: p.z\n    kind: org\n    lang: en\n    regex: '(?P<org>Acme)'\n    examples: {match: [{text: Acme, meeting: [A, B]}]}\n",
			[]string{`extra.yaml:6:24: rule "p.z": key "meeting" has no meaning in a pattern's match example (it reads person, org, title, name, alias)`}},
		{"a meeting word and its hedge with a visit word between",
			"triggers:\n  - {id: meet.zork, kind: meeting, lang: en, words: [zorked]}\n  - {id: visit.zork, kind: visit, lang: en, words: [zorked]}\n  - {id: hedge.zork, kind: hedge_meeting, lang: en, words: [zorked]}\n",
			[]string{`extra.yaml:4:5: rule "hedge.zork": trigger word "zorked" is also a word of trigger "meet.zork" (at extra.yaml:2:5), of kind meeting, not hedge_meeting`}},
		{"an alias that is a title word",
			"entities:\n  - {id: organization:chief, name: Chief Corp, type: ORGANIZATION, aliases: [chief executive]}\n",
			[]string{`default/titles.yaml:L:C: rule "title.ceo": title word "chief executive" is also an alias of entity "organization:chief"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			// positions in the default files change as they are edited
			at := regexp.MustCompile(`(default/[a-z/]+\.yaml):\d+:\d+`)
			for _, e := range withDefault(t, tt.extra).Check() {
				got = append(got, at.ReplaceAllString(e.Error(), "$1:L:C"))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Check (-want +got):\n%s", d)
			}
		})
	}
}

// TestExampleDecoding: an example is a string or a mapping with known
// keys, each once, of the right shape; every problem is located.
func TestExampleDecoding(t *testing.T) {
	tests := []struct{ name, examples, want string }{
		{"unknown key and no text", "      - {text: CEO Kim, persn: Kim}\n      - {org: Acme}\n",
			"r/a.yaml:6:25: unknown key \"persn\"\nr/a.yaml:7:9: an example needs a text"},
		{"a key twice", "      - {text: a, org: X, org: Y}\n", "r/a.yaml:6:27: key \"org\" given twice in one example (first on line 6)"},
		{"one participant", "      - {text: a, meeting: [Kim]}\n", "r/a.yaml:6:28: meeting: want two or more participants, not 1"},
		{"participants not a list", "      - {text: a, meeting: Kim}\n", "r/a.yaml:6:28: meeting: want a list of the participants' names"},
		{"a null meeting", "      - {text: a, meeting: ~}\n", "r/a.yaml:6:28: meeting: want a list of the participants' names"},
		{"nothing beside a meeting", "      - {text: a, meeting: [A, B], nothing: true}\n",
			"r/a.yaml:6:9: an example with nothing: true names no meeting or partnership"},
		{"a blank example", "      - \"  \"\n", "r/a.yaml:6:9: an example needs a text"},
		{"a list", "      - [a, b]\n", "r/a.yaml:6:9: an example is a string or a mapping with text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"r/a.yaml": &fstest.MapFile{Data: []byte(
				"titles:\n  - id: t1\n    title: CEO\n    en: [CEO]\n    examples:\n" + tt.examples)}}
			_, err := LoadFS(fsys, "r")
			if err == nil {
				t.Fatal("no error")
			}
			if d := cmp.Diff(tt.want, err.Error()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
