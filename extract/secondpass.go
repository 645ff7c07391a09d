package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/internal/ac"
	"github.com/kg-news/kg/rules"
)

// secondScan finds every further mention of the document's entities: full
// names and aliases again, English surnames alone ("Chung said"), short
// forms of suffixed organizations ("Mirae" for "Mirae Robotics"), and
// misspelled Korean renderings of known names ("알트민" for "알트먼").
func (st *state) secondScan() {
	r := st.reg
	type target struct {
		ents []int
		word string
	}
	idx := map[string]int{}
	has := map[[2]int]bool{} // (target, entity) pairs added
	var words []string
	var targets []target
	add := func(w string, ent int) {
		w = strings.TrimSpace(w)
		if len(w) < 2 {
			return
		}
		k := strings.ToLower(w)
		if t, ok := idx[k]; ok {
			if !has[[2]int{t, ent}] {
				has[[2]int{t, ent}] = true
				targets[t].ents = append(targets[t].ents, ent)
			}
			return
		}
		has[[2]int{len(words), ent}] = true
		idx[k] = len(words)
		words = append(words, w)
		targets = append(targets, target{ents: []int{ent}, word: w})
	}
	for i, e := range r.ents {
		if r.find(i) != i || (e.Type != rules.TypePerson && e.Type != rules.TypeOrg) {
			continue
		}
		for _, a := range e.Aliases {
			add(a, i)
		}
		if e.Gaz >= 0 {
			for _, a := range st.set.Entities[e.Gaz].Aliases {
				add(a, i)
			}
		}
		if e.Type == rules.TypePerson {
			for _, a := range e.Aliases {
				if ws := strings.Fields(a); len(ws) == 2 && allHangulOrSpace(a) {
					add(ws[0]+ws[1], i) // written without the space: 쥘리앵모로
					for _, w := range ws {
						if runeLen(w) >= 2 && r.gazTypeOf(w) == "" && !st.set.NotNamesKO[w] && !st.set.NotOrgsKO[w] {
							add(w, i)
						}
					}
				}
			}
		}
		if e.Type == rules.TypePerson && e.NameEN != "" {
			if sur, _ := surnameEN(e.NameEN, st.set); len(sur) >= 2 && !st.set.NotNamesEN[strings.ToLower(sur)] {
				if gt := r.gazTypeOf(sur); gt == "" || gt == rules.TypePerson {
					add(titleCase(sur), i)
				}
			}
		}
		if e.Type == rules.TypeOrg && e.Gaz < 0 && e.NameEN != "" {
			ts := strings.Fields(e.NameEN)
			if len(ts) >= 2 && isOrgSuffixEN(ts[len(ts)-1], st.set) {
				stem := strings.Join(ts[:len(ts)-1], " ")
				if len(stem) >= 4 && !st.set.NotOrgsEN[strings.ToLower(stem)] && !st.set.NotNamesEN[strings.ToLower(stem)] && r.gazTypeOf(stem) == "" && !isOrgSuffixEN(ts[len(ts)-2], st.set) {
					add(stem, i)
				}
			}
		}
	}
	if len(words) == 0 {
		return
	}
	// last mention position of each entity, for ambiguous surnames
	text := st.d.Text
	m := ac.BuildSmall(words) // a few dozen names, one document
	ms := m.FindAll(nil, text)
	slices.SortStableFunc(ms, func(a, b ac.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	firstPass := append([]cand(nil), st.cands...)
	sort.Slice(firstPass, func(i, j int) bool { return firstPass[i].span.Start < firstPass[j].span.Start })
	var found []cand
	// latest[t] is the entity of target t's ents whose latest mention
	// before the current match is the latest (the first of them if none
	// was mentioned): a sweep over the first pass, in step with the
	// matches, kept as positions only grow. Comparing every entity of a
	// name at each match was quadratic in a document where thousands of
	// people share a surname.
	type pick struct{ idx, pos int }
	latest := make([]pick, len(targets))
	ofRoot := map[int][][2]int{} // root → (target, index in its ents), the first per target
	for ti, t := range targets {
		latest[ti] = pick{0, -1}
		if len(t.ents) < 2 {
			continue
		}
		seen := map[int]bool{}
		for j, x := range t.ents {
			if root := st.reg.find(x); !seen[root] {
				seen[root] = true
				ofRoot[root] = append(ofRoot[root], [2]int{ti, j})
			}
		}
	}
	setPos := func(root, p int) {
		for _, tj := range ofRoot[root] {
			if l := &latest[tj[0]]; p > l.pos || p == l.pos && tj[1] < l.idx {
				*l = pick{tj[1], p}
			}
		}
	}
	k := 0
	for _, mm := range ms {
		for ; k < len(firstPass) && firstPass[k].span.Start < mm.Start; k++ {
			setPos(st.reg.find(firstPass[k].ent), firstPass[k].span.Start)
		}
		t := targets[mm.ID]
		got := text[mm.Start:mm.End]
		if !caseOK(t.word, got) || !beforeOK(text, mm.Start, got) || !afterOK(text, mm.End, st.set) || st.skipped(mm.Start) {
			continue
		}
		ent := t.ents[0]
		if l := latest[mm.ID]; len(t.ents) > 1 && l.pos >= 0 {
			ent = t.ents[l.idx]
		}
		setPos(st.reg.find(ent), mm.Start)
		found = append(found, cand{span: Span{mm.Start, mm.End}, ent: ent, prio: 1, rule: "resolve.alias"})
	}
	st.cands = append(st.cands, found...)
	st.fuzzyHangul()
}

// fuzzyHangul matches Hangul words of three or more syllables that differ
// by one jamo from a Korean alias of a person in the document.
func (st *state) fuzzyHangul() {
	r := st.reg
	type ko struct {
		alias string
		ent   int
		runes int
	}
	var known []ko
	for i, e := range r.ents {
		if r.find(i) != i || e.Type != rules.TypePerson {
			continue
		}
		for _, a := range e.Aliases {
			if allHangul(a) && runeLen(a) >= 3 {
				known = append(known, ko{a, i, runeLen(a)})
			}
		}
	}
	if len(known) == 0 {
		return
	}
	text := st.d.Text
	// covered: some candidate overlaps s. Candidates sorted by start with
	// a running maximum of their ends answer that by binary search.
	sorted := append([]cand(nil), st.cands...)
	// (the order among equal starts does not matter: covered reads a
	// running maximum)
	slices.SortFunc(sorted, func(a, b cand) int { return a.span.Start - b.span.Start })
	maxEnd := make([]int, len(sorted))
	for k, c := range sorted {
		maxEnd[k] = c.span.End
		if k > 0 && maxEnd[k-1] > maxEnd[k] {
			maxEnd[k] = maxEnd[k-1]
		}
	}
	covered := func(s Span) bool {
		n := sort.Search(len(sorted), func(k int) bool { return sorted[k].span.Start >= s.End })
		return n > 0 && maxEnd[n-1] > s.Start
	}
	for i := 0; i < len(text); {
		if !isHangul(firstRune(text[i:])) || (i > 0 && isWordRune(prevRune(text, i))) {
			_, n := decode(text[i:])
			i += n
			continue
		}
		run := hangulRun(text, i)
		word := stripParticles(run, st.set)
		sp := Span{i, i + len(word)}
		i += len(run)
		n := runeLen(word)
		if n < 3 || covered(sp) || st.skipped(sp.Start) {
			continue
		}
		for _, k := range known {
			if k.runes != n {
				continue // jamoDistance is -1
			}
			if d := jamoDistance(word, k.alias); d == 1 {
				r.addAlias(k.ent, word)
				st.cands = append(st.cands, cand{span: sp, ent: k.ent, prio: 1, rule: "resolve.hangul-variant"})
				break
			}
		}
	}
}

func decode(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
