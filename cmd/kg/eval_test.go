package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
)

const evalTestGold = `
document: {title: "Tiny", languages: [en]}
entities:
  - {name: "Sam Altman", type: PERSON, aliases: ["Altman"]}
  - {name: "Chung Shin-a", type: PERSON}
  - {name: "OpenAI", type: ORGANIZATION}
  - {name: "Kakao", type: ORGANIZATION}
roles:
  - {person: "Sam Altman", title: "CEO", org: "OpenAI"}
meetings:
  - participants: ["Sam Altman", "Chung Shin-a"]
partnerships:
  - orgs: ["OpenAI", "Kakao"]
`

// evalTestGraph matches evalTestGold except that Kakao is missing, so the
// partnership is missed too: entities F1 6/7, partnerships F1 0.
func evalTestGraph(t *testing.T) []byte {
	t.Helper()
	node := func(label, id, name string) graph.Node {
		return graph.Node{ID: id, Labels: []string{label}, Properties: map[string]any{"name": name}}
	}
	g := &graph.Graph{
		Nodes: []graph.Node{
			node(graph.Person, "person:sam-altman", "Altman"),
			node(graph.Person, "person:chung-shin-a", "Chung Shin-a"),
			node(graph.Organization, "org:openai", "OpenAI"),
		},
		Relationships: []graph.Relationship{
			{ID: "r1", Type: graph.HoldsRole, StartNode: "person:sam-altman", EndNode: "org:openai",
				Properties: map[string]any{"title": "CEO", "rules": []string{"role.en"}}},
			{ID: "r2", Type: graph.Met, StartNode: "person:chung-shin-a", EndNode: "person:sam-altman",
				Properties: map[string]any{"meeting": "meeting:1", "rules": []string{"met.en"}}},
		},
	}
	b, err := g.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCmdEval(t *testing.T) {
	dir := t.TempDir()
	goldPath := filepath.Join(dir, "tiny.gold.yaml")
	graphPath := filepath.Join(dir, "graph.json")
	graphJSON := evalTestGraph(t)
	if err := os.WriteFile(goldPath, []byte(evalTestGold), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(graphPath, graphJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout []string
		wantStderr []string
	}{
		{
			name:       "report",
			args:       []string{"eval", "--gold", goldPath, graphPath},
			wantCode:   exitOK,
			wantStdout: []string{"entities      1.000  0.750  0.857  3   0   1", "partnerships  0.000  0.000  0.000  0   0   1", "Kakao <-> OpenAI"},
		},
		{
			name:       "graph from stdin, verbose",
			args:       []string{"eval", "--gold", goldPath, "-v", "-"},
			stdin:      string(graphJSON),
			wantCode:   exitOK,
			wantStdout: []string{"matched:", "assignment:", "Sam Altman    <- person:sam-altman"},
		},
		{
			name:     "floors met",
			args:     []string{"eval", "--gold", goldPath, graphPath, "--min-f1", "entities=0.85,roles=1", "--min-f1", "titles=1"},
			wantCode: exitOK,
		},
		{
			name:       "below floor",
			args:       []string{"eval", "--gold", goldPath, graphPath, "--min-f1", "entities=0.95", "--min-f1", "meetings=1,partnerships=0.5"},
			wantCode:   exitRuntime,
			wantStdout: []string{"KIND"},
			wantStderr: []string{"entities F1 0.857 is below the floor 0.950", "partnerships F1 0.000 is below the floor 0.500"},
		},
		{
			name:       "unknown kind",
			args:       []string{"eval", "--gold", goldPath, graphPath, "--min-f1", "people=0.5"},
			wantCode:   exitUsage,
			wantStderr: []string{`unknown kind "people"`},
		},
		{
			name:       "bad floor syntax",
			args:       []string{"eval", "--gold", goldPath, graphPath, "--min-f1", "entities:0.5"},
			wantCode:   exitUsage,
			wantStderr: []string{"want KIND=VALUE"},
		},
		{
			name:       "floor out of range",
			args:       []string{"eval", "--gold", goldPath, graphPath, "--min-f1", "entities=1.5"},
			wantCode:   exitUsage,
			wantStderr: []string{"from 0 to 1"},
		},
		{
			name:       "unknown flag",
			args:       []string{"eval", "--gold", goldPath, graphPath, "--nope"},
			wantCode:   exitUsage,
			wantStderr: []string{"unknown flag"},
		},
		{
			name:       "missing --gold",
			args:       []string{"eval", graphPath},
			wantCode:   exitUsage,
			wantStderr: []string{"--gold or --gold-dir is required"},
		},
		{
			name:     "missing graph argument",
			args:     []string{"eval", "--gold", goldPath},
			wantCode: exitUsage,
		},
		{
			name:       "unreadable graph",
			args:       []string{"eval", "--gold", goldPath, filepath.Join(dir, "none.json")},
			wantCode:   exitRuntime,
			wantStderr: []string{"none.json"},
		},
		{
			name:       "bad graph on stdin",
			args:       []string{"eval", "--gold", goldPath, "-"},
			stdin:      "{not json",
			wantCode:   exitRuntime,
			wantStderr: []string{"stdin"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if diff := cmp.Diff(tt.wantCode, code); diff != "" {
				t.Errorf("exit code (-want +got):\n%s\nstderr: %s", diff, stderr.String())
			}
			for _, s := range tt.wantStdout {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.wantStderr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
		})
	}
}

func TestCmdEvalJSON(t *testing.T) {
	dir := t.TempDir()
	goldPath := filepath.Join(dir, "tiny.gold.yaml")
	if err := os.WriteFile(goldPath, []byte(evalTestGold), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"eval", "--json", "--gold", goldPath, "-"}, bytes.NewReader(evalTestGraph(t)), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit code %d, stderr: %s", code, stderr.String())
	}
	var got struct {
		Entities struct {
			TP, FP, FN int
			Misses     []string `json:"misses"`
		} `json:"entities"`
		Titles struct {
			Accuracy float64 `json:"accuracy"`
		} `json:"titles"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	want := got
	want.Entities.TP, want.Entities.FP, want.Entities.FN = 3, 0, 1
	want.Entities.Misses = []string{"Kakao"}
	want.Titles.Accuracy = 1
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSON report (-want +got):\n%s", diff)
	}
}
