// Package corpus generates deterministic, bilingual (English and Korean)
// news-like documents and gazetteers for kg's benchmarks and load tests.
//
// Everything derives from a seed through math/rand/v2's PCG generator, so
// the same seed always gives the same bytes. Names are built from the word
// lists in names.go: about 77,000 people (Korean names in romanized and
// Hangul form, and Western names with their Hangul transcription) and
// 60,000 organizations (a stem and a suffix such as Electronics/전자). A
// seed shuffles them; documents mention them with a Zipf distribution over
// that order, so the entities early in the order are the famous ones, and
// a gazetteer of n aliases takes entities from the start of the order.
// Smaller gazetteers are thus prefixes of larger ones of the same seed.
package corpus

import (
	"math/rand/v2"
	"strings"
	"sync"
)

// Entity types, spelled as in kg's rule files.
const (
	Person       = "PERSON"
	Organization = "ORGANIZATION"
)

// Entity is a person or organization of the generated world.
type Entity struct {
	Type    string
	Name    string   // English (romanized) name
	NameKO  string   // Hangul name
	Aliases []string // further surface forms, neither Name nor NameKO
}

// Surfaces returns every surface form: Name, NameKO, then Aliases.
func (e Entity) Surfaces() []string {
	return append([]string{e.Name, e.NameKO}, e.Aliases...)
}

var (
	nSyl     = len(syllables)
	nKorean  = len(surnames) * nSyl * nSyl
	nWestern = len(westernFirst) * len(westernLast)
	nStems   = len(stems) + nSyl*nSyl
	nOrgs    = nStems * len(orgSuffixes)
	// universeSize is the number of distinct entities the generator knows.
	universeSize = nKorean + nWestern + nOrgs
)

// UniverseSize is the number of entities a seed can produce.
func UniverseSize() int { return universeSize }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// entityAt builds universe entity i (not shuffled).
func entityAt(i int) Entity {
	switch {
	case i < nKorean:
		sur := surnames[i/(nSyl*nSyl)]
		a, b := syllables[(i/nSyl)%nSyl], syllables[i%nSyl]
		en := sur.en + " " + capitalize(a.en) + "-" + b.en
		ko := sur.ko + a.ko + b.ko
		return Entity{Type: Person, Name: en, NameKO: ko}
	case i < nKorean+nWestern:
		i -= nKorean
		f, l := westernFirst[i/len(westernLast)], westernLast[i%len(westernLast)]
		return Entity{Type: Person, Name: f.en + " " + l.en, NameKO: f.ko + " " + l.ko, Aliases: []string{f.ko + l.ko}}
	default:
		i -= nKorean + nWestern
		st, suf := stemAt(i/len(orgSuffixes)), orgSuffixes[i%len(orgSuffixes)]
		return Entity{Type: Organization, Name: st.en + " " + suf.en, NameKO: st.ko + suf.ko}
	}
}

func stemAt(i int) pair {
	if i < len(stems) {
		return stems[i]
	}
	i -= len(stems)
	a, b := syllables[i/nSyl], syllables[i%nSyl]
	return pair{capitalize(a.en) + b.en, a.ko + b.ko}
}

// universe is the seed's order of entities, with entities whose surface
// forms repeat an earlier entity's (case-folded) left out.
type universe struct {
	order []int32 // entity indices, famous first
	isOrg []bool  // by position in order
	orgs  []int32 // positions in order of the organizations
	ppl   []int32 // positions in order of the people
}

var (
	uniMu    sync.Mutex
	uniCache = map[uint64]*universe{}
)

func universeOf(seed uint64) *universe {
	uniMu.Lock()
	defer uniMu.Unlock()
	if u, ok := uniCache[seed]; ok {
		return u
	}
	r := rand.New(rand.NewPCG(seed, 0x6b672d756e69)) // "kg-uni"
	perm := r.Perm(universeSize)
	u := &universe{order: make([]int32, 0, universeSize)}
	seen := make(map[string]bool, 3*universeSize)
	for _, i := range perm {
		e := entityAt(i)
		dup := false
		for _, s := range e.Surfaces() {
			if seen[strings.ToLower(s)] {
				dup = true
			}
		}
		if dup {
			continue
		}
		for _, s := range e.Surfaces() {
			seen[strings.ToLower(s)] = true
		}
		pos := int32(len(u.order))
		u.order = append(u.order, int32(i))
		org := e.Type == Organization
		u.isOrg = append(u.isOrg, org)
		if org {
			u.orgs = append(u.orgs, pos)
		} else {
			u.ppl = append(u.ppl, pos)
		}
	}
	if len(uniCache) > 8 {
		clear(uniCache)
	}
	uniCache[seed] = u
	return u
}

// Gazetteer returns entities of the seed's world, famous first, with n
// surface forms (aliases) in all, all distinct after case folding. The
// last entity may lose some aliases to make the count exact. n larger than
// the world (about 270,000) is cut to the world.
func Gazetteer(n int, seed uint64) []Entity {
	u := universeOf(seed)
	var out []Entity
	left := n
	for _, i := range u.order {
		if left <= 0 {
			break
		}
		e := entityAt(int(i))
		switch {
		case left == 1:
			e.NameKO, e.Aliases = "", nil
			left = 0
		case left < 2+len(e.Aliases):
			e.Aliases = e.Aliases[:left-2]
			left = 0
		default:
			left -= 2 + len(e.Aliases)
		}
		out = append(out, e)
	}
	return out
}

// Aliases returns the surface forms of Gazetteer(n, seed), in order.
func Aliases(n int, seed uint64) []string {
	var out []string
	for _, e := range Gazetteer(n, seed) {
		for _, s := range e.Surfaces() {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// GazetteerYAML renders entities as a kg rule file. Entity ids are
// "gen:<index>", so they never collide with the ids of other rule files.
func GazetteerYAML(ents []Entity) []byte {
	var b strings.Builder
	b.WriteString("# Generated by kg's corpus generator: fictional people and organizations.\nentities:\n")
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
	for i, e := range ents {
		b.WriteString("  - {id: gen:")
		writeInt(&b, i)
		b.WriteString(", type: " + e.Type + ", name: " + q(e.Name))
		if e.NameKO != "" {
			b.WriteString(", name_ko: " + q(e.NameKO))
		}
		if len(e.Aliases) > 0 {
			b.WriteString(", aliases: [")
			for j, a := range e.Aliases {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(q(a))
			}
			b.WriteString("]")
		}
		b.WriteString("}\n")
	}
	return []byte(b.String())
}

func writeInt(b *strings.Builder, n int) {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	b.Write(buf[i:])
}
