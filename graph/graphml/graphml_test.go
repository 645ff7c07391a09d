package graphml_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphml"
)

var update = flag.Bool("update", false, "rewrite testdata/small.graphml")

// smallGraph has every label and type, every kind of value, a node with
// two labels, a property of mixed kinds and properties named like the
// attributes Write adds.
func smallGraph() *graph.Graph {
	prov := func(ev ...string) map[string]any {
		return map[string]any{"documents": []string{"seoul"}, "evidence": ev, "rules": []string{"test.rule"}}
	}
	met := prov("샘 알트만은 정신아 카카오 대표와 만났다.", `Altman met Chung: "AI & messaging".`)
	met["date"], met["meeting"] = "2025-02-04", "meeting:2025-02-04:abc"
	role := prov("Kakao CEO Chung Shin-a")
	role["title"], role["titles_original"] = "CEO", []string{"CEO", "대표"}
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "person:sam-altman", Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "Sam Altman", "name_ko": "샘 알트먼", "aliases": []string{"Altman", "Sam Altman", "샘 알트먼"},
				"score": 0.5, "rank": int64(1), "verified": true, "mixed": int64(3),
			}},
			{ID: "person:chung-shin-a", Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "Chung Shin-a", "aliases": []string{"Chung Shin-a", "정신아"}, "score": int64(2), "mixed": "three",
				"label": "a property called label", "labels": []string{"a property called labels"},
			}},
			{ID: "organization:kakao", Labels: []string{graph.Organization, graph.Person}, Properties: map[string]any{
				"name": "Kakao", "aliases": []string{"Kakao", "카카오"}, "verified": false,
			}},
			{ID: "meeting:2025-02-04:abc", Labels: []string{graph.Meeting}, Properties: map[string]any{
				"date": "2025-02-04", "place": "Seoul", "participants": []string{"person:chung-shin-a", "person:sam-altman"},
			}},
			{ID: "doc:seoul", Labels: []string{graph.Document}, Properties: map[string]any{}},
		},
		Relationships: []graph.Relationship{
			{ID: "MET:person:chung-shin-a--person:sam-altman@meeting:2025-02-04:abc", Type: graph.Met,
				StartNode: "person:chung-shin-a", EndNode: "person:sam-altman", Properties: met},
			{ID: "HOLDS_ROLE:person:chung-shin-a->organization:kakao", Type: graph.HoldsRole,
				StartNode: "person:chung-shin-a", EndNode: "organization:kakao", Properties: role},
			{ID: "ATTENDED:person:sam-altman->meeting:2025-02-04:abc", Type: graph.Attended,
				StartNode: "person:sam-altman", EndNode: "meeting:2025-02-04:abc", Properties: map[string]any{"type": "a property called type"}},
			{ID: "MENTIONS:doc:seoul->person:sam-altman", Type: graph.Mentions,
				StartNode: "doc:seoul", EndNode: "person:sam-altman", Properties: map[string]any{"count": int64(4)}},
			{ID: "MENTIONS:doc:seoul->organization:kakao", Type: graph.Mentions,
				StartNode: "doc:seoul", EndNode: "organization:kakao", Properties: map[string]any{"count": int64(1)}},
		},
	}
	g.Sort()
	return g
}

func write(t *testing.T, g *graph.Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := graphml.Write(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	got := write(t, smallGraph())
	path := filepath.Join("testdata", "small.graphml")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./graph/graphml -run Golden -update writes it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("GraphML differs from %s (-want +got; -update rewrites it):\n%s", path, d)
	}
}

// TestDeterministic: the same graph in any order, with its maps iterated
// in any order, gives the same bytes.
func TestDeterministic(t *testing.T) {
	want := write(t, smallGraph())
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		g := smallGraph()
		r.Shuffle(len(g.Nodes), func(i, j int) { g.Nodes[i], g.Nodes[j] = g.Nodes[j], g.Nodes[i] })
		r.Shuffle(len(g.Relationships), func(i, j int) {
			g.Relationships[i], g.Relationships[j] = g.Relationships[j], g.Relationships[i]
		})
		for i := range g.Nodes {
			r.Shuffle(len(g.Nodes[i].Labels), func(a, b int) {
				g.Nodes[i].Labels[a], g.Nodes[i].Labels[b] = g.Nodes[i].Labels[b], g.Nodes[i].Labels[a]
			})
		}
		if got := write(t, g); !bytes.Equal(got, want) {
			t.Fatalf("a shuffled graph gave other bytes:\n%s", cmp.Diff(string(want), string(got)))
		}
	}
}

// escapeGraph holds what XML must escape, and what it cannot hold at all.
func escapeGraph() *graph.Graph {
	nasty := "a<b>&c \"d\" 'e' \ttab\nLF\r\nCRLF\rCR ]]> 한글 🎉"
	return &graph.Graph{
		Nodes: []graph.Node{
			{ID: `person:a<b>&"c"` + "\t\n", Labels: []string{graph.Person}, Properties: map[string]any{
				"name":        nasty,
				"aliases":     []string{nasty, "", "semi; colon", `["json"]`, "ctl\x00\x01\x08\x0b\x0c\x1f."},
				"control":     "nul\x00soh\x01bs\x08vt\x0bff\x0cus\x1fend",
				"nonchars":    "\ufffe\uffff.",
				"badutf8":     "a\xffb\xc3",
				"key <\"&'>":  "a key that needs escaping",
				"  padded  ":  "  padded value  ",
				"whitespace":  " \t\n ",
				"surrogate":   "😀 \U0010FFFF",
				"privateuse":  "\ue000",
				"replacement": "\ufffd",
			}},
			{ID: "person:b", Labels: []string{graph.Person}, Properties: map[string]any{"name": "B"}},
		},
		Relationships: []graph.Relationship{
			{ID: "MET:&<>\"'\r", Type: graph.Met, StartNode: `person:a<b>&"c"` + "\t\n", EndNode: "person:b", Properties: map[string]any{
				"evidence": []string{nasty}, "date": nasty,
			}},
		},
	}
}

// invalidXML replaces what XML 1.0 cannot hold as Write does.
func invalidXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return '\uFFFD'
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func TestEscaping(t *testing.T) {
	g := escapeGraph()
	g.Sort()
	out := write(t, g)
	// well-formed: encoding/xml refuses illegal characters and bad escapes
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the GraphML is not well-formed: %v\n%s", err, out)
		}
	}
	for _, bad := range []string{"\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff", "\xff"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("the GraphML holds %q", bad)
		}
	}
	got, err := parse(out)
	if err != nil {
		t.Fatal(err)
	}
	// Strings come back with what XML cannot hold as U+FFFD, lists (JSON
	// text) exactly, CR and tabs and line breaks in ids and values too.
	want := escapeGraph()
	for k, v := range want.Nodes[0].Properties {
		if s, ok := v.(string); ok {
			want.Nodes[0].Properties[k] = invalidXML(s)
		}
	}
	want.Sort()
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("read back (-want +got):\n%s", d)
	}
}

func TestBadIDs(t *testing.T) {
	for _, g := range []*graph.Graph{
		{Nodes: []graph.Node{{ID: "person:\x00", Labels: []string{graph.Person}}}},
		{Nodes: []graph.Node{{ID: "person:\xff", Labels: []string{graph.Person}}}},
		{Nodes: []graph.Node{{ID: "a", Labels: []string{graph.Person}}, {ID: "b", Labels: []string{graph.Person}}},
			Relationships: []graph.Relationship{{ID: "MET:\x1f", Type: graph.Met, StartNode: "a", EndNode: "b"}}},
	} {
		var b bytes.Buffer
		if err := graphml.Write(&b, g); err == nil || !strings.Contains(err.Error(), "graphml:") {
			t.Errorf("Write of a graph with an id XML cannot carry: %v, want an error", err)
		}
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	big := smallGraph()
	for i := range 5000 {
		big.Nodes = append(big.Nodes, graph.Node{ID: fmt.Sprintf("person:p%05d", i), Labels: []string{graph.Person},
			Properties: map[string]any{"name": fmt.Sprintf("P %d", i)}})
	}
	if err := graphml.Write(&failWriter{n: 100 << 10}, big); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write to a failing writer: %v, want disk full", err)
	}
}

// TestRoundTrip parses the GraphML back with encoding/xml and rebuilds
// the graph from the key declarations: the same graph, but for a property
// whose values differ in kind (3 and "three"), which a key of one type
// holds as strings.
func TestRoundTrip(t *testing.T) {
	got, err := parse(write(t, smallGraph()))
	if err != nil {
		t.Fatal(err)
	}
	want := smallGraph()
	for _, n := range want.Nodes {
		if v, ok := n.Properties["mixed"]; ok {
			n.Properties["mixed"] = fmt.Sprint(v)
		}
	}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

// The GraphML document, as encoding/xml reads it.
type xmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
		Desc string `xml:"desc"`
	} `xml:"key"`
	Graph struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []xmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []xmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type xmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// parse reads GraphML that Write wrote back into a graph, the way a
// reader following the key declarations would.
func parse(b []byte) (*graph.Graph, error) {
	var doc xmlDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if doc.Graph.EdgeDefault != "directed" {
		return nil, fmt.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	type keyInfo struct{ name, typ, desc, domain string }
	keys := map[string]keyInfo{}
	for _, k := range doc.Keys {
		if _, dup := keys[k.ID]; dup {
			return nil, fmt.Errorf("key id %s twice", k.ID)
		}
		keys[k.ID] = keyInfo{k.Name, k.Type, k.Desc, k.For}
	}
	props := func(domain string, data []xmlData, special func(name, v string) bool) (map[string]any, error) {
		out := map[string]any{}
		for _, d := range data {
			k, ok := keys[d.Key]
			if !ok || k.domain != domain {
				return nil, fmt.Errorf("data for unknown %s key %s", domain, d.Key)
			}
			if special(k.name, d.Value) {
				continue
			}
			name := strings.TrimPrefix(k.name, "property.")
			var v any
			var err error
			switch {
			case k.desc == graphml.ListDesc && strings.HasPrefix(d.Value, "["):
				var ss []string
				err = json.Unmarshal([]byte(d.Value), &ss)
				v = ss
			case k.typ == "long":
				v, err = strconv.ParseInt(d.Value, 10, 64)
			case k.typ == "double":
				v, err = strconv.ParseFloat(d.Value, 64)
				if f := v.(float64); err == nil && f == float64(int64(f)) && !strings.ContainsAny(d.Value, ".eE") {
					v = int64(f) // a long in a double key
				}
			case k.typ == "boolean":
				v, err = strconv.ParseBool(d.Value)
			case k.typ == "string":
				v = d.Value
			default:
				err = fmt.Errorf("attr.type %q", k.typ)
			}
			if err != nil {
				return nil, fmt.Errorf("key %s: %w", k.name, err)
			}
			if _, dup := out[name]; dup {
				return nil, fmt.Errorf("property %s twice", name)
			}
			out[name] = v
		}
		return out, nil
	}
	g := &graph.Graph{}
	for _, n := range doc.Graph.Nodes {
		node := graph.Node{ID: n.ID}
		var label string
		p, err := props("node", n.Data, func(name, v string) bool {
			switch name {
			case graphml.AttrLabels:
				node.Labels = strings.Split(strings.TrimPrefix(v, ":"), ":")
			case graphml.AttrLabel:
				label = v
			default:
				return false
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("node %s: %w", n.ID, err)
		}
		if name, _ := p["name"].(string); label != name && !(name == "" && label == n.ID) {
			return nil, fmt.Errorf("node %s: label %q, name %q", n.ID, label, name)
		}
		node.Properties = p
		g.Nodes = append(g.Nodes, node)
	}
	for _, e := range doc.Graph.Edges {
		r := graph.Relationship{ID: e.ID, StartNode: e.Source, EndNode: e.Target}
		var label string
		p, err := props("edge", e.Data, func(name, v string) bool {
			switch name {
			case graphml.AttrType:
				r.Type = v
			case graphml.AttrLabel:
				label = v
			default:
				return false
			}
			return true
		})
		if err != nil {
			return nil, fmt.Errorf("edge %s: %w", e.ID, err)
		}
		if label != r.Type {
			return nil, fmt.Errorf("edge %s: label %q, type %q", e.ID, label, r.Type)
		}
		r.Properties = p
		g.Relationships = append(g.Relationships, r)
	}
	return g, nil
}

// TestNetworkX reads the seed's GraphML with networkx
// (scripts/graphml_check.py) and compares its counts and Sam Altman's
// labels and aliases with the graph's. It skips when Python or networkx
// is missing, unless KG_REQUIRE_PYTHON_NETWORKX=1 (CI), which makes that
// a failure.
func TestNetworkX(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import networkx").Run()
	}
	if err != nil {
		msg := fmt.Sprintf("python3 with networkx is needed to read GraphML with networkx (pip install networkx): %v", err)
		if os.Getenv("KG_REQUIRE_PYTHON_NETWORKX") == "1" {
			t.Fatal(msg + "; KG_REQUIRE_PYTHON_NETWORKX=1 makes this a failure")
		}
		t.Skip(msg + "; KG_REQUIRE_PYTHON_NETWORKX=1 makes this a failure")
	}
	dir := t.TempDir()
	kg := filepath.Join(dir, "kg")
	if out, err := exec.Command("go", "build", "-o", kg, "../../cmd/kg").CombinedOutput(); err != nil {
		t.Fatalf("go build ../../cmd/kg: %v\n%s", err, out)
	}
	seedJSON := filepath.Join(dir, "seed.json")
	if out, err := exec.Command(kg, "build", "-q", "--out", seedJSON, "../../testdata/docs/altman-seoul-2025-02-04.txt").CombinedOutput(); err != nil {
		t.Fatalf("kg build: %v\n%s", err, out)
	}
	f, err := os.Open(seedJSON)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := graph.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var sam graph.Node
	for _, n := range seed.Nodes {
		if n.ID == "person:sam-altman" {
			sam = n
		}
	}
	if sam.ID == "" {
		t.Fatal("the seed's graph has no person:sam-altman")
	}

	check := func(name string, g *graph.Graph, args ...string) map[string]any {
		t.Helper()
		path := filepath.Join(dir, name+".graphml")
		if err := os.WriteFile(path, write(t, g), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append([]string{"../../scripts/graphml_check.py", path,
			"--nodes", strconv.Itoa(len(g.Nodes)), "--edges", strconv.Itoa(len(g.Relationships))}, args...)
		var stdout, stderr bytes.Buffer
		c := exec.Command(py, args...)
		c.Stdout, c.Stderr = &stdout, &stderr
		if err := c.Run(); err != nil {
			t.Fatalf("%s: graphml_check.py: %v\n%s%s", name, err, stdout.String(), stderr.String())
		}
		var res map[string]any
		if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
			t.Fatalf("%s: graphml_check.py printed %q: %v", name, stdout.String(), err)
		}
		if res["nodes"] != float64(len(g.Nodes)) || res["edges"] != float64(len(g.Relationships)) || res["directed"] != true {
			t.Errorf("%s: networkx read %v nodes, %v edges (directed %v); want %d, %d, directed",
				name, res["nodes"], res["edges"], res["directed"], len(g.Nodes), len(g.Relationships))
		}
		return res
	}

	args := []string{"--node", sam.ID, "--labels", ":Person", "--prop", "name=Sam Altman"}
	for _, a := range graph.Strings(sam.Properties["aliases"]) {
		args = append(args, "--alias", a)
	}
	res := check("seed", seed, args...)
	node, _ := res["node"].(map[string]any)
	var gotAliases []string
	for _, a := range node["aliases"].([]any) {
		gotAliases = append(gotAliases, a.(string))
	}
	if d := cmp.Diff(graph.Strings(sam.Properties["aliases"]), gotAliases); d != "" {
		t.Errorf("Sam Altman's aliases as networkx read them (-want +got):\n%s", d)
	}
	counts, rels := seed.Count()
	types := map[string]any{}
	for typ, n := range rels {
		types[typ] = float64(n)
	}
	if d := cmp.Diff(types, res["edge_types"]); d != "" {
		t.Errorf("edge types as networkx read them (-want +got):\n%s", d)
	}
	t.Logf("networkx %v read the seed: %v nodes (%v), %v edges", res["networkx"], res["nodes"], counts, res["edges"])

	// what XML escapes, and a graph with parallel edges (a MultiDiGraph)
	esc := escapeGraph()
	esc.Relationships = append(esc.Relationships, graph.Relationship{ID: "MET:second", Type: graph.Met,
		StartNode: esc.Relationships[0].StartNode, EndNode: "person:b", Properties: map[string]any{}})
	args = []string{"--node", esc.Nodes[0].ID, "--labels", ":Person"}
	for _, a := range graph.Strings(esc.Nodes[0].Properties["aliases"]) {
		if !strings.Contains(a, "\x00") { // no NUL in a command line
			args = append(args, "--alias", a)
		}
	}
	if res := check("escape", esc, args...); res["multigraph"] != true {
		t.Errorf("networkx did not read the parallel edges as a multigraph: %v", res)
	}
}
