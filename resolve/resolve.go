package resolve

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/rules"
)

// Source is what resolution reads: a graph or a Merger.
type Source interface {
	EachNode(func(graph.Node))
	EachRel(func(graph.Relationship))
}

// Options configure a resolution.
type Options struct {
	Set       *rules.Set // the rules' lexicon: surnames, sector words, legal forms
	Overrides *Overrides // a user's merges.yaml; nil for none
	// Warn, when set, gets problems worth telling the user (a merges.yaml
	// name that matches nothing).
	Warn func(string)
	// Trace, when set, gets a line for every candidate join considered
	// across scripts and spellings, taken or not.
	Trace func(format string, args ...any)
}

// Result is what resolution decided.
type Result struct {
	// Rename maps old node ids to new ones; ids not in it stay.
	Rename map[string]string
	// Props are properties to lay over the renamed nodes: the names
	// chosen for each entity and the evidence of every join.
	Props map[string]map[string]any
	// Unmatched lists the names of merges.yaml that mean no person or
	// organization of the corpus.
	Unmatched []string
}

// Apply resolves what m holds and returns the corpus graph's Merger; m
// is emptied.
func Apply(m *graph.Merger, opt Options) *graph.Merger {
	r := Resolve(m, opt)
	if opt.Warn != nil {
		for _, n := range r.Unmatched {
			opt.Warn(fmt.Sprintf("merges.yaml: %q names no person or organization of the corpus", n))
		}
	}
	return m.Rename(r.Rename, r.Props)
}

// Graph resolves g and returns the corpus graph.
func Graph(g *graph.Graph, opt Options) *graph.Graph {
	m := graph.NewMerger()
	m.Add(g)
	return Apply(m, opt).Graph()
}

// atom is one node of the merged documents' graphs: the unit resolution
// joins.
type atom struct {
	id      string
	person  bool
	name    string
	en, ko  string // the Latin and Hangul names ("" if none)
	aliases []string
	docs    []string
	orgs    []int            // persons: atoms of the organizations they hold roles at
	titles  map[int][]string // persons: their titles at each of orgs
}

// Resolve decides identity over src. It reads every node and relationship
// once; its time is about linear in their number (names are compared
// within buckets of one key, organization or date).
func Resolve(src Source, opt Options) Result {
	set := opt.Set
	var atoms []atom
	at := map[string]int{}
	var meetings []meetingAtom
	src.EachNode(func(n graph.Node) {
		switch {
		case slices.Contains(n.Labels, graph.Person), slices.Contains(n.Labels, graph.Organization):
			a := atom{id: n.ID, person: slices.Contains(n.Labels, graph.Person)}
			a.name, _ = n.Properties["name"].(string)
			a.en, _ = n.Properties["name_en"].(string)
			a.ko, _ = n.Properties["name_ko"].(string)
			if a.en == "" && a.ko == "" {
				if isHangulName(a.name) {
					a.ko = a.name
				} else {
					a.en = a.name
				}
			}
			a.aliases, _ = n.Properties["aliases"].([]string)
			a.docs, _ = n.Properties["documents"].([]string)
			at[n.ID] = len(atoms)
			atoms = append(atoms, a)
		case slices.Contains(n.Labels, graph.Meeting):
			meetings = append(meetings, newMeetingAtom(n))
		}
	})
	// an order of atoms that does not depend on the order they came in
	sort.Slice(atoms, func(i, j int) bool { return atoms[i].id < atoms[j].id })
	for i := range atoms {
		at[atoms[i].id] = i
	}
	src.EachRel(func(r graph.Relationship) {
		if r.Type != graph.HoldsRole {
			return
		}
		p, ok1 := at[r.StartNode]
		o, ok2 := at[r.EndNode]
		if ok1 && ok2 {
			atoms[p].orgs = append(atoms[p].orgs, o)
			if atoms[p].titles == nil {
				atoms[p].titles = map[int][]string{}
			}
			atoms[p].titles[o] = append(atoms[p].titles[o], graph.Strings(r.Properties["titles"])...)
			if t, _ := r.Properties["title"].(string); t != "" {
				atoms[p].titles[o] = append(atoms[p].titles[o], t)
			}
		}
	})
	for i := range atoms {
		slices.Sort(atoms[i].orgs)
		atoms[i].orgs = slices.Compact(atoms[i].orgs)
	}
	u := newUnion(atoms, set)
	u.trace, u.tracing = opt.Trace, opt.Trace != nil
	unmatched := u.overrides(opt.Overrides)
	u.orgs()
	u.persons()
	res := Result{Rename: map[string]string{}, Props: map[string]map[string]any{}, Unmatched: unmatched}
	u.name(res)
	resolveMeetings(meetings, res)
	return res
}

// union is a union-find over atoms that keeps, for each cluster, what the
// guards look at.
type union struct {
	atoms  []atom
	set    *rules.Set
	parent []int
	// per root
	ko      []map[string]bool // Hangul keys
	en      [][]string        // Latin names
	tags    []map[string]bool // merges.yaml "different" sides
	links   [][]string        // the evidence of each join, for "identity"
	trace   func(format string, args ...any)
	tracing bool
}

func newUnion(atoms []atom, set *rules.Set) *union {
	u := &union{atoms: atoms, set: set, parent: make([]int, len(atoms)),
		ko: make([]map[string]bool, len(atoms)), en: make([][]string, len(atoms)),
		tags: make([]map[string]bool, len(atoms)), links: make([][]string, len(atoms))}
	for i, a := range atoms {
		u.parent[i] = i
		if a.ko != "" {
			u.ko[i] = map[string]bool{u.koKey(a): true}
		}
		if a.en != "" {
			u.en[i] = []string{a.en}
		}
	}
	return u
}

func (u *union) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// join joins the clusters of a and b unless a guard refuses; why says on
// what evidence. It reports whether they are one cluster afterwards.
func (u *union) join(a, b int, why string, forced bool) bool {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return true
	}
	for t := range u.tags[ra] {
		if u.tags[rb][opposite(t)] {
			return false
		}
	}
	if !forced && !u.compatible(ra, rb) {
		return false
	}
	// the larger cluster absorbs the smaller: sets move once per doubling
	if len(u.en[ra])+len(u.ko[ra]) < len(u.en[rb])+len(u.ko[rb]) {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	if u.ko[ra] == nil {
		u.ko[ra] = map[string]bool{}
	}
	for k := range u.ko[rb] {
		u.ko[ra][k] = true
	}
	for _, e := range u.en[rb] {
		if !slices.Contains(u.en[ra], e) {
			u.en[ra] = append(u.en[ra], e)
		}
	}
	if len(u.tags[rb]) > 0 && u.tags[ra] == nil {
		u.tags[ra] = map[string]bool{}
	}
	for t := range u.tags[rb] {
		u.tags[ra][t] = true
	}
	u.links[ra] = append(u.links[ra], u.links[rb]...)
	u.links[ra] = append(u.links[ra], fmt.Sprintf("%s = %s: %s", u.label(a), u.label(b), why))
	u.ko[rb], u.en[rb], u.tags[rb], u.links[rb] = nil, nil, nil, nil
	return true
}

// label names an atom in an explanation: its name and documents.
func (u *union) label(i int) string {
	a := u.atoms[i]
	name := a.name
	if a.en != "" && a.ko != "" {
		name = a.en + " / " + a.ko
	}
	docs := a.docs
	if len(docs) > 3 {
		docs = append(append([]string(nil), docs[:3]...), fmt.Sprintf("%d more", len(a.docs)-3))
	}
	return fmt.Sprintf("%s (%s)", name, strings.Join(docs, ", "))
}

func opposite(t string) string {
	if strings.HasSuffix(t, ":a") {
		return strings.TrimSuffix(t, ":a") + ":b"
	}
	return strings.TrimSuffix(t, ":b") + ":a"
}

// compatible is the guard: two clusters with different Hangul names are
// two entities; two persons whose Latin names do not sound alike are
// two; two organizations whose Latin names end in different sector words
// are two.
func (u *union) compatible(ra, rb int) bool {
	if len(u.ko[ra]) > 0 && len(u.ko[rb]) > 0 {
		shared := false
		for k := range u.ko[ra] {
			if u.ko[rb][k] || !u.atoms[ra].person && hangulVariant(k, u.ko[rb]) {
				shared = true
				break
			}
		}
		if !shared {
			return false
		}
	}
	if len(u.en[ra]) == 0 || len(u.en[rb]) == 0 {
		return true
	}
	person := u.atoms[ra].person
	for _, x := range u.en[ra] {
		for _, y := range u.en[rb] {
			if person && personSoundsAlike(x, y, u.set) || !person && !u.sectorConflict(x, y) {
				return true
			}
		}
	}
	return false
}

// hangulVariant: an organization's Hangul name of four or more syllables
// that differs from one of names in a single jamo is the same foreign
// name transcribed twice (머티리얼스, 머티리얼즈); 삼성전자 and 삼성전기
// differ in two.
func hangulVariant(k string, names map[string]bool) bool {
	if len([]rune(k)) < 4 {
		return false
	}
	for n := range names {
		if extract.JamoDistance(k, n) == 1 {
			return true
		}
	}
	return false
}

// koKey is an atom's Hangul key: its name without spaces, and for an
// organization without its legal form.
func (u *union) koKey(a atom) string {
	k := strings.ReplaceAll(a.ko, " ", "")
	if !a.person {
		k = u.orgKey(a.ko)
	}
	return k
}

// orgKey folds an organization name: lower case, letters and digits only,
// legal-form words dropped from either end (Acme Co., Ltd. = ACME Corp. =
// acme; 주식회사 하늘화학 = 하늘화학). A name that is all legal form keeps
// its words.
func (u *union) orgKey(name string) string {
	ws := words(name)
	for len(ws) > 1 && u.set.LegalSuffixes[rules.LegalWord(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	for len(ws) > 1 && u.set.LegalSuffixes[rules.LegalWord(ws[0])] {
		ws = ws[1:]
	}
	for i, w := range ws {
		// "(주)하늘화학", "하늘화학㈜": a legal mark glued to the name
		for suf := range u.set.LegalSuffixes {
			if len(suf) > 0 && !isASCII(suf) && len(w) > len(suf) {
				w = strings.TrimPrefix(strings.TrimSuffix(w, suf), suf)
			}
		}
		ws[i] = w
	}
	return strings.Join(ws, "")
}

// sectorConflict: two organization names whose last words are different
// sector words (Group and Electronics, Chemical and Motor) name a parent
// and an affiliate, or two affiliates.
func (u *union) sectorConflict(x, y string) bool {
	lx, ly := lastWord(u, x), lastWord(u, y)
	if lx == ly || lx == "" || ly == "" || strings.HasPrefix(lx, ly) || strings.HasPrefix(ly, lx) {
		return false // Pharm is short for Pharmaceutical
	}
	return u.sectorWord(lx) && u.sectorWord(ly)
}

func lastWord(u *union, name string) string {
	ws := words(name)
	for len(ws) > 1 && u.set.LegalSuffixes[rules.LegalWord(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return ""
	}
	return ws[len(ws)-1]
}

// sectorWord: the last word of an English organization suffix the rules
// list (Group, Electronics, Steel).
func (u *union) sectorWord(w string) bool {
	for _, suf := range u.set.OrgSuffixesEN {
		fs := words(suf)
		if len(fs) > 0 && fs[len(fs)-1] == w && !u.set.LegalSuffixes[rules.LegalWord(w)] {
			return true
		}
	}
	return false
}

// words splits a name into lower-case words of letters and digits ("&"
// is a word: E&C is e & c).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "&", " & ")), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isHangulName(s string) bool {
	has := false
	for _, r := range s {
		switch {
		case r >= 0xAC00 && r <= 0xD7A3:
			has = true
		case r == ' ':
		default:
			return false
		}
	}
	return has
}

// The replacers of the name keys, built once (building one per name was
// a fifth of resolution's time on a list of 48,000 names).
var (
	keyPunct    = strings.NewReplacer("-", " ", ".", " ", ",", " ")
	sortedPunct = strings.NewReplacer("-", "", ".", " ", ",", " ")
	givenPunct  = strings.NewReplacer("-", "", " ", "")
)

// personKey folds a Latin person name: lower case, no hyphens or spaces,
// a Korean-style name surname first (Gildong Hong = Hong Gil-dong =
// HONG GIL DONG = honggildong).
func personKey(name string, set *rules.Set) string {
	ws := strings.Fields(keyPunct.Replace(strings.ToLower(name)))
	if len(ws) < 2 {
		return ""
	}
	_, firstSur := set.SurnameOfEN[ws[0]]
	_, lastSur := set.SurnameOfEN[ws[len(ws)-1]]
	if lastSur && !firstSur {
		ws = append([]string{ws[len(ws)-1]}, ws[:len(ws)-1]...)
	}
	return strings.Join(ws, "")
}

// sortedKey is a Latin name's words in order, for names written family
// name first by one outlet and last by another (Sato Kenji, Kenji Sato).
// Korean given names are one word however they are spelled.
func sortedKey(name string) string {
	ws := strings.Fields(sortedPunct.Replace(strings.ToLower(name)))
	if len(ws) != 2 {
		return ""
	}
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

// personSoundsAlike: two Latin person names that may be one person's:
// the same key, or the same consonant skeleton once written surname first
// (Chung Shin-a, Jung Shina).
func personSoundsAlike(x, y string, set *rules.Set) bool {
	kx, ky := personKey(x, set), personKey(y, set)
	if kx != "" && kx == ky {
		return true
	}
	if sx, sy := sortedKey(x), sortedKey(y); sx != "" && sx == sy {
		return true
	}
	if extract.SameKoreanName(x, y, set) {
		return true
	}
	return skeletonKey(x, set) == skeletonKey(y, set) && skeletonKey(x, set) != ""
}

// skeletonKey is the consonant skeleton of a Korean-style Latin name,
// surname first; "" for other names.
func skeletonKey(name string, set *rules.Set) string {
	sur, given := extract.SurnameEN(name, set)
	if sur == "" {
		return ""
	}
	if _, ok := set.SurnameOfEN[strings.ToLower(sur)]; !ok {
		return ""
	}
	return extract.Skeleton(strings.ToLower(sur)) + "|" + extract.Skeleton(strings.ReplaceAll(strings.ToLower(given), "-", ""))
}

// bucket joins, in order, every atom of each key's list to the first.
func (u *union) bucket(keys map[string][]int, why func(key string) string) {
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		ids := keys[k]
		for _, i := range ids[1:] {
			u.join(ids[0], i, why(k), false)
		}
	}
}

// orgs joins organizations: by name, by a pairing, by sound.
func (u *union) orgs() {
	en, ko := map[string][]int{}, map[string][]int{}
	for i, a := range u.atoms {
		if a.person {
			continue
		}
		if a.en != "" {
			if k := u.orgKey(a.en); k != "" {
				en[k] = append(en[k], i)
			}
		}
		if a.ko != "" {
			if k := u.koKey(a); k != "" {
				ko[k] = append(ko[k], i)
			}
		}
	}
	u.bucket(en, func(k string) string { return "the same name (case, punctuation and legal form aside)" })
	u.bucket(ko, func(k string) string { return "the same Korean name" })
	// a sector word cut short (Hwayeon Pharm, Hwayeon Pharmaceutical):
	// the same first words, and one last word begins the other
	abbr := map[string][]int{}
	for i, a := range u.atoms {
		if a.person || a.en == "" {
			continue
		}
		if ws := words(u.stripLegal(a.en)); len(ws) >= 2 && len(ws[len(ws)-1]) >= 4 {
			abbr[strings.Join(ws[:len(ws)-1], " ")+"|"+ws[len(ws)-1][:4]] = append(abbr[strings.Join(ws[:len(ws)-1], " ")+"|"+ws[len(ws)-1][:4]], i)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(abbr)) {
		ids := abbr[k]
		for _, i := range ids[1:] {
			x, y := lastOf(u.stripLegal(u.atoms[ids[0]].en)), lastOf(u.stripLegal(u.atoms[i].en))
			// both must be sector words the rules know (Pharm and
			// Pharmaceutical; not Motor and Motorsport, Chem and Chemtech)
			if x != y && (strings.HasPrefix(x, y) || strings.HasPrefix(y, x)) && u.sectorWord(x) && u.sectorWord(y) {
				u.join(ids[0], i, fmt.Sprintf("%q is short for %q", shorter(x, y), longer(x, y)), false)
			}
		}
	}
	// a short form an article pairs with the full name: joined when one
	// cluster alone claims it
	claims := map[string]map[int]bool{}
	for i, a := range u.atoms {
		if a.person {
			continue
		}
		for _, al := range a.aliases {
			k := u.orgKey(al)
			if isHangulName(al) {
				k = u.koKey(atom{ko: al})
			}
			if k == "" {
				continue
			}
			if claims[k] == nil {
				claims[k] = map[int]bool{}
			}
			claims[k][u.find(i)] = true
		}
	}
	for i, a := range u.atoms {
		if a.person {
			continue
		}
		for _, name := range []string{a.en, a.ko} {
			if name == "" {
				continue
			}
			k := u.orgKey(name)
			if isHangulName(name) {
				k = u.koKey(atom{ko: name})
			}
			if owners := claims[k]; len(owners) == 1 {
				for r := range owners {
					if ri := u.find(r); ri != u.find(i) && u.claimedByOther(ri, k) {
						u.join(r, i, fmt.Sprintf("%q is a short form an article pairs with this name", name), false)
					}
				}
			}
		}
	}
	// across scripts: names that fit by their stems and sector words
	u.crossOrgs(false)
}

// claimedByOther: the alias key is not already one of root's own names.
func (u *union) claimedByOther(root int, key string) bool {
	for _, e := range u.en[root] {
		if u.orgKey(e) == key {
			return false
		}
	}
	return !u.ko[root][key]
}

// persons joins people: by name, by a pairing, by romanization with a
// shared organization.
func (u *union) persons() {
	latin, sorted, ko := map[string][]int{}, map[string][]int{}, map[string][]int{}
	for i, a := range u.atoms {
		if !a.person || strings.Contains(a.id, "@") { // one-word names are their document's
			continue
		}
		if a.en != "" {
			if k := personKey(a.en, u.set); k != "" {
				latin[k] = append(latin[k], i)
			}
			if k := sortedKey(a.en); k != "" {
				sorted[k] = append(sorted[k], i)
			}
		}
		if a.ko != "" && len([]rune(strings.ReplaceAll(a.ko, " ", ""))) >= 2 {
			ko[u.koKey(a)] = append(ko[u.koKey(a)], i)
		}
	}
	u.bucket(latin, func(string) string { return "the same name (case, hyphens, spaces and name order aside)" })
	u.bucket(sorted, func(string) string { return "the same name, family name first in one and last in the other" })
	u.bucket(ko, func(string) string { return "the same Korean name" })
	// across scripts and spellings, where the corpus supports it; a
	// person joined this way can support an organization's join, and the
	// other way round
	u.crossPersons()
	u.shortForms()
	u.crossOrgs(true)
	u.crossPersons()
}

// name gives each cluster its id and names: the Latin name most documents
// use (then one not in capitals, then the smallest), else the Hangul one.
func (u *union) name(res Result) {
	members := map[int][]int{}
	for i := range u.atoms {
		r := u.find(i)
		members[r] = append(members[r], i)
	}
	roots := make([]int, 0, len(members))
	for r := range members {
		roots = append(roots, r)
	}
	// clusters in the order of their smallest atom id (atoms are sorted)
	slices.SortFunc(roots, func(a, b int) int { return members[a][0] - members[b][0] })
	taken := map[string]bool{}
	for _, r := range roots {
		ms := members[r]
		if len(ms) == 1 {
			taken[u.atoms[ms[0]].id] = true
		}
	}
	for _, r := range roots {
		ms := members[r]
		if len(ms) == 1 {
			continue // a node joined with nothing keeps its id and names
		}
		en := bestName(u.atoms, ms, func(a atom) string { return a.en })
		ko := bestName(u.atoms, ms, func(a atom) string { return a.ko })
		prefix := "org"
		if u.atoms[ms[0]].person {
			prefix = "person"
		}
		display := en
		if display == "" {
			display = ko
		}
		id := commonNamespace(u.atoms, ms) + graph.Key(prefix, display)
		if taken[id] && !slices.ContainsFunc(ms, func(i int) bool { return u.atoms[i].id == id }) {
			h := sha1.Sum([]byte(u.atoms[ms[0]].id))
			id += "~" + hex.EncodeToString(h[:4])
		}
		taken[id] = true
		props := map[string]any{"name": display}
		if en != "" {
			props["name_en"] = en
		}
		if ko != "" {
			props["name_ko"] = ko
		}
		props["identity"] = u.links[r]
		var aliases []string
		for _, i := range ms {
			a := u.atoms[i]
			aliases = append(aliases, a.name)
			if a.en != "" {
				aliases = append(aliases, a.en)
			}
			if a.ko != "" {
				aliases = append(aliases, a.ko)
			}
		}
		props["aliases"] = graph.UniqSorted(append(aliases, unionAliases(u.atoms, ms)...))
		for _, i := range ms {
			if u.atoms[i].id != id {
				res.Rename[u.atoms[i].id] = id
			}
		}
		res.Props[id] = props
	}
}

func unionAliases(atoms []atom, ms []int) []string {
	var out []string
	for _, i := range ms {
		out = append(out, atoms[i].aliases...)
	}
	return out
}

// bestName picks the name most documents use, then one not in capitals,
// then the smallest.
func bestName(atoms []atom, ms []int, get func(atom) string) string {
	count := map[string]int{}
	for _, i := range ms {
		if n := get(atoms[i]); n != "" {
			count[n] += max(1, len(atoms[i].docs))
		}
	}
	best := ""
	for n, c := range count {
		if best == "" || c > count[best] || c == count[best] && (caps(best) && !caps(n) || caps(best) == caps(n) && n < best) {
			best = n
		}
	}
	return best
}

// caps: a name written all in capital letters (a byline, a caption).
func caps(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has
}

// stripLegal drops legal-form words from the end of an English
// organization name (Kesteren Materials B.V. is Kesteren Materials).
func (u *union) stripLegal(name string) string {
	ws := strings.Fields(name)
	for len(ws) > 1 {
		last := ws[len(ws)-1]
		// "Co., Ltd.": a trailing comma belongs to the word before
		if !u.set.LegalSuffixes[rules.LegalWord(last)] {
			break
		}
		ws = ws[:len(ws)-1]
		ws[len(ws)-1] = strings.TrimRight(ws[len(ws)-1], ",")
	}
	return strings.Join(ws, " ")
}

func lastOf(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func shorter(a, b string) string {
	if len(a) <= len(b) {
		return a
	}
	return b
}

func longer(a, b string) string {
	if len(a) > len(b) {
		return a
	}
	return b
}

// namespace is what an id holds before its kind ("kgtest/x/" of
// "kgtest/x/person:kim"): ids a user gave a prefix keep it.
func namespace(id string) string {
	for _, kind := range []string{"person:", "org:", "meeting:"} {
		if i := strings.LastIndex(id, kind); i > 0 {
			return id[:i]
		}
	}
	return ""
}

// commonNamespace is the namespace the atoms ms share, "" if they differ.
func commonNamespace(atoms []atom, ms []int) string {
	ns := namespace(atoms[ms[0]].id)
	for _, i := range ms[1:] {
		if namespace(atoms[i].id) != ns {
			return ""
		}
	}
	return ns
}
