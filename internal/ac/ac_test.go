package ac

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// asciiLower folds ASCII upper case only, as the automaton does
// (strings.ToLower would also fold other scripts and rewrite invalid UTF-8,
// shifting offsets).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lower(c)
	}
	return string(b)
}

// naive finds every occurrence the slow way, for comparison.
func naive(patterns []string, text string) []Match {
	var out []Match
	lt := asciiLower(text)
	for end := 1; end <= len(text); end++ {
		var here []Match
		for id, p := range patterns {
			if p == "" || len(p) > end {
				continue
			}
			if lt[end-len(p):end] == asciiLower(p) {
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
		for _, l := range layouts {
			t.Run(tt.name+"/"+l.name, func(t *testing.T) {
				m := l.build(tt.patterns)
				got := m.FindAll(nil, tt.text)
				want := naive(tt.patterns, tt.text)
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("FindAll(%q) mismatch (-want +got):\n%s", tt.text, d)
				}
			})
		}
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
			if !seen[asciiLower(p)] {
				seen[asciiLower(p)] = true
				uniq = append(uniq, p)
			}
		}
		want := naive(uniq, text)
		for _, l := range layouts {
			got := l.build(uniq).FindAll(nil, text)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s: mismatch (-want +got):\n%s", l.name, d)
			}
		}
	})
}

// layout is a setting of the dense/sparse tuning and of the scan lanes,
// so tests cover every kind of state and loop whatever the size of the
// pattern set and the text.
type layout struct {
	name                   string
	depth, fanout, allSize int
	lanes                  int  // 0: as FindAll chooses; 1, 2 or 4: forced where possible
	small                  bool // BuildSmall instead of Build
}

var layouts = []layout{
	{"default", denseDepth, denseFanout, allDenseBytes, 0, false},
	{"sparse", 0, 1 << 20, 0, 1, false},
	{"sparse-2lanes", 0, 1 << 20, 0, 2, false},
	{"sparse-4lanes", 0, 1 << 20, 0, 4, false},
	{"depth1-4lanes", 1, 1 << 20, 0, 4, false},
	{"fanout2-2lanes", 0, 2, 0, 2, false},
	{"dense-4lanes", 1 << 20, 1, 1 << 40, 4, false},
	{"small", 0, 0, 0, 0, true},
	{"small-4lanes", 0, 0, 0, 4, true},
}

func (l layout) build(patterns []string) *lanedMatcher {
	if l.small {
		return &lanedMatcher{BuildSmall(patterns), l.lanes}
	}
	d, f, a := denseDepth, denseFanout, allDenseBytes
	denseDepth, denseFanout, allDenseBytes = l.depth, l.fanout, l.allSize
	defer func() { denseDepth, denseFanout, allDenseBytes = d, f, a }()
	return &lanedMatcher{Build(patterns), l.lanes}
}

// lanedMatcher runs FindAll with the lanes of its layout.
type lanedMatcher struct {
	*Matcher
	lanes int
}

func (l *lanedMatcher) FindAll(dst []Match, text string) []Match {
	l4, l2 := lanes4Min, lanes2Min
	defer func() { lanes4Min, lanes2Min = l4, l2 }()
	switch l.lanes {
	case 1:
		lanes4Min, lanes2Min = 1<<62, 1<<62
	case 2:
		lanes4Min, lanes2Min = 1<<62, 0
	case 4:
		lanes4Min, lanes2Min = 0, 0
	}
	return l.Matcher.FindAll(dst, text)
}

// reference finds matches with a map of the folded patterns: for each end
// offset, every pattern length, longest first.
func reference(patterns []string, text string) []Match {
	ids := map[string]int32{}
	lens := map[int]bool{}
	for i, p := range patterns {
		if p == "" {
			continue
		}
		k := asciiLower(p)
		if _, ok := ids[k]; !ok {
			ids[k] = int32(i)
		}
		lens[len(p)] = true
	}
	var ls []int
	for l := range lens {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	slices.Reverse(ls)
	lt := asciiLower(text)
	var out []Match
	for end := 1; end <= len(lt); end++ {
		for _, l := range ls {
			if l <= end {
				if id, ok := ids[lt[end-l:end]]; ok {
					out = append(out, Match{Start: end - l, End: end, ID: id})
				}
			}
		}
	}
	return out
}

// TestRandomLarge: many random patterns over a small alphabet (deep states,
// wide fan-out, long failure chains), in every layout.
func TestRandomLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []string{"a", "b", "C", "가", "나", " ", "\xed"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alpha[r.IntN(len(alpha))])
		}
		return b.String()
	}
	for _, np := range []int{1, 10, 300, 3000} {
		pats := make([]string, np)
		for i := range pats {
			pats[i] = word(1 + r.IntN(8))
		}
		text := word(20000)
		want := reference(pats, text)
		for _, l := range layouts {
			got := l.build(pats).FindAll(nil, text)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%d patterns, %s: mismatch (-want +got):\n%.3000s", np, l.name, d)
			}
		}
	}
}

// TestLaneBoundaries: matches across and at the seams of the lanes, for
// texts of many lengths.
func TestLaneBoundaries(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alpha := "abcAB가 "
	for _, n := range []int{7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 100, 257, 1023, 1024, 1025, 4095, 4096, 4097, 5000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		text := string(b)
		var pats []string
		for _, cut := range []int{n / 4, n / 2, 3 * n / 4, n - 1, 1} {
			for _, l := range []int{1, 2, 3, 5, 8} {
				if lo := cut - l/2; lo >= 0 && lo+l <= n {
					pats = append(pats, text[lo:lo+l])
				}
			}
		}
		pats = append(pats, "a", "ab", "abc", "bca")
		want := reference(pats, text)
		for _, l := range layouts {
			got := l.build(pats).FindAll(nil, text)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("n=%d, %s: mismatch (-want +got):\n%.3000s", n, l.name, d)
			}
		}
	}
}
