package rules

import (
	"regexp/syntax"
	"slices"
	"sort"
)

// Facts about a pattern's regular expression that let the extractor run it
// on less text without changing what it finds.

// maxSpaces returns the most U+0020 characters a match of re can contain,
// or -1 when there is no bound (a repetition without a limit that can
// match a space).
func maxSpaces(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r == ' ' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= ' ' && ' ' <= re.Rune[i+1] {
				return 1
			}
		}
		return 0
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxSpaces(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			k := maxSpaces(s)
			if k < 0 {
				return -1
			}
			n += k
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range re.Sub {
			k := maxSpaces(s)
			if k < 0 {
				return -1
			}
			n = max(n, k)
		}
		return n
	case syntax.OpStar, syntax.OpPlus:
		if k := maxSpaces(re.Sub[0]); k != 0 {
			return -1
		}
		return 0
	case syntax.OpRepeat:
		k := maxSpaces(re.Sub[0])
		if k == 0 {
			return 0
		}
		if k < 0 || re.Max < 0 {
			return -1
		}
		return k * re.Max
	}
	return 0 // empty, anchors, word boundaries, no match
}

// isTitleMark reports whether r is one of the runes MaskTitles writes at
// the start of a title.
func isTitleMark(r rune) bool { return r == 0xE000 || r == 0x07FF }

// needsTitleMark reports whether every match of re contains a title mark:
// the pattern cannot match in text without a masked title.
func needsTitleMark(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if isTitleMark(r) {
				return true
			}
		}
		return false
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !isTitleMark(r) {
					return false
				}
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return needsTitleMark(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && needsTitleMark(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if needsTitleMark(s) {
				return true
			}
		}
		return false
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !needsTitleMark(s) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// requiredLiterals returns strings one of which every match of re
// contains, byte for byte, or ok == false when it finds none. Of the
// choices a concatenation offers it takes the set whose shortest string is
// longest (the rarest, as a rule).
func requiredLiterals(re *syntax.Regexp) (lits []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > 8 {
				return nil, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				lits = append(lits, string(r))
			}
		}
		return lits, len(lits) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return requiredLiterals(re.Sub[0])
	case syntax.OpConcat:
		best := -1
		for _, s := range re.Sub {
			if l, ok := requiredLiterals(s); ok {
				if q := shortest(l); q > best {
					lits, best = l, q
				}
			}
		}
		return lits, best >= 0
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			l, ok := requiredLiterals(s)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, len(lits) > 0
	}
	return nil, false
}

func shortest(ss []string) int {
	n := -1
	for _, s := range ss {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// hasBeginAssert reports whether re asserts the start of the text or of a
// line anywhere (^, \A, (?m)^).
func hasBeginAssert(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginText || re.Op == syntax.OpBeginLine {
		return true
	}
	for _, s := range re.Sub {
		if hasBeginAssert(s) {
			return true
		}
	}
	return false
}

// analyze fills in the facts the extractor uses to run p on less text.
func (p *Pattern) analyze() {
	p.MaxSpaces, p.NeedsTitle, p.Anchors, p.BeginAssert = -1, false, nil, true
	re, err := syntax.Parse(p.Re.String(), syntax.Perl)
	if err != nil {
		return
	}
	p.MaxSpaces = maxSpaces(re)
	p.NeedsTitle = needsTitleMark(re)
	p.BeginAssert = hasBeginAssert(re)
	if lits, ok := requiredLiterals(re); ok {
		sort.Strings(lits)
		p.Anchors = slices.Compact(lits)
	}
}
