package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
)

// The neo4j-admin test imports kg's CSV export with the real
// neo4j-admin (org.neo4j.cli.AdminTool from the dev server's jars) into a
// server of its own: scripts/neo4j-dev with a home under a temporary
// folder and other ports, so the shared server at KG_NEO4J_URI is never
// touched.
const adminPassword = "kgadminpassword"

// adminServer controls the test's own server. It skips the test unless
// KG_NEO4J_ADMIN_TEST=1, and then fails (never skips) when anything is
// missing. KG_NEO4J_ADMIN_BOLT_PORT and KG_NEO4J_ADMIN_HTTP_PORT override
// the ports (7697, 7484). The jars are the main dev server's
// ($KG_NEO4J_HOME/lib, else ~/.cache/kg/neo4j-5.26/lib) when they match
// configs/neo4j/pom.xml, linked into the home; else scripts/neo4j-dev
// resolves them into it with Maven (minutes).
type adminServer struct {
	t      *testing.T
	script string
	home   string
	env    []string
	uri    string
}

func newAdminServer(t *testing.T) *adminServer {
	t.Helper()
	if os.Getenv("KG_NEO4J_ADMIN_TEST") != "1" {
		t.Skip("KG_NEO4J_ADMIN_TEST=1 is not set; this test runs neo4j-admin and a Neo4j of its own with scripts/neo4j-dev")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(root, "scripts", "neo4j-dev")
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("KG_NEO4J_ADMIN_TEST=1 but %v", err)
	}
	home := t.TempDir()
	if lib := devServerLib(t, root); lib != "" {
		if err := os.Symlink(lib, filepath.Join(home, "lib")); err != nil {
			t.Fatal(err)
		}
		t.Logf("jars: %s", lib)
	} else {
		t.Logf("no jars of the dev server match configs/neo4j/pom.xml: scripts/neo4j-dev resolves them with Maven")
	}
	bolt := envOr("KG_NEO4J_ADMIN_BOLT_PORT", "7697")
	http := envOr("KG_NEO4J_ADMIN_HTTP_PORT", "7484")
	s := &adminServer{t: t, script: script, home: home, uri: "bolt://127.0.0.1:" + bolt}
	s.env = append(environWithout("KG_NEO4J_"),
		"KG_NEO4J_HOME="+home, "KG_NEO4J_BOLT_PORT="+bolt, "KG_NEO4J_HTTP_PORT="+http,
		"KG_NEO4J_PASSWORD="+adminPassword)
	return s
}

// devServerLib returns the jar folder of the main dev server if it was
// resolved from the current pom, else "".
func devServerLib(t *testing.T, root string) string {
	pom, err := os.ReadFile(filepath.Join(root, "configs", "neo4j", "pom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pom)
	var homes []string
	if h := os.Getenv("KG_NEO4J_HOME"); h != "" {
		homes = append(homes, h)
	}
	if h, err := os.UserHomeDir(); err == nil {
		homes = append(homes, filepath.Join(h, ".cache", "kg", "neo4j-5.26"))
	}
	for _, h := range homes {
		lib := filepath.Join(h, "lib")
		if b, err := os.ReadFile(filepath.Join(lib, ".pom.sha256")); err == nil && strings.TrimSpace(string(b)) == hex.EncodeToString(sum[:]) {
			return lib
		}
	}
	return ""
}

// ctl runs scripts/neo4j-dev cmd for the test's server.
func (s *adminServer) ctl(cmd string) {
	s.t.Helper()
	devScript(s.t, s.script, s.env, cmd)
}

// kgEnv is the environment of a kg command that talks to the test's
// server.
func (s *adminServer) kgEnv() []string {
	return append(environWithout("KG_NEO4J_"), "KG_NEO4J_URI="+s.uri, "KG_NEO4J_PASSWORD="+adminPassword)
}

// adminKG runs kg with args in dir (where no configs/kg.yaml is) and env.
func adminKG(t *testing.T, bin, dir string, env []string, args ...string) string {
	t.Helper()
	start := time.Now()
	c := exec.Command(bin, args...)
	c.Dir, c.Env = dir, env
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		t.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	t.Logf("kg %s: %s: %s", args[0], time.Since(start).Round(100*time.Millisecond), firstLines(strings.TrimSpace(out.String()), 3))
	return out.String()
}

// adminEdgeGraph holds what a CSV file can get wrong, in nodes and
// relationships of kg's labels and types under ids of their own (names no
// document of the corpus uses, so identity resolution leaves them alone):
// ids with colons, commas, quotes, slashes and Hangul; quotes, line
// breaks (LF, CRLF, CR), tabs, backslashes, padding, a BOM, U+2028, emoji
// and control characters (NUL included) in values; list elements holding
// each of the usual array delimiters (; | ^ ~ ¦), so the writer must fall
// back to a private-use character; empty strings, an empty first element,
// empty lists; every scalar kind, and a property whose values differ in
// kind within one label and one type (the writer splits the files); two
// labels on one node; property keys with a space and in Hangul; a node
// and relationships without properties; a 5 MiB value.
func adminEdgeGraph() *graph.Graph {
	const p = "kgadmin-edge/"
	quoted := p + `person:"zyx", the quoted`
	hangul := p + "person:한글:퀵스"
	spaces := p + "person:padded qwv"
	multi := p + "organization:multi"
	mixed := p + "organization:mixed"
	doc := p + "doc:a/b:c,d"
	meeting := p + "meeting:2025-02-04:x"
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: quoted, Labels: []string{graph.Person}, Properties: map[string]any{
				"name":    `Zyx "the quote" Qwv, Jr.`,
				"aliases": []string{"a;b", "c|d", "e^f", "g~h", "i¦j", `"k"`, "l,m"},
				"rules":   []string{"edge.one"},
			}},
			{ID: hangul, Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "퀵스 잭", "aliases": []string{"퀵스 잭", "Kwikseu Jaek"}, "name_ko": "퀵스 잭",
				"note": "line1\nline2\r\nline3\rline4", "tab": "a\tb", "이름": "Hangul key", "my key": "key with a space",
				"score": "high",
			}},
			{ID: spaces, Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "  padded  ", "aliases": []string{"", " lead", "trail "}, "empty": "",
				"none": []string{}, "blank": []string{""}, "backslash": `ends with \`, "escaped": `\"x\"`, "quote": `"`,
				"emoji": "🎉 👍🏽", "bom": "\ufeffbom", "ls": "a\u2028b", "ctl": "nul\x00soh\x01bs\x08us\x1fend",
				"big": strings.Repeat("긴 값 ", 5<<20/8),
			}},
			{ID: multi, Labels: []string{graph.Organization, graph.Person}, Properties: map[string]any{
				"name": "Multiqwv", "count": int64(5), "score": 0.5, "max": int64(math.MaxInt64), "min": int64(math.MinInt64),
				"tiny": 1e-7, "huge": 1e300, "neg": -0.25, "yes": true, "no": false, "kind": int64(3),
			}},
			{ID: mixed, Labels: []string{graph.Organization}, Properties: map[string]any{
				"name": "Mixedqwv", "kind": "three", "score": int64(2), "code": "007",
			}},
			{ID: doc, Labels: []string{graph.Document}, Properties: map[string]any{"documents": []string{"a/b:c,d"}, "title": "제목: \"따옴표\""}},
			{ID: meeting, Labels: []string{graph.Meeting}, Properties: map[string]any{}},
		},
		Relationships: []graph.Relationship{
			{ID: p + "MET:1", Type: graph.Met, StartNode: quoted, EndNode: hangul, Properties: map[string]any{
				"date":     "2025-02-04",
				"evidence": []string{"He said \"yes\",\nand \"no\".", "퀵스 잭은 \"Zyx\" 대표와 만났다.", "semi;colon|pipe"},
			}},
			{ID: p + "ATTENDED:1", Type: graph.Attended, StartNode: spaces, EndNode: meeting, Properties: map[string]any{"rules": []string{}}},
			{ID: p + "MENTIONS:1", Type: graph.Mentions, StartNode: doc, EndNode: multi, Properties: map[string]any{"count": int64(2)}},
			{ID: p + "MENTIONS:2", Type: graph.Mentions, StartNode: doc, EndNode: mixed, Properties: map[string]any{"count": "two"}},
			{ID: p + "MENTIONS:3", Type: graph.Mentions, StartNode: doc, EndNode: spaces, Properties: map[string]any{}},
		},
	}
	g.Sort()
	return g
}

// adminWithoutEmptyLists drops the list properties that neo4j-admin's CSV
// cannot tell from a missing value: an empty list and a list of one empty
// string (WriteImportCSV's documented limit). kg export --format json
// writes an empty list as null, which graph.Decode drops too.
func adminWithoutEmptyLists(g *graph.Graph) *graph.Graph {
	drop := func(props map[string]any) {
		for k, v := range props {
			if ss, ok := v.([]string); ok && (len(ss) == 0 || len(ss) == 1 && ss[0] == "") {
				delete(props, k)
			}
		}
	}
	for _, n := range g.Nodes {
		drop(n.Properties)
	}
	for _, r := range g.Relationships {
		drop(r.Properties)
	}
	return g
}

// TestNeo4jAdminImport proves the CSV export: the seed and the test corpus
// built to graph JSON, with adminEdgeGraph beside them, are written as
// import files; the command in their README.txt is run as it stands
// (through the shell, in the C locale, with neo4j-admin being the dev
// server's AdminTool) into a fresh database of the test's own server; that
// database, started and read with kg export, must equal the graph JSON and
// a kg load of the same JSON into the same server emptied, node for node,
// label for label, property for property (kinds and lists included) and
// relationship for relationship.
func TestNeo4jAdminImport(t *testing.T) {
	srv := newAdminServer(t)
	t0 := time.Now()
	defer func() { t.Logf("test: %s", time.Since(t0).Round(100*time.Millisecond)) }()
	dir := t.TempDir()
	bin := buildKillKG(t, dir)
	root := filepath.Join("..", "..")
	abs := func(p string) string {
		a, err := filepath.Abs(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	// 1. The graph: seed + corpus, built by kg, and the edge cases.
	built := filepath.Join(dir, "corpus.json")
	adminKG(t, bin, dir, environWithout("KG_NEO4J_"), "build", "-q", "--out", built,
		abs("testdata/docs/altman-seoul-2025-02-04.txt"), abs("testdata/corpus/docs"))
	corpus := readGraph(t, built)
	if len(corpus.Nodes) < 100 || len(corpus.Relationships) < 200 {
		t.Fatalf("the seed and the corpus built to %d nodes, %d relationships; want more", len(corpus.Nodes), len(corpus.Relationships))
	}
	want := graph.Merge(corpus, adminEdgeGraph())
	jsonPath := writeGraphJSON(t, want)
	t.Logf("graph: %d nodes, %d relationships", len(want.Nodes), len(want.Relationships))

	// 2. The import files, and the command their README holds.
	csvDir := filepath.Join(dir, "import")
	files, err := neo4jsink.WriteImportCSV(csvDir, want)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(csvDir, "README.txt"))
	if err != nil {
		t.Fatal(err)
	}
	command := regexp.MustCompile(`(?m)^neo4j-admin database import .*$`).FindString(string(readme))
	if command != files.Command {
		t.Fatalf("README.txt's command\n%s\nis not the command WriteImportCSV returned\n%s", command, files.Command)
	}
	// the edge cases make the writer use its fallbacks: a private-use
	// delimiter, split files, multiline fields
	for _, w := range []string{"--array-delimiter=U+E000", "--nodes=nodes_Person_2.csv", "--relationships=relationships_MENTIONS_2.csv", "--multiline-fields=true"} {
		if !strings.Contains(command, w) {
			t.Errorf("the import command lacks %s: %s", w, command)
		}
	}

	// 3. Run it: neo4j-admin is `scripts/neo4j-dev admin` with the test's
	// home, and the shell reads the line as a user's shell would.
	wrap := filepath.Join(dir, "bin")
	if err := os.MkdirAll(wrap, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wrap, "neo4j-admin"), []byte("#!/bin/sh\nexec "+adminShellQuote(srv.script)+" admin \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.ctl("stop") })
	start := time.Now()
	imp := exec.Command("bash", "-c", command)
	imp.Dir = csvDir
	imp.Env = append(adminEnvWith(srv.env, "PATH", wrap+string(os.PathListSeparator)+os.Getenv("PATH")), "LC_ALL=C")
	out, err := imp.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
	summary := regexp.MustCompile(`(?s)IMPORT DONE.*?\n(Imported:.*?)Peak`).FindSubmatch(out)
	if summary == nil {
		t.Fatalf("neo4j-admin printed no summary:\n%s", out)
	}
	t.Logf("neo4j-admin import: %s: %s", time.Since(start).Round(100*time.Millisecond), strings.Join(strings.Fields(string(summary[1])), " "))
	wantSummary := fmt.Sprintf("%d nodes\n  %d relationships", len(want.Nodes), len(want.Relationships))
	if !strings.Contains(string(summary[1]), wantSummary) {
		t.Errorf("neo4j-admin imported\n%s\nwant %s", summary[1], wantSummary)
	}

	// 4. Start the server on the imported database, create the schema
	// as README.txt says (schema.cypher, here through the driver), and
	// export.
	srv.ctl("start")
	ctx := context.Background()
	w, err := neo4jsink.New(ctx, neo4jsink.Config{URI: srv.uri, Password: adminPassword, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	schema, err := os.ReadFile(filepath.Join(csvDir, "schema.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range strings.Split(string(schema), ";\n") {
		if st = strings.TrimSpace(st); st != "" {
			if _, err := w.Query(ctx, st, nil, true); err != nil {
				t.Fatalf("schema.cypher: %s: %v", st, err)
			}
		}
	}
	export := func(name string) *graph.Graph {
		p := filepath.Join(dir, name)
		adminKG(t, bin, dir, srv.kgEnv(), "export", "--format", "json", "--out", p)
		return readGraph(t, p)
	}
	imported := export("imported.json")

	// 5. The same JSON through kg load, into the same server emptied: the
	// load's bookkeeping (KgSource, KgCorpus) is not part of the graph
	// and export does not read it, and nothing else is in the database.
	if _, err := w.Query(ctx, "MATCH (n) DETACH DELETE n", nil, true); err != nil {
		t.Fatal(err)
	}
	adminKG(t, bin, dir, srv.kgEnv(), "load", "--neo4j-corpus", "admintest", jsonPath)
	loaded := export("loaded.json")

	// 6. Compare. The JSON round trip (Encode, Decode) is kg's own form
	// of a graph; what neo4j-admin cannot express is left out of want.
	opts := cmp.Options{cmpopts.EquateEmpty()}
	wantRT := adminWithoutEmptyLists(readGraph(t, jsonPath))
	if d := cmp.Diff(wantRT, imported, opts); d != "" {
		t.Errorf("neo4j-admin import of the CSV differs from the graph JSON (-want +got):\n%s", adminShortDiff(d))
	}
	if d := cmp.Diff(adminWithoutEmptyLists(loaded), imported, opts); d != "" {
		t.Errorf("neo4j-admin import differs from kg load of the same JSON (-load +import):\n%s", adminShortDiff(d))
	}
	if d := cmp.Diff(wantRT, adminWithoutEmptyLists(loaded), opts); d != "" {
		t.Errorf("kg load differs from the graph JSON it loaded (-want +got):\n%s", adminShortDiff(d))
	}
	// the kinds the edge cases hold, as read back from the import
	for _, n := range imported.Nodes {
		if n.ID == "kgadmin-edge/organization:multi" {
			if _, ok := n.Properties["max"].(int64); !ok {
				t.Errorf("%s max: %T, want int64", n.ID, n.Properties["max"])
			}
			if _, ok := n.Properties["huge"].(float64); !ok {
				t.Errorf("%s huge: %T, want float64", n.ID, n.Properties["huge"])
			}
		}
	}
	for _, r := range imported.Relationships {
		if r.ID == "kgadmin-edge/MENTIONS:1" && r.Properties["count"] != int64(2) {
			t.Errorf("%s count: %#v, want int64(2)", r.ID, r.Properties["count"])
		}
	}
}

// adminEnvWith is env with k set to v.
func adminEnvWith(env []string, k, v string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, k+"=") {
			out = append(out, kv)
		}
	}
	return append(out, k+"="+v)
}

func adminShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// adminShortDiff is the first lines of a diff, each cut short (a value may be
// megabytes long).
func adminShortDiff(d string) string {
	lines := strings.Split(firstLines(d, 80), "\n")
	for i, l := range lines {
		if len(l) > 300 {
			lines[i] = l[:300] + fmt.Sprintf("... (%d bytes)", len(l))
		}
	}
	return strings.Join(lines, "\n")
}
