package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kg-news/kg/eval"
	"github.com/kg-news/kg/graph"
)

const corpusDir = "../../testdata/corpus"

// TestCorpusIdentity builds the cross-document test corpus (JSON Lines,
// front matter, Markdown, a file without metadata) and scores it with
// its gold: the bar is 95% of multi-document entities one node,
// no wrong merge, every multi-report meeting one node, and meetings of
// the same people on different dates kept two.
func TestCorpusIdentity(t *testing.T) {
	graphFile := filepath.Join(t.TempDir(), "corpus.json")
	code, _, errs := runKG(t, "build", "-q", "--out", graphFile, filepath.Join(corpusDir, "docs"))
	if code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	// the one document without a date says so, once
	if n := strings.Count(errs, "cannot be resolved"); n != 1 || !strings.Contains(errs, "haesol-yard-design-review.txt") {
		t.Errorf("want one warning about unresolvable dates, for the undated document; got:\n%s", errs)
	}
	g := readGraph(t, graphFile)
	golds, err := eval.LoadGoldDir(filepath.Join(corpusDir, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	cg, err := eval.LoadCorpusGold(filepath.Join(corpusDir, "corpus.gold.d"))
	if err != nil {
		t.Fatal(err)
	}
	rep := eval.ScoreCorpus(g, golds, cg)
	id := rep.Identity
	var b strings.Builder
	rep.Print(&b, false)
	t.Log(b.String())
	if len(rep.MissingDocs) > 0 {
		t.Errorf("documents missing from the graph: %v", rep.MissingDocs)
	}
	if id.EntityShare < 0.95 {
		t.Errorf("%d of %d multi-document entities are one node (%.3f), want at least 0.95", id.OneNode, id.Entities, id.EntityShare)
	}
	if id.Entities < 40 {
		t.Errorf("only %d multi-document entities measurable", id.Entities)
	}
	if len(id.WrongMerges) > 0 {
		t.Errorf("wrong merges: %v", id.WrongMerges)
	}
	if id.OneMeeting != id.Meetings || id.Meetings < 6 {
		t.Errorf("%d of %d multi-report meetings are one node", id.OneMeeting, id.Meetings)
	}
	if len(id.MergedMeetings) > 0 {
		t.Errorf("meetings that must stay apart are one: %v", id.MergedMeetings)
	}
	// the same people's meetings on two dates, found: two nodes
	if id.DistinctKept < 2 {
		t.Errorf("%d of %d meetings to keep apart shown apart", id.DistinctKept, id.DistinctMeetings)
	}
	// the per-document floors of the corpus (lower than the curated test
	// documents': these were written for identity, not extraction)
	for _, k := range []eval.KindScore{rep.Entities, rep.Roles, rep.Meetings} {
		if k.F1 < 0.65 {
			t.Errorf("%s F1 %.3f on the corpus, below 0.65", k.Kind, k.F1)
		}
	}
	// why-same explains a join across scripts and a guard
	for _, c := range []struct{ a, b, want string }{
		{"권혁준", "Kwon Hyuk-jun", "are one node"},
		{"권혁준", "권혁진", "are not one node"},
		{"Choi Sung-hoon", "최성훈", "is a romanization of 최성훈"},
	} {
		code, out, errs := runKG(t, "why-same", "--graph", graphFile, c.a, c.b)
		if code != exitOK || !strings.Contains(out, c.want) {
			t.Errorf("kg why-same %s %s: exit %d, want %q:\n%s%s", c.a, c.b, code, c.want, out, errs)
		}
	}
	// documents carry their metadata: a JSON Lines record, front matter
	docs := map[string]graph.Node{}
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			docs[n.ID] = n
		}
	}
	for id, want := range map[string]map[string]any{
		"doc:kws-20250611-yunseul-auerbach": {"path": "wire-feed.jsonl:1", "published": "2025-06-11"},
		"doc:https://www.seoulmarketwire.example/news/2025/02/18/neulbom-materials-shirakawa-mou": {
			"path": "seoul-market-wire/2025-02-18-mou.txt", "published": "2025-02-18", "url": "https://www.seoulmarketwire.example/news/2025/02/18/neulbom-materials-shirakawa-mou"},
		"doc:skagerrak-bulletin/haesol-yard-design-review": {"path": "skagerrak-bulletin/haesol-yard-design-review.txt"},
	} {
		n, ok := docs[id]
		if !ok {
			t.Errorf("no Document %s", id)
			continue
		}
		for k, v := range want {
			if n.Properties[k] != v {
				t.Errorf("%s: %s = %v, want %v", id, k, n.Properties[k], v)
			}
		}
		for _, k := range []string{"title", "source"} {
			if _, ok := n.Properties[k]; !ok && id != "doc:skagerrak-bulletin/haesol-yard-design-review" {
				t.Errorf("%s: no %s", id, k)
			}
		}
	}
}

// TestSameFileNameTwoDocuments: a/x.txt and b/x.txt are two documents,
// whether their folder or the files are named.
func TestSameFileNameTwoDocuments(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/x.txt", "b/x.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte("Kim Min-jun, CEO of Acme, met Sam Altman on Tuesday.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{dir}, {filepath.Join(dir, "a/x.txt"), filepath.Join(dir, "b/x.txt")}} {
		out := filepath.Join(t.TempDir(), "g.json")
		if code, _, errs := runKG(t, append([]string{"build", "-q", "--date", "2025-03-05", "--out", out}, args...)...); code != exitOK {
			t.Fatalf("kg build: exit %d: %s", code, errs)
		}
		n := 0
		for _, node := range readGraph(t, out).Nodes {
			if slices.Contains(node.Labels, graph.Document) {
				n++
			}
		}
		if n != 2 {
			t.Errorf("kg build %v: %d Document nodes, want 2", args, n)
		}
	}
}

func readGraph(t *testing.T, path string) *graph.Graph {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := graph.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// splitCorpus copies the corpus documents into dir, one document per file:
// text files as they are, each JSON Lines record into a file of its own,
// so each document can be loaded alone. It returns the files, sorted.
func splitCorpus(t *testing.T, dir string) []string {
	t.Helper()
	src := filepath.Join(corpusDir, "docs")
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".jsonl") {
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<20)
			for i := 1; sc.Scan(); i++ {
				out := filepath.Join(dir, "feed", fmt.Sprintf("record-%02d.jsonl", i))
				os.MkdirAll(filepath.Dir(out), 0o755)
				if err := os.WriteFile(out, append(sc.Bytes(), '\n'), 0o644); err != nil {
					return err
				}
				files = append(files, out)
			}
			return sc.Err()
		}
		out := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(out), 0o755)
		files = append(files, out)
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// TestCorpusOrderIndependenceNeo4j loads the test corpus into the real
// Neo4j one document at a time in three orders, by four processes in
// parallel over shards, and in one kg build --neo4j, and wants each kg
// export byte-identical to the others and to the JSON build. It empties
// the server's kg graph first (the dev server is the tests' own).
func TestCorpusOrderIndependenceNeo4j(t *testing.T) {
	neo4jTest(t)
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	files := splitCorpus(t, docs)
	ref := filepath.Join(dir, "build.json")
	if code, _, errs := runKG(t, "build", "-q", "--id-root", docs, "--out", ref, docs); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	want, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	wipe := wipeNeo4j(t)
	t.Cleanup(wipe)
	check := func(how string) {
		t.Helper()
		out := filepath.Join(dir, strings.ReplaceAll(how, " ", "-")+".json")
		if code, _, errs := runKG(t, "export", "--format", "json", "--out", out); code != exitOK {
			t.Fatalf("%s: kg export: %s", how, errs)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: kg export differs from the JSON build:\n%s", how, firstDifference(string(want), string(got)))
		}
	}
	load := func(f string) {
		t.Helper()
		if code, _, errs := runKG(t, "build", "-q", "--neo4j", "--id-root", docs, "--out", os.DevNull, f); code != exitOK {
			t.Fatalf("kg build --neo4j %s: exit %d: %s", f, code, errs)
		}
	}
	shuffled := slices.Clone(files)
	rand.New(rand.NewPCG(7, 11)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	for _, order := range []struct {
		name  string
		files []string
	}{{"in path order", files}, {"in reverse order", reversed}, {"in a shuffled order", shuffled}} {
		wipe()
		for _, f := range order.files {
			load(f)
		}
		check("one at a time " + order.name)
	}

	// four processes at once, each loading its shard one document at a time
	wipe()
	bin := filepath.Join(dir, "kg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var wg sync.WaitGroup
	errc := make(chan string, len(files))
	for s := 0; s < 4; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			for i := s; i < len(shuffled); i += 4 {
				c := exec.Command(bin, "build", "-q", "--neo4j", "--id-root", docs, "--out", os.DevNull, shuffled[i])
				if out, err := c.CombinedOutput(); err != nil {
					errc <- fmt.Sprintf("%s: %v: %s", shuffled[i], err, out)
				}
			}
		}(s)
	}
	wg.Wait()
	close(errc)
	for e := range errc {
		t.Errorf("parallel load: %s", e)
	}
	check("four processes")

	// everything in one build
	wipe()
	if code, _, errs := runKG(t, "build", "-q", "--neo4j", "--id-root", docs, "--out", os.DevNull, docs); code != exitOK {
		t.Fatalf("kg build --neo4j: exit %d: %s", code, errs)
	}
	check("one build")
	// and again: nothing changes
	code, _, errs := runKG(t, "build", "--neo4j", "--id-root", docs, "--out", os.DevNull, docs)
	if code != exitOK || !strings.Contains(errs, ": 0 nodes created, 0 relationships created, 0 properties set, 0 labels added") {
		t.Errorf("loading the corpus again changed something: exit %d:\n%s", code, errs)
	}
	check("loaded twice")
}

// firstDifference shows the first line two texts differ on, with context.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			lo := max(0, i-3)
			return fmt.Sprintf("line %d:\n- %s\n+ %s\n(context: %s)", i+1, la[i], lb[i], strings.Join(la[lo:i], " | "))
		}
	}
	return fmt.Sprintf("lengths differ: %d and %d lines", len(la), len(lb))
}

// TestJSONLinesAndFrontMatter: a bad record is reported with its file and
// line and skipped, the others are read; the metadata date resolves
// "Tuesday" and 어제.
func TestJSONLinesAndFrontMatter(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.jsonl")
	lines := `{"id": "w1", "text": "Kim Min-jun, CEO of Acme Robotics, met Sam Altman in Seoul on Tuesday.", "date": "2025-03-06", "source": "Wire"}
{"id": "w2", "text": "broken
{"id": "w3", "title": "no text"}
{"id": "w4", "text": "에이크미로보틱스 김민준 대표는 어제 서울에서 샘 알트먼 오픈AI CEO를 만났다.", "date": "2025-03-05T09:00:00+09:00"}
`
	if err := os.WriteFile(feed, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(dir, "note.md")
	if err := os.WriteFile(md, []byte("---\ntitle: A note\nurl: https://example.com/note\ndate: 2025-03-06\n---\n# A note\n\nKim Min-jun, CEO of Acme Robotics, met Sam Altman on Tuesday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "g.json")
	code, _, errs := runKG(t, "build", "-q", "--out", out, dir)
	if code != exitRuntime {
		t.Errorf("exit %d, want %d (two records could not be read)", code, exitRuntime)
	}
	for _, want := range []string{feed + ":2:", feed + `:3: no "text" field; line skipped`, "2 of 5 documents could not be read"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	g := readGraph(t, out)
	var docs, dates []string
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			docs = append(docs, n.ID)
		}
		if slices.Contains(n.Labels, graph.Meeting) {
			d, _ := n.Properties["date"].(string)
			dates = append(dates, d)
		}
	}
	if want := []string{"doc:https://example.com/note", "doc:w1", "doc:w4"}; !slices.Equal(docs, want) {
		t.Errorf("documents %v, want %v", docs, want)
	}
	// three reports of one meeting on Tuesday 4 March: one Meeting
	if !slices.Equal(dates, []string{"2025-03-04"}) {
		t.Errorf("meeting dates %v, want one meeting on 2025-03-04", dates)
	}
}

// TestHeldoutCorpusIdentity scores the held-out corpus (written apart from
// the code, to measure): no wrong merge, and most multi-document entities
// one node. Its floor is lower than the dev corpus's: a miss here is a
// finding, not something to tune the rules to.
func TestHeldoutCorpusIdentity(t *testing.T) {
	dir := "../../testdata/corpus-heldout"
	graphFile := filepath.Join(t.TempDir(), "heldout.json")
	if code, _, errs := runKG(t, "build", "-q", "--out", graphFile, filepath.Join(dir, "docs")); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	golds, err := eval.LoadGoldDir(filepath.Join(dir, "gold"))
	if err != nil {
		t.Fatal(err)
	}
	cg, err := eval.LoadCorpusGold(filepath.Join(dir, "corpus.gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	id := eval.ScoreCorpus(readGraph(t, graphFile), golds, cg).Identity
	t.Logf("held-out: %d of %d entities one node, %d of %d meetings, wrong merges %v", id.OneNode, id.Entities, id.OneMeeting, id.Meetings, id.WrongMerges)
	if len(id.WrongMerges) > 0 {
		t.Errorf("wrong merges: %v", id.WrongMerges)
	}
	if id.EntityShare < 0.85 {
		t.Errorf("%d of %d multi-document entities one node (%.3f), want at least 0.85; split: %v", id.OneNode, id.Entities, id.EntityShare, id.Split)
	}
}
