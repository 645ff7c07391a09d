package input

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Columns names the columns of a CSV or TSV file that hold each field,
// by their header names (case aside). An empty name finds the column by
// the usual names (see columnNames).
type Columns struct {
	Text, Title, Date, URL, ID, Source, Lang string
}

// A column of a CSV file: the field it fills, the flag that names it and
// the header names it is found by, the first found wins.
type column struct {
	field string // the Doc field, for messages
	flag  string
	names []string
}

// columnNames are the header names each field is found by, in order.
var (
	textColumn    = column{"text", "--csv-text", []string{"text", "body", "content", "article"}}
	columnsByName = []column{
		{"title", "--csv-title", []string{"title", "headline"}},
		{"date", "--csv-date", []string{"date", "published", "published_at"}},
		{"url", "--csv-url", []string{"url", "link"}},
		{"id", "--csv-id", []string{"id"}},
		{"source", "--csv-source", []string{"source", "outlet", "publisher"}},
		{"lang", "--csv-lang", []string{"lang", "language"}},
	}
)

// flagged is the column named by a flag for field, "" if none.
func (c Columns) flagged(field string) string {
	switch field {
	case "text":
		return c.Text
	case "title":
		return c.Title
	case "date":
		return c.Date
	case "url":
		return c.URL
	case "id":
		return c.ID
	case "source":
		return c.Source
	case "lang":
		return c.Lang
	}
	return ""
}

// csvLayout is where each field is in a row: its index, -1 if absent.
type csvLayout struct {
	header                                   []string
	text, title, date, url, id, source, lang int
}

// layout finds the columns of a header row: those the flags name (an
// error if the header lacks one), else the first of the usual names.
func (c Columns) layout(header []string) (csvLayout, error) {
	find := func(col column) (int, error) {
		if name := strings.TrimSpace(c.flagged(col.field)); name != "" {
			for i, h := range header {
				if strings.EqualFold(strings.TrimSpace(h), name) {
					return i, nil
				}
			}
			return -1, fmt.Errorf("no column %q (%s) in the header %s", name, col.flag, quoteList(header))
		}
		for _, name := range col.names {
			for i, h := range header {
				if strings.EqualFold(strings.TrimSpace(h), name) {
					return i, nil
				}
			}
		}
		return -1, nil
	}
	l := csvLayout{header: header}
	var err error
	if l.text, err = find(textColumn); err != nil {
		return l, err
	}
	if l.text < 0 {
		return l, fmt.Errorf("no text column in the header %s: kg looks for a column named %s; name yours with --csv-text COLUMN",
			quoteList(header), strings.Join(textColumn.names, ", "))
	}
	for i, dst := range []*int{&l.title, &l.date, &l.url, &l.id, &l.source, &l.lang} {
		if *dst, err = find(columnsByName[i]); err != nil {
			return l, err
		}
	}
	return l, nil
}

// quoteList is a header as messages show it: ["id", "body"].
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// errRowTooLong stops a CSV file at a row longer than the limit.
var errRowTooLong = errors.New("row too long")

// rowLimiter fails a read that would take the current row past its limit,
// so a row never holds more than about the limit in memory (a quote that
// is never closed makes the rest of the file one row).
type rowLimiter struct {
	r           io.Reader
	read, until int64
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read >= l.until {
		return 0, errRowTooLong
	}
	if rest := l.until - l.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// readCSV reads a CSV or TSV file one row at a time (memory holds one
// row, however large the file): a header row, then one article per row.
// CSV fields are quoted as RFC 4180 has it (a quoted field may hold
// commas, quotes doubled and line breaks), and a bare quote in an
// unquoted field is an error; TSV is read by tsvReader, where a quote is
// text unless it quotes a whole field. A row that cannot be read is reported as
// "file:line: message" (the line the row starts on) and skipped.
func readCSV(f File, r io.Reader, opts ReadOptions, yield func(Doc) bool) error {
	max := opts.MaxBytes
	limit := max + 64<<10 // the text and its metadata
	lim := &rowLimiter{r: r, until: limit}
	br := bufio.NewReaderSize(lim, 64<<10)
	if b, err := br.Peek(len(bom)); err == nil && bytes.Equal(b, bom) {
		_, _ = br.Discard(len(bom))
	}
	var cr interface {
		Read() ([]string, error)
		FieldPos(field int) (line, column int)
	}
	if f.Format == TSV {
		cr = newTSVReader(br)
	} else {
		c := csv.NewReader(br)
		c.LazyQuotes = false
		c.FieldsPerRecord = 0 // the header's
		c.ReuseRecord = true
		cr = c
	}
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		return nil // no header: no documents
	case errors.Is(err, errRowTooLong):
		return fmt.Errorf("read %s: the header row is longer than --max-doc-bytes=%d", f.Path, max)
	case err != nil:
		return fmt.Errorf("read %s: header row: %v", f.Path, csvErr(err, atEOF(br)))
	}
	header = append([]string(nil), header...)
	l, err := opts.Columns.layout(header)
	if err != nil {
		return fmt.Errorf("read %s: %v", f.Path, err)
	}
	lastLine, _ := cr.FieldPos(0)
	for {
		lim.until = lim.read + limit
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errRowTooLong) {
			return fmt.Errorf("read %s: a row after line %d is longer than --max-doc-bytes=%d (or a quoted field is never closed); the rest of the file is not read", f.Path, lastLine, max)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if pe.StartLine > 0 {
				lastLine = pe.StartLine
			}
			at := fmt.Sprintf("%s:%d", f.Path, pe.StartLine)
			msg := csvErr(err, atEOF(br))
			if errors.Is(err, csv.ErrFieldCount) {
				msg = fmt.Sprintf("%d fields, the header has %d", len(rec), len(header))
			}
			if !yield(Doc{Path: at, Rel: fmt.Sprintf("%s:%d", f.Rel, pe.StartLine), Err: fmt.Errorf("%s: %s; row skipped", at, msg)}) {
				return nil
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", f.Path, err)
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if blankRow(rec) {
			continue // a spreadsheet's empty row: ",,,"
		}
		if !yield(rowDoc(f, line, rec, l, max)) {
			return nil
		}
	}
}

// csvErr is a CSV parse error without encoding/csv's position prefix
// (the caller names the row's line), with a hint for the usual mistakes;
// atEOF says the error used up the file.
func csvErr(err error, atEOF bool) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf(`a quote in an unquoted field (line %d, column %d): quote the whole field ("...") and double the quotes inside it`, pe.Line, pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		msg := fmt.Sprintf(`a quoted field is not closed properly (line %d, column %d): a quote inside a quoted field is written twice ("")`, pe.Line, pe.Column)
		if atEOF && pe.Line > pe.StartLine {
			msg += "; the field that starts on this line runs to the end of the file"
		}
		return msg
	}
	return pe.Err.Error()
}

// atEOF reports whether br has no more bytes.
func atEOF(br *bufio.Reader) bool {
	_, err := br.Peek(1)
	return err == io.EOF
}

func blankRow(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// rowDoc makes the document of one row.
func rowDoc(f File, line int, rec []string, l csvLayout, max int64) Doc {
	at := fmt.Sprintf("%s:%d", f.Path, line)
	d := Doc{Path: at, Rel: fmt.Sprintf("%s:%d", f.Rel, line)}
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	fields := []struct {
		key string
		i   int
	}{{"id", l.id}, {"url", l.url}, {"title", l.title}, {"source", l.source}, {"lang", l.lang}, {"date", l.date}}
	for _, fl := range fields {
		if err := d.set(fl.key, get(fl.i)); err != nil {
			d.Err = fmt.Errorf("%s: column %q: %v; row skipped", at, l.header[fl.i], err)
			return d
		}
	}
	d.setRecordText([]byte(get(l.text)), max)
	d.fillID(fmt.Sprintf("%s:%d", f.Name, line))
	return d
}
