package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title placeholders: pattern rules do not search the long alternation of
// title words; they see each title the automaton found as one rune padded
// to the same byte length, so offsets into the text stay valid. A title of
// three or more bytes becomes U+E000 followed by 0x01 bytes, one of two
// bytes ("MD") U+07FF.
const (
	titleMark3 = "\uE000"
	titleMark2 = "\u07FF"
	titleFill  = '\x01'
	titleRegex = `(?:\x{E000}\x{01}*|\x{07FF})`
)

// MaskTitles returns text with every title word replaced by its
// placeholder: leftmost-longest, on word boundaries (a Latin title not
// inside a word, "카카오CEO" allowed; a Korean title followed by nothing, a
// particle or another title, so 대표적 is no title).
func (s *Set) MaskTitles(text string) string {
	var b []byte
	for _, h := range s.TitlesIn(text) {
		if b == nil {
			b = []byte(text)
		}
		n := h.End - h.Start
		if n == 2 {
			copy(b[h.Start:], titleMark2)
		} else {
			copy(b[h.Start:], titleMark3)
			for i := h.Start + 3; i < h.End; i++ {
				b[i] = titleFill
			}
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// TitleHit is a title word found in a text.
type TitleHit struct {
	Start, End int
	Title      int // index into Set.Titles, as TitleOf reads the word
}

// TitlesIn finds the title words of text as MaskTitles masks them:
// leftmost-longest, on word boundaries, at least two bytes long.
func (s *Set) TitlesIn(text string) []TitleHit {
	ms := s.Matcher.FindAll(nil, text)
	// FindAll orders by end; collect title hits and pick leftmost-longest
	var hits []TitleHit
	for _, m := range ms {
		isTitle := false
		for _, k := range s.Keywords[m.ID] {
			if k.Kind == KwTitle {
				isTitle = true
				break
			}
		}
		if !isTitle || !s.titleBoundary(text, m.Start, m.End) {
			continue
		}
		// the extractor reads a title word through TitleOf, where the
		// last title to claim a word holds it
		hits = append(hits, TitleHit{m.Start, m.End, s.TitleOf[strings.ToLower(text[m.Start:m.End])]})
	}
	// sort by start, longest first (insertion sort: few hits)
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && (hits[j].Start < hits[j-1].Start || hits[j].Start == hits[j-1].Start && hits[j].End > hits[j-1].End); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := hits[:0]
	end := 0
	for _, h := range hits {
		if h.Start < end || h.End-h.Start < 2 {
			continue
		}
		out = append(out, h)
		end = h.End
	}
	return out
}

func (s *Set) titleBoundary(text string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(text[start:])
	next, _ := utf8.DecodeRuneInString(text[end:])
	prev, _ := utf8.DecodeLastRuneInString(text[:start])
	if end >= len(text) {
		next = 0
	}
	if start == 0 {
		prev = 0
	}
	if first < utf8.RuneSelf {
		if isASCIIAlnum(next) {
			return false
		}
		got := text[start:end]
		if prev >= 'a' && prev <= 'z' || isASCIIAlnum(prev) && strings.ToUpper(got) != got {
			return false
		}
		return true
	}
	if next == 0 || !isHangulSyl(next) {
		return true
	}
	// Only the run's first bytes matter: a particle sequence is short and
	// a title word is a prefix. Reading the whole run made a title word
	// repeated without spaces quadratic (1 MB: 276 s).
	run := text[end:]
	long := false
	for i, r := range run {
		if !isHangulSyl(r) {
			run = run[:i]
			break
		}
		if i >= maxRunPrefix {
			run, long = run[:i], true
			break
		}
	}
	if !long && s.ParticleSeq(run) {
		return true
	}
	for _, w := range s.TitleWordsKO {
		if strings.HasPrefix(run, w) {
			return true
		}
	}
	return false
}

// ParticleSeq reports whether w is one or more Korean particles. It
// tries the particles at each position once (reach[i]: w[:i] is a
// sequence of particles), so w costs len(w) times the particles that
// start there: trying every split (과의 and 과+의) was exponential in a
// run of them. A sequence longer than MaxParticleSeqBytes is none.
func (s *Set) ParticleSeq(w string) bool {
	if w == "" {
		return true
	}
	if len(w) > MaxParticleSeqBytes {
		return false
	}
	var reach [MaxParticleSeqBytes + 1]bool
	reach[0] = true
	for i := 0; i < len(w); i++ {
		if !reach[i] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w[i:])
		for _, p := range s.ParticlesByFirst[r] {
			if strings.HasPrefix(w[i:], p) {
				reach[i+len(p)] = true
			}
		}
	}
	return reach[len(w)]
}

// MaxParticleSeqBytes bounds a run of particles (에서부터라도 has six
// syllables).
const MaxParticleSeqBytes = 6 * 3

// maxRunPrefix bounds the bytes of a Hangul run that titleBoundary reads:
// longer than any particle sequence (에서부터라도, 18 bytes) and any
// Korean title word.
const maxRunPrefix = 96

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isHangulSyl(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }
