package extract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/internal/corpus"
	"github.com/kg-news/kg/rules"
)

const seedPath = "../testdata/docs/altman-seoul-2025-02-04.txt"

func defaultSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func seed(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// summary is a comparable digest of a result: entities with aliases, and
// relations by kind and names.
func summary(r extract.Result) []string {
	var out []string
	for _, e := range r.Entities {
		out = append(out, fmt.Sprintf("E %s %s %v", e.Type, e.Name, e.Aliases))
	}
	for _, rel := range r.Relations {
		var names []string
		for _, a := range rel.Args {
			names = append(names, r.Entities[a].Name)
		}
		out = append(out, fmt.Sprintf("R %s %v %s %s", rel.Kind, names, rel.Title, rel.Date))
	}
	return out
}

func TestNormalizedVariantsGiveSameResult(t *testing.T) {
	set := defaultSet(t)
	raw := string(seed(t))
	clean, _ := extract.NewDocument("seed", []byte(raw))
	want := summary(extract.New(set).Run(clean))
	fullWidth := strings.NewReplacer("OpenAI", "ＯｐｅｎＡＩ", "Kakao", "Ｋａｋａｏ").Replace(raw)
	variants := map[string]string{
		"crlf":       strings.ReplaceAll(raw, "\n", "\r\n"),
		"cr":         strings.ReplaceAll(raw, "\n", "\r"),
		"bom":        "\ufeff" + raw,
		"nfd":        toNFD(raw),
		"full-width": fullWidth,
		"zero-width": strings.ReplaceAll(raw, "Altman", "Alt\u200bman"),
	}
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			d, _ := extract.NewDocument("seed", []byte(v))
			got := summary(extract.New(set).Run(d))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("result differs from the clean document (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDeterministic runs every test document and some generated news
// several times: Go randomizes map order on each run, so a tie decided by a
// map shows up as a difference (argument order included).
func TestDeterministic(t *testing.T) {
	set := defaultSet(t)
	var paths []string
	for _, dir := range []string{"docs", "heldout", "heldout2", "heldout3"} {
		ps, _ := filepath.Glob("../testdata/" + dir + "/*.txt")
		paths = append(paths, ps...)
	}
	texts := map[string][]byte{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(p)] = raw
	}
	for i := 0; i < 12; i++ {
		name, text := corpus.Document(1, i)
		texts[name] = text
	}
	for name, raw := range texts {
		t.Run(name, func(t *testing.T) {
			d, _ := extract.NewDocument(name, raw)
			first := summary(extract.New(set).Run(d))
			for i := 0; i < 6; i++ {
				if diff := cmp.Diff(first, summary(extract.New(set).Run(d))); diff != "" {
					t.Fatalf("run %d differs (-first +now):\n%s", i, diff)
				}
			}
		})
	}
}

func TestNewDocumentRepairs(t *testing.T) {
	tests := []struct {
		name, raw, want string
		warn            bool
	}{
		{"invalid utf8", "Kim\xffLee", "Kim\uFFFDLee", true},
		{"control", "a\x01b", "a b", true},
		{"bidi", "a\u202eb", "ab", false},
		{"full width", "ＡＢＣ１", "ABC1", false},
		{"nfd hangul", "\u1100\u1161", "가", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ws := extract.NewDocument("x", []byte(tt.raw))
			if d.Text != tt.want {
				t.Errorf("Text = %q, want %q", d.Text, tt.want)
			}
			if (len(ws) > 0) != tt.warn {
				t.Errorf("warnings = %v, want warning %v", ws, tt.warn)
			}
		})
	}
}

// FuzzExtract: spans are in bounds and on rune boundaries, no panic, and
// two runs agree.
func FuzzExtract(f *testing.F) {
	f.Add(string(seed(f)))
	f.Add("정신아 카카오CEO는 어제 Kakao CEO Chung Shin-a를 만났다.")
	f.Add("By Kim Min-su 김민수 기자\nSamsung Electronics Chairman Lee Jae-yong met SK Group Chairman Chey Tae-won on Tuesday.")
	set := defaultSet(f)
	x := extract.New(set)
	f.Fuzz(func(t *testing.T, text string) {
		d, _ := extract.NewDocument("fuzz", []byte(text))
		r := x.Run(d)
		check := func(what string, s extract.Span) {
			if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End {
				t.Fatalf("%s span %v out of bounds (len %d)", what, s, len(d.Text))
			}
			if !utf8.RuneStart(d.Text[s.Start]) || (s.End < len(d.Text) && !utf8.RuneStart(d.Text[s.End])) {
				t.Fatalf("%s span %v not on rune boundaries", what, s)
			}
		}
		for _, m := range r.Mentions {
			check("mention", m.Span)
		}
		for _, rel := range r.Relations {
			check("relation", rel.Evidence)
		}
		if diff := cmp.Diff(summary(r), summary(x.Run(d))); diff != "" {
			t.Fatalf("not deterministic:\n%s", diff)
		}
	})
}

// BenchmarkExtractGenerated runs the whole extraction over 200 generated
// news documents (internal/corpus, seed 1, about 0.5 MB), the kind of text
// kg build's end-to-end benchmark reads; MB/s counts all their bytes.
func BenchmarkExtractGenerated(b *testing.B) {
	set := defaultSet(b)
	x := extract.New(set)
	var docs [][]byte
	n := 0
	for i := range 200 {
		_, text := corpus.Document(1, i)
		docs = append(docs, text)
		n += len(text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for i, raw := range docs {
			d, _ := extract.NewDocument(fmt.Sprint("gen-", i), raw)
			_ = x.Run(d)
		}
	}
}

// BenchmarkExtract runs the whole extraction over the seed article.
func BenchmarkExtract(b *testing.B) {
	set := defaultSet(b)
	raw := seed(b)
	x := extract.New(set)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d, _ := extract.NewDocument("seed", raw)
		_ = x.Run(d)
	}
}

func ExampleExtractor_Run() {
	set, _ := rules.Default()
	d, _ := extract.NewDocument("example", []byte(
		"Kakao CEO Chung Shin-a met Krafton CEO Kim Chang-han in Seoul on Tuesday.\n"+
			"정신아 카카오 대표는 화요일 서울에서 김창한 크래프톤 대표를 만났다.\n"))
	r := extract.New(set).Run(d)
	for _, rel := range r.Relations {
		var names []string
		for _, a := range rel.Args {
			names = append(names, r.Entities[a].Name)
		}
		fmt.Println(rel.Kind, strings.Join(names, " / "), rel.Title)
	}
	// Output:
	// role Chung Shin-a / Kakao CEO
	// role Kim Chang-han / Krafton CEO
	// role Chung Shin-a / Kakao CEO
	// role Kim Chang-han / Krafton CEO
	// meeting Chung Shin-a / Kim Chang-han
}
