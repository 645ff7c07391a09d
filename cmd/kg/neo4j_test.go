package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
)

// neo4jTest skips unless KG_NEO4J_URI names a server (scripts/neo4j-dev),
// and returns a prefix for this test's ids; everything under it is deleted
// when the test ends.
func neo4jTest(t *testing.T) string {
	t.Helper()
	if os.Getenv("KG_NEO4J_URI") == "" {
		t.Skip("KG_NEO4J_URI is not set; run eval \"$(scripts/neo4j-dev env)\" to test against Neo4j")
	}
	var b [4]byte
	rand.Read(b[:])
	prefix := "kgtest/cmd/" + t.Name() + "/" + hex.EncodeToString(b[:]) + "/"
	// the test's loads go to a corpus of its own: identity is resolved
	// among its documents only, whatever else the shared server holds
	t.Setenv("KG_NEO4J_CORPUS", prefix)
	t.Cleanup(func() {
		code, _, errs := runKG(t, "query", "--write",
			"MATCH (n:Person|Organization|Meeting|Document) WHERE n.id STARTS WITH $p DETACH DELETE n", "--param", "p="+prefix)
		if code != 0 {
			t.Errorf("cleanup: %s", errs)
		}
		code, _, errs = runKG(t, "query", "--write", "MATCH (n:KgSource|KgCorpus) WHERE n.corpus = $p OR n.id = $p DETACH DELETE n", "--param", "p="+prefix)
		if code != 0 {
			t.Errorf("cleanup: %s", errs)
		}
	})
	return prefix
}

// meetingGraph is one article's worth: two people who met, their
// organizations, the meeting and the document, all ids under prefix.
// Articles that share names share nodes.
func meetingGraph(prefix, doc, a, b, orgA, date, place, evidence string) *graph.Graph {
	id := func(kind, name string) string { return prefix + graph.Key(kind, name) }
	pa, pb, oa, d := id("person", a), id("person", b), id("org", orgA), prefix+"doc:"+doc
	m := prefix + "meeting:" + date + ":" + graph.Slug(place)
	prov := func() map[string]any {
		return map[string]any{"documents": []string{doc}, "evidence": []string{evidence}, "rules": []string{"test"}}
	}
	met := prov()
	met["date"], met["meeting"] = date, m
	role := prov()
	role["title"] = "CEO"
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: pa, Labels: []string{graph.Person}, Properties: map[string]any{"name": a, "aliases": []string{a}, "documents": []string{doc}}},
			{ID: pb, Labels: []string{graph.Person}, Properties: map[string]any{"name": b, "aliases": []string{b}, "documents": []string{doc}}},
			{ID: oa, Labels: []string{graph.Organization}, Properties: map[string]any{"name": orgA, "documents": []string{doc}}},
			{ID: m, Labels: []string{graph.Meeting}, Properties: map[string]any{"date": date, "place": place, "kind": "meeting"}},
			{ID: d, Labels: []string{graph.Document}, Properties: map[string]any{"name": doc}},
		},
		Relationships: []graph.Relationship{
			{ID: "MET:" + pa + "|" + pb, Type: graph.Met, StartNode: pa, EndNode: pb, Properties: met},
			{ID: "ATTENDED:" + pa + "|" + m, Type: graph.Attended, StartNode: pa, EndNode: m, Properties: prov()},
			{ID: "ATTENDED:" + pb + "|" + m, Type: graph.Attended, StartNode: pb, EndNode: m, Properties: prov()},
			{ID: "HOLDS_ROLE:" + pa + "|" + oa, Type: graph.HoldsRole, StartNode: pa, EndNode: oa, Properties: role},
			{ID: "MENTIONS:" + d + "|" + pa, Type: graph.Mentions, StartNode: d, EndNode: pa, Properties: map[string]any{}},
			{ID: "MENTIONS:" + d + "|" + pb, Type: graph.Mentions, StartNode: d, EndNode: pb, Properties: map[string]any{}},
		},
	}
	g.Sort()
	return g
}

func writeGraphJSON(t *testing.T, g *graph.Graph) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "graph.json")
	var buf bytes.Buffer
	if err := graph.Encode(&buf, g); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCmdLoadQueryWhoMetPathExport(t *testing.T) {
	prefix := neo4jTest(t)
	// The server is shared: names carry a token of this run so lookups by
	// name find only this test's nodes.
	tok := prefix[len(prefix)-9 : len(prefix)-1]
	sam, chung, son := "Sam Altman "+tok, "정신아 "+tok, "Masayoshi Son "+tok
	seoul := meetingGraph(prefix, "seoul", sam, chung, "OpenAI", "2025-02-04", "Seoul", "샘 알트만은 정신아 카카오 대표와 만났다.")
	tokyo := meetingGraph(prefix, "tokyo", sam, son, "OpenAI", "2025-02-03", "Tokyo", "Altman met Son in Tokyo.")
	a, b := writeGraphJSON(t, seoul), writeGraphJSON(t, tokyo)

	code, out, errs := runKG(t, "load", a, b)
	if code != exitOK {
		t.Fatalf("kg load: exit %d: %s", code, errs)
	}
	merged := graph.Merge(seoul, tokyo)
	want := fmt.Sprintf("loaded %d nodes, %d relationships: %d nodes created, %d relationships created",
		len(merged.Nodes), len(merged.Relationships), len(merged.Nodes), len(merged.Relationships))
	if !strings.Contains(out, want) {
		t.Errorf("kg load output %q lacks %q", out, want)
	}
	code, out, errs = runKG(t, "load", b, a)
	if code != exitOK || !strings.Contains(out, ": 0 nodes created, 0 relationships created, 0 properties set, 0 labels added") {
		t.Errorf("kg load again: exit %d, %q %s; want nothing changed", code, out, errs)
	}

	code, out, errs = runKG(t, "who-met", strings.ToUpper(sam))
	if code != exitOK {
		t.Fatalf("kg who-met: exit %d: %s", code, errs)
	}
	for _, w := range []string{son, "2025-02-03", "Tokyo", "Altman met Son in Tokyo.", chung, "2025-02-04", "Seoul", "샘 알트만은 정신아 카카오 대표와 만났다."} {
		if !strings.Contains(out, w) {
			t.Errorf("kg who-met output lacks %q:\n%s", w, out)
		}
	}
	// Hangul, and decomposed Hangul (as some systems type it), find her too.
	decomposed := "\u110c\u1165\u11bc\u1109\u1175\u11ab\u110b\u1161 " + tok // 정신아 in jamo
	for _, name := range []string{chung, decomposed} {
		code, out, errs = runKG(t, "who-met", name, "--format", "json")
		if code != exitOK || !strings.Contains(out, `"name": "`+sam+`"`) {
			t.Errorf("kg who-met %q: exit %d, %s%s", name, code, out, errs)
		}
	}
	code, _, errs = runKG(t, "who-met", prefix+"nobody")
	if code != exitRuntime || !strings.Contains(errs, "no person called") {
		t.Errorf("kg who-met nobody: exit %d, %q", code, errs)
	}

	code, out, errs = runKG(t, "path", chung, son)
	if code != exitOK {
		t.Fatalf("kg path: exit %d: %s", code, errs)
	}
	wantPath := fmt.Sprintf("%[2]s (%[1]s)\n  <-[MET {date: 2025-02-04}]- %[4]s (%[3]s)\n  -[MET {date: 2025-02-03}]-> %[6]s (%[5]s)\n",
		prefix+graph.Key("person", chung), chung, prefix+graph.Key("person", sam), sam, prefix+graph.Key("person", son), son)
	if d := cmp.Diff(wantPath, out); d != "" {
		t.Errorf("kg path mismatch (-want +got):\n%s", d)
	}

	code, out, errs = runKG(t, "query", "MATCH (p:Person) WHERE p.id STARTS WITH $p RETURN p.name AS name ORDER BY name", "--param", "p="+prefix, "--format", "csv")
	if want := "name\n" + son + "\n" + sam + "\n" + chung + "\n"; code != exitOK || out != want {
		t.Errorf("kg query csv: exit %d, %q %s", code, out, errs)
	}
	code, _, errs = runKG(t, "query", "CREATE (n:Person {id: $p + 'x'})", "--param", "p="+prefix)
	if code != exitRuntime || !strings.Contains(errs, "read transaction") {
		t.Errorf("kg query that writes, without --write: exit %d, %q", code, errs)
	}

	dir := t.TempDir()
	jsonOut := filepath.Join(dir, "export.json")
	if code, _, errs = runKG(t, "export", "--format", "json", "--out", jsonOut); code != exitOK {
		t.Fatalf("kg export json: exit %d: %s", code, errs)
	}
	f, err := os.Open(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	all, err := graph.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	mine := &graph.Graph{}
	for _, n := range all.Nodes {
		if strings.HasPrefix(n.ID, prefix) {
			mine.Nodes = append(mine.Nodes, n)
		}
	}
	for _, r := range all.Relationships {
		if strings.HasPrefix(r.StartNode, prefix) {
			mine.Relationships = append(mine.Relationships, r)
		}
	}
	if d := cmp.Diff(encodeString(t, merged), encodeString(t, mine)); d != "" {
		t.Errorf("kg export json, this test's part (-want +got):\n%s", d)
	}
	csvDir := filepath.Join(dir, "csv")
	code, out, errs = runKG(t, "export", "--format", "csv", "--out", csvDir)
	if code != exitOK || !strings.Contains(out, "neo4j-admin database import full") {
		t.Fatalf("kg export csv: exit %d, %q %s", code, out, errs)
	}
	// The export holds the whole shared database, so other columns may
	// come and go; these must be there.
	head, err := os.ReadFile(filepath.Join(csvDir, "nodes_Person.csv"))
	header, _, _ := strings.Cut(string(head), "\n")
	if err != nil || !strings.HasPrefix(header, "id:ID,:LABEL,name,") ||
		!strings.Contains(header, ",aliases:string[],") || !strings.Contains(header, ",documents:string[]") {
		t.Errorf("nodes_Person.csv header %q (%v)", header, err)
	}
	if !strings.Contains(string(head), "\n\""+prefix+graph.Key("person", chung)+"\",\"Person\",\""+chung+"\",") {
		t.Errorf("nodes_Person.csv lacks %s", chung)
	}
	code, out, errs = runKG(t, "export", "--format", "cypher")
	if code != exitOK || !strings.Contains(out, "MERGE (n:Person {id: row.id})") || !strings.Contains(out, neo4jsink.Quote(prefix+graph.Key("person", chung))) {
		t.Errorf("kg export cypher: exit %d, %s", code, errs)
	}
}

func TestCmdConnectionErrors(t *testing.T) {
	const secret = "S3cret-never-shown"
	tests := []struct {
		name   string
		server bool // needs the real server
		env    map[string]string
		args   []string
		want   []string
	}{
		{"server down", false, map[string]string{"KG_NEO4J_PASSWORD": secret, "KG_NEO4J_TIMEOUT": "3s"},
			[]string{"--neo4j-uri", "bolt://127.0.0.1:1"}, []string{"bolt://127.0.0.1:1", "unreachable"}},
		{"wrong password", true, map[string]string{"KG_NEO4J_PASSWORD": secret}, nil, []string{"authentication failed for user"}},
		{"unknown database", true, nil, []string{"--neo4j-database", "kgnosuchdb"}, []string{`database "kgnosuchdb" does not exist`}},
	}
	g := writeGraphJSON(t, &graph.Graph{})
	for _, tt := range tests {
		for _, cmd := range [][]string{{"load", g}, {"who-met", "x"}, {"export"}} {
			t.Run(tt.name+"/"+cmd[0], func(t *testing.T) {
				if tt.server && os.Getenv("KG_NEO4J_URI") == "" {
					t.Skip("KG_NEO4J_URI is not set")
				}
				for k, v := range tt.env {
					t.Setenv(k, v)
				}
				start := time.Now()
				code, _, errs := runKG(t, append(append([]string{}, cmd...), tt.args...)...)
				if code != exitRuntime {
					t.Errorf("exit %d, want %d (stderr %q)", code, exitRuntime, errs)
				}
				for _, w := range tt.want {
					if !strings.Contains(errs, w) {
						t.Errorf("stderr %q lacks %q", errs, w)
					}
				}
				if strings.Contains(errs, secret) || (os.Getenv("KG_NEO4J_PASSWORD") != "" && strings.Contains(errs, os.Getenv("KG_NEO4J_PASSWORD"))) {
					t.Errorf("stderr %q shows a password", errs)
				}
				if d := time.Since(start); d > 15*time.Second {
					t.Errorf("took %s to fail", d)
				}
			})
		}
	}
}

// TestCmdTwoLoadProcesses runs two kg load processes at once on graphs that
// share most of their nodes and relationships: no node may be duplicated,
// and the result must be the merge of both.
func TestCmdTwoLoadProcesses(t *testing.T) {
	prefix := neo4jTest(t)
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build kg with")
	}
	bin := filepath.Join(t.TempDir(), "kg")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var gs []*graph.Graph
	var files []string
	for w := range 2 {
		var parts []*graph.Graph
		for i := range 300 {
			// Person i meets person i+1 in both graphs; each graph has its own
			// document and evidence, so properties must merge.
			parts = append(parts, meetingGraph(prefix, fmt.Sprintf("doc-w%d", w),
				fmt.Sprintf("Person %03d", i), fmt.Sprintf("Person %03d", i+1), fmt.Sprintf("Org %02d", i%20),
				"2025-03-01", fmt.Sprintf("Room %d", i), fmt.Sprintf("writer %d: %d met %d", w, i, i+1)))
		}
		g := graph.Merge(parts...)
		gs = append(gs, g)
		files = append(files, writeGraphJSON(t, g))
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "load", "--batch-size", "50", files[i])
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("kg load process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	w, err := neo4jsink.New(context.Background(), neo4jsink.Config{
		URI: os.Getenv("KG_NEO4J_URI"), User: os.Getenv("KG_NEO4J_USER"),
		Password: os.Getenv("KG_NEO4J_PASSWORD"), Database: os.Getenv("KG_NEO4J_DATABASE"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(context.Background())
	res, err := w.Query(context.Background(), `MATCH (n:Person|Organization|Meeting|Document) WHERE n.id STARTS WITH $p
WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(id)`, map[string]any{"p": prefix}, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Rows[0][0].(int64); n != 0 {
		t.Errorf("%d ids have more than one node", n)
	}
	got, err := w.ExportPrefix(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(encodeString(t, graph.Merge(gs...)), encodeString(t, got)); d != "" {
		t.Errorf("after two concurrent loads (-Merge +got):\n%s", d)
	}
}

func encodeString(t *testing.T, g *graph.Graph) string {
	t.Helper()
	var buf bytes.Buffer
	if err := graph.Encode(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
