package extract

import (
	"strings"

	"github.com/kg-news/kg/rules"
)

// Organization lists in Korean deals: "주식회사 페르소나, 대구MBC디지털
// 콘텐츠랩, 합천군, 합천소상공인연합회가 4자 업무협약을 체결했다" names
// its parties in a comma list, and the rules know one of them (a suffix,
// a gazetteer name). orgConjunctsKO reads the list back from each such
// organization, in a sentence with a partnership trigger, and makes every
// earlier item that is one word of two letters or more, no common noun
// (not_orgs_ko, not_names_ko) and no verb form, an organization too (rule
// org.ko.conjunct). Each list is read once, at most maxListItems items, so
// the work is linear in the text.

const orgConjunctRule = "org.ko.conjunct"

func (st *state) orgConjunctsKO() {
	text := st.d.Text
	deal := map[int]bool{} // sentences with a partnership trigger
	for _, h := range st.hits {
		if h.Kw.Kind != rules.KwTrigger || st.set.Triggers[h.Kw.Index].Kind != rules.TrigPartnership {
			continue
		}
		if si := st.sentOf(h.Span.Start); si >= 0 && st.sents[si].Lang == "ko" {
			deal[si] = true
		}
	}
	if len(deal) == 0 {
		return
	}
	done := map[int]bool{} // item starts already read
	st.eachSeed(rules.TypeOrg, done, func(c cand, si int) {
		if !deal[si] {
			return
		}
		listBack(text, st.sents[si].Span.Start, c.span.Start, func(w Span) int {
			if done[w.Start] || !st.orgItemKO(text[w.Start:w.End]) {
				return -1
			}
			done[w.Start] = true
			if o, osp := st.org(w, orgConjunctRule); o >= 0 {
				st.cands = append(st.cands, cand{span: osp, ent: o, prio: 1, rule: orgConjunctRule})
			}
			return w.Start
		})
	})
}

// orgItemKO: one word of an organization list: two letters or more, no
// bracket or other punctuation, no common noun, verb form or person's
// name shape.
func (st *state) orgItemKO(w string) bool {
	if runeLen(w) < 2 || strings.ContainsAny(w, ".;:()[]“”\"'·,") || st.set.NotOrgsKO[w] || st.set.NotNamesKO[w] {
		return false
	}
	if st.reg.lookup(rules.TypeOrg, w) >= 0 || hasKOSuffix(w, st.set) {
		return true
	}
	if nameShapeKO(w, st.set) || st.reg.lookup(rules.TypePerson, w) >= 0 {
		return false
	}
	return !endsWithCaseParticle(w, st.set) && !koreanWordForm(w, st.set)
}
