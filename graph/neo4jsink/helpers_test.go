package neo4jsink

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kg-news/kg/graph"
)

// testConfig returns the server settings from the environment, skipping
// the test when KG_NEO4J_URI is unset (start one with scripts/neo4j-dev).
func testConfig(t testing.TB) Config {
	t.Helper()
	uri := os.Getenv("KG_NEO4J_URI")
	if uri == "" {
		t.Skip("KG_NEO4J_URI is not set; run eval \"$(scripts/neo4j-dev env)\" to test against Neo4j")
	}
	return Config{
		URI:      uri,
		User:     os.Getenv("KG_NEO4J_USER"),
		Password: os.Getenv("KG_NEO4J_PASSWORD"),
		Database: os.Getenv("KG_NEO4J_DATABASE"),
	}
}

// newTestWriter connects with cfg and closes the Writer when the test ends.
func newTestWriter(t testing.TB, cfg Config) *Writer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	w, err := New(ctx, cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	return w
}

// testPrefix returns an id prefix unique to this run of the test, and
// deletes everything with it when the test ends (before w closes).
func testPrefix(t testing.TB, w *Writer) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	p := "kgtest/" + name + "/" + hex.EncodeToString(b[:]) + "/"
	t.Cleanup(func() { deletePrefix(t, w, p) })
	return p
}

func deletePrefix(t testing.TB, w *Writer, prefix string) {
	t.Helper()
	ctx := context.Background()
	for {
		res, err := w.Query(ctx, `MATCH (n:`+anyLabel+`) WHERE n.id STARTS WITH $p
WITH n LIMIT 2000 DETACH DELETE n RETURN count(*)`, map[string]any{"p": prefix}, true)
		if err != nil {
			t.Errorf("delete %s: %v", prefix, err)
			return
		}
		if n, _ := res.Rows[0][0].(int64); n == 0 {
			return
		}
	}
}

// prefixed returns a copy of g with prefix put before every id (and
// meeting id property).
func prefixed(g *graph.Graph, prefix string) *graph.Graph {
	out := graph.Merge(g)
	for i := range out.Nodes {
		out.Nodes[i].ID = prefix + out.Nodes[i].ID
	}
	for i := range out.Relationships {
		r := &out.Relationships[i]
		r.ID, r.StartNode, r.EndNode = prefix+r.ID, prefix+r.StartNode, prefix+r.EndNode
		if m, ok := r.Properties["meeting"].(string); ok {
			r.Properties["meeting"] = prefix + m
		}
	}
	out.Sort()
	return out
}

// unprefixed undoes prefixed.
func unprefixed(g *graph.Graph, prefix string) *graph.Graph {
	out := graph.Merge(g)
	for i := range out.Nodes {
		out.Nodes[i].ID = strings.TrimPrefix(out.Nodes[i].ID, prefix)
	}
	for i := range out.Relationships {
		r := &out.Relationships[i]
		r.ID = strings.TrimPrefix(r.ID, prefix)
		r.StartNode = strings.TrimPrefix(r.StartNode, prefix)
		r.EndNode = strings.TrimPrefix(r.EndNode, prefix)
		if m, ok := r.Properties["meeting"].(string); ok {
			r.Properties["meeting"] = strings.TrimPrefix(m, prefix)
		}
	}
	out.Sort()
	return out
}

func encode(t testing.TB, g *graph.Graph) string {
	t.Helper()
	var buf bytes.Buffer
	if err := graph.Encode(&buf, g); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.String()
}

// exported reads back the graph under prefix, ids unprefixed, encoded.
func exported(t testing.TB, w *Writer, prefix string) string {
	t.Helper()
	g, err := w.ExportPrefix(context.Background(), prefix)
	if err != nil {
		t.Fatalf("ExportPrefix: %v", err)
	}
	return encode(t, unprefixed(g, prefix))
}

// counts returns how many nodes under prefix carry each label and how many
// relationships of each type join them, as the server counts them.
func counts(t testing.TB, w *Writer, prefix string) (nodes, rels map[string]int) {
	t.Helper()
	nodes, rels = map[string]int{}, map[string]int{}
	ctx := context.Background()
	for _, l := range graph.Labels {
		res, err := w.Query(ctx, "MATCH (n:"+l+") WHERE n.id STARTS WITH $p RETURN count(n)", map[string]any{"p": prefix}, false)
		if err != nil {
			t.Fatal(err)
		}
		if n := res.Rows[0][0].(int64); n > 0 {
			nodes[l] = int(n)
		}
	}
	for _, ty := range graph.Types {
		res, err := w.Query(ctx, "MATCH (a)-[r:"+ty+"]->() WHERE a.id STARTS WITH $p RETURN count(r)", map[string]any{"p": prefix}, false)
		if err != nil {
			t.Fatal(err)
		}
		if n := res.Rows[0][0].(int64); n > 0 {
			rels[ty] = int(n)
		}
	}
	return nodes, rels
}

// The graphs below have the shapes kg's extraction produces.

func person(id, name, nameKo string, aliases ...string) graph.Node {
	return graph.Node{ID: id, Labels: []string{graph.Person}, Properties: map[string]any{
		"name": name, "name_en": name, "name_ko": nameKo, "aliases": aliases,
	}}
}

func org(id, name string, aliases ...string) graph.Node {
	return graph.Node{ID: id, Labels: []string{graph.Organization}, Properties: map[string]any{"name": name, "aliases": aliases}}
}

func rel(typ, start, end string, props map[string]any) graph.Relationship {
	return graph.Relationship{ID: strings.ToLower(typ) + ":" + start + "|" + end, Type: typ, StartNode: start, EndNode: end, Properties: props}
}

// seoulGraph is what the seed article (Altman meets Kakao's CEO in Seoul)
// gives.
func seoulGraph() *graph.Graph {
	const doc = "doc:altman-seoul-2025-02-04"
	const mt = "meeting:2025-02-04:seoul:person:chung-shin-a|person:sam-altman"
	ev := "샘알트만 오픈AICEO는 4일 서울에서 정신아 카카오CEO와 만났다."
	g := &graph.Graph{
		Nodes: []graph.Node{
			person("person:sam-altman", "Sam Altman", "샘 알트만", "Altman", "샘알트만", "알트민"),
			person("person:chung-shin-a", "Chung Shin-a", "정신아", "정신아"),
			org("organization:openai", "OpenAI", "오픈AI"),
			org("organization:kakao", "Kakao", "카카오"),
			{ID: mt, Labels: []string{graph.Meeting}, Properties: map[string]any{
				"date": "2025-02-04", "place": "Seoul", "kind": "meeting", "name": "Sam Altman – Chung Shin-a, Seoul",
				"documents": []string{doc},
			}},
			{ID: doc, Labels: []string{graph.Document}, Properties: map[string]any{
				"lang": "ko", "published": "2025-02-04", "sentences": int64(12), "score": 0.75, "paywalled": false,
			}},
		},
	}
	common := func(rule string) map[string]any {
		return map[string]any{"documents": []string{doc}, "spans": []string{doc + ":0-58"}, "rules": []string{rule}, "evidence": []string{ev}}
	}
	hr := common("role.person-org-title.ko")
	hr["title"] = "CEO"
	hr["titles_original"] = []string{"CEO"}
	hr2 := common("role.person-org-title.ko")
	hr2["title"] = "CEO"
	met := common("meet.met.ko")
	met["date"] = "2025-02-04"
	met["meeting"] = mt
	g.Relationships = []graph.Relationship{
		rel(graph.HoldsRole, "person:sam-altman", "organization:openai", hr),
		rel(graph.HoldsRole, "person:chung-shin-a", "organization:kakao", hr2),
		rel(graph.Attended, "person:sam-altman", mt, common("meet.met.ko")),
		rel(graph.Attended, "person:chung-shin-a", mt, common("meet.met.ko")),
		rel(graph.Met, "person:chung-shin-a", "person:sam-altman", met),
		rel(graph.PartnersWith, "organization:kakao", "organization:openai", common("partner.ko")),
		rel(graph.Mentions, doc, "person:sam-altman", map[string]any{"count": int64(2)}),
		rel(graph.Mentions, doc, "person:chung-shin-a", map[string]any{"count": int64(1)}),
		rel(graph.Mentions, doc, "organization:openai", map[string]any{"count": int64(1)}),
		rel(graph.Mentions, doc, "organization:kakao", map[string]any{"count": int64(1)}),
	}
	g.Sort()
	return g
}

// tokyoGraph is a second article that shares Altman, OpenAI and his role
// with seoulGraph and disagrees on some scalars, so merging has work to do.
func tokyoGraph() *graph.Graph {
	const doc = "doc:altman-tokyo-2025-02-03"
	const mt = "meeting:2025-02-03:tokyo:person:masayoshi-son|person:sam-altman"
	ev := "Sam Altman met SoftBank CEO Masayoshi Son in Tokyo on Monday."
	sam := person("person:sam-altman", "Samuel Altman", "새뮤얼 알트만", "Sam Altman", "Altman", "😀", "！", "가", "a")
	sam.Properties["first_seen"] = int64(2024)
	sam.Properties["confidence"] = 0.5
	sam.Properties["verified"] = true
	sam.Labels = []string{graph.Person, graph.Organization}
	son := person("person:masayoshi-son", "Masayoshi Son", "손정의", "Son", "손 회장")
	g := &graph.Graph{
		Nodes: []graph.Node{
			sam, son,
			org("organization:openai", "OpenAI Inc.", "Open AI", "오픈AI"),
			org("organization:softbank", "SoftBank", "소프트뱅크"),
			{ID: mt, Labels: []string{graph.Meeting}, Properties: map[string]any{
				"date": "2025-02-03", "place": "Tokyo", "kind": "meeting", "documents": []string{doc},
			}},
			{ID: doc, Labels: []string{graph.Document}, Properties: map[string]any{"lang": "en", "published": "2025-02-03"}},
		},
	}
	common := func(rule string) map[string]any {
		return map[string]any{"documents": []string{doc}, "spans": []string{doc + ":0-60"}, "rules": []string{rule}, "evidence": []string{ev}}
	}
	hr := common("role.org-title-person.en")
	hr["title"] = "Chief Executive"
	hr["titles_original"] = []string{"chief executive", "CEO"}
	met := common("meet.met.en")
	met["date"] = "2025-02-03"
	met["meeting"] = mt
	g.Relationships = []graph.Relationship{
		rel(graph.HoldsRole, "person:sam-altman", "organization:openai", hr),
		rel(graph.HoldsRole, "person:masayoshi-son", "organization:softbank", common("role.org-title-person.en")),
		rel(graph.Attended, "person:sam-altman", mt, common("meet.met.en")),
		rel(graph.Attended, "person:masayoshi-son", mt, common("meet.met.en")),
		rel(graph.Met, "person:masayoshi-son", "person:sam-altman", met),
		rel(graph.PartnersWith, "organization:openai", "organization:softbank", common("partner.en")),
		rel(graph.Mentions, doc, "person:sam-altman", map[string]any{"count": int64(3)}),
		rel(graph.Mentions, doc, "person:masayoshi-son", map[string]any{"count": int64(1)}),
	}
	g.Sort()
	return g
}
