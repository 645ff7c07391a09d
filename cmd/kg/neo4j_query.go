package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kg-news/kg/graph/graphquery"
	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// outputFormats are the --format values of query, who-met and path.
var outputFormats = []string{"table", "json", "csv"}

func checkFormat(format string, allowed []string) error {
	for _, f := range allowed {
		if f == format {
			return nil
		}
	}
	return usageErr(fmt.Errorf("unknown --format %q (want %s)", format, strings.Join(allowed, ", ")))
}

type queryOptions struct {
	params []string
	format string
	write  bool
}

func newCmdQuery(a *app) *cobra.Command {
	opts := &queryOptions{}
	cmd := &cobra.Command{
		Use:   "query CYPHER",
		Short: "Run a Cypher statement against Neo4j and print the rows",
		Long: `Query runs one Cypher statement in a read transaction (the server refuses
writes there) and prints the rows. --write runs it in a write transaction.
Parameters are given as --param name=value: the value is an integer if it
reads as one, else a string.`,
		Example: `  kg query 'MATCH (p:Person)-[:MET]-(q:Person) RETURN p.name, q.name LIMIT 10'
  kg query 'MATCH (p:Person {id: $id}) RETURN p' --param id=person:sam-altman --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, outputFormats); err != nil {
				return err
			}
			params, err := parseParams(opts.params)
			if err != nil {
				return err
			}
			w, err := openNeo4j(cmd.Context(), a)
			if err != nil {
				return err
			}
			defer w.Close(cmd.Context())
			res, err := w.Query(cmd.Context(), args[0], params, opts.write)
			if err != nil {
				return err
			}
			if opts.format != "table" || len(res.Keys) > 0 {
				if err := printResult(a.stdout, opts.format, res.Keys, res.Rows); err != nil {
					return err
				}
			}
			if opts.format == "table" {
				fmt.Fprintf(a.stdout, "(%d rows)\n", len(res.Rows))
				if !res.Counters.Zero() {
					fmt.Fprintln(a.stdout, res.Counters)
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.params, "param", "p", nil, "query parameter `name=value` (repeatable)")
	f.StringVarP(&opts.format, "format", "f", "table", "output format: table, json or csv")
	f.BoolVar(&opts.write, "write", false, "run in a write transaction")
	return cmd
}

// parseParams reads name=value pairs; values that parse as integers are
// integers.
func parseParams(pairs []string) (map[string]any, error) {
	out := map[string]any{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return nil, usageErr(fmt.Errorf("--param %q: want name=value", p))
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[k] = n
		} else {
			out[k] = v
		}
	}
	return out, nil
}

// printResult writes rows as an aligned table, a JSON array of objects
// (keys in column order) or CSV with a header.
func printResult(w io.Writer, format string, keys []string, rows [][]any) error {
	switch format {
	case "json":
		var b bytes.Buffer
		b.WriteString("[")
		for i, row := range rows {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for j, k := range keys {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(jsonString(k) + ": " + jsonValue(row[j]))
			}
			b.WriteString("}")
		}
		if len(rows) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		_, err := w.Write(b.Bytes())
		return err
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(keys)
		for _, row := range rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = cellText(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, v := range row {
			cells[i][j] = cellText(v)
		}
	}
	return writeTextTable(w, keys, cells)
}

// cellText is a value as one table or CSV cell: strings as they are, null
// empty, everything else as JSON.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return jsonValue(v)
}

func jsonString(s string) string { return jsonValue(s) }

// jsonValue encodes v compactly without HTML escaping; maps have sorted
// keys.
func jsonValue(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeTextTable writes a table with a header, columns padded to their
// display width (Hangul and other wide characters count double), line
// breaks in cells shown as ⏎.
func writeTextTable(w io.Writer, header []string, rows [][]string) error {
	clean := strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎", "\t", " ")
	all := append([][]string{header}, rows...)
	widths := make([]int, len(header))
	for _, r := range all {
		for i := range r {
			r[i] = clean.Replace(r[i])
			if n := uniseg.StringWidth(r[i]); n > widths[i] {
				widths[i] = n
			}
		}
	}
	var b strings.Builder
	line := func(r []string) {
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(c)
			b.WriteString(strings.Repeat(" ", widths[i]-uniseg.StringWidth(c)+2))
		}
		b.WriteString("\n")
	}
	line(all[0])
	rule := make([]string, len(header))
	for i := range rule {
		rule[i] = strings.Repeat("─", max(widths[i], 1))
	}
	line(rule)
	for _, r := range all[1:] {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// normName normalizes a name typed on the command line the way documents
// are normalized (NFC, full-width forms folded), so "샘 알트만" typed on a
// system that sends decomposed Hangul still matches.
func normName(s string) string {
	return strings.TrimSpace(width.Fold.String(norm.NFC.String(s)))
}

type whoMetOptions struct {
	format string
	src    graphSource
}

func newCmdWhoMet(a *app) *cobra.Command {
	opts := &whoMetOptions{}
	cmd := &cobra.Command{
		Use:   "who-met NAME",
		Short: "List the people someone met, with dates, places and evidence",
		Long: `Who-met finds the person called NAME (their id, name, English or Korean
name or any alias, ignoring case) and lists the people they met, through
MET relationships and meetings both attended: one row per person, with the
meeting dates and places and the sentence that reports it.

It asks Neo4j, or, with --from, reads a graph JSON file (as kg build
writes it) and needs no server: the answer is the one Neo4j gives for
the same graph. Several --from files are merged. The graph setting in
the settings file (graph: FILE, or a list) or KG_GRAPH (a.json:b.json) makes files the
default; --neo4j then asks the server.`,
		Example: `  kg who-met 'Sam Altman'
  kg who-met 샘 알트먼 --format json
  kg who-met 'Sam Altman' --from kg-out/graph.json
  kg who-met 정신아 --from a.json --from b.json
  KG_GRAPH=kg-out/graph.json kg who-met 'Chung Shin-a'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, outputFormats); err != nil {
				return err
			}
			files, err := opts.src.files(a)
			if err != nil {
				return err
			}
			// the words of an unquoted name are one name: kg who-met 샘 알트먼
			name := normName(strings.Join(args, " "))
			var met []graphquery.Met
			if files != nil {
				g, err := readGraphs(a, files)
				if err != nil {
					return err
				}
				if met, err = graphquery.New(g).WhoMet(name); err != nil {
					return err
				}
			} else {
				w, err := openNeo4j(cmd.Context(), a)
				if err != nil {
					return err
				}
				defer w.Close(cmd.Context())
				if met, err = w.WhoMet(cmd.Context(), name); err != nil {
					return err
				}
			}
			return printWhoMet(a.stdout, opts.format, met)
		},
	}
	cmd.Flags().StringVarP(&opts.format, "format", "f", "table", "output format: table, json or csv")
	addGraphSourceFlags(cmd.Flags(), &opts.src)
	return cmd
}

func printWhoMet(w io.Writer, format string, met []graphquery.Met) error {
	if format == "json" {
		b, err := json.MarshalIndent(met, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	header := []string{"person", "met", "id", "dates", "places", "evidence"}
	var rows [][]any
	for _, m := range met {
		var dates, places, evidence []string
		for _, mt := range m.Meetings {
			dates = appendNew(dates, mt.Date)
			places = appendNew(places, mt.Place)
			for _, e := range mt.Evidence {
				evidence = appendNew(evidence, e)
			}
		}
		ev := ""
		if len(evidence) > 0 {
			ev = evidence[0]
			if format == "table" && len(evidence) > 1 {
				ev += fmt.Sprintf(" (+%d more)", len(evidence)-1)
			} else if format == "csv" {
				ev = strings.Join(evidence, "\n")
			}
		}
		rows = append(rows, []any{m.Who.Name, m.Whom.Name, m.Whom.ID, strings.Join(dates, ", "), strings.Join(places, ", "), ev})
	}
	if format == "table" && len(met) == 0 {
		_, err := fmt.Fprintln(w, "(met no one)")
		return err
	}
	return printResult(w, format, header, rows)
}

func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

type pathOptions struct {
	depth  int
	format string
	src    graphSource
}

func newCmdPath(a *app) *cobra.Command {
	opts := &pathOptions{}
	cmd := &cobra.Command{
		Use:   "path NAME NAME",
		Short: "Print a shortest chain of relationships between two names",
		Long: `Path finds the nodes called by the two names (id, name, English or Korean
name or alias, ignoring case) and prints a shortest chain of relationships
of any kg type between them, in either direction. Among chains of the same
length it prefers those through fewer documents, then the first by node
ids, then by relationship ids.

It asks Neo4j, or, with --from, reads a graph JSON file (as kg build
writes it) and needs no server; both give the same chain for the same
graph. Several --from
files are merged. The graph setting (graph: FILE) or KG_GRAPH makes a file
the default; --neo4j then asks the server.`,
		Example: `  kg path 'Sam Altman' Kakao
  kg path 정신아 'Masayoshi Son' --max-depth 4
  kg path 'Chung Shin-a' 'Lee Jae-yong' --from kg-out/graph.json --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.format, []string{"text", "json"}); err != nil {
				return err
			}
			if opts.depth < 1 || opts.depth > graphquery.MaxPathDepth {
				return usageErr(fmt.Errorf("--max-depth %d: want 1 to %d", opts.depth, graphquery.MaxPathDepth))
			}
			files, err := opts.src.files(a)
			if err != nil {
				return err
			}
			from, to := normName(args[0]), normName(args[1])
			var p *graphquery.Path
			if files != nil {
				g, err := readGraphs(a, files)
				if err != nil {
					return err
				}
				if p, err = graphquery.New(g).ShortestPath(from, to, opts.depth); err != nil {
					return err
				}
			} else {
				w, err := openNeo4j(cmd.Context(), a)
				if err != nil {
					return err
				}
				defer w.Close(cmd.Context())
				if p, err = w.ShortestPath(cmd.Context(), from, to, opts.depth); err != nil {
					return err
				}
			}
			if opts.format == "json" {
				b, err := json.MarshalIndent(p, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(a.stdout, "%s\n", b)
				return err
			}
			return printPath(a.stdout, p)
		},
	}
	cmd.Flags().IntVar(&opts.depth, "max-depth", 6, "longest chain searched")
	cmd.Flags().StringVarP(&opts.format, "format", "f", "text", "output format: text or json")
	addGraphSourceFlags(cmd.Flags(), &opts.src)
	return cmd
}

// printPath writes the chain one hop per line:
//
//	Chung Shin-a (person:chung-shin-a)
//	  -[MET {date: 2025-02-04}]-> Sam Altman (person:sam-altman)
//	  <-[HOLDS_ROLE {title: CEO}]- ...
func printPath(w io.Writer, p *graphquery.Path) error {
	var b strings.Builder
	node := func(e graphquery.Entity) string {
		if e.Name == e.ID || e.Name == "" {
			return e.ID
		}
		return fmt.Sprintf("%s (%s)", e.Name, e.ID)
	}
	b.WriteString(node(p.Nodes[0]) + "\n")
	for i, s := range p.Steps {
		label := s.Type
		var shown []string
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "title" || k == "date" || k == "place" {
				shown = append(shown, fmt.Sprintf("%s: %v", k, s.Properties[k]))
			}
		}
		if len(shown) > 0 {
			label += " {" + strings.Join(shown, ", ") + "}"
		}
		arrow := "-[" + label + "]->"
		if !s.Forward {
			arrow = "<-[" + label + "]-"
		}
		fmt.Fprintf(&b, "  %s %s\n", arrow, node(p.Nodes[i+1]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
