package graphquery

import (
	"errors"
	"sort"
	"strings"

	"github.com/kg-news/kg/graph"
)

// ErrNotFound reports that no node has the name asked for, or that no
// chain joins two names.
var ErrNotFound = errors.New("not found")

// MaxPathDepth bounds ShortestPath's depth.
const MaxPathDepth = 15

// Entity names a node.
type Entity struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Labels []string `json:"labels,omitempty"`
}

// Meeting is one meeting with someone, as WhoMet reports it.
type Meeting struct {
	// ID is the Meeting node's id, if the extraction made one.
	ID       string   `json:"id,omitempty"`
	Date     string   `json:"date,omitempty"`
	Place    string   `json:"place,omitempty"`
	Evidence []string `json:"evidence"`
	// Documents are the ids of the documents that report the meeting.
	Documents []string `json:"documents"`
}

// Met is a person someone met and the meetings where they did.
type Met struct {
	// Who is the person named in the query, Whom the person they met.
	Who      Entity    `json:"who"`
	Whom     Entity    `json:"whom"`
	Meetings []Meeting `json:"meetings"`
}

// Step is one hop of a Path: the relationship's type and properties, and
// whether it points forward (from the node before it to the node after).
type Step struct {
	Type       string         `json:"type"`
	Forward    bool           `json:"forward"`
	Properties map[string]any `json:"properties"`
}

// Path is a chain of nodes joined by relationships: len(Steps) ==
// len(Nodes)-1, and Steps[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	Nodes []Entity `json:"nodes"`
	Steps []Step   `json:"steps"`
}

// Row is one piece of evidence that Who met Whom: one MET relationship
// (Meeting holding its meeting's id, date and place, if any, and the
// relationship's evidence), or two ATTENDED relationships to one Meeting
// node (the meeting's id, date and place, both relationships' evidence).
type Row struct {
	Who, Whom Entity
	Meeting   Meeting
}

// GroupMet folds rows into one Met per (Who, Whom) pair, and the rows of a
// pair into meetings (see SameMeeting): evidence and documents unioned and
// sorted, a meeting without a node taking the id and place of the first
// row with one that it matches. Meetings are sorted by date, place and
// id; the Mets by Who's id, then Whom's name ignoring case, then Whom's
// id. Every Met of the result has at least one meeting.
//
// Rows of a pair are folded in the order given: it matters only when a
// row without a meeting id matches two meetings of the same date (a MET
// relationship whose meeting is missing), which kg's graphs do not hold.
func GroupMet(rows []Row) []Met {
	type pair struct{ who, whom string }
	byPair := map[pair]*Met{}
	var order []pair
	for _, r := range rows {
		k := pair{r.Who.ID, r.Whom.ID}
		m := byPair[k]
		if m == nil {
			m = &Met{Who: Entity{ID: r.Who.ID, Name: r.Who.Name}, Whom: Entity{ID: r.Whom.ID, Name: r.Whom.Name}}
			byPair[k] = m
			order = append(order, k)
		}
		mt := r.Meeting
		merged := false
		for i := range m.Meetings {
			o := &m.Meetings[i]
			if SameMeeting(*o, mt) {
				o.Evidence = union(o.Evidence, mt.Evidence)
				o.Documents = union(o.Documents, mt.Documents)
				if o.ID == "" {
					o.ID, o.Place = mt.ID, mt.Place
				}
				if o.Place == "" {
					o.Place = mt.Place
				}
				merged = true
				break
			}
		}
		if !merged {
			mt.Evidence = union(nil, mt.Evidence)
			mt.Documents = union(nil, mt.Documents)
			m.Meetings = append(m.Meetings, mt)
		}
	}
	out := make([]Met, 0, len(order))
	for _, k := range order {
		m := byPair[k]
		sort.Slice(m.Meetings, func(i, j int) bool {
			a, b := m.Meetings[i], m.Meetings[j]
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			if a.Place != b.Place {
				return a.Place < b.Place
			}
			return a.ID < b.ID
		})
		out = append(out, *m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Who.ID != b.Who.ID {
			return a.Who.ID < b.Who.ID
		}
		if la, lb := strings.ToLower(a.Whom.Name), strings.ToLower(b.Whom.Name); la != lb {
			return la < lb
		}
		return a.Whom.ID < b.Whom.ID
	})
	return out
}

// SameMeeting reports whether a and b are the same meeting: the same
// Meeting node, or, when one has no node, the same date and no conflicting
// place.
func SameMeeting(a, b Meeting) bool {
	if a.ID != "" && b.ID != "" {
		return a.ID == b.ID
	}
	return a.Date == b.Date && (a.Place == b.Place || a.Place == "" || b.Place == "")
}

// union is the sorted set of a and b (nil when both are empty, as the
// server's grouping has always given).
func union(a, b []string) []string {
	return graph.UniqSorted(append(append([]string{}, a...), b...))
}
