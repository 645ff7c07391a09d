package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/rules"
)

// TestWindowedRulesFindTheSame checks that running a rule on the window
// its MaxSpaces and NeedsTitle allow finds exactly what running it on the
// whole sentence finds, over every test document and generated news.
func TestWindowedRulesFindTheSame(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := testTexts(t)
	windowed := 0
	for _, raw := range texts {
		d, _ := NewDocument("t", []byte(raw))
		masked := set.MaskTitles(d.Text)
		for _, s := range Segment(d, set) {
			text := masked[s.Span.Start:s.Span.End]
			for _, p := range set.Patterns {
				if p.MaxSpaces < 0 || !p.NeedsTitle && len(p.Anchors) == 0 {
					continue
				}
				windowed++
				want := p.Re.FindAllStringSubmatchIndex(text, -1)
				if p.Lang == "ko" && p.Anchored != nil && (p.Kind == "role" || p.Kind == "rolefn" || p.Kind == "persont") {
					want = findAtWordStarts(p, text)
				}
				got := findAll(p, text)
				if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s on %q (-whole +windowed):\n%s", p.ID, text, diff)
				}
			}
		}
	}
	if windowed == 0 {
		t.Fatal("no rule ran windowed")
	}
}

// TestWindowedRuleStartAssert: a Korean role rule that asserts the start
// of the text matches only at the sentence's start, as the whole-sentence
// run decides, although anchored at a later word start it would match.
func TestWindowedRuleStartAssert(t *testing.T) {
	src := `titles:
  - {id: title.ceo, title: CEO, rank: 50, en: [CEO], ko: [대표]}
patterns:
  - id: role.ko.start
    kind: role
    lang: ko
    regex: '^(?P<person>가나다)\s(?P<org>라마바)\s(?P<title>{TITLE_KO})'
    examples:
      match: ["가나다 라마바 대표"]
      no_match: ["x 가나다 라마바 대표"]
`
	f, errs := rules.Parse("start.yaml", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, err := rules.Compile([]*rules.File{f})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Patterns[0]
	if p.MaxSpaces < 0 || !p.BeginAssert || p.Anchored == nil {
		t.Fatalf("the rule should run windowed: MaxSpaces %d, BeginAssert %v", p.MaxSpaces, p.BeginAssert)
	}
	for _, text := range []string{"가나다 라마바 대표", "x 가나다 라마바 대표", "가나다 라마바 대표 x 가나다 라마바 대표"} {
		masked := set.MaskTitles(text)
		want := findAtWordStarts(p, masked)
		if diff := cmp.Diff(want, findAll(p, masked), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%q (-whole +windowed):\n%s", text, diff)
		}
	}
}
