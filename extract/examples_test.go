package extract_test

import (
	"github.com/google/go-cmp/cmp"
	"testing"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/rules"
)

// TestDefaultRuleExamples runs every example of the default rules,
// triggers included, through the extractor.
func TestDefaultRuleExamples(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range extract.CheckExamples(set) {
		t.Error(e)
	}
}

// TestTriggerExampleChecks: a trigger example that holds none of the
// trigger's words, names a key no trigger reads, or names the wrong
// participants fails at its place, expected against got.
func TestTriggerExampleChecks(t *testing.T) {
	extra := `triggers:
  - id: meet.en.supped
    kind: meeting
    lang: en
    words: [supped with]
    examples:
      - {text: "Hanul Steel CEO Kim Do-yoon met Verano Logistics CEO Maria Costa.", meeting: [Kim Do-yoon, Maria Costa]}
      - {text: "Hanul Steel CEO Kim Do-yoon supped with Verano Logistics CEO Maria Costa.", meeting: [Kim Do-yoon, Maria Costa], person: Nobody}
      - {text: "Hanul Steel CEO Kim Do-yoon supped with Verano Logistics CEO Maria Costa.", meeting: [Kim Do-yoon, Jane Roe]}
      - {text: "Hanul Steel CEO Kim Do-yoon supped with Verano Logistics CEO Maria Costa.", nothing: true}
lexicon:
  examples:
    - {text: "Kakao said.", title: CEO}
`
	set, err := rules.DefaultWith("extra.yaml", []byte(extra))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	errs := extract.CheckExamples(set)
	errs.Sort()
	for _, e := range errs {
		got = append(got, e.Error())
	}
	const sent = `"Hanul Steel CEO Kim Do-yoon supped with Verano Logistics CEO Maria Costa."`
	want := []string{
		`extra.yaml:7:9: rule "meet.en.supped": example "Hanul Steel CEO Kim Do-yoon met Verano Logistics CEO Maria Costa.": holds none of the trigger's words, so it proves nothing of them`,
		`extra.yaml:8:9: rule "meet.en.supped": key "person" has no meaning in a trigger example (it reads meeting, partnership, nothing)`,
		`extra.yaml:9:9: rule "meet.en.supped": example ` + sent + `: want meeting [Kim Do-yoon, Jane Roe] by meet.en.supped, got meeting [Kim Do-yoon, Maria Costa] by meet.en.supped`,
		`extra.yaml:10:9: rule "meet.en.supped": example ` + sent + `: want no meeting or partnership, got meeting [Kim Do-yoon, Maria Costa] by meet.en.supped`,
		`extra.yaml:13:7: key "title" has no meaning in a lexicon example (it reads org, person, date, published)`,
		`extra.yaml:13:7: lexicon example "Kakao said.": a lexicon example needs org:, person: or date:`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CheckExamples (-want +got):\n%s", d)
	}
}
