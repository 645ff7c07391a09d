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
	files, errs := ParseFS(defaultFS, "default")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f, errs := Parse("extra.yaml", []byte(extra))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, err := Compile(append(files, f))
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
			"titles:\n  - id: title.adviser\n    title: Adviser\n    ko: [고문, 대표]\n    examples: [\"김민수 고문은\"]\n",
			[]string{
				`default/titles.yaml:L:C: rule "title.ceo": example "정신아 카카오 대표는": want title CEO, got "대표" read as Adviser (title.adviser)`,
				`extra.yaml:2:5: rule "title.adviser": title word "대표" is also a word of title "title.ceo" (CEO): the extractor reads it as Adviser, so every "대표" becomes Adviser`,
			}},
		{"a pattern capturing the wrong person",
			"patterns:\n  - id: p.x\n    kind: persont\n    lang: en\n    regex: '(?P<title>{TITLE_EN})\\s(?P<person>[A-Z][a-z]+)'\n    examples:\n      match:\n        - {text: \"CEO Park Sung-min\", person: Park Sung-min, title: CEO}\n      no_match: [\"CEO park\"]\n",
			[]string{`extra.yaml:8:11: rule "p.x": example "CEO Park Sung-min": want person="Park Sung-min" title="CEO", got person="Park" title="CEO"`}},
		{"a no_match that matches",
			"patterns:\n  - id: p.y\n    kind: org\n    lang: en\n    regex: '(?P<org>Acme)'\n    examples: {match: [Acme], no_match: [\"Acme Corp\"]}\n",
			[]string{`extra.yaml:6:42: rule "p.y": example "Acme Corp" should not match but does: org="Acme"`}},
		{"a meeting word that is also its hedge",
			"triggers:\n  - id: hedge.en.x\n    kind: hedge_meeting\n    lang: en\n    words: [held talks with]\n",
			[]string{`extra.yaml:2:5: rule "hedge.en.x": trigger word "held talks with" is also a word of trigger "meet.en.met", of kind meeting, not hedge_meeting`}},
		{"an alias of two entities of one type",
			"entities:\n  - {id: organization:kakao-2, name: Kakao Two, type: ORGANIZATION, aliases: [Kakao]}\n",
			[]string{`extra.yaml:2:79: rule "organization:kakao-2": alias "Kakao" is also claimed by entity "organization:kakao": a mention of it is ambiguous`}},
		{"an alias that is a title word",
			"entities:\n  - {id: organization:chief, name: Chief Corp, type: ORGANIZATION, aliases: [chief executive]}\n",
			[]string{`default/titles.yaml:L:C: rule "title.ceo": title word "chief executive" is also an alias of entity "organization:chief"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			// positions in the default files change as they are edited
			at := regexp.MustCompile(`^(default/[a-z/]+\.yaml):\d+:\d+:`)
			for _, e := range withDefault(t, tt.extra).Check() {
				got = append(got, at.ReplaceAllString(e.Error(), "$1:L:C:"))
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Check (-want +got):\n%s", d)
			}
		})
	}
}

// TestExampleDecoding: an example is a string or a mapping with known
// keys; a wrong key is located.
func TestExampleDecoding(t *testing.T) {
	fsys := fstest.MapFS{"r/a.yaml": &fstest.MapFile{Data: []byte(
		"titles:\n  - id: t1\n    title: CEO\n    en: [CEO]\n    examples:\n      - {text: CEO Kim, persn: Kim}\n      - {org: Acme}\n")}}
	_, err := LoadFS(fsys, "r")
	if err == nil {
		t.Fatal("no error")
	}
	want := "r/a.yaml:6:25: unknown key \"persn\"\nr/a.yaml:7:9: example needs text"
	if d := cmp.Diff(want, err.Error()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
