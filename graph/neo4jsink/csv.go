package neo4jsink

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/kg-news/kg/graph"
)

// arrayDelimiters are tried in order for neo4j-admin's --array-delimiter:
// the first that no list element contains is used. When every one of
// them occurs, the first character of Unicode's private use area
// (U+E000-U+F8FF) that none contains is used.
var arrayDelimiters = []rune{';', '|', '^', '~', '¦'}

// ImportFiles names the files WriteImportCSV wrote and the delimiters it
// chose.
type ImportFiles struct {
	// Nodes are nodes_<Label>.csv, then nodes_<Label>_2.csv … when a
	// property of the label holds values of different kinds (see
	// WriteImportCSV).
	Nodes []string
	// Relationships are relationships_<TYPE>.csv (and _2 … as Nodes).
	Relationships []string
	// ArrayDelimiter separates the elements of list properties and of
	// the :LABEL column; ";" unless an element contains it. One character.
	ArrayDelimiter string
	// Multiline is set when a value contains a line break, which
	// neo4j-admin reads only with --multiline-fields=true.
	Multiline bool
	// Command is the neo4j-admin command that imports the files.
	Command string
}

// WriteImportCSV writes g into dir (which should be new or empty; kg
// export fills a temporary folder and swaps it in) as neo4j-admin database import files:
// nodes_<Label>.csv with an "id:ID,:LABEL,..." header per label a node is
// merged on, relationships_<TYPE>.csv with ":START_ID,:END_ID,:TYPE,id,...",
// schema.cypher with kg's constraints and indexes to run after the import,
// and README.txt holding the import command. Column types come from the
// values (string, long, double, boolean, string[]). A header gives a
// column one type, so when a property holds values of different kinds
// (a count that is 2 on one row and "two" on another) the rows are split
// over files with a header each (nodes_<Label>_2.csv …), and every value
// imports with its own kind. Every present value is quoted, so an empty
// string stays an empty string and a missing one stays missing. An empty
// list, and a list holding only the empty string, cannot be told from a
// missing value in neo4j-admin's CSV: both import as no property (as
// graph.Decode reads the null that kg export --format json writes for an
// empty list).
//
// TestNeo4jAdminImport (cmd/kg) runs the command against a real
// neo4j-admin and compares the database with a kg load of the same graph.
func WriteImportCSV(dir string, g *graph.Graph) (*ImportFiles, error) {
	p, err := makePlan(g)
	if err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	delim, err := chooseDelimiter(p)
	if err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	out := &ImportFiles{ArrayDelimiter: string(delim)}
	for _, ng := range p.nodes {
		for i, rows := range splitByKinds(ng.rows) {
			name := fileName("nodes_", ng.label, i)
			cols, err := columns(rows)
			if err != nil {
				return nil, fmt.Errorf("csv export: %s nodes: %w", ng.label, err)
			}
			header := []string{"id:ID", ":LABEL"}
			for _, c := range cols {
				header = append(header, c.header())
			}
			var lines [][]string
			for _, r := range rows {
				labels := append([]string{ng.label}, r["labels"].([]string)...)
				line := []string{quoteCSV(r["id"].(string)), quoteCSV(strings.Join(labels, out.ArrayDelimiter))}
				lines = append(lines, append(line, cells(r, cols, out)...))
			}
			if err := writeCSV(filepath.Join(dir, name), header, lines); err != nil {
				return nil, err
			}
			out.Nodes = append(out.Nodes, name)
		}
	}
	byType := map[string][]map[string]any{}
	for _, rg := range p.rels {
		byType[rg.typ] = append(byType[rg.typ], rg.rows...)
	}
	for _, t := range graph.Types {
		rows := byType[t]
		if len(rows) == 0 {
			continue
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i]["id"].(string) < rows[j]["id"].(string) })
		for i, rows := range splitByKinds(rows) {
			name := fileName("relationships_", t, i)
			cols, err := columns(rows)
			if err != nil {
				return nil, fmt.Errorf("csv export: %s relationships: %w", t, err)
			}
			header := []string{":START_ID", ":END_ID", ":TYPE", "id"}
			for _, c := range cols {
				header = append(header, c.header())
			}
			var lines [][]string
			for _, r := range rows {
				line := []string{quoteCSV(r["start"].(string)), quoteCSV(r["end"].(string)), quoteCSV(t), quoteCSV(r["id"].(string))}
				lines = append(lines, append(line, cells(r, cols, out)...))
			}
			if err := writeCSV(filepath.Join(dir, name), header, lines); err != nil {
				return nil, err
			}
			out.Relationships = append(out.Relationships, name)
		}
	}
	out.Command = importCommand(out)
	var schema strings.Builder
	for _, s := range schemaStatements() {
		schema.WriteString(s + ";\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.cypher"), []byte(schema.String()), 0o666); err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	readme := fmt.Sprintf(`kg graph: %d nodes, %d relationships, as neo4j-admin import files.

Import into an empty (or to-be-replaced) database, with the server stopped,
from this directory:

%s

Then create kg's constraints and indexes:

cypher-shell -d neo4j -f schema.cypher
`, p.nodeCount, p.relCount, out.Command)
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte(readme), 0o666); err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	return out, nil
}

// IsImportFile reports whether name is one of the files WriteImportCSV
// writes, so that a folder holding only those can be replaced by a new
// export.
func IsImportFile(name string) bool {
	switch {
	case name == "README.txt", name == "schema.cypher":
		return true
	case strings.HasSuffix(name, ".csv"):
		return strings.HasPrefix(name, "nodes_") || strings.HasPrefix(name, "relationships_")
	}
	return false
}

func importCommand(f *ImportFiles) string {
	var b strings.Builder
	b.WriteString("neo4j-admin database import full neo4j --overwrite-destination")
	for _, n := range f.Nodes {
		b.WriteString(" --nodes=" + n)
	}
	for _, r := range f.Relationships {
		b.WriteString(" --relationships=" + r)
	}
	b.WriteString(" --array-delimiter=" + delimiterArg(f.ArrayDelimiter))
	if f.Multiline {
		b.WriteString(" --multiline-fields=true")
	}
	return b.String()
}

// column is one property column: its key and neo4j-admin type.
type column struct{ key, typ string }

func (c column) header() string {
	if c.typ == "string" {
		return c.key
	}
	return c.key + ":" + c.typ
}

// columns lists the property keys of rows, "name" first and the rest in
// order, each with the type all its values share (or string). A key that
// a neo4j-admin header cannot hold (with a colon, comma, quote or line
// break) is an error.
func columns(rows []map[string]any) ([]column, error) {
	types := map[string]string{}
	for _, r := range rows {
		var err error
		rowProps(r, func(k string, v any) {
			t := csvType(v)
			if strings.ContainsAny(k, ":,\"\r\n") {
				err = fmt.Errorf("property name %q cannot be a column name", k)
			}
			if old, ok := types[k]; ok && old != t {
				t = "string"
			}
			types[k] = t
		})
		if err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(types))
	for k := range types {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "name") != (keys[j] == "name") {
			return keys[i] == "name"
		}
		return keys[i] < keys[j]
	})
	cols := make([]column, len(keys))
	for i, k := range keys {
		cols[i] = column{k, types[k]}
	}
	return cols, nil
}

func csvType(v any) string {
	switch v.(type) {
	case int64:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	case []string:
		return "string[]"
	}
	return "string"
}

// cells formats a row's properties in column order: missing values empty,
// present ones quoted, except the lists neo4j-admin cannot express (empty,
// or one empty string), which are left empty too.
func cells(r map[string]any, cols []column, f *ImportFiles) []string {
	vals := map[string]any{}
	rowProps(r, func(k string, v any) { vals[k] = v })
	out := make([]string, len(cols))
	for i, c := range cols {
		v, ok := vals[c.key]
		if !ok {
			continue
		}
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case int64:
			s = strconv.FormatInt(x, 10)
		case float64:
			s = strconv.FormatFloat(x, 'g', -1, 64)
		case bool:
			s = strconv.FormatBool(x)
		case []string:
			if len(x) == 0 || len(x) == 1 && x[0] == "" {
				// neo4j-admin reads no list from it either way: say so
				continue
			}
			s = strings.Join(x, f.ArrayDelimiter)
		}
		if strings.ContainsAny(s, "\r\n") {
			f.Multiline = true
		}
		out[i] = quoteCSV(s)
	}
	return out
}

// delimiterArg is d as neo4j-admin's --array-delimiter takes it in a
// shell: printable ASCII quoted (";" "|"), anything else as U+XXXX, which
// neo4j-admin decodes itself (a JVM in the C locale would garble a
// non-ASCII argument).
func delimiterArg(d string) string {
	r := []rune(d)[0]
	if r > ' ' && r < 0x7f {
		return strconv.Quote(d)
	}
	return fmt.Sprintf("U+%04X", r)
}

// chooseDelimiter returns the first of arrayDelimiters, else the first
// private-use character, that no list element of p contains.
func chooseDelimiter(p *plan) (rune, error) {
	used := map[rune]bool{}
	note := func(s string) {
		for _, r := range s {
			used[r] = true
		}
	}
	collect := func(rows []map[string]any) {
		for _, r := range rows {
			rowProps(r, func(_ string, v any) {
				if ss, ok := v.([]string); ok {
					for _, s := range ss {
						note(s)
					}
				}
			})
			if ls, ok := r["labels"].([]string); ok {
				for _, s := range ls {
					note(s)
				}
			}
		}
	}
	for _, ng := range p.nodes {
		collect(ng.rows)
	}
	for _, rg := range p.rels {
		collect(rg.rows)
	}
	for _, d := range arrayDelimiters {
		if !used[d] {
			return d, nil
		}
	}
	for d := rune(0xE000); d <= 0xF8FF; d++ {
		if !used[d] {
			return d, nil
		}
	}
	return 0, fmt.Errorf("no array delimiter: list elements hold every candidate character")
}

// fileName names the i-th file of a label's or a type's rows.
func fileName(prefix, name string, i int) string {
	if i == 0 {
		return prefix + name + ".csv"
	}
	return fmt.Sprintf("%s%s_%d.csv", prefix, name, i+1)
}

// splitByKinds splits rows so that within each part every property has
// values of one kind (csvType), keeping their order: a row goes to the
// first part whose kinds it agrees with. Rows that agree throughout, as
// kg's graphs do, stay one part.
func splitByKinds(rows []map[string]any) [][]map[string]any {
	type part struct {
		kinds map[string]string
		rows  []map[string]any
	}
	var parts []*part
next:
	for _, r := range rows {
		kinds := map[string]string{}
		rowProps(r, func(k string, v any) { kinds[k] = csvType(v) })
	parts:
		for _, p := range parts {
			for k, t := range kinds {
				if old, ok := p.kinds[k]; ok && old != t {
					continue parts
				}
			}
			for k, t := range kinds {
				p.kinds[k] = t
			}
			p.rows = append(p.rows, r)
			continue next
		}
		parts = append(parts, &part{kinds, []map[string]any{r}})
	}
	out := make([][]map[string]any, len(parts))
	for i, p := range parts {
		out[i] = p.rows
	}
	return out
}

// quoteCSV quotes a field for neo4j-admin: doubled inner quotes.
func quoteCSV(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func writeCSV(path string, header []string, lines [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	w := bufio.NewWriter(f)
	for i, h := range header {
		if i > 0 {
			w.WriteByte(',')
		}
		// Header fields are plain: quoting them would make the quotes part
		// of the property name.
		w.WriteString(h)
	}
	w.WriteByte('\n')
	for _, l := range lines {
		w.WriteString(strings.Join(l, ","))
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("csv export: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	return nil
}
