package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/kg-news/kg/graph"
)

// smallGold is the gold file most tests score against: 3 people, 3 orgs,
// 2 roles, 1 optional role, one 3-person meeting (3 pairs), 2 partnerships.
const smallGold = `
document:
  title: "Test"
  languages: [en, ko]
entities:
  - {name: "Sam Altman", type: PERSON, aliases: ["Altman", "샘 알트먼"]}
  - {name: "Chung Shin-a", type: PERSON, aliases: ["정신아"]}
  - {name: "Donald Trump", type: PERSON, aliases: ["Trump", "도널드 트럼프"]}
  - {name: "OpenAI", type: ORGANIZATION, aliases: ["오픈AI"]}
  - {name: "Kakao", type: ORGANIZATION, aliases: ["카카오"]}
  - {name: "SoftBank", type: ORGANIZATION}
roles:
  - {person: "Sam Altman", title: "CEO", org: "OpenAI"}
  - {person: "Chung Shin-a", title: "CEO", org: "Kakao", also: ["Chief Executive"]}
optional_roles:
  - {person: "Donald Trump", title: "President", org: "U.S."}
meetings:
  - participants: ["Sam Altman", "Chung Shin-a", "Donald Trump"]
    date: "2025-02-04"
partnerships:
  - orgs: ["OpenAI", "Kakao"]
  - orgs: ["SoftBank", "OpenAI"]
other:
  anything: {goes: [here]}
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadSmallGold(t *testing.T) *Gold {
	t.Helper()
	g, err := LoadGold(writeFile(t, "small.gold.yaml", smallGold))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func person(id, name string, aliases ...string) graph.Node {
	return entNode(graph.Person, id, name, aliases)
}

func org(id, name string, aliases ...string) graph.Node {
	return entNode(graph.Organization, id, name, aliases)
}

func entNode(label, id, name string, aliases []string) graph.Node {
	p := map[string]any{"name": name}
	if aliases != nil {
		p["aliases"] = aliases
	}
	return graph.Node{ID: id, Labels: []string{label}, Properties: p}
}

func rel(typ, start, end string, props map[string]any) graph.Relationship {
	if props == nil {
		props = map[string]any{}
	}
	if _, ok := props["rules"]; !ok {
		props["rules"] = []string{strings.ToLower(typ)}
	}
	return graph.Relationship{ID: typ + ":" + start + ":" + end, Type: typ, StartNode: start, EndNode: end, Properties: props}
}

func role(p, o, title string) graph.Relationship {
	return rel(graph.HoldsRole, p, o, map[string]any{"title": title, "titles_original": []string{title}})
}

// perfectGraph matches smallGold exactly.
func perfectGraph() *graph.Graph {
	return &graph.Graph{
		Nodes: []graph.Node{
			person("p:altman", "Sam Altman", "Altman", "샘 알트먼"),
			person("p:chung", "Chung Shin-a", "정신아"),
			person("p:trump", "Donald Trump", "도널드 트럼프"),
			org("o:openai", "OpenAI"),
			org("o:kakao", "Kakao"),
			org("o:softbank", "SoftBank"),
		},
		Relationships: []graph.Relationship{
			role("p:altman", "o:openai", "CEO"),
			role("p:chung", "o:kakao", "Chief Executive"),
			rel(graph.Met, "p:altman", "p:chung", map[string]any{"meeting": "m1", "date": "2025-02-04"}),
			rel(graph.Met, "p:altman", "p:trump", map[string]any{"meeting": "m1"}),
			rel(graph.Met, "p:chung", "p:trump", map[string]any{"meeting": "m1"}),
			rel(graph.PartnersWith, "o:openai", "o:kakao", nil),
			rel(graph.PartnersWith, "o:softbank", "o:openai", nil),
		},
	}
}

// summary is the part of a Report the table tests compare.
type summary struct {
	Counts map[string][3]int // kind → tp, fp, fn
	F1     map[string]float64
	Misses []string // "kind: item"
	FPs    []string // "kind: item"
	Wrong  []string
}

func summarize(r *Report) summary {
	s := summary{Counts: map[string][3]int{}, F1: map[string]float64{}}
	for _, ks := range r.kinds() {
		s.Counts[ks.Kind] = [3]int{ks.TP, ks.FP, ks.FN}
		for _, m := range ks.Misses {
			s.Misses = append(s.Misses, ks.Kind+": "+m)
		}
		for _, m := range ks.FalsePositives {
			s.FPs = append(s.FPs, ks.Kind+": "+m)
		}
	}
	for _, k := range Kinds {
		s.F1[k] = round(r.F1(k))
	}
	s.Wrong = r.Titles.Wrong
	return s
}

func round(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

var perfectCounts = map[string][3]int{
	"entities": {6, 0, 0}, "roles": {2, 0, 0}, "meetings": {3, 0, 0}, "partnerships": {2, 0, 0},
}

var allOne = map[string]float64{"entities": 1, "roles": 1, "meetings": 1, "partnerships": 1, "titles": 1}

// with returns perfectCounts/allOne with some entries replaced.
func with[V any](base map[string]V, kv map[string]V) map[string]V {
	out := map[string]V{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range kv {
		out[k] = v
	}
	return out
}

func TestScore(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(g *graph.Graph)
		want   summary
	}{
		{
			name:   "perfect match",
			mutate: func(*graph.Graph) {},
			want:   summary{Counts: perfectCounts, F1: allOne, Wrong: []string{}},
		},
		{
			name: "missing person",
			mutate: func(g *graph.Graph) {
				g.Nodes = g.Nodes[:2:2]
				g.Nodes = append(g.Nodes, perfectGraph().Nodes[3:]...)
				var rels []graph.Relationship
				for _, r := range g.Relationships {
					if r.StartNode != "p:trump" && r.EndNode != "p:trump" {
						rels = append(rels, r)
					}
				}
				g.Relationships = rels
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{"entities": {5, 0, 1}, "meetings": {1, 0, 2}}),
				F1:     with(allOne, map[string]float64{"entities": 0.909, "meetings": 0.5}),
				Misses: []string{
					"entities: Donald Trump",
					"meetings: Chung Shin-a <-> Donald Trump",
					"meetings: Donald Trump <-> Sam Altman",
				},
				Wrong: []string{},
			},
		},
		{
			name: "duplicate node",
			mutate: func(g *graph.Graph) {
				g.Nodes = append(g.Nodes, person("p:altman-2", "ALTMAN"))
				// The duplicate's edges still name Sam Altman.
				g.Relationships = append(g.Relationships, rel(graph.Met, "p:chung", "p:altman-2", nil))
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{"entities": {6, 1, 0}}),
				F1:     with(allOne, map[string]float64{"entities": 0.923}),
				FPs:    []string{"entities: ALTMAN (duplicate of Sam Altman)"},
				Wrong:  []string{},
			},
		},
		{
			name: "wrong title",
			mutate: func(g *graph.Graph) {
				g.Relationships[1] = role("p:chung", "o:kakao", "Chairman")
			},
			want: summary{
				Counts: perfectCounts,
				F1:     with(allOne, map[string]float64{"titles": 0.5}),
				Wrong:  []string{`Chung Shin-a @ Kakao: got "Chairman", want "CEO" or "Chief Executive"`},
			},
		},
		{
			name: "title case differs",
			mutate: func(g *graph.Graph) {
				g.Relationships[0] = role("p:altman", "o:openai", "ceo")
			},
			want: summary{Counts: perfectCounts, F1: allOne, Wrong: []string{}},
		},
		{
			name: "MET pairs reversed still match",
			mutate: func(g *graph.Graph) {
				for i, r := range g.Relationships {
					if r.Type == graph.Met || r.Type == graph.PartnersWith {
						g.Relationships[i].StartNode, g.Relationships[i].EndNode = r.EndNode, r.StartNode
					}
				}
			},
			want: summary{Counts: perfectCounts, F1: allOne, Wrong: []string{}},
		},
		{
			name: "repeated MET pair counts once",
			mutate: func(g *graph.Graph) {
				r := rel(graph.Met, "p:chung", "p:altman", map[string]any{"meeting": "m2"})
				r.ID = "met-again"
				g.Relationships = append(g.Relationships, r)
			},
			want: summary{Counts: perfectCounts, F1: allOne, Wrong: []string{}},
		},
		{
			name: "FP partnership",
			mutate: func(g *graph.Graph) {
				g.Relationships = append(g.Relationships, rel(graph.PartnersWith, "o:kakao", "o:softbank", nil))
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{"partnerships": {2, 1, 0}}),
				F1:     with(allOne, map[string]float64{"partnerships": 0.8}),
				FPs:    []string{"partnerships: Kakao <-> SoftBank"},
				Wrong:  []string{},
			},
		},
		{
			name: "unmatched nodes are FPs by extracted name",
			mutate: func(g *graph.Graph) {
				g.Nodes = append(g.Nodes, person("p:kim", "Kim Chang-han"), org("o:krafton", "Krafton"))
				g.Relationships = append(g.Relationships,
					rel(graph.Met, "p:altman", "p:kim", nil),
					role("p:kim", "o:krafton", "CEO"),
					role("p:altman", "o:kakao", "CEO"))
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{"entities": {6, 2, 0}, "roles": {2, 2, 0}, "meetings": {3, 1, 0}}),
				F1:     with(allOne, map[string]float64{"entities": 0.857, "roles": 0.667, "meetings": 0.857}),
				FPs: []string{
					"entities: Kim Chang-han",
					"entities: Krafton",
					"roles: Kim Chang-han (not in gold) @ Krafton (not in gold)",
					"roles: Sam Altman @ Kakao",
					"meetings: Kim Chang-han (not in gold) <-> Sam Altman",
				},
				Wrong: []string{},
			},
		},
		{
			name: "optional role ignored",
			mutate: func(g *graph.Graph) {
				g.Nodes = append(g.Nodes, org("o:us", "U.S."))
				g.Relationships = append(g.Relationships, role("p:trump", "o:us", "President"))
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{"entities": {6, 1, 0}}),
				F1:     with(allOne, map[string]float64{"entities": 0.923}),
				FPs:    []string{"entities: U.S."},
				Wrong:  []string{},
			},
		},
		{
			name: "alias matching ignores hyphens, spaces, case; Hangul and NFD",
			mutate: func(g *graph.Graph) {
				g.Nodes = []graph.Node{
					person("p:altman", "샘알트먼"),                                // Hangul alias without the space
					person("p:chung", "CHUNG SHIN A", norm.NFD.String("정신아")), // space for hyphen, upper case
					person("p:trump", "donald-trump"),
					org("o:openai", "Open AI"),
					org("o:kakao", norm.NFD.String("카카오")), // decomposed jamo
					org("o:softbank", "Soft-Bank"),
				}
			},
			want: summary{Counts: perfectCounts, F1: allOne, Wrong: []string{}},
		},
		{
			name: "types must agree",
			mutate: func(g *graph.Graph) {
				g.Nodes[4] = person("o:kakao", "Kakao")
			},
			want: summary{
				Counts: with(perfectCounts, map[string][3]int{
					"entities": {5, 1, 1}, "roles": {1, 1, 1}, "partnerships": {1, 1, 1},
				}),
				F1: with(allOne, map[string]float64{"entities": 0.833, "roles": 0.5, "partnerships": 0.5}),
				Misses: []string{
					"entities: Kakao",
					"roles: Chung Shin-a @ Kakao",
					"partnerships: Kakao <-> OpenAI",
				},
				FPs: []string{
					"entities: Kakao",
					"roles: Chung Shin-a @ Kakao (not in gold)",
					"partnerships: Kakao (not in gold) <-> OpenAI",
				},
				Wrong: []string{},
			},
		},
		{
			name: "empty graph",
			mutate: func(g *graph.Graph) {
				g.Nodes, g.Relationships = nil, nil
			},
			want: summary{
				Counts: map[string][3]int{"entities": {0, 0, 6}, "roles": {0, 0, 2}, "meetings": {0, 0, 3}, "partnerships": {0, 0, 2}},
				F1:     map[string]float64{"entities": 0, "roles": 0, "meetings": 0, "partnerships": 0, "titles": 0},
				Misses: []string{
					"entities: Chung Shin-a", "entities: Donald Trump", "entities: Kakao",
					"entities: OpenAI", "entities: Sam Altman", "entities: SoftBank",
					"roles: Chung Shin-a @ Kakao", "roles: Sam Altman @ OpenAI",
					"meetings: Chung Shin-a <-> Donald Trump", "meetings: Chung Shin-a <-> Sam Altman",
					"meetings: Donald Trump <-> Sam Altman",
					"partnerships: Kakao <-> OpenAI", "partnerships: OpenAI <-> SoftBank",
				},
				Wrong: []string{},
			},
		},
	}
	gold := loadSmallGold(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := perfectGraph()
			tt.mutate(g)
			got := summarize(Score(g, gold))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Score mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreEmptyKinds(t *testing.T) {
	gold, err := ParseGold("x.yaml", []byte(`
entities:
  - {name: "A", type: PERSON}
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		g    *graph.Graph
		want map[string]float64
	}{
		{
			name: "gold and extraction both empty score 1",
			g:    &graph.Graph{Nodes: []graph.Node{person("a", "A")}},
			want: map[string]float64{"entities": 1, "roles": 1, "meetings": 1, "partnerships": 1, "titles": 1},
		},
		{
			name: "extraction beyond an empty gold scores 0",
			g: &graph.Graph{
				Nodes:         []graph.Node{person("a", "A"), person("b", "B")},
				Relationships: []graph.Relationship{rel(graph.Met, "a", "b", nil)},
			},
			want: map[string]float64{"entities": 0.667, "roles": 1, "meetings": 0, "partnerships": 1, "titles": 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(Score(tt.g, gold)).F1
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("F1 mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRuleStats(t *testing.T) {
	g := perfectGraph()
	g.Nodes = append(g.Nodes, org("o:us", "U.S."))
	g.Relationships[0].Properties["rules"] = []string{"role.en", "role.ko"}
	g.Relationships[1].Properties["rules"] = []string{"role.en"}
	delete(g.Relationships[2].Properties, "rules")
	g.Relationships = append(g.Relationships,
		rel(graph.PartnersWith, "o:kakao", "o:softbank", map[string]any{"rules": []string{"partner.en"}}),
		rel(graph.PartnersWith, "o:kakao", "o:openai", map[string]any{"rules": []string{"partner.en"}}),
		rel(graph.HoldsRole, "p:trump", "o:us", map[string]any{"title": "President", "rules": []string{"role.en"}}),
		rel(graph.Attended, "p:trump", "o:us", map[string]any{"rules": []string{"attend"}}), // not scored
	)
	got := Score(g, loadSmallGold(t)).Rules
	want := []RuleStat{
		{Rule: NoRule, TP: 1},
		{Rule: "met", TP: 2},
		{Rule: "partner.en", TP: 1, FP: 1},
		{Rule: "partners_with", TP: 2},
		{Rule: "role.en", TP: 2, Ignored: 1},
		{Rule: "role.ko", TP: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Rules mismatch (-want +got):\n%s", diff)
	}
}

func TestAssignmentPrefersExactName(t *testing.T) {
	// Both nodes match Sam Altman; the one named exactly wins whatever the
	// node order, and the other is the duplicate.
	for _, ids := range [][2]string{{"a", "b"}, {"b", "a"}} {
		t.Run(ids[0]+"-full", func(t *testing.T) {
			g := &graph.Graph{Nodes: []graph.Node{
				person(ids[0], "Sam Altman"),
				person(ids[1], "Altman", "Sam Altman"),
			}}
			gold := loadSmallGold(t)
			got := Score(g, gold).Assignment
			want := []EntityMatch{
				{Gold: "Sam Altman", Node: ids[0], NodeName: "Sam Altman"},
				{Gold: "Sam Altman", Node: ids[1], NodeName: "Altman", Duplicate: true},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Assignment mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNamesEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Chey Tae-won", "chey taewon", true},
		{"Chey Tae-won", "CHEY-TAE-WON", true},
		{"SK hynix", "SKhynix", true},
		{"GS E&C", "gs e&c", true},
		{"Samsung’s", "Samsung's", true},
		{"O‘Neil", "O'Neil", true},
		{"샘 알트먼", "샘알트먼", true},
		{"정신아", norm.NFD.String("정신아"), true},
		{"Lee Jae–yong", "Lee Jae-yong", true}, // en dash
		{"Lee\u00a0Jae-yong", "Lee Jae-yong", true},
		{"Sam Altman", "Sam Altmann", false},
		{"SK", "SK Group", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"="+tt.b, func(t *testing.T) {
			if got := NamesEqual(tt.a, tt.b); got != tt.want {
				t.Errorf("NamesEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestPeopleWithBothScripts(t *testing.T) {
	gold := loadSmallGold(t)
	g := &graph.Graph{Nodes: []graph.Node{
		person("p:altman", "Sam Altman", "샘 알트먼"),
		person("p:chung", "Chung Shin-a"),
		{ID: "p:trump", Labels: []string{graph.Person}, Properties: map[string]any{
			"name": "도널드 트럼프", "name_en": "Donald Trump", "name_ko": "도널드 트럼프",
		}},
		person("p:trump2", "Trump"),
	}}
	want := []ScriptGap{
		{Person: "Chung Shin-a", Nodes: 1, Latin: true},
		{Person: "Donald Trump", Nodes: 2, Latin: true, Hangul: true},
	}
	if diff := cmp.Diff(want, PeopleWithBothScripts(g, gold)); diff != "" {
		t.Errorf("PeopleWithBothScripts mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, Score(g, gold).Scripts); diff != "" {
		t.Errorf("Report.Scripts mismatch (-want +got):\n%s", diff)
	}

	enOnly, err := ParseGold("en.yaml", []byte("document: {languages: [en]}\nentities: [{name: A, type: PERSON}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Score(&graph.Graph{}, enOnly).Scripts; got != nil {
		t.Errorf("Scripts for an English-only document = %v, want nil", got)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr []string // substrings, besides the file name
	}{
		{
			name:    "unknown key in an entity",
			yaml:    "entities:\n  - {name: A, type: PERSON}\n  - {name: B, type: PERSON, nick: b}\n",
			wantErr: []string{":3: field nick not found"},
		},
		{
			name:    "unknown top-level key",
			yaml:    "entities: []\nextras: 1\n",
			wantErr: []string{":2: field extras not found"},
		},
		{
			name:    "syntax error",
			yaml:    "entities:\n  - {name: A\n",
			wantErr: []string{":1: did not find expected"},
		},
		{
			name:    "bad type",
			yaml:    "entities:\n  - {name: A, type: PLACE}\n",
			wantErr: []string{":2: entities[0]: type \"PLACE\""},
		},
		{
			name:    "role names an unknown person",
			yaml:    "entities:\n  - {name: O, type: ORGANIZATION}\nroles:\n  - {person: P, title: CEO, org: O}\n",
			wantErr: []string{":4: roles[0]: person \"P\" is not a gold entity"},
		},
		{
			name:    "partnership with a person",
			yaml:    "entities:\n  - {name: O, type: ORGANIZATION}\n  - {name: P, type: PERSON}\npartnerships:\n  - orgs: [O, P]\n",
			wantErr: []string{":5: partnerships[0]: org \"P\" is a PERSON, want ORGANIZATION"},
		},
		{
			name:    "one-person meeting",
			yaml:    "entities:\n  - {name: P, type: PERSON}\nmeetings:\n  - participants: [P]\n",
			wantErr: []string{":4: meetings[0]: 1 participants"},
		},
		{
			name:    "duplicate entity",
			yaml:    "entities:\n  - {name: Sam Altman, type: PERSON}\n  - {name: sam-altman, type: PERSON}\n",
			wantErr: []string{":3: entities[1]: name \"sam-altman\" repeats entity \"Sam Altman\""},
		},
		{
			name:    "empty file",
			yaml:    "",
			wantErr: []string{"empty gold file"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "bad.gold.yaml", tt.yaml)
			_, err := LoadGold(p)
			if err == nil {
				t.Fatal("LoadGold succeeded, want an error")
			}
			for _, s := range append([]string{p}, tt.wantErr...) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "none.yaml")
		if _, err := LoadGold(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("LoadGold(missing) error = %v, want one naming %s", err, p)
		}
	})
}

const seedGold = "../testdata/docs/altman-seoul-2025-02-04.gold.yaml"

func TestSeedGold(t *testing.T) {
	gold, err := LoadGold(seedGold)
	if err != nil {
		t.Fatal(err)
	}
	type counts struct {
		Entities, People, Orgs, Roles, OptionalRoles, Meetings, MeetingPairs, Partnerships int
		Languages                                                                          []string
		HasOther                                                                           bool
	}
	got := counts{
		Entities:      len(gold.Entities),
		Roles:         len(gold.Roles),
		OptionalRoles: len(gold.OptionalRoles),
		Meetings:      len(gold.Meetings),
		MeetingPairs:  len(gold.MeetingPairs()),
		Partnerships:  len(gold.Partnerships),
		Languages:     gold.Document.Languages,
		HasOther:      gold.Other["products"] != nil,
	}
	for _, e := range gold.Entities {
		if e.Type == PersonType {
			got.People++
		} else {
			got.Orgs++
		}
	}
	want := counts{
		Entities: 27, People: 11, Orgs: 16, Roles: 10, OptionalRoles: 1,
		Meetings: 5, MeetingPairs: 12, Partnerships: 5,
		Languages: []string{"en", "ko"}, HasOther: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seed gold counts (-want +got):\n%s", diff)
	}

	t.Run("graph built from the gold scores 1", func(t *testing.T) {
		rep := Score(graphFromGold(gold), gold)
		got := summarize(rep)
		want := summary{
			Counts: map[string][3]int{"entities": {27, 0, 0}, "roles": {10, 0, 0}, "meetings": {12, 0, 0}, "partnerships": {5, 0, 0}},
			F1:     allOne,
			Wrong:  []string{},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]ScriptGap{}, rep.Scripts); diff != "" {
			t.Errorf("Scripts (-want +got):\n%s", diff)
		}
	})
	t.Run("empty graph", func(t *testing.T) {
		got := summarize(Score(&graph.Graph{}, gold)).Counts
		want := map[string][3]int{"entities": {0, 0, 27}, "roles": {0, 0, 10}, "meetings": {0, 0, 12}, "partnerships": {0, 0, 5}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
}

// graphFromGold builds the graph a perfect extractor would produce, with
// node names taken from the gold aliases (to exercise alias matching).
func graphFromGold(gold *Gold) *graph.Graph {
	g := &graph.Graph{}
	ids := map[string]string{}
	for _, e := range gold.Entities {
		label, prefix := graph.Person, "person"
		if e.Type == OrgType {
			label, prefix = graph.Organization, "org"
		}
		id := graph.Key(prefix, e.Name)
		ids[e.Name] = id
		name := e.Name
		aliases := append([]string{}, e.Aliases...)
		if len(aliases) > 0 { // name the node by its last alias instead
			name, aliases[len(aliases)-1] = aliases[len(aliases)-1], e.Name
		}
		g.Nodes = append(g.Nodes, entNode(label, id, name, aliases))
	}
	for _, r := range gold.Roles {
		g.Relationships = append(g.Relationships, role(ids[r.Person], ids[r.Org], r.Title))
	}
	for i, m := range gold.Meetings {
		for a := range m.Participants {
			for b := a + 1; b < len(m.Participants); b++ {
				r := rel(graph.Met, ids[m.Participants[b]], ids[m.Participants[a]], map[string]any{"meeting": i})
				r.ID += ":" + string(rune('0'+i))
				g.Relationships = append(g.Relationships, r)
			}
		}
	}
	for _, p := range gold.Partnerships {
		g.Relationships = append(g.Relationships, rel(graph.PartnersWith, ids[p.Orgs[0]], ids[p.Orgs[1]], nil))
	}
	return g
}

func TestReportOutput(t *testing.T) {
	gold := loadSmallGold(t)
	g := perfectGraph()
	g.Nodes = append(g.Nodes, person("p:altman-2", "Altman"))
	g.Relationships[1] = role("p:chung", "o:kakao", "Chairman")
	rep := Score(g, gold)

	t.Run("text", func(t *testing.T) {
		var buf bytes.Buffer
		if err := rep.Print(&buf, false); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, s := range []string{
			"KIND          P      R      F1     TP  FP  FN  TITLES\n",
			"entities      0.857  1.000  0.923  6   1   0\n",
			"roles         1.000  1.000  1.000  2   0   0   0.500 (1/2)\n",
			"false positives:\n  entities      Altman (duplicate of Sam Altman)\n",
			"wrong titles:\n  Chung Shin-a @ Kakao: got \"Chairman\", want \"CEO\" or \"Chief Executive\"\n",
			"rules:\n",
			"  holds_role     2   0   0        1.000\n",
		} {
			if !strings.Contains(out, s) {
				t.Errorf("output lacks %q:\n%s", s, out)
			}
		}
		if strings.Contains(out, "matched:") || strings.Contains(out, "assignment:") {
			t.Errorf("non-verbose output lists matches:\n%s", out)
		}
		buf.Reset()
		if err := rep.Print(&buf, true); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"matched:\n", "assignment:\n", "(duplicate)"} {
			if !strings.Contains(buf.String(), s) {
				t.Errorf("verbose output lacks %q:\n%s", s, buf.String())
			}
		}
	})

	t.Run("json is stable and round-trips", func(t *testing.T) {
		var a, b bytes.Buffer
		if err := rep.WriteJSON(&a); err != nil {
			t.Fatal(err)
		}
		if err := Score(g, gold).WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a.String(), b.String()); diff != "" {
			t.Errorf("JSON differs between runs (-want +got):\n%s", diff)
		}
		var back Report
		if err := json.Unmarshal(a.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(rep, &back); diff != "" {
			t.Errorf("JSON round trip (-want +got):\n%s", diff)
		}
	})
}

func TestOptionalEntities(t *testing.T) {
	gold, err := ParseGold("g.yaml", []byte(`
entities:
  - {name: "Acme", type: ORGANIZATION, aliases: []}
optional_entities:
  - {name: "European Union", type: ORGANIZATION, aliases: ["EU"]}
`))
	if err != nil {
		t.Fatal(err)
	}
	g := &graph.Graph{Nodes: []graph.Node{
		{ID: "org:acme", Labels: []string{graph.Organization}, Properties: map[string]any{"name": "Acme"}},
		{ID: "org:eu", Labels: []string{graph.Organization}, Properties: map[string]any{"name": "EU"}},
	}}
	rep := Score(g, gold)
	if rep.Entities.FP != 0 || rep.Entities.Precision != 1 {
		t.Errorf("an optional entity counted: FP %d, precision %.2f", rep.Entities.FP, rep.Entities.Precision)
	}
	if len(rep.Entities.Ignored) != 1 {
		t.Errorf("Ignored = %v, want the EU", rep.Entities.Ignored)
	}
}
