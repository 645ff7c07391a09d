package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
)

func TestPlacesMatch(t *testing.T) {
	for _, tc := range []struct {
		got, want string
		ok        bool
	}{
		{"", "", true},
		{"Seoul", "Seoul", true},
		{"seoul", "Seoul.", true},
		{"Seoul", "Seocho District, Seoul", true},
		{"Pohang", "Dongbang Steel headquarters, Pohang, North Gyeongsang Province", true},
		{"Seocho District, Seoul", "Seoul", true},
		{"Seoul", "", false},
		{"", "Pohang", false},
		{"Seoul", "Pohang", false},
		{"Busan", "Seocho District, Seoul", false},
		{"US", "Busan", false},
		{"Oman", "Romania", false},
		{"Seo", "Seoul", false},
		{"Gangnam District, Seoul", "서울 강남구 삼성동", false},
		{"강남구, 서울", "서울 강남구 삼성동", true},
		{"Pohang", "a hotel in Pohang", true},
	} {
		if got := PlacesMatch(tc.got, tc.want); got != tc.ok {
			t.Errorf("PlacesMatch(%q, %q) = %v, want %v", tc.got, tc.want, got, tc.ok)
		}
	}
}

func meetingNode(id, date, place string, participants ...string) graph.Node {
	return graph.Node{ID: id, Labels: []string{graph.Meeting}, Properties: map[string]any{
		"date": date, "place": place, "participants": participants}}
}

func TestMeetingDetailsAndRoleStatus(t *testing.T) {
	gold := loadSmallGold(t)
	gold.Meetings[0].Place = "Pangyo, Gyeonggi Province"
	gold.Meetings = append(gold.Meetings, Meeting{Participants: []string{"Sam Altman", "Donald Trump"}})
	gold.Roles[1].Status = RoleFormer

	for _, tc := range []struct {
		name          string
		meetings      []graph.Node
		chungStatus   string
		altmanStatus  string
		dates, places Share
		status        Share
	}{{
		name: "all right",
		meetings: []graph.Node{
			meetingNode("m1", "2025-02-04", "Pangyo", "p:altman", "p:chung", "p:trump"),
			meetingNode("m2", "2025-03-01", "", "p:altman", "p:trump"),
		},
		chungStatus: RoleFormer,
		dates:       Share{Correct: 1, Total: 1, Share: 1, Wrong: []string{}},
		places:      Share{Correct: 2, Total: 2, Share: 1, Wrong: []string{}},
		status:      Share{Correct: 1, Total: 1, Share: 1, Wrong: []string{}},
	}, {
		name: "wrong date, a stated place missing, a place invented, statuses swapped",
		meetings: []graph.Node{
			meetingNode("m1", "2025-02-03", "", "p:altman", "p:chung"),
			meetingNode("m2", "", "Seoul", "p:altman", "p:trump"),
		},
		altmanStatus: RoleFormer,
		dates: Share{Total: 1, Wrong: []string{
			`meeting of Sam Altman, Chung Shin-a, Donald Trump: date "2025-02-03", want "2025-02-04"`}},
		places: Share{Total: 2, Wrong: []string{
			`meeting of Sam Altman, Chung Shin-a, Donald Trump: place "", want "Pangyo, Gyeonggi Province"`,
			`meeting of Sam Altman, Donald Trump: place "Seoul", want ""`}},
		status: Share{Total: 2, Wrong: []string{
			"Chung Shin-a @ Kakao: current, want former",
			"Sam Altman @ OpenAI: former, want current"}},
	}, {
		name:     "a meeting not found is not scored",
		meetings: []graph.Node{meetingNode("m1", "2025-02-04", "", "p:altman", "p:softbank")},
		dates:    Share{Share: 1, Wrong: []string{}},
		places:   Share{Share: 1, Wrong: []string{}},
		status:   Share{Total: 1, Wrong: []string{"Chung Shin-a @ Kakao: current, want former"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			g := perfectGraph()
			g.Nodes = append(g.Nodes, tc.meetings...)
			if tc.chungStatus != "" {
				g.Relationships[1].Properties["status"] = tc.chungStatus
			}
			if tc.altmanStatus != "" {
				g.Relationships[0].Properties["status"] = tc.altmanStatus
			}
			r := Score(g, gold)
			if diff := cmp.Diff(tc.dates, r.MeetingDates); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.places, r.MeetingPlaces); diff != "" {
				t.Errorf("places (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.status, r.RoleStatus); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
		})
	}
}
