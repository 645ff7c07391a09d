package graph_test

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphtest"
)

// sampleGraphs returns n graphs shaped like documents' graphs (see
// docgraph.FromResult), built by hand so that graph's tests need no
// extraction: people and organizations that several documents share
// (merging unions their sets and keeps the smaller scalar), roles,
// meetings that documents 7 apart report alike, and evidence with
// strings JSON must escape. The tests on real documents' graphs are in
// docgraph.
func sampleGraphs(n int) []*graph.Graph {
	people := []string{"Sam Altman", "Chung Shin-a", "Chey Tae-won", "Lee Jae-yong", "샘 알트먼", "정신아", "Kim"}
	orgs := []string{"OpenAI", "Kakao", "SK Group", "Samsung Electronics", "GS E&C"}
	evidence := []string{"Sam Altman met Chung Shin-a.", `He said "we <agree> & sign" \ today`,
		"정신아 카카오 대표는 샘 알트먼과 만났다.", "tab\there\nline\u2028sep", "emoji 🤝 \x01"}
	var gs []*graph.Graph
	for d := range n {
		doc := fmt.Sprintf("doc-%02d", d)
		dk := graph.DocKey(doc)
		ev := evidence[d%len(evidence)]
		prov := func(p map[string]any) map[string]any {
			p["documents"] = []string{doc}
			p["spans"] = []string{fmt.Sprintf("%s@%d-%d", doc, d, d+len(ev))}
			p["evidence"] = []string{ev}
			p["rules"] = []string{fmt.Sprintf("rule.%d", d%3)}
			return p
		}
		g := &graph.Graph{Nodes: []graph.Node{{ID: dk, Labels: []string{graph.Document},
			Properties: map[string]any{"name": doc, "documents": []string{doc}, "published": fmt.Sprintf("2025-02-%02d", d+1)}}}}
		var ps []string
		for i := range 3 {
			name := people[(d+2*i)%len(people)]
			k := graph.Key("person", name)
			ps = append(ps, k)
			g.Nodes = append(g.Nodes, graph.Node{ID: k, Labels: []string{graph.Person}, Properties: map[string]any{
				"name": name, "aliases": []string{strings.ToUpper(name), name}, "documents": []string{doc},
				"rules": []string{fmt.Sprintf("rule.person.%d", i)}, "mentions": int64(d + i)}})
			g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(graph.Mentions, dk, k, ""),
				Type: graph.Mentions, StartNode: dk, EndNode: k, Properties: map[string]any{"documents": []string{doc}}})
		}
		org := orgs[d%len(orgs)]
		ok := graph.Key("org", org)
		g.Nodes = append(g.Nodes, graph.Node{ID: ok, Labels: []string{graph.Organization},
			Properties: map[string]any{"name": org, "aliases": []string{org}, "documents": []string{doc}}})
		title := []string{"CEO", "Chairman"}[d%2]
		g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(graph.HoldsRole, ps[0], ok, ""),
			Type: graph.HoldsRole, StartNode: ps[0], EndNode: ok,
			Properties: prov(map[string]any{"title": title, "titles": []string{title}, "titles_original": []string{title}})})
		slices.Sort(ps)
		date := fmt.Sprintf("2025-03-%02d", d%7+1)
		mid := graph.MeetingKey(date, ps)
		g.Nodes = append(g.Nodes, graph.Node{ID: mid, Labels: []string{graph.Meeting}, Properties: prov(map[string]any{
			"name": "Meeting of " + strings.Join(ps, ", "), "participants": ps, "date": date, "confirmed": d%2 == 0})})
		for i, p := range ps {
			g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(graph.Attended, p, mid, ""),
				Type: graph.Attended, StartNode: p, EndNode: mid, Properties: prov(map[string]any{})})
			for _, q := range ps[i+1:] {
				g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(graph.Met, p, q, mid),
					Type: graph.Met, StartNode: p, EndNode: q, Properties: prov(map[string]any{"meeting": mid, "date": date})})
			}
		}
		g.Sort()
		gs = append(gs, g)
	}
	return gs
}

func encode(t *testing.T, g *graph.Graph) []byte { return graphtest.Encode(t, g) }

func TestKey(t *testing.T) {
	tests := []struct{ prefix, name, want string }{
		{"person", "Sam Altman", "person:sam-altman"},
		{"person", "Chey Tae-won", "person:chey-tae-won"},
		{"org", "GS E&C", "org:gs-e-and-c"},
		{"person", "정신아", "person:정신아"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := graph.Key(tt.prefix, tt.name); got != tt.want {
				t.Errorf("Key(%q, %q) = %q, want %q", tt.prefix, tt.name, got, tt.want)
			}
		})
	}
}

func TestDecodeRejectsUnknownLabel(t *testing.T) {
	in := `{"nodes":[{"id":"x","labels":["Person"],"properties":{}},{"id":"y","labels":["Evil) DETACH DELETE n //"],"properties":{}}],"relationships":[]}`
	if _, err := graph.Decode(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "unknown label") {
		t.Errorf("Decode = %v, want an unknown label error", err)
	}
}

// TestMergerEncode: Merger.Encode writes the bytes of Encode(Merger.Graph())
// and of the old, json.Encoder-based writer, for sample graphs merged in
// two orders, and the graphs added are left as they were. (docgraph's
// TestMergerEncodeDocuments does the same for the test documents.)
func TestMergerEncode(t *testing.T) {
	graphtest.MergerEncode(t, sampleGraphs(10))
	// in parallel, in chunks smaller than the arrays
	defer graph.SetEncodeChunk(7)()
	graphtest.MergerEncode(t, sampleGraphs(10))
}

// TestMergerApproxJSONBytes: the size estimate a build bounds its memory
// by stays within 5% of what Encode writes. (docgraph's
// TestMergerApproxJSONBytesDocuments checks it on every test document.)
func TestMergerApproxJSONBytes(t *testing.T) {
	graphtest.ApproxJSONBytes(t, sampleGraphs(20))
}

// TestMergerEncodeError: an unencodable value stops a parallel encoding
// with the error, without hanging, and whatever it wrote is a prefix.
func TestMergerEncodeError(t *testing.T) {
	defer graph.SetEncodeChunk(3)()
	m := graph.NewMerger()
	g := &graph.Graph{}
	for i := range 50 {
		props := map[string]any{"name": fmt.Sprint("n", i)}
		if i == 31 {
			props["score"] = math.Inf(1)
		}
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("n%02d", i), Labels: []string{graph.Person}, Properties: props})
	}
	m.Add(g)
	var b bytes.Buffer
	err := m.Encode(&b, 4)
	if err == nil || !strings.Contains(err.Error(), "unsupported value") {
		t.Fatalf("Encode = %v, want an unsupported value error", err)
	}
	if strings.Contains(b.String(), `"n31"`) {
		t.Errorf("the item that failed was written")
	}
}
