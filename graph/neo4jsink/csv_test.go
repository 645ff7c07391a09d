package neo4jsink

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
)

// What the real neo4j-admin showed (cmd/kg TestNeo4jAdminImport): a
// delimiter that an element holds splits it, a non-ASCII delimiter given
// as itself is garbled by a JVM in the C locale, and a column of mixed
// kinds imported every value as a string.

func TestImportCSVDelimiterFallback(t *testing.T) {
	tests := []struct {
		aliases  []string
		want     string
		wantFlag string
	}{
		{[]string{"a"}, ";", `--array-delimiter=";"`},
		{[]string{"a;b", "c|d", "e^f"}, "~", `--array-delimiter="~"`},
		{[]string{"a;b", "c|d", "e^f", "g~h"}, "¦", "--array-delimiter=U+00A6"},
		{[]string{"a;b", "c|d", "e^f", "g~h", "i¦j"}, "\uE000", "--array-delimiter=U+E000"},
		{[]string{"a;b", "c|d", "e^f", "g~h", "i¦j", "\uE000\uE001"}, "\uE002", "--array-delimiter=U+E002"},
	}
	for _, tt := range tests {
		g := &graph.Graph{Nodes: []graph.Node{person("person:x", "X", "엑스", tt.aliases...)}}
		dir := t.TempDir()
		files, err := WriteImportCSV(dir, g)
		if err != nil {
			t.Fatal(err)
		}
		if files.ArrayDelimiter != tt.want || !strings.HasSuffix(files.Command, " "+tt.wantFlag) {
			t.Errorf("aliases %q: delimiter %q, command %q; want %q and %s", tt.aliases, files.ArrayDelimiter, files.Command, tt.want, tt.wantFlag)
		}
		b, err := os.ReadFile(filepath.Join(dir, "nodes_Person.csv"))
		if err != nil {
			t.Fatal(err)
		}
		want := `"` + strings.Join(graph.UniqSorted(tt.aliases), tt.want) + `"`
		if !strings.Contains(string(b), want) {
			t.Errorf("aliases %q: nodes_Person.csv lacks %s:\n%s", tt.aliases, want, b)
		}
	}
}

func TestImportCSVSplitsMixedKinds(t *testing.T) {
	a, b, c := person("person:a", "A", ""), person("person:b", "B", ""), person("person:c", "C", "")
	a.Properties["score"] = int64(2)
	b.Properties["score"] = 0.5
	c.Properties["score"] = int64(7)
	c.Properties["note"] = "only c"
	o := org("org:o", "O")
	g := &graph.Graph{
		Nodes: []graph.Node{a, b, c, o},
		Relationships: []graph.Relationship{
			rel(graph.Mentions, "person:a", "org:o", map[string]any{"count": int64(2)}),
			rel(graph.Mentions, "person:b", "org:o", map[string]any{"count": "two"}),
			rel(graph.Mentions, "person:c", "org:o", map[string]any{}),
			rel(graph.HoldsRole, "person:a", "org:o", map[string]any{"title": "CEO"}),
		},
	}
	dir := t.TempDir()
	files, err := WriteImportCSV(dir, g)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, name := range append(append([]string{}, files.Nodes...), files.Relationships...) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got[name] = string(b)
	}
	want := map[string]string{
		// a and c agree (score long), b's score is a double
		"nodes_Person.csv": "id:ID,:LABEL,name,aliases:string[],name_en,name_ko,note,score:long\n" +
			`"person:a","Person","A",,"A","",,"2"` + "\n" +
			`"person:c","Person","C",,"C","","only c","7"` + "\n",
		"nodes_Person_2.csv": "id:ID,:LABEL,name,aliases:string[],name_en,name_ko,score:double\n" +
			`"person:b","Person","B",,"B","","0.5"` + "\n",
		"nodes_Organization.csv": "id:ID,:LABEL,name,aliases:string[]\n" + `"org:o","Organization","O",` + "\n",
		"relationships_HOLDS_ROLE.csv": ":START_ID,:END_ID,:TYPE,id,title\n" +
			`"person:a","org:o","HOLDS_ROLE","holds_role:person:a|org:o","CEO"` + "\n",
		"relationships_MENTIONS.csv": ":START_ID,:END_ID,:TYPE,id,count:long\n" +
			`"person:a","org:o","MENTIONS","mentions:person:a|org:o","2"` + "\n" +
			`"person:c","org:o","MENTIONS","mentions:person:c|org:o",` + "\n",
		"relationships_MENTIONS_2.csv": ":START_ID,:END_ID,:TYPE,id,count\n" +
			`"person:b","org:o","MENTIONS","mentions:person:b|org:o","two"` + "\n",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	wantCmd := "neo4j-admin database import full neo4j --overwrite-destination --nodes=nodes_Person.csv --nodes=nodes_Person_2.csv" +
		" --nodes=nodes_Organization.csv --relationships=relationships_HOLDS_ROLE.csv" +
		` --relationships=relationships_MENTIONS.csv --relationships=relationships_MENTIONS_2.csv --array-delimiter=";"`
	if files.Command != wantCmd {
		t.Errorf("command\n%s\nwant\n%s", files.Command, wantCmd)
	}
	for name := range got {
		if !IsImportFile(name) {
			t.Errorf("IsImportFile(%q) = false", name)
		}
	}
}

func TestSplitByKindsKeepsOneFileWhenKindsAgree(t *testing.T) {
	rows := []map[string]any{
		{"keys": []string{"a", "b"}, "vals": []any{"x", int64(1)}},
		{"keys": []string{"a"}, "vals": []any{"y"}},
		{"keys": []string{"b", "c"}, "vals": []any{int64(2), []string{"z"}}},
		{"keys": []string{}, "vals": []any{}},
	}
	if parts := splitByKinds(rows); len(parts) != 1 || len(parts[0]) != len(rows) {
		t.Errorf("splitByKinds gave %d parts, want 1 of %d rows", len(parts), len(rows))
	}
}
