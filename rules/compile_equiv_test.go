package rules

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/internal/ac"
)

// sameAsRef checks that Compile and compileRef agree on files: the same
// set (the automaton compared through its words) or the same errors.
func sameAsRef(t *testing.T, files []*File) {
	t.Helper()
	got, gerr := Compile(files)
	want, werr := compileRef(files)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("errors differ:\ngot  %v\nwant %v", gerr, werr)
	}
	if gerr != nil {
		return
	}
	opts := cmp.Options{
		cmpopts.IgnoreFields(Set{}, "Matcher"),
		cmp.Comparer(func(a, b *regexp.Regexp) bool {
			return (a == nil) == (b == nil) && (a == nil || a.String() == b.String())
		}),
		cmpopts.EquateEmpty(),
	}
	if d := cmp.Diff(want, got, opts); d != "" {
		t.Fatalf("set differs from compileRef (-want +got):\n%.4000s", d)
	}
	if got.Matcher == nil || got.Matcher.States() != ac.Build(want.Words).States() {
		t.Fatal("automaton not built from the words")
	}
}

func TestCompileSameAsRef(t *testing.T) {
	def, errs := ParseFS(defaultFS, "default")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	t.Run("default", func(t *testing.T) { sameAsRef(t, def) })
	t.Run("default+gazetteer", func(t *testing.T) { sameAsRef(t, append(append([]*File{}, def...), gazetteerFile(10_000))) })
	odd := `entities:
  - {name: "Ｋａｋａｏ Ｂａｎｋ", type: ORGANIZATION, name_ko: "카카오뱅크", aliases: ["KAKAO bank", "kakao Bank ", "카카오 뱅크", "ｶｶｵ"]}
  - {name: "Kakao Bank", type: ORGANIZATION}
  - {name: "Kakao", type: PERSON, aliases: ["kakao bank", "Mr. Kakao"]}
  - {name: "가나다", type: PERSON, name_ko: "가나다", aliases: ["가나다", "\u1100\u1161나다", "  ", ""]}
  - {name: "Zoë", type: PERSON, aliases: ["Zoe\u0308", "ZOË", "ｶﾞ", "カ\u3099"]}
  - {name: "Tab	Name", type: PLACE, aliases: ["\u3000Seoul\u3000", "Seoul"]}
  - {id: dup, name: "A", type: PLACE}
  - {id: dup, name: "B", type: PLACE}
  - {name: "Bad", type: THING}
`
	f, errs := Parse("odd.yaml", []byte(odd))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	t.Run("odd", func(t *testing.T) { sameAsRef(t, append(append([]*File{}, def...), f)) })
	t.Run("odd-alone", func(t *testing.T) { sameAsRef(t, []*File{f}) })
}

func TestNormalizeFastPath(t *testing.T) {
	for _, s := range []string{"", "Kim Min-su", "김민수", "삼성전자 Samsung", "Ａ", "ｶﾞ", "가\u11a8", "\u1100\u1161", "a\x00b", "tab\tx",
		"e\u0301", "Zoë", "“quoted”", "\uac00\u11a8", "\ud7a3", "\uac00", "x\x7f"} {
		if got, want := Normalize(s), slowNormalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("Kim 김")
	f.Add("ｶﾞ가\u11a8")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), slowNormalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}
