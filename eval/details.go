package eval

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-news/kg/graph"
)

// Share counts the correct items among those checked, for details that
// are scored on items already matched (a found meeting's date and place,
// a matched role's status).
type Share struct {
	Correct int      `json:"correct"`
	Total   int      `json:"total"`
	Share   float64  `json:"share"`
	Wrong   []string `json:"wrong"`
}

func (s *Share) add(ok bool, wrong string) {
	s.Total++
	if ok {
		s.Correct++
		return
	}
	s.Wrong = append(s.Wrong, wrong)
}

func (s *Share) finish() {
	if s.Wrong == nil {
		s.Wrong = []string{}
	}
	sort.Strings(s.Wrong)
	s.Share = 1
	if s.Total > 0 {
		s.Share = float64(s.Correct) / float64(s.Total)
	}
}

// merge adds o's counts to s, prefixing o's wrong items with prefix.
func (s *Share) merge(o Share, prefix string) {
	s.Correct += o.Correct
	s.Total += o.Total
	for _, w := range o.Wrong {
		s.Wrong = append(s.Wrong, prefix+w)
	}
}

// scoreMeetingDetails scores the date and place of every gold meeting that
// was found: a Meeting node with at least two of its participants. Of
// several such nodes the one sharing the most participants counts (the
// first by id on a tie). A date counts where the gold gives one; a place
// counts always, since a place the text does not state must stay empty;
// the place may match in English (place) or Korean (place_ko).
// Of nodes sharing as many, the one with the fewest other participants
// counts.
func scoreMeetingDetails(g *graph.Graph, gold *Gold, a *assignment) (dates, places Share) {
	nodes := nodeMap(g)
	var meetings []graph.Node
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Meeting) {
			meetings = append(meetings, n)
		}
	}
	for _, gm := range gold.Meetings {
		best, bestN, bestExtra := -1, 1, 0
		for i, n := range meetings {
			shared := map[string]bool{}
			ids := stringsProp(n.Properties["participants"])
			for _, id := range ids {
				if ep := a.endpoint(nodes, id); ep.mapped && slices.Contains(gm.Participants, ep.gold) {
					shared[ep.gold] = true
				}
			}
			extra := len(ids) - len(shared)
			if len(shared) > bestN || (len(shared) == bestN && best >= 0 && extra < bestExtra) {
				best, bestN, bestExtra = i, len(shared), extra
			}
		}
		if best < 0 {
			continue
		}
		n := meetings[best]
		label := "meeting of " + strings.Join(gm.Participants, ", ")
		date, _ := n.Properties["date"].(string)
		place, _ := n.Properties["place"].(string)
		placeKO, _ := n.Properties["place_ko"].(string)
		if gm.Date != "" {
			dates.add(date == gm.Date, fmt.Sprintf("%s: date %q, want %q", label, date, gm.Date))
		}
		ok := PlacesMatch(place, gm.Place) || placeKO != "" && PlacesMatch(placeKO, gm.Place)
		places.add(ok, fmt.Sprintf("%s: place %q, want %q", label, place, gm.Place))
	}
	dates.finish()
	places.finish()
	return dates, places
}

// PlacesMatch reports whether an extracted place names the gold place:
// both empty, or the words of one (or of one of its comma-separated parts)
// stand together among the words of the other, ignoring case and
// punctuation: "Seoul" matches "Seocho District, Seoul" and "Pohang"
// matches "a hotel in Pohang", but "US" does not match "Busan".
func PlacesMatch(got, want string) bool {
	g, w := placeWords(got), placeWords(want)
	if len(g) == 0 || len(w) == 0 {
		return len(g) == len(w)
	}
	for _, gp := range append(placeParts(got), g) {
		for _, wp := range append(placeParts(want), w) {
			if len(gp) > 0 && len(wp) > 0 && (containsWords(wp, gp) || containsWords(gp, wp)) {
				return true
			}
		}
	}
	return false
}

func placeParts(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, ",") {
		out = append(out, placeWords(p))
	}
	return out
}

func placeWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsWords: sub stands as a run of whole words in ws.
func containsWords(ws, sub []string) bool {
	for i := 0; i+len(sub) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// scoreRoleStatus compares the status of every matched role where the gold
// or the graph says it is former: a HOLDS_ROLE relationship with status
// "former" for a current role is as wrong as a current one for a former
// role. Roles current on both sides are not counted.
func scoreRoleStatus(g *graph.Graph, gold *Gold, a *assignment) Share {
	nodes := nodeMap(g)
	type pr struct{ person, org string }
	former := map[pr]bool{}
	seen := map[pr]bool{}
	for _, rel := range g.Relationships {
		if rel.Type != graph.HoldsRole {
			continue
		}
		p, o := a.endpoint(nodes, rel.StartNode), a.endpoint(nodes, rel.EndNode)
		if !p.mapped || !o.mapped {
			continue
		}
		k := pr{p.gold, o.gold}
		seen[k] = true
		if s, _ := rel.Properties["status"].(string); s == RoleFormer {
			former[k] = true
		}
	}
	var s Share
	for _, role := range gold.Roles {
		k := pr{role.Person, role.Org}
		if !seen[k] {
			continue
		}
		want := role.Status == RoleFormer
		if !want && !former[k] {
			continue
		}
		got := "current"
		if former[k] {
			got = RoleFormer
		}
		wantS := "current"
		if want {
			wantS = RoleFormer
		}
		s.add(former[k] == want, fmt.Sprintf("%s @ %s: %s, want %s", role.Person, role.Org, got, wantS))
	}
	s.finish()
	return s
}
