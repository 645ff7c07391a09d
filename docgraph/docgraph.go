package docgraph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

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
	b := &builder{
		r:       r,
		docID:   r.Doc.ID,
		dk:      graph.DocKey(r.Doc.ID),
		g:       &graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}},
		keys:    make([]string, len(r.Entities)),
		nodeIdx: map[string]int{},
		relIdx:  map[string]int{},
	}
	b.documentNode()
	b.entities()
	b.mentions()
	b.roles()
	b.partnerships()
	b.meetings()
	b.g.Sort()
	return b.g
}

// builder holds one document's graph while FromResult builds it, and the
// indexes its steps share.
type builder struct {
	r     extract.Result
	docID string
	dk    string // the Document node's id
	g     *graph.Graph
	// keys maps an entity index to its node id; "" for an entity that is
	// neither a person nor an organization
	keys []string
	// nodeIdx maps a Person, Organization or Meeting node's id to its
	// index in g.Nodes
	nodeIdx map[string]int
	// relIdx maps the id of an ATTENDED, MET or PARTNERS_WITH
	// relationship to its index in g.Relationships
	relIdx map[string]int
}

// documentNode adds the Document node: the document's id, publication
// date and metadata, named by its title when it has one.
func (b *builder) documentNode() {
	dprops := map[string]any{"name": b.docID, "documents": []string{b.docID}}
	if b.r.Published != "" {
		dprops["published"] = b.r.Published
	}
	m := b.r.Doc.Meta
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
	b.g.Nodes = append(b.g.Nodes, graph.Node{ID: b.dk, Labels: []string{graph.Document}, Properties: dprops})
}

// entities adds a Person or Organization node for each person and
// organization entity, and records its node id in keys. Entities that
// share a key share one node, which gathers all their aliases.
func (b *builder) entities() {
	for i, e := range b.r.Entities {
		if e.Type != rules.TypePerson && e.Type != rules.TypeOrg {
			continue
		}
		k := b.entityKey(e)
		b.keys[i] = k
		aliases := entityAliases(e)
		if j, ok := b.nodeIdx[k]; ok { // two entities with one key: one node
			n := &b.g.Nodes[j]
			n.Properties["aliases"] = append(n.Properties["aliases"].([]string), aliases...)
			continue
		}
		label := graph.Organization
		if e.Type == rules.TypePerson {
			label = graph.Person
		}
		props := map[string]any{"name": displayName(e), "aliases": aliases, "documents": []string{b.docID}}
		if e.NameEN != "" {
			props["name_en"] = e.NameEN
		}
		if e.NameKO != "" {
			props["name_ko"] = e.NameKO
		}
		props["rules"] = []string{e.Rule}
		b.nodeIdx[k] = len(b.g.Nodes)
		b.g.Nodes = append(b.g.Nodes, graph.Node{ID: k, Labels: []string{label}, Properties: props})
	}
}

// entityKey returns the node id of a person or organization entity: its
// EntityKey, made the document's own for a person named by one word.
func (b *builder) entityKey(e extract.Entity) string {
	k := EntityKey(e)
	if e.Type == rules.TypePerson && oneWordName(displayName(e)) {
		// "Kim", "김", "Cook": a surname alone names someone only
		// within its document; two documents' "Kim" are not one person
		k += "@" + b.docID
	}
	return k
}

// entityAliases returns an entity's aliases followed by its English and
// Korean names, where known.
func entityAliases(e extract.Entity) []string {
	aliases := append([]string(nil), e.Aliases...)
	if e.NameEN != "" {
		aliases = append(aliases, e.NameEN)
	}
	if e.NameKO != "" {
		aliases = append(aliases, e.NameKO)
	}
	return aliases
}

// mentions adds a MENTIONS relationship from the Document node to each
// Person and Organization node, in the order entities added them.
func (b *builder) mentions() {
	for _, n := range b.g.Nodes {
		if l := n.Labels[0]; l != graph.Person && l != graph.Organization {
			continue
		}
		b.g.Relationships = append(b.g.Relationships, graph.Relationship{
			ID: "MENTIONS:" + b.dk + "->" + n.ID, Type: graph.Mentions, StartNode: b.dk, EndNode: n.ID,
			Properties: map[string]any{"documents": []string{b.docID}},
		})
	}
}

// roleAgg gathers the role relations of one (person, org) pair: the
// relations, and each title's score and rank.
type roleAgg struct {
	rels  []extract.Relation
	score map[string]int
	rank  map[string]int
}

// add counts rel towards its title: an English sentence weighs 2, any
// other 1.
func (a *roleAgg) add(rel extract.Relation) {
	a.rels = append(a.rels, rel)
	w := 1
	if rel.Lang == "en" {
		w = 2
	}
	a.score[rel.Title] += w
	a.rank[rel.Title] = rel.TitleRank
}

// best returns the title of highest score; of equal scores, the one of
// highest rank, then the first in byte order.
func (a *roleAgg) best() string {
	best := ""
	for t, sc := range a.score {
		if best == "" || sc > a.score[best] || sc == a.score[best] && (a.rank[t] > a.rank[best] || a.rank[t] == a.rank[best] && t < best) {
			best = t
		}
	}
	return best
}

// StatusFormer is the HOLDS_ROLE status of a role the text says the
// person no longer holds ("former CEO", "전 회장"); a current role has no
// status property.
const StatusFormer = "former"

// roles adds one HOLDS_ROLE relationship per (person, org) pair with a
// role relation, titled by the title of highest weight, in the order of
// each pair's first relation.
func (b *builder) roles() {
	roles := map[string]*roleAgg{}
	var roleOrder []string
	for _, rel := range b.r.Relations {
		if rel.Kind != extract.RelRole {
			continue
		}
		p, o := b.keys[rel.Args[0]], b.keys[rel.Args[1]]
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
		a.add(rel)
	}
	for _, id := range roleOrder {
		b.roleEdge(id, roles[id])
	}
}

// roleEdge adds the HOLDS_ROLE relationship id for a pair's role
// relations: the best title, every title as found and as written, and
// each relation's evidence.
func (b *builder) roleEdge(id string, a *roleAgg) {
	props := map[string]any{"title": a.best()}
	var titles, orig, spans, ev, ru []string
	for _, rel := range a.rels {
		titles = append(titles, rel.Title)
		orig = append(orig, rel.TitleOrig)
		spans = append(spans, b.span(rel.Evidence))
		ev = append(ev, b.evidence(rel.Evidence, ""))
		ru = append(ru, rel.Rule)
	}
	props["titles"] = titles
	props["titles_original"] = orig
	// former only when every statement of the role in this document says so
	former := true
	for _, rel := range a.rels {
		former = former && rel.Former
	}
	if former {
		props["status"] = StatusFormer
	}
	props["documents"] = []string{b.docID}
	props["spans"] = spans
	props["evidence"] = ev
	props["rules"] = ru
	rel0 := a.rels[0]
	b.g.Relationships = append(b.g.Relationships, graph.Relationship{ID: id, Type: graph.HoldsRole,
		StartNode: b.keys[rel0.Args[0]], EndNode: b.keys[rel0.Args[1]], Properties: props})
}

// partnerships adds a PARTNERS_WITH relationship for each partnership
// relation between two distinct nodes, its ends in byte order; the
// relations of one pair make one relationship.
func (b *builder) partnerships() {
	for _, rel := range b.r.Relations {
		if rel.Kind != extract.RelPartnership {
			continue
		}
		x, y := b.keys[rel.Args[0]], b.keys[rel.Args[1]]
		if x == "" || y == "" || x == y {
			continue
		}
		if y < x {
			x, y = y, x
		}
		b.addRel(graph.Relationship{ID: graph.PartnersWith + ":" + x + "--" + y, Type: graph.PartnersWith, StartNode: x, EndNode: y,
			Properties: b.prov(map[string]any{}, rel)})
	}
}

// MaxPairwiseMET bounds the meetings that get a MET relationship between
// each pair of participants: a gathering of more people has its Meeting
// node and an ATTENDED relationship from each participant, and who met
// whom there is read through the Meeting (kg who-met, path and eval do).
// n participants would make n(n-1)/2 MET relationships: a sentence
// listing 500 attendees made 124,750 of them and 1.2 GB of JSON.
const MaxPairwiseMET = 12

// MaxEvidenceBytes bounds the text of one evidence sentence on a node or
// relationship: a longer sentence keeps its first and last
// MaxEvidenceBytes/2 bytes (cut at rune boundaries) around " … ", or, when
// that would drop a meeting's place, its first and last third around the
// place in the middle. Its
// span ("doc@start-end") still names the whole sentence. Without the
// bound, a sentence listing n attendees was copied onto n ATTENDED
// relationships, quadratic in the sentence.
const MaxEvidenceBytes = 1000

// evidence is the text of span sp for an evidence property. A cut keeps
// keep (a meeting's place) where the sentence names it: corpus resolution
// reads a report's place as stated only where its evidence names it.
func (b *builder) evidence(sp extract.Span, keep string) string {
	t := b.r.Doc.Slice(sp)
	if len(t) <= MaxEvidenceBytes {
		return t
	}
	half := MaxEvidenceBytes / 2
	cut := head(t, half) + " … " + tail(t, half)
	if keep == "" || strings.Contains(cut, keep) {
		return cut
	}
	i := strings.Index(t, keep)
	if i < 0 {
		return cut
	}
	third := MaxEvidenceBytes / 3
	mid := tail(t[:i], third/2) + keep + head(t[i+len(keep):], third/2)
	return head(t, third) + " … " + mid + " … " + tail(t, third)
}

// head is s's first n bytes at most, cut at a rune boundary.
func head(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tail is s's last n bytes at most, cut at a rune boundary.
func tail(s string, n int) string {
	if n >= len(s) {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// meetings adds, for each meeting relation of two or more participants,
// a Meeting node, an ATTENDED relationship from each participant, and,
// up to MaxPairwiseMET participants, a MET relationship between each
// pair of them.
func (b *builder) meetings() {
	for _, rel := range b.r.Relations {
		if rel.Kind != extract.RelMeeting {
			continue
		}
		parts := b.participants(rel)
		if len(parts) < 2 {
			continue
		}
		mid := b.meetingNode(rel, parts)
		for _, p := range parts {
			b.addRel(graph.Relationship{ID: graph.Attended + ":" + p + "->" + mid, Type: graph.Attended, StartNode: p, EndNode: mid,
				Properties: b.prov(map[string]any{}, rel)})
		}
		if len(parts) > MaxPairwiseMET {
			continue
		}
		for i := 0; i < len(parts); i++ {
			for j := i + 1; j < len(parts); j++ {
				props := b.prov(map[string]any{"meeting": mid}, rel)
				setWhenWhere(props, rel)
				b.addRel(graph.Relationship{ID: graph.Met + ":" + parts[i] + "--" + parts[j] + "@" + mid, Type: graph.Met,
					StartNode: parts[i], EndNode: parts[j], Properties: props})
			}
		}
	}
}

// participants returns the distinct node ids of a meeting relation's
// person and organization participants, sorted.
func (b *builder) participants(rel extract.Relation) []string {
	parts := make([]string, 0, len(rel.Args))
	for _, x := range rel.Args {
		if b.keys[x] != "" {
			parts = append(parts, b.keys[x])
		}
	}
	sort.Strings(parts)
	return slices.Compact(parts)
}

// meetingNode adds the Meeting node of a meeting relation with
// participants parts, or merges the relation into it when the document
// reported that meeting already, and returns its id.
func (b *builder) meetingNode(rel extract.Relation, parts []string) string {
	// a document's meeting is its own until corpus resolution
	// decides which reports are one meeting (and names those by
	// their date and participants); an undated one stays its own
	mid := graph.MeetingKey(rel.Date, append([]string{"doc:" + b.docID}, parts...))
	var names []string
	for _, x := range rel.Args {
		names = append(names, displayName(b.r.Entities[x]))
	}
	mprops := map[string]any{"name": "Meeting of " + strings.Join(names, ", "), "participants": parts}
	setWhenWhere(mprops, rel)
	if rel.What != "" {
		mprops["kind"] = rel.What
	}
	b.prov(mprops, rel)
	if j, ok := b.nodeIdx[mid]; ok {
		graph.MergeProps(b.g.Nodes[j].Properties, mprops)
	} else {
		b.nodeIdx[mid] = len(b.g.Nodes)
		b.g.Nodes = append(b.g.Nodes, graph.Node{ID: mid, Labels: []string{graph.Meeting}, Properties: mprops})
	}
	return mid
}

// setWhenWhere sets p's date and place to a meeting relation's, where
// known.
func setWhenWhere(p map[string]any, rel extract.Relation) {
	if rel.Date != "" {
		p["date"] = rel.Date
	}
	if rel.Place != "" {
		p["place"] = rel.Place
	}
	if rel.PlaceKO != "" {
		p["place_ko"] = rel.PlaceKO
	}
}

// addRel adds rel, or merges its properties into the relationship of the
// same id added before.
func (b *builder) addRel(rel graph.Relationship) {
	if j, ok := b.relIdx[rel.ID]; ok {
		graph.MergeProps(b.g.Relationships[j].Properties, rel.Properties)
		return
	}
	b.relIdx[rel.ID] = len(b.g.Relationships)
	b.g.Relationships = append(b.g.Relationships, rel)
}

// prov sets p's provenance from rel and returns p: the document, and the
// span, text and rule of rel's evidence and of each further evidence.
func (b *builder) prov(p map[string]any, rel extract.Relation) map[string]any {
	spans := []string{b.span(rel.Evidence)}
	ev := []string{b.evidence(rel.Evidence, rel.Place)}
	ru := []string{rel.Rule}
	for k, sp := range rel.Also {
		spans = append(spans, b.span(sp))
		ev = append(ev, b.evidence(sp, rel.Place))
		ru = append(ru, rel.AlsoRules[k])
	}
	p["documents"] = []string{b.docID}
	p["spans"] = spans
	p["evidence"] = ev
	p["rules"] = ru
	return p
}

// span returns a sentence span's provenance id: "doc@start-end".
func (b *builder) span(sp extract.Span) string {
	return fmt.Sprintf("%s@%d-%d", b.docID, sp.Start, sp.End)
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

// displayName returns an entity's English name when known, else its name
// as found.
func displayName(e extract.Entity) string {
	if e.NameEN != "" {
		return e.NameEN
	}
	return e.Name
}
