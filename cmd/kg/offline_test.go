package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// seedGraphFile builds the seed article to graph JSON once per test.
func seedGraphFile(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "seed.json")
	seed := filepath.Join("..", "..", "testdata", "docs", "altman-seoul-2025-02-04.txt")
	if code, _, errs := runKG(t, "build", "-q", "--out", out, seed); code != exitOK {
		t.Fatalf("kg build: exit %d: %s", code, errs)
	}
	return out
}

// deadNeo4j points the Neo4j settings at a listener that counts the
// connections it is offered, and returns the count. A setting that does
// not parse is set too: reading the settings at all would fail.
func deadNeo4j(t *testing.T) *atomic.Int32 {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	clearNeo4jEnv(t)
	t.Setenv("KG_NEO4J_URI", "bolt://"+ln.Addr().String())
	t.Setenv("KG_NEO4J_TIMEOUT", "2s")
	t.Setenv("KG_GRAPH", "")
	return &n
}

// TestOfflineNeedsNoServer: with --from, who-met, path and export answer
// from the file and never connect, whatever the Neo4j settings say.
func TestOfflineNeedsNoServer(t *testing.T) {
	seed := seedGraphFile(t)
	conns := deadNeo4j(t)
	t.Setenv("KG_NEO4J_BATCH_SIZE", "not-a-number")
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"who-met", "Sam Altman"}, "Masayoshi Son"},
		{[]string{"who-met", "샘", "알트먼", "--format", "csv"}, "person,met,id,dates,places,evidence\nSam Altman,Chey Tae-won,"},
		{[]string{"who-met", "Kim Chang-han", "--format", "json"}, `"name": "Sam Altman"`},
		{[]string{"path", "Chung Shin-a", "Lee Jae-yong"}, "Chung Shin-a (person:chung-shin-a)\n  -[MET {date: 2025-02-04, place: Seoul}]-> Sam Altman (person:sam-altman)\n"},
		{[]string{"export", "--format", "cypher"}, "MERGE (n:Person {id: row.id})"},
		{[]string{"export", "--format", "csv", "--out", filepath.Join(dir, "csv")}, "neo4j-admin database import full"},
		{[]string{"export", "--format", "graphml"}, `<node id="person:sam-altman">`},
	} {
		t.Run(strings.Join(tt.args[:min(len(tt.args), 3)], " "), func(t *testing.T) {
			code, out, errs := runKG(t, append(tt.args, "--from", seed)...)
			if code != exitOK || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, stdout lacks %q:\n%s%s", code, tt.want, out, errs)
			}
		})
	}
	// the JSON export of a build is the build
	code, out, errs := runKG(t, "export", "--from", seed)
	if b, _ := os.ReadFile(seed); code != exitOK || out != string(b) {
		t.Errorf("kg export --from seed: exit %d %s; differs from the file:\n%s", code, errs, firstDifference(string(b), out))
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("%d connections to the Neo4j address", n)
	}
	// without --from, the same commands do try the server
	if code, _, _ := runKG(t, "who-met", "Sam Altman"); code == exitOK {
		t.Errorf("who-met without --from and a dead server: exit 0")
	}
}

// TestOfflineGraphSetting: the graph setting (settings file) and KG_GRAPH
// make a file the default; --neo4j asks the server anyway; --from wins.
func TestOfflineGraphSetting(t *testing.T) {
	seed := seedGraphFile(t)
	conns := deadNeo4j(t)
	other := writeGraphJSON(t, meetingGraph("", "d", "Ada Lovelace", "Charles Babbage", "Engine Co", "1843-01-01", "London", "Ada met Charles."))
	dir := t.TempDir()
	cfg := func(body string) string {
		p := filepath.Join(dir, strings.ReplaceAll(body[:min(len(body), 12)], "/", "_")+".yaml")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := cfg("graph: " + seed + "\nneo4j:\n  user: neo4j\n")
	list := cfg("graph:\n  - " + seed + "\n  - " + other + "\n")
	bad := cfg("graph:\n  file: x\n")
	tests := []struct {
		name     string
		env      string
		args     []string
		wantCode int
		want     string
	}{
		{"settings file", "", []string{"who-met", "Sam Altman", "--config", one}, exitOK, "Masayoshi Son"},
		{"settings file, a list merged", "", []string{"path", "Ada Lovelace", "Charles Babbage", "--config", list}, exitOK, "Ada Lovelace (person:ada-lovelace)"},
		{"settings file, a list merged (2)", "", []string{"who-met", "Sam Altman", "--config", list}, exitOK, "Masayoshi Son"},
		{"KG_GRAPH", seed, []string{"who-met", "Sam Altman"}, exitOK, "Masayoshi Son"},
		{"KG_GRAPH over the file", other, []string{"who-met", "Ada Lovelace", "--config", one}, exitOK, "Charles Babbage"},
		{"--from over KG_GRAPH", other, []string{"who-met", "Sam Altman", "--from", seed}, exitOK, "Masayoshi Son"},
		{"export", seed, []string{"export", "--format", "cypher"}, exitOK, "MERGE"},
		{"--neo4j asks the server", seed, []string{"who-met", "Sam Altman", "--neo4j"}, exitRuntime, "unreachable"},
		{"--neo4j and --from", "", []string{"path", "a", "b", "--neo4j", "--from", seed}, exitUsage, "give one"},
		{"a setting that is no file name", "", []string{"who-met", "x", "--config", bad}, exitUsage, "graph from " + bad + ": want a file name or a list of file names"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("KG_GRAPH", tt.env)
			before := conns.Load()
			code, out, errs := runKG(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(out+errs, tt.want) {
				t.Errorf("exit %d (want %d), output lacks %q:\n%s%s", code, tt.wantCode, tt.want, out, errs)
			}
			if tt.wantCode == exitOK && conns.Load() != before {
				t.Errorf("connected to Neo4j")
			}
		})
	}
}

// TestOfflineSeveralFiles: repeated --from files are merged as one graph.
func TestOfflineSeveralFiles(t *testing.T) {
	deadNeo4j(t)
	seoul := meetingGraph("", "seoul", "Sam Altman", "정신아", "OpenAI", "2025-02-04", "Seoul", "샘 알트만은 정신아 카카오 대표와 만났다.")
	tokyo := meetingGraph("", "tokyo", "Sam Altman", "Masayoshi Son", "OpenAI", "2025-02-03", "Tokyo", "Altman met Son in Tokyo.")
	a, b := writeGraphJSON(t, seoul), writeGraphJSON(t, tokyo)
	both := writeGraphJSON(t, graph.Merge(seoul, tokyo))
	for _, args := range [][]string{
		{"who-met", "Sam Altman", "--format", "json"},
		{"path", "정신아", "Masayoshi Son", "--format", "json"},
		{"export"},
	} {
		code, want, errs := runKG(t, append(args, "--from", both)...)
		if code != exitOK {
			t.Fatalf("%v --from merged: exit %d: %s", args, code, errs)
		}
		code, got, errs := runKG(t, append(args, "--from", b, "--from", a)...)
		if code != exitOK {
			t.Fatalf("%v --from b --from a: exit %d: %s", args, code, errs)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%v: two files differ from their merge (-merged +two):\n%s", args, d)
		}
		// and the two named by KG_GRAPH, as PATH lists files
		t.Setenv("KG_GRAPH", a+string(os.PathListSeparator)+b)
		code, got, errs = runKG(t, args...)
		t.Setenv("KG_GRAPH", "")
		if code != exitOK {
			t.Fatalf("%v KG_GRAPH=a:b: exit %d: %s", args, code, errs)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%v: KG_GRAPH=a:b differs from the merge (-merged +two):\n%s", args, d)
		}
	}
	// standard input is one of them
	code, _, errs := runKGStdin(t, encodeString(t, tokyo), "path", "정신아", "Masayoshi Son", "--from", a, "--from", "-")
	if code != exitOK {
		t.Errorf("--from - : exit %d: %s", code, errs)
	}
}

// TestOfflineBadGraphFiles: a --from that is missing, not graph JSON or
// holds a bad node or relationship is a usage error (exit 2) that says
// where: file:line:col: message.
func TestOfflineBadGraphFiles(t *testing.T) {
	deadNeo4j(t)
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const good = `{
 "nodes": [
  {"id": "person:a", "labels": ["Person"], "properties": {"name": "A"}},
  {"id": "person:b", "labels": ["Person"], "properties": {"name": "B"}}
 ],
 "relationships": [
  {"id": "r", "type": "MET", "startNode": "person:a", "endNode": "person:b", "properties": {}}
 ]
}
`
	bad := func(name, old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%s: %q not in the graph", name, old)
		}
		return file(name+".json", strings.Replace(good, old, new, 1))
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing file", filepath.Join(dir, "missing.json"), "read graph: open " + filepath.Join(dir, "missing.json") + ": no such file or directory"},
		{"a folder", dir, "read graph: read " + dir + ": is a directory"},
		{"empty file", file("empty.json", ""), "empty.json:1:1: not graph JSON: the file is empty"},
		{"text", file("notes.txt", "Sam Altman met Chung Shin-a.\n"), "notes.txt:1:1: not graph JSON: invalid character 'S' looking for beginning of value"},
		{"an article's JSON Lines", file("feed.jsonl", `{"id": "a", "text": "Sam met Chung."}`+"\n"), `feed.jsonl:1:2: not graph JSON: unknown field "id" (want nodes and relationships)`},
		{"a JSON array", file("array.json", "\n  [1, 2]\n"), "array.json:2:3: not graph JSON: want an object with nodes and relationships, found an array"},
		{"cut short", file("short.json", good[:120]), "short.json:4:34: not graph JSON: unexpected end of file"},
		{"syntax error", bad("syntax", `"name": "B"}`, `"name": "B",}`), `syntax.json:4:71: not graph JSON: invalid character '}' looking for beginning of object key string`},
		{"unknown label", bad("label", `["Person"], "properties": {"name": "B"}`, `["Human"], "properties": {"name": "B"}`), `label.json:4:33: node "person:b": unknown label "Human" (want one of Person, Organization, Meeting, Document)`},
		{"no label", bad("nolabel", `["Person"], "properties": {"name": "B"}`, `[], "properties": {"name": "B"}`), `nolabel.json:4:32: node "person:b": no label (want one of Person, Organization, Meeting, Document)`},
		{"empty id", bad("noid", `"id": "person:b"`, `"id": ""`), `noid.json:4:10: node 1: empty id`},
		{"property that is an object", bad("object", `"name": "B"}`, `"name": "B", "address": {"city": "Seoul"}}`), `object.json:4:83: node "person:b": property "address" is an object; a property is a string, a number, a boolean or an array of strings`},
		{"array of numbers", bad("numbers", `"name": "A"}`, `"name": "A", "scores": [1, 2]}`), `numbers.json:3:83: node "person:a": property "scores": an array holds a number, want strings only`},
		{"id of the wrong kind", bad("idnumber", `"id": "person:b"`, `"id": 7`), `idnumber.json:4:10: node 1: id is a number, want a string`},
		{"unknown node field", bad("field", `{"id": "person:b",`, `{"id": "person:b", "weight": 2,`), `field.json:4:22: node 1: unknown field "weight" (want id, labels, properties)`},
		{"unknown type", bad("type", `"type": "MET"`, `"type": "KNOWS"`), `type.json:7:23: relationship "r": unknown type "KNOWS" (want one of HOLDS_ROLE, ATTENDED, MET, PARTNERS_WITH, MENTIONS)`},
		{"dangling relationship", bad("dangling", `"endNode": "person:b"`, `"endNode": "person:c"`), `dangling.json:7:66: relationship "r": endNode "person:c" is not a node of the graph`},
	}
	for _, tt := range tests {
		for _, cmd := range [][]string{{"who-met", "A"}, {"path", "A", "B"}, {"export"}} {
			t.Run(tt.name+"/"+cmd[0], func(t *testing.T) {
				code, out, errs := runKG(t, append(cmd, "--from", tt.path)...)
				if code != exitUsage {
					t.Errorf("exit %d, want %d", code, exitUsage)
				}
				want := "kg: " + tt.want + "\n"
				if !strings.HasPrefix(tt.want, "read graph") {
					want = "kg: " + filepath.Join(dir, tt.want) + "\n"
				}
				if errs != want || out != "" {
					t.Errorf("stderr (-want +got):\n%s\nstdout %q", cmp.Diff(want, errs), out)
				}
			})
		}
	}
	// the good graph itself answers
	if code, out, errs := runKG(t, "who-met", "a", "--from", file("good.json", good), "--format", "csv"); code != exitOK || out != "person,met,id,dates,places,evidence\nA,B,person:b,,,\n" {
		t.Errorf("the good graph: exit %d, %q %s", code, out, errs)
	}
}

// runKGStdin is runKG with stdin as standard input.
func runKGStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}
