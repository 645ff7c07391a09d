package rules

import (
	"regexp/syntax"
	"testing"
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
