package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kg-news/kg/graph/unitstore"
)

// The documents of testdata/update: version 1 of an article reports two
// meetings of Park Min-jae, CEO of Orion Motors; version 2 (a
// correction) drops the second meeting and makes him Chairman. Another
// outlet's report states the first meeting too, so the Meeting node has
// two documents' support.
var (
	updateV1     = filepath.Join("..", "..", "testdata", "update", "v1", "orion-veltra.txt")
	updateV2     = filepath.Join("..", "..", "testdata", "update", "v2", "orion-veltra.txt")
	updateReport = filepath.Join("..", "..", "testdata", "update", "veltra-report.txt")
)

// freshBuild is the graph JSON a build of docs alone gives.
func freshBuild(t *testing.T, docs ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "fresh.json")
	if code, _, errs := runKG(t, append([]string{"build", "-q", "--out", out}, docs...)...); code != exitOK {
		t.Fatalf("kg build %v: exit %d: %s", docs, code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameGraph(t *testing.T, what string, want []byte, path string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the graph differs from a fresh build:\n%s", what, firstDifference(string(want), string(got)))
	}
}

// TestUpdateAndForgetGraphFile: a graph file changed a document at a time
// (kg build --update with a corrected article, kg forget of one of two
// reports of a meeting) is byte for byte what a fresh build of the
// remaining documents gives, and doing it again changes nothing.
func TestUpdateAndForgetGraphFile(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "graph.json")
	if code, _, errs := runKG(t, "build", "-q", "--out", g, updateV1, updateReport); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "graph.units.jsonl.gz")); err != nil {
		t.Fatalf("no unit store beside the graph: %v", err)
	}
	v1 := freshBuild(t, updateV1, updateReport)
	sameGraph(t, "the first build", v1, g)

	// the corrected article replaces the first version
	for round := range 2 {
		code, _, errs := runKG(t, "build", "--update", "--out", g, updateV2)
		if code != exitOK || !strings.Contains(errs, "and 1 document kept from the graph file") {
			t.Fatalf("kg build --update (round %d): exit %d: %s", round, code, errs)
		}
		sameGraph(t, fmt.Sprintf("after --update with version 2 (round %d)", round), freshBuild(t, updateV2, updateReport), g)
	}
	if v2 := freshBuild(t, updateV2, updateReport); bytes.Equal(v1, v2) {
		t.Fatal("the two versions give the same graph: the test shows nothing")
	}

	// one of the two reports of the meeting is withdrawn, by id, then
	// again (nothing left to forget)
	for round := range 2 {
		code, out, errs := runKG(t, "forget", "--from", g, "veltra-report")
		if code != exitOK {
			t.Fatalf("kg forget (round %d): exit %d: %s", round, code, errs)
		}
		if round == 1 && !strings.Contains(errs, `holds no document "veltra-report"`) {
			t.Errorf("forgetting again: want a note that nothing was there, got %q %q", out, errs)
		}
		sameGraph(t, fmt.Sprintf("after forget (round %d)", round), freshBuild(t, updateV2), g)
	}
	// by path: the graph empties
	code, _, errs := runKG(t, "forget", "--from", g, "orion-veltra.txt")
	if code != exitOK {
		t.Fatalf("kg forget by path: exit %d: %s", code, errs)
	}
	got := readGraph(t, g)
	if len(got.Nodes)+len(got.Relationships) != 0 {
		t.Errorf("every document forgotten: want an empty graph, got %d nodes, %d relationships", len(got.Nodes), len(got.Relationships))
	}
}

// TestUpdateGraphFileErrors: --update and forget on a graph without a
// unit store, on standard output, on a changed graph file.
func TestUpdateGraphFileErrors(t *testing.T) {
	dir := t.TempDir()
	bare := filepath.Join(dir, "bare.json")
	if code, _, errs := runKG(t, "build", "-q", "--no-units", "--out", bare, updateV1); code != exitOK {
		t.Fatalf("kg build --no-units: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(unitstore.Path(bare)); err == nil {
		t.Error("--no-units wrote a unit store")
	}
	before, _ := os.ReadFile(bare)
	for _, args := range [][]string{
		{"build", "--update", "--out", bare, updateReport},
		{"forget", "--from", bare, "orion-veltra"},
	} {
		code, _, errs := runKG(t, args...)
		if code != exitUsage || !strings.Contains(errs, "has no unit store") {
			t.Errorf("%v: want a usage error about the unit store, got exit %d: %s", args, code, errs)
		}
	}
	if after, _ := os.ReadFile(bare); !bytes.Equal(before, after) {
		t.Error("a refused update changed the graph file")
	}
	if code, _, errs := runKG(t, "build", "--update", "--out", "-", updateReport); code != exitUsage || !strings.Contains(errs, "--update") {
		t.Errorf("--update to standard output: want a usage error, got exit %d: %s", code, errs)
	}
	if code, _, errs := runKG(t, "forget", "--from", "-", "x"); code != exitUsage {
		t.Errorf("forget on standard input: want a usage error, got exit %d: %s", code, errs)
	}

	// --update of a graph file not there yet builds it
	g := filepath.Join(dir, "new", "graph.json")
	if code, _, errs := runKG(t, "build", "-q", "--update", "--out", g, updateReport); code != exitOK {
		t.Fatalf("--update of a new graph file: exit %d: %s", code, errs)
	}
	sameGraph(t, "--update of a new file", freshBuild(t, updateReport), g)

	// a graph file edited by hand is made anew from its units, with a warning
	if err := os.WriteFile(g, []byte(`{"nodes": [], "relationships": []}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runKG(t, "build", "--update", "--out", g, updateV1)
	if code != exitOK || !strings.Contains(errs, "is not the graph its unit store") {
		t.Errorf("a changed graph file: want a warning, got exit %d: %s", code, errs)
	}
	sameGraph(t, "after --update of a changed graph file", freshBuild(t, updateV1, updateReport), g)

	// a damaged store is an error naming it, and nothing changes
	if err := os.WriteFile(unitstore.Path(g), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ = os.ReadFile(g)
	code, _, errs = runKG(t, "forget", "--from", g, "orion-veltra")
	if code == exitOK || !strings.Contains(errs, unitstore.Path(g)) {
		t.Errorf("a damaged unit store: want an error naming it, got exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(g); !bytes.Equal(before, after) {
		t.Error("a failed forget changed the graph file")
	}
}

// TestConcurrentUpdatesGraphFile: processes that update one graph file
// at once, each with its own documents, end with the graph of all of
// them: the folder's lock makes them take turns.
func TestConcurrentUpdatesGraphFile(t *testing.T) {
	dir := t.TempDir()
	bin := kgBinary(t)
	docs := splitCorpus(t, filepath.Join(dir, "docs"))
	if len(docs) > 8 {
		docs = docs[:8]
	}
	g := filepath.Join(dir, "out", "graph.json")
	var wg sync.WaitGroup
	errc := make(chan string, len(docs))
	for _, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := exec.Command(bin, "build", "-q", "--update", "--id-root", filepath.Join(dir, "docs"), "--out", g, d)
			if out, err := c.CombinedOutput(); err != nil {
				errc <- fmt.Sprintf("%s: %v: %s", d, err, out)
			}
		}()
	}
	wg.Wait()
	close(errc)
	for e := range errc {
		t.Error(e)
	}
	args := append([]string{"--id-root", filepath.Join(dir, "docs")}, docs...)
	sameGraph(t, "after concurrent updates", freshBuild(t, args...), g)
}

// TestUpdateAndForgetNeo4j is the same story in the real Neo4j: version
// 1 then version 2 of an article, then the forgetting of one of two
// reports of a meeting, each exported byte for byte as a fresh build of
// the remaining documents; forgetting again and forgetting by URL or
// path work as they do in a graph file. It empties the server's kg graph
// (the dev server is the tests' own).
func TestUpdateAndForgetNeo4j(t *testing.T) {
	neo4jTest(t)
	wipe := wipeNeo4j(t)
	t.Cleanup(wipe)
	wipe()
	dir := t.TempDir()
	check := func(what string, want []byte) {
		t.Helper()
		out := filepath.Join(dir, "export.json")
		if code, _, errs := runKG(t, "export", "--format", "json", "--out", out); code != exitOK {
			t.Fatalf("%s: kg export: %s", what, errs)
		}
		sameGraph(t, what, want, out)
	}
	load := func(docs ...string) {
		t.Helper()
		if code, _, errs := runKG(t, append([]string{"build", "-q", "--neo4j", "--out", os.DevNull}, docs...)...); code != exitOK {
			t.Fatalf("kg build --neo4j %v: exit %d: %s", docs, code, errs)
		}
	}
	load(updateV1, updateReport)
	check("version 1 and the report", freshBuild(t, updateV1, updateReport))
	load(updateV2)
	check("after loading version 2", freshBuild(t, updateV2, updateReport))
	for round := range 2 {
		code, out, errs := runKG(t, "forget", "veltra-report")
		if code != exitOK {
			t.Fatalf("kg forget (round %d): exit %d: %s", round, code, errs)
		}
		if round == 0 && !strings.Contains(out, "forgot 1 unit") {
			t.Errorf("kg forget: %q", out)
		}
		if round == 1 && (!strings.Contains(errs, `holds no document "veltra-report"`) || !strings.Contains(out, "0 nodes created, 0 relationships created, 0 properties set")) {
			t.Errorf("forgetting again changed something or said nothing: %q %q", out, errs)
		}
		check(fmt.Sprintf("after forgetting the report (round %d)", round), freshBuild(t, updateV2))
	}
	// the report again, then both in one order and the other
	load(updateReport)
	check("the report loaded again", freshBuild(t, updateV2, updateReport))
	if code, _, errs := runKG(t, "forget", "orion-veltra.txt"); code != exitOK {
		t.Fatalf("kg forget by path: exit %d: %s", code, errs)
	}
	check("after forgetting the article by path", freshBuild(t, updateReport))

	// a graph file of two documents loaded as one unit cannot lose one
	both := filepath.Join(dir, "both.json")
	if err := os.WriteFile(both, freshBuild(t, updateV2, updateReport), 0o644); err != nil {
		t.Fatal(err)
	}
	wipe()
	if code, _, errs := runKG(t, "load", both); code != exitOK {
		t.Fatalf("kg load: %s", errs)
	}
	code, _, errs := runKG(t, "forget", "veltra-report")
	if code == exitOK || !strings.Contains(errs, "loaded in one graph file with orion-veltra") {
		t.Errorf("forgetting part of a unit: want an error naming the rest, got exit %d: %s", code, errs)
	}
	check("after a refused forget", freshBuild(t, updateV2, updateReport))
	if code, _, errs := runKG(t, "forget", "veltra-report", "orion-veltra"); code != exitOK {
		t.Fatalf("forgetting the whole unit: exit %d: %s", code, errs)
	}
	check("after forgetting the whole unit", []byte("{\n \"nodes\": [],\n \"relationships\": []\n}\n"))

	// a graph file kg build wrote with its unit store is loaded as its
	// documents: one of them can be forgotten, and a later build of one
	// replaces it
	built := filepath.Join(dir, "built", "graph.json")
	if code, _, errs := runKG(t, "build", "-q", "--out", built, updateV1, updateReport); code != exitOK {
		t.Fatalf("kg build: %s", errs)
	}
	wipe()
	code, out, errs := runKG(t, "load", built)
	if code != exitOK || !strings.Contains(out, "2 units (2 new, 0 changed)") {
		t.Fatalf("kg load of a built graph file: want its 2 documents as units: exit %d: %s %s", code, out, errs)
	}
	check("a built graph file loaded", freshBuild(t, updateV1, updateReport))
	load(updateV2)
	check("then version 2 built into Neo4j", freshBuild(t, updateV2, updateReport))
	if code, _, errs := runKG(t, "forget", "veltra-report"); code != exitOK {
		t.Fatalf("kg forget of a loaded document: exit %d: %s", code, errs)
	}
	check("then the report forgotten", freshBuild(t, updateV2))

	// a load and a forget at once, by two processes: either order ends
	// the same
	bin := kgBinary(t)
	for round := range 3 {
		wipe()
		load(updateReport)
		var wg sync.WaitGroup
		outs := make([][]byte, 2)
		errs := make([]error, 2)
		for i, args := range [][]string{{"build", "-q", "--neo4j", "--out", os.DevNull, updateV2}, {"forget", "veltra-report"}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], errs[i] = exec.Command(bin, args...).CombinedOutput()
			}()
		}
		wg.Wait()
		for i := range errs {
			if errs[i] != nil {
				t.Fatalf("round %d: %v: %s", round, errs[i], outs[i])
			}
		}
		check(fmt.Sprintf("a load and a forget at once (round %d)", round), freshBuild(t, updateV2))
	}
}

// wipeNeo4j returns a function that deletes kg's graph and units from
// the test server, in rounds: one transaction for a big leftover graph
// would pass the server's transaction memory limit.
func wipeNeo4j(t *testing.T) func() {
	return func() {
		t.Helper()
		for range 1000 {
			code, out, errs := runKG(t, "query", "--write", "--format", "csv",
				"MATCH (n:Person|Organization|Meeting|Document|KgSource|KgCorpus) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c")
			if code != exitOK {
				t.Fatalf("wipe: %s", errs)
			}
			if strings.TrimSpace(out) == "c\n0" {
				return
			}
		}
		t.Fatal("wipe: the graph does not empty")
	}
}
