package docgraph

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/rules"
)

// EntityKey returns the canonical node id of an extracted entity: its
// English name when known, else its Korean name.
func EntityKey(e extract.Entity) string {
	prefix := "org"
	if e.Type == rules.TypePerson {
		prefix = "person"
	}
	name := e.NameEN
	if name == "" {
		name = e.Name
	}
	return graph.Key(prefix, name)
}

// FromResult turns one document's extraction into a graph: Person,
// Organization, Meeting and Document nodes, and HOLDS_ROLE, ATTENDED, MET,
// PARTNERS_WITH and MENTIONS relationships, each with its provenance
// (document, sentence span and text, rule id).
func FromResult(r extract.Result) *graph.Graph {
	g := &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	docID := r.Doc.ID
	dk := graph.DocKey(docID)
	dprops := map[string]any{"name": docID, "documents": []string{docID}}
	if r.Published != "" {
		dprops["published"] = r.Published
	}
	m := r.Doc.Meta
	if m.Path == "-" {
		m.Path = ""
	}
	for k, v := range map[string]string{"title": m.Title, "url": m.URL, "source": m.Source, "lang": m.Lang, "path": m.Path} {
		if v != "" {
			dprops[k] = v
		}
	}
	if m.Title != "" {
		dprops["name"] = m.Title
	}
	g.Nodes = append(g.Nodes, graph.Node{ID: dk, Labels: []string{graph.Document}, Properties: dprops})

	keys := make([]string, len(r.Entities))
	nodeIdx := map[string]int{}
	for i, e := range r.Entities {
		if e.Type != rules.TypePerson && e.Type != rules.TypeOrg {
			continue
		}
		k := EntityKey(e)
		if e.Type == rules.TypePerson && oneWordName(displayName(e)) {
			// "Kim", "김", "Cook": a surname alone names someone only
			// within its document; two documents' "Kim" are not one person
			k += "@" + docID
		}
		keys[i] = k
		label := graph.Organization
		if e.Type == rules.TypePerson {
			label = graph.Person
		}
		aliases := append([]string(nil), e.Aliases...)
		if e.NameEN != "" {
			aliases = append(aliases, e.NameEN)
		}
		if e.NameKO != "" {
			aliases = append(aliases, e.NameKO)
		}
		if j, ok := nodeIdx[k]; ok { // two entities with one key: one node
			n := &g.Nodes[j]
			n.Properties["aliases"] = append(n.Properties["aliases"].([]string), aliases...)
			continue
		}
		props := map[string]any{"name": displayName(e), "aliases": aliases, "documents": []string{docID}}
		if e.NameEN != "" {
			props["name_en"] = e.NameEN
		}
		if e.NameKO != "" {
			props["name_ko"] = e.NameKO
		}
		props["rules"] = []string{e.Rule}
		nodeIdx[k] = len(g.Nodes)
		g.Nodes = append(g.Nodes, graph.Node{ID: k, Labels: []string{label}, Properties: props})
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: "MENTIONS:" + dk + "->" + k, Type: graph.Mentions, StartNode: dk, EndNode: k,
			Properties: map[string]any{"documents": []string{docID}},
		})
	}
	prov := func(p map[string]any, rel extract.Relation) map[string]any {
		spans := []string{fmt.Sprintf("%s@%d-%d", docID, rel.Evidence.Start, rel.Evidence.End)}
		ev := []string{r.Doc.Slice(rel.Evidence)}
		ru := []string{rel.Rule}
		for k, sp := range rel.Also {
			spans = append(spans, fmt.Sprintf("%s@%d-%d", docID, sp.Start, sp.End))
			ev = append(ev, r.Doc.Slice(sp))
			ru = append(ru, rel.AlsoRules[k])
		}
		p["documents"] = []string{docID}
		p["spans"] = spans
		p["evidence"] = ev
		p["rules"] = ru
		return p
	}
	// roles: one edge per (person, org), the title of highest weight
	type roleAgg struct {
		rels  []extract.Relation
		score map[string]int
		rank  map[string]int
	}
	roles := map[string]*roleAgg{}
	var roleOrder []string
	for _, rel := range r.Relations {
		if rel.Kind != extract.RelRole {
			continue
		}
		p, o := keys[rel.Args[0]], keys[rel.Args[1]]
		if p == "" || o == "" {
			continue
		}
		id := graph.HoldsRole + ":" + p + "->" + o
		a, ok := roles[id]
		if !ok {
			a = &roleAgg{score: map[string]int{}, rank: map[string]int{}}
			roles[id] = a
			roleOrder = append(roleOrder, id)
		}
		a.rels = append(a.rels, rel)
		w := 1
		if rel.Lang == "en" {
			w = 2
		}
		a.score[rel.Title] += w
		a.rank[rel.Title] = rel.TitleRank
	}
	for _, id := range roleOrder {
		a := roles[id]
		best := ""
		for t, sc := range a.score {
			if best == "" || sc > a.score[best] || sc == a.score[best] && (a.rank[t] > a.rank[best] || a.rank[t] == a.rank[best] && t < best) {
				best = t
			}
		}
		props := map[string]any{"title": best}
		var titles, orig, spans, ev, ru []string
		for _, rel := range a.rels {
			titles = append(titles, rel.Title)
			orig = append(orig, rel.TitleOrig)
			spans = append(spans, fmt.Sprintf("%s@%d-%d", docID, rel.Evidence.Start, rel.Evidence.End))
			ev = append(ev, r.Doc.Slice(rel.Evidence))
			ru = append(ru, rel.Rule)
		}
		props["titles"] = titles
		props["titles_original"] = orig
		props["documents"] = []string{docID}
		props["spans"] = spans
		props["evidence"] = ev
		props["rules"] = ru
		rel0 := a.rels[0]
		g.Relationships = append(g.Relationships, graph.Relationship{ID: id, Type: graph.HoldsRole,
			StartNode: keys[rel0.Args[0]], EndNode: keys[rel0.Args[1]], Properties: props})
	}
	relIdx := map[string]int{}
	addRel := func(rel graph.Relationship) {
		if j, ok := relIdx[rel.ID]; ok {
			graph.MergeProps(g.Relationships[j].Properties, rel.Properties)
			return
		}
		relIdx[rel.ID] = len(g.Relationships)
		g.Relationships = append(g.Relationships, rel)
	}
	for _, rel := range r.Relations {
		switch rel.Kind {
		case extract.RelPartnership:
			a, b := keys[rel.Args[0]], keys[rel.Args[1]]
			if a == "" || b == "" || a == b {
				continue
			}
			if b < a {
				a, b = b, a
			}
			addRel(graph.Relationship{ID: graph.PartnersWith + ":" + a + "--" + b, Type: graph.PartnersWith, StartNode: a, EndNode: b,
				Properties: prov(map[string]any{}, rel)})
		case extract.RelMeeting:
			var parts []string
			for _, x := range rel.Args {
				if keys[x] != "" && !slices.Contains(parts, keys[x]) {
					parts = append(parts, keys[x])
				}
			}
			if len(parts) < 2 {
				continue
			}
			sort.Strings(parts)
			// a document's meeting is its own until corpus resolution
			// decides which reports are one meeting (and names those by
			// their date and participants); an undated one stays its own
			mid := graph.MeetingKey(rel.Date, append([]string{"doc:" + docID}, parts...))
			var names []string
			for _, x := range rel.Args {
				names = append(names, displayName(r.Entities[x]))
			}
			mprops := map[string]any{"name": "Meeting of " + strings.Join(names, ", "), "participants": parts}
			if rel.Date != "" {
				mprops["date"] = rel.Date
			}
			if rel.Place != "" {
				mprops["place"] = rel.Place
			}
			if rel.What != "" {
				mprops["kind"] = rel.What
			}
			prov(mprops, rel)
			if j, ok := nodeIdx[mid]; ok {
				graph.MergeProps(g.Nodes[j].Properties, mprops)
			} else {
				nodeIdx[mid] = len(g.Nodes)
				g.Nodes = append(g.Nodes, graph.Node{ID: mid, Labels: []string{graph.Meeting}, Properties: mprops})
			}
			for _, p := range parts {
				addRel(graph.Relationship{ID: graph.Attended + ":" + p + "->" + mid, Type: graph.Attended, StartNode: p, EndNode: mid,
					Properties: prov(map[string]any{}, rel)})
			}
			for i := 0; i < len(parts); i++ {
				for j := i + 1; j < len(parts); j++ {
					props := prov(map[string]any{"meeting": mid}, rel)
					if rel.Date != "" {
						props["date"] = rel.Date
					}
					if rel.Place != "" {
						props["place"] = rel.Place
					}
					addRel(graph.Relationship{ID: graph.Met + ":" + parts[i] + "--" + parts[j] + "@" + mid, Type: graph.Met,
						StartNode: parts[i], EndNode: parts[j], Properties: props})
				}
			}
		}
	}
	g.Sort()
	return g
}

// oneWordName reports whether a person's name is one word: a Latin word
// without spaces, or a single Hangul syllable.
func oneWordName(name string) bool {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, " -") {
		return false
	}
	n, hangul := 0, true
	for _, r := range name {
		n++
		if r < 0xAC00 || r > 0xD7A3 {
			hangul = false
		}
	}
	return !hangul || n == 1
}

func displayName(e extract.Entity) string {
	if e.NameEN != "" {
		return e.NameEN
	}
	return e.Name
}
