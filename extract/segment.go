package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-news/kg/rules"
)

// Sentence kinds.
const (
	KindBody     = iota
	KindSkip     // page furniture: separators, "Posted :", captions, hashtags
	KindByline   // "By Nam Hyun-woo 남현우 기자"
	KindHeadline // a short line without final punctuation
)

// Sentence is a span of text in one language.
type Sentence struct {
	Span Span
	Line int    // 0-based line (paragraph) index
	Lang string // "en", "ko"
	Kind int
}

// Segment splits d into sentences: lines first, then sentence ends in
// English (. ? ! not after an abbreviation or an initial) and Korean
// (다. 요. and the same marks), never inside quotes' closing marks.
func Segment(d Document, set *rules.Set) []Sentence {
	var out []Sentence
	text := d.Text
	line := 0
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		out = appendLine(out, text, start, end, line, set)
		line++
		if end >= len(text) {
			break
		}
		start = end + 1
	}
	return out
}

func appendLine(out []Sentence, text string, start, end, line int, set *rules.Set) []Sentence {
	// trim
	for start < end && isSpaceByte(text[start]) {
		start++
	}
	for end > start && isSpaceByte(text[end-1]) {
		end--
	}
	if start >= end {
		return out
	}
	s := text[start:end]
	kind := KindBody
	switch {
	case isFurniture(s, set):
		kind = KindSkip
	case bylineLine(s, set) && len(s) < 120:
		kind = KindByline
	}
	if kind != KindBody {
		return append(out, Sentence{Span: Span{start, end}, Line: line, Lang: lang(s), Kind: kind})
	}
	headline := !endsSentence(s, set) && len(s) < 160
	segStart := start
	depth := 0
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '“', '‘', '(', '[':
			depth++
		case '”', '’', ')', ']':
			if depth > 0 && r != '’' {
				depth--
			}
		case '.', '?', '!', '。':
			j := i + n
			// closing quotes and brackets stay with the sentence
			for j < end {
				c, cn := utf8.DecodeRuneInString(text[j:])
				if c == '”' || c == '"' || c == '’' || c == '\'' || c == ')' {
					j += cn
					continue
				}
				break
			}
			if j >= end {
				break
			}
			if text[j] != ' ' {
				if !gluedStart(text, segStart, i, j, set) {
					break
				}
				// "development.The two met": paragraphs run together when
				// a page is flattened to text
				out = append(out, mkSentence(text, segStart, j, line))
				segStart = j
				i = j
				continue
			}
			if r == '.' && (isAbbrev(text, segStart, i, set) || listNumber(text, segStart, i)) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[j+1:])
			if unicode.IsLower(next) {
				break
			}
			out = append(out, mkSentence(text, segStart, j, line))
			segStart = j + 1
			i = j + 1
			continue
		}
		i += n
	}
	if segStart < end {
		sn := mkSentence(text, segStart, end, line)
		if headline {
			sn.Kind = KindHeadline
		}
		out = append(out, sn)
	}
	return out
}

// gluedStart reports whether a sentence mark at i with no space after it
// (j is the first byte after the mark and its closing quotes) still ends a
// sentence because a new one starts right there: an English word ending in
// a lower-case letter, then a capitalized word ("partner.The two"), not
// an abbreviation; or a Korean sentence ending (lexicon:
// sentence_endings_ko) before Hangul ("밝혔다.이 자리에서").
func gluedStart(text string, segStart, i, j int, set *rules.Set) bool {
	if text[i] != '.' && text[i] != '?' && text[i] != '!' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(text[segStart:i])
	c, cn := utf8.DecodeRuneInString(text[j:])
	if p >= 'a' && p <= 'z' && c >= 'A' && c <= 'Z' {
		c2, _ := utf8.DecodeRuneInString(text[j+cn:])
		return c2 >= 'a' && c2 <= 'z' && !isAbbrev(text, segStart, i, set)
	}
	return unicode.Is(unicode.Hangul, c) && hasAnySuffix(text[segStart:i], set.Lex.SentenceEndingsKO)
}

func mkSentence(text string, s, e, line int) Sentence {
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	return Sentence{Span: Span{s, e}, Line: line, Lang: lang(text[s:e]), Kind: KindBody}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// endsSentence: s ends in a sentence mark or a Korean sentence ending
// (lexicon: sentence_endings_ko), closing quotes and brackets aside.
func endsSentence(s string, set *rules.Set) bool {
	t := strings.TrimRight(s, "”\"’') ")
	r, _ := utf8.DecodeLastRuneInString(t)
	// a colon leads into a list set out below ("Among those present were:")
	return r == '.' || r == '?' || r == '!' || r == '。' || r == ':' || hasAnySuffix(t, set.Lex.SentenceEndingsKO)
}

// bylineLine: s opens with a byline word and a space ("By Nam Hyun-woo";
// lexicon: byline_prefixes_en).
func bylineLine(s string, set *rules.Set) bool {
	for _, p := range set.Lex.BylinePrefixesEN {
		if strings.HasPrefix(s, p) && strings.HasPrefix(s[len(p):], " ") {
			return true
		}
	}
	return false
}

// isAbbrev reports whether the period at i ends an abbreviation or an
// initial rather than a sentence.
// listNumber reports whether the period at i ends the number that opens
// a line's list item ("1. Luhut Pandjaitan, …"): it ends no sentence.
func listNumber(text string, segStart, i int) bool {
	if i == segStart || i-segStart > 3 {
		return false
	}
	for k := segStart; k < i; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return true
}

func isAbbrev(text string, segStart, i int, set *rules.Set) bool {
	j := i
	for j > segStart && text[j-1] != ' ' && text[j-1] != '(' {
		j--
	}
	word := text[j : i+1]
	if set.Abbreviations[strings.ToLower(word)] {
		return true
	}
	// single capital initial: "Donald J. Trump"
	if i-j == 1 && text[j] >= 'A' && text[j] <= 'Z' {
		return true
	}
	// dotted acronyms: U.S.
	if strings.Count(word, ".") >= 2 && len(word) <= 6 {
		return true
	}
	return false
}

func isFurniture(s string, set *rules.Set) bool {
	if strings.Trim(s, "|-=_*~·•#. ") == "" {
		return true
	}
	for _, p := range set.SkipPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	// hashtag lines
	if strings.HasPrefix(s, "#") {
		return true
	}
	return false
}

// lang says "ko" when Hangul makes up at least a fifth of the letters.
func lang(s string) string {
	var hangul, latin int
	for _, r := range s {
		switch {
		case isHangul(r):
			hangul++
		case r < 128 && unicode.IsLetter(r):
			latin++
		}
	}
	if hangul*4 >= latin && hangul > 0 {
		return "ko"
	}
	return "en"
}

func isHangul(r rune) bool {
	return (r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x1100 && r <= 0x11FF) || (r >= 0x3130 && r <= 0x318F)
}

func isLatin(r rune) bool {
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
}
