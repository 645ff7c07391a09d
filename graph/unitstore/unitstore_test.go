package unitstore

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
)

func docGraph(id, url, path string) *graph.Graph {
	props := map[string]any{"documents": []any{id}, "name": id}
	if url != "" {
		props["url"] = url
	}
	if path != "" {
		props["path"] = path
	}
	return &graph.Graph{Nodes: []graph.Node{
		{ID: graph.DocKey(id), Labels: []string{graph.Document}, Properties: props},
		{ID: "person:" + id, Labels: []string{graph.Person}, Properties: map[string]any{"name": id, "documents": []any{id}}},
	}, Relationships: []graph.Relationship{}}
}

func TestRoundTrip(t *testing.T) {
	var entries []Entry
	for _, id := range []string{"b", "a", "c", "a"} {
		e, err := Encode(graph.DocKey(id), docGraph(id, "https://x/"+id, id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, e)
	}
	var buf bytes.Buffer
	if err := Write(&buf, entries, "abc"); err != nil {
		t.Fatal(err)
	}
	got, sum, err := Read(bytes.NewReader(buf.Bytes()), "s")
	if err != nil {
		t.Fatal(err)
	}
	if sum != "abc" {
		t.Errorf("graph hash %q, want abc", sum)
	}
	var keys []string
	for _, e := range got {
		keys = append(keys, e.Key)
		g, err := e.Graph()
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimPrefix(e.Key, "doc:")
		if diff := cmp.Diff([]Doc{{id, []string{id, id + ".txt", "https://x/" + id}}}, Docs(g)); diff != "" {
			t.Errorf("%s: documents (-want +got):\n%s", e.Key, diff)
		}
	}
	if diff := cmp.Diff([]string{"doc:a", "doc:b", "doc:c"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	// written again from what was read: the same bytes
	var again bytes.Buffer
	if err := Write(&again, got, "abc"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("a store read and written again changed")
	}
}

func TestReadErrors(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"not gzip", []byte("hello"), "s: not a kg unit store"},
		{"empty", gz(""), "s: empty"},
		{"no header", gz(`{"key":"a","graph":{}}` + "\n"), "s:1: not a kg unit store"},
		{"newer", gz(`{"kg_units":2}` + "\n"), "s:1: unit store version 2"},
		{"bad line", gz(`{"kg_units":1}` + "\n{\n"), "s:2: "},
		{"no key", gz(`{"kg_units":1}` + "\n" + `{"graph":{}}` + "\n"), "s:2: a unit without key"},
		{"order", gz(`{"kg_units":1}` + "\n" + `{"key":"b","graph":{}}` + "\n" + `{"key":"a","graph":{}}` + "\n"), `s:3: unit "a" out of order`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(bytes.NewReader(tt.in), "s")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want it to start %q", err, tt.want)
			}
		})
	}
}

func TestForget(t *testing.T) {
	units := map[string][]Doc{
		"doc:a":   {{"a", []string{"a", "a.txt", "https://x/a"}}},
		"doc:b":   {{"b", []string{"b", "b.txt"}}},
		"graph:1": {{"c", []string{"c"}}, {"d", []string{"d", "https://x/d"}}},
	}
	for _, tt := range []struct {
		name      string
		names     []string
		drop, not []string
		err       string
	}{
		{"by id", []string{"a"}, []string{"doc:a"}, nil, ""},
		{"by url and path", []string{"https://x/a", "b.txt"}, []string{"doc:a", "doc:b"}, nil, ""},
		{"nothing there", []string{"zz", "b"}, []string{"doc:b"}, []string{"zz"}, ""},
		{"part of a unit", []string{"a", "https://x/d"}, nil, nil, "d was loaded in one graph file with c; a unit cannot be cut apart: forget it too"},
		{"a whole unit", []string{"c", "https://x/d"}, []string{"graph:1"}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			drop, not, err := Forget(units, tt.names)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.drop, drop); diff != "" {
				t.Errorf("drop (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.not, not); diff != "" {
				t.Errorf("unmatched (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPath(t *testing.T) {
	for in, want := range map[string]string{
		"kg-out/graph.json": "kg-out/graph.units.jsonl.gz",
		"g":                 "g.units.jsonl.gz",
		"/a/b.c.json":       "/a/b.c.units.jsonl.gz",
	} {
		if got := Path(in); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
}
