package resolve

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strings"

	"github.com/kg-news/kg/graph"
)

// meetingAtom is one Meeting node of the merged documents' graphs.
type meetingAtom struct {
	id           string
	date, place  string
	evidence     string // the report's sentences, lower case
	participants []string
	docs         []string
}

func newMeetingAtom(n graph.Node) meetingAtom {
	m := meetingAtom{id: n.ID}
	m.date, _ = n.Properties["date"].(string)
	m.place, _ = n.Properties["place"].(string)
	// a place only counts against another report's when the report's own
	// sentences name it; one the extractor took from elsewhere in the
	// story (a dateline) is no evidence of a different meeting
	m.evidence = strings.ToLower(strings.Join(graph.Strings(n.Properties["evidence"]), "\n"))
	named := m.place != "" && strings.Contains(m.evidence, strings.ToLower(m.place))
	if !named {
		m.place = ""
	}
	m.participants, _ = n.Properties["participants"].([]string)
	m.docs, _ = n.Properties["documents"].([]string)
	return m
}

// resolveMeetings joins the reports of one meeting: the same date, two or
// more participants in common (after entity resolution), no conflicting
// place, and no document in common (one article's two meetings on a day
// are two events). Undated meetings are never joined. Each meeting then
// gets the id of its date and participants, as a document's meeting does.
func resolveMeetings(ms []meetingAtom, res Result) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].id < ms[j].id })
	renamed := make([]bool, len(ms))
	for i := range ms {
		ps := make([]string, len(ms[i].participants))
		for j, p := range ms[i].participants {
			ps[j] = p
			if n, ok := res.Rename[p]; ok {
				ps[j] = n
				renamed[i] = true
			}
		}
		slices.Sort(ps)
		ms[i].participants = slices.Compact(ps)
	}
	parent := make([]int, len(ms))
	docs := make([]map[string]bool, len(ms))
	places := make([][]string, len(ms))
	evs := make([][]string, len(ms))
	for i := range ms {
		evs[i] = []string{ms[i].evidence}
		parent[i] = i
		docs[i] = map[string]bool{}
		for _, d := range ms[i].docs {
			docs[i][d] = true
		}
		if ms[i].place != "" {
			places[i] = []string{ms[i].place}
		}
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// candidate pairs by date, best overlap first, so a report joins the
	// meeting it matches most closely
	byDate := map[string][]int{}
	for i, m := range ms {
		if m.date != "" && len(m.participants) >= 2 {
			byDate[m.date] = append(byDate[m.date], i)
		}
	}
	dates := make([]string, 0, len(byDate))
	for d := range byDate {
		dates = append(dates, d)
	}
	sort.Strings(dates)
	type pair struct {
		a, b  int
		score float64
	}
	for _, d := range dates {
		// reports with the same participants first, in one pass (a
		// meeting reported a thousand times is not a million pairs);
		// pairs are then formed among the distinct participant lists
		groups := map[string][]int{}
		var keys []string
		for _, i := range byDate[d] {
			k := strings.Join(ms[i].participants, "\n")
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], i)
		}
		var idx []int
		for _, k := range keys {
			g := groups[k]
			for _, j := range g[1:] {
				ra, rb := find(g[0]), find(j)
				if ra == rb || shareDoc(docs[ra], docs[rb]) || placesConflict(places[ra], places[rb], evs[ra], evs[rb]) {
					continue
				}
				parent[rb] = ra
				for x := range docs[rb] {
					docs[ra][x] = true
				}
				places[ra] = append(places[ra], places[rb]...)
				evs[ra] = append(evs[ra], evs[rb]...)
				evs[ra] = append(evs[ra], evs[rb]...)
			}
			idx = append(idx, g[0])
		}
		// the pairs with two or more participants in common, in order,
		// found through each participant's reports rather than by
		// comparing every two reports of the date (10,000 meetings of one
		// day in one document were 50 million comparisons)
		reports := map[string][]int{} // participant → positions in idx
		for x, i := range idx {
			for _, p := range ms[i].participants {
				reports[p] = append(reports[p], x)
			}
		}
		var pairs []pair
		common := make([]int, len(idx))
		var met []int
		for x, i := range idx {
			for _, p := range ms[i].participants {
				rs := reports[p]
				if len(rs) > maxReportsPerPerson {
					continue
				}
				for _, y := range rs[sort.SearchInts(rs, x+1):] {
					if common[y] == 0 {
						met = append(met, y)
					}
					common[y]++
				}
			}
			slices.Sort(met)
			for _, y := range met {
				if c := common[y]; c >= 2 {
					union := len(ms[i].participants) + len(ms[idx[y]].participants) - c
					pairs = append(pairs, pair{i, idx[y], float64(c) / float64(union)})
				}
				common[y] = 0
			}
			met = met[:0]
		}
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
		for _, p := range pairs {
			ra, rb := find(p.a), find(p.b)
			if ra == rb || shareDoc(docs[ra], docs[rb]) || placesConflict(places[ra], places[rb], evs[ra], evs[rb]) {
				continue
			}
			parent[rb] = ra
			for d := range docs[rb] {
				docs[ra][d] = true
			}
			places[ra] = append(places[ra], places[rb]...)
			evs[ra] = append(evs[ra], evs[rb]...)
		}
	}
	members := map[int][]int{}
	for i := range ms {
		members[find(i)] = append(members[find(i)], i)
	}
	// each dated meeting is named by its date and participants; two
	// meetings that may not be joined (conflicting places, one document)
	// but have the same are told apart by their first report's id. The
	// clusters go in the order of their first member (ms is sorted).
	var rootsInOrder []int
	for i := range ms {
		if members[find(i)][0] == i {
			rootsInOrder = append(rootsInOrder, find(i))
		}
	}
	taken := map[string]bool{}
	for _, r := range rootsInOrder {
		ids := members[r]
		m := ms[ids[0]]
		id := m.id // undated: its document's own, whatever its participants
		// a report joined with nothing, its participants as they were,
		// keeps its id (whatever its form: a graph file's own ids stay)
		changed := len(ids) > 1
		for _, j := range ids {
			changed = changed || renamed[j]
		}
		if m.date != "" && changed {
			var parts []string
			for _, j := range ids {
				parts = append(parts, ms[j].participants...)
			}
			slices.Sort(parts)
			parts = slices.Compact(parts)
			id = namespace(m.id) + graph.MeetingKey(m.date, parts)
			if taken[id] {
				h := sha1.Sum([]byte(m.id))
				id += "~" + hex.EncodeToString(h[:4])
			}
		}
		taken[id] = true
		for _, j := range ids {
			if id != ms[j].id {
				res.Rename[ms[j].id] = id
			}
		}
	}
}

// maxReportsPerPerson bounds the reports of one date, with different
// participants, through which a participant makes pairs: one named in
// more (a list of meetings, not a person's day) is not counted in common,
// so the pairs cost at most this many per participant of a report.
const maxReportsPerPerson = 2000

func shareDoc(a, b map[string]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for d := range a {
		if b[d] {
			return true
		}
	}
	return false
}

// placesConflict: both reports name a place, no place of one contains a
// place of the other ("Seoul" and "Jongno, Seoul" agree; "Seoul" and
// "Busan" do not), and neither report's sentences (evA, evB: lower case)
// name a place of the other ("in Kawasaki, south of Tokyo" agrees with
// "in Kawasaki").
func placesConflict(a, b, evA, evB []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	named := func(evs []string, place string) bool {
		for _, ev := range evs {
			if strings.Contains(ev, place) {
				return true
			}
		}
		return false
	}
	for _, x := range a {
		for _, y := range b {
			lx, ly := strings.ToLower(x), strings.ToLower(y)
			if strings.Contains(lx, ly) || strings.Contains(ly, lx) || named(evA, ly) || named(evB, lx) {
				return false
			}
		}
	}
	return true
}
