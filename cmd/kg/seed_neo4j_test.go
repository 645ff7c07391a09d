package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
)

// seedMet is everyone Sam Altman meets in the seed article.
var seedMet = []string{
	"Chey Tae-won", "Cho Hyun-sang", "Choi Sung-hwan", "Chung Shin-a",
	"Huh Yoon-hong", "Kim Chang-han", "Lee Jae-yong", "Masayoshi Son",
}

// TestSeedInNeo4j loads the seed article with `kg build --neo4j`, as the
// README does, and checks that the database then holds exactly the nodes
// and relationships of the graph JSON that kg build writes for it, and that
// `kg who-met` finds the eight people Sam Altman met by his English and by
// his Korean name.
//
// The ids are the seed's own (person:sam-altman, ...), not under a test
// prefix, so that who-met runs on the real names. The server is shared: the
// test notes which of the seed's nodes were there before it and deletes
// only the others when it ends. When some were there already (a developer
// loaded testdata/docs), other documents may have added relationships and
// properties to them, so the test then checks only that every node and
// relationship of the seed is there once and that who-met lists at least
// the eight; on a fresh database (CI) it checks equality.
func TestSeedInNeo4j(t *testing.T) {
	if os.Getenv("KG_NEO4J_URI") == "" {
		t.Skip("KG_NEO4J_URI is not set; run eval \"$(scripts/neo4j-dev env)\" to test against Neo4j")
	}
	ctx := context.Background()
	// a corpus of its own: the seed's identity is resolved alone
	corpusName := "kgtest/cmd/TestSeedInNeo4j/" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Setenv("KG_NEO4J_CORPUS", corpusName)
	seed := filepath.Join("..", "..", "testdata", "docs", "altman-seoul-2025-02-04.txt")
	dir := t.TempDir()

	// The graph JSON, without a server.
	jsonOnly := filepath.Join(dir, "seed.json")
	if code, _, errs := runKG(t, "build", "-q", "--out", jsonOnly, seed); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	want := seedReadGraph(t, jsonOnly)
	ids := make([]any, len(want.Nodes))
	for i, n := range want.Nodes {
		ids[i] = n.ID
	}

	w, err := neo4jsink.New(ctx, neo4jsink.Config{
		URI: os.Getenv("KG_NEO4J_URI"), User: os.Getenv("KG_NEO4J_USER"),
		Password: os.Getenv("KG_NEO4J_PASSWORD"), Database: os.Getenv("KG_NEO4J_DATABASE"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	query := func(cypher string, params map[string]any, write bool) [][]any {
		t.Helper()
		res, err := w.Query(ctx, cypher, params, write)
		if err != nil {
			t.Fatalf("%s: %v", cypher, err)
		}
		return res.Rows
	}
	labels := strings.Join(graph.Labels, "|")
	existing := map[string]bool{}
	for _, row := range query("MATCH (n:"+labels+") WHERE n.id IN $ids RETURN DISTINCT n.id", map[string]any{"ids": ids}, false) {
		existing[row[0].(string)] = true
	}
	var created []any
	for _, id := range ids {
		if !existing[id.(string)] {
			created = append(created, id)
		}
	}
	t.Cleanup(func() {
		if _, err := w.Query(context.Background(), "MATCH (n:"+labels+") WHERE n.id IN $ids DETACH DELETE n",
			map[string]any{"ids": created}, true); err != nil {
			t.Errorf("cleanup: %v", err)
		}
		if _, err := w.Query(context.Background(), "MATCH (n:KgSource|KgCorpus) WHERE n.corpus = $c OR n.id = $c DETACH DELETE n",
			map[string]any{"c": corpusName}, true); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	fresh := len(existing) == 0
	if !fresh {
		t.Logf("%d of the seed's %d nodes were in the database before this test: checking containment, not equality", len(existing), len(ids))
	}

	// Extract and load in one run, as the README shows; the JSON written in
	// the same run is the same graph.
	jsonLoaded := filepath.Join(dir, "seed-loaded.json")
	code, _, errs := runKG(t, "build", "--neo4j", "--out", jsonLoaded, seed)
	if code != exitOK {
		t.Fatalf("kg build --neo4j: exit %d: %s", code, errs)
	}
	if a, b := seedReadFile(t, jsonOnly), seedReadFile(t, jsonLoaded); !bytes.Equal(a, b) {
		t.Errorf("kg build --neo4j wrote another graph than kg build:\n%s", cmp.Diff(string(a), string(b)))
	}
	summary := fmt.Sprintf("loaded %d nodes, %d relationships: ", len(want.Nodes), len(want.Relationships))
	if fresh {
		summary += fmt.Sprintf("%d nodes created, %d relationships created", len(want.Nodes), len(want.Relationships))
	}
	if !strings.Contains(errs, summary) {
		t.Errorf("kg build --neo4j summary lacks %q:\n%s", summary, errs)
	}

	// What the database holds on the seed's ids: nodes with those ids, and
	// relationships between them.
	got := &graph.Graph{}
	for _, row := range query("MATCH (n:"+labels+") WHERE n.id IN $ids RETURN n.id, labels(n), properties(n)", map[string]any{"ids": ids}, false) {
		got.Nodes = append(got.Nodes, graph.Node{ID: row[0].(string), Labels: seedStrings(row[1]), Properties: seedProps(t, row[2])})
	}
	for _, row := range query("MATCH (a:"+labels+")-[r]->(b:"+labels+") WHERE a.id IN $ids AND b.id IN $ids RETURN r.id, type(r), a.id, b.id, properties(r)",
		map[string]any{"ids": ids}, false) {
		id, _ := row[0].(string)
		got.Relationships = append(got.Relationships, graph.Relationship{ID: id, Type: row[1].(string), StartNode: row[2].(string), EndNode: row[3].(string), Properties: seedProps(t, row[4])})
	}
	got.Sort()
	if fresh {
		if d := cmp.Diff(encodeString(t, want), encodeString(t, got)); d != "" {
			t.Errorf("the database differs from the graph JSON (-json +neo4j):\n%s", d)
		}
	} else {
		count := map[string]int{}
		for _, n := range got.Nodes {
			count["node "+n.ID+" "+strings.Join(n.Labels, ":")]++
		}
		for _, r := range got.Relationships {
			count[fmt.Sprintf("relationship %s (%s)-[%s]->(%s)", r.ID, r.StartNode, r.Type, r.EndNode)]++
		}
		for _, n := range want.Nodes {
			if k := "node " + n.ID + " " + strings.Join(n.Labels, ":"); count[k] != 1 {
				t.Errorf("%s: %d in the database, want 1", k, count[k])
			}
		}
		for _, r := range want.Relationships {
			if k := fmt.Sprintf("relationship %s (%s)-[%s]->(%s)", r.ID, r.StartNode, r.Type, r.EndNode); count[k] != 1 {
				t.Errorf("%s: %d in the database, want 1", k, count[k])
			}
		}
	}

	// who-met, by his English name and by his Korean name (one argument, as
	// a shell passes "샘 알트먼").
	for _, name := range []string{"Sam Altman", "샘 알트먼"} {
		code, out, errs := runKG(t, "who-met", name, "--format", "json")
		if code != exitOK {
			t.Errorf("kg who-met %q: exit %d: %s", name, code, errs)
			continue
		}
		var met []neo4jsink.Met
		if err := json.Unmarshal([]byte(out), &met); err != nil {
			t.Fatalf("kg who-met %q --format json: %v\n%s", name, err, out)
		}
		// Other tests' people may share his name (under their own id
		// prefixes): only the seed's Sam Altman counts.
		var names []string
		for _, m := range met {
			if m.Who.ID != "person:sam-altman" {
				continue
			}
			if slices.Contains(seedMet, m.Whom.Name) && m.Whom.ID != graph.Key("person", m.Whom.Name) {
				t.Errorf("kg who-met %q: %s has id %s, want %s", name, m.Whom.Name, m.Whom.ID, graph.Key("person", m.Whom.Name))
			}
			names = append(names, m.Whom.Name)
		}
		if fresh {
			if d := cmp.Diff(seedMet, names); d != "" {
				t.Errorf("kg who-met %q (-want +got):\n%s", name, d)
			}
		} else {
			for _, n := range seedMet {
				if !slices.Contains(names, n) {
					t.Errorf("kg who-met %q lacks %s: %v", name, n, names)
				}
			}
		}
	}
	// The table, as a user sees it, names all eight too.
	code, out, errs := runKG(t, "who-met", "샘 알트먼")
	if code != exitOK {
		t.Fatalf("kg who-met: exit %d: %s", code, errs)
	}
	for _, n := range seedMet {
		if !strings.Contains(out, n) {
			t.Errorf("kg who-met table lacks %s:\n%s", n, out)
		}
	}
}

func seedReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func seedReadGraph(t *testing.T, path string) *graph.Graph {
	t.Helper()
	g, err := graph.Decode(bytes.NewReader(seedReadFile(t, path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// seedProps turns a properties(x) value into graph JSON properties:
// without the id key (kg's MERGE key, the node's or relationship's ID in
// the JSON), lists as []string.
func seedProps(t *testing.T, v any) map[string]any {
	t.Helper()
	m, _ := v.(map[string]any)
	delete(m, "id")
	p, err := graph.NormalizeProps(m)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func seedStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}
