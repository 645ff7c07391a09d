package eval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kg-news/kg/graph"
)

// CorpusGold says which gold entities of several documents are one real
// entity, which reported meetings are one meeting, and what must stay
// apart. Names are the canonical gold names the documents' gold files
// share; docs are kg document ids.
type CorpusGold struct {
	Entities         []CorpusEntity    `yaml:"entities"`
	Meetings         []CorpusMeeting   `yaml:"meetings"`
	DistinctEntities [][]string        `yaml:"distinct_entities"`
	DistinctMeetings []DistinctMeeting `yaml:"distinct_meetings"`
}

// CorpusEntity is an entity named in two or more documents.
type CorpusEntity struct {
	Name string   `yaml:"name"`
	Type string   `yaml:"type"`
	Docs []string `yaml:"docs"`
}

// CorpusMeeting is a meeting reported by two or more documents.
type CorpusMeeting struct {
	Participants []string `yaml:"participants"`
	Date         string   `yaml:"date"`
	Place        string   `yaml:"place"`
	Kind         string   `yaml:"kind"`
	Docs         []string `yaml:"docs"`
}

// DistinctMeeting lists meetings that must be different Meeting nodes:
// the same participants on several Dates, or several Meetings of one day.
type DistinctMeeting struct {
	Participants []string        `yaml:"participants"`
	Dates        []string        `yaml:"dates"`
	Meetings     []CorpusMeeting `yaml:"meetings"`
}

// LoadCorpusGold reads a corpus gold file strictly, or every *.yaml file
// of a folder as one.
func LoadCorpusGold(path string) (*CorpusGold, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, err := filepath.Glob(filepath.Join(path, "*.yaml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		all := &CorpusGold{}
		for _, f := range files {
			cg, err := LoadCorpusGold(f)
			if err != nil {
				return nil, err
			}
			all.Entities = append(all.Entities, cg.Entities...)
			all.Meetings = append(all.Meetings, cg.Meetings...)
			all.DistinctEntities = append(all.DistinctEntities, cg.DistinctEntities...)
			all.DistinctMeetings = append(all.DistinctMeetings, cg.DistinctMeetings...)
		}
		return all, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load corpus gold: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var cg CorpusGold
	if err := dec.Decode(&cg); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, err)
	}
	return &cg, nil
}

// LoadGoldDir reads every *.gold.yaml under dir; each must name its
// document (document.id), and no two the same one.
func LoadGoldDir(dir string) ([]*Gold, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".gold.yaml") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*Gold
	seen := map[string]string{}
	for _, p := range paths {
		g, err := LoadGold(p)
		if err != nil {
			return nil, err
		}
		if g.Document.ID == "" {
			return nil, fmt.Errorf("%s: document.id is required in a corpus gold file", p)
		}
		if q, ok := seen[g.Document.ID]; ok {
			return nil, fmt.Errorf("%s: document %q is already annotated by %s", p, g.Document.ID, q)
		}
		seen[g.Document.ID] = p
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no *.gold.yaml files", dir)
	}
	return out, nil
}

// CorpusReport scores one corpus graph: every document's part against its
// gold (summed), and identity across documents.
type CorpusReport struct {
	Documents    int       `json:"documents"`
	Entities     KindScore `json:"entities"`
	Roles        KindScore `json:"roles"`
	Meetings     KindScore `json:"meetings"`
	Partnerships KindScore `json:"partnerships"`
	Titles       Share     `json:"titles"`
	// MeetingDates, MeetingPlaces and RoleStatus sum the documents'
	// shares (see Report).
	MeetingDates  Share `json:"meeting_dates"`
	MeetingPlaces Share `json:"meeting_places"`
	RoleStatus    Share `json:"role_status"`
	// MissingDocs are gold documents the graph has no Document node of.
	MissingDocs []string `json:"missing_documents"`
	Identity    Identity `json:"identity"`
}

// Identity is how well the graph keeps one node per real entity and
// meeting.
type Identity struct {
	// Entities found in two or more documents, and how many of them are
	// one node.
	Entities    int     `json:"entities"`
	OneNode     int     `json:"one_node"`
	EntityShare float64 `json:"entity_share"`
	// Split lists the entities found as several nodes, with the nodes.
	Split []string `json:"split"`
	// Unmeasured lists corpus entities found in fewer than two documents
	// (an extraction miss, not an identity one).
	Unmeasured []string `json:"unmeasured"`
	// WrongMerges lists nodes that stand for two different gold entities.
	WrongMerges []string `json:"wrong_merges"`
	// Meetings reported by two or more documents (found in two or more),
	// and how many are one node.
	Meetings         int      `json:"meetings"`
	OneMeeting       int      `json:"one_meeting"`
	MeetingShare     float64  `json:"meeting_share"`
	SplitMeetings    []string `json:"split_meetings"`
	UnmeasuredMeet   []string `json:"unmeasured_meetings"`
	MergedMeetings   []string `json:"merged_meetings"`
	DistinctMeetings int      `json:"distinct_meetings"`
	DistinctKept     int      `json:"distinct_kept"`
	// ApartNotFound lists meetings that must stay apart but were not
	// found with all their participants (extraction misses).
	ApartNotFound []string `json:"apart_not_found"`
}

// Part returns the part of g that document doc contributed: the nodes and
// relationships whose documents include it.
func Part(g *graph.Graph, doc string) *graph.Graph {
	out := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	for _, n := range g.Nodes {
		if slices.Contains(stringsProp(n.Properties["documents"]), doc) {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, r := range g.Relationships {
		if slices.Contains(stringsProp(r.Properties["documents"]), doc) {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return out
}

// ScoreCorpus scores the corpus graph g against the documents' golds and
// the corpus gold cg (nil: identity is measured on the names the golds
// share).
func ScoreCorpus(g *graph.Graph, golds []*Gold, cg *CorpusGold) *CorpusReport {
	g = withGatheringPairs(g)
	r := &CorpusReport{Documents: len(golds), MissingDocs: []string{}}
	r.Entities, r.Roles = newKindScore(KindEntities), newKindScore(KindRoles)
	r.Meetings, r.Partnerships = newKindScore(KindMeetings), newKindScore(KindPartnerships)
	docs := map[string]bool{}
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Document) {
			for _, d := range stringsProp(n.Properties["documents"]) {
				docs[d] = true
			}
		}
	}
	// node of each (document, gold name)
	nodeOf := map[string]map[string]string{}
	byNode := map[string]map[string]bool{} // node → gold names it stands for
	for _, gold := range golds {
		id := gold.Document.ID
		if !docs[id] {
			r.MissingDocs = append(r.MissingDocs, id)
		}
		rep := Score(Part(g, id), gold)
		for _, k := range []struct{ dst, src *KindScore }{{&r.Entities, &rep.Entities}, {&r.Roles, &rep.Roles},
			{&r.Meetings, &rep.Meetings}, {&r.Partnerships, &rep.Partnerships}} {
			k.dst.TP += k.src.TP
			k.dst.FP += k.src.FP
			k.dst.FN += k.src.FN
			for _, m := range k.src.Misses {
				k.dst.Misses = append(k.dst.Misses, id+": "+m)
			}
			for _, m := range k.src.FalsePositives {
				k.dst.FalsePositives = append(k.dst.FalsePositives, id+": "+m)
			}
		}
		r.Titles.Correct += rep.Titles.Correct
		r.Titles.Total += rep.Titles.Total
		for _, w := range rep.Titles.Wrong {
			r.Titles.Wrong = append(r.Titles.Wrong, id+": "+w)
		}
		r.MeetingDates.merge(rep.MeetingDates, id+": ")
		r.MeetingPlaces.merge(rep.MeetingPlaces, id+": ")
		r.RoleStatus.merge(rep.RoleStatus, id+": ")
		nodeOf[id] = map[string]string{}
		for _, m := range rep.Assignment {
			if m.Duplicate {
				continue
			}
			nodeOf[id][m.Gold] = m.Node
			if byNode[m.Node] == nil {
				byNode[m.Node] = map[string]bool{}
			}
			byNode[m.Node][m.Gold] = true
		}
	}
	for _, k := range []*KindScore{&r.Entities, &r.Roles, &r.Meetings, &r.Partnerships} {
		k.finish()
	}
	for _, s := range []*Share{&r.Titles, &r.MeetingDates, &r.MeetingPlaces, &r.RoleStatus} {
		s.finish()
	}
	if cg == nil {
		cg = SharedNames(golds)
	}
	r.Identity = scoreIdentity(g, cg, nodeOf, byNode)
	return r
}

// SharedNames is the corpus gold the documents' golds imply: every gold
// name used by two or more documents is one entity (no meetings).
func SharedNames(golds []*Gold) *CorpusGold {
	docs := map[string][]string{}
	typ := map[string]string{}
	for _, g := range golds {
		for _, e := range g.Entities {
			docs[e.Name] = append(docs[e.Name], g.Document.ID)
			typ[e.Name] = e.Type
		}
	}
	cg := &CorpusGold{}
	for name, ds := range docs {
		if len(ds) >= 2 {
			cg.Entities = append(cg.Entities, CorpusEntity{Name: name, Type: typ[name], Docs: ds})
		}
	}
	sort.Slice(cg.Entities, func(i, j int) bool { return cg.Entities[i].Name < cg.Entities[j].Name })
	return cg
}

func scoreIdentity(g *graph.Graph, cg *CorpusGold, nodeOf map[string]map[string]string, byNode map[string]map[string]bool) Identity {
	id := Identity{Split: []string{}, Unmeasured: []string{}, WrongMerges: []string{}, SplitMeetings: []string{},
		UnmeasuredMeet: []string{}, MergedMeetings: []string{}, ApartNotFound: []string{}}
	for _, e := range cg.Entities {
		nodes := map[string]bool{}
		found := 0
		for _, d := range e.Docs {
			if n, ok := nodeOf[d][e.Name]; ok {
				nodes[n] = true
				found++
			}
		}
		if found < 2 {
			id.Unmeasured = append(id.Unmeasured, fmt.Sprintf("%s (found in %d of %d documents)", e.Name, found, len(e.Docs)))
			continue
		}
		id.Entities++
		if len(nodes) == 1 {
			id.OneNode++
		} else {
			id.Split = append(id.Split, fmt.Sprintf("%s: %s", e.Name, strings.Join(sortedKeys(nodes), ", ")))
		}
	}
	for n, names := range byNode {
		if len(names) > 1 {
			id.WrongMerges = append(id.WrongMerges, fmt.Sprintf("%s stands for %s", n, quoteAll(sortedKeys(names))))
		}
	}
	sort.Strings(id.WrongMerges)
	meetings := map[string]graph.Node{}
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Meeting) {
			meetings[n.ID] = n
		}
	}
	// who met whom in which meeting, by document: MET relationships carry
	// their documents, so a merged Meeting is found only through the
	// documents that reported these participants meeting
	type metKey struct{ doc, a, b string }
	met := map[metKey][]string{}
	for _, r := range g.Relationships {
		if r.Type != graph.Met {
			continue
		}
		mid, _ := r.Properties["meeting"].(string)
		for _, d := range stringsProp(r.Properties["documents"]) {
			k := metKey{d, min(r.StartNode, r.EndNode), max(r.StartNode, r.EndNode)}
			met[k] = append(met[k], mid)
		}
	}
	// the Meeting nodes where document d reports the gold participants
	// meeting on date: every pair of the participants found must have met
	// there (all: every participant must be found)
	find := func(d string, parts []string, date string, all bool) map[string]bool {
		var want []string
		for _, p := range parts {
			if n, ok := nodeOf[d][p]; ok && !slices.Contains(want, n) {
				want = append(want, n)
			}
		}
		out := map[string]bool{}
		if len(want) < 2 || all && len(want) < len(parts) {
			return out
		}
		count := map[string]int{}
		pairs := 0
		for i := range want {
			for j := i + 1; j < len(want); j++ {
				pairs++
				seen := map[string]bool{}
				for _, mid := range met[metKey{d, min(want[i], want[j]), max(want[i], want[j])}] {
					if !seen[mid] {
						seen[mid] = true
						count[mid]++
					}
				}
			}
		}
		for mid, c := range count {
			md, _ := meetings[mid].Properties["date"].(string)
			if c == pairs && (date == "" || md == date) {
				out[mid] = true
			}
		}
		return out
	}
	for _, m := range cg.Meetings {
		// one node: a Meeting node found in every report that is found (a
		// report may also be found in a second node when its document
		// wrongly put the people in another meeting too)
		nodes := map[string]bool{}
		var common map[string]bool
		found := 0
		for _, d := range m.Docs {
			ns := find(d, m.Participants, m.Date, false)
			if len(ns) == 0 {
				continue
			}
			found++
			for n := range ns {
				nodes[n] = true
			}
			if common == nil {
				common = ns
				continue
			}
			for n := range common {
				if !ns[n] {
					delete(common, n)
				}
			}
		}
		label := fmt.Sprintf("%s on %s", strings.Join(m.Participants, ", "), m.Date)
		if found < 2 {
			id.UnmeasuredMeet = append(id.UnmeasuredMeet, fmt.Sprintf("%s (found in %d of %d documents)", label, found, len(m.Docs)))
			continue
		}
		id.Meetings++
		if len(common) > 0 {
			id.OneMeeting++
		} else {
			id.SplitMeetings = append(id.SplitMeetings, fmt.Sprintf("%s: %s", label, strings.Join(sortedKeys(nodes), ", ")))
		}
	}
	// meetings that must stay apart: each is looked for in every document
	for _, dm := range cg.DistinctMeetings {
		var ms []CorpusMeeting
		for _, d := range dm.Dates {
			ms = append(ms, CorpusMeeting{Participants: dm.Participants, Date: d})
		}
		ms = append(ms, dm.Meetings...)
		var sets []map[string]bool
		for _, m := range ms {
			nodes := map[string]bool{}
			for d := range nodeOf {
				// every participant must be found: a meeting missing one
				// (an extraction miss) cannot be told from another
				for n := range find(d, m.Participants, m.Date, true) {
					nodes[n] = true
				}
			}
			sets = append(sets, nodes)
		}
		id.DistinctMeetings++
		kept := true
		for i := range sets {
			if len(sets[i]) == 0 {
				kept = false // not found: not shown to be kept apart
				id.ApartNotFound = append(id.ApartNotFound, fmt.Sprintf("%s on %s", strings.Join(ms[i].Participants, ", "), ms[i].Date))
			}
			for j := i + 1; j < len(sets); j++ {
				if len(sets[i]) == 1 && len(sets[j]) == 1 && sortedKeys(sets[i])[0] == sortedKeys(sets[j])[0] {
					kept = false
					id.MergedMeetings = append(id.MergedMeetings, fmt.Sprintf("%s on %s and %s on %s are one node %s",
						strings.Join(ms[i].Participants, ", "), ms[i].Date, strings.Join(ms[j].Participants, ", "), ms[j].Date, sortedKeys(sets[i])[0]))
				}
			}
		}
		if kept {
			id.DistinctKept++
		}
	}
	id.EntityShare = ratio(id.OneNode, id.Entities)
	id.MeetingShare = ratio(id.OneMeeting, id.Meetings)
	// distinct entity pairs that ended on one node are wrong merges too
	for _, pair := range cg.DistinctEntities {
		if len(pair) != 2 {
			continue
		}
		for n, names := range byNode {
			if names[pair[0]] && names[pair[1]] {
				msg := fmt.Sprintf("%s stands for %s", n, quoteAll(sortedKeys(names)))
				if !slices.Contains(id.WrongMerges, msg) {
					id.WrongMerges = append(id.WrongMerges, msg)
				}
			}
		}
	}
	return id
}

// Print writes the corpus report for people.
func (r *CorpusReport) Print(w io.Writer, verbose bool) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "corpus: %d documents\n", r.Documents)
	if len(r.MissingDocs) > 0 {
		fmt.Fprintf(ew, "  not in the graph: %s\n", strings.Join(r.MissingDocs, ", "))
	}
	for _, k := range []KindScore{r.Entities, r.Roles, r.Meetings, r.Partnerships} {
		fmt.Fprintf(ew, "%-13s P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", k.Kind, k.Precision, k.Recall, k.F1, k.TP, k.FP, k.FN)
	}
	fmt.Fprintf(ew, "titles %s; found meetings: date %s, place %s; former roles: status %s\n",
		r.Titles.String(), r.MeetingDates.String(), r.MeetingPlaces.String(), r.RoleStatus.String())
	id := r.Identity
	fmt.Fprintf(ew, "identity:\n")
	fmt.Fprintf(ew, "  entities in 2+ documents: %d of %d one node (%.1f%%); %d wrong merges; %d not measurable (extraction misses)\n",
		id.OneNode, id.Entities, 100*id.EntityShare, len(id.WrongMerges), len(id.Unmeasured))
	fmt.Fprintf(ew, "  meetings in 2+ reports:   %d of %d one node (%.1f%%); %d not measurable\n",
		id.OneMeeting, id.Meetings, 100*id.MeetingShare, len(id.UnmeasuredMeet))
	fmt.Fprintf(ew, "  meetings kept apart:      %d of %d\n", id.DistinctKept, id.DistinctMeetings)
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(ew, "%s:\n", title)
		for _, it := range items {
			fmt.Fprintf(ew, "  - %s\n", it)
		}
	}
	list("wrong merges", id.WrongMerges)
	list("split entities", id.Split)
	list("split meetings", id.SplitMeetings)
	list("merged meetings", id.MergedMeetings)
	list("meetings to keep apart not found", id.ApartNotFound)
	if verbose {
		list("unmeasured entities", id.Unmeasured)
		list("unmeasured meetings", id.UnmeasuredMeet)
		for _, k := range []KindScore{r.Entities, r.Roles, r.Meetings, r.Partnerships} {
			list(k.Kind+" misses", k.Misses)
			list(k.Kind+" false positives", k.FalsePositives)
		}
		list("wrong titles", r.Titles.Wrong)
		list("wrong meeting dates", r.MeetingDates.Wrong)
		list("wrong meeting places", r.MeetingPlaces.Wrong)
		list("wrong role status", r.RoleStatus.Wrong)
	}
	return ew.err
}
