package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/resolve"
)

func newCmdWhySame(a *app) *cobra.Command {
	var graphPath string
	var fromNeo4j bool
	cmd := &cobra.Command{
		Use:   "why-same A B",
		Short: "Explain why two names are one node of a graph, or why not",
		Long: `why-same finds the people or organizations A and B (node ids, names or
aliases) in a graph JSON file and prints the chain of evidence that made
them one node: each join with its reason (the same name, a pairing, a
fitting romanization with a shared organization, merges.yaml) and the
documents on each side. When they are two nodes it prints both, with their
names, documents and roles. It exits 0 either way, 1 when a name is not in
the graph. --neo4j reads the graph from the configured Neo4j instead.`,
		Example: `  kg why-same 정신아 "Chung Shin-a"
  kg why-same --graph corpus.json person:kim-min-jun 김민준`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var g *graph.Graph
			var err error
			if fromNeo4j {
				w, err := openNeo4j(cmd.Context(), a)
				if err != nil {
					return err
				}
				defer w.Close(context.WithoutCancel(cmd.Context()))
				if g, err = w.Export(cmd.Context()); err != nil {
					return err
				}
			} else if g, err = readEvalGraph(a, graphPath); err != nil {
				return err
			}
			_, err = resolve.Explain(a.stdout, g, args[0], args[1])
			if err != nil {
				return errors.New("why-same: " + err.Error())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&graphPath, "graph", defaultOut, "graph JSON file, - for standard input")
	cmd.Flags().BoolVar(&fromNeo4j, "neo4j", false, "read the graph from the configured Neo4j")
	return cmd
}
