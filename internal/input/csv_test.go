package input

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// csvRow is what TestCSV compares of a document.
type csvRow struct {
	ID, Rel, Title, URL, Source, Lang, Text string
	Published                               time.Time
	Err                                     string
}

// readCSVString reads a CSV or TSV file's bytes (named name) and returns
// its rows, or the error about the file.
func readCSVString(t *testing.T, name, body string, cols Columns, max int64) ([]csvRow, error) {
	t.Helper()
	f := File{Path: name, Name: stripExt(name), Rel: name, Format: FormatOf(name)}
	var rows []csvRow
	err := readCSV(f, strings.NewReader(body), ReadOptions{MaxBytes: max, Columns: cols}, func(d Doc) bool {
		r := csvRow{ID: d.ID, Rel: d.Rel, Title: d.Title, URL: d.URL, Source: d.Source, Lang: d.Lang, Text: string(d.Text), Published: d.Published}
		if d.Err != nil {
			r = csvRow{Err: d.Err.Error()}
		}
		rows = append(rows, r)
		return true
	})
	return rows, err
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name, file, body string
		cols             Columns
		want             []csvRow
	}{
		{"usual names, any case, multi-line cell", "feed.csv",
			"ID,Title,Published_At,URL,Outlet,Language,Body\r\n" +
				"a1,First,2025-05-20,https://e.com/a1,Wire,en,\"Kim met Lee.\r\n\r\nThey agreed.\"\r\n" +
				",Second,2025-05-20T23:30:00+09:00,https://e.com/a2,Wire,ko,\"He said \"\"yes\"\", twice, in Seoul.\"\r\n" +
				",Third,,,,,\"Plain text, no id.\"\r\n",
			Columns{},
			[]csvRow{
				{ID: "a1", Rel: "feed.csv:2", Title: "First", URL: "https://e.com/a1", Source: "Wire", Lang: "en", Text: "Kim met Lee.\n\nThey agreed.", Published: date("2025-05-20")},
				{ID: "https://e.com/a2", Rel: "feed.csv:5", Title: "Second", URL: "https://e.com/a2", Source: "Wire", Lang: "ko", Text: `He said "yes", twice, in Seoul.`, Published: date("2025-05-20")},
				{ID: "feed:6", Rel: "feed.csv:6", Title: "Third", Text: "Plain text, no id."},
			}},
		{"synonyms: content, link, publisher, date", "feed.csv",
			"content,headline,link,publisher,date,lang\nText one.,H1,https://e.com/1,Daily,2024-01-02,en\n",
			Columns{},
			[]csvRow{{ID: "https://e.com/1", Rel: "feed.csv:2", Title: "H1", URL: "https://e.com/1", Source: "Daily", Lang: "en", Text: "Text one.", Published: date("2024-01-02")}}},
		{"the first usual name wins", "feed.csv",
			"article,text,body\nA,T,B\n",
			Columns{},
			[]csvRow{{ID: "feed:2", Rel: "feed.csv:2", Text: "T"}}},
		{"flags name the columns", "feed.csv",
			"story,headline_en,when,permalink,key,paper,tongue,text\nThe story.,Title,2024-02-03,https://e.com/s,k1,Paper,ko,not this\n",
			Columns{Text: "Story", Title: "headline_en", Date: "WHEN", URL: "permalink", ID: "key", Source: "paper", Lang: "tongue"},
			[]csvRow{{ID: "k1", Rel: "feed.csv:2", Title: "Title", URL: "https://e.com/s", Source: "Paper", Lang: "ko", Text: "The story.", Published: date("2024-02-03")}}},
		{"BOM and TSV", "feed.tsv",
			"\ufefftitle\ttext\tdate\nOne\tFirst text, with a comma.\t2025-01-02\nTwo\t\"Quoted\tcell with a tab\"\t2025-01-03\n",
			Columns{},
			[]csvRow{
				{ID: "feed:2", Rel: "feed.tsv:2", Title: "One", Text: "First text, with a comma.", Published: date("2025-01-02")},
				{ID: "feed:3", Rel: "feed.tsv:3", Title: "Two", Text: "Quoted\tcell with a tab", Published: date("2025-01-03")},
			}},
		{"bad rows are reported at the line they start on and skipped", "feed.csv",
			"id,text,date\n" +
				"r1,\"Good,\nover two lines.\",2025-01-01\n" +
				"r2,too few fields\n" +
				"r3,a \"bare\" quote,2025-01-01\n" +
				"r4,\"closed\" early,2025-01-01\n" +
				"r5,bad date,May 5\n" +
				",,\n" +
				"\n" +
				"r6,Last.,2025-01-06\n",
			Columns{},
			[]csvRow{
				{ID: "r1", Rel: "feed.csv:2", Text: "Good,\nover two lines.", Published: date("2025-01-01")},
				{Err: "feed.csv:4: 2 fields, the header has 3; row skipped"},
				{Err: `feed.csv:5: a quote in an unquoted field (line 5, column 6): quote the whole field ("...") and double the quotes inside it; row skipped`},
				{Err: `feed.csv:6: a quoted field is not closed properly (line 6, column 11): a quote inside a quoted field is written twice (""); row skipped`},
				{Err: `feed.csv:7: column "date": "May 5": want YYYY-MM-DD or an RFC 3339 time such as 2025-03-12T09:30:00+09:00; row skipped`},
				{ID: "r6", Rel: "feed.csv:10", Text: "Last.", Published: date("2025-01-06")},
			}},
		{"an unclosed quote takes the rest of the file", "feed.csv",
			"id,text\nr1,\"never closed\nr2,lost\n",
			Columns{},
			[]csvRow{{Err: `feed.csv:2: a quoted field is not closed properly (line 3, column 9): a quote inside a quoted field is written twice (""); the field that starts on this line runs to the end of the file; row skipped`}}},
		{"a header alone", "feed.csv", "id,text\n", Columns{}, nil},
		{"nothing at all", "feed.csv", "", Columns{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readCSVString(t, tt.file, tt.body, tt.cols, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("rows mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// TestCSVFileErrors: a header without a text column, or without a column
// a flag names, is an error about the file that names it, shows the
// header and says which flag to use.
func TestCSVFileErrors(t *testing.T) {
	tests := []struct {
		name, body string
		cols       Columns
		want       string
	}{
		{"no text column", "id,headline,when\n1,x,2025-01-01\n", Columns{},
			`read feed.csv: no text column in the header ["id", "headline", "when"]: kg looks for a column named text, body, content, article; name yours with --csv-text COLUMN`},
		{"flag names a missing column", "id,text\n1,x\n", Columns{Date: "published"},
			`read feed.csv: no column "published" (--csv-date) in the header ["id", "text"]`},
		{"a bad header", "id,\"te\"xt\n", Columns{},
			`read feed.csv: header row: a quoted field is not closed properly (line 1, column 7)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSVString(t, "feed.csv", tt.body, tt.cols, 1<<20)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v\nwant one starting %q", err, tt.want)
			}
		})
	}
}

// TestCSVLimits: a text longer than the limit is cut with a warning; a
// row longer than the limit and its metadata stops the file (memory holds
// one row, at most about the limit).
func TestCSVLimits(t *testing.T) {
	long := strings.Repeat("가", 400) // 1200 bytes
	f := File{Path: "feed.csv", Name: "feed", Rel: "feed.csv", Format: CSV}
	var docs []Doc
	err := readCSV(f, strings.NewReader("id,text\na,"+long+"\nb,short\n"), ReadOptions{MaxBytes: 1000}, func(d Doc) bool {
		docs = append(docs, d)
		return true
	})
	if err != nil || len(docs) != 2 || len(docs[0].Text) != 999 || len(docs[0].Warnings) != 1 || string(docs[1].Text) != "short" {
		t.Errorf("cut: err %v, %d docs", err, len(docs))
	}
	huge := strings.Repeat("x", 200<<10)
	docs = nil
	err = readCSV(f, strings.NewReader("id,text\na,ok\nb,\""+huge+"\nc,never read\n"), ReadOptions{MaxBytes: 1000}, func(d Doc) bool {
		docs = append(docs, d)
		return true
	})
	if err == nil || !strings.Contains(err.Error(), "read feed.csv: a row after line 2 is longer than --max-doc-bytes=1000") || len(docs) != 1 {
		t.Errorf("too long: err %v, %d docs", err, len(docs))
	}
}
