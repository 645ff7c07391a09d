package rules

import "regexp/syntax"

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

// analyze fills in the facts the extractor uses to run p on less text.
func (p *Pattern) analyze() {
	p.MaxSpaces, p.NeedsTitle = -1, false
	re, err := syntax.Parse(p.Re.String(), syntax.Perl)
	if err != nil {
		return
	}
	p.MaxSpaces = maxSpaces(re)
	p.NeedsTitle = needsTitleMark(re)
}
