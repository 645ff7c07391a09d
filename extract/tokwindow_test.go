package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/rules"
	"github.com/kg-news/kg/rules/tokpat"
)

// TestTokenWindowsFindWhatTheWholeFinds: a sentence too long for one
// window finds, window by window, the matches one run over it finds.
func TestTokenWindowsFindWhatTheWholeFinds(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../testdata/docs/altman-seoul-2025-02-04.txt")
	if err != nil {
		t.Fatal(err)
	}
	// the seed as one sentence: no line breaks, no full stops
	one := strings.NewReplacer("\n", " ", ". ", ", ", "다. ", "다, ").Replace(string(seed))
	text := strings.Repeat(one+" ", 1+3*tokWindow/len(one))
	if len(text) < 3*tokWindow {
		t.Fatalf("%d bytes: too short to need windows", len(text))
	}
	enabled := make([]bool, set.TokProg.NumRules())
	for i := range enabled {
		enabled[i] = true
	}
	whole := set.TokProg.Run(text, tokpat.Tokenize(nil, text), enabled)
	ps := &patternScan{enabled: enabled}
	got := ps.windows(set, text)
	n := 0
	for _, ms := range whole {
		n += len(ms)
	}
	if n == 0 {
		t.Fatal("no matches: the test proves nothing")
	}
	if d := cmp.Diff(whole, got); d != "" {
		t.Errorf("windows mismatch (-whole +windows):\n%s", d)
	}
}
