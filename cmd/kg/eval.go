package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-news/kg/eval"
	"github.com/kg-news/kg/graph"
)

func newCmdEval(a *app) *cobra.Command {
	var (
		goldDir     string
		corpusGold  string
		goldPath    string
		floors      []string
		minIdentity []string
		asJSON      bool
		verbose     bool
	)
	cmd := &cobra.Command{
		Use:   "eval (--gold GOLD.yaml | --gold-dir DIR [--corpus-gold FILE]) GRAPH.json",
		Short: "Score an extracted graph against a gold annotation",
		Long: `Score an extracted graph (graph JSON, "-" for stdin) against a gold
annotation (testdata/docs/*.gold.yaml) and print precision, recall and F1
for entities, roles, meetings and partnerships, the title accuracy, the
misses and false positives, and per-rule counts. For every gold meeting
that was found (a Meeting node with two or more of its participants) it
also checks the date (where the gold gives one) and the place (empty when
the gold states none; otherwise either names the other, so "Seoul" is
right for "Seocho District, Seoul"), and for roles former on either side,
the HOLDS_ROLE status.

Corpus mode (--gold-dir DIR): every *.gold.yaml under DIR names its
document (document.id) and is scored against that document's part of the
one corpus graph (found through provenance: the nodes and relationships
whose documents include it); the sums are printed, then identity across
documents: the share of entities found in two or more documents that are
one node, the wrong merges (a node standing for two gold entities), the
share of meetings reported twice or more that are one node, and whether
meetings that must stay apart did. --corpus-gold names the file (or folder
of files) that lists them; without it the golds' shared names are used.
--min-identity entities=0.95,meetings=1 makes kg exit 1 below those
shares or on any wrong merge.

--min-f1 KIND=VALUE (repeatable or comma separated; KIND is one of
entities, roles, meetings, partnerships, titles) makes kg exit 1 when that
score is below VALUE.`,
		Example: "  kg eval --gold testdata/docs/altman-seoul-2025-02-04.gold.yaml out.json --min-f1 entities=0.9,roles=0.8",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if goldDir != "" {
				return evalCorpus(a, goldDir, corpusGold, minIdentity, verbose, asJSON, args[0])
			}
			if goldPath == "" {
				return usageErr(errors.New("eval: --gold or --gold-dir is required"))
			}
			mins, err := parseMinF1(floors)
			if err != nil {
				return usageErr(err)
			}
			gold, err := eval.LoadGold(goldPath)
			if err != nil {
				return err
			}
			g, err := readEvalGraph(a, args[0])
			if err != nil {
				return err
			}
			rep := eval.Score(g, gold)
			if asJSON {
				err = rep.WriteJSON(a.stdout)
			} else {
				err = rep.Print(a.stdout, verbose)
			}
			if err != nil {
				return fmt.Errorf("eval: write report: %w", err)
			}
			var low []string
			for _, f := range mins {
				if got := rep.F1(f.kind); got < f.min {
					what := "F1"
					if f.kind == eval.KindTitles {
						what = "accuracy"
					}
					low = append(low, fmt.Sprintf("%s %s %.3f is below the floor %.3f", f.kind, what, got, f.min))
				}
			}
			if len(low) > 0 {
				return fmt.Errorf("eval: %s", strings.Join(low, "; "))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&goldPath, "gold", "", "gold annotation YAML of one document")
	f.StringVar(&goldDir, "gold-dir", "", "corpus mode: a folder of gold files, one per document (document.id names it)")
	f.StringVar(&corpusGold, "corpus-gold", "", "corpus mode: the corpus gold file or folder (entities and meetings across documents)")
	f.StringArrayVar(&minIdentity, "min-identity", nil, "corpus mode: fail (exit 1) when a share is below VALUE or a node merges two gold entities: entities=VALUE,meetings=VALUE")
	f.StringArrayVar(&floors, "min-f1", nil, "fail (exit 1) when KIND's score is below VALUE: KIND=VALUE, repeatable or comma separated; kinds: "+strings.Join(eval.Kinds, ", "))
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.BoolVarP(&verbose, "verbose", "v", false, "also list matched items and the entity assignment")
	return cmd
}

// f1Floor is one --min-f1 requirement.
type f1Floor struct {
	kind string
	min  float64
}

// parseMinF1 parses --min-f1 values: KIND=VALUE items, comma separated,
// in the order of eval.Kinds with later values of one kind winning.
func parseMinF1(vals []string) ([]f1Floor, error) {
	set := map[string]float64{}
	for _, v := range vals {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			kind, num, ok := strings.Cut(item, "=")
			kind = strings.TrimSpace(kind)
			if !ok {
				return nil, fmt.Errorf("eval: --min-f1 %q: want KIND=VALUE", item)
			}
			if !eval.ValidKind(kind) {
				return nil, fmt.Errorf("eval: --min-f1 %q: unknown kind %q (want one of %s)", item, kind, strings.Join(eval.Kinds, ", "))
			}
			x, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || x < 0 || x > 1 {
				return nil, fmt.Errorf("eval: --min-f1 %q: value must be a number from 0 to 1", item)
			}
			set[kind] = x
		}
	}
	var out []f1Floor
	for _, k := range eval.Kinds {
		if x, ok := set[k]; ok {
			out = append(out, f1Floor{kind: k, min: x})
		}
	}
	return out, nil
}

// readEvalGraph decodes graph JSON from path, or from stdin for "-".
func readEvalGraph(a *app, path string) (*graph.Graph, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = a.stdin, "stdin"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		defer f.Close()
		r = f
	}
	g, err := graph.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", name, err)
	}
	return g, nil
}

// evalCorpus scores a corpus graph against a folder of gold files.
func evalCorpus(a *app, dir, corpusGold string, floors []string, verbose, asJSON bool, graphPath string) error {
	mins := map[string]float64{}
	for _, f := range floors {
		for _, kv := range strings.Split(f, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			x, err := strconv.ParseFloat(v, 64)
			if !ok || err != nil || (k != "entities" && k != "meetings") || x < 0 || x > 1 {
				return usageErr(fmt.Errorf("--min-identity %q: want entities=VALUE or meetings=VALUE, VALUE from 0 to 1", kv))
			}
			mins[k] = x
		}
	}
	golds, err := eval.LoadGoldDir(dir)
	if err != nil {
		return usageErr(err)
	}
	var cg *eval.CorpusGold
	if corpusGold != "" {
		if cg, err = eval.LoadCorpusGold(corpusGold); err != nil {
			return usageErr(err)
		}
	}
	g, err := readEvalGraph(a, graphPath)
	if err != nil {
		return err
	}
	rep := eval.ScoreCorpus(g, golds, cg)
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.Print(a.stdout, verbose)
	}
	if err != nil {
		return fmt.Errorf("eval: write report: %w", err)
	}
	var low []string
	id := rep.Identity
	if m, ok := mins["entities"]; ok {
		if id.EntityShare < m {
			low = append(low, fmt.Sprintf("%.3f of multi-document entities are one node, below %.3f", id.EntityShare, m))
		}
		if len(id.WrongMerges) > 0 {
			low = append(low, fmt.Sprintf("%d wrong merges", len(id.WrongMerges)))
		}
	}
	if m, ok := mins["meetings"]; ok {
		if id.MeetingShare < m {
			low = append(low, fmt.Sprintf("%.3f of multi-report meetings are one node, below %.3f", id.MeetingShare, m))
		}
		if id.DistinctKept < id.DistinctMeetings {
			low = append(low, fmt.Sprintf("%d of %d meetings that must stay apart did not", id.DistinctMeetings-id.DistinctKept, id.DistinctMeetings))
		}
	}
	if len(low) > 0 {
		return fmt.Errorf("eval: %s", strings.Join(low, "; "))
	}
	return nil
}
