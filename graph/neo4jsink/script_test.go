package neo4jsink

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// runScript runs a WriteCypher script statement by statement, as
// cypher-shell would, and sums the counters.
func runScript(t testing.TB, w *Writer, script string) Counters {
	t.Helper()
	var total Counters
	for _, stmt := range strings.Split(script, ";\n") {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		res, err := w.Query(context.Background(), stmt, nil, true)
		if err != nil {
			t.Fatalf("script statement %.200q: %v", stmt, err)
		}
		total.Add(res.Counters)
	}
	return total
}

func stripComments(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func TestCypherScriptRoundTrip(t *testing.T) {
	w := newTestWriter(t, testConfig(t))
	prefix := testPrefix(t, w)
	g := graph.Merge(seoulGraph(), tokyoGraph())
	var script strings.Builder
	if err := WriteCypher(&script, prefixed(g, prefix)); err != nil {
		t.Fatal(err)
	}
	first := runScript(t, w, script.String())
	if first.NodesCreated != len(g.Nodes) || first.RelationshipsCreated != len(g.Relationships) {
		t.Errorf("script created %v, want %d nodes and %d relationships", first, len(g.Nodes), len(g.Relationships))
	}
	if d := cmp.Diff(encode(t, g), exported(t, w, prefix)); d != "" {
		t.Errorf("export after script (-want +got):\n%s", d)
	}
	if again := runScript(t, w, script.String()); !again.Zero() {
		t.Errorf("script run twice: %v, want no change", again)
	}
}

func TestScriptStatementsEndAtLineEnds(t *testing.T) {
	g := &graph.Graph{}
	for i, s := range hostile {
		g.Nodes = append(g.Nodes, person("person:"+s+string(rune('a'+i)), s+";", s))
	}
	var script strings.Builder
	if err := WriteCypher(&script, g); err != nil {
		t.Fatal(err)
	}
	stmts := strings.Split(script.String(), ";\n")
	// Header+schema (one statement each), awaitIndexes, one node batch, the
	// empty tail.
	if want := len(schemaStatements()) + 3; len(stmts) != want {
		t.Errorf("script splits into %d pieces, want %d:\n%s", len(stmts), want, script.String())
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `'plain'`},
		{`O'Brien`, `'O\'Brien'`},
		{`say "hi"`, `'say "hi"'`},
		{`a\b`, `'a\\b'`},
		{`\u0041`, `'\\u0041'`},
		{"two\nlines\r\t", `'two\nlines\r\t'`},
		{"bell\a", `'bell\u0007'`},
		{"ls\u2028", `'ls\u2028'`},
		{"`}) DETACH DELETE n //", "'`}) DETACH DELETE n //'"},
		{"정신아", `'정신아'`},
		{"bad\xffutf8", "'bad\uFFFDutf8'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{int64(42), "42"},
		{int64(math.MinInt64), "(-9223372036854775807 - 1)"},
		{3.0, "3.0"},
		{0.25, "0.25"},
		{1e21, "1e+21"},
		{math.Inf(-1), "(-1.0 / 0.0)"},
		{true, "true"},
		{[]string{"a", "b'"}, `['a', 'b\'']`},
		{map[string]any{"v": int64(1), "k": "x"}, `{k: 'x', v: 1}`},
	}
	for _, tt := range tests {
		got, err := literal(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("literal(%#v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	if _, err := literal(map[string]any{"a b": 1}); err == nil {
		t.Error("literal with a non-identifier key: no error")
	}
}

func TestImportCSV(t *testing.T) {
	dir := t.TempDir()
	g := graph.Merge(seoulGraph(), tokyoGraph())
	files, err := WriteImportCSV(dir, g)
	if err != nil {
		t.Fatal(err)
	}
	wantHeaders := map[string]string{
		"nodes_Person.csv":                "id:ID,:LABEL,name,aliases:string[],confidence:double,first_seen:long,name_en,name_ko,verified:boolean",
		"nodes_Organization.csv":          "id:ID,:LABEL,name,aliases:string[]",
		"nodes_Meeting.csv":               "id:ID,:LABEL,name,date,documents:string[],kind,place",
		"nodes_Document.csv":              "id:ID,:LABEL,lang,paywalled:boolean,published,score:double,sentences:long",
		"relationships_HOLDS_ROLE.csv":    ":START_ID,:END_ID,:TYPE,id,documents:string[],evidence:string[],rules:string[],spans:string[],title,titles_original:string[]",
		"relationships_ATTENDED.csv":      ":START_ID,:END_ID,:TYPE,id,documents:string[],evidence:string[],rules:string[],spans:string[]",
		"relationships_MET.csv":           ":START_ID,:END_ID,:TYPE,id,date,documents:string[],evidence:string[],meeting,rules:string[],spans:string[]",
		"relationships_PARTNERS_WITH.csv": ":START_ID,:END_ID,:TYPE,id,documents:string[],evidence:string[],rules:string[],spans:string[]",
		"relationships_MENTIONS.csv":      ":START_ID,:END_ID,:TYPE,id,count:long",
	}
	got := map[string]string{}
	rows := 0
	for _, name := range append(append([]string{}, files.Nodes...), files.Relationships...) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		got[name] = lines[0]
		rows += len(lines) - 1
	}
	if d := cmp.Diff(wantHeaders, got); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if want := len(g.Nodes) + len(g.Relationships); rows != want {
		t.Errorf("%d data rows, want %d", rows, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "nodes_Person.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Sam Altman: both labels, aliases joined with ";", numbers bare of type.
	wantSam := `"person:sam-altman","Person;Organization","Sam Altman","Altman;Sam Altman;a;가;샘알트만;알트민;！;😀","0.5","2024","Sam Altman","새뮤얼 알트만","true"`
	if !strings.Contains(string(b), wantSam+"\n") {
		t.Errorf("nodes_Person.csv lacks\n%s\ngot\n%s", wantSam, b)
	}
	readme, err := os.ReadFile(filepath.Join(dir, "README.txt"))
	if err != nil {
		t.Fatal(err)
	}
	wantCmd := `neo4j-admin database import full neo4j --overwrite-destination --nodes=nodes_Person.csv --nodes=nodes_Organization.csv --nodes=nodes_Meeting.csv --nodes=nodes_Document.csv --relationships=relationships_HOLDS_ROLE.csv --relationships=relationships_ATTENDED.csv --relationships=relationships_MET.csv --relationships=relationships_PARTNERS_WITH.csv --relationships=relationships_MENTIONS.csv --array-delimiter=";"`
	if !strings.Contains(string(readme), wantCmd+"\n") {
		t.Errorf("README.txt lacks the command\n%s\ngot\n%s", wantCmd, readme)
	}
	if _, err := os.Stat(filepath.Join(dir, "schema.cypher")); err != nil {
		t.Error(err)
	}
}

func TestImportCSVDelimiter(t *testing.T) {
	g := &graph.Graph{Nodes: []graph.Node{person("person:x", "X", "X", "a;b", "multi\nline")}}
	files, err := WriteImportCSV(t.TempDir(), g)
	if err != nil {
		t.Fatal(err)
	}
	if files.ArrayDelimiter != "|" || !files.Multiline {
		t.Errorf("delimiter %q, multiline %v; want \"|\" and true", files.ArrayDelimiter, files.Multiline)
	}
	if !strings.Contains(files.Command, `--array-delimiter="|" --multiline-fields=true`) {
		t.Errorf("command %q lacks the delimiter and multiline flags", files.Command)
	}
}
