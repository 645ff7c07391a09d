package extract

import (
	"slices"
	"strings"

	"github.com/kg-news/kg/rules"
)

// fact is what one pattern match says.
type fact struct {
	kind         rules.PatternKind
	rule, lang   string
	sent         int
	person, org  Span
	title, alias Span
	whole        Span
}

// runPatterns applies the rule set's pattern rules to each sentence.
func runPatterns(d Document, sents []Sentence, hasTitle []bool, set *rules.Set) []fact {
	var out []fact
	lower := asciiLower(d.Text)
	masked := set.MaskTitles(d.Text)
	var ps patternScan
	for si, s := range sents {
		if s.Kind == KindSkip {
			continue
		}
		raw := masked[s.Span.Start:s.Span.End]
		text, low, orig := raw, lower[s.Span.Start:s.Span.End], []int(nil)
		if s.Lang == "ko" {
			text, low, orig = dropGlosses(raw, low, set)
		}
		// at maps an offset in text to one in the document
		at := func(i int, end bool) int {
			switch {
			case orig == nil:
				return s.Span.Start + i
			case end && i > 0:
				return s.Span.Start + orig[i-1] + 1
			case i < len(orig):
				return s.Span.Start + orig[i]
			}
			return s.Span.End
		}
		tokMatches := ps.sentence(set, s, hasTitle[si], text, low)
		for pi, p := range set.Patterns {
			if !ps.applies[pi] {
				continue
			}
			var ms [][]int
			pat := at
			switch {
			case p.Tok != nil:
				ms = tokMatches[p.TokRule]
			case p.Kind == rules.PatAlias:
				// an alias rule reads the brackets: 매사추세츠 공과대학교(MIT)
				ms = findAll(p, raw)
				pat = func(i int, _ bool) int { return s.Span.Start + i }
			default:
				ms = findAll(p, text)
			}
			for _, m := range ms {
				f := fact{kind: p.Kind, rule: p.ID, lang: p.Lang, sent: si,
					person: noSpan, org: noSpan, title: noSpan, alias: noSpan,
					whole: Span{pat(m[0], false), pat(m[1], true)}}
				grp := func(name string) Span {
					k := p.SubexpIndex(name)
					if k < 0 || m[2*k] < 0 || m[2*k+1] <= m[2*k] {
						return noSpan
					}
					return Span{pat(m[2*k], false), pat(m[2*k+1], true)}
				}
				f.person, f.org, f.title = grp("person"), grp("org"), grp("title")
				if p.Kind == rules.PatAlias {
					f.org, f.alias = grp("name"), grp("alias")
				}
				out = append(out, f)
			}
		}
	}
	return out
}

// findAll returns a pattern's matches in a sentence. Korean role rules
// try every word start, overlapping matches included: "오후 야마구치 겐지
// 미쓰바마트 사장" first reads 오후 야마구치 as a name, and only the match at
// the next word is right; validation later keeps the right one.
func findAll(p rules.Pattern, text string) [][]int {
	if p.Lang != "ko" || p.Anchored == nil || (p.Kind != rules.PatRole && p.Kind != rules.PatRoleForeign && p.Kind != rules.PatPersonTitle) {
		if p.MaxSpaces >= 0 && (p.NeedsTitle || len(p.Anchors) > 0) {
			return findInRegions(p, text)
		}
		return p.Re.FindAllStringSubmatchIndex(text, -1)
	}
	if p.MaxSpaces < 0 {
		return findAtWordStarts(p, text)
	}
	// A match from i holds at most MaxSpaces spaces, so it lies before the
	// next MaxSpaces+1st space: the anchored rule runs on that window only
	// (the space itself stays in, so that $ and \b see what they saw in the
	// whole sentence), and not at all when the window holds no title a
	// match needs.
	var out [][]int
	spaces := spacesIn(text)
	next := 0 // first space at or after i
	mark := nextTitleMark(text, 0)
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' {
			continue
		}
		for next < len(spaces) && spaces[next] < i {
			next++
		}
		end := len(text)
		if k := next + p.MaxSpaces; k < len(spaces) {
			end = spaces[k] + 1
		}
		if p.NeedsTitle {
			if mark < i {
				mark = nextTitleMark(text, i)
			}
			if mark < 0 {
				break
			}
			if mark >= end {
				continue
			}
		}
		if m := matchAt(p, text[:end], i); m != nil {
			out = append(out, m)
		}
	}
	// The whole-sentence run also decided whether to look at all (see
	// findAtWordStarts): a rule that asserts the start of the text matches
	// it at every word start when anchored there, but not in the sentence.
	if len(out) > 0 && p.BeginAssert && !p.Re.MatchString(text) {
		return nil
	}
	return out
}

// findInRegions is p.Re.FindAllStringSubmatchIndex(text, -1) for a rule
// whose matches hold at most MaxSpaces spaces and one of its anchors (a
// title, or one of the strings rules.Pattern.Anchors lists): every match
// lies within MaxSpaces spaces of an anchor, so the rule runs only on the
// regions around them. A region starts just after a space, or on that
// space when it has one before it: a match cannot start there (it would
// hold one space too many), and what follows sees the context it sees in
// the whole sentence, so ^ and \b decide as they do there. It ends after
// the MaxSpaces+1st space past its last anchor, which no match reaches.
// Matches do not cross regions, so running the rule region by region finds
// the same leftmost, non-overlapping matches in the same order.
func findInRegions(p rules.Pattern, text string) [][]int {
	anchors := anchorsIn(p, text)
	if len(anchors) == 0 {
		return nil
	}
	spaces := spacesIn(text)
	var out [][]int
	n := p.MaxSpaces + 1
	regStart, regEnd := -1, -1
	flush := func() {
		if regStart < 0 {
			return
		}
		from := max(regStart-1, 0) // on the space before, if any
		for _, m := range p.Re.FindAllStringSubmatchIndex(text[from:regEnd], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += from
				}
			}
			out = append(out, m)
		}
	}
	si := 0 // spaces[:si] are before the current anchor
	for _, t := range anchors {
		for si < len(spaces) && spaces[si] < t {
			si++
		}
		a := 0
		if si-n >= 0 {
			a = spaces[si-n] + 1
		}
		b := len(text)
		if si+n-1 < len(spaces) {
			b = spaces[si+n-1] + 1
		}
		if regStart >= 0 && a <= regEnd {
			regEnd = max(regEnd, b)
			continue
		}
		flush()
		regStart, regEnd = a, b
	}
	flush()
	return out
}

// spacesIn returns the offsets of the spaces (U+0020) in text, in order.
func spacesIn(text string) []int {
	var out []int
	for k := 0; k < len(text); k++ {
		if text[k] == ' ' {
			out = append(out, k)
		}
	}
	return out
}

// anchorsIn returns, in order, where p's anchors start in text: its
// titles, or every occurrence of one of its Anchors strings.
func anchorsIn(p rules.Pattern, text string) []int {
	var out []int
	if p.NeedsTitle {
		for t := nextTitleMark(text, 0); t >= 0; t = nextTitleMark(text, t+1) {
			out = append(out, t)
		}
		return out
	}
	for _, lit := range p.Anchors {
		for i := 0; ; {
			k := strings.Index(text[i:], lit)
			if k < 0 {
				break
			}
			out = append(out, i+k)
			i += k + 1
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nextTitleMark returns the byte offset of the first title mark (see
// rules.Set.MaskTitles) at or after i, or -1.
func nextTitleMark(text string, i int) int {
	for ; i < len(text); i++ {
		if c := text[i]; c == 0xEE && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x80 || c == 0xDF && i+1 < len(text) && text[i+1] == 0xBF {
			return i
		}
	}
	return -1
}

// findAtWordStarts runs the anchored rule at every word start.
func findAtWordStarts(p rules.Pattern, text string) [][]int {
	first := p.Re.FindAllStringSubmatchIndex(text, -1)
	if len(first) == 0 {
		return first // no match at all: no word start can match either
	}
	var out [][]int
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' {
			continue
		}
		if m := matchAt(p, text, i); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// matchAt runs p's anchored rule on text[i:], offsets in text.
func matchAt(p rules.Pattern, text string, i int) []int {
	m := p.Anchored.FindStringSubmatchIndex(text[i:])
	for k := range m {
		if m[k] >= 0 {
			m[k] += i
		}
	}
	return m
}

// asciiLower folds ASCII letters only, so offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
