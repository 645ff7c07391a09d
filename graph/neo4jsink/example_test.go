package neo4jsink_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
)

// Load a graph JSON file into Neo4j and report what changed.
func ExampleNew() {
	ctx := context.Background()
	w, err := neo4jsink.New(ctx, neo4jsink.Config{
		URI:      "bolt://127.0.0.1:7687",
		User:     "neo4j",
		Password: os.Getenv("KG_NEO4J_PASSWORD"),
		Database: "neo4j",
	})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close(ctx)
	f, err := os.Open("graph.json")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	g, err := graph.Decode(f)
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Write(ctx, g); err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.Counters())
}

// Read the graph back and write it as a Cypher script.
func ExampleWriter_Export() {
	ctx := context.Background()
	w, err := neo4jsink.New(ctx, neo4jsink.Config{Password: os.Getenv("KG_NEO4J_PASSWORD")})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close(ctx)
	g, err := w.Export(ctx)
	if err != nil {
		log.Fatal(err)
	}
	if err := neo4jsink.WriteCypher(os.Stdout, g); err != nil {
		log.Fatal(err)
	}
}

// Find whom a person met, by any of their names.
func ExampleWriter_WhoMet() {
	ctx := context.Background()
	w, err := neo4jsink.New(ctx, neo4jsink.Config{Password: os.Getenv("KG_NEO4J_PASSWORD")})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close(ctx)
	met, err := w.WhoMet(ctx, "샘 알트만")
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range met {
		fmt.Println(m.Whom.Name, len(m.Meetings))
	}
}
