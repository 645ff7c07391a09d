package extract

import (
	"strings"

	"github.com/kg-news/kg/rules"
)

// fold makes the key under which two spellings of a name are the same:
// lower case without spaces, hyphens, dots and apostrophes.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '-', '.', '\'', '’', '·':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// registry holds a document's entities while they are being found.
type registry struct {
	set     *rules.Set
	gaz     *gazIndex
	ents    []*Entity
	byAlias map[string][]int // fold(alias) → entities
	byGaz   map[int]int
	merged  []int // merged[i] = i, or the entity i was merged into
	// orgWord maps each word of an organization's aliases of two or more
	// words to the organizations (orgPart), orgLastKO the last word of
	// such an alias in Hangul (orgOfWord): scanning every entity for each
	// name was quadratic in a document's organizations
	orgWord   map[string][]int
	orgLastKO map[string][]int
}

// gazIndex looks gazetteer entries up by fold(alias); it is built once
// per rule set and shared by every document.
type gazIndex struct {
	typ   map[string]string // the type of the last entry with the alias
	first map[string]int    // the first entry with the alias
}

func newGazIndex(set *rules.Set) *gazIndex {
	g := &gazIndex{typ: map[string]string{}, first: map[string]int{}}
	for i, e := range set.Entities {
		for _, a := range e.Aliases {
			k := fold(a)
			g.typ[k] = e.Type
			if _, ok := g.first[k]; !ok {
				g.first[k] = i
			}
		}
	}
	return g
}

func newRegistry(set *rules.Set, gaz *gazIndex) *registry {
	if gaz == nil {
		gaz = newGazIndex(set)
	}
	return &registry{set: set, gaz: gaz, byAlias: map[string][]int{}, byGaz: map[int]int{},
		orgWord: map[string][]int{}, orgLastKO: map[string][]int{}}
}

// gazTypeOf returns the gazetteer type of a surface form, "" if unlisted.
func (r *registry) gazTypeOf(s string) string {
	return r.gaz.typ[fold(s)]
}

func (r *registry) find(i int) int {
	for r.merged[i] != i {
		i = r.merged[i]
	}
	return i
}

func (r *registry) addAlias(i int, a string) {
	a = strings.TrimSpace(a)
	if a == "" {
		return
	}
	e := r.ents[i]
	for _, x := range e.Aliases {
		if x == a {
			return
		}
	}
	e.Aliases = append(e.Aliases, a)
	if e.Type == rules.TypeOrg {
		if ws := strings.Fields(a); len(ws) >= 2 {
			for _, w := range ws {
				r.orgWord[w] = appendOnce(r.orgWord[w], i)
			}
			if allHangulOrSpace(a) {
				last := ws[len(ws)-1]
				r.orgLastKO[last] = appendOnce(r.orgLastKO[last], i)
			}
		}
	}
	k := fold(a)
	for _, j := range r.byAlias[k] {
		if j == i {
			return
		}
	}
	r.byAlias[k] = append(r.byAlias[k], i)
	if allHangulOrSpace(a) && e.NameKO == "" {
		e.NameKO = a
	}
}

// appendOnce appends i unless it is list's last element already.
func appendOnce(list []int, i int) []int {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

func allHangulOrSpace(s string) bool {
	has := false
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if !isHangul(r) {
			return false
		}
		has = true
	}
	return has
}

func (r *registry) newEntity(typ, name, rule string, gaz int) int {
	i := len(r.ents)
	e := &Entity{Type: typ, Name: name, Rule: rule, Gaz: gaz}
	if allHangulOrSpace(name) {
		e.NameKO = name
	} else {
		e.NameEN = name
	}
	r.ents = append(r.ents, e)
	r.merged = append(r.merged, i)
	r.addAlias(i, name)
	return i
}

// gazEntity returns the entity of gazetteer entry g, creating it.
func (r *registry) gazEntity(g int) int {
	if i, ok := r.byGaz[g]; ok {
		return r.find(i)
	}
	ge := r.set.Entities[g]
	i := r.newEntity(ge.Type, ge.Name, ge.Rule, g)
	e := r.ents[i]
	e.NameEN = ge.Name
	if allHangulOrSpace(ge.Name) {
		e.NameEN = ""
	}
	e.NameKO = ge.NameKO
	r.byGaz[g] = i
	return i
}

// lookup returns the live entity of type typ known by surface s, or -1.
func (r *registry) lookup(typ, s string) int {
	for _, i := range r.byAlias[fold(s)] {
		i = r.find(i)
		if r.ents[i].Type == typ {
			return i
		}
	}
	return -1
}

// lookupAny returns the live entity of any type known by s, or -1.
func (r *registry) lookupAny(s string) int {
	for _, i := range r.byAlias[fold(s)] {
		return r.find(i)
	}
	return -1
}

// ensure returns the entity of type typ named s, creating it when no
// entity of that type is known by that name. It refuses (-1) a name that
// the gazetteer lists with another type.
func (r *registry) ensure(typ, s, rule string) int {
	if i := r.lookup(typ, s); i >= 0 {
		return i
	}
	k := fold(s)
	if gt := r.gaz.typ[k]; gt != "" {
		if gt != typ {
			return -1
		}
		return r.gazEntity(r.gaz.first[k])
	}
	return r.newEntity(typ, s, rule, -1)
}

// merge joins entity b into a (same type), keeping a's names where set.
func (r *registry) merge(a, b int) int {
	a, b = r.find(a), r.find(b)
	if a == b {
		return a
	}
	ea, eb := r.ents[a], r.ents[b]
	if ea.Gaz < 0 && eb.Gaz >= 0 {
		a, b = b, a
		ea, eb = eb, ea
	}
	if ea.NameEN == "" {
		ea.NameEN = eb.NameEN
	}
	if ea.NameKO == "" {
		ea.NameKO = eb.NameKO
	}
	r.merged[b] = a
	for _, al := range eb.Aliases {
		r.addAlias(a, al)
	}
	return a
}

// joinScripts joins a Korean-only person to an English-only one when the
// romanization fits (surname variants and syllable spellings) or when both
// hold the same role at the same organization.
func (st *state) joinScripts() {
	r := st.reg
	var ko, en []int
	for i, e := range r.ents {
		if r.find(i) != i || e.Type != rules.TypePerson {
			continue
		}
		switch {
		case e.NameEN == "" && e.NameKO != "":
			ko = append(ko, i)
		case e.NameKO == "" && e.NameEN != "":
			en = append(en, i)
		}
	}
	used := map[int]bool{}
	for _, k := range ko {
		kname := strings.ReplaceAll(r.ents[k].NameKO, " ", "")
		best := -1
		for _, e := range en {
			if used[e] {
				continue
			}
			if romanOf(kname, r.ents[e].NameEN, st.set) {
				best = e
				break
			}
		}
		if best < 0 {
			// same organization and title
			for _, e := range en {
				if used[e] || !st.sameRole(k, e) {
					continue
				}
				if best >= 0 {
					best = -2 // ambiguous
					break
				}
				best = e
			}
		}
		if best >= 0 {
			used[best] = true
			r.merge(best, k)
			continue
		}
		// a foreign name in Hangul: by sound
		best = -1
		for _, e := range en {
			if personSkelJoin(r.ents[k].NameKO, r.ents[e].NameEN) {
				if best >= 0 && r.find(best) != r.find(e) {
					best = -2
					break
				}
				best = e
			}
		}
		if best >= 0 {
			r.merge(best, k)
		}
	}
	st.joinOrgs()
}

// joinOrgs joins a one-word English short form to the one suffixed
// organization that starts with it (Narmada = Narmada Steel), then a
// Korean-only organization to the English-only one whose name sounds the
// same with a matching suffix (동방제철 = Dongbang Steel).
func (st *state) joinOrgs() {
	r := st.reg
	var ko, en []int
	for i, e := range r.ents {
		if r.find(i) != i || e.Type != rules.TypeOrg {
			continue
		}
		switch {
		case e.NameEN == "" && e.NameKO != "":
			ko = append(ko, i)
		case e.NameEN != "":
			en = append(en, i)
		}
	}
	// the longer names each name starts, by an index of the names' word
	// prefixes: comparing every pair was quadratic in a document's
	// organizations (3,000 in one list: seconds)
	longer := map[string][]int{}
	stems := make(map[int]string, len(en))
	for _, o := range en {
		long := legalPrefixStem(r.ents[o].NameEN, st.set)
		stems[o] = long
		for i := 0; i < len(long); i++ {
			if long[i] == ' ' {
				longer[long[:i]] = append(longer[long[:i]], o)
			}
		}
	}
	for _, s := range en {
		e := r.ents[s]
		if r.find(s) != s || e.Gaz >= 0 {
			continue
		}
		var cands []int
		for _, o := range longer[e.NameEN] {
			long := stems[o]
			if o == s || r.find(o) != o || !strings.HasPrefix(long, e.NameEN+" ") {
				continue
			}
			// a name of several words joins only a longer name that adds
			// suffix words ("Gaon Financial" + "Group")
			if strings.Contains(e.NameEN, " ") && !allSuffixWords(strings.TrimPrefix(long, e.NameEN+" "), st.set) {
				continue
			}
			cands = append(cands, o)
		}
		if best := st.pickOrg(cands); best >= 0 {
			r.merge(best, s)
		}
	}
	// a Korean name is compared with the English names whose skeleton
	// starts with the same sound (skelMatch needs it), at most
	// maxScriptJoinCands of them: every pair was quadratic
	bySound := map[byte][]int{}
	for _, e := range en {
		name := r.ents[e].NameEN
		first, _, _ := strings.Cut(name, " ")
		a, b := skeleton(strings.ReplaceAll(name, " ", "")), skeleton(first)
		if a != "" {
			bySound[a[0]] = append(bySound[a[0]], e)
		}
		if b != "" && (a == "" || b[0] != a[0]) {
			bySound[b[0]] = append(bySound[b[0]], e)
		}
	}
	for _, k := range ko {
		var cands []int
		stem, _ := splitSuffixKO(r.ents[k].NameKO, st.set)
		sk := skeleton(stem)
		if sk == "" {
			continue
		}
		tried := 0
		for _, e := range bySound[sk[0]] {
			if r.find(e) != e {
				continue // joined in the English pass
			}
			if tried++; tried > maxScriptJoinCands {
				break
			}
			if orgSkelJoin(r.ents[k].NameKO, r.ents[e].NameEN, st.set) {
				cands = append(cands, e)
			}
		}
		if best := st.pickOrg(cands); best >= 0 {
			r.merge(best, k)
		}
	}
}

// maxScriptJoinCands bounds the English organizations of one sound that a
// Korean organization name is compared with: a news story names far
// fewer, and a document listing thousands costs linear time.
const maxScriptJoinCands = 256

// pickOrg chooses the organization a short or foreign-script name means:
// the only candidate, or the only one that is not a group ("Samsung" is
// the company, not Samsung Group; lexicon: group_suffixes_en); -1 when it
// stays ambiguous.
func (st *state) pickOrg(cands []int) int {
	var notGroup []int
	for _, c := range cands {
		if !lastWordIn(st.reg.ents[c].NameEN, st.set.Lex.GroupSuffixesEN) {
			notGroup = append(notGroup, c)
		}
	}
	switch {
	case len(cands) == 1:
		return cands[0]
	case len(notGroup) == 1:
		return notGroup[0]
	}
	return -1
}

func (st *state) sameRole(a, b int) bool {
	for _, x := range st.roles {
		if st.reg.find(x.person) != st.reg.find(a) {
			continue
		}
		for _, y := range st.roles {
			if st.reg.find(y.person) == st.reg.find(b) && st.reg.find(y.org) == st.reg.find(x.org) {
				return true
			}
		}
	}
	return false
}

// romanOf reports whether the Hangul name ko can be written as en.
func romanOf(ko, en string, set *rules.Set) bool {
	sur, given := surnameEN(en, set)
	if sur == "" {
		return false
	}
	for _, ks := range surnamePrefixes(ko) {
		for _, v := range set.Surnames[ks] {
			if strings.EqualFold(v, sur) && romanMatches(ko[len(ks):], foldLatin(given)) {
				return true
			}
		}
	}
	return false
}

// surnamePrefixes returns the one- and two-syllable prefixes of a Korean
// name, the only places a surname can be (looked up, not searched for:
// the surname table has a hundred entries).
func surnamePrefixes(ko string) []string {
	var out []string
	n := 0
	for i := range ko {
		if n == 1 || n == 2 {
			out = append(out, ko[:i])
		}
		n++
		if n > 2 {
			break
		}
	}
	if n == 1 || n == 2 {
		out = append(out, ko)
	}
	return out
}

func allSuffixWords(s string, set *rules.Set) bool {
	for _, w := range strings.Fields(s) {
		if len(set.OrgSuffixLastEN[w]) == 0 {
			return false
		}
	}
	return true
}

// legalPrefixStem drops a legal form written first (PT Nusantara Medika;
// lexicon: legal_prefixes).
func legalPrefixStem(name string, set *rules.Set) string {
	for _, p := range set.Lex.LegalPrefixes {
		if strings.HasPrefix(name, p+" ") {
			return name[len(p)+1:]
		}
	}
	return name
}

// lastWordIn: the last of name's words, after a space, is one of words.
func lastWordIn(name string, words []string) bool {
	for _, w := range words {
		if len(name) > len(w) && strings.HasSuffix(name, w) && name[len(name)-len(w)-1] == ' ' {
			return true
		}
	}
	return false
}
