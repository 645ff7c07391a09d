package rules

import (
	"regexp/syntax"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRegexFacts(t *testing.T) {
	tests := []struct {
		re         string
		spaces     int
		needsTitle bool
	}{
		{`abc`, 0, false},
		{`a b c`, 2, false},
		{`a\sb`, 1, false},
		{`[^가-힣]x`, 1, false},
		{`a\s?b\s?c`, 2, false},
		{`(?:x\s){0,3}y`, 3, false},
		{`(?:x\s)*y`, -1, false},
		{`(?:x\s)+y`, -1, false},
		{`a.b`, 1, false},
		{`(a b|c)`, 1, false},
		{`\x{E000}\x{01}*`, 0, true},
		{`(?:\x{E000}\x{01}*|\x{07FF})`, 0, true},
		{`(?:\x{E000}|x)`, 0, false},
		{`\x{07FF}?`, 0, false},
		{`(?:\x{07FF}){2}`, 0, true},
		{`(?:\x{07FF}){0,2}`, 0, false},
		{`[\x{07FF}\x{E000}]`, 0, true},
		{`[\x{07FF}-\x{E000}]`, 0, false},
		{`x\s(?P<t>\x{E000})`, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.re, func(t *testing.T) {
			re, err := syntax.Parse(tt.re, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			if got := maxSpaces(re); got != tt.spaces {
				t.Errorf("maxSpaces = %d, want %d", got, tt.spaces)
			}
			if got := needsTitleMark(re); got != tt.needsTitle {
				t.Errorf("needsTitleMark = %v, want %v", got, tt.needsTitle)
			}
		})
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		re   string
		want []string // nil: none
	}{
		{`abc`, []string{"abc"}},
		{`(?i)abc`, nil},
		{`a*`, nil},
		{`x?said`, []string{"said"}},
		{`(?:said|told)\s`, []string{"said", "told"}},
		{`(?:said|x*)`, nil},
		{`[ab]cd`, []string{"cd"}},
		{`[abc]`, []string{"a", "b", "c"}},
		{`[a-z]`, nil},
		{`(?:ab){2,}`, []string{"ab"}},
		{`(?:ab){0,2}`, nil},
		{`^By\s(?P<p>[A-Z]+)`, []string{"By"}},
		{`(?:\x{E000}\x{01}*|\x{07FF})`, []string{"\u07ff", "\ue000"}},
	}
	for _, tt := range tests {
		t.Run(tt.re, func(t *testing.T) {
			re, err := syntax.Parse(tt.re, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := requiredLiterals(re)
			if !ok {
				got = nil
			}
			sort.Strings(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("requiredLiterals (-want +got):\n%s", diff)
			}
		})
	}
}
