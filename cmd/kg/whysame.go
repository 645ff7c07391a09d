package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/resolve"
)

func newCmdWhySame(a *app) *cobra.Command {
	var src graphSource
	var graphPath string
	cmd := &cobra.Command{
		Use:   "why-same A B",
		Short: "Explain why two names are one node of a graph, or why not",
		Long: `why-same finds the people or organizations A and B (node ids, names or
aliases) in a graph and prints the chain of evidence that made them one
node: each join with its reason (the same name, a pairing, a fitting
romanization with a shared organization, merges.yaml) and the documents on
each side. When they are two nodes it prints both, with their names,
documents and roles. It exits 0 either way, 1 when a name is not in the
graph.

The graph is read as who-met and path read it: --from FILE (graph JSON,
repeatable, - for standard input), else the graph setting or KG_GRAPH,
else --neo4j asks the configured Neo4j, else kg-out/graph.json.`,
		Example: `  kg why-same 정신아 "Chung Shin-a"
  kg why-same --from corpus.json person:kim-min-jun 김민준`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if graphPath != "" {
				src.from = append(src.from, graphPath) // --graph, the old name of --from
			}
			files, err := src.files(a)
			if err != nil {
				return err
			}
			var g *graph.Graph
			switch {
			case files == nil && src.neo4j:
				w, err := openNeo4j(cmd.Context(), a)
				if err != nil {
					return err
				}
				defer w.Close(context.WithoutCancel(cmd.Context()))
				if g, err = w.Export(cmd.Context()); err != nil {
					return err
				}
			default:
				if files == nil {
					files = []string{defaultOut}
				}
				if g, err = readGraphs(a, files); err != nil {
					return err
				}
			}
			if _, err = resolve.Explain(a.stdout, g, args[0], args[1]); err != nil {
				return errors.New("why-same: " + err.Error())
			}
			return nil
		},
	}
	addGraphSourceFlags(cmd.Flags(), &src)
	cmd.Flags().StringVar(&graphPath, "graph", "", "the old name of --from")
	_ = cmd.Flags().MarkHidden("graph")
	addNeo4jFlagsTo(cmd, a)
	return cmd
}
