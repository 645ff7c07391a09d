package extract

import (
	"strings"

	"github.com/kg-news/kg/rules"
)

// roleRelations turns role facts and bylines into role relations.
func (rs *relState) roleRelations() {
	st, res := rs.st, rs.res
	for _, f := range st.roles {
		p, ok1 := st.newIdx[st.reg.find(f.person)]
		o, ok2 := st.newIdx[st.reg.find(f.org)]
		if !ok1 || !ok2 {
			continue
		}
		if res.Entities[o].Type != rules.TypeOrg || res.Entities[p].Type != rules.TypePerson {
			continue
		}
		f.person, f.org = p, o
		rs.roles[p] = append(rs.roles[p], f)
		t := st.set.Titles[f.title]
		s := res.Sentences[f.sent]
		res.Relations = append(res.Relations, Relation{Kind: RelRole, Args: []int{p, o}, Title: f.prefix + t.Title, Former: f.former,
			TitleOrig: res.Doc.Text[f.orig.Start:f.orig.End], TitleRank: t.Rank, Sent: f.sent,
			Evidence: s.Span, Rule: f.rule, Line: s.Line, Lang: s.Lang})
	}
	// bylines: a reporter of the outlet named in the first lines
	outlet := -1
	for _, m := range res.Mentions {
		if m.Sent < 0 || res.Sentences[m.Sent].Line > 25 || m.Type != rules.TypeOrg {
			continue
		}
		if st.isOutlet(res.Entities[m.Entity]) || newsName(res.Entities[m.Entity], st.set) || m.Rule == "outlet.ko.dateline" || st.isOutletLine(m) {
			outlet = m.Entity
			break
		}
	}
	for _, b := range st.bylines {
		if p, ok := st.newIdx[st.reg.find(b.person)]; ok {
			rs.reporter[p] = true
		}
	}
	if outlet < 0 {
		return
	}
	// a byline that states no title: the first of the lexicon's
	// byline_titles (Reporter)
	reporter := -1
	for i, t := range st.set.Titles {
		if len(st.set.Lex.BylineTitles) > 0 && t.Title == st.set.Lex.BylineTitles[0] {
			reporter = i
		}
	}
	if reporter < 0 {
		return
	}
	seen := map[int]bool{}
	for _, b := range st.bylines {
		p, ok := st.newIdx[st.reg.find(b.person)]
		if !ok || seen[p] {
			continue
		}
		seen[p] = true
		s := res.Sentences[b.sent]
		t := reporter
		if b.title >= 0 {
			t = b.title
		}
		res.Relations = append(res.Relations, Relation{Kind: RelRole, Args: []int{p, outlet}, Title: st.set.Titles[t].Title,
			TitleOrig: strings.ToLower(st.set.Titles[t].Title), TitleRank: st.set.Titles[t].Rank, Sent: b.sent, Evidence: s.Span,
			Rule: b.rule, Line: s.Line, Lang: s.Lang})
	}
}

// isOutlet: any name of the organization is a news outlet.
func (st *state) isOutlet(e Entity) bool {
	for _, a := range append([]string{e.Name, e.NameKO}, e.Aliases...) {
		if a != "" && st.set.Outlets[strings.ToLower(a)] {
			return true
		}
	}
	return false
}

// newsName: the name of a news outlet by its ending (아시아비즈뉴스) or
// last word (Daily Post); lexicon: outlet_suffixes_ko, outlet_suffixes_en.
func newsName(e Entity, set *rules.Set) bool {
	for _, a := range append([]string{e.Name, e.NameKO}, e.Aliases...) {
		for _, suf := range set.Lex.OutletSuffixesKO {
			if strings.HasSuffix(a, suf) && len(a) > len(suf) {
				return true
			}
		}
		for _, w := range set.Lex.OutletSuffixesEN {
			if len(a) > len(w)+1 && strings.HasSuffix(a, w) && a[len(a)-len(w)-1] == ' ' {
				return true
			}
		}
	}
	return false
}

// isOutletLine: an organization alone on a line near the top.
func (st *state) isOutletLine(m Mention) bool {
	s := st.sents[m.Sent]
	return s.Span == m.Span
}
