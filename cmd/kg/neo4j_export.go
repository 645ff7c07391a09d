package main

import (
	"fmt"
	"io"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/internal/atomicfile"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	format string
	out    string
}

func newCmdExport(a *app) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the graph in Neo4j as graph JSON, a Cypher script or import CSV",
		Long: `Export reads kg's nodes and relationships back from Neo4j and writes them as
  json    graph JSON, the shape kg build writes (stdout, or --out FILE)
  cypher  an idempotent Cypher script of MERGE statements that cypher-shell or
          Neo4j Browser can run into another database (stdout, or --out FILE)
  csv     neo4j-admin database import files, nodes_<Label>.csv and
          relationships_<TYPE>.csv, with a README.txt holding the import
          command and schema.cypher (--out DIR, required)`,
		Example: "  kg export --format json --out graph.json\n  kg export --format cypher > graph.cypher\n  kg export --format csv --out import/",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format, []string{"json", "cypher", "csv"}); err != nil {
				return err
			}
			if opts.format == "csv" && (opts.out == "" || opts.out == "-") {
				return usageErr(fmt.Errorf("--format csv writes several files: give a directory with --out"))
			}
			w, err := openNeo4j(cmd.Context(), a)
			if err != nil {
				return err
			}
			defer w.Close(cmd.Context())
			g, err := w.Export(cmd.Context())
			if err != nil {
				return err
			}
			if opts.format == "csv" {
				d, err := atomicfile.CreateDir(opts.out, neo4jsink.IsImportFile)
				if err != nil {
					return err
				}
				defer d.Abort()
				files, err := neo4jsink.WriteImportCSV(d.Path(), g)
				if err != nil {
					return err
				}
				if err := d.Commit(cmd.Context()); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "wrote %d nodes, %d relationships to %s; import with (from that directory):\n%s\n",
					len(g.Nodes), len(g.Relationships), opts.out, files.Command)
				return nil
			}
			write := func(out io.Writer) error {
				if opts.format == "json" {
					return graph.NewJSONSink(out, 1).Write(cmd.Context(), g)
				}
				return neo4jsink.WriteCypher(out, g)
			}
			path := opts.out
			if path == "" {
				path = "-"
			}
			if err := writeOutput(cmd.Context(), a, path, write); err != nil {
				return err
			}
			if !isStdout(path) {
				fmt.Fprintf(a.stdout, "wrote %d nodes, %d relationships to %s\n", len(g.Nodes), len(g.Relationships), opts.out)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.format, "format", "f", "json", "json, cypher or csv")
	f.StringVarP(&opts.out, "out", "o", "", "output file (json, cypher; default stdout) or directory (csv)")
	return cmd
}
