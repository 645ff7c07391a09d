package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is the JSON Schema of the graph JSON.
var schemaPath = filepath.Join("..", "..", "docs", "graph.schema.json")

// schemaID is the schema's $id.
const schemaID = "https://github.com/kg-news/kg/docs/graph.schema.json"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// graphSchema compiles docs/graph.schema.json once.
func graphSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(schemaPath)
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if schemaErr = c.AddResource(schemaID, doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(schemaID)
	})
	if schemaErr != nil {
		t.Fatalf("compile %s: %v", schemaPath, schemaErr)
	}
	return schema
}

// validateGraph checks graph JSON against the schema and returns the
// validation error, nil if it is valid.
func validateGraph(t *testing.T, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return graphSchema(t).Validate(inst)
}

// validateGraphFile fails t unless the file at path is valid graph JSON
// under the schema.
func validateGraphFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := validateGraph(t, data); err != nil {
		t.Errorf("%s does not follow %s:\n%v", path, schemaPath, err)
	}
}

// TestGraphSchemaClosedSets: the schema's labels and types are graph's.
func TestGraphSchemaClosedSets(t *testing.T) {
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			Node struct {
				Properties struct {
					Labels struct {
						Items struct{ Enum []string } `json:"items"`
					} `json:"labels"`
				} `json:"properties"`
			} `json:"node"`
			Relationship struct {
				Properties struct {
					Type struct{ Enum []string } `json:"type"`
				} `json:"properties"`
			} `json:"relationship"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(graph.Labels, s.Defs.Node.Properties.Labels.Items.Enum); d != "" {
		t.Errorf("schema labels differ from graph.Labels (-graph +schema):\n%s", d)
	}
	if d := cmp.Diff(graph.Types, s.Defs.Relationship.Properties.Type.Enum); d != "" {
		t.Errorf("schema relationship types differ from graph.Types (-graph +schema):\n%s", d)
	}
}

// TestGraphSchemaValidatesWhatKgWrites validates against the schema the
// graph JSON kg writes: the build of each test document alone (the
// repository keeps no golden graph files; these are what they would
// hold), of the test documents together (the seed among them), of the
// corpus, the held-out sets and the bad inputs, kg export --from of a
// build, and the hand-made graphs the Neo4j tests load.
func TestGraphSchemaValidatesWhatKgWrites(t *testing.T) {
	dir := t.TempDir()
	docs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "docs", "*.txt"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no test documents: %v", err)
	}
	inputs := append([]string{}, docs...)
	for _, d := range []string{"docs", "corpus/docs", "corpus-heldout", "heldout", "heldout2", "heldout3", "bad/docs"} {
		p := filepath.Join("..", "..", "testdata", filepath.FromSlash(d))
		if _, err := os.Stat(p); err == nil {
			inputs = append(inputs, p)
		}
	}
	var built []string
	for i, in := range inputs {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(in), ".txt")+"-"+string(rune('a'+i%26))+".json")
		code, _, errs := runKG(t, "build", "-q", "--date", "2025-01-01", "--out", out, in)
		if _, err := os.Stat(out); err != nil {
			t.Errorf("kg build %s: exit %d, no graph: %s", in, code, errs)
			continue
		}
		validateGraphFile(t, out)
		built = append(built, out)
	}
	export := filepath.Join(dir, "export.json")
	args := []string{"export", "--format", "json", "--out", export}
	for _, b := range built {
		args = append(args, "--from", b)
	}
	if code, _, errs := runKG(t, args...); code != exitOK {
		t.Fatalf("kg export --from: exit %d: %s", code, errs)
	}
	validateGraphFile(t, export)
	hand := graph.Merge(meetingGraph("kgtest/", "seoul", "Sam Altman", "정신아", "OpenAI", "2025-02-04", "Seoul", "샘 알트만은 정신아 카카오 대표와 만났다."),
		meetingGraph("kgtest/", "tokyo", "Sam Altman", "Masayoshi Son", "OpenAI", "2025-02-03", "Tokyo", "Altman met Son in Tokyo."))
	if err := validateGraph(t, []byte(encodeString(t, hand))); err != nil {
		t.Errorf("the Neo4j tests' meeting graph does not follow the schema:\n%v", err)
	}
}

// TestGraphSchemaRejects: broken graphs fail validation with a message
// that points at the problem.
func TestGraphSchemaRejects(t *testing.T) {
	valid := `{"nodes": [
  {"id": "person:a", "labels": ["Person"], "properties": {"name": "A", "aliases": ["A", "에이"]}},
  {"id": "person:b", "labels": ["Person"], "properties": {"name": "B"}}
 ], "relationships": [
  {"id": "MET:person:a--person:b@m", "type": "MET", "startNode": "person:a", "endNode": "person:b", "properties": {"date": "2025-02-04", "documents": ["d"]}}
 ]}`
	if err := validateGraph(t, []byte(valid)); err != nil {
		t.Fatalf("the valid graph fails: %v", err)
	}
	tests := []struct {
		name, old, new string
		// want are parts of the message: where, and what
		want []string
	}{
		{"unknown relationship type", `"type": "MET"`, `"type": "KNOWS"`, []string{"/relationships/0/type", "must be one of", "MENTIONS"}},
		{"property that is an object", `"name": "B"`, `"name": "B", "address": {"city": "Seoul"}`, []string{"/nodes/1/properties/address"}},
		{"array of numbers", `"name": "B"`, `"name": "B", "scores": [1, 2]`, []string{"/nodes/1/properties/scores"}},
		{"null property", `"name": "B"`, `"name": null`, []string{"/nodes/1/properties/name"}},
		{"known property of the wrong kind", `"aliases": ["A", "에이"]`, `"aliases": "A"`, []string{"/nodes/0/properties/aliases"}},
		{"unknown label", `["Person"], "properties": {"name": "B"}`, `["Human"], "properties": {"name": "B"}`, []string{"/nodes/1/labels/0", "must be one of", "Document"}},
		{"no label", `["Person"], "properties": {"name": "B"}`, `[], "properties": {"name": "B"}`, []string{"/nodes/1/labels"}},
		{"bad date", `"date": "2025-02-04"`, `"date": "Feb 4"`, []string{"/relationships/0/properties/date"}},
		{"unknown node field", `"id": "person:b",`, `"id": "person:b", "weight": 2,`, []string{"/nodes/1", "weight"}},
		{"unknown top-level field", `{"nodes"`, `{"version": 2, "nodes"`, []string{"version"}},
		{"missing relationships", `, "relationships": [
  {"id": "MET:person:a--person:b@m", "type": "MET", "startNode": "person:a", "endNode": "person:b", "properties": {"date": "2025-02-04", "documents": ["d"]}}
 ]`, ``, []string{"relationships"}},
		{"empty id", `"id": "person:b"`, `"id": ""`, []string{"/nodes/1/id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("the valid graph lacks %q", tt.old)
			}
			err := validateGraph(t, []byte(strings.Replace(valid, tt.old, tt.new, 1)))
			if err == nil {
				t.Fatal("valid, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			t.Logf("%v", err)
		})
	}
}
