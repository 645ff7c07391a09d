package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll collects every document of paths.
func readAll(t *testing.T, root string, paths ...string) []Doc {
	t.Helper()
	files, _, err := Collect(paths, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	var out []Doc
	for _, f := range files {
		if err := Read(f, strings.NewReader(""), ReadOptions{MaxBytes: 1 << 20}, func(d Doc) bool { out = append(out, d); return true }); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func date(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func TestIDs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/x.txt", "one")
	write(t, dir, "b/x.txt", "two")
	write(t, dir, "b/y.md", "---\nurl: https://example.com/y\n---\nthree")
	write(t, dir, "b/z.txt", "---\nid: z-1\nurl: https://example.com/z\n---\nfour")
	write(t, dir, "notes.pdf", "ignored")
	type got struct{ ID, Rel string }
	var ids []got
	for _, d := range readAll(t, "", dir) {
		ids = append(ids, got{d.ID, d.Rel})
	}
	want := []got{{"a/x", "a/x.txt"}, {"b/x", "b/x.txt"}, {"https://example.com/y", "b/y.md"}, {"z-1", "b/z.txt"}}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids of a folder (-want +got):\n%s", diff)
	}
	// x.txt and x.md of one folder are two documents
	write(t, dir, "c/y.txt", "five")
	write(t, dir, "c/y.md", "six")
	var cy []string
	for _, d := range readAll(t, "", filepath.Join(dir, "c")) {
		cy = append(cy, d.ID)
	}
	if len(cy) != 2 || cy[0] == cy[1] {
		t.Errorf("c/y.txt and c/y.md: ids %q, want two", cy)
	}
	// one file named by a relative and an absolute path is read once
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(wd, filepath.Join(dir, "a/x.txt")); err == nil {
		if n := len(readAll(t, "", rel, filepath.Join(dir, "a/x.txt"))); n != 1 {
			t.Errorf("one file named two ways: %d documents, want 1", n)
		}
	}
	// the two x.txt named as files: their base names collide, so they are
	// named by their paths as given
	a, b := filepath.Join(dir, "a/x.txt"), filepath.Join(dir, "b/x.txt")
	docs := readAll(t, "", a, b)
	if docs[0].ID == docs[1].ID {
		t.Errorf("a/x.txt and b/x.txt given as files share id %q", docs[0].ID)
	}
	// alone, a file is named by its base name; with an id root, by its
	// path under the root, as the folder build names it
	if d := readAll(t, "", a); d[0].ID != "x" {
		t.Errorf("file alone: id %q, want x", d[0].ID)
	}
	if d := readAll(t, dir, a); d[0].ID != "a/x" {
		t.Errorf("file with --id-root: id %q, want a/x", d[0].ID)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, body string
		want       Doc
		err        string
	}{
		{"full", "---\ntitle: \"A: b\"\nurl: https://e.com/1\ndate: 2025-03-12T23:30:00+09:00\nsource: Wire\nlang: ko\nauthor: ignored\ntags: [a, b]\n---\nText.\n",
			Doc{ID: "https://e.com/1", URL: "https://e.com/1", Title: "A: b", Source: "Wire", Lang: "ko", Published: date("2025-03-12"), Text: []byte("\n\n\n\n\n\n\n\n\nText.\n")}, ""},
		{"plain date", "---\ndate: 2025-03-12\n...\nText", Doc{ID: "doc", Published: date("2025-03-12"), Text: []byte("\n\n\nText")}, ""},
		{"no front matter", "--- not a block\nText", Doc{ID: "doc", Text: []byte("--- not a block\nText")}, ""},
		{"unclosed is text", "---\ntitle: x\nText", Doc{ID: "doc", Text: []byte("---\ntitle: x\nText")}, ""},
		{"bad date", "---\ntitle: x\ndate: next week\n---\nText", Doc{}, "doc.txt:3:7: front matter: date: \"next week\": want YYYY-MM-DD"},
		{"bad yaml", "---\ntitle: [x\n---\nText", Doc{}, "doc.txt:2: front matter:"},
		{"not a mapping is text", "---\n- a\n- b\n---\nText", Doc{ID: "doc", Text: []byte("---\n- a\n- b\n---\nText")}, ""},
		{"a Markdown rule and a paragraph", "---\nNote: this is prose.\n---\nText", Doc{ID: "doc", Text: []byte("---\nNote: this is prose.\n---\nText")}, ""},
		{"a URL of two lines", "---\nurl: \"https://e.com/a\\nb\"\n---\nText", Doc{}, "doc.txt:2:6: front matter: url: a URL is one line"},
		{"list value", "---\ntitle: [a, b]\n---\nText", Doc{}, "doc.txt:2:8: front matter: title: want a single value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := textDoc(File{Path: "doc.txt", Name: "doc"}, []byte(tt.body))
			if tt.err != "" {
				if d.Err == nil || !strings.Contains(d.Err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", d.Err, tt.err)
				}
				return
			}
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			tt.want.Path = "doc.txt"
			if diff := cmp.Diff(tt.want, d); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONLines(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "feed.jsonl", strings.Join([]string{
		`{"id": "a1", "text": "First.", "date": "2025-05-20", "source": "Wire", "url": "https://e.com/a1"}`,
		`{"id": 42, "text": "Second.", "date": "2025-05-20T14:05:00+09:00"}`,
		``,
		`{"id": "a3", "text": "Third."`,
		`{"id": "a4", "title": "no text"}`,
		`{"id": "a5", "text": "Fifth.", "date": "May 5"}`,
		`{"id": ["x"], "text": "Sixth."}`,
		`{"text": 7}`,
		`{"text": "Eighth, no id or url."}`,
		`{"url": "https://e.com/9", "text": "Ninth."} {"x": 1}`,
		"\xef\xbb\xbf{\"url\": \"https://e.com/10\", \"text\": \"Tenth.\"}\r",
		`{"id": "a11", "text": "Eleventh.", "published": "2024-01-02", "outlet": "Daily", "language": "en"}`,
		`{"id": "a12", "text": "Twelfth.", "date": "2024-01-02", "published": "2024-01-03"}`,
		`{"id": "a13", "text": "Thirteenth.", "date": "2024-01-02", "published": "2024-01-02T09:00:00+09:00"}`,
	}, "\n"))
	docs := readAll(t, "", p)
	type row struct {
		ID, Rel, Text, Err string
		Source, Lang       string
		Published          time.Time
	}
	var got []row
	for _, d := range docs {
		r := row{ID: d.ID, Rel: d.Rel, Text: string(d.Text), Published: d.Published, Source: d.Source, Lang: d.Lang}
		if d.Err != nil {
			r = row{Err: strings.TrimPrefix(d.Err.Error(), p)}
		}
		got = append(got, r)
	}
	want := []row{
		{ID: "a1", Rel: "feed.jsonl:1", Text: "First.", Published: date("2025-05-20"), Source: "Wire"},
		{ID: "42", Rel: "feed.jsonl:2", Text: "Second.", Published: date("2025-05-20")},
		{Err: ":4:30: not valid JSON: the line ends inside a value; line skipped"},
		{Err: `:5: no "text" field; line skipped`},
		{Err: `:6: date "May 5": want YYYY-MM-DD or an RFC 3339 time such as 2025-03-12T09:30:00+09:00; line skipped`},
		{Err: `:7: field "id": want a string or a number; line skipped`},
		{Err: `:8: field "text": want a string, not a JSON number; line skipped`},
		{ID: "feed:9", Rel: "feed.jsonl:9", Text: "Eighth, no id or url."},
		{Err: `:10: more than one JSON value on the line; line skipped`},
		{ID: "https://e.com/10", Rel: "feed.jsonl:11", Text: "Tenth."},
		{ID: "a11", Rel: "feed.jsonl:12", Text: "Eleventh.", Published: date("2024-01-02"), Source: "Daily", Lang: "en"},
		{Err: `:13: fields "date" "2024-01-02" and "published" "2024-01-03" disagree; line skipped`},
		{ID: "a13", Rel: "feed.jsonl:14", Text: "Thirteenth.", Published: date("2024-01-02")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestJSONLinesTooLong(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 200<<10)
	p := write(t, dir, "feed.ndjson", `{"id":"big","text":"`+long+`"}`+"\n"+`{"id":"small","text":"ok"}`+"\n")
	files, _, _ := Collect([]string{p}, Options{})
	var ids, errs []string
	_ = Read(files[0], nil, ReadOptions{MaxBytes: 1 << 10}, func(d Doc) bool {
		if d.Err != nil {
			errs = append(errs, d.Err.Error())
		} else {
			ids = append(ids, d.ID)
		}
		return true
	})
	if len(errs) != 1 || !strings.Contains(errs[0], ":1: longer than --max-doc-bytes") || len(ids) != 1 || ids[0] != "small" {
		t.Errorf("errs %q ids %q", errs, ids)
	}
}

// FuzzRead reads arbitrary bytes as each format kg reads (the HTML reader
// has FuzzHTML): no panic, and every document has an id or an error.
func FuzzRead(f *testing.F) {
	f.Add([]byte("---\ntitle: x\ndate: 2025-01-02\n---\nText"), uint8(0))
	f.Add([]byte("{\"id\":\"a\",\"text\":\"b\"}\n{bad\n"), uint8(1))
	f.Add([]byte("---\nurl: https://e.com/x\n---\n# Title\n\n- **a** [b](c)\n"), uint8(2))
	f.Add([]byte("\ufeffid,text,date\n1,\"a\nb\",2025-01-02\n2,x\n"), uint8(3))
	f.Add([]byte("title\ttext\nT\t\"q\"\"q\"\n"), uint8(4))
	exts := []string{".txt", ".jsonl", ".md", ".csv", ".tsv"}
	f.Fuzz(func(t *testing.T, b []byte, kind uint8) {
		dir := t.TempDir()
		p := filepath.Join(dir, "doc"+exts[int(kind)%len(exts)])
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files, _, err := Collect([]string{p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		_ = Read(files[0], nil, ReadOptions{MaxBytes: 1 << 16}, func(d Doc) bool {
			if d.Err == nil && d.ID == "" {
				t.Fatalf("a document without an id")
			}
			return true
		})
	})
}

// TestCollectSkips: a folder walk reads the types kg reads and counts the
// others; hidden folders are not entered, hidden files not counted.
func TestCollectSkips(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.md", "c.html", "d.htm", "e.csv", "f.tsv", "g.jsonl", "h.ndjson", "i.markdown", "J.HTML",
		"x.pdf", "y.pdf", "z.docx", "README", ".DS_Store", ".git/config.txt", "sub/k.txt", "sub/l.pdf"} {
		write(t, dir, name, "text")
	}
	files, skips, err := Collect([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Rel, Name string
		Format    Format
	}
	var gotFiles []got
	for _, f := range files {
		gotFiles = append(gotFiles, got{f.Rel, f.Name, f.Format})
	}
	want := []got{{"J.HTML", "J", HTML}, {"a.txt", "a", Text}, {"b.md", "b", Markdown}, {"c.html", "c", HTML}, {"d.htm", "d", HTML},
		{"e.csv", "e", CSV}, {"f.tsv", "f", TSV}, {"g.jsonl", "g", JSONLines}, {"h.ndjson", "h", JSONLines}, {"i.markdown", "i", Markdown}, {"sub/k.txt", "sub/k", Text}}
	if diff := cmp.Diff(want, gotFiles); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Skips{Unsupported: map[string]int{".pdf": 3, ".docx": 1, "": 1}}, skips); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

// TestCollectNamedFiles: a file named on its own is read by its
// extension, as text without one, by --format when it is given, and an
// extension kg does not read is an error naming the types and --format.
func TestCollectNamedFiles(t *testing.T) {
	dir := t.TempDir()
	pdf := write(t, dir, "report.pdf", "x")
	page := write(t, dir, "story.php", "<p>x</p>")
	plain := write(t, dir, "story", "x")
	_, _, err := Collect([]string{pdf}, Options{})
	want := pdf + ": unsupported file type .pdf: kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson; to read it anyway, name its format with --format txt|md|html|csv|tsv|jsonl"
	if err == nil || err.Error() != want || !errors.Is(err, ErrUnsupported) {
		t.Errorf("unsupported file: error %v\nwant %s", err, want)
	}
	files, _, err := Collect([]string{page, plain, "-"}, Options{Format: HTML})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Format != HTML {
			t.Errorf("%s with --format html: format %q", f.Path, f.Format)
		}
	}
	files, _, err = Collect([]string{plain, "-"}, Options{})
	if err != nil || files[0].Format != Text || files[1].Format != Text {
		t.Errorf("no extension and stdin: %v %+v", err, files)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"txt": Text, "md": Markdown, "markdown": Markdown, "HTML": HTML, "htm": HTML, ".csv": CSV, "tsv": TSV, "jsonl": JSONLines, "ndjson": JSONLines} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || err.Error() != `unknown format "pdf": want one of txt|md|html|csv|tsv|jsonl` {
		t.Errorf("ParseFormat(pdf): %v", err)
	}
}

func TestSkipsMessages(t *testing.T) {
	tests := []struct {
		name    string
		s       Skips
		summary string
		none    string
	}{
		{"none", Skips{}, "", "no documents in docs/: no files; kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson"},
		{"types and empty", Skips{Unsupported: map[string]int{".pdf": 3, ".docx": 1}, Empty: 1},
			"skipped 5 files: 4 unsupported type (.pdf, .docx), 1 empty",
			"no documents in docs/: 5 files, all skipped (3 .pdf, 1 .docx, 1 empty); kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson"},
		{"one of each", Skips{Unsupported: map[string]int{"": 1}, Unreadable: 1, Empty: 1},
			"skipped 3 files: 1 unsupported type (no extension), 1 unreadable, 1 empty",
			"no documents in docs/: 3 files, all skipped (1 no extension, 1 unreadable, 1 empty); kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson"},
		{"one", Skips{Empty: 1}, "skipped 1 file: 1 empty",
			"no documents in docs/: 1 file, skipped (1 empty); kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Summary(); got != tt.summary {
				t.Errorf("Summary() = %q, want %q", got, tt.summary)
			}
			if got := tt.s.NoDocuments([]string{"docs/"}).Error(); got != tt.none {
				t.Errorf("NoDocuments() = %q\nwant %q", got, tt.none)
			}
		})
	}
}
