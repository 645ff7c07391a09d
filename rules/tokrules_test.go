package rules

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestTokenPatternErrors: problems in token pattern rules are reported at
// the bad place in the rule file.
func TestTokenPatternErrors(t *testing.T) {
	head := "titles:\n  - {id: t1, title: CEO, en: [CEO]}\npatterns:\n  - id: p1\n    kind: persont\n    lang: en\n"
	tests := []struct {
		name, rule, want string
	}{
		{"unknown kind", "    tokens: 'title:Title Space person:Capp'\n    examples: {match: [x]}\n",
			`r/a.yaml:7:39: rule "p1": invalid token pattern: unknown token kind "Capp"`},
		{"plain scalar", "    tokens: title:Title Space person:Cap Space (\n    examples: {match: [x]}\n",
			`r/a.yaml:7:48: rule "p1": invalid token pattern: missing )`},
		{"block scalar", "    tokens: |\n      title:Title Space\n      person:@NOPE\n    examples: {match: [x]}\n",
			`r/a.yaml:9:14: rule "p1": invalid token pattern: unknown macro @NOPE`},
		{"missing capture", "    tokens: 'title:Title Space Cap'\n    examples: {match: [x]}\n",
			`r/a.yaml:7:13: rule "p1": pattern of kind persont needs a capture person:...`},
		{"both", "    regex: 'x'\n    tokens: 'title:Title Space person:Cap'\n    examples: {match: [x]}\n",
			`r/a.yaml:8:13: rule "p1": pattern has both regex and tokens (give one)`},
		{"no examples", "    tokens: 'title:Title Space person:Cap'\n",
			`r/a.yaml:4:5: rule "p1": pattern needs at least one examples.match`},
		{"unbounded at every word start", "    tokens: 'title:Title Space person:Cap'\n    examples: {match: [x]}\n  - id: p2\n    kind: persont\n    lang: ko\n    tokens: 'person:(Hangul Space)+ title:Title'\n    examples: {match: [x]}\n",
			`r/a.yaml:12:13: rule "p2": a ko persont rule runs at every word start, so a match must span a bounded number of spaces (no Space or Any under * + or {n,})`},
		{"unknown key", "    tokens: 'title:Title Space person:Cap'\n    token: x\n    examples: {match: [x]}\n",
			`r/a.yaml:8:5: unknown key "token"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"r/a.yaml": &fstest.MapFile{Data: []byte(head + tt.rule)}}
			_, err := LoadFS(fsys, "r")
			if err == nil {
				t.Fatal("LoadFS: no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadFS error\n%s\ndoes not contain\n%s", err, tt.want)
			}
		})
	}
}

// TestTokenPatternRule compiles a token rule and runs it as the checker
// and the extractor do.
func TestTokenPatternRule(t *testing.T) {
	src := `titles:
  - {id: t1, title: CEO, en: [CEO], ko: [대표]}
lexicon:
  particles_ko: [는, 가]
  surnames: [{ko: 김, en: [Kim]}, {ko: 남궁, en: [Namgung]}]
patterns:
  - id: p.en
    kind: persont
    lang: en
    keywords: [ceo]
    tokens: 'title:Title Space person:@NAME_EN'
    examples: {match: ["CEO Kim Min-ji said"], no_match: ["CEO Kim said"]}
  - id: p.ko
    kind: persont
    lang: ko
    tokens: '@B person:@NAME_KO Space? title:Title'
    examples: {match: ["김창한 대표는", "(남궁민대표"], no_match: ["김민 대표"]}
`
	f, errs := Parse("t.yaml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, err := Compile([]*File{f})
	if err != nil {
		t.Fatal(err)
	}
	if set.TokProg == nil || set.TokProg.NumRules() != 2 {
		t.Fatalf("TokProg holds %v rules, want 2", set.TokProg)
	}
	en, ko := set.Patterns[0], set.Patterns[1]
	if en.NeedsKw != "title" || !ko.EveryWordStart || en.EveryWordStart {
		t.Errorf("NeedsKw %q, EveryWordStart %v %v; want title, false, true", en.NeedsKw, en.EveryWordStart, ko.EveryWordStart)
	}
	for _, p := range set.Patterns {
		if errs := set.CheckPattern(p); len(errs) > 0 {
			t.Errorf("CheckPattern(%s): %v", p.ID, errs)
		}
	}
	tests := []struct {
		p    Pattern
		text string
		want map[string]string
	}{
		{en, "The CEO Kim Min-ji said", map[string]string{"person": "Kim Min-ji", "title": "CEO"}},
		{ko, "어제 남궁민 대표가", map[string]string{"person": "남궁민", "title": "대표"}},
	}
	for _, tt := range tests {
		ms := set.patternMatches(tt.p, tt.text)
		if len(ms) == 0 {
			t.Errorf("%s on %q: no match", tt.p.ID, tt.text)
			continue
		}
		if d := cmp.Diff(tt.want, ms[0]); d != "" {
			t.Errorf("%s on %q mismatch (-want +got):\n%s", tt.p.ID, tt.text, d)
		}
	}
}
