package corpus_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kg-news/kg/internal/corpus"
	"github.com/kg-news/kg/rules"
)

func TestDocumentDeterministic(t *testing.T) {
	for i := range 20 {
		n1, a := corpus.Document(1, i)
		n2, b := corpus.Document(1, i)
		if n1 != n2 || !bytes.Equal(a, b) {
			t.Fatalf("document %d differs between two runs", i)
		}
		if !utf8.Valid(a) {
			t.Fatalf("document %d is not valid UTF-8", i)
		}
		if bytes.Contains(a, []byte("{")) {
			t.Fatalf("document %d has an unfilled placeholder:\n%s", i, a)
		}
	}
	_, a := corpus.Document(1, 0)
	_, b := corpus.Document(2, 0)
	if bytes.Equal(a, b) {
		t.Fatal("seeds 1 and 2 give the same document")
	}
}

func TestWriteDeterministic(t *testing.T) {
	read := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	d1, d2 := t.TempDir(), t.TempDir()
	f1, n1, err := corpus.Write(d1, 200_000, 7)
	if err != nil {
		t.Fatal(err)
	}
	f2, n2, err := corpus.Write(d2, 200_000, 7)
	if err != nil {
		t.Fatal(err)
	}
	if f1 != f2 || n1 != n2 || n1 < 200_000 {
		t.Fatalf("Write: %d files %d bytes, then %d files %d bytes", f1, n1, f2, n2)
	}
	a, b := read(d1), read(d2)
	if len(a) != f1 {
		t.Fatalf("%d files on disk, Write said %d", len(a), f1)
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
}

func TestGazetteer(t *testing.T) {
	for _, n := range []int{1, 2, 3, 100, 10_000, 100_000} {
		als := corpus.Aliases(n, 1)
		if len(als) != n {
			t.Fatalf("Aliases(%d) has %d aliases", n, len(als))
		}
		seen := map[string]bool{}
		for _, a := range als {
			if seen[strings.ToLower(a)] {
				t.Fatalf("Aliases(%d): %q twice", n, a)
			}
			seen[strings.ToLower(a)] = true
		}
	}
	small, big := corpus.Aliases(100, 3), corpus.Aliases(10_000, 3)
	for i := range small {
		if small[i] != big[i] {
			t.Fatalf("Aliases(100) is not a prefix of Aliases(10000): %q vs %q", small[i], big[i])
		}
	}
	var persons, orgs int
	for _, e := range corpus.Gazetteer(10_000, 1) {
		switch e.Type {
		case corpus.Person:
			persons++
		case corpus.Organization:
			orgs++
		}
	}
	if persons < 1000 || orgs < 1000 {
		t.Errorf("10k gazetteer: %d people, %d organizations; want both", persons, orgs)
	}
}

// TestGazetteerCompiles: the YAML is a valid rule file, also together with
// the default rules.
func TestGazetteerCompiles(t *testing.T) {
	files, errs := rules.ParseFS(rules.DefaultFS(), "default")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	data := corpus.GazetteerYAML(corpus.Gazetteer(10_000, 1))
	f, errs := rules.Parse("gazetteer.yaml", data)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	set, err := rules.Compile(append(files, f))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Words) < 10_000 {
		t.Errorf("compiled set has %d keywords, want at least the 10,000 aliases", len(set.Words))
	}
}

// TestTextMentionsGazetteer: the famous entities of the gazetteer occur in
// the text, so alias scans find something.
func TestTextMentionsGazetteer(t *testing.T) {
	text := corpus.Text(1, 200_000)
	found := 0
	for _, a := range corpus.Aliases(100, 1) {
		if strings.Contains(text, a) {
			found++
		}
	}
	if found < 50 {
		t.Errorf("only %d of the 100 most famous aliases occur in 200 kB of text", found)
	}
}
