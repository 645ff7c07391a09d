package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// inputsDir holds the documents of the input format tests: saved web
// pages of five (fictional) outlets beside the plain text of their
// articles, and feeds of articles as CSV, TSV and JSON Lines.
var inputsDir = filepath.Join("..", "..", "testdata", "inputs")

// graphShape is what TestInputHTMLPagesSameGraphAsText compares of two
// graphs: node ids and labels, relationships by type and ends. The
// Document node is "doc" in both, and a meeting is named by its date and
// attendees (its id also depends on its document's).
type graphShape struct {
	Nodes []string
	Rels  []string
}

func shapeOf(t *testing.T, g *graph.Graph) graphShape {
	t.Helper()
	rename := map[string]string{}
	attendees := map[string][]string{}
	for _, r := range g.Relationships {
		if r.Type == graph.Attended {
			attendees[r.EndNode] = append(attendees[r.EndNode], r.StartNode)
		}
	}
	for _, n := range g.Nodes {
		switch {
		case slices.Contains(n.Labels, graph.Document):
			rename[n.ID] = "doc"
		case slices.Contains(n.Labels, graph.Meeting):
			date, _ := n.Properties["date"].(string)
			people := slices.Sorted(slices.Values(attendees[n.ID]))
			rename[n.ID] = "meeting:" + date + ":" + strings.Join(people, "+")
		}
	}
	name := func(id string) string {
		if r, ok := rename[id]; ok {
			return r
		}
		return id
	}
	var s graphShape
	for _, n := range g.Nodes {
		s.Nodes = append(s.Nodes, name(n.ID)+" "+strings.Join(n.Labels, ","))
	}
	for _, r := range g.Relationships {
		s.Rels = append(s.Rels, r.Type+" "+name(r.StartNode)+" -> "+name(r.EndNode))
	}
	slices.Sort(s.Nodes)
	slices.Sort(s.Rels)
	return s
}

// buildGraph runs kg build -q with args into a fresh file and returns the
// graph; the build must succeed.
func buildGraph(t *testing.T, args ...string) (*graph.Graph, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "graph.json")
	code, _, errs := runKG(t, append([]string{"build", "-q", "--out", out}, args...)...)
	if code != exitOK {
		t.Fatalf("kg build %s: exit %d:\n%s", strings.Join(args, " "), code, errs)
	}
	return readGraph(t, out), errs
}

// documentNode is the graph's only Document node.
func documentNode(t *testing.T, g *graph.Graph) graph.Node {
	t.Helper()
	var docs []graph.Node
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			docs = append(docs, n)
		}
	}
	if len(docs) != 1 {
		t.Fatalf("%d Document nodes, want 1", len(docs))
	}
	return docs[0]
}

// notInPages are people that the pages' related-story lists, "most read"
// boxes, inline teasers and comments name meeting others: none is in the
// articles, so none may be in their graphs.
var notInPages = []string{
	"person:lee-jae-yong", "person:jensen-huang", "person:chey-tae-won", "person:satya-nadella",
	"person:chung-euisun", "person:akio-toyoda", "person:koo-kwang-mo", "person:elon-musk", "person:masayoshi-son",
	"person:kim-dong-myung", "person:mary-barra", "person:lee-seok-hee", "person:jim-farley", "person:oliver-zipse",
	"person:kim-hee-cheol", "person:chung-ki-sun", "person:vincent-clerc", "person:choi-soo-yeon",
	"person:kim-sung-hoon", "person:park-sung-hyun", "person:kim-chang-han", "person:sundar-pichai", "person:kwak-noh-jung",
	"person:이재용", "person:젠슨-황", "person:최태원", "person:구광모", "person:정의선", "person:팀-쿡",
}

// TestInputHTMLPagesSameGraphAsText: a web page saved from a browser, with
// its menus, scripts, cookie notice, ads, related stories, comments and
// footer, gives the graph its article's plain text gives (the same
// entities and relationships), and its Document node carries the page's
// metadata. One outlet of each kind: a wire service, a Korean daily in
// EUC-KR, a business magazine, a broadcaster and a tech blog.
func TestInputHTMLPagesSameGraphAsText(t *testing.T) {
	type docMeta struct{ Title, URL, Source, Lang, Published string }
	tests := []struct {
		outlet string
		want   docMeta
	}{
		{"meridian-wire", docMeta{"Haneul Robotics CEO meets Dorsey Logistics chief on U.S. warehouse robots",
			"https://www.meridianwire.example/business/haneul-robotics-dorsey-logistics-robots-2025-09-16/", "Meridian Press", "en", "2025-09-16"}},
		{"hanbit-ilbo", docMeta{"누리반도체·한강모빌리티, 전기 트럭용 전력반도체 함께 만든다",
			"https://news.hanbit-ilbo.example/article/view.html?no=2025091517301234", "한빛일보", "ko-KR", "2025-09-15"}},
		{"northgate-review", docMeta{"Inside the Gothenburg meeting that gave Seorak Energy a European partner",
			"https://northgate-review.example/features/2025/11/seorak-volterra-gothenburg-battery-venture", "Northgate Business Review", "en-GB", "2025-11-04"}},
		{"pbn-news", docMeta{"Busan shipyard wins ammonia ship order after CEOs meet",
			"https://www.pbn.example/news/business/busan-heavy-nordlys-ammonia-ships-1.7734521", "PBN News", "en", "2025-10-10"}},
		{"stackwire", docMeta{"Lumen Labs gets early access to OpenAI speech models after Altman meeting",
			"https://stackwire.example/2025/08/19/lumen-labs-openai-speech-models/", "Stackwire", "en-US", "2025-08-19"}},
	}
	for _, tt := range tests {
		t.Run(tt.outlet, func(t *testing.T) {
			page := filepath.Join(inputsDir, "html", tt.outlet+".html")
			text := filepath.Join(inputsDir, "html", tt.outlet+".txt")
			hg, _ := buildGraph(t, page)
			// the text gets the page's date, so relative dates resolve alike
			tg, _ := buildGraph(t, "--date", tt.want.Published, text)

			doc := documentNode(t, hg)
			prop := func(k string) string { s, _ := doc.Properties[k].(string); return s }
			got := docMeta{prop("title"), prop("url"), prop("source"), prop("lang"), prop("published")}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Document node of %s mismatch (-want +got):\n%s", page, d)
			}
			if doc.ID != "doc:"+tt.want.URL {
				t.Errorf("Document id %q, want the page's URL", doc.ID)
			}

			ts, hs := shapeOf(t, tg), shapeOf(t, hg)
			if d := cmp.Diff(ts, hs); d != "" {
				t.Errorf("graph of %s differs from its text's (-text +html):\n%s", page, d)
			}
			var met, roles int
			for _, r := range tg.Relationships {
				switch r.Type {
				case graph.Met:
					met++
				case graph.HoldsRole:
					roles++
				}
			}
			if met == 0 || roles == 0 {
				t.Errorf("%s: %d MET and %d HOLDS_ROLE relationships; the comparison needs both", text, met, roles)
			}
			for _, id := range notInPages {
				if hasNode(hg, id) {
					t.Errorf("%s: the graph has %s, named only outside the article", page, id)
				}
			}
		})
	}
}

// TestInputFeeds: a CSV file (with a BOM and cells of several lines), a
// TSV file and a JSON Lines file of three articles each give one Document
// per record, with its date.
func TestInputFeeds(t *testing.T) {
	g, _ := buildGraph(t, filepath.Join(inputsDir, "feeds"))
	type doc struct{ ID, Published, Path, Source string }
	var got []doc
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			p, _ := n.Properties["published"].(string)
			path, _ := n.Properties["path"].(string)
			src, _ := n.Properties["source"].(string)
			got = append(got, doc{n.ID, p, path, src})
		}
	}
	want := []doc{
		{"doc:gw-0911-1", "2025-09-11", "global-wire.jsonl:1", "Global Wire"},
		{"doc:gw-0912-2", "2025-09-12", "global-wire.jsonl:2", "Global Wire"},
		{"doc:gw-0913-3", "2025-09-13", "global-wire.jsonl:3", "Global Wire"},
		{"doc:https://hangyeol-daily.example/en/20250709-02", "2025-07-09", "hangyeol-daily.tsv:3", "Hangyeol Daily"},
		{"doc:https://hangyeol-daily.example/en/20250710-03", "2025-07-10", "hangyeol-daily.tsv:4", "Hangyeol Daily"},
		{"doc:https://hangyeol-daily.example/news/20250708-01", "2025-07-08", "hangyeol-daily.tsv:2", "한결일보"},
		{"doc:https://seoulmarketwire.example/2025/06/05/miraebank-ceo", "2025-06-05", "seoul-market-wire.csv:10", "Seoul Market Wire"},
		{"doc:smw-20250603-01", "2025-06-03", "seoul-market-wire.csv:2", "Seoul Market Wire"},
		{"doc:smw-20250604-02", "2025-06-04", "seoul-market-wire.csv:7", "Seoul Market Wire"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Document nodes mismatch (-want +got):\n%s", d)
	}
	// each record's meeting, dated from its own metadata
	for _, pair := range [][2]string{{"person:shin-yu-jin", "person:thomas-brandt"}, {"person:lukas-steiner", "person:ryu-ji-ho"}, {"person:oh-se-hoon", "person:paul-marchetti"}} {
		if !hasMet(g, pair[0], pair[1]) {
			t.Errorf("no MET between %s and %s", pair[0], pair[1])
		}
	}
}

// TestInputCSVColumns: --csv-text names a text column of another name; a
// CSV without one is an error naming the file, its header and the flag.
func TestInputCSVColumns(t *testing.T) {
	dir := t.TempDir()
	feed := writeFile(t, dir, "desk.csv", []byte("key,headline,story,when\n"+
		"d1,Kakao and OpenAI,\"Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul on Tuesday.\",2025-02-04\n"))
	g, _ := buildGraph(t, "--csv-text", "story", "--csv-id", "key", "--csv-date", "when", "--csv-title", "headline", feed)
	doc := documentNode(t, g)
	if doc.ID != "doc:d1" || doc.Properties["published"] != "2025-02-04" || doc.Properties["title"] != "Kakao and OpenAI" || !hasMet(g, "person:chung-shin-a", "person:sam-altman") {
		t.Errorf("with --csv-* flags: %s", encodeString(t, g))
	}
	out := filepath.Join(dir, "g.json")
	code, _, errs := runKG(t, "build", "-q", "--out", out, feed)
	want := `kg: read ` + feed + `: no text column in the header ["key", "headline", "story", "when"]: kg looks for a column named text, body, content, article; name yours with --csv-text COLUMN`
	if code != exitRuntime || !strings.Contains(errs, want) {
		t.Errorf("no text column: exit %d, stderr:\n%s\nwant %d and %q", code, errs, exitRuntime, want)
	}
}

// TestInputFolderSkips: a folder's files of other types, and its files
// that hold no document, are counted in the summary; an unreadable one is
// reported and counted too (and kg exits 1).
func TestInputFolderSkips(t *testing.T) {
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "seed.txt", seed)
	writeFile(t, dir, "report.pdf", []byte("%PDF-1.7"))
	writeFile(t, dir, "notes/minutes.docx", []byte("PK"))
	writeFile(t, dir, "notes/header-only.csv", []byte("id,text\n"))
	writeFile(t, dir, ".DS_Store", []byte{0})
	out := filepath.Join(t.TempDir(), "g.json")
	code, _, errs := runKG(t, "build", "--date", "2025-02-04", "--out", out, dir)
	if want := "kg: skipped 3 files: 2 unsupported type (.docx, .pdf), 1 empty\n"; code != exitOK || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant 0 and %q", code, errs, want)
	}
	if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "gone.txt")); err != nil {
		t.Skip(err)
	}
	code, _, errs = runKG(t, "build", "--date", "2025-02-04", "--out", out, dir)
	for _, want := range []string{"kg: read " + filepath.Join(dir, "gone.txt") + ": ", "kg: skipped 4 files: 2 unsupported type (.docx, .pdf), 1 unreadable, 1 empty\n"} {
		if code != exitRuntime || !strings.Contains(errs, want) {
			t.Errorf("with a broken link: exit %d, stderr:\n%s\nwant %d and %q", code, errs, exitRuntime, want)
		}
	}
	// -q: no summary
	if _, _, errs = runKG(t, "build", "-q", "--date", "2025-02-04", "--out", out, filepath.Join(dir, "seed.txt"), filepath.Join(dir, "notes")); strings.Contains(errs, "skipped") {
		t.Errorf("-q printed %q", errs)
	}
}

// TestInputNoDocuments: a run that finds no document is a usage error
// that says what it found and what kg reads, and writes nothing; so is a
// file named on its own whose type kg does not read.
func TestInputNoDocuments(t *testing.T) {
	reads := "; kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson"
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		writeFile(t, docs, name, []byte("%PDF"))
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"only other types", []string{docs}, "kg: no documents in " + docs + ": 3 files, all skipped (3 .pdf)" + reads},
		{"other types and a feed without records", []string{docs, writeFile(t, dir, "feed.jsonl", []byte("\n\n"))},
			"kg: no documents in " + docs + ", " + filepath.Join(dir, "feed.jsonl") + ": 4 files, all skipped (3 .pdf, 1 empty)" + reads},
		{"an empty folder", []string{empty}, "kg: no documents in " + empty + ": no files" + reads},
		{"a file of a type kg does not read", []string{filepath.Join(docs, "a.pdf")},
			"kg: " + filepath.Join(docs, "a.pdf") + ": unsupported file type .pdf: kg reads .txt .md .markdown .html .htm .csv .tsv .jsonl .ndjson; to read it anyway, name its format with --format txt|md|html|csv|tsv|jsonl"},
		{"a bad --format", []string{"--format", "pdf", "-"}, `kg: --format: unknown format "pdf": want one of txt|md|html|csv|tsv|jsonl`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "g.json")
			code, _, errs := runKG(t, append([]string{"build", "--out", out}, tt.args...)...)
			if code != exitUsage || !strings.Contains(errs, tt.want+"\n") {
				t.Errorf("exit %d, stderr:\n%s\nwant %d and %q", code, errs, exitUsage, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a graph was written")
			}
		})
	}
	// --format reads a file of another extension anyway
	if code, _, errs := runKG(t, "build", "-q", "--format", "txt", "--out", filepath.Join(dir, "g.json"), filepath.Join(docs, "a.pdf")); code != exitOK {
		t.Errorf("--format txt a.pdf: exit %d: %s", code, errs)
	}
}

// TestInputFormatStdin: --format says how standard input is read.
func TestInputFormatStdin(t *testing.T) {
	pageBytes, err := os.ReadFile(filepath.Join(inputsDir, "html", "meridian-wire.html"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format, stdin string
		docs          []string
		met           [2]string
	}{
		{"html", string(pageBytes), []string{"doc:https://www.meridianwire.example/business/haneul-robotics-dorsey-logistics-robots-2025-09-16/"},
			[2]string{"person:maria-delgado", "person:park-ji-hoon"}},
		{"md", "---\nid: note\ndate: 2025-02-04\n---\n# Note\n\n**Kakao** CEO Chung Shin-a met\n[OpenAI](https://openai.example) CEO Sam Altman on Tuesday.\n", []string{"doc:note"},
			[2]string{"person:chung-shin-a", "person:sam-altman"}},
		{"tsv", "id\tdate\ttext\nt1\t2025-02-04\tKakao CEO Chung Shin-a met OpenAI CEO Sam Altman on Tuesday.\n", []string{"doc:t1"},
			[2]string{"person:chung-shin-a", "person:sam-altman"}},
		{"csv", "text\n\"Kakao CEO Chung Shin-a met OpenAI CEO Sam Altman in Seoul.\"\nSecond row.\n", []string{"doc:stdin:2", "doc:stdin:3"},
			[2]string{"person:chung-shin-a", "person:sam-altman"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "g.json")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"build", "-q", "--format", tt.format, "--out", out, "-"}, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			g := readGraph(t, out)
			var docs []string
			for _, n := range g.Nodes {
				if slices.Contains(n.Labels, graph.Document) {
					docs = append(docs, n.ID)
				}
			}
			if d := cmp.Diff(tt.docs, docs); d != "" {
				t.Errorf("documents mismatch (-want +got):\n%s", d)
			}
			if !hasMet(g, tt.met[0], tt.met[1]) {
				t.Errorf("no MET between %s and %s", tt.met[0], tt.met[1])
			}
		})
	}
}
