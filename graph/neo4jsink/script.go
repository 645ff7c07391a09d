package neo4jsink

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kg-news/kg/graph"
)

// ScriptBatch is the number of rows per statement in WriteCypher's script.
const ScriptBatch = 500

// WriteCypher writes g as a plain Cypher script that cypher-shell or
// Neo4j Browser can run: the schema statements, then for each batch of
// rows the writer's own MERGE statement with the rows as literals. Running
// it merges g exactly as Writer.Write does, so running it twice changes
// nothing. Statements end with ";" at the end of a line, and no other line
// does. Values are escaped; labels and types come from the closed sets.
func WriteCypher(out io.Writer, g *graph.Graph) error {
	p, err := makePlan(g)
	if err != nil {
		return fmt.Errorf("cypher script: %w", err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "// kg graph: %d nodes, %d relationships.\n", p.nodeCount, p.relCount)
	fmt.Fprintf(w, "// Idempotent: merges into what is there (lists unioned, smallest value kept). Needs Neo4j 5.13+.\n")
	fmt.Fprintf(w, "// Run with: cypher-shell -d <database> -f <this file>\n\n")
	for _, s := range schemaStatements() {
		fmt.Fprintf(w, "%s;\n", s)
	}
	fmt.Fprintln(w, "CALL db.awaitIndexes(300);")
	emit := func(body string, rows []map[string]any) error {
		for _, batch := range chunks(rows, ScriptBatch) {
			fmt.Fprintln(w, "\nUNWIND [")
			for i, r := range batch {
				lit, err := literal(r)
				if err != nil {
					return err
				}
				sep := ","
				if i == len(batch)-1 {
					sep = ""
				}
				fmt.Fprintf(w, "  %s%s\n", lit, sep)
			}
			fmt.Fprintf(w, "] AS row\n%s;\n", body)
		}
		return nil
	}
	for _, ng := range p.nodes {
		body, err := nodeBody(ng.label)
		if err != nil {
			return err
		}
		if err := emit(body, ng.rows); err != nil {
			return fmt.Errorf("cypher script: %s nodes: %w", ng.label, err)
		}
	}
	for _, rg := range p.rels {
		body, err := relBody(rg.typ, rg.start, rg.end)
		if err != nil {
			return err
		}
		if err := emit(body, rg.rows); err != nil {
			return fmt.Errorf("cypher script: %s relationships: %w", rg.typ, err)
		}
	}
	return w.Flush()
}

// literal writes v as a Cypher literal. Map keys must be identifiers; the
// rows WriteCypher builds use only id, labels, keys, vals, start and end.
func literal(v any) (string, error) {
	var b strings.Builder
	if err := writeLiteral(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeLiteral(b *strings.Builder, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(Quote(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		if x == math.MinInt64 {
			// -9223372036854775808 would parse as the negation of an
			// integer that does not fit.
			b.WriteString("(-9223372036854775807 - 1)")
			return nil
		}
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(floatLiteral(x))
	case []string:
		b.WriteByte('[')
		for i, s := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Quote(s))
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := writeLiteral(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if !isIdent(k) {
				return fmt.Errorf("map key %q is not an identifier", k)
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteString(": ")
			if err := writeLiteral(b, x[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("cannot write %T as a Cypher literal", v)
	}
	return nil
}

func floatLiteral(f float64) string {
	switch {
	case math.IsNaN(f):
		return "(0.0 / 0.0)"
	case math.IsInf(f, 1):
		return "(1.0 / 0.0)"
	case math.IsInf(f, -1):
		return "(-1.0 / 0.0)"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0" // 3 would be an integer
	}
	return s
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || (i > 0 && '0' <= r && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// Quote returns s as a single-quoted Cypher string literal: backslash and
// quote are escaped, control characters written as escapes (so a literal
// never spans lines), and everything else, Hangul included, kept as is.
// Invalid UTF-8 becomes U+FFFD.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			if r == utf8.RuneError {
				b.WriteString("\uFFFD")
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
