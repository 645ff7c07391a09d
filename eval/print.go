package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Print writes the report as text: a table of P, R, F1 and counts per kind
// (with the title accuracy on the roles row), then misses, false
// positives, wrong titles, per-rule counts and people lacking a name in
// both scripts. verbose adds the matched items and the entity assignment.
func (r *Report) Print(w io.Writer, verbose bool) error {
	ew := &errWriter{w: w}
	tw := newTable(ew)
	fmt.Fprintln(tw, "KIND\tP\tR\tF1\tTP\tFP\tFN\tTITLES")
	for _, ks := range r.kinds() {
		titles := ""
		if ks.Kind == KindRoles {
			titles = fmt.Sprintf("%.3f (%d/%d)", r.Titles.Accuracy, r.Titles.Correct, r.Titles.Total)
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%s\n", ks.Kind, ks.Precision, ks.Recall, ks.F1, ks.TP, ks.FP, ks.FN, titles)
	}
	tw.Flush()
	fmt.Fprintf(ew, "found meetings: date %s, place %s; former roles: status %s\n",
		r.MeetingDates.String(), r.MeetingPlaces.String(), r.RoleStatus.String())

	section := func(title string, get func(KindScore) []string) {
		var lines []string
		for _, ks := range r.kinds() {
			for _, s := range get(ks) {
				lines = append(lines, fmt.Sprintf("  %-13s %s", ks.Kind, s))
			}
		}
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(ew, "\n%s:\n%s\n", title, strings.Join(lines, "\n"))
	}
	if verbose {
		section("matched", func(ks KindScore) []string { return ks.Matched })
	}
	section("misses", func(ks KindScore) []string { return ks.Misses })
	section("false positives", func(ks KindScore) []string { return ks.FalsePositives })
	section("ignored (optional)", func(ks KindScore) []string { return ks.Ignored })
	if len(r.Titles.Wrong) > 0 {
		fmt.Fprintf(ew, "\nwrong titles:\n")
		for _, s := range r.Titles.Wrong {
			fmt.Fprintf(ew, "  %s\n", s)
		}
	}
	for _, d := range []struct {
		title string
		s     Share
	}{{"wrong meeting dates", r.MeetingDates}, {"wrong meeting places", r.MeetingPlaces}, {"wrong role status", r.RoleStatus}} {
		if len(d.s.Wrong) > 0 {
			fmt.Fprintf(ew, "\n%s:\n", d.title)
			for _, s := range d.s.Wrong {
				fmt.Fprintf(ew, "  %s\n", s)
			}
		}
	}
	if len(r.Rules) > 0 {
		fmt.Fprintf(ew, "\nrules:\n")
		tw = newTable(ew)
		fmt.Fprintln(tw, "  RULE\tTP\tFP\tIGNORED\tPRECISION")
		for _, s := range r.Rules {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%.3f\n", s.Rule, s.TP, s.FP, s.Ignored, ratio(s.TP, s.TP+s.FP))
		}
		tw.Flush()
	}
	if len(r.Scripts) > 0 {
		fmt.Fprintf(ew, "\npeople without one node named in both English and Korean:\n")
		for _, s := range r.Scripts {
			var lack []string
			switch s.Nodes {
			case 0:
				fmt.Fprintf(ew, "  %s: no node\n", s.Person)
				continue
			case 1:
			default:
				lack = append(lack, fmt.Sprintf("%d nodes", s.Nodes))
			}
			if !s.Latin {
				lack = append(lack, "no English name")
			}
			if !s.Hangul {
				lack = append(lack, "no Korean name")
			}
			fmt.Fprintf(ew, "  %s: %s\n", s.Person, strings.Join(lack, ", "))
		}
	}
	if verbose && len(r.Assignment) > 0 {
		fmt.Fprintf(ew, "\nassignment:\n")
		tw = newTable(ew)
		for _, m := range r.Assignment {
			dup := ""
			if m.Duplicate {
				dup = "(duplicate)"
			}
			fmt.Fprintf(tw, "  %s\t<- %s\t%q\t%s\n", m.Gold, m.Node, m.NodeName, dup)
		}
		tw.Flush()
	}
	return ew.err
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *Report) kinds() []KindScore {
	return []KindScore{r.Entities, r.Roles, r.Meetings, r.Partnerships}
}

// table aligns tab-separated cells and drops the padding at line ends.
type table struct {
	tw  *tabwriter.Writer
	buf bytes.Buffer
	out io.Writer
}

func newTable(out io.Writer) *table {
	t := &table{out: out}
	t.tw = tabwriter.NewWriter(&t.buf, 0, 0, 2, ' ', 0)
	return t
}

func (t *table) Write(p []byte) (int, error) { return t.tw.Write(p) }

// Flush writes the aligned table.
func (t *table) Flush() {
	t.tw.Flush()
	for _, line := range strings.SplitAfter(t.buf.String(), "\n") {
		if line == "" {
			continue
		}
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimRight(line, " \n")
		if nl {
			line += "\n"
		}
		io.WriteString(t.out, line)
	}
	t.buf.Reset()
}

// errWriter keeps the first write error so Print can return it.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// String is "0.900 (9/10)", or "- (0/0)" when nothing was checked.
func (s Share) String() string {
	if s.Total == 0 {
		return "- (0/0)"
	}
	return fmt.Sprintf("%.3f (%d/%d)", s.Share, s.Correct, s.Total)
}
