package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ReadOptions say how Read reads a file.
type ReadOptions struct {
	// MaxBytes is the largest document read: a text, Markdown or HTML
	// file, or a record of a CSV, TSV or JSON Lines file. A larger one is
	// cut with a warning.
	MaxBytes int64
	// Columns names the columns of a CSV or TSV file that hold the text
	// and the metadata, where their names are not the usual ones.
	Columns Columns
}

// Read reads the documents of f and hands each to yield, in file order,
// until yield returns false. A document larger than opts.MaxBytes is cut
// with a warning. A document that cannot be read comes with Err set (a
// JSON Lines record that is not valid JSON or has no text, a CSV row with
// too few fields: "file:line: ..."); the error Read returns is about the
// file as a whole.
func Read(f File, stdin io.Reader, opts ReadOptions, yield func(Doc) bool) error {
	if f.Err != nil {
		return fmt.Errorf("read %s: %w", f.Path, f.Err)
	}
	max := opts.MaxBytes
	var r io.Reader
	if f.Path == "-" {
		r = stdin
		if r == nil {
			r = strings.NewReader("")
		}
	} else {
		fh, err := os.Open(f.Path)
		if err != nil {
			return fmt.Errorf("read %s: %w", f.Path, err)
		}
		defer fh.Close()
		r = fh
	}
	switch f.Format {
	case JSONLines:
		return readLines(f, bufio.NewReaderSize(r, 64<<10), max, yield)
	case CSV, TSV:
		return readCSV(f, r, opts, yield)
	}
	raw, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), max+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	var warns []string
	if int64(len(raw)) > max {
		raw = CutAtRune(raw[:max])
		warns = append(warns, fmt.Sprintf("byte %d: document larger than --max-doc-bytes=%d; the rest is not read", len(raw), max))
	}
	var d Doc
	if f.Format == HTML {
		d = htmlDoc(f, raw)
	} else {
		d = textDoc(f, raw)
	}
	d.Warnings = append(warns, d.Warnings...)
	yield(d)
	return nil
}

// textDoc makes the document of a text or Markdown file: its front matter
// (if any) gives the metadata, the rest is the text. Markdown is turned
// into plain text (see markdownText).
func textDoc(f File, raw []byte) Doc {
	d := Doc{Path: f.Path, Rel: f.Rel}
	meta, body, ok := splitFrontMatter(raw)
	if ok && !hasMetaKey(meta) {
		// a Markdown rule and a paragraph, not front matter: the block
		// names none of the keys kg reads
		ok = false
	}
	if ok {
		if err := d.frontMatter(meta); err != nil {
			d.Err = fmt.Errorf("%s:%w", f.Path, err)
			return d
		}
	}
	switch {
	case f.Format == Markdown:
		if !ok {
			body = bytes.TrimPrefix(raw, bom)
		}
		d.Text = markdownText(body)
	case ok:
		// the text keeps its lines where they were: the front matter
		// becomes blank lines, so offsets and line numbers stay the file's
		d.Text = append(bytes.Repeat([]byte{'\n'}, bytes.Count(raw[:len(raw)-len(body)], []byte{'\n'})), body...)
	default:
		d.Text = raw
	}
	d.fillID(f.Name)
	return d
}

// fillID names the document: its own id, else its URL, else name.
func (d *Doc) fillID(name string) {
	switch {
	case d.ID != "":
	case d.URL != "":
		d.ID = d.URL
	default:
		d.ID = name
	}
}

var bom = []byte("\xef\xbb\xbf")

// splitFrontMatter splits a leading YAML block ("---" line, YAML, "---"
// or "..." line) from the text. A "---" line without its closing line is
// text, not front matter.
func splitFrontMatter(raw []byte) (meta, body []byte, ok bool) {
	s := bytes.TrimPrefix(raw, bom)
	first, rest, found := bytes.Cut(s, []byte{'\n'})
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, raw, false
	}
	off := 0
	for off <= len(rest) {
		line, _, more := bytes.Cut(rest[off:], []byte{'\n'})
		if t := string(bytes.TrimRight(line, " \t\r")); t == "---" || t == "..." {
			end := off + len(line)
			if more {
				end++
			}
			return rest[:off], rest[end:], true
		}
		if !more {
			break
		}
		off += len(line) + 1
	}
	return nil, raw, false
}

// frontMatter decodes a YAML front matter block; errors name its line and
// column in the file (the block starts on line 2).
func (d *Doc) frontMatter(meta []byte) error {
	var n yaml.Node
	if err := yaml.Unmarshal(meta, &n); err != nil {
		return fmt.Errorf("%s", yamlErr(err, 1))
	}
	if len(n.Content) == 0 {
		return nil // an empty block
	}
	m := n.Content[0]
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("%d:%d: front matter: want a YAML mapping of keys (id, url, title, date, source, lang)", m.Line+1, m.Column)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		dst := d.field(strings.ToLower(k.Value))
		if dst == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("%d:%d: front matter: %s: want a single value", v.Line+1, v.Column, k.Value)
		}
		if err := d.set(strings.ToLower(k.Value), v.Value); err != nil {
			return fmt.Errorf("%d:%d: front matter: %s: %v", v.Line+1, v.Column, k.Value, err)
		}
	}
	return nil
}

// field returns where key's value goes, nil for a key kg does not read.
func (d *Doc) field(key string) *string {
	switch key {
	case "id":
		return &d.ID
	case "url":
		return &d.URL
	case "title":
		return &d.Title
	case "date", "published":
		return new(string)
	case "source", "outlet":
		return &d.Source
	case "lang", "language":
		return &d.Lang
	}
	return nil
}

// set stores one metadata value, checking it.
func (d *Doc) set(key, v string) error {
	v = strings.TrimSpace(v)
	switch key {
	case "date", "published":
		if v == "" {
			return nil
		}
		t, err := ParseDate(v)
		if err != nil {
			return fmt.Errorf("%q: %v", v, err)
		}
		d.Published = t
		return nil
	case "id", "url":
		if strings.ContainsAny(v, "\n\r") {
			return fmt.Errorf("%s is one line", map[string]string{"id": "an id", "url": "a URL"}[key])
		}
	}
	if p := d.field(key); p != nil {
		*p = v
	}
	return nil
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErr turns a yaml.v3 error into "LINE: message", LINE counted in the
// file (the block starts after skip lines).
func yamlErr(err error, skip int) string {
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("%d: front matter: %s", n+skip, m[2])
	}
	return fmt.Sprintf("%d: front matter: %s", skip+1, strings.TrimPrefix(msg, "yaml: "))
}

// record is one JSON Lines article. It takes the keys front matter takes,
// synonyms included (published for date, outlet for source, language for
// lang): a feed written either way loses no metadata.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Date      string          `json:"date"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
	Outlet    string          `json:"outlet"`
	Lang      string          `json:"lang"`
	Language  string          `json:"language"`
}

// or is a when it is not blank, else b.
func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// readLines reads a JSON Lines file one record at a time: memory holds
// one line, however large the file.
func readLines(f File, r *bufio.Reader, max int64, yield func(Doc) bool) error {
	for line := 1; ; line++ {
		b, tooLong, err := readLine(r, max)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", f.Path, err)
		}
		if len(bytes.TrimSpace(b)) > 0 || tooLong {
			d := lineDoc(f, line, b, tooLong, max)
			if !yield(d) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its newline; a line longer than
// max+64 KiB (the text plus its metadata) is skipped to its end and
// reported as too long.
func readLine(r *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	limit := max + 64<<10
	for {
		chunk, err := r.ReadSlice('\n')
		if int64(len(line)+len(chunk)) > limit {
			tooLong = true
			line = line[:0]
		} else if !tooLong {
			line = append(line, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte{'\n'})
		line = bytes.TrimSuffix(line, []byte{'\r'})
		return line, tooLong, err
	}
}

// lineDoc decodes one JSON Lines record.
func lineDoc(f File, line int, b []byte, tooLong bool, max int64) Doc {
	at := fmt.Sprintf("%s:%d", f.Path, line)
	d := Doc{Path: at, Rel: fmt.Sprintf("%s:%d", f.Rel, line)}
	fail := func(format string, args ...any) Doc {
		d.Err = fmt.Errorf("%s: %s; line skipped", at, fmt.Sprintf(format, args...))
		return d
	}
	if tooLong {
		return fail("longer than --max-doc-bytes=%d", max)
	}
	b = bytes.TrimPrefix(b, bom)
	if !utf8.Valid(b) {
		return fail("not valid UTF-8")
	}
	var rec record
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&rec); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return Doc{Path: at, Err: fmt.Errorf("%s:%d: not valid JSON: %v; line skipped", at, se.Offset, se)}
		case errors.As(err, &te):
			return fail("field %q: want a %s, not a JSON %s", te.Field, kindOf(te.Field), te.Value)
		case err == io.ErrUnexpectedEOF:
			return Doc{Path: at, Err: fmt.Errorf("%s:%d: not valid JSON: the line ends inside a value; line skipped", at, len(b)+1)}
		case err == io.EOF:
			return fail("empty")
		}
		return fail("not valid JSON: %v", err)
	}
	if dec.More() {
		return fail("more than one JSON value on the line")
	}
	if rec.Text == nil {
		return fail(`no "text" field`)
	}
	id, err := recordID(rec.ID)
	if err != nil {
		return fail("%v", err)
	}
	if strings.ContainsAny(rec.URL, "\n\r") {
		return fail(`field "url": a URL is one line`)
	}
	if strings.TrimSpace(rec.Date) != "" && strings.TrimSpace(rec.Published) != "" {
		a, errA := ParseDate(strings.TrimSpace(rec.Date))
		b, errB := ParseDate(strings.TrimSpace(rec.Published))
		if errA == nil && errB == nil && !a.Equal(b) {
			return fail(`fields "date" %q and "published" %q disagree`, rec.Date, rec.Published)
		}
	}
	d.ID, d.URL, d.Title = id, strings.TrimSpace(rec.URL), rec.Title
	d.Source, d.Lang = or(rec.Source, rec.Outlet), or(rec.Lang, rec.Language)
	if err := d.set("date", or(rec.Date, rec.Published)); err != nil {
		return fail("date %v", err)
	}
	d.setRecordText([]byte(*rec.Text), max)
	d.fillID(fmt.Sprintf("%s:%d", f.Name, line))
	return d
}

// setRecordText sets the text of a record (a JSON Lines line, a CSV
// row), cut at max bytes with a warning.
func (d *Doc) setRecordText(text []byte, max int64) {
	if int64(len(text)) > max {
		text = CutAtRune(text[:max])
		d.Warnings = append(d.Warnings, fmt.Sprintf("byte %d: document larger than --max-doc-bytes=%d; the rest is not read", len(text), max))
	}
	d.Text = text
}

// recordID reads an id given as a string or a number.
func recordID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		s = strings.TrimSpace(s)
		if strings.ContainsAny(s, "\n\r") {
			return "", errors.New(`field "id": an id is one line`)
		}
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", errors.New(`field "id": want a string or a number`)
}

func kindOf(field string) string {
	if field == "id" {
		return "string or number"
	}
	return "string"
}

// CutAtRune drops the bytes of a UTF-8 sequence that b ends in the middle
// of, so cutting a document at a size limit does not make invalid UTF-8.
func CutAtRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// hasMetaKey reports whether a front matter block has a line that starts
// with one of the keys kg reads.
func hasMetaKey(meta []byte) bool {
	for _, line := range strings.Split(string(meta), "\n") {
		k, _, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "id", "url", "title", "date", "published", "source", "outlet", "lang", "language":
			return true
		}
	}
	return false
}
