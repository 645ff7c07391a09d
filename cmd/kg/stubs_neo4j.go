package main

// This file is replaced by the Neo4j commands (config, load, query, who-met,
// path, export) and loadToNeo4j.

import (
	"context"
	"errors"

	"github.com/kg-news/kg/graph"
	"github.com/spf13/cobra"
)

func addNeo4jCommands(root *cobra.Command, a *app) {}

// loadToNeo4j writes g into the configured Neo4j and reports a one-line summary.
func loadToNeo4j(ctx context.Context, a *app, g *graph.Graph) (string, error) {
	return "", errors.New("neo4j: not built yet")
}
