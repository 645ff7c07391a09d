package resolve

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/internal/editdist"
)

// members lists each cluster's atoms, by root, as things stand.
func (u *union) members() map[int][]int {
	out := map[int][]int{}
	for i := range u.atoms {
		r := u.find(i)
		out[r] = append(out[r], i)
	}
	return out
}

// roots returns the keys of members in order.
func roots(members map[int][]int) []int {
	out := make([]int, 0, len(members))
	for r := range members {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// support is the corpus evidence that two clusters of different
// documents may be one: a shared organization (for persons) or a shared
// person (for organizations), or documents that tell the same story (two
// or more other entities in common). It is a snapshot of the clusters as
// they are when it is made; lookups are memoized.
type support struct {
	u       *union
	members map[int][]int
	docs    map[string][]int     // document → atoms
	orgs    map[int]map[int]bool // person cluster → organization clusters it holds roles at
	people  map[int]map[int]bool // organization cluster → person clusters holding roles at it
	ctx     map[int]map[int]bool // cluster → the clusters its documents mention
}

func (u *union) support() *support {
	s := &support{u: u, members: u.members(), docs: map[string][]int{}, orgs: map[int]map[int]bool{},
		people: map[int]map[int]bool{}, ctx: map[int]map[int]bool{}}
	for i, a := range u.atoms {
		for _, d := range a.docs {
			s.docs[d] = append(s.docs[d], i)
		}
		if !a.person {
			continue
		}
		p := u.find(i)
		for _, o := range a.orgs {
			or := u.find(o)
			if s.orgs[p] == nil {
				s.orgs[p] = map[int]bool{}
			}
			s.orgs[p][or] = true
			if s.people[or] == nil {
				s.people[or] = map[int]bool{}
			}
			s.people[or][p] = true
		}
	}
	return s
}

// orgsOf returns the organization clusters a person cluster holds roles
// at.
func (s *support) orgsOf(r int) map[int]bool { return s.orgs[r] }

// peopleOf returns the person clusters holding roles at an organization
// cluster.
func (s *support) peopleOf(r int) map[int]bool { return s.people[r] }

// context returns the clusters the documents of cluster r mention.
func (s *support) context(r int) map[int]bool {
	if c, ok := s.ctx[r]; ok {
		return c
	}
	out := map[int]bool{}
	for _, i := range s.members[r] {
		for _, d := range s.u.atoms[i].docs {
			if len(s.docs[d]) > maxStoryEntities {
				continue // a list, not a story
			}
			for _, j := range s.docs[d] {
				out[s.u.find(j)] = true
			}
		}
	}
	s.ctx[r] = out
	return out
}

// first returns the cluster in both sets whose atom id is smallest (the
// one an explanation names, whatever the maps' order), -1 if none.
func (s *support) first(a, b map[int]bool) int {
	best := -1
	for x := range a {
		if b[x] && (best < 0 || s.u.atoms[x].id < s.u.atoms[best].id) {
			best = x
		}
	}
	return best
}

// why returns the support two clusters have, "" for none.
func (s *support) why(a, b int, person bool) string {
	if person {
		if o := s.first(s.orgsOf(a), s.orgsOf(b)); o >= 0 {
			return fmt.Sprintf("both hold a role at %s", s.u.atoms[o].name)
		}
	}
	ca, cb := s.context(a), s.context(b)
	if len(cb) < len(ca) {
		ca, cb = cb, ca
	}
	var shared []string
	for c := range ca {
		if c != a && c != b && cb[c] {
			shared = append(shared, s.u.atoms[c].name)
		}
	}
	if len(shared) >= 2 {
		sort.Strings(shared)
		if len(shared) > 4 {
			shared = append(shared[:4], "…")
		}
		return "their documents also name " + strings.Join(shared, ", ")
	}
	return ""
}

// nameKeys are the keys under which a person cluster's names are
// compared: a Korean name by its surname and the consonants of its given
// name (k:최|sNhn for 최성현, Choi Sung-hyun, Choe Seong Hyeon), a
// foreign name by its words' first consonants (f:kn for 네이선 캘러웨이
// and Nathan Calloway).
func (u *union) nameKeys(ms []int) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, i := range ms {
		a := u.atoms[i]
		if a.ko != "" {
			ko := strings.ReplaceAll(a.ko, " ", "")
			for _, sur := range []string{string([]rune(ko)[:1]), string([]rune(ko)[:min(2, len([]rune(ko)))])} {
				given := strings.TrimPrefix(ko, sur)
				if _, ok := u.set.Surnames[sur]; ok && given != "" && len([]rune(ko)) <= 4 && !strings.Contains(a.ko, " ") {
					add("k:" + sur + "|" + extract.Skeleton(given))
				}
			}
			if in := initials(a.ko); in != "" {
				add("f:" + in)
			}
		}
		if a.en != "" {
			for _, sp := range extract.KoreanSplits(a.en, u.set) {
				for _, ks := range u.set.SurnameOfEN[strings.ToLower(sp[0])] {
					add("k:" + ks + "|" + extract.Skeleton(givenPunct.Replace(strings.ToLower(sp[1]))))
				}
			}
			if in := initials(a.en); in != "" {
				add("f:" + in)
			}
		}
	}
	return out
}

// initials: the first consonant class of each word's skeleton, sorted.
func initials(name string) string {
	var cs []string
	for _, w := range strings.Fields(strings.ReplaceAll(name, "-", "")) {
		if sk := extract.Skeleton(w); sk != "" {
			cs = append(cs, sk[:1])
		}
	}
	if len(cs) < 2 {
		return ""
	}
	slices.Sort(cs)
	return strings.Join(cs, "")
}

// maxBlockLatin bounds the person clusters with Latin names alone that
// crossPersons compares under one name key. Each comparison pairs one of
// them with another cluster of the key's block, so a block costs at most
// maxBlockLatin times its size, and resolution stays linear in the
// number of names. A key that more share (the initials of thousands of
// names listed in one sentence) tells none of them apart, like a stop
// word: its block is skipped. The largest such block of a generated 20 MB
// corpus has 61.
const maxBlockLatin = 256

// crossPersons joins person clusters whose names may be one person's in
// two scripts or two spellings, when the names fit and the corpus
// supports it, and each is the other's only candidate.
func (u *union) crossPersons() {
	s := u.support()
	blocks := map[string][]int{}
	info := map[int]*personNames{}
	for _, r := range roots(s.members) {
		if !u.atoms[r].person || strings.Contains(u.atoms[r].id, "@") {
			continue
		}
		pn := u.personNames(s.members[r])
		info[r] = pn
		for _, k := range pn.keys {
			blocks[k] = append(blocks[k], r)
		}
	}
	type cand struct {
		a, b int
		why  string
	}
	var cands []cand
	candSeen := map[[2]int]bool{}
	skipped := map[string]bool{}
	for _, k := range slices.Sorted(maps.Keys(blocks)) {
		korean := strings.HasPrefix(k, "k:")
		// only these can fit: a Hangul-only cluster and a Latin-only one;
		// a bilingual one and a Latin-only one (a second spelling); two
		// Latin-only ones under a Korean-name key. Two with Hangul names
		// are two people (their names differ, else they were joined).
		var hangul, latin, both []int
		for _, r := range blocks[k] {
			switch h, l := len(u.ko[r]) > 0, len(u.en[r]) > 0; {
			case h && l:
				both = append(both, r)
			case h:
				hangul = append(hangul, r)
			case l:
				latin = append(latin, r)
			}
		}
		if len(latin) > maxBlockLatin {
			skipped[k] = true
			if u.tracing {
				u.trace("persons [%s]: %d names in Latin letters alone share the key: too common to compare", k, len(latin))
			}
			continue
		}
		compare := func(x, y int) {
			a, b := min(x, y), max(x, y)
			if sharedEarlier(info[a].keys, info[b].keys, k, korean, skipped) {
				return // compared under that key already
			}
			fit := u.personsFit(info[a], info[b], s.members[a], s.members[b], korean)
			if fit == "" {
				if u.tracing {
					u.trace("persons %s ~ %s [%s]: names do not fit", u.atoms[a].id, u.atoms[b].id, k)
				}
				return
			}
			if w := s.why(a, b, true); w != "" {
				if !candSeen[[2]int{a, b}] {
					candSeen[[2]int{a, b}] = true
					cands = append(cands, cand{a, b, fit + "; " + w})
				}
			} else {
				if u.tracing {
					u.trace("persons %s ~ %s [%s]: %s, but no support", u.atoms[a].id, u.atoms[b].id, k, fit)
				}
			}
		}
		for _, l := range latin {
			for _, h := range hangul {
				compare(h, l)
			}
			for _, b := range both {
				compare(b, l)
			}
		}
		if korean {
			for x := range latin {
				for y := x + 1; y < len(latin); y++ {
					compare(latin[x], latin[y])
				}
			}
		}
	}
	count := map[int]int{}
	for _, c := range cands {
		count[c.a]++
		count[c.b]++
	}
	for _, c := range cands {
		// one candidate each, or both sides Latin spellings of one
		// Korean name at one organization (then every spelling joins)
		if count[c.a] == 1 && count[c.b] == 1 || strings.HasPrefix(c.why, "two spellings") {
			ok := u.join(c.a, c.b, c.why, false)
			if u.tracing {
				u.trace("persons %s ~ %s: %s: joined %v", u.atoms[c.a].id, u.atoms[c.b].id, c.why, ok)
			}
		} else {
			if u.tracing {
				u.trace("persons %s ~ %s: %s: ambiguous (%d, %d candidates)", u.atoms[c.a].id, u.atoms[c.b].id, c.why, count[c.a], count[c.b])
			}
		}
	}
}

// sharedEarlier: the sorted key lists ka and kb share a key before k of
// k's kind (Korean-name or initials) whose block was not skipped, under
// which crossPersons, going through the keys in order, compared the two
// already. Clusters have a few keys each: this is cheaper than
// remembering every pair compared.
func sharedEarlier(ka, kb []string, k string, korean bool, skipped map[string]bool) bool {
	for _, x := range ka {
		if x >= k {
			return false
		}
		if strings.HasPrefix(x, "k:") == korean && !skipped[x] && slices.Contains(kb, x) {
			return true
		}
	}
	return false
}

// personNames is what crossPersons compares of a person cluster, gathered
// once per pass rather than for each comparison.
type personNames struct {
	keys   []string // nameKeys, sorted
	ko, en []string // its Hangul and Latin names
	docs   []string // its documents, sorted
	titles map[int]map[string]bool
	// titlesDone: titles is made (when first needed)
	titlesDone bool
}

func (u *union) personNames(ms []int) *personNames {
	pn := &personNames{keys: u.nameKeys(ms)}
	slices.Sort(pn.keys)
	for _, i := range ms {
		pn.ko, pn.en = appendName(pn.ko, u.atoms[i].ko), appendName(pn.en, u.atoms[i].en)
		pn.docs = append(pn.docs, u.atoms[i].docs...)
	}
	slices.Sort(pn.docs)
	pn.docs = slices.Compact(pn.docs)
	return pn
}

// personsFit says how the names of two person clusters (a of atoms ma, b
// of mb) fit, "" if not.
func (u *union) personsFit(a, b *personNames, ma, mb []int, korean bool) string {
	koA, enA, koB, enB := a.ko, a.en, b.ko, b.en
	if len(koA) > 0 && len(koB) > 0 {
		return "" // both have Hangul names: the same ones were joined already, others are two people
	}
	ko, en := koA, enB
	if len(ko) == 0 {
		ko, en = koB, enA
	}
	for _, k := range ko {
		for _, e := range en {
			if extract.RomanizationFits(k, e, u.set) {
				return fmt.Sprintf("%s is a romanization of %s", e, k)
			}
			if !korean && extract.ForeignNameFits(k, e) {
				return fmt.Sprintf("%s sounds like %s", k, e)
			}
		}
	}
	if korean && len(koA)+len(koB) == 0 {
		// two Latin spellings of one Korean name: one Korean surname, and
		// given names with a common Hangul reading. Not two names of one
		// article (it names two people: Jang Yu-na and Jang Yoon-a), nor
		// two people with different titles at one organization.
		if shareDocument(a.docs, b.docs) || differentTitles(u.titlesOf(a, ma), u.titlesOf(b, mb)) {
			return ""
		}
		for _, x := range enA {
			for _, y := range enB {
				if extract.SameKoreanName(x, y, u.set) {
					return "two spellings of one Korean name"
				}
			}
		}
	}
	return ""
}

func appendName(ns []string, n string) []string {
	if n != "" && !slices.Contains(ns, n) {
		ns = append(ns, n)
	}
	return ns
}

// crossOrgs joins a Korean-only organization cluster and an English-only
// one. By their names alone when the stems sound alike and the sector
// words correspond (하늘화학, Haneul Chemical), a full name preferred to a
// short form; with withSupport also by a looser fit (a stem that sounds
// like the English name's first word, or corresponding sector words
// alone) when a person holds a role at both or their documents tell the
// same story. Each must be the other's best and only candidate.
func (u *union) crossOrgs(withSupport bool) {
	s := u.support()
	var koOnly []int
	blocks := map[string][]int{}
	for _, r := range roots(s.members) {
		if u.atoms[r].person {
			continue
		}
		switch {
		case len(u.ko[r]) > 0 && len(u.en[r]) == 0:
			koOnly = append(koOnly, r)
		case len(u.en[r]) > 0:
			// English-only, or bilingual (a second transcription of its
			// Hangul name may still join it; the guard decides)
			for _, b := range u.orgBlocks(s.members[r], false) {
				blocks[b] = append(blocks[b], r)
			}
		}
	}
	type cand struct {
		e, strength int
		why         string
	}
	best := map[int][]cand{} // Korean cluster → its strongest candidates
	backBest := map[int]int{}
	backCount := map[[2]int]int{} // (English cluster, strength) → Korean clusters
	for _, k := range koOnly {
		pool := map[int]bool{}
		for _, b := range u.orgBlocks(s.members[k], true) {
			for _, e := range blocks[b] {
				pool[e] = true
			}
		}
		if withSupport {
			// organizations named in a document that names k (a bilingual
			// article that does not pair them itself)
			for _, i := range s.members[k] {
				for _, d := range u.atoms[i].docs {
					if len(s.docs[d]) > maxStoryEntities {
						continue // a list, not a story: no evidence of a pairing
					}
					for _, j := range s.docs[d] {
						if o := u.find(j); !u.atoms[o].person && len(u.en[o]) > 0 {
							pool[o] = true
						}
					}
				}
			}
			// organizations a person of k also holds a role at
			for p := range s.peopleOf(k) {
				for o := range s.orgsOf(p) {
					if len(u.en[o]) > 0 {
						pool[o] = true
					}
				}
			}
		}
		es := make([]int, 0, len(pool))
		for e := range pool {
			es = append(es, e)
		}
		slices.Sort(es)
		for _, e := range es {
			if len(u.ko[e]) > 0 && !u.compatible(u.find(k), u.find(e)) {
				continue // a bilingual cluster with another Hangul name
			}
			strength, w := u.orgsFit(s.members[k], e)
			if strength == 0 || strength < 3 && !withSupport {
				continue
			}
			if strength < 3 {
				sup := ""
				if p := s.first(s.peopleOf(k), s.peopleOf(e)); p >= 0 {
					sup = fmt.Sprintf("%s holds a role at both", u.atoms[p].name)
				}
				if sup == "" && strength == 2 {
					sup = s.why(k, e, false)
				}
				if sup == "" {
					if u.tracing {
						u.trace("orgs %s ~ %s: %s, but no support", u.atoms[k].id, u.atoms[e].id, w)
					}
					continue
				}
				w += "; " + sup
			}
			c := cand{e, strength, w}
			switch {
			case len(best[k]) == 0 || strength > best[k][0].strength:
				best[k] = []cand{c}
			case strength == best[k][0].strength:
				best[k] = append(best[k], c)
			}
			backCount[[2]int{e, strength}]++
			backBest[e] = max(backBest[e], strength)
		}
	}
	for _, k := range koOnly {
		cs := best[k]
		if len(cs) != 1 {
			if len(cs) > 1 {
				if u.tracing {
					u.trace("orgs %s: ambiguous, %d candidates", u.atoms[k].id, len(cs))
				}
			}
			continue
		}
		c := cs[0]
		if backBest[c.e] != c.strength || backCount[[2]int{c.e, c.strength}] != 1 {
			if u.tracing {
				u.trace("orgs %s ~ %s: %s: another Korean name fits as well", u.atoms[k].id, u.atoms[c.e].id, c.why)
			}
			continue
		}
		ok := u.join(c.e, k, c.why, false)
		if u.tracing {
			u.trace("orgs %s ~ %s: %s: joined %v", u.atoms[k].id, u.atoms[c.e].id, c.why, ok)
		}
	}
}

// maxStoryEntities bounds the documents whose organizations are
// candidates for each other: a document that names more is a list (a
// ranking, a directory), and pairing each of its names with each other
// would cost the square of its length.
const maxStoryEntities = 200

// orgBlocks: the first consonant of a cluster's names' skeletons.
func (u *union) orgBlocks(ms []int, korean bool) []string {
	var out []string
	for _, i := range ms {
		name := u.atoms[i].en
		if korean {
			name = u.atoms[i].ko
		}
		if sk := extract.Skeleton(strings.ReplaceAll(name, " ", "")); sk != "" {
			if b := sk[:1]; !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
	}
	return out
}

// orgsFit says how well the Hangul names of the atoms ms fit the Latin
// names of cluster e: 4 the stems sound alike and the sector words
// correspond, 3 the names sound alike as wholes (both need no support),
// 2 the stem sounds like
// the English name's first word (needs support), 1 only the sector words
// correspond (needs a shared person), 0 no fit.
func (u *union) orgsFit(ms []int, e int) (int, string) {
	bestS, bestW := 0, ""
	for _, i := range ms {
		ko := u.atoms[i].ko
		if ko == "" {
			continue
		}
		stem, _, sufEN := extract.SplitOrgKO(ko, u.set)
		for _, en := range u.en[e] {
			if hasHangul(en) {
				// a name in mixed script (KB국민은행) is no Latin spelling:
				// its skeleton would be its Latin letters alone
				continue
			}
			en = u.stripLegal(en)
			head := strings.TrimSpace(strings.Join(words(en), " "))
			sufOK := false
			for _, se := range sufEN {
				if w := strings.Join(words(se), " "); w != "" && strings.HasSuffix(" "+head, " "+w) {
					sufOK = true
				}
			}
			ws := strings.Fields(en)
			// the English name without its sector words, to compare with
			// the Korean stem
			enHead := head
			for _, se := range sufEN {
				if w := strings.Join(words(se), " "); w != "" && strings.HasSuffix(" "+head, " "+w) {
					enHead = strings.TrimSpace(strings.TrimSuffix(head, w))
				}
			}
			// chance: two consonants alike (오뚜기 tk, Diageo tk) are no
			// evidence unless the name reads syllable by syllable (카카오,
			// Kakao) or the sector words correspond too (에이크미로보틱스,
			// Acme Robotics); a stem that sounds like only the first of
			// several words (고합, Qhub International) is a short form at
			// best; either joins only with support, below
			stemKO := stem
			if stemKO == "" {
				stemKO = ko
			}
			reads := extract.NameReadsAs(stemKO, enHead)
			chance := len(extract.Skeleton(strings.ReplaceAll(stemKO, " ", ""))) < 3 && !reads
			whole := len(strings.Fields(enHead)) <= 1 || reads
			var s int
			var w string
			switch {
			case extract.OrgNameFits(ko, en, u.set) && sufOK:
				s, w = 4, fmt.Sprintf("%s and %s sound alike and their sector words correspond", ko, en)
			case extract.OrgNameFits(ko, en, u.set) && !chance && whole:
				s, w = 3, fmt.Sprintf("%s and %s sound alike", ko, en)
			case stem != "" && len(ws) > 0 && len(extract.Skeleton(stem)) >= 2 && extract.SoundsLike(strings.ReplaceAll(stem, " ", ""), ws[0]):
				s, w = 2, fmt.Sprintf("%s sounds like %s", stem, ws[0])
			case sufOK && soundsClose(stem, enHead):
				s, w = 2, fmt.Sprintf("%s sounds close to %s and their sector words correspond", stem, enHead)
			case sufOK:
				s, w = 1, fmt.Sprintf("the sector words of %s and %s correspond", ko, en)
			}
			if s > bestS {
				bestS, bestW = s, w
			}
		}
	}
	return bestS, bestW
}

// soundsClose: the consonant skeletons of a Korean stem and an English
// name differ in at most a third of their letters (오키드퍼시픽 ktpspk,
// Orchid Pacific rjtpspk), both four letters or more.
func soundsClose(ko, en string) bool {
	a := extract.Skeleton(strings.ReplaceAll(ko, " ", ""))
	b := extract.Skeleton(strings.ReplaceAll(en, " ", ""))
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	return 3*editdist.Distance(a, b) <= max(len(a), len(b))
}

// shortForms joins an English organization known by one word (Aegira) to
// the one cluster whose name starts with that word (Aegira Tankers) when
// the corpus supports it. A word that starts several names (Samsung:
// Samsung Electronics, Samsung Group) joins none.
func (u *union) shortForms() {
	s := u.support()
	byFirst := map[string][]int{}
	var shorts []int
	for _, r := range roots(s.members) {
		if u.atoms[r].person || len(u.en[r]) == 0 {
			continue
		}
		one := true
		for _, e := range u.en[r] {
			ws := words(u.stripLegal(e))
			if len(ws) > 1 {
				one = false
				if !slices.Contains(byFirst[ws[0]], r) {
					byFirst[ws[0]] = append(byFirst[ws[0]], r)
				}
			}
		}
		if one {
			shorts = append(shorts, r)
		}
	}
	for _, r := range shorts {
		w := words(u.stripLegal(u.en[r][0]))
		if len(w) != 1 || len(w[0]) < 3 {
			continue
		}
		cands := byFirst[w[0]]
		if len(cands) != 1 || u.find(cands[0]) == u.find(r) {
			continue
		}
		if sup := s.why(r, cands[0], false); sup != "" {
			ok := u.join(cands[0], r, fmt.Sprintf("%q is the only name that starts with %q; %s", u.en[u.find(cands[0])][0], u.en[r][0], sup), false)
			if u.tracing {
				u.trace("orgs %s ~ %s: short form: joined %v", u.atoms[r].id, u.atoms[cands[0]].id, ok)
			}
		}
	}
}

// shareDocument: two sorted lists of documents have one in common.
func shareDocument(a, b []string) bool {
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] == b[0]:
			return true
		case a[0] < b[0]:
			a = a[1:]
		default:
			b = b[1:]
		}
	}
	return false
}

// titlesOf returns the titles of the atoms ms (cluster pn) at each
// organization cluster, lower-cased, made when first asked for.
func (u *union) titlesOf(pn *personNames, ms []int) map[int]map[string]bool {
	if pn.titlesDone {
		return pn.titles
	}
	out := map[int]map[string]bool{}
	for _, i := range ms {
		for o, ts := range u.atoms[i].titles {
			r := u.find(o)
			if out[r] == nil {
				out[r] = map[string]bool{}
			}
			for _, t := range ts {
				out[r][strings.ToLower(t)] = true
			}
		}
	}
	pn.titles, pn.titlesDone = out, true
	return out
}

// differentTitles: the two hold roles at one organization, and no title
// of one is a title of the other (a CEO and a CFO); ta and tb are their
// titles by organization (titlesOf).
func differentTitles(ta, tb map[int]map[string]bool) bool {
	for o, xs := range ta {
		ys, ok := tb[o]
		if !ok || len(xs) == 0 || len(ys) == 0 {
			continue
		}
		shared := false
		for t := range xs {
			if ys[t] {
				shared = true
			}
		}
		if !shared {
			return true
		}
	}
	return false
}

// hasHangul reports whether s holds a Hangul letter.
func hasHangul(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
}
