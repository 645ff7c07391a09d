package ac

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// naive finds every occurrence the slow way, for comparison.
func naive(patterns []string, text string) []Match {
	var out []Match
	lt := strings.ToLower(text)
	for end := 1; end <= len(text); end++ {
		var here []Match
		for id, p := range patterns {
			if p == "" || len(p) > end {
				continue
			}
			if lt[end-len(p):end] == strings.ToLower(p) {
				dup := false
				for _, h := range here {
					if h.End-h.Start == len(p) {
						dup = true
					}
				}
				if !dup {
					here = append(here, Match{Start: end - len(p), End: end, ID: int32(id)})
				}
			}
		}
		// longest first for one end
		for i := 0; i < len(here); i++ {
			for j := i + 1; j < len(here); j++ {
				if here[j].End-here[j].Start > here[i].End-here[i].Start {
					here[i], here[j] = here[j], here[i]
				}
			}
		}
		out = append(out, here...)
	}
	return out
}

func TestFindAll(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		text     string
	}{
		{"classic", []string{"he", "she", "his", "hers"}, "ushers and his shehe"},
		{"case folding", []string{"OpenAI", "CEO"}, "openai ceo OPENAI CEO OpenAICEO"},
		{"hangul", []string{"삼성", "삼성전자", "전자", "카카오"}, "이재용 삼성전자 회장과 카카오톡, 삼성그룹"},
		{"nested", []string{"a", "aa", "aaa"}, "aaaa"},
		{"no match", []string{"xyz"}, "abc"},
		{"empty text", []string{"a"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Build(tt.patterns)
			got := m.FindAll(nil, tt.text)
			want := naive(tt.patterns, tt.text)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("FindAll(%q) mismatch (-want +got):\n%s", tt.text, d)
			}
		})
	}
}

func FuzzFindAll(f *testing.F) {
	f.Add("he,she,his,hers", "ushers")
	f.Add("삼성,삼성전자", "삼성전자와 삼성")
	f.Fuzz(func(t *testing.T, pats, text string) {
		ps := strings.Split(pats, ",")
		if len(ps) > 20 {
			ps = ps[:20]
		}
		seen := map[string]bool{}
		var uniq []string
		for _, p := range ps {
			if !seen[strings.ToLower(p)] {
				seen[strings.ToLower(p)] = true
				uniq = append(uniq, p)
			}
		}
		got := Build(uniq).FindAll(nil, text)
		want := naive(uniq, text)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("mismatch (-want +got):\n%s", d)
		}
	})
}
