package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Conjuncts: the items of a coordinated list of names share their kind.
// News lists people without titles ("Baba Kalyani, Sunil Mittal, Azim
// Premji and Gautam Adani met Mr. Modi"); when one item is a person the
// rules found, the others are persons too, if they have a name's shape.
// A list of three or more names whose every item has two to four
// capitalized words or initials ("A.M. Naik") is taken whole; in a
// shorter one an item must look like a person's name on its own
// (personShapeEN: a first name from the lexicon, or a Korean name).
//
// English only: Korean lists (A, B, C 회장) carry titles and particles
// that the pattern rules read. The separators are a comma and the
// lexicon's list_connectors_en. Each list is read once, whatever number of its
// items the rules found, so the work is linear in the sentence.

// maxListItems bounds the items read on either side of a seed: a list
// longer than that is more likely page furniture than a report.
const maxListItems = 64

// maxItemWords bounds the words of one list item.
const maxItemWords = 4

func (st *state) conjuncts() {
	// the separators, longest first: ", and " before " and "
	st.listSeps = st.listSeps[:0]
	for c := range st.set.Lex.ListConnectorsEN {
		if strings.HasPrefix(c, ",") {
			st.listSeps = append(st.listSeps, c+" ")
		} else {
			st.listSeps = append(st.listSeps, " "+c+" ")
		}
	}
	st.listSeps = append(st.listSeps, ", ")
	slices.SortFunc(st.listSeps, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	done := map[int]bool{} // item starts of lists already read
	st.eachSeed(rules.TypePerson, done, func(c cand, si int) {
		if st.sents[si].Lang != "en" || st.skipped(c.span.Start) {
			return
		}
		sent := st.sents[si].Span
		items := st.listAround(sent, c.span)
		if len(items) < 2 {
			return
		}
		whole := len(items) >= 3
		for _, it := range items {
			done[it.Start] = true
			if len(tokens(st.d.Text, it)) < 2 {
				whole = false
			}
		}
		for _, it := range items {
			if it == c.span {
				continue
			}
			if i, sp := st.person(it, "en", "person.en.conjunct", !whole); i >= 0 {
				st.cands = append(st.cands, cand{span: sp, ent: i, prio: 1, rule: "person.en.conjunct"})
			}
		}
	})
}

// eachSeed calls f with each candidate found so far (not those f adds)
// whose entity is of type typ, whose span does not start at an item
// already read (done), and which lies in a sentence: the seeds of the
// list readers.
func (st *state) eachSeed(typ string, done map[int]bool, f func(c cand, si int)) {
	n := len(st.cands)
	for ci := 0; ci < n; ci++ {
		c := st.cands[ci]
		e := st.reg.find(c.ent)
		if e < 0 || st.reg.ents[e].Type != typ || done[c.span.Start] {
			continue
		}
		if si := st.sentOf(c.span.Start); si >= 0 {
			f(c, si)
		}
	}
}

// listAround returns the items of the coordinated list that seed is an
// item of, in order, seed included; nil when seed is no list item.
func (st *state) listAround(sent, seed Span) []Span {
	text := st.d.Text
	// the seed's item: the name words just before it belong to it (a
	// title, an organization: "Orion Motors CEO Park Min-jae"), and
	// nothing name-like may follow it
	at := seed.Start
	for k := 0; ; k++ {
		if at-1 <= sent.Start || text[at-1] != ' ' || !nameWord(lastWord(text[sent.Start:at-1])) {
			break
		}
		if k == maxItemWords {
			return nil
		}
		at -= 1 + len(lastWord(text[sent.Start:at-1]))
	}
	if seed.End < sent.End && text[seed.End] == ' ' && nameWord(firstWord(text[seed.End+1:sent.End])) {
		return nil
	}
	var left []Span
	for len(left) < maxListItems {
		sep := st.sepBefore(text, sent.Start, at)
		if sep < 0 {
			break
		}
		it, ok := itemBefore(text, sent.Start, sep)
		if !ok {
			break
		}
		left = append(left, it)
		at = it.Start
	}
	var right []Span
	at = seed.End
	for len(right) < maxListItems {
		sep := st.sepAfter(text, sent.End, at)
		if sep < 0 {
			break
		}
		it, ok := itemAfter(text, sent.End, sep)
		if !ok {
			break
		}
		right = append(right, it)
		at = it.End
	}
	if len(left)+len(right) == 0 {
		return nil
	}
	out := make([]Span, 0, len(left)+1+len(right))
	for i := len(left) - 1; i >= 0; i-- {
		out = append(out, left[i])
	}
	out = append(out, seed)
	return append(out, right...)
}

// sepBefore returns where the item before a list separator ending at off
// ends (", " or " and " or ", and "), or -1.
func (st *state) sepBefore(text string, lo, off int) int {
	if n := st.listSep(text[lo:off], strings.HasSuffix); n > 0 {
		return off - n
	}
	return -1
}

// sepAfter returns where the item after a list separator starting at off
// starts, or -1.
func (st *state) sepAfter(text string, hi, off int) int {
	if n := st.listSep(text[off:hi], strings.HasPrefix); n > 0 {
		return off + n
	}
	return -1
}

// listSep returns the length of the list separator at s's end or start
// (as at says), or 0.
func (st *state) listSep(s string, at func(s, sep string) bool) int {
	for _, sep := range st.listSeps {
		if at(s, sep) {
			return len(sep)
		}
	}
	return 0
}

// itemBefore reads the name that ends at end: the name words before it,
// one space apart; more than maxItemWords is no list item.
func itemBefore(text string, lo, end int) (Span, bool) {
	start, words := end, 0
	for {
		w := lastWord(text[lo:start])
		if !nameWord(w) {
			break
		}
		start -= len(w)
		words++
		if words > maxItemWords {
			return Span{}, false
		}
		if start-1 < lo || text[start-1] != ' ' || !nameWord(lastWord(text[lo:start-1])) {
			break
		}
		start--
	}
	if words == 0 {
		return Span{}, false
	}
	return Span{start, end}, lastIsName(text[start:end])
}

// itemAfter reads the name that starts at start; a full stop may end
// its last word.
func itemAfter(text string, hi, start int) (Span, bool) {
	end, words := start, 0
	for {
		w := firstWord(text[end:hi])
		stop := false
		if !nameWord(w) {
			if t := strings.TrimSuffix(w, "."); t != w && nameWord(t) && !initialsWord(w) {
				w, stop = t, true
			} else {
				break
			}
		}
		end += len(w)
		words++
		if words > maxItemWords {
			return Span{}, false
		}
		if stop || end >= hi || text[end] != ' ' || !nameWord(strings.TrimSuffix(firstWord(text[end+1:hi]), ".")) {
			break
		}
		end++
	}
	if words == 0 {
		return Span{}, false
	}
	return Span{start, end}, lastIsName(text[start:end])
}

// nameWord: a capitalized word (letters, hyphens, apostrophes: "Mazumdar-
// Shaw", "O'Neil") or initials ("A.M.", "S.").
func nameWord(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || !unicode.IsLetter(r) {
		return false
	}
	if initialsWord(w) {
		return true
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// initialsWord: "A.", "A.M.", "R.C.".
func initialsWord(w string) bool {
	if len(w) < 2 || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// lastIsName: an item ends with a word, not initials ("A.M. Naik", not
// "Naik A.M.").
func lastIsName(item string) bool { return !initialsWord(lastWord(item)) }

func lastWord(s string) string {
	i := strings.LastIndexAny(s, " \t\n")
	return s[i+1:]
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t\n,;:()"); i >= 0 {
		return s[:i]
	}
	return s
}
