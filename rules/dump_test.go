package rules

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./rules -run %s -update)", err, t.Name())
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got); if the change is meant, run go test ./rules -run %s -update:\n%.6000s", path, t.Name(), d)
	}
}

// TestDefaultDump pins the compiled default rule set: every entity,
// title, trigger, pattern (expanded), keyword and lexicon table.
func TestDefaultDump(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "default.dump", set.DumpString())
}

// TestOddAliasesDump pins how odd alias spellings compile (full-width,
// NFD, half-width kana, spaces, duplicates) and the errors of cross-type
// claims, duplicate ids and unknown types.
func TestOddAliasesDump(t *testing.T) {
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
	_, err := Compile([]*File{f})
	if err == nil {
		t.Fatal("no error for a cross-type claim, a duplicate id and an unknown type")
	}
	good := strings.Join(strings.Split(odd, "\n")[:7], "\n") + "\n"
	good = strings.Replace(good, `  - {name: "Kakao", type: PERSON, aliases: ["kakao bank", "Mr. Kakao"]}`+"\n", "", 1)
	f, errs = Parse("odd.yaml", []byte(good))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, cerr := Compile([]*File{f})
	if cerr != nil {
		t.Fatal(cerr)
	}
	golden(t, "odd.dump", "errors of the whole file:\n"+err.Error()+"\n\nset without the bad entries:\n"+set.DumpString())
}
