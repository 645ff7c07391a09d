package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/kg-news/kg/graph"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/unicode/norm"
)

// Hostile documents: the small ones are committed under testdata/bad/docs,
// the large and binary ones are made here.
var (
	badDocsDir = filepath.Join("..", "..", "testdata", "bad", "docs")
	seedDoc    = filepath.Join("..", "..", "testdata", "docs", "altman-seoul-2025-02-04.txt")
)

// badBuildTimeout bounds one kg build of hostile documents; each takes a
// second or two, even under the race detector.
const badBuildTimeout = time.Minute

// badBuild runs kg build -q with args, writing the graph to a fresh file,
// and returns the exit code, stderr and the graph file's bytes (nil if it
// was not written). It fails the test on a panic, however it is reported.
func badBuild(t *testing.T, stdin string, args ...string) (int, string, []byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "graph.json")
	var stdout, stderr bytes.Buffer
	// --date gives the documents that state none a reference, so their
	// "Tuesday" resolves and only the repairs are warned about
	all := append([]string{"build", "-q", "--date", "2025-02-04", "--out", out}, args...)
	// A document that stalls the extractor fails the test instead of
	// hanging it: run returns when its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), badBuildTimeout)
	defer cancel()
	code := run(ctx, all, strings.NewReader(stdin), &stdout, &stderr)
	if ctx.Err() != nil {
		t.Fatalf("kg %s did not finish within %s", strings.Join(all, " "), badBuildTimeout)
	}
	errs := stderr.String()
	for _, bad := range []string{"panic", "internal error", "goroutine "} {
		if strings.Contains(errs, bad) {
			t.Fatalf("kg %s: %q in stderr:\n%s", strings.Join(all, " "), bad, errs)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		b = nil
	}
	return code, errs, b
}

// decodeGraph decodes graph JSON (checking it against the closed schema).
func decodeGraph(t *testing.T, b []byte) *graph.Graph {
	t.Helper()
	g, err := graph.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a valid graph: %v", err)
	}
	return g
}

// hasMet reports whether g has a MET relationship between the two nodes.
func hasMet(g *graph.Graph, a, b string) bool {
	for _, r := range g.Relationships {
		if r.Type == graph.Met && (r.StartNode == a && r.EndNode == b || r.StartNode == b && r.EndNode == a) {
			return true
		}
	}
	return false
}

// hasNode reports whether g has a node with the id.
func hasNode(g *graph.Graph, id string) bool {
	for _, n := range g.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

// warnings returns the stderr lines that are warnings.
func warnings(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "kg: warning: ") {
			out = append(out, l)
		}
	}
	return out
}

// TestBuildHostileDocuments builds each committed hostile document alone:
// kg repairs it, warns naming the file (and the byte offset of the first
// bad byte), exits 0, writes a valid graph, and still finds the meeting the
// text reports.
func TestBuildHostileDocuments(t *testing.T) {
	offset := func(name string, match func(b byte) bool) string {
		raw, err := os.ReadFile(filepath.Join(badDocsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range raw {
			if match(c) {
				return "byte " + strconv.Itoa(i) + ": "
			}
		}
		t.Fatalf("%s: no hostile byte", name)
		return ""
	}
	const chung = "person:chung-shin-a"
	tests := []struct {
		file  string
		warns []string // each warning, after "kg: warning: PATH: "
		met   string   // who met Sam Altman, "" for an empty document
	}{
		{"invalid-utf8.txt", []string{offset("invalid-utf8.txt", func(b byte) bool { return b == 0xff }) + "invalid UTF-8 replaced with U+FFFD"}, chung},
		{"bom-invalid-utf8.txt", []string{offset("bom-invalid-utf8.txt", func(b byte) bool { return b == 0xc0 }) + "invalid UTF-8 replaced with U+FFFD"}, chung},
		{"nul-control.txt", []string{offset("nul-control.txt", func(b byte) bool { return b == 0 }) + "control characters replaced with spaces"}, chung},
		{"empty.txt", []string{"empty document: only its Document node is written"}, ""},
		{"blank.txt", []string{"empty document: only its Document node is written"}, ""},
		{"bom-crlf.txt", nil, chung},
		{"cr.txt", nil, chung},
		{"nfd-hangul.txt", nil, "person:정신아"}, // Korean only: no romanization
		{"full-width.txt", nil, chung},
		{"zero-width-bidi.txt", nil, chung},
		{"emoji.txt", nil, chung},
		{"cypher.txt", nil, chung},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(badDocsDir, tt.file)
			code, errs, out := badBuild(t, "", path)
			if code != exitOK {
				t.Fatalf("exit %d, want 0:\n%s", code, errs)
			}
			var want []string
			for _, w := range tt.warns {
				want = append(want, "kg: warning: "+path+": "+w)
			}
			if got := warnings(errs); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if strings.TrimSpace(strings.Join(warnings(errs), "\n")) != strings.TrimSpace(errs) {
				t.Errorf("stderr has more than warnings:\n%s", errs)
			}
			g := decodeGraph(t, out)
			if tt.met != "" && !hasMet(g, tt.met, "person:sam-altman") {
				t.Errorf("no MET between %s and person:sam-altman", tt.met)
			}
			id := "doc:" + strings.TrimSuffix(tt.file, ".txt")
			if len(g.Nodes) == 0 || !hasNode(g, id) {
				t.Errorf("no Document node %s", id)
			}
			if tt.met == "" && (len(g.Nodes) != 1 || len(g.Relationships) != 0) {
				t.Errorf("empty document gave %d nodes and %d relationships, want only its Document node", len(g.Nodes), len(g.Relationships))
			}
		})
	}
}

// TestBuildCypherTextVerbatim: text that looks like Cypher ends up in the
// graph as text, unchanged.
func TestBuildCypherTextVerbatim(t *testing.T) {
	code, errs, out := badBuild(t, "", filepath.Join(badDocsDir, "cypher.txt"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	raw, err := os.ReadFile(filepath.Join(badDocsDir, "cypher.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sentence := strings.TrimSpace(string(raw))
	found := false
	for _, r := range decodeGraph(t, out).Relationships {
		if ev, ok := r.Properties["evidence"].([]string); ok {
			for _, e := range ev {
				found = found || e == sentence
			}
		}
	}
	if !found {
		t.Errorf("no relationship has the sentence %q as evidence, verbatim", sentence)
	}
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// unreadableDocs writes documents kg cannot read into dir and returns
// their names: a binary file, UTF-16 and EUC-KR text, and a broken link.
func unreadableDocs(t *testing.T, dir string) map[string]string {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	bin := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for range 64 << 10 {
		bin = append(bin, byte(rng.UintN(256)))
	}
	writeFile(t, dir, "binary.txt", bin)
	ko := "정신아 카카오 대표는 4일 서울에서 샘 알트먼 오픈AI CEO를 만났다.\n"
	u16 := []byte{0xff, 0xfe}
	for _, c := range utf16.Encode([]rune("Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman.\n" + ko)) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	writeFile(t, dir, "utf16.txt", u16)
	euc, err := korean.EUCKR.NewEncoder().Bytes([]byte(strings.Repeat(ko, 3)))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "euc-kr.txt", euc)
	if err := os.Symlink(filepath.Join(dir, "no-such-file"), filepath.Join(dir, "gone.txt")); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"binary.txt": "not a text document",
		"utf16.txt":  "not a text document",
		"euc-kr.txt": "not a text document",
		"gone.txt":   "no such file or directory",
	}
}

// TestBuildGoesOnAfterUnreadable: a folder of hostile documents, some of
// which cannot be read at all. kg reports each of those by name, builds the
// graph of the others, writes it and exits 1; without them it exits 0.
func TestBuildGoesOnAfterUnreadable(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir(badDocsDir)
	if err != nil {
		t.Fatal(err)
	}
	var readable []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(badDocsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, e.Name(), b)
		readable = append(readable, strings.TrimSuffix(e.Name(), ".txt"))
	}
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "seed.txt", seed)
	readable = append(readable, "seed")

	code, errs, out := badBuild(t, "", dir)
	if code != exitOK {
		t.Fatalf("hostile but readable documents: exit %d, want 0:\n%s", code, errs)
	}
	clean := decodeGraph(t, out)

	unreadable := unreadableDocs(t, dir)
	code, errs, out = badBuild(t, "", "-j", "3", dir)
	if code != exitRuntime {
		t.Errorf("with unreadable documents: exit %d, want %d:\n%s", code, exitRuntime, errs)
	}
	for name, why := range unreadable {
		want := "kg: read " + filepath.Join(dir, name) + ": "
		i := strings.Index(errs, want)
		if i < 0 || !strings.Contains(errs[i:], why) {
			t.Errorf("stderr does not report %s (%q):\n%s", name, why, errs)
		}
	}
	if want := fmt.Sprintf("kg: %d of %d documents could not be read", len(unreadable), len(readable)+len(unreadable)); !strings.Contains(errs, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errs)
	}
	if out == nil {
		t.Fatal("no graph written for the readable documents")
	}
	g := decodeGraph(t, out)
	for _, id := range readable {
		if !hasNode(g, "doc:"+id) {
			t.Errorf("graph lacks readable document %s", id)
		}
	}
	for name := range unreadable {
		if hasNode(g, "doc:"+strings.TrimSuffix(name, ".txt")) {
			t.Errorf("graph has unreadable document %s", name)
		}
	}
	if a, b := encodeString(t, clean), encodeString(t, g); a != b {
		t.Error("the unreadable documents changed the graph of the others")
	}
}

// seedVariant rewrites the seed article the way other systems store text.
var seedVariants = map[string]func(string) string{
	"bom":  func(s string) string { return "\ufeff" + s },
	"crlf": func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
	"cr":   func(s string) string { return strings.ReplaceAll(s, "\n", "\r") },
	"nfd":  func(s string) string { return norm.NFD.String(s) },
	"full-width": func(s string) string {
		return strings.Map(func(r rune) rune {
			if r > ' ' && r < 0x7f {
				return r + 0xfee0
			}
			return r
		}, s)
	},
	"zero-width-bidi": func(s string) string {
		return strings.NewReplacer("Altman", "Alt\u200bman", "OpenAI", "\u202eOpen\u200dAI\u202c", "Kakao", "\u2066Ka\u2060kao\u2069", "met", "m\u200ce\u200et").Replace(s)
	},
	"all at once": func(s string) string {
		return "\ufeff" + strings.ReplaceAll(norm.NFD.String(strings.ReplaceAll(s, "OpenAI", "ＯｐｅｎＡＩ")), "\n", "\r\n")
	},
}

// TestBuildSeedVariantsSameGraph: the seed with a BOM, CRLF or CR line
// ends, decomposed Hangul, full-width Latin, or zero-width and bidi
// characters gives byte-identical graph JSON to the clean seed. The files
// have the seed's name in different folders, so the document ids agree.
func TestBuildSeedVariantsSameGraph(t *testing.T) {
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(seedDoc)
	code, errs, want := badBuild(t, "", writeFile(t, t.TempDir(), name, seed))
	if code != exitOK || errs != "" {
		t.Fatalf("clean seed: exit %d: %s", code, errs)
	}
	if len(decodeGraph(t, want).Relationships) < 10 {
		t.Fatal("the clean seed gives almost no graph")
	}
	for variant, rewrite := range seedVariants {
		t.Run(variant, func(t *testing.T) {
			raw := []byte(rewrite(string(seed)))
			if bytes.Equal(raw, seed) {
				t.Fatal("variant is the seed itself")
			}
			code, errs, got := badBuild(t, "", writeFile(t, t.TempDir(), name, raw))
			if code != exitOK || errs != "" {
				t.Errorf("exit %d, stderr %q; want 0 and no warnings", code, errs)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("graph JSON differs from the clean seed's:\n%s", firstLines(lineDiff(string(want), string(got)), 20))
			}
		})
	}
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("one is a prefix of the other (%d and %d lines)", len(al), len(bl))
}

// TestBuildHugeSingleLine: a 20 MB document on one line. --max-doc-bytes
// bounds what kg reads of it: the rest is left with a warning naming the
// file and the offset, the cut does not split a character (no invalid
// UTF-8 warning), and the start of the document is still extracted.
func TestBuildHugeSingleLine(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday. ")
	filler := []string{"The market grew slowly.", "Prices fell – by €5 … again.", "시장은 천천히 성장했다.", "가격이 내렸다."}
	rng := rand.New(rand.NewPCG(3, 4))
	for b.Len() < 20<<20 {
		b.WriteString(filler[rng.IntN(len(filler))])
		b.WriteByte(' ')
	}
	if bytes.IndexByte(b.Bytes(), '\n') >= 0 {
		t.Fatal("not one line")
	}
	big := writeFile(t, dir, "huge.txt", b.Bytes())
	other := writeFile(t, dir, "other.txt", []byte("Samsung Electronics Chairman Lee Jae-yong met SK Group Chairman Chey Tae-won on Monday.\n"))

	// The limit falls inside a Hangul syllable at least once.
	for _, limit := range []int{64 << 10, 64<<10 + 1, 64<<10 + 2} {
		start := time.Now()
		code, errs, out := badBuild(t, "", "--max-doc-bytes", strconv.Itoa(limit), big, other)
		if code != exitOK {
			t.Fatalf("exit %d:\n%s", code, errs)
		}
		m := regexp.MustCompile(`(?m)^kg: warning: ` + regexp.QuoteMeta(big) + `: byte (\d+): document larger than --max-doc-bytes=` + strconv.Itoa(limit) + `; the rest is not read$`).FindStringSubmatch(errs)
		if m == nil {
			t.Fatalf("no warning naming the file and the cut:\n%s", errs)
		}
		if n, _ := strconv.Atoi(m[1]); n > limit || n < limit-3 {
			t.Errorf("cut at byte %d, want within 3 bytes below %d", n, limit)
		}
		if len(warnings(errs)) != 1 {
			t.Errorf("want exactly one warning:\n%s", errs)
		}
		g := decodeGraph(t, out)
		if !hasMet(g, "person:chung-shin-a", "person:sam-altman") || !hasMet(g, "person:lee-jae-yong", "person:chey-tae-won") {
			t.Errorf("meetings at the start of the huge document (%v) or in the other one (%v) are missing", hasMet(g, "person:chung-shin-a", "person:sam-altman"), hasMet(g, "person:lee-jae-yong", "person:chey-tae-won"))
		}
		if d := time.Since(start); d > time.Minute {
			t.Errorf("took %s", d)
		}
	}
	for _, bad := range []string{"0", "-1"} {
		if code, errs, _ := badBuild(t, "", "--max-doc-bytes", bad, other); code != exitUsage || !strings.Contains(errs, "--max-doc-bytes") {
			t.Errorf("--max-doc-bytes %s: exit %d, %q; want a usage error", bad, code, errs)
		}
	}
	// Standard input is bounded the same way.
	code, errs, _ := badBuild(t, strings.Repeat("가", 1000), "--max-doc-bytes", "1000", "-")
	if code != exitOK || !strings.Contains(errs, "kg: warning: -: byte 999: document larger than --max-doc-bytes=1000") || strings.Contains(errs, "UTF-8") {
		t.Errorf("stdin over the limit: exit %d, %q", code, errs)
	}
}

// TestBuildHugeName: a "name" of 100,000 characters, in Latin and in
// Hangul, where names are expected. kg does not crash or stall, and the
// rest of the document is still extracted.
func TestBuildHugeName(t *testing.T) {
	dir := t.TempDir()
	long := "A" + strings.Repeat("b", 99_999)
	docs := map[string]string{
		"latin.txt":  "Kakao CEO " + long + " Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\nKakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\n",
		"hangul.txt": "정" + strings.Repeat("가", 99_999) + " 카카오 대표는 4일 서울에서 샘 알트먼 오픈AI CEO를 만났다.\nKakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\n",
		"hyphen.txt": "Kakao CEO Chung " + strings.Repeat("Ab-", 33_333) + "a met OpenAI CEO Sam Altman.\nKakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\n",
		"org.txt":    strings.Repeat("Kakao ", 16_000) + "Group CEO Chung Shin-a met OpenAI CEO Sam Altman.\nKakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\n",
	}
	for name, text := range docs {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			code, errs, out := badBuild(t, "", writeFile(t, dir, name, []byte(text)))
			if code != exitOK || errs != "" {
				t.Fatalf("exit %d, %q", code, errs)
			}
			if !hasMet(decodeGraph(t, out), "person:chung-shin-a", "person:sam-altman") {
				t.Error("the ordinary sentence after the huge name was not extracted")
			}
			if d := time.Since(start); d > time.Minute {
				t.Errorf("took %s", d)
			}
		})
	}
}

// TestBuildEmptyInput: an empty document (a file, or standard input) is
// not an error: the graph holds its Document node alone, with a warning.
func TestBuildEmptyInput(t *testing.T) {
	code, errs, out := badBuild(t, "", "-")
	if code != exitOK || !strings.Contains(errs, "kg: warning: -: empty document") {
		t.Fatalf("empty stdin: exit %d, %q", code, errs)
	}
	g := decodeGraph(t, out)
	if len(g.Nodes) != 1 || g.Nodes[0].ID != "doc:stdin" || g.Nodes[0].Labels[0] != graph.Document || len(g.Relationships) != 0 {
		t.Errorf("empty stdin gave %s", encodeString(t, g))
	}
	code, errs, out = badBuild(t, "", filepath.Join(badDocsDir, "empty.txt"), filepath.Join(badDocsDir, "emoji.txt"))
	if code != exitOK || len(warnings(errs)) != 1 {
		t.Errorf("empty file with another: exit %d, %q", code, errs)
	}
	if g := decodeGraph(t, out); !hasNode(g, "doc:empty") || !hasMet(g, "person:chung-shin-a", "person:sam-altman") {
		t.Error("empty file and another: graph lacks one of them")
	}
}

// TestBuildOutputNeverHalfWritten: a run that fails writes no graph and
// leaves any earlier one as it was, with no temporary files behind.
func TestBuildOutputNeverHalfWritten(t *testing.T) {
	emoji := filepath.Join(badDocsDir, "emoji.txt")
	noTemp := func(t *testing.T, dir string) {
		t.Helper()
		ms, _ := filepath.Glob(filepath.Join(dir, ".*kg-tmp*"))
		if len(ms) > 0 {
			t.Errorf("temporary files left: %v", ms)
		}
	}
	t.Run("encoding fails", func(t *testing.T) {
		dir := t.TempDir()
		out := writeFile(t, dir, "graph.json", []byte("earlier graph"))
		g := &graph.Graph{Nodes: []graph.Node{{ID: "x", Labels: []string{graph.Person}, Properties: map[string]any{"score": math.NaN()}}}}
		var stdout bytes.Buffer
		outs := &outputSet{}
		defer outs.abort()
		if err := writeGraph(context.Background(), &app{stdout: &stdout}, outs, out, func(w io.Writer) error { return graph.Encode(w, g) }); err == nil || !strings.Contains(err.Error(), out) {
			t.Errorf("writeGraph of an unencodable graph = %v, want an error naming %s", err, out)
		}
		if b, _ := os.ReadFile(out); string(b) != "earlier graph" {
			t.Errorf("earlier output changed to %q", b)
		}
		noTemp(t, dir)
	})
	t.Run("output is a folder", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "graph.json")
		writeFile(t, out, "keep", []byte("x"))
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"build", "-q", "--date", "2025-02-04", "--out", out, emoji}, nil, &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), "write "+out) {
			t.Errorf("exit %d, %q; want 2 and an error naming the output", code, stderr.String())
		}
		noTemp(t, dir)
	})
	t.Run("interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "graph.json")
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		code := run(ctx, []string{"build", "-q", "--date", "2025-02-04", "--out", out, emoji, seedDoc}, nil, &stdout, &stderr)
		if code != exitInterrupted || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("exit %d, %q; want %d and interrupted", code, stderr.String(), exitInterrupted)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("an interrupted run wrote the graph")
		}
		noTemp(t, dir)
	})
}

// TestBuildShortDocumentWithBadBytes: a short text with a few bad bytes is
// repaired, not taken for binary.
func TestBuildShortDocumentWithBadBytes(t *testing.T) {
	for _, text := range []string{"Kim\xffLee", "Lee\x00", "a\x00\x01\x02b"} {
		code, errs, out := badBuild(t, text, "-")
		if code != exitOK || len(warnings(errs)) != 1 || !strings.HasPrefix(errs, "kg: warning: -: byte ") {
			t.Errorf("%q: exit %d, %q; want 0 and one warning", text, code, errs)
		}
		decodeGraph(t, out)
	}
}
