package input

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTSVReader: quotes are text unless they quote a whole field (news
// quotes people: such rows were refused).
func TestTSVReader(t *testing.T) {
	type row struct {
		Line   int
		Fields []string
	}
	for _, tc := range []struct {
		name, in string
		want     []row
		errLine  int // a field-count error on this row's line
	}{
		{"plain", "a\tb\nc\td\n", []row{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}, 0},
		{"quote inside text", "a\tb\nx\tKim met \"Verano\" CEO.\n", []row{{1, []string{"a", "b"}}, {2, []string{"x", `Kim met "Verano" CEO.`}}}, 0},
		{"text starting with a quote", "a\tb\nx\t\"We agreed,\" he said.\n", []row{{1, []string{"a", "b"}}, {2, []string{"x", `"We agreed," he said.`}}}, 0},
		{"quoted field with a line break", "a\tb\n\"one\ntwo \"\"q\"\"\"\tz\ny\tw\n", []row{{1, []string{"a", "b"}}, {2, []string{"one\ntwo \"q\"", "z"}}, {4, []string{"y", "w"}}}, 0},
		{"quoted field with a tab", "a\tb\n\"x\ty\"\tz\n", []row{{1, []string{"a", "b"}}, {2, []string{"x\ty", "z"}}}, 0},
		{"unclosed quote is text", "a\tb\n\"open\tz\nq\tr\n", []row{{1, []string{"a", "b"}}, {2, []string{`"open`, "z"}}, {3, []string{"q", "r"}}}, 0},
		{"CRLF", "a\tb\r\nc\td\r\n", []row{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}, 0},
		{"empty last field", "a\tb\n\"x\"\t\n", []row{{1, []string{"a", "b"}}, {2, []string{"x", ""}}}, 0},
		{"field count", "a\tb\nc\n", []row{{1, []string{"a", "b"}}}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newTSVReader(bufio.NewReader(strings.NewReader(tc.in)))
			var got []row
			errLine := 0
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				var pe *csv.ParseError
				if errors.As(err, &pe) && errors.Is(err, csv.ErrFieldCount) {
					errLine = pe.StartLine
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				line, _ := r.FieldPos(0)
				got = append(got, row{line, append([]string(nil), rec...)})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("rows mismatch (-want +got):\n%s", d)
			}
			if errLine != tc.errLine {
				t.Errorf("field-count error on line %d, want %d", errLine, tc.errLine)
			}
		})
	}
}
