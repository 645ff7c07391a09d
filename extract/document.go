package extract

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Span is a byte range [Start, End) in Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

var noSpan = Span{-1, -1}

func (s Span) ok() bool { return s.Start >= 0 && s.End > s.Start }

// Document is a normalized news text.
type Document struct {
	ID        string
	Text      string
	Published time.Time // zero if unknown; when set, it is the reference for relative dates
	// Metadata the input gave (front matter, a JSON Lines record); any may
	// be empty.
	Meta  Meta
	lines []int // byte offset of each line start
}

// Meta is what a document's metadata says of it.
type Meta struct {
	Title, URL, Source, Lang string
	Path                     string // the file it was read from (and ":LINE" in a JSON Lines file)
}

// Warning is a repair made while reading a document.
type Warning struct {
	Offset int // byte offset in the raw input, -1 if not applicable
	Msg    string
}

func (w Warning) String() string {
	if w.Offset >= 0 {
		return fmt.Sprintf("byte %d: %s", w.Offset, w.Msg)
	}
	return w.Msg
}

// NewDocument normalizes raw text once: it drops a BOM, repairs invalid
// UTF-8 (reported as warnings), turns CR and CRLF into LF, removes
// zero-width and bidi controls, replaces other control characters with a
// space, and applies NFC and width folding (full-width Latin becomes ASCII).
// Warning offsets count from the start of raw, BOM included.
func NewDocument(id string, raw []byte) (Document, []Warning) {
	var warns []Warning
	orig := raw
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	bom := len(orig) - len(raw)
	if !utf8.Valid(raw) {
		first := -1
		for i := 0; i < len(raw); {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n <= 1 {
				first = bom + i
				break
			}
			i += n
		}
		warns = append(warns, Warning{Offset: first, Msg: "invalid UTF-8 replaced with U+FFFD"})
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	var b strings.Builder
	b.Grow(len(raw))
	s := string(raw)
	ctrl := false
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7F {
			// a run of printable ASCII, copied at once
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7F {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF ||
			(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x00AD:
			// zero-width and bidi controls: dropped
		case unicode.IsControl(r):
			ctrl = true
			b.WriteByte(' ')
		case r == 0x00A0 || r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteString(s[i-n : i]) // valid UTF-8 here: the same bytes WriteRune would write
		}
	}
	if ctrl {
		warns = append(warns, Warning{Offset: firstControl(orig), Msg: "control characters replaced with spaces"})
	}
	text := width.Fold.String(norm.NFC.String(b.String()))
	// width.Fold maps U+3000 and others; fold again through NFC for safety.
	text = norm.NFC.String(text)
	d := Document{ID: id, Text: text}
	d.lines = append(d.lines, 0)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d, warns
}

// firstControl returns the offset in raw of the first control character
// NewDocument replaces with a space, or -1.
func firstControl(raw []byte) int {
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r != '\r' && r != '\n' && r != '\t' && !(r == utf8.RuneError && n <= 1) && unicode.IsControl(r) {
			return i
		}
		i += n
	}
	return -1
}

// LineCol returns the 1-based line and column (in bytes) of offset.
func (d Document) LineCol(off int) (int, int) {
	lo, hi := 0, len(d.lines)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, off - d.lines[lo] + 1
}

// Slice returns the text of s.
func (d Document) Slice(s Span) string { return d.Text[s.Start:s.End] }
