package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/resolve"
	"github.com/kg-news/kg/rules"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// addNeo4jCommands adds the commands that talk to Neo4j, each with the
// Neo4j flags, to root: config,
// load, query, who-met, path and export.
func addNeo4jCommands(root *cobra.Command, a *app) {
	for _, c := range []*cobra.Command{
		newCmdConfig(a),
		newCmdLoad(a),
		newCmdForget(a),
		newCmdQuery(a),
		newCmdWhoMet(a),
		newCmdPath(a),
		newCmdExport(a),
	} {
		addNeo4jFlagsTo(c, a)
		root.AddCommand(c)
	}
}

// writesNeo4j names the commands that write batches to Neo4j: only they
// take --batch-size. (config shows every setting, so it takes it too.)
var writesNeo4j = map[string]bool{"build": true, "load": true, "forget": true, "config": true}

// addNeo4jFlagsTo gives c the shared Neo4j flags (the same flag values,
// so the settings read whichever command ran), less --batch-size for a
// command that only reads.
func addNeo4jFlagsTo(c *cobra.Command, a *app) {
	a.neo4jFlags.VisitAll(func(f *pflag.Flag) {
		if f.Name == "batch-size" && !writesNeo4j[c.Name()] {
			return
		}
		c.Flags().AddFlag(f)
	})
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

// corpusResolver is corpus resolution over units, as kg build applies it
// to the documents it reads: the Neo4j sink applies it to every unit of
// the corpus, so a database and a build of the same documents agree.
func corpusResolver(set *rules.Set, ov *resolve.Overrides) neo4jsink.Resolver {
	return func(units []*graph.Graph) *graph.Graph {
		m := graph.NewMerger()
		for _, u := range units {
			m.Add(u)
		}
		return resolve.Apply(m, resolve.Options{Set: set, Overrides: ov}).Graph()
	}
}

// loadToNeo4j adds units to the configured corpus in Neo4j and reports a
// one-line summary.
func loadToNeo4j(ctx context.Context, a *app, units []neo4jsink.Unit, r neo4jsink.Resolver) (string, error) {
	w, err := openNeo4j(ctx, a)
	if err != nil {
		return "", err
	}
	defer w.Close(context.WithoutCancel(ctx))
	st, err := w.LoadCorpus(ctx, units, r)
	if err != nil {
		return "", err
	}
	c := w.Config()
	nu := fmt.Sprintf("%d units", st.Units)
	if st.Units == 1 {
		nu = "1 unit"
	}
	summary := fmt.Sprintf("neo4j %s database %s: loaded %d nodes, %d relationships: %s; corpus %q: %s (%d new, %d changed)",
		c.URI, c.Database, st.Nodes, st.Rels, st.Graph, c.Corpus, nu, st.NewUnits, st.ChangedUnits)
	if st.Waited > time.Second {
		summary += fmt.Sprintf(" (waited %s for another load of the corpus)", st.Waited.Round(time.Second))
	}
	if n := w.LostCommits(); n > 0 {
		what := "1 batch"
		if n > 1 {
			what = fmt.Sprintf("%d batches", n)
		}
		summary += fmt.Sprintf(" (%s run again after the connection was lost during COMMIT; what a lost COMMIT wrote is not counted)", what)
	}
	return summary, nil
}

// resolution is what corpus resolution reads besides the units: the
// rules' lexicon (--rules) and the identity decisions (--merges).
type resolution struct {
	rules  ruleSource
	merges string
}

func (r *resolution) addFlags(cmd *cobra.Command) {
	addRuleFlags(cmd.Flags(), &r.rules, "(their lexicon is what identity resolution uses)")
	cmd.Flags().StringVar(&r.merges, "merges", "", "a merges.yaml of identity decisions (same: and different: lists) that override the automatic ones")
}

func (r *resolution) load(a *app) (neo4jsink.Resolver, *rules.Set, *resolve.Overrides, error) {
	set, err := r.rules.load(a.stderr)
	if err != nil {
		return nil, nil, nil, err
	}
	ov, err := loadOverrides(r.merges)
	if err != nil {
		return nil, nil, nil, err
	}
	return corpusResolver(set, ov), set, ov, nil
}

func newCmdLoad(a *app) *cobra.Command {
	var res resolution
	cmd := &cobra.Command{
		Use:   "load GRAPH.json...",
		Short: "Add graph JSON files to the corpus in Neo4j",
		Long: `Load adds graph JSON files (as kg build writes them; - reads standard input)
to the configured corpus in Neo4j (--neo4j-corpus, default "default") and
resolves identity across everything the corpus holds: the same person or
organization in two files becomes one node, one meeting reported in two
becomes one Meeting. A graph file that kg build wrote with its unit store
beside it (graph.units.jsonl.gz) is loaded as its documents, one unit
each, exactly as kg build --neo4j loads them: a later build of one of them
replaces it, and kg forget withdraws any of them. Any other file is one
unit, named by the documents it holds: loading a newer build of the same
documents replaces it. Loading is idempotent and order-independent: files loaded one at a
time in any order, or by several processes at once, give the same database
as one build of all their documents. It prints what changed.`,
		Example: "  kg load kg-out/graph.json\n  KG_NEO4J_PASSWORD_FILE=~/.neo4j-pw kg load --neo4j-uri bolt://db:7687 a.json b.json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			resolver, _, _, err := res.load(a)
			if err != nil {
				return err
			}
			var units []neo4jsink.Unit
			for _, path := range args {
				us, err := storedUnits(a, path)
				if err != nil {
					return err
				}
				if us != nil {
					units = append(units, us...)
					continue
				}
				g, err := readGraphFile(a, path)
				if err != nil {
					return err
				}
				units = append(units, neo4jsink.Unit{Key: neo4jsink.UnitKey(g), Graph: g})
			}
			summary, err := loadToNeo4j(cmd.Context(), a, units, resolver)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, summary)
			return nil
		},
	}
	res.addFlags(cmd)
	return cmd
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
		// read it again to say where it is wrong (file:line:col), as
		// --from does; the good path stays one streaming pass
		if data, rerr := os.ReadFile(path); rerr == nil {
			if _, perr := decodeGraphJSON(path, data); perr != nil {
				return nil, usageErr(perr)
			}
		}
		return nil, usageErr(fmt.Errorf("%s: %w", path, err))
	}
	return g, nil
}
