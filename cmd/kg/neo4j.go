package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/spf13/cobra"
)

// addNeo4jCommands adds the Neo4j flags and commands to root: config,
// load, query, who-met, path and export.
func addNeo4jCommands(root *cobra.Command, a *app) {
	a.neo4jFlags = root.PersistentFlags()
	addNeo4jFlags(a.neo4jFlags)
	root.AddCommand(
		newCmdConfig(a),
		newCmdLoad(a),
		newCmdQuery(a),
		newCmdWhoMet(a),
		newCmdPath(a),
		newCmdExport(a),
	)
}

// openNeo4j reads the settings and connects. Bad settings are usage errors
// (exit 2); a server that cannot be reached or refuses the login is a
// runtime error (exit 1).
func openNeo4j(ctx context.Context, a *app) (*neo4jsink.Writer, error) {
	s, err := loadNeo4jSettings(a)
	if err != nil {
		return nil, err
	}
	return neo4jsink.New(ctx, s.sink)
}

// loadToNeo4j writes g into the configured Neo4j and reports a one-line summary.
func loadToNeo4j(ctx context.Context, a *app, g *graph.Graph) (string, error) {
	w, err := openNeo4j(ctx, a)
	if err != nil {
		return "", err
	}
	defer w.Close(context.WithoutCancel(ctx))
	if err := w.Write(ctx, g); err != nil {
		return "", err
	}
	c := w.Config()
	summary := fmt.Sprintf("neo4j %s database %s: loaded %d nodes, %d relationships: %s",
		c.URI, c.Database, len(g.Nodes), len(g.Relationships), w.Counters())
	if n := w.LostCommits(); n > 0 {
		what := "1 batch"
		if n > 1 {
			what = fmt.Sprintf("%d batches", n)
		}
		summary += fmt.Sprintf(" (%s run again after the connection was lost during COMMIT; what a lost COMMIT wrote is not counted)", what)
	}
	return summary, nil
}

func newCmdLoad(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "load GRAPH.json...",
		Short: "Merge graph JSON files into Neo4j",
		Long: `Load reads graph JSON files (as kg build writes them; - reads standard
input), merges them and writes the result into the configured Neo4j. Loading
is idempotent and order-independent: loading A then B gives the same
database as B then A, and loading a graph again changes nothing. It prints
the server's own counts of what changed.`,
		Example: "  kg load kg-out/graph.json\n  KG_NEO4J_PASSWORD_FILE=~/.neo4j-pw kg load --neo4j-uri bolt://db:7687 a.json b.json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// One file goes as it is (the writer merges a graph that is not
			// canonical itself); several are merged as they are read, so
			// only one decoded file is held besides the merged graph.
			var g *graph.Graph
			if len(args) == 1 {
				var err error
				if g, err = readGraphFile(a, args[0]); err != nil {
					return err
				}
			} else {
				m := graph.NewMerger()
				for _, path := range args {
					gi, err := readGraphFile(a, path)
					if err != nil {
						return err
					}
					m.Add(gi)
				}
				g = m.Graph()
			}
			summary, err := loadToNeo4j(cmd.Context(), a, g)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, summary)
			return nil
		},
	}
}

// readGraphFile decodes one graph JSON file, or standard input for "-".
// A file that is missing or not a graph is a usage error.
func readGraphFile(a *app, path string) (*graph.Graph, error) {
	if path == "-" {
		g, err := graph.Decode(a.stdin)
		if err != nil {
			return nil, usageErr(fmt.Errorf("stdin: %w", err))
		}
		return g, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErr(err)
	}
	defer f.Close()
	g, err := graph.Decode(f)
	if err != nil {
		return nil, usageErr(fmt.Errorf("%s: %w", path, err))
	}
	return g, nil
}
