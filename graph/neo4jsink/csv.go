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
// the first that no list element contains is used.
var arrayDelimiters = []string{";", "|", "^", "~", "¦"}

// ImportFiles names the files WriteImportCSV wrote and the delimiters it
// chose.
type ImportFiles struct {
	Nodes         []string // nodes_<Label>.csv
	Relationships []string // relationships_<TYPE>.csv
	// ArrayDelimiter separates the elements of list properties; ";" unless
	// an element contains it.
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
// values (string, long, double, boolean, string[]); a column whose values
// differ in kind is written as strings. Every present value is quoted, so
// an empty string stays an empty string and a missing one stays missing;
// an empty list, which neo4j-admin cannot express, imports as no property
// (as graph.Decode reads the null that graph.Encode writes for it).
func WriteImportCSV(dir string, g *graph.Graph) (*ImportFiles, error) {
	p, err := makePlan(g)
	if err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv export: %w", err)
	}
	out := &ImportFiles{ArrayDelimiter: chooseDelimiter(p)}
	for _, ng := range p.nodes {
		name := "nodes_" + ng.label + ".csv"
		cols, err := columns(ng.rows)
		if err != nil {
			return nil, fmt.Errorf("csv export: %s nodes: %w", ng.label, err)
		}
		header := []string{"id:ID", ":LABEL"}
		for _, c := range cols {
			header = append(header, c.header())
		}
		var lines [][]string
		for _, r := range ng.rows {
			labels := append([]string{ng.label}, r["labels"].([]string)...)
			line := []string{quoteCSV(r["id"].(string)), quoteCSV(strings.Join(labels, out.ArrayDelimiter))}
			lines = append(lines, append(line, cells(r, cols, out)...))
		}
		if err := writeCSV(filepath.Join(dir, name), header, lines); err != nil {
			return nil, err
		}
		out.Nodes = append(out.Nodes, name)
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
		name := "relationships_" + t + ".csv"
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
	fmt.Fprintf(&b, " --array-delimiter=%q", f.ArrayDelimiter)
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
// present ones quoted.
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
			s = strings.Join(x, f.ArrayDelimiter)
		}
		if strings.ContainsAny(s, "\r\n") {
			f.Multiline = true
		}
		out[i] = quoteCSV(s)
	}
	return out
}

func chooseDelimiter(p *plan) string {
	var lists []string
	collect := func(rows []map[string]any) {
		for _, r := range rows {
			rowProps(r, func(_ string, v any) {
				if ss, ok := v.([]string); ok {
					lists = append(lists, ss...)
				}
			})
			if ls, ok := r["labels"].([]string); ok {
				lists = append(lists, ls...)
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
		clash := false
		for _, s := range lists {
			if strings.Contains(s, d) {
				clash = true
				break
			}
		}
		if !clash {
			return d
		}
	}
	return arrayDelimiters[len(arrayDelimiters)-1]
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
