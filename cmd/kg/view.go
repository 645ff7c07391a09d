package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-news/kg/internal/atomicfile"
	"github.com/kg-news/kg/view"
)

type viewOptions struct {
	out   string
	title string
	quiet bool
}

func newCmdView(a *app) *cobra.Command {
	opts := &viewOptions{}
	cmd := &cobra.Command{
		Use:   "view [GRAPH.json]",
		Short: "Write a graph as one self-contained HTML page to explore in a browser",
		Long: `view reads a graph JSON file (kg build's output; default ` + defaultOut + `, - for
standard input) and writes one HTML file that opens offline in any browser:
the graph drawn with Cytoscape.js in the Neo4j Browser's colours
(configs/neo4j/style.grass), a search box that finds a node by its name or
any alias in either script, a side panel with a node's properties and
relationships or a relationship's evidence, documents and rules, and
filters by label, relationship type and date. Documents and MENTIONS start
hidden. The page loads nothing from the network: the library and the graph
are inline.

The page goes to --out, by default beside the graph with .html for .json
(kg-out/graph.json gives kg-out/graph.html); - writes it to standard
output. The same graph always gives the same bytes.`,
		Example: `  kg view kg-out/graph.json                  # writes kg-out/graph.html
  kg view corpus.json --out corpus.html
  kg build -q news/ --out - | kg view - --out news.html`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := defaultOut
			if len(args) == 1 {
				in = args[0]
			}
			return viewRun(cmd, a, opts, in)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "out", "o", "", "output HTML file, - for stdout (default: the graph's path with .html for .json)")
	f.StringVar(&opts.title, "title", "", "the page's title (default: the graph file's name)")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no summary on stderr")
	return cmd
}

// viewOut is the page kg view writes for the graph in: --out, else the
// graph's path with .html in place of .json.
func viewOut(in, out string) (string, error) {
	if out != "" {
		return out, nil
	}
	if in == "-" {
		return "", usageErr(fmt.Errorf("reading the graph from standard input: name the page with --out (- for standard output)"))
	}
	return strings.TrimSuffix(in, filepath.Ext(in)) + ".html", nil
}

func viewRun(cmd *cobra.Command, a *app, opts *viewOptions, in string) error {
	out, err := viewOut(in, opts.out)
	if err != nil {
		return err
	}
	if !isStdout(out) {
		if err := atomicfile.Check(out); err != nil {
			return usageErr(fmt.Errorf("--out: %w", err))
		}
		if in != "-" && atomicfile.Same(out, in) {
			return usageErr(fmt.Errorf("--out %s is the graph file; it would be replaced", out))
		}
	}
	g, err := readGraphFile(a, in)
	if err != nil {
		return err
	}
	if n := len(g.Nodes) + len(g.Relationships); n > viewLarge && !opts.quiet {
		fmt.Fprintf(a.stderr, "kg: warning: %s and %s make a page that a browser opens slowly (documents and meetings start hidden)\n",
			plural(len(g.Nodes), "node"), plural(len(g.Relationships), "relationship"))
	}
	title := opts.title
	if title == "" {
		title = filepath.Base(in)
		if in == "-" {
			title = "graph"
		}
	}
	var n countWriter
	err = writeOutput(cmd.Context(), a, out, func(w io.Writer) error {
		n.w = w
		return view.Write(&n, g, view.Options{Title: title})
	})
	if err != nil {
		return err
	}
	if !opts.quiet && !isStdout(out) {
		fmt.Fprintf(a.stderr, "kg: wrote %s: %s, %s (%.1f MB)\n", out, plural(len(g.Nodes), "node"),
			plural(len(g.Relationships), "relationship"), float64(n.n)/1e6)
	}
	return nil
}

// viewLarge is the number of nodes and relationships past which kg view
// warns that the page will be slow: a 2,000-document corpus (about 50,000)
// takes several seconds to draw.
const viewLarge = 150000

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	return k, err
}
