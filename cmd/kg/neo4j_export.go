package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/graphml"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/internal/atomicfile"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	format string
	out    string
	src    graphSource
}

func newCmdExport(a *app) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the graph in Neo4j (or graph JSON files) as graph JSON, a Cypher script, import CSV or GraphML",
		Long: `Export reads kg's nodes and relationships back from Neo4j, or with --from
from graph JSON files (several are merged; no server is needed), and
writes them as
  json    graph JSON, the shape kg build writes (stdout, or --out FILE)
  cypher  an idempotent Cypher script of MERGE statements that cypher-shell or
          Neo4j Browser can run into another database (stdout, or --out FILE)
  csv     neo4j-admin database import files, nodes_<Label>.csv and
          relationships_<TYPE>.csv, with a README.txt holding the import
          command and schema.cypher (--out DIR, required)
  graphml GraphML for Gephi, yEd, Cytoscape or networkx (stdout, or
          --out FILE)

A graph file that kg load put into an empty database exports from it as
it does with --from, byte for byte. The graph setting (graph: FILE) or KG_GRAPH makes --from a file
the default; --neo4j then reads the server.`,
		Example: `  kg export --format json --out graph.json
  kg export --format cypher > graph.cypher
  kg export --format csv --out import/
  kg export --from kg-out/graph.json --format cypher --out graph.cypher    # no server
  kg export --from a.json --from b.json --out merged.json
  kg export --from kg-out/graph.json --format graphml --out graph.graphml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(opts.format, []string{"json", "cypher", "csv", "graphml"}); err != nil {
				return err
			}
			if opts.format == "csv" && (opts.out == "" || opts.out == "-") {
				return usageErr(fmt.Errorf("--format csv writes several files: give a directory with --out"))
			}
			g, err := exportGraph(cmd.Context(), a, &opts.src)
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
				switch opts.format {
				case "json":
					return graph.NewJSONSink(out, 1).Write(cmd.Context(), g)
				case "graphml":
					return graphml.Write(out, g)
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
	f.StringVarP(&opts.format, "format", "f", "json", "json, cypher, csv or graphml")
	f.StringVarP(&opts.out, "out", "o", "", "output file (json, cypher, graphml; default stdout) or directory (csv)")
	addGraphSourceFlags(f, &opts.src)
	return cmd
}

// exportGraph reads the graph to export: the graph JSON files of src,
// merged, or the whole graph in Neo4j.
func exportGraph(ctx context.Context, a *app, src *graphSource) (*graph.Graph, error) {
	files, err := src.files(a)
	if err != nil {
		return nil, err
	}
	if files != nil {
		return readGraphs(a, files)
	}
	w, err := openNeo4j(ctx, a)
	if err != nil {
		return nil, err
	}
	defer w.Close(ctx)
	return w.Export(ctx)
}
