package graph

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stdEncode is what kg wrote before the fast writer: json.Encoder with
// SetEscapeHTML(false) and SetIndent("", " ").
func stdEncode(t testing.TB, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func fastEncode(t testing.TB, g *Graph) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var oddStrings = []string{"", "plain", `quote " and \ backslash`, "tab\there\nnewline\r\b\f", "\x00\x01\x1f\x7f",
	"<b>&amp;</b>", "line\u2028sep\u2029para", "bad \xff\xfe utf-8 \xe2\x82", "정신아 카카오CEO", "emoji 🤝", "\ufeffbom", "\u00e9 e\u0301"}

func TestFastWriterMatchesEncodingJSON(t *testing.T) {
	tests := map[string]*Graph{
		"empty":        {},
		"empty slices": {Nodes: []Node{}, Relationships: []Relationship{}},
		"nil labels":   {Nodes: []Node{{ID: "n", Properties: map[string]any{}}}},
		"nil props":    {Nodes: []Node{{ID: "n", Labels: []string{Person}}}, Relationships: []Relationship{{ID: "r", Type: Met}}},
		"value kinds": {Nodes: []Node{{ID: "n", Labels: []string{Person, Organization}, Properties: map[string]any{
			"s": "x", "list": []string{"b", "a"}, "empty": []string{}, "nil list": []string(nil), "i64": int64(-42),
			"int": 7, "yes": true, "no": false, "null": nil}}}},
		"float falls back": {Nodes: []Node{{ID: "n", Labels: []string{Person}, Properties: map[string]any{"f": 1.5e-7, "g": 3.0}}},
			Relationships: []Relationship{{ID: "r", Type: Met, StartNode: "a", EndNode: "b", Properties: map[string]any{"w": 0.25, "s": "x"}}}},
		"odd strings": {Nodes: []Node{{ID: oddStrings[2], Labels: []string{Person}, Properties: map[string]any{"aliases": oddStrings, oddStrings[6]: oddStrings[7]}}},
			Relationships: []Relationship{{ID: oddStrings[3], Type: Met, StartNode: oddStrings[4], EndNode: oddStrings[5], Properties: map[string]any{"evidence": oddStrings}}}},
	}
	for name, g := range tests {
		t.Run(name, func(t *testing.T) {
			got := fastEncode(t, g)
			if g.Nodes == nil {
				g.Nodes = []Node{}
			}
			if g.Relationships == nil {
				g.Relationships = []Relationship{}
			}
			if diff := cmp.Diff(stdEncode(t, g), got); diff != "" {
				t.Errorf("(-encoding/json +fast):\n%s", diff)
			}
		})
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range append(oddStrings, `\u003c <`) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
