package rules

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestRuleExamples runs every example the default rules carry and checks
// that the set has no collisions.
func TestRuleExamples(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Patterns) == 0 {
		t.Fatal("no pattern rules")
	}
	for _, e := range set.Check() {
		t.Error(e)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings, each must appear in the error
	}{
		{"unknown key", map[string]string{"r/a.yaml": "titles:\n  - id: t1\n    title: CEO\n    en: [CEO]\n    colour: red\n"},
			[]string{"r/a.yaml:5:5: unknown key \"colour\""}},
		{"malformed yaml", map[string]string{"r/a.yaml": "titles: [\n"}, []string{"r/a.yaml:"}},
		{"duplicate id", map[string]string{
			"r/a.yaml": "titles:\n  - {id: t1, title: CEO, en: [CEO]}\n",
			"r/b.yaml": "titles:\n  - {id: t1, title: CEO, en: [chief]}\n"},
			[]string{"r/b.yaml:2:5: rule \"t1\": duplicate id (first defined at r/a.yaml:2:5)"}},
		{"invalid pattern", map[string]string{"r/a.yaml": "patterns:\n  - id: p1\n    kind: org\n    lang: en\n    regex: '(?P<org>[a-'\n    examples: {match: [x]}\n"},
			[]string{"r/a.yaml:5:12: rule \"p1\": invalid pattern"}},
		{"unknown type", map[string]string{"r/a.yaml": "entities:\n  - {name: Acme, type: COMPANY}\n"},
			[]string{"r/a.yaml:2:24: rule \"company:acme\": unknown type \"COMPANY\""}},
		{"alias claimed twice", map[string]string{"r/a.yaml": "entities:\n  - {name: Washington, type: PLACE}\n  - {name: George Washington, type: PERSON, aliases: [Washington]}\n"},
			[]string{"alias \"Washington\" is already claimed by PLACE entity"}},
		{"a pattern kind no stage handles", map[string]string{"r/a.yaml": "patterns:\n  - id: p1\n    kind: place\n    lang: en\n    regex: '(?P<place>Seoul)'\n    examples: {match: [Seoul]}\n"},
			[]string{"r/a.yaml:3:11: rule \"p1\": unknown pattern kind \"place\""}},
		{"a trigger kind no stage handles", map[string]string{"r/a.yaml": "triggers:\n  - {id: t1, kind: together, lang: en, words: [together]}\n"},
			[]string{"unknown trigger kind \"together\""}},
		{"blank words", map[string]string{"r/a.yaml": "titles:\n  - {id: t1, title: Blank, en: [\"\", \" \"]}\ntriggers:\n  - {id: m1, kind: meeting, lang: en, words: [\"  \"]}\n"},
			[]string{"r/a.yaml:2:5: rule \"t1\": title needs title and words", "r/a.yaml:4:5: rule \"m1\": trigger has no words"}},
		{"a lexicon value given in two files", map[string]string{
			"r/a.yaml": "lexicon:\n  date_units_ko: {year: 년, month: 월, day: 일}\n  relative_dates_en:\n    - {days: -1, words: [yesterday]}\n",
			"r/b.yaml": "lexicon:\n  date_units_ko: {year: 年, month: 月, day: 日}\n  relative_dates_en:\n    - {days: 5, words: [yesterday]}\n"},
			[]string{"r/b.yaml:2:18: date_units_ko is already given at r/a.yaml:2:18: give it in one file",
				"r/b.yaml:4:7: relative_dates_en: \"yesterday\" is already a relative date (-1 days)"}},
		{"empty file", map[string]string{"r/a.yaml": "# nothing\n"}, []string{"r/a.yaml:1:1: empty rule file"}},
		{"unknown macro", map[string]string{"r/a.yaml": "patterns:\n  - id: p1\n    kind: org\n    lang: en\n    regex: '(?P<org>{NOPE})'\n    examples: {match: [x]}\n"},
			[]string{"unknown macro {NOPE}"}},
		{"missing group", map[string]string{"r/a.yaml": "patterns:\n  - id: p1\n    kind: role\n    lang: en\n    regex: '(?P<org>x)'\n    examples: {match: [x]}\n"},
			[]string{"needs a group (?P<person>...)"}},
		{"every problem at once", map[string]string{
			"r/a.yaml": "entities:\n  - {name: Acme, type: COMPANY}\n",
			"r/b.yaml": "titles:\n  - {id: t1, title: CEO, en: [CEO], bogus: 1}\n"},
			[]string{"r/a.yaml:2:", "r/b.yaml:2:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, c := range tt.files {
				fsys[n] = &fstest.MapFile{Data: []byte(c)}
			}
			set, err := LoadFS(fsys, "r")
			if err == nil {
				t.Fatalf("LoadFS = %v, nil; want an error", set)
			}
			if set != nil {
				t.Errorf("LoadFS returned a set with an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

// FuzzCompile: any rule file gives an error or a valid set, never a panic.
// The seeds are small files of each section, one rule each: whole default
// files as seeds (10 kB and more) kept the fuzzer re-running them and it
// made almost no executions of its own (about one a second).
func FuzzCompile(f *testing.F) {
	for _, seed := range []string{
		"titles:\n  - id: title.ceo\n    title: CEO\n    rank: 88\n    en: [CEO, chief executive]\n    ko: [대표, 대표이사]\n    examples: [\"Kakao CEO Chung Shin-a\", {text: \"정신아 카카오 대표는\", title: CEO}]\n",
		"patterns:\n  - id: person.en.title-name\n    kind: persont\n    lang: en\n    tokens: 'title:Title Space person:@NAME_EN'\n    examples:\n      match: [{text: \"Chairman Lee Jae-yong\", person: Lee Jae-yong, title: Chairman}]\n      no_match: [\"chairman said\"]\n",
		"patterns:\n  - id: org.en.legal-prefix\n    kind: org\n    lang: en\n    keywords: [\"pt \"]\n    regex: '\\b(?P<org>PT\\s[A-Z][A-Za-z]*(?:\\s[A-Z][A-Za-z]*){0,4})'\n    examples: {match: [\"with PT Nusantara Medika to sell\"]}\n",
		"triggers:\n  - id: meet.en.met\n    kind: meeting\n    lang: en\n    mode: star\n    words: [met, met with]\n    examples:\n      - {text: \"A met B.\", meeting: [A, B]}\n  - {id: hedge.en.x, kind: hedge_meeting, lang: en, words: [expected to]}\n",
		"lexicon:\n  particles_ko: [은, 는, 이, 가]\n  surnames:\n    - {ko: 김, en: [Kim, Gim]}\n  org_suffixes_en: [Group, Inc.]\n  months_en: [[Jan], [Feb], [Mar], [Apr], [May], [Jun], [Jul], [Aug], [Sep], [Oct], [Nov], [Dec]]\n  relative_dates_en:\n    - {days: -1, words: [yesterday]}\n  examples:\n    - {text: \"Hanul Group said.\", org: Hanul Group}\n",
		"entities:\n  - {name: A, type: PERSON, aliases: [a]}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, errs := Parse("fuzz.yaml", data)
		if len(errs) > 0 {
			return
		}
		set, err := Compile([]*File{file})
		if err == nil && set == nil {
			t.Fatal("nil set without error")
		}
	})
}
