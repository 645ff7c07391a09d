package tokpat

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the class of a token.
type Kind uint8

// Token kinds. Every byte of the text belongs to exactly one token, so the
// tokens of a text, in order, spell it out.
const (
	Space  Kind = iota // one of \t \n \f \r and U+0020 (regexp's \s); one token per character
	Title              // a masked title: U+E000 and the 0x01 bytes after it, or U+07FF (see rules.MaskTitles)
	Cap                // an ASCII capital and the lower-case letters after it: "Kim", "S", "Mc" of "McDonald"
	Lower              // a run of ASCII lower-case letters: "of", "ji" of "Min-ji"
	Digits             // a run of ASCII digits
	Hangul             // a run of precomposed Hangul syllables (U+AC00–U+D7A3)
	Other              // any other character, one token each: punctuation, "-", "&", "é", Hanja
	numKinds
)

var kindNames = [numKinds]string{"Space", "Title", "Cap", "Lower", "Digits", "Hangul", "Other"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "Kind(?)"
}

// Token is one token of a text: a byte span, its kind and its length in
// runes (for Hangul, its syllables).
type Token struct {
	Start, End int // byte offsets into the text given to Tokenize
	Kind       Kind
	Runes      int
}

// Title placeholders, as rules.MaskTitles writes them.
const (
	titleMark3 = 0xE000
	titleMark2 = 0x07FF
	titleFill  = 0x01
)

// Tokenize splits text (a sentence with its titles masked) into tokens,
// appending them to buf. It is a single left-to-right pass; offsets are
// bytes into text.
//
// The tokens are finer than words on purpose: they break wherever an
// ASCII character class of the regular expressions the patterns replace
// can stop ("McDonald" is Mc + Donald, "Min-ji" is Min + - + ji, "SK" is
// S + K), so a pattern over tokens can say anything those regular
// expressions said, and a space is a token of its own, so a pattern says
// where one may or must stand ("김창한 대표" and "김창한대표").
func Tokenize(buf []Token, text string) []Token {
	for i := 0; i < len(text); {
		c := text[i]
		start := i
		var k Kind
		runes := 1
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r':
			k, i = Space, i+1
		case 'A' <= c && c <= 'Z':
			k = Cap
			i, runes = lowerRun(text, i+1)
			runes++
		case 'a' <= c && c <= 'z':
			k = Lower
			i, runes = lowerRun(text, i)
		case '0' <= c && c <= '9':
			k = Digits
			for i < len(text) && '0' <= text[i] && text[i] <= '9' {
				i++
			}
			runes = i - start
		case c < utf8.RuneSelf:
			k, i = Other, i+1
		default:
			r, n := utf8.DecodeRuneInString(text[i:])
			switch {
			case isHangul(r):
				k, runes = Hangul, 0
				for i < len(text) {
					r, n := utf8.DecodeRuneInString(text[i:])
					if !isHangul(r) {
						break
					}
					i += n
					runes++
				}
			case r == titleMark3:
				k, i = Title, i+n
				for i < len(text) && text[i] == titleFill {
					i++
					runes++
				}
			case r == titleMark2:
				k, i = Title, i+n
			case latinUpper(r):
				k = Cap
				i, runes = lowerRun(text, i+n)
				runes++
			case latinLower(r):
				k = Lower
				i, runes = lowerRun(text, i)
			default:
				k, i = Other, i+n
			}
		}
		buf = append(buf, Token{Start: start, End: i, Kind: k, Runes: runes})
	}
	return buf
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// lowerRun reads the lower-case Latin letters from i, ASCII or accented
// (José, Hervé, Müller: European names in English news), and returns
// where they end and how many there are.
func lowerRun(text string, i int) (int, int) {
	n := 0
	for i < len(text) {
		if c := text[i]; 'a' <= c && c <= 'z' {
			i++
			n++
			continue
		} else if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !latinLower(r) {
			break
		}
		i += size
		n++
	}
	return i, n
}

// latinLower and latinUpper: letters of Latin-1 Supplement and Latin
// Extended-A/B, by case.
func latinLower(r rune) bool { return r >= 0xC0 && r < 0x250 && unicode.IsLower(r) }
func latinUpper(r rune) bool { return r >= 0xC0 && r < 0x250 && unicode.IsUpper(r) }

// isWord reports whether a token is made of regexp word characters
// ([0-9A-Za-z_]), for \b.
func isWord(t Token, text string) bool {
	switch t.Kind {
	case Cap, Lower, Digits:
		return true
	case Other:
		return text[t.Start] == '_'
	}
	return false
}
