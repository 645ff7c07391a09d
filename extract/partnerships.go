package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// partnerships finds the organizations a sentence says work together.
func (rs *relState) partnerships(si int, orgs []pm) {
	res := rs.res
	s := res.Sentences[si]
	text := res.Doc.Text
	qs := quoteRanges(text, s.Span)
	var live []pm
	var asides, brackets []Span // once per sentence
	if len(orgs) > 0 {
		brackets = bracketSpans(text, s.Span)
		if s.Lang == "en" {
			asides = unionSpans(appositions(text, s.Span, rs.st.set))
		}
	}
	for _, o := range orgs {
		if o.quoted {
			continue
		}
		if besideEquals(text, o.span) || rs.isNewsOrg(o.ent) && inSorted(brackets, o.span) || inSorted(asides, o.span) || venue(text[o.span.End:], rs.st.set) {
			continue
		}
		live = append(live, o)
	}
	// a parent in the possessive ("Samsung's chip unit") is no party:
	// decided once per sentence, not once per trigger
	var possessive []bool
	for _, t := range rs.triggersIn(si, rules.TrigPartnership) {
		if within(qs, t.Span) || insideName(orgs, t.Span) {
			continue
		}
		if possessive == nil {
			possessive = make([]bool, len(live))
			for k := range live {
				possessive[k] = s.Lang == "ko" && possessiveModifier(text, live, k, rs.st.set) || s.Lang == "en" && possessiveModifierEN(text, live, k, rs.st.set)
			}
		}
		if rs.hedged(si, t, rules.TrigHedgePartner) {
			return
		}
		trig := rs.st.set.Triggers[t.Kw.Index]
		var picked []int
		if trig.Mode == "coordinated" {
			picked = coordinated(text, live, t, s.Lang, rs.st.set)
		} else {
			// Korean: the parties come before the trigger; English: up to
			// a clause break or the closing source clause
			cut := t.Span.Start
			if s.Lang == "en" {
				cut = attributionStart(text, s.Span, t.Span.End, rs.st.set)
				for _, h := range rs.triggersIn(si, rules.TrigClauseBreakEN) {
					if h.Span.Start >= t.Span.End && h.Span.Start < cut {
						cut = h.Span.Start
					}
				}
			}
			for k, o := range live {
				if possessive[k] {
					continue
				}
				if o.span.Start < cut && !slices.Contains(picked, o.ent) {
					picked = append(picked, o.ent)
					if len(picked) > maxPartners {
						break // too many to be one deal: dropped below
					}
				}
			}
		}
		if s.Lang == "en" && len(picked) >= 4 {
			// "inked between A and B; C and D; and E and F": the deals of
			// a semicolon list are pairs within each item
			if groups := semicolonGroups(text, s.Span, live, picked); len(groups) >= 2 {
				for _, g := range groups {
					for i := 0; i < len(g); i++ {
						for j := i + 1; j < len(g); j++ {
							res.Relations = append(res.Relations, Relation{Kind: RelPartnership, Args: []int{g[i], g[j]},
								Sent: si, Evidence: s.Span, Rule: trig.ID, Line: s.Line, Lang: s.Lang, What: t.Kw.Word})
						}
					}
				}
				return
			}
		}
		star := separately(text[s.Span.Start:s.Span.End], rs.st.set)
		if s.Lang == "en" && trig.Mode != "coordinated" && orgPronoun(nearBefore(text, s.Span.Start, t.Span.Start), rs.st.set) {
			if len(picked) == 1 && len(live) > 0 && live[0].ent != picked[0] {
				picked = append([]int{live[0].ent}, picked...)
			} else if subj := rs.orgBefore(si); subj >= 0 && len(picked) >= 1 && (len(live) == 0 || live[0].span.Start > t.Span.Start) && !slices.Contains(picked, subj) {
				// "The organisation signed partnership agreements with X,
				// Y and Z": the organization the story spoke of last, with
				// each of them when the deals are several
				picked = append([]int{subj}, picked...)
				star = star || pluralDeals(text[s.Span.Start:s.Span.End], rs.st.set)
			}
		}
		if s.Lang == "en" && !star && len(picked) >= 3 && hasWord(text[s.Span.Start:s.Span.End], rs.st.set.Lex.SeparateDealsEN) {
			// one subject's separate deals: "X signed partnership deals
			// with Y and Z, respectively"
			var before []int
			for _, o := range live {
				if o.span.Start < t.Span.Start && slices.Contains(picked, o.ent) && !slices.Contains(before, o.ent) {
					before = append(before, o.ent)
				}
			}
			star = len(before) == 1 && picked[0] == before[0]
		}
		if len(picked) < 2 {
			continue
		}
		if len(picked) > maxPartners && !(star && len(picked) <= maxStarPartners) {
			return
		}
		for i := 0; i < len(picked); i++ {
			for j := i + 1; j < len(picked); j++ {
				if star && i > 0 {
					break // separate deals: the first organization with each other one
				}
				res.Relations = append(res.Relations, Relation{Kind: RelPartnership, Args: []int{picked[i], picked[j]},
					Sent: si, Evidence: s.Span, Rule: trig.ID, Line: s.Line, Lang: s.Lang, What: t.Kw.Word})
			}
		}
		return
	}
}

// attributionStart is where a sentence's closing source clause begins
// (its last ", " after the trigger, when what follows holds one of
// attributions_en within a few words: ", the KT officials said"), else
// the sentence's end.
func attributionStart(text string, s Span, after int, set *rules.Set) int {
	body := text[after:s.End]
	i := strings.LastIndex(body, ", ")
	if i < 0 {
		return s.End
	}
	tail := strings.ToLower(strings.TrimRight(body[i+2:], ".!?”\" \n"))
	if len(strings.Fields(tail)) > 8 {
		return s.End
	}
	for _, w := range set.Lex.AttributionsEN {
		if strings.HasSuffix(tail, " "+w) || strings.HasPrefix(tail, w+" ") {
			return after + i
		}
	}
	return s.End
}

// insideName: trigger span t lies inside the name of one of the
// organizations (비스타에쿼티파트너스 holds 파트너): no trigger. Asked for
// at most maxTriggersPerSentence triggers a sentence.
func insideName(orgs []pm, t Span) bool {
	for _, o := range orgs {
		if o.span.Start <= t.Start && t.End <= o.span.End && o.span != t {
			return true
		}
	}
	return false
}

// semicolonGroups splits the picked organizations of a sentence by the
// semicolons between them; it returns the groups only when each holds two
// to maxPartners of them and every picked organization is in one.
func semicolonGroups(text string, s Span, live []pm, picked []int) [][]int {
	var groups [][]int
	var cur []int
	last := -1
	seen := 0
	for _, o := range live {
		if !slices.Contains(picked, o.ent) {
			continue
		}
		if last >= 0 && strings.Contains(text[last:o.span.Start], ";") {
			groups = append(groups, cur)
			cur = nil
		}
		if !slices.Contains(cur, o.ent) {
			cur = append(cur, o.ent)
			seen++
		}
		last = o.span.End
	}
	groups = append(groups, cur)
	if seen != len(picked) || len(groups) < 2 {
		return nil
	}
	// an item whose other party no rule found pairs nothing
	var out [][]int
	for _, g := range groups {
		if len(g) > maxPartners {
			return nil
		}
		if len(g) >= 2 {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// maxPartners bounds the organizations of one partnership: a sentence
// naming more is a list, not a deal, and no partnership is read from it.
// One subject's separate deals (star) may name up to maxStarPartners.
const (
	maxPartners     = 8
	maxStarPartners = 16
)

// orgBefore is the organization named last in the (at most three)
// sentences before si, or -1: what "the organisation" of sentence si
// refers to. A news outlet is never it.
func (rs *relState) orgBefore(si int) int {
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		ms := rs.mentionsBySent[k]
		for j := len(ms) - 1; j >= 0; j-- {
			m := rs.res.Mentions[ms[j]]
			if m.Type == rules.TypeOrg && !rs.isNewsOrg(m.Entity) {
				return m.Entity
			}
		}
	}
	return -1
}

// pluralDeals: the sentence says the deals are several (lexicon:
// plural_deals_en, whole words).
func pluralDeals(s string, set *rules.Set) bool { return hasWord(s, set.Lex.PluralDealsEN) }

// hasWord: one of words (lower case) is in s as whole words.
func hasWord(s string, words []string) bool {
	ls := " " + strings.ToLower(s) + " "
	for _, w := range words {
		if i := strings.Index(ls, w); i > 0 && !isWordByte(ls[i-1]) && i+len(w) < len(ls) && !isWordByte(ls[i+len(w)]) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func (rs *relState) hedged(si int, t kwHit, kind string) bool {
	return rs.hedgedIn(si, t, kind, rs.res.Sentences[si].Span)
}

// besideEquals: a Korean dateline names the outlet beside "="
// ("[서울=뉴스핌]"): the text's source, never a party.
func besideEquals(text string, o Span) bool {
	return o.Start > 0 && text[o.Start-1] == '=' || o.End < len(text) && text[o.End] == '='
}

// unionSpans sorts spans and merges those that overlap, so that inSorted
// can search them.
func unionSpans(sp []Span) []Span {
	slices.SortFunc(sp, func(a, b Span) int { return a.Start - b.Start })
	var out []Span
	for _, s := range sp {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// inSorted: sp lies inside one of the sorted, disjoint spans ss (binary
// search: a sentence of thousands of organizations costs no more than
// reading it).
func inSorted(ss []Span, sp Span) bool {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].Start > sp.Start }) - 1
	return i >= 0 && sp.End <= ss[i].End
}

// bracketSpans returns the spans of the bracketed parts of sentence s,
// "(Reuters)" and "[서울=뉴스핌]"; an outlet inside one is the text's
// source, not a party. Brackets that never close end with the sentence.
func bracketSpans(text string, s Span) []Span {
	var out []Span
	depth, start := 0, 0
	for i := s.Start; i < s.End; i++ {
		switch text[i] {
		case '[', '(':
			if depth == 0 {
				start = i
			}
			depth++
		case ']', ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, Span{start, i + 1})
				}
			}
		}
	}
	if depth > 0 {
		out = append(out, Span{start, s.End})
	}
	return out
}

// isNewsOrg reports whether entity i is a news outlet by the list or by
// its name; the entities are final here, so the answer is kept.
func (rs *relState) isNewsOrg(i int) bool {
	if i >= len(rs.newsOrg) {
		rs.newsOrg = append(rs.newsOrg, make([]int8, len(rs.res.Entities)-len(rs.newsOrg))...)
	}
	if rs.newsOrg[i] == 0 {
		rs.newsOrg[i] = 1
		if e := rs.res.Entities[i]; rs.st.isOutlet(e) || newsName(e, rs.st.set) {
			rs.newsOrg[i] = 2
		}
	}
	return rs.newsOrg[i] == 2
}

// coordinated picks organizations joined by "and" or 와/과 right next to
// the trigger: after it in English ("led by A and B"), before it in Korean
// ("A와 B가 주도하는"). Lexicon: list_connectors_en, list_connectors_ko,
// coordination_openers_en, subject_particles_ko.
func coordinated(text string, orgs []pm, t kwHit, lang string, set *rules.Set) []int {
	lex := &set.Lex
	var out []int
	if lang == "ko" {
		end := t.Span.Start
		for i := len(orgs) - 1; i >= 0; i-- {
			o := orgs[i]
			if o.span.End > end {
				continue
			}
			gap := strings.TrimSpace(text[o.span.End:end])
			if len(out) == 0 {
				if gap != "" && !slices.Contains(lex.SubjectParticlesKO, gap) {
					break
				}
			} else if gap != "," && !lex.ListConnectorsKO[gap] {
				break
			}
			out = append(out, o.ent)
			end = o.span.Start
		}
		return out
	}
	start := t.Span.End
	for _, o := range orgs {
		if o.span.Start < start {
			continue
		}
		gap := strings.TrimSpace(text[start:o.span.Start])
		if len(out) == 0 {
			if gap != "" && !lex.CoordinationOpenersEN[gap] {
				break
			}
		} else if gap != "," && !lex.ListConnectorsEN[gap] {
			break
		}
		if !slices.Contains(out, o.ent) {
			out = append(out, o.ent)
		}
		start = o.span.End
	}
	return out
}

// possessiveModifier: in Korean, "서린그룹의 계열사 서린바이오" — an
// organization in the possessive describes the next one and is no party,
// unless it closes a coordination ("OpenAI와 카카오의 협력"). Lexicon:
// possessive_particles_ko, list_connectors_ko.
func possessiveModifier(text string, orgs []pm, k int, set *rules.Set) bool {
	o := orgs[k]
	if !hasAnyPrefix(text[o.span.End:], set.Lex.PossessiveParticlesKO) {
		return false
	}
	if k > 0 {
		gap := strings.TrimSpace(text[orgs[k-1].span.End:o.span.Start])
		if set.Lex.ListConnectorsKO[gap] || gap == "," {
			return false
		}
	}
	return k+1 < len(orgs)
}

// possessiveModifierEN: "KT's financial business unit BC Card signed ..."
// — an organization in the possessive, then only lower-case words (at most
// five) up to the next organization, describes that one and is no party.
// Lexicon: possessives_en.
func possessiveModifierEN(text string, orgs []pm, k int, set *rules.Set) bool {
	if k+1 >= len(orgs) {
		return false
	}
	gap := text[orgs[k].span.End:orgs[k+1].span.Start]
	rest, ok := "", false
	for _, p := range set.Lex.PossessivesEN {
		if strings.HasPrefix(gap, p) {
			rest, ok = gap[len(p):], true
			break
		}
	}
	if !ok {
		return false
	}
	ws := strings.Fields(rest)
	if len(ws) == 0 || len(ws) > 5 || !strings.HasPrefix(rest, " ") || !strings.HasSuffix(rest, " ") {
		return false
	}
	for _, w := range ws {
		for _, r := range w {
			if !unicode.IsLower(r) && r != '-' {
				return false
			}
		}
	}
	return true
}

// appositions returns the spans of descriptive asides: ", the biotech arm
// of Seorin Group," — an organization there is described, not acting
// (lexicon: appositions_en).
func appositions(text string, s Span, set *rules.Set) []Span {
	t := text[s.Start:s.End]
	var out []Span
	// an aside opened by appositions_en ends at the next comma; one opened
	// by long_asides_en at the next semicolon or ", and " (the list's last
	// item follows), else at the next comma
	comma := func(rest string) int { return strings.IndexByte(rest, ',') }
	long := func(rest string) int {
		j := strings.IndexByte(rest, ';')
		if k := strings.Index(rest, ", and "); k >= 0 && (j < 0 || k < j) {
			j = k
		}
		if j < 0 {
			j = comma(rest)
		}
		if j < 0 {
			j = len(rest)
		}
		return j
	}
	for _, kind := range []struct {
		words []string
		end   func(string) int
	}{{set.Lex.AppositionsEN, comma}, {set.Lex.LongAsidesEN, long}} {
		for _, w := range kind.words {
			open := ", " + w + " "
			for from := 0; ; {
				i := strings.Index(t[from:], open)
				if i < 0 {
					break
				}
				i += from
				j := kind.end(t[i+len(open):])
				if j < 0 {
					break
				}
				out = append(out, Span{s.Start + i, s.Start + i + len(open) + j})
				from = i + len(open)
			}
		}
	}
	return out
}

// venue: the organization names where something happened, not who did it
// ("미쓰바홀딩스 본사에서", "at Naver's headquarters"; lexicon: venues,
// possessives_en).
func venue(after string, set *rules.Set) bool {
	for _, p := range set.Lex.PossessivesEN {
		after = strings.TrimPrefix(after, p)
	}
	after = strings.TrimLeft(after, " ")
	return hasAnyPrefix(after, set.Lex.Venues)
}

// orgPronoun: the words before a trigger refer to a company without naming
// it ("a day after it struck a licensing deal with X"; lexicon:
// org_pronouns_en).
// nearBefore is text[start:end], or its last pronounWindow bytes (from a
// rune start) when longer: the words just before a trigger. Lower-casing
// the whole sentence up to each trigger was quadratic in a sentence of
// many triggers.
func nearBefore(text string, start, end int) string {
	if end-start > pronounWindow {
		start = end - pronounWindow
		for start < end && !utf8.RuneStart(text[start]) {
			start++
		}
	}
	return text[start:end]
}

// pronounWindow bounds how far before a partnership trigger its pronoun
// ("it", "the company") is looked for.
const pronounWindow = 300

func orgPronoun(before string, set *rules.Set) bool {
	lb := " " + strings.ToLower(before) + " "
	for _, w := range set.Lex.OrgPronounsEN {
		if strings.Contains(lb, " "+w+" ") {
			return true
		}
	}
	return false
}
