package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Shared titles: Korean news lists people, each with an organization, and
// writes their common title once, after the last ("유상부 포철, 조석래
// 효성, 이웅렬 코오롱 회장"). The rules read the last item as a role
// (role.ko.name-org-title); sharedTitlesKO reads the list back from it
// over ", " and gives every earlier item that is a name-shaped word and an
// organization word the same title (rule role.ko.shared-title). Each
// list is read once, from its last item, and at most maxListItems items
// back, so the work is linear in the text.

const sharedTitleRule = "role.ko.shared-title"

func (st *state) sharedTitlesKO() {
	text := st.d.Text
	n := len(st.roles)
	for ri := 0; ri < n; ri++ {
		r := st.roles[ri]
		if r.rule != "role.ko.name-org-title" || r.sent < 0 || r.sent >= len(st.sents) || st.sents[r.sent].Lang != "ko" {
			continue
		}
		sent := st.sents[r.sent].Span
		// the seed item: "NAME ORG " just before the title, written
		// apart (a title glued to its organization, 삼성CEO, is the
		// item's own)
		if r.orig.Start-1 <= sent.Start || text[r.orig.Start-1] != ' ' {
			continue
		}
		orgSp, ok := wordBefore(text, sent.Start, r.orig.Start)
		if !ok {
			continue
		}
		nameSp, ok := wordBefore(text, sent.Start, orgSp.Start)
		if !ok || !nameShapeKO(text[nameSp.Start:nameSp.End], st.set) {
			continue
		}
		listBack(text, sent.Start, nameSp.Start, func(o Span) int {
			p, ok := wordBefore(text, sent.Start, o.Start)
			if !ok || !nameShapeKO(text[p.Start:p.End], st.set) || !st.orgWordKO(text[o.Start:o.End]) {
				return -1
			}
			pi, psp := st.person(p, "ko", sharedTitleRule, false)
			oi, osp := st.org(o, sharedTitleRule)
			if pi < 0 || oi < 0 {
				return -1
			}
			st.cands = append(st.cands, cand{span: psp, ent: pi, prio: 2, rule: sharedTitleRule},
				cand{span: osp, ent: oi, prio: 2, rule: sharedTitleRule})
			st.roles = append(st.roles, roleFact{person: pi, org: oi, title: r.title, orig: r.orig, sent: r.sent,
				rule: sharedTitleRule, prefix: r.prefix, former: r.former})
			return p.Start
		})
	}
}

// listBack reads a comma list back from its item starting at at: while
// ", " stands before at (not before lo), item gets the word before the
// comma and returns where its item starts, or -1 to stop. At most
// maxListItems items are read.
func listBack(text string, lo, at int, item func(w Span) int) {
	for k := 0; k < maxListItems; k++ {
		if at-2 < lo || text[at-2:at] != ", " {
			return
		}
		w, ok := wordBefore(text, lo, at-1)
		if !ok {
			return
		}
		w.End-- // the comma
		if at = item(w); at < 0 {
			return
		}
	}
}

// wordBefore is the word that ends just before end (one space between,
// or none), not starting before lo.
func wordBefore(text string, lo, end int) (Span, bool) {
	if end > lo && text[end-1] == ' ' {
		end--
	}
	start := end
	for start > lo {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsSpace(r) {
			break
		}
		start -= size
	}
	if start == end {
		return Span{}, false
	}
	return Span{start, end}, true
}

// nameShapeKO: a Korean name written whole, a surname of the lexicon and
// a one- or two-syllable given name (two after a one-syllable surname),
// and no word of not_names_ko.
func nameShapeKO(w string, set *rules.Set) bool {
	if !allHangul(w) || set.NotNamesKO[w] {
		return false
	}
	n := runeLen(w)
	if n < 3 || n > 4 {
		return false
	}
	_, size := utf8.DecodeRuneInString(w)
	if _, ok := set.Surnames[w[:size]]; ok && n == 3 {
		return true
	}
	_, size2 := utf8.DecodeRuneInString(w[size:])
	_, ok := set.Surnames[w[:size+size2]]
	return ok
}

// orgWordKO: a word that may name an organization in a list item: two
// letters or more, no title in it or at its end, no particle at its end,
// nothing the lexicon says is no organization.
func (st *state) orgWordKO(w string) bool {
	if runeLen(w) < 2 || strings.ContainsAny(w, ".,;:()[]“”\"'·") || st.set.NotOrgsKO[w] || st.set.NotNamesKO[w] {
		return false
	}
	for i := range w { // a title written into the word: 신문협회장, 울산광역시장
		if _, ok := st.set.TitleOf[strings.ToLower(w[i:])]; ok {
			return false
		}
	}
	if st.reg.lookup(rules.TypeOrg, w) >= 0 || hasKOSuffix(w, st.set) {
		return true
	}
	return !endsWithCaseParticle(w, st.set) && !koreanWordForm(w, st.set)
}
