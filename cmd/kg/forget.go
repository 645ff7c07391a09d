package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/unitstore"
	"github.com/kg-news/kg/resolve"
	"github.com/kg-news/kg/rules"
)

func newCmdForget(a *app) *cobra.Command {
	var src graphSource
	var res resolution
	cmd := &cobra.Command{
		Use:   "forget DOC...",
		Short: "Withdraw documents from the corpus in Neo4j or from a graph file",
		Long: `Forget withdraws documents, named by id, URL or path, from the configured
corpus in Neo4j, or with --from from a graph JSON file that kg build wrote
(with its unit store beside it). What only those documents stated is
deleted; what other documents state too stays, with only their support;
identity and meetings are resolved again without them. The graph is then
the one a fresh build or load of the remaining documents gives.

Forgetting is idempotent: a document that is not there changes nothing
(it is reported). A document that came in a graph file of several loaded
by kg load is one unit with the others and cannot be withdrawn alone.
Give forget the same --rules and --merges as the builds and loads.`,
		Example: `  kg forget altman-seoul-2025-02-04
  kg forget https://example.com/news/123 --from kg-out/graph.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, d := range args {
				if strings.TrimSpace(d) == "" {
					return usageErr(&argError{errors.New("an empty document name")})
				}
			}
			files, err := src.files(a)
			if err != nil {
				return err
			}
			if len(files) > 1 {
				return usageErr(&argError{fmt.Errorf("forget changes one graph file; %d are named (--from or the graph setting)", len(files))})
			}
			if len(files) == 1 && files[0] == "-" {
				return usageErr(&argError{errors.New("forget changes a graph file in place; standard input cannot be")})
			}
			resolver, set, ov, err := res.load(a)
			if err != nil {
				return err
			}
			if len(files) == 1 {
				return forgetInFile(cmd.Context(), a, files[0], args, set, ov)
			}
			w, err := openNeo4j(cmd.Context(), a)
			if err != nil {
				return err
			}
			defer w.Close(context.WithoutCancel(cmd.Context()))
			st, err := w.ForgetCorpus(cmd.Context(), args, resolver)
			if err != nil {
				return err
			}
			reportUnmatched(a, st.Unmatched, fmt.Sprintf("the corpus %q", w.Config().Corpus))
			c := w.Config()
			fmt.Fprintf(a.stdout, "neo4j %s database %s: corpus %q: forgot %s; %s; the corpus graph has %d nodes, %d relationships: %s\n",
				c.URI, c.Database, c.Corpus, plural(st.Forgotten, "unit"), remain(st.Units, "unit"), st.Nodes, st.Rels, st.Graph)
			return nil
		},
	}
	addGraphSourceFlags(cmd.Flags(), &src)
	res.addFlags(cmd)
	return cmd
}

func reportUnmatched(a *app, names []string, where string) {
	for _, n := range names {
		fmt.Fprintf(a.stderr, "kg: %s holds no document %q; nothing to forget\n", where, n)
	}
}

// forgetInFile withdraws documents from a graph file: its units less
// those that hold them, resolved again and written with their store.
func forgetInFile(ctx context.Context, a *app, path string, names []string, set *rules.Set, ov *resolve.Overrides) error {
	unlock, err := lockStore(ctx, a, path)
	if err != nil {
		return err
	}
	defer unlock()
	entries, err := readStore(a, path, "kg forget")
	if err != nil {
		return err
	}
	// each unit is decoded once: for its documents, and to resolve
	graphs := make(map[string]*graph.Graph, len(entries))
	units := make(map[string][]unitstore.Doc, len(entries))
	for _, e := range entries {
		g, err := e.Graph()
		if err != nil {
			return err
		}
		graphs[e.Key], units[e.Key] = g, unitstore.Docs(g)
	}
	drop, unmatched, err := unitstore.Forget(units, names)
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	reportUnmatched(a, unmatched, path)
	dropped := make(map[string]bool, len(drop))
	for _, k := range drop {
		dropped[k] = true
	}
	keep := slices.DeleteFunc(slices.Clone(entries), func(e unitstore.Entry) bool { return dropped[e.Key] })
	m := graph.NewMerger()
	for _, e := range keep {
		m.Add(graphs[e.Key])
	}
	merged := resolve.Apply(m, resolve.Options{Set: set, Overrides: ov,
		Warn: func(msg string) { fmt.Fprintf(a.stderr, "kg: warning: %s\n", msg) }})
	n, r := merged.Len()
	outs := &outputSet{}
	defer outs.abort()
	var hw *hashingWriter
	if err := writeGraph(ctx, a, outs, path, func(w io.Writer) error {
		hw = newHashingWriter(w)
		return graph.WriteMerged(ctx, graph.NewJSONSink(hw, 1), merged)
	}); err != nil {
		return err
	}
	if err := writeStore(ctx, outs, unitstore.Path(path), keep, hw.sum()); err != nil {
		return err
	}
	if err := outs.commit(ctx); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: forgot %s; %s; the graph has %s, %s\n", path,
		plural(len(drop), "document"), remain(len(keep), "document"), plural(n, "node"), plural(r, "relationship"))
	return nil
}

// remain is "1 unit remains", "2 units remain".
func remain(n int, noun string) string {
	if n == 1 {
		return plural(n, noun) + " remains"
	}
	return plural(n, noun) + " remain"
}
