package resolve_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/resolve"
	"github.com/kg-news/kg/rules"
)

// ent is a person or organization of one document, as a document's graph
// has it.
type ent struct {
	id, en, ko, doc string
	org             string // persons: the id of the organization they hold a role at
}

func (e ent) nodes() []graph.Node {
	label := graph.Organization
	if strings.HasPrefix(e.id, "person:") {
		label = graph.Person
	}
	p := map[string]any{"documents": []string{e.doc}}
	name := e.en
	if name == "" {
		name = e.ko
	}
	p["name"] = name
	aliases := []string{}
	if e.en != "" {
		p["name_en"] = e.en
		aliases = append(aliases, e.en)
	}
	if e.ko != "" {
		p["name_ko"] = e.ko
		aliases = append(aliases, e.ko)
	}
	p["aliases"] = aliases
	return []graph.Node{{ID: e.id, Labels: []string{label}, Properties: p}}
}

// corpus makes the merged graph of entities (and meetings).
func corpus(ents []ent, meetings ...graph.Node) *graph.Graph {
	m := graph.NewMerger()
	for _, e := range ents {
		g := &graph.Graph{Nodes: e.nodes()}
		if e.org != "" {
			g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(graph.HoldsRole, e.id, e.org, ""),
				Type: graph.HoldsRole, StartNode: e.id, EndNode: e.org, Properties: map[string]any{"documents": []string{e.doc}, "title": "CEO"}})
		}
		m.Add(g)
	}
	m.Add(&graph.Graph{Nodes: meetings})
	return m.Graph()
}

func defaultSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// groups returns, for each input id, the ids it shares a node with.
func groups(t *testing.T, g *graph.Graph, opt resolve.Options) map[string]string {
	t.Helper()
	r := resolve.Resolve(g, opt)
	out := map[string]string{}
	for _, n := range g.Nodes {
		id := n.ID
		if to, ok := r.Rename[id]; ok {
			id = to
		}
		out[n.ID] = id
	}
	return out
}

func TestIdentity(t *testing.T) {
	set := defaultSet(t)
	kakaoEN := ent{id: "org:kakao", en: "Kakao", doc: "a"}
	kakaoKO := ent{id: "org:카카오", ko: "카카오", doc: "b"}
	tests := []struct {
		name string
		ents []ent
		same [][2]string // pairs that must be one node
		diff [][2]string // pairs that must stay two
	}{
		{"case, hyphens, spaces and given-name order",
			[]ent{{id: "person:hong-gil-dong", en: "Hong Gil-dong", doc: "a"}, {id: "person:gildong-hong", en: "Gildong Hong", doc: "b"},
				{id: "person:hong-gil-dong-caps", en: "HONG GIL-DONG", doc: "c"}, {id: "person:hong-gil-dong-sp", en: "Hong Gil Dong", doc: "d"}},
			[][2]string{{"person:hong-gil-dong", "person:gildong-hong"}, {"person:hong-gil-dong", "person:hong-gil-dong-caps"}, {"person:hong-gil-dong", "person:hong-gil-dong-sp"}}, nil},
		{"Hangul and Latin at one organization across scripts",
			[]ent{kakaoEN, kakaoKO, {id: "person:chung-shin-a", en: "Chung Shin-a", doc: "a", org: "org:kakao"},
				{id: "person:정신아", ko: "정신아", doc: "b", org: "org:카카오"}},
			[][2]string{{"org:kakao", "org:카카오"}, {"person:chung-shin-a", "person:정신아"}}, nil},
		{"a romanization without support stays apart",
			[]ent{{id: "person:chung-shin-a", en: "Chung Shin-a", doc: "a"}, {id: "person:정신아", ko: "정신아", doc: "b"}},
			nil, [][2]string{{"person:chung-shin-a", "person:정신아"}}},
		{"a bilingual document's pairing carries over",
			[]ent{{id: "person:chung-shin-a", en: "Chung Shin-a", ko: "정신아", doc: "a"}, {id: "person:정신아", ko: "정신아", doc: "b"},
				{id: "person:chung-shin-a-2", en: "CHUNG SHIN-A", doc: "c"}},
			[][2]string{{"person:chung-shin-a", "person:정신아"}, {"person:chung-shin-a", "person:chung-shin-a-2"}}, nil},
		{"one syllable apart stays apart",
			[]ent{{id: "org:x", en: "X Corp", doc: "a"}, {id: "person:이재용", ko: "이재용", doc: "a", org: "org:x"},
				{id: "person:이재명", ko: "이재명", doc: "b", org: "org:x"}, {id: "person:lee-jae-yong", en: "Lee Jae-yong", doc: "c", org: "org:x"}},
			[][2]string{{"person:이재용", "person:lee-jae-yong"}}, [][2]string{{"person:이재용", "person:이재명"}, {"person:이재명", "person:lee-jae-yong"}}},
		{"Latin spellings that are not one Korean name stay apart",
			[]ent{{id: "org:x", en: "X Corp", doc: "a"}, {id: "person:choi-sung-hoon", en: "Choi Sung-hoon", doc: "a", org: "org:x"},
				{id: "person:choe-sung-hyun", en: "Choe Sung Hyun", doc: "b", org: "org:x"}, {id: "person:seonghyeon-choi", en: "Seonghyeon Choi", doc: "c", org: "org:x"}},
			[][2]string{{"person:choe-sung-hyun", "person:seonghyeon-choi"}}, [][2]string{{"person:choi-sung-hoon", "person:choe-sung-hyun"}}},
		{"parent and affiliate stay apart",
			[]ent{{id: "org:samsung-group", en: "Samsung Group", doc: "a"}, {id: "org:samsung-electronics", en: "Samsung Electronics", doc: "b"},
				{id: "org:삼성그룹", ko: "삼성그룹", doc: "c"}, {id: "org:삼성전자", ko: "삼성전자", doc: "d"}, {id: "org:samsung", en: "Samsung", doc: "e"}},
			[][2]string{{"org:samsung-group", "org:삼성그룹"}, {"org:samsung-electronics", "org:삼성전자"}},
			[][2]string{{"org:samsung-group", "org:samsung-electronics"}, {"org:samsung", "org:samsung-group"}, {"org:samsung", "org:samsung-electronics"}}},
		{"legal forms, case and a cut sector word",
			[]ent{{id: "org:acme-co-ltd", en: "Acme Co., Ltd.", doc: "a"}, {id: "org:acme-corporation", en: "ACME Corporation", doc: "b"},
				{id: "org:hwayeon-pharm", en: "Hwayeon Pharm", doc: "a"}, {id: "org:hwayeon-pharmaceutical", en: "Hwayeon Pharmaceutical Co.", doc: "b"}},
			[][2]string{{"org:acme-co-ltd", "org:acme-corporation"}, {"org:hwayeon-pharm", "org:hwayeon-pharmaceutical"}}, nil},
		{"Korean sector words and English ones",
			[]ent{{id: "org:haneul-chemical", en: "Haneul Chemical", doc: "a"}, {id: "org:하늘화학", ko: "하늘화학", doc: "b"},
				{id: "org:haneul-group", en: "Haneul Group", doc: "a"}, {id: "org:하늘그룹", ko: "하늘그룹", doc: "b"}},
			[][2]string{{"org:haneul-chemical", "org:하늘화학"}, {"org:haneul-group", "org:하늘그룹"}},
			[][2]string{{"org:haneul-chemical", "org:haneul-group"}}},
		{"a foreign name in Hangul with a shared organization",
			[]ent{{id: "org:apple", en: "Apple", ko: "애플", doc: "a"}, {id: "org:애플", ko: "애플", doc: "b"},
				{id: "person:tim-cook", en: "Tim Cook", doc: "a", org: "org:apple"}, {id: "person:팀-쿡", ko: "팀 쿡", doc: "b", org: "org:애플"}},
			[][2]string{{"person:tim-cook", "person:팀-쿡"}}, nil},
		{"two colleagues of one article with similar names",
			[]ent{{id: "org:kaya", en: "Kaya Holdings", doc: "a"}, {id: "person:jang-yu-na", en: "Jang Yu-na", doc: "a", org: "org:kaya"},
				{id: "person:jang-yoon-a", en: "Jang Yoon-a", doc: "a", org: "org:kaya"}},
			nil, [][2]string{{"person:jang-yu-na", "person:jang-yoon-a"}}},
		{"a sector word that is not cut short",
			[]ent{{id: "org:daon-motor", en: "Daon Motor", doc: "a"}, {id: "org:daon-motorsport", en: "Daon Motorsport", doc: "b"},
				{id: "org:mirae-chem", en: "Mirae Chem", doc: "a"}, {id: "org:mirae-chemtech", en: "Mirae Chemtech", doc: "b"}},
			nil, [][2]string{{"org:daon-motor", "org:daon-motorsport"}, {"org:mirae-chem", "org:mirae-chemtech"}}},
		{"two consonants alike are chance, and a mixed-script name is no Latin spelling",
			[]ent{{id: "org:diageo", en: "Diageo", doc: "a"}, {id: "org:오뚜기", ko: "오뚜기", doc: "b"},
				{id: "org:kb국민은행", en: "KB국민은행", doc: "c"}, {id: "org:외교부", ko: "외교부", doc: "d"},
				{id: "org:qhub-international", en: "Qhub International Sdn Bhd", doc: "g"}, {id: "org:고합", ko: "고합", doc: "h"}},
			nil, [][2]string{{"org:diageo", "org:오뚜기"}, {"org:kb국민은행", "org:외교부"}, {"org:qhub-international", "org:고합"}}},
		{"one-word names are their document's",
			[]ent{{id: "person:kim@a", en: "Kim", doc: "a"}, {id: "person:kim@b", en: "Kim", doc: "b"}},
			nil, [][2]string{{"person:kim@a", "person:kim@b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := groups(t, corpus(tt.ents), resolve.Options{Set: set})
			for _, p := range tt.same {
				if g[p[0]] != g[p[1]] {
					t.Errorf("%s and %s are two nodes (%s, %s), want one", p[0], p[1], g[p[0]], g[p[1]])
				}
			}
			for _, p := range tt.diff {
				if g[p[0]] == g[p[1]] {
					t.Errorf("%s and %s are one node %s, want two", p[0], p[1], g[p[0]])
				}
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	set := defaultSet(t)
	ents := []ent{{id: "person:chung-shin-a", en: "Chung Shin-a", doc: "a"}, {id: "person:정신아", ko: "정신아", doc: "b"},
		{id: "person:hong-gil-dong", en: "Hong Gil-dong", doc: "a"}, {id: "person:gildong-hong", en: "Gildong Hong", doc: "b"}}
	ov, err := resolve.ParseOverrides("merges.yaml", []byte("same:\n  - [\"Chung Shin-a\", 정신아]\ndifferent:\n  - [person:hong-gil-dong, Gildong Hong]\n"))
	if err != nil {
		t.Fatal(err)
	}
	g := groups(t, corpus(ents), resolve.Options{Set: set, Overrides: ov})
	if g["person:chung-shin-a"] != g["person:정신아"] {
		t.Errorf("same: not joined")
	}
	if g["person:hong-gil-dong"] == g["person:gildong-hong"] {
		t.Errorf("different: joined")
	}
}

func TestParseOverridesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"samee: []", "merges.yaml:1:1: unknown key \"samee\""},
		{"same:\n  - [a]", "merges.yaml:2:5: same: want at least two names"},
		{"different:\n  - [a, b, c]", "merges.yaml:2:5: different: want a pair of names"},
		{"same: x", "merges.yaml:1:7: same: want a list of name lists"},
		{"same:\n  - [a, b]\ndifferent:\n  - [a, b]", "are listed both as same and as different"},
		{"same: [", "merges.yaml:1:"},
	}
	for _, tt := range tests {
		_, err := resolve.ParseOverrides("merges.yaml", []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseOverrides(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

func meeting(date, doc, place string, parts ...string) graph.Node {
	slices.Sort(parts)
	id := graph.MeetingKey(date, append([]string{"doc:" + doc}, parts...)) // as docgraph.FromResult names it
	p := map[string]any{"participants": parts, "documents": []string{doc}, "evidence": []string{"They met."}}
	if date != "" {
		p["date"] = date
	}
	if place != "" {
		p["place"] = place
		p["evidence"] = []string{"They met in " + place + "."}
	}
	return graph.Node{ID: id, Labels: []string{graph.Meeting}, Properties: p}
}

func TestMeetings(t *testing.T) {
	set := defaultSet(t)
	ents := []ent{{id: "person:a", en: "Ann Alder", doc: "x"}, {id: "person:b", en: "Bo Birch", doc: "x"}, {id: "person:c", en: "Cy Cole", doc: "x"}}
	tests := []struct {
		name     string
		meetings []graph.Node
		one      bool
	}{
		{"same date, two shared, other documents", []graph.Node{meeting("2025-03-04", "d1", "Seoul", "person:a", "person:b"), meeting("2025-03-04", "d2", "", "person:a", "person:b", "person:c")}, true},
		{"places that agree", []graph.Node{meeting("2025-03-04", "d1", "Seoul", "person:a", "person:b"), meeting("2025-03-04", "d2", "Jongno, Seoul", "person:a", "person:b")}, true},
		{"conflicting places", []graph.Node{meeting("2025-03-04", "d1", "Seoul", "person:a", "person:b"), meeting("2025-03-04", "d2", "Busan", "person:a", "person:b")}, false},
		{"a place the report does not name", []graph.Node{meeting("2025-03-04", "d1", "Seoul", "person:a", "person:b"),
			func() graph.Node {
				m := meeting("2025-03-04", "d2", "Busan", "person:a", "person:b")
				m.Properties["evidence"] = []string{"They met."}
				return m
			}()}, true},
		{"different dates", []graph.Node{meeting("2025-03-04", "d1", "", "person:a", "person:b"), meeting("2025-11-04", "d2", "", "person:a", "person:b")}, false},
		{"one shared participant", []graph.Node{meeting("2025-03-04", "d1", "", "person:a", "person:b"), meeting("2025-03-04", "d2", "", "person:a", "person:c")}, false},
		{"one document's two meetings of a day", []graph.Node{meeting("2025-03-04", "d1", "", "person:a", "person:b"), meeting("2025-03-04", "d1", "", "person:a", "person:b", "person:c")}, false},
		{"undated", []graph.Node{meeting("", "d1", "", "person:a", "person:b"), meeting("", "d2", "", "person:a", "person:b")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := groups(t, corpus(ents, tt.meetings...), resolve.Options{Set: set})
			a, b := g[tt.meetings[0].ID], g[tt.meetings[1].ID]
			if (a == b) != tt.one {
				t.Errorf("one node: %v, want %v (%s, %s)", a == b, tt.one, a, b)
			}
		})
	}
}

// TestOrderAndIdempotence: resolving does not depend on the order nodes
// come in, and resolving a resolved graph changes nothing.
func TestOrderAndIdempotence(t *testing.T) {
	set := defaultSet(t)
	ents := []ent{{id: "org:kakao", en: "Kakao", doc: "a"}, {id: "org:카카오", ko: "카카오", doc: "b"},
		{id: "person:chung-shin-a", en: "Chung Shin-a", doc: "a", org: "org:kakao"}, {id: "person:정신아", ko: "정신아", doc: "b", org: "org:카카오"},
		{id: "person:jung-shin-a", en: "Jung Shin-a", doc: "c", org: "org:kakao"}, {id: "org:samsung-group", en: "Samsung Group", doc: "c"}}
	want := encode(t, resolve.Graph(corpus(ents), resolve.Options{Set: set}))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20; i++ {
		shuffled := slices.Clone(ents)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := encode(t, resolve.Graph(corpus(shuffled), resolve.Options{Set: set})); got != want {
			t.Fatalf("order %d gives another graph:\n%s", i, cmp.Diff(want, got))
		}
	}
	g := resolve.Graph(corpus(ents), resolve.Options{Set: set})
	if got := encode(t, resolve.Graph(g, resolve.Options{Set: set})); got != want {
		t.Errorf("resolving again changes the graph (-want +got):\n%s", cmp.Diff(want, got))
	}
	if !strings.Contains(want, "romanization") {
		t.Errorf("no join was explained:\n%s", want)
	}
}

func encode(t *testing.T, g *graph.Graph) string {
	t.Helper()
	var b bytes.Buffer
	if err := graph.Encode(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestExplain(t *testing.T) {
	set := defaultSet(t)
	ents := []ent{{id: "org:kakao", en: "Kakao", doc: "a"}, {id: "org:카카오", ko: "카카오", doc: "b"},
		{id: "person:chung-shin-a", en: "Chung Shin-a", doc: "a", org: "org:kakao"}, {id: "person:정신아", ko: "정신아", doc: "b", org: "org:카카오"},
		{id: "person:lee-jae-yong", en: "Lee Jae-yong", doc: "c"}}
	g := resolve.Graph(corpus(ents), resolve.Options{Set: set})
	var b strings.Builder
	same, err := resolve.Explain(&b, g, "정신아", "CHUNG SHIN-A")
	if err != nil || !same || !strings.Contains(b.String(), "is a romanization of 정신아") || !strings.Contains(b.String(), "both hold a role at") {
		t.Errorf("Explain = %v, %v:\n%s", same, err, b.String())
	}
	b.Reset()
	same, err = resolve.Explain(&b, g, "정신아", "Lee Jae-yong")
	if err != nil || same || !strings.Contains(b.String(), "are not one node") {
		t.Errorf("Explain = %v, %v:\n%s", same, err, b.String())
	}
	if _, err := resolve.Explain(&b, g, "정신아", "Nobody"); err == nil {
		t.Errorf("Explain of an unknown name: no error")
	}
}
