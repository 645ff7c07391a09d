package input

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// tsvReader reads tab-separated rows as spreadsheets and pandas write
// them: one row a line, fields split at tabs, and a field that is quoted
// as a whole ("...", quotes inside doubled, line breaks allowed) read
// without its quotes. A quote anywhere else is text: news quotes people,
// and a field such as `"We agreed," he said` is not quoted as a whole.
// (encoding/csv with Comma '\t' refused such rows, and its LazyQuotes
// would run a field that starts with a quote on across tabs and lines.)
type tsvReader struct {
	br      *bufio.Reader
	pending []string // lines read ahead for a quoted field that did not close
	line    int      // lines consumed so far
	start   int      // the line the last row started on
	fields  int      // the header's field count, once read
}

func newTSVReader(br *bufio.Reader) *tsvReader { return &tsvReader{br: br} }

// FieldPos returns the line the last row started on, as csv.Reader's
// FieldPos(0) does.
func (t *tsvReader) FieldPos(int) (int, int) { return t.start, 1 }

// nextLine returns the next line without its line break.
func (t *tsvReader) nextLine() (string, error) {
	if len(t.pending) > 0 {
		l := t.pending[0]
		t.pending = t.pending[1:]
		t.line++
		return l, nil
	}
	s, err := t.br.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		return "", err
	}
	t.line++
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r"), nil
}

// Read returns the next row; a row whose field count differs from the
// header's is a *csv.ParseError with csv.ErrFieldCount, as csv.Reader's.
func (t *tsvReader) Read() ([]string, error) {
	l, err := t.nextLine()
	if err != nil {
		return nil, err
	}
	t.start = t.line
	var rec []string
	for {
		if strings.HasPrefix(l, `"`) {
			// a field that starts with a quote: quoted as a whole if a
			// quote closes it right before a tab or the end of a line
			val, rest, ok, err := t.quoted(l)
			if err != nil {
				return nil, err
			}
			if ok {
				rec = append(rec, val)
				if rest == "" {
					break
				}
				l = rest[1:] // after the tab
				if l == "" {
					rec = append(rec, "")
					break
				}
				continue
			}
			// else text that starts with a quote
		}
		f, rest, more := strings.Cut(l, "\t")
		rec = append(rec, f)
		if !more {
			break
		}
		l = rest
	}
	if t.fields == 0 {
		t.fields = len(rec)
	} else if len(rec) != t.fields {
		return rec, &csv.ParseError{StartLine: t.start, Line: t.line, Column: 1, Err: csv.ErrFieldCount}
	}
	return rec, nil
}

// quoted reads the quoted field that l starts, reading further lines if
// it holds line breaks. ok is false when no quote closes it before a tab
// or a line's end; the lines read ahead are then given back.
func (t *tsvReader) quoted(l string) (val, rest string, ok bool, err error) {
	var b strings.Builder
	s := l[1:]
	var ahead []string
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			b.WriteString(s)
			b.WriteByte('\n')
			next, err := t.readAhead()
			if errors.Is(err, io.EOF) {
				t.giveBack(ahead)
				return "", "", false, nil
			}
			if err != nil {
				return "", "", false, err
			}
			ahead = append(ahead, next)
			s = next
			continue
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		switch {
		case strings.HasPrefix(s, `"`):
			b.WriteByte('"')
			s = s[1:]
		case s == "" || s[0] == '\t':
			t.line += len(ahead)
			return b.String(), s, true, nil
		default:
			t.giveBack(ahead)
			return "", "", false, nil
		}
	}
}

// readAhead reads a line for a quoted field without counting it yet.
func (t *tsvReader) readAhead() (string, error) {
	if len(t.pending) > 0 {
		l := t.pending[0]
		t.pending = t.pending[1:]
		return l, nil
	}
	s, err := t.br.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		return "", err
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r"), nil
}

// giveBack returns lines read ahead, to be read again as rows.
func (t *tsvReader) giveBack(lines []string) {
	t.pending = append(append([]string(nil), lines...), t.pending...)
}
