package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/internal/corpus"
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
	var texts []string
	files, _ := filepath.Glob("../testdata/*/*.txt")
	more, _ := filepath.Glob("../testdata/*/*/*.txt")
	for _, f := range append(files, more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	for i := range 60 {
		_, text := corpus.Document(3, i)
		texts = append(texts, string(text))
	}
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
