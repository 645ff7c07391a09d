package graphquery_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphquery"
)

func node(id, label string, props map[string]any) graph.Node {
	return graph.Node{ID: id, Labels: []string{label}, Properties: props}
}

func rel(typ, start, end string, props map[string]any) graph.Relationship {
	if props == nil {
		props = map[string]any{}
	}
	return graph.Relationship{ID: graph.RelKey(typ, start, end, fmt.Sprint(props["meeting"])), Type: typ, StartNode: start, EndNode: end, Properties: props}
}

func prov(doc, ev string, more map[string]any) map[string]any {
	p := map[string]any{"documents": []string{doc}, "evidence": []string{ev}}
	for k, v := range more {
		p[k] = v
	}
	return p
}

// testGraph: Sam Altman met Chung Shin-a twice (meetings m1 and m4, two
// MET relationships between them) and Masayoshi Son (m2); one Kim
// Min-jun met Sam (a MET without a Meeting node), another met Son (m3);
// the Lonely Person is only mentioned; ΟΔΟΣ is a name whose lower case
// only Java's rules give as the server gives it. Kakao attended m1 as an
// organization.
func testGraph() *graph.Graph {
	g := &graph.Graph{
		Nodes: []graph.Node{
			node("person:sam", graph.Person, map[string]any{"name": "Sam Altman", "name_en": "Sam Altman", "name_ko": "샘 알트먼",
				"aliases": []string{"Altman", "Sam Altman", "샘 알트먼", "알트민"}}),
			node("person:chung", graph.Person, map[string]any{"name": "Chung Shin-a", "name_ko": "정신아", "aliases": []string{"Chung Shin-a", "정신아"}}),
			node("person:son", graph.Person, map[string]any{"name": "Masayoshi Son", "aliases": []string{"Masayoshi Son", "손정의"}}),
			node("person:kim-min-jun", graph.Person, map[string]any{"name": "Kim Min-jun", "aliases": []string{"Kim Min-jun"}}),
			node("person:kim-min-jun~2", graph.Person, map[string]any{"name": "Kim Min-jun", "aliases": []string{"Kim Min-jun", "김민준"}}),
			node("person:loner", graph.Person, map[string]any{"name": "Lonely Person"}),
			node("person:odos", graph.Person, map[string]any{"name": "ΟΔΟΣ"}),
			node("org:openai", graph.Organization, map[string]any{"name": "OpenAI"}),
			node("org:kakao", graph.Organization, map[string]any{"name": "Kakao", "aliases": []string{"Kakao", "카카오"}}),
			node("org:softbank", graph.Organization, map[string]any{"name": "SoftBank"}),
			node("meeting:m1", graph.Meeting, map[string]any{"name": "Meeting of Sam Altman, Chung Shin-a", "date": "2025-02-04", "place": "Seoul"}),
			node("meeting:m2", graph.Meeting, map[string]any{"name": "Meeting of Sam Altman, Masayoshi Son", "date": "2025-02-03", "place": "Tokyo"}),
			node("meeting:m3", graph.Meeting, map[string]any{"date": "2025-03-01"}),
			node("meeting:m4", graph.Meeting, map[string]any{"date": "2025-05-05", "place": "Pangyo"}),
			node("doc:d1", graph.Document, map[string]any{"name": "d1"}),
		},
		Relationships: []graph.Relationship{
			rel(graph.Met, "person:chung", "person:sam", prov("d1", "Altman met Chung.", map[string]any{"meeting": "meeting:m1", "date": "2025-02-04"})),
			rel(graph.Met, "person:chung", "person:sam", prov("d2", "Altman met Chung again.", map[string]any{"meeting": "meeting:m4", "date": "2025-05-05"})),
			rel(graph.Attended, "person:sam", "meeting:m1", prov("d1", "Altman came.", nil)),
			rel(graph.Attended, "person:chung", "meeting:m1", prov("d1", "정신아도 왔다.", nil)),
			rel(graph.Attended, "org:kakao", "meeting:m1", prov("d1", "Kakao hosted.", nil)),
			rel(graph.Met, "person:sam", "person:son", prov("d3", "Altman met Son in Tokyo.", map[string]any{"meeting": "meeting:m2"})),
			rel(graph.Met, "person:kim-min-jun", "person:sam", prov("d4", "Kim met Altman.", map[string]any{"date": "2025-01-01"})),
			rel(graph.Met, "person:kim-min-jun~2", "person:son", prov("d5", "Kim met Son.", map[string]any{"meeting": "meeting:m3"})),
			rel(graph.Attended, "person:kim-min-jun~2", "meeting:m3", prov("d5", "Kim came.", nil)),
			rel(graph.Attended, "person:son", "meeting:m3", prov("d5", "Son came.", nil)),
			rel(graph.HoldsRole, "person:sam", "org:openai", prov("d1", "OpenAI CEO Sam Altman", map[string]any{"title": "CEO"})),
			rel(graph.HoldsRole, "person:chung", "org:kakao", prov("d1", "Kakao CEO Chung Shin-a", map[string]any{"title": "CEO"})),
			rel(graph.HoldsRole, "person:son", "org:softbank", prov("d3", "SoftBank CEO Masayoshi Son", map[string]any{"title": "CEO"})),
			rel(graph.PartnersWith, "org:kakao", "org:openai", prov("d1", "Kakao and OpenAI team up.", nil)),
			rel(graph.Mentions, "doc:d1", "person:sam", nil),
			rel(graph.Mentions, "doc:d1", "person:loner", nil),
			rel(graph.Mentions, "doc:d1", "org:kakao", nil),
		},
	}
	return graph.Merge(g)
}

// metLines renders a WhoMet answer one meeting a line.
func metLines(ms []graphquery.Met) []string {
	out := []string{}
	for _, m := range ms {
		for _, mt := range m.Meetings {
			out = append(out, fmt.Sprintf("%s met %s: %s %s %s %q %v", m.Who.ID, m.Whom.ID, mt.ID, mt.Date, mt.Place, mt.Evidence, mt.Documents))
		}
	}
	return out
}

func TestWhoMet(t *testing.T) {
	samMet := []string{
		`person:sam met person:chung: meeting:m1 2025-02-04 Seoul ["Altman came." "Altman met Chung." "정신아도 왔다."] [d1]`,
		`person:sam met person:chung: meeting:m4 2025-05-05 Pangyo ["Altman met Chung again."] [d2]`,
		`person:sam met person:kim-min-jun:  2025-01-01  ["Kim met Altman."] [d4]`,
		`person:sam met person:son: meeting:m2 2025-02-03 Tokyo ["Altman met Son in Tokyo."] [d3]`,
	}
	tests := []struct {
		name    string
		query   string
		want    []string
		wantErr string
	}{
		{"name", "Sam Altman", samMet, ""},
		{"Hangul alias", "샘 알트먼", samMet, ""},
		{"misspelled alias", "알트민", samMet, ""},
		{"case ignored", "SAM ALTMAN", samMet, ""},
		{"id", "person:sam", samMet, ""},
		{"id is exact", "PERSON:SAM", nil, `no person called "PERSON:SAM": not found`},
		{"a name two people have: both answer, in id order", "Kim Min-jun", []string{
			`person:kim-min-jun met person:sam:  2025-01-01  ["Kim met Altman."] [d4]`,
			`person:kim-min-jun~2 met person:son: meeting:m3 2025-03-01  ["Kim came." "Kim met Son." "Son came."] [d5]`,
		}, ""},
		{"Korean alias of one of them", "김민준", []string{
			`person:kim-min-jun~2 met person:son: meeting:m3 2025-03-01  ["Kim came." "Kim met Son." "Son came."] [d5]`,
		}, ""},
		{"met by others only", "Masayoshi Son", []string{
			`person:son met person:kim-min-jun~2: meeting:m3 2025-03-01  ["Kim came." "Kim met Son." "Son came."] [d5]`,
			`person:son met person:sam: meeting:m2 2025-02-03 Tokyo ["Altman met Son in Tokyo."] [d3]`,
		}, ""},
		{"met no one", "Lonely Person", []string{}, ""},
		{"Cypher's toLower: final sigma", "οδος", []string{}, ""},
		{"an organization is not a person", "Kakao", nil, `no person called "Kakao": not found`},
		{"no such person", "Nobody", nil, `no person called "Nobody": not found`},
	}
	q := graphquery.New(testGraph())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := q.WhoMet(tt.query)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || !errors.Is(err, graphquery.ErrNotFound) {
					t.Fatalf("WhoMet(%q) error = %v, want %q wrapping ErrNotFound", tt.query, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("WhoMet(%q): %v", tt.query, err)
			}
			if ms == nil {
				t.Errorf("WhoMet(%q) = nil, want a list (JSON [] as the server gives)", tt.query)
			}
			if d := cmp.Diff(tt.want, metLines(ms)); d != "" {
				t.Errorf("WhoMet(%q) mismatch (-want +got):\n%s", tt.query, d)
			}
		})
	}
}

// chain renders a path: ids joined by -TYPE-> or <-TYPE-.
func chain(p *graphquery.Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			s := p.Steps[i-1]
			if s.Forward {
				fmt.Fprintf(&b, " -%s-> ", s.Type)
			} else {
				fmt.Fprintf(&b, " <-%s- ", s.Type)
			}
			if m, ok := s.Properties["meeting"]; ok {
				b.WriteString("(" + m.(string) + ") ")
			}
		}
		b.WriteString(n.ID)
	}
	return b.String()
}

func TestShortestPath(t *testing.T) {
	tests := []struct {
		name, from, to string
		depth          int
		want, wantErr  string
	}{
		{"two meetings", "Chung Shin-a", "Masayoshi Son", 6,
			"person:chung -MET-> (meeting:m1) person:sam -MET-> (meeting:m2) person:son", ""},
		{"two relationships between the same two: the first by id", "정신아", "샘 알트먼", 6,
			"person:chung -MET-> (meeting:m1) person:sam", ""},
		{"fewer documents first, though doc:d1 sorts first; then by node ids", "Sam Altman", "Kakao", 6,
			"person:sam -ATTENDED-> meeting:m1 <-ATTENDED- org:kakao", ""},
		{"partners", "OpenAI", "카카오", 6,
			"org:openai <-PARTNERS_WITH- org:kakao", ""},
		{"through a document when nothing else joins", "Sam Altman", "Lonely Person", 6,
			"person:sam <-MENTIONS- doc:d1 -MENTIONS-> person:loner", ""},
		{"of two people of one name, the nearer", "Kim Min-jun", "SoftBank", 6,
			"person:kim-min-jun~2 -MET-> (meeting:m3) person:son -HOLDS_ROLE-> org:softbank", ""},
		{"to a meeting", "Kim Min-jun", "meeting:m1", 6,
			"person:kim-min-jun -MET-> person:sam -ATTENDED-> meeting:m1", ""},
		{"depth limit", "Chung Shin-a", "Masayoshi Son", 1,
			"", `no path between "Chung Shin-a" and "Masayoshi Son" within 1 steps: not found`},
		{"one node by both names", "Sam Altman", "샘 알트먼", 6,
			"", `no path between "Sam Altman" and "샘 알트먼" within 6 steps: not found`},
		{"not joined at all", "ΟΔΟΣ", "Sam Altman", 15,
			"", `no path between "ΟΔΟΣ" and "Sam Altman" within 15 steps: not found`},
		{"no such start", "Nobody", "Sam Altman", 6, "", `nothing called "Nobody": not found`},
		{"no such end", "Sam Altman", "Nobody", 6, "", `nothing called "Nobody": not found`},
		{"depth 0", "Sam Altman", "Kakao", 0, "", "path depth 0: want 1 to 15"},
		{"depth 16", "Sam Altman", "Kakao", 16, "", "path depth 16: want 1 to 15"},
	}
	q := graphquery.New(testGraph())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := q.ShortestPath(tt.from, tt.to, tt.depth)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ShortestPath(%q, %q, %d) error = %v, want %q", tt.from, tt.to, tt.depth, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ShortestPath(%q, %q, %d): %v", tt.from, tt.to, tt.depth, err)
			}
			if got := chain(p); got != tt.want {
				t.Errorf("ShortestPath(%q, %q, %d) = %s, want %s", tt.from, tt.to, tt.depth, got, tt.want)
			}
		})
	}
}

// TestShortestPathResult checks what a path carries: names, labels, the
// relationship's properties, directions.
func TestShortestPathResult(t *testing.T) {
	p, err := graphquery.New(testGraph()).ShortestPath("Chung Shin-a", "Kakao", 6)
	if err != nil {
		t.Fatal(err)
	}
	want := &graphquery.Path{
		Nodes: []graphquery.Entity{
			{ID: "person:chung", Name: "Chung Shin-a", Labels: []string{graph.Person}},
			{ID: "org:kakao", Name: "Kakao", Labels: []string{graph.Organization}},
		},
		Steps: []graphquery.Step{{Type: graph.HoldsRole, Forward: true, Properties: map[string]any{
			"documents": []string{"d1"}, "evidence": []string{"Kakao CEO Chung Shin-a"}, "title": "CEO"}}},
	}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("ShortestPath mismatch (-want +got):\n%s", d)
	}
}

// TestGroupMet: rows of one pair fold into meetings by id, or by date and
// place when a row has no meeting; the order of rows with ids does not
// matter.
func TestGroupMet(t *testing.T) {
	who, whom := graphquery.Entity{ID: "p:a", Name: "A"}, graphquery.Entity{ID: "p:b", Name: "b"}
	other := graphquery.Entity{ID: "p:c", Name: "C"}
	rows := []graphquery.Row{
		{Who: who, Whom: whom, Meeting: graphquery.Meeting{ID: "m1", Date: "2025-01-02", Place: "Seoul", Evidence: []string{"y"}, Documents: []string{"d2"}}},
		{Who: who, Whom: other, Meeting: graphquery.Meeting{Date: "2025-01-01", Evidence: []string{"z"}}},
		{Who: who, Whom: whom, Meeting: graphquery.Meeting{ID: "m1", Date: "2025-01-02", Place: "Seoul", Evidence: []string{"x", "y"}, Documents: []string{"d1"}}},
		{Who: who, Whom: whom, Meeting: graphquery.Meeting{Date: "2025-01-01", Place: "Busan"}},
	}
	want := []graphquery.Met{
		{Who: who, Whom: whom, Meetings: []graphquery.Meeting{
			{Date: "2025-01-01", Place: "Busan"},
			{ID: "m1", Date: "2025-01-02", Place: "Seoul", Evidence: []string{"x", "y"}, Documents: []string{"d1", "d2"}},
		}},
		{Who: who, Whom: other, Meetings: []graphquery.Meeting{{Date: "2025-01-01", Evidence: []string{"z"}}}},
	}
	if d := cmp.Diff(want, graphquery.GroupMet(rows)); d != "" {
		t.Errorf("GroupMet mismatch (-want +got):\n%s", d)
	}
}
