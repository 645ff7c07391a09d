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
	return &registry{set: set, gaz: gaz, byAlias: map[string][]int{}, byGaz: map[int]int{}}
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
