package eval

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-news/kg/graph"
)

// Scored kinds, in report order. "titles" is the title accuracy of the
// matched roles.
const (
	KindEntities     = "entities"
	KindRoles        = "roles"
	KindMeetings     = "meetings"
	KindPartnerships = "partnerships"
	KindTitles       = "titles"
)

// Kinds lists the kinds Report.F1 accepts.
var Kinds = []string{KindEntities, KindRoles, KindMeetings, KindPartnerships, KindTitles}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k string) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Report is the score of one graph against one gold file. Every list is
// sorted and non-nil, so the report marshals to the same JSON every time.
type Report struct {
	Entities     KindScore  `json:"entities"`
	Roles        KindScore  `json:"roles"`
	Meetings     KindScore  `json:"meetings"`
	Partnerships KindScore  `json:"partnerships"`
	Titles       TitleScore `json:"titles"`
	// MeetingDates and MeetingPlaces score the found gold meetings' date
	// and place; RoleStatus the matched roles that are former on either
	// side.
	MeetingDates  Share `json:"meeting_dates"`
	MeetingPlaces Share `json:"meeting_places"`
	RoleStatus    Share `json:"role_status"`
	// Assignment lists which node matched which gold entity.
	Assignment []EntityMatch `json:"assignment"`
	// Rules counts, per rule id, the scored relationships (HOLDS_ROLE,
	// MET, PARTNERS_WITH) it helped produce that were right or wrong.
	Rules []RuleStat `json:"rules"`
	// Scripts lists gold people that lack one node carrying both an
	// English and a Korean name (see PeopleWithBothScripts). It is nil
	// (JSON null) unless the gold document lists Korean ("ko") among its
	// languages, and empty when every person passes.
	Scripts []ScriptGap `json:"scripts"`
}

// KindScore is precision, recall and F1 of one kind with the items behind
// them: matched items, misses (gold not found) and false positives.
type KindScore struct {
	Kind           string   `json:"kind"`
	Precision      float64  `json:"precision"`
	Recall         float64  `json:"recall"`
	F1             float64  `json:"f1"`
	TP             int      `json:"tp"`
	FP             int      `json:"fp"`
	FN             int      `json:"fn"`
	Matched        []string `json:"matched"`
	Misses         []string `json:"misses"`
	FalsePositives []string `json:"false_positives"`
	// Ignored lists extracted items that are neither right nor wrong
	// (optional roles).
	Ignored []string `json:"ignored,omitempty"`
}

// TitleScore is the title accuracy among matched roles.
type TitleScore struct {
	Correct  int      `json:"correct"`
	Total    int      `json:"total"`
	Accuracy float64  `json:"accuracy"`
	Wrong    []string `json:"wrong"`
}

// EntityMatch is one extracted node and the gold entity it matched.
type EntityMatch struct {
	Gold      string `json:"gold"`
	Node      string `json:"node"`
	NodeName  string `json:"node_name"`
	Duplicate bool   `json:"duplicate,omitempty"`
}

// RuleStat counts a rule's relationships that matched gold (TP), did not
// (FP), or matched an optional role (Ignored).
type RuleStat struct {
	Rule    string `json:"rule"`
	TP      int    `json:"tp"`
	FP      int    `json:"fp"`
	Ignored int    `json:"ignored,omitempty"`
}

// ScriptGap is a gold person without exactly one matching Person node that
// carries both a Latin and a Hangul name.
type ScriptGap struct {
	Person string `json:"person"`
	Nodes  int    `json:"nodes"`  // Person nodes that matched the person
	Latin  bool   `json:"latin"`  // a Latin-script name among the nodes' names
	Hangul bool   `json:"hangul"` // a Hangul name among the nodes' names
}

// NoRule is the rule id credited for relationships without `rules`.
const NoRule = "(none)"

// F1 returns the F1 of kind (entities, roles, meetings, partnerships) or
// the title accuracy for "titles"; 0 for an unknown kind.
func (r *Report) F1(kind string) float64 {
	switch kind {
	case KindEntities:
		return r.Entities.F1
	case KindRoles:
		return r.Roles.F1
	case KindMeetings:
		return r.Meetings.F1
	case KindPartnerships:
		return r.Partnerships.F1
	case KindTitles:
		return r.Titles.Accuracy
	}
	return 0
}

// Score compares g with gold under the gold header's rules.
//
// Relationships are mapped to gold names through the entity matching; a
// node that duplicates an already matched entity maps to that entity too
// (the duplicate is counted once, as an entity false positive).
func Score(g *graph.Graph, gold *Gold) *Report {
	g = withGatheringPairs(g)
	a := assign(g, gold)
	r := &Report{Assignment: []EntityMatch{}}
	r.Entities = scoreEntities(a, r, gold)
	rules := map[string]*RuleStat{}
	credit := func(rel graph.Relationship, outcome int) {
		ids := stringsProp(rel.Properties["rules"])
		if len(ids) == 0 {
			ids = []string{NoRule}
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			s := rules[id]
			if s == nil {
				s = &RuleStat{Rule: id}
				rules[id] = s
			}
			switch outcome {
			case outTP:
				s.TP++
			case outFP:
				s.FP++
			default:
				s.Ignored++
			}
		}
	}
	r.Roles, r.Titles = scoreRoles(g, gold, a, credit)
	r.Meetings = scorePairs(KindMeetings, g, graph.Met, PersonType, gold.MeetingPairs(), a, credit)
	var orgPairs [][2]string
	for _, p := range gold.Partnerships {
		orgPairs = append(orgPairs, pairKey(p.Orgs[0], p.Orgs[1]))
	}
	r.Partnerships = scorePairs(KindPartnerships, g, graph.PartnersWith, OrgType, orgPairs, a, credit)
	r.MeetingDates, r.MeetingPlaces = scoreMeetingDetails(g, gold, a)
	r.RoleStatus = scoreRoleStatus(g, gold, a)
	r.Rules = []RuleStat{}
	for _, s := range rules {
		r.Rules = append(r.Rules, *s)
	}
	sort.Slice(r.Rules, func(i, j int) bool { return r.Rules[i].Rule < r.Rules[j].Rule })
	if gold.HasLanguage("ko") {
		r.Scripts = scriptGaps(g, a)
	}
	return r
}

const (
	outTP = iota
	outFP
	outIgnored
)

func scoreEntities(a *assignment, r *Report, gold *Gold) KindScore {
	ks := newKindScore(KindEntities)
	ignored := 0
	for _, n := range a.nodes {
		if gi, ok := a.byNode[n.id]; ok {
			ks.Matched = append(ks.Matched, a.golds[gi].Name)
			r.Assignment = append(r.Assignment, EntityMatch{Gold: a.golds[gi].Name, Node: n.id, NodeName: n.name})
			continue
		}
		if gi, ok := a.dupOf[n.id]; ok {
			ks.FalsePositives = append(ks.FalsePositives, fmt.Sprintf("%s (duplicate of %s)", n.name, a.golds[gi].Name))
			r.Assignment = append(r.Assignment, EntityMatch{Gold: a.golds[gi].Name, Node: n.id, NodeName: n.name, Duplicate: true})
			continue
		}
		if optionalEntity(n, gold.OptionalEntities) {
			ks.Ignored = append(ks.Ignored, n.name)
			ignored++
			continue
		}
		ks.FalsePositives = append(ks.FalsePositives, n.name)
	}
	for gi, ge := range a.golds {
		if _, ok := a.byGold[gi]; !ok {
			ks.Misses = append(ks.Misses, ge.Name)
		}
	}
	ks.TP = len(a.byNode)
	ks.FP = len(a.nodes) - ks.TP - ignored
	ks.FN = len(a.golds) - ks.TP
	ks.finish()
	sort.Slice(r.Assignment, func(i, j int) bool {
		x, y := r.Assignment[i], r.Assignment[j]
		if x.Gold != y.Gold {
			return x.Gold < y.Gold
		}
		if x.Duplicate != y.Duplicate {
			return !x.Duplicate
		}
		return x.Node < y.Node
	})
	return ks
}

// endpoint is one end of an extracted relationship: its gold name when
// the node matched a gold entity, else its own name.
type endpoint struct {
	id     string
	gold   string // "" when unmatched
	typ    string // PersonType, OrgType, or "" for other nodes
	name   string
	keys   map[string]bool
	mapped bool
}

func (e endpoint) label() string {
	if e.mapped {
		return e.gold
	}
	return e.name + " (not in gold)"
}

func (a *assignment) endpoint(g map[string]graph.Node, id string) endpoint {
	ep := endpoint{id: id, name: id}
	if i, ok := a.nodeIdx[id]; ok {
		n := a.nodes[i]
		ep.typ, ep.name, ep.keys = n.typ, n.name, n.keys
	} else if n, ok := g[id]; ok {
		if s, ok := n.Properties["name"].(string); ok && s != "" {
			ep.name = s
		}
	}
	if ge, ok := a.resolve(id); ok {
		ep.gold, ep.mapped = ge.Name, true
	}
	return ep
}

func nodeMap(g *graph.Graph) map[string]graph.Node {
	m := make(map[string]graph.Node, len(g.Nodes))
	for _, n := range g.Nodes {
		m[n.ID] = n
	}
	return m
}

func scoreRoles(g *graph.Graph, gold *Gold, a *assignment, credit func(graph.Relationship, int)) (KindScore, TitleScore) {
	ks := newKindScore(KindRoles)
	nodes := nodeMap(g)
	type pr struct{ person, org string }
	goldRoles := map[pr]Role{}
	for _, role := range gold.Roles {
		goldRoles[pr{role.Person, role.Org}] = role
	}
	found := map[pr][]string{} // matched gold pair → extracted titles
	fps := map[string]bool{}
	ignored := map[string]bool{}
	for _, rel := range g.Relationships {
		if rel.Type != graph.HoldsRole {
			continue
		}
		p, o := a.endpoint(nodes, rel.StartNode), a.endpoint(nodes, rel.EndNode)
		if p.typ == OrgType && o.typ == PersonType {
			p, o = o, p
		}
		title, _ := rel.Properties["title"].(string)
		if p.mapped && o.mapped && p.typ == PersonType && o.typ == OrgType {
			if _, ok := goldRoles[pr{p.gold, o.gold}]; ok {
				k := pr{p.gold, o.gold}
				found[k] = append(found[k], title)
				credit(rel, outTP)
				continue
			}
		}
		label := p.label() + " @ " + o.label()
		if optionalRole(gold, p, o) {
			ignored[label] = true
			credit(rel, outIgnored)
			continue
		}
		fps[label] = true
		credit(rel, outFP)
	}
	ts := TitleScore{Wrong: []string{}}
	for _, role := range gold.Roles {
		k := pr{role.Person, role.Org}
		label := role.Person + " @ " + role.Org
		titles, ok := found[k]
		if !ok {
			ks.Misses = append(ks.Misses, label)
			continue
		}
		ks.Matched = append(ks.Matched, label)
		ts.Total++
		if titleOK(role, titles) {
			ts.Correct++
			continue
		}
		want := quoteAll(append([]string{role.Title}, role.Also...))
		ts.Wrong = append(ts.Wrong, fmt.Sprintf("%s: got %s, want %s", label, quoteAll(uniq(titles)), want))
	}
	ks.Matched = uniq(ks.Matched)
	ks.Misses = uniq(ks.Misses)
	ks.FalsePositives = sortedKeys(fps)
	if len(ignored) > 0 {
		ks.Ignored = sortedKeys(ignored)
	}
	ks.TP, ks.FP, ks.FN = len(ks.Matched), len(ks.FalsePositives), len(ks.Misses)
	ks.finish()
	switch {
	case ts.Total > 0:
		ts.Accuracy = float64(ts.Correct) / float64(ts.Total)
	case len(gold.Roles) == 0:
		ts.Accuracy = 1
	}
	sort.Strings(ts.Wrong)
	return ks, ts
}

// optionalRole reports whether an extracted role matches an optional gold
// role: the person by gold name or by name, the org by name (it may not be
// a gold entity).
func optionalRole(gold *Gold, p, o endpoint) bool {
	for _, role := range gold.OptionalRoles {
		pk, ok := normName(role.Person), normName(role.Org)
		personOK := (p.mapped && p.gold == role.Person) || p.keys[pk] || normName(p.name) == pk
		orgOK := (o.mapped && normName(o.gold) == ok) || o.keys[ok] || normName(o.name) == ok
		if personOK && orgOK {
			return true
		}
	}
	return false
}

func titleOK(role Role, got []string) bool {
	for _, t := range got {
		t = strings.Join(strings.Fields(t), " ")
		if strings.EqualFold(t, strings.TrimSpace(role.Title)) {
			return true
		}
		for _, a := range role.Also {
			if strings.EqualFold(t, strings.TrimSpace(a)) {
				return true
			}
		}
	}
	return false
}

// scorePairs scores a symmetric relationship type as unordered pairs of
// gold names of entities of type typ.
func scorePairs(kind string, g *graph.Graph, relType, typ string, goldPairs [][2]string, a *assignment, credit func(graph.Relationship, int)) KindScore {
	ks := newKindScore(kind)
	nodes := nodeMap(g)
	want := map[[2]string]bool{}
	for _, p := range goldPairs {
		want[p] = true
	}
	got := map[[2]string]bool{}
	fps := map[string]bool{}
	for _, rel := range g.Relationships {
		if rel.Type != relType {
			continue
		}
		x, y := a.endpoint(nodes, rel.StartNode), a.endpoint(nodes, rel.EndNode)
		if x.mapped && y.mapped && x.typ == typ && y.typ == typ {
			k := pairKey(x.gold, y.gold)
			if want[k] {
				got[k] = true
				credit(rel, outTP)
				continue
			}
		}
		k := pairKey(x.label(), y.label())
		fps[k[0]+" <-> "+k[1]] = true
		credit(rel, outFP)
	}
	for _, p := range sortedPairs(want) {
		label := p[0] + " <-> " + p[1]
		if got[p] {
			ks.Matched = append(ks.Matched, label)
		} else {
			ks.Misses = append(ks.Misses, label)
		}
	}
	ks.FalsePositives = sortedKeys(fps)
	ks.TP, ks.FP, ks.FN = len(ks.Matched), len(ks.FalsePositives), len(ks.Misses)
	ks.finish()
	return ks
}

// PeopleWithBothScripts checks, for each gold person, that exactly one
// Person node matched it and that the node carries both an English (Latin)
// and a Korean (Hangul) name among name, aliases, name_en and name_ko. It
// returns the people lacking that, in gold order. It is meant for
// documents with Korean text and is reported, not scored.
func PeopleWithBothScripts(g *graph.Graph, gold *Gold) []ScriptGap {
	return scriptGaps(g, assign(g, gold))
}

func scriptGaps(g *graph.Graph, a *assignment) []ScriptGap {
	out := []ScriptGap{}
	for gi, ge := range a.golds {
		if ge.Type != PersonType {
			continue
		}
		gap := ScriptGap{Person: ge.Name}
		for _, n := range a.nodes {
			x, ok := a.byNode[n.id]
			if !ok {
				x, ok = a.dupOf[n.id]
			}
			if !ok || x != gi {
				continue
			}
			gap.Nodes++
			for _, s := range n.names {
				gap.Latin = gap.Latin || hasScript(s, unicode.Latin)
				gap.Hangul = gap.Hangul || hasScript(s, unicode.Hangul)
			}
		}
		if gap.Nodes == 1 && gap.Latin && gap.Hangul {
			continue
		}
		out = append(out, gap)
	}
	return out
}

func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

func newKindScore(kind string) KindScore {
	return KindScore{Kind: kind, Matched: []string{}, Misses: []string{}, FalsePositives: []string{}}
}

// finish sorts the lists and computes P, R and F1 from the counts: 0/0 is
// 0, except that an empty gold and an empty extraction score 1.
func (ks *KindScore) finish() {
	sort.Strings(ks.Matched)
	sort.Strings(ks.Misses)
	sort.Strings(ks.FalsePositives)
	if ks.TP+ks.FP+ks.FN == 0 {
		ks.Precision, ks.Recall, ks.F1 = 1, 1, 1
		return
	}
	ks.Precision = ratio(ks.TP, ks.TP+ks.FP)
	ks.Recall = ratio(ks.TP, ks.TP+ks.FN)
	if ks.Precision+ks.Recall > 0 {
		ks.F1 = 2 * ks.Precision * ks.Recall / (ks.Precision + ks.Recall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

func sortedPairs(set map[[2]string]bool) [][2]string {
	out := make([][2]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func uniq(ss []string) []string {
	set := map[string]bool{}
	for _, s := range ss {
		set[s] = true
	}
	return sortedKeys(set)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " or ")
}

func stringsProp(v any) []string { return graph.Strings(v) }

// optionalEntity: the node is one of the gold's optional entities (same
// type, a shared name or alias).
func optionalEntity(n extNode, opts []Entity) bool {
	for _, o := range opts {
		if o.Type != n.typ {
			continue
		}
		for _, on := range append([]string{o.Name}, o.Aliases...) {
			for _, nn := range n.names {
				if NamesEqual(on, nn) {
					return true
				}
			}
		}
	}
	return false
}
