package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kg-news/kg/docgraph"
	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/graph/unitstore"
	"github.com/kg-news/kg/internal/atomicfile"
	"github.com/kg-news/kg/internal/input"
	"github.com/kg-news/kg/resolve"
	"github.com/kg-news/kg/rules"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

type buildOptions struct {
	out         string
	rules       ruleSource
	date        string
	neo4j       bool
	workers     int
	quiet       bool
	maxDocBytes int64
	cpuProfile  string
	memProfile  string
	memLimit    string
	idRoot      string
	merges      string
	format      string        // --format
	columns     input.Columns // --csv-text, --csv-title ...
	update      bool          // --update
	noUnits     bool          // --no-units
}

func newCmdBuild(a *app) *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build [flags] PATH...",
		Short: "Extract a knowledge graph from news files, folders or - (stdin)",
		Long: `Build reads news documents, extracts people, organizations, roles, meetings
and partnerships, resolves them across documents, and writes one graph JSON
file. With --neo4j it also loads the graph into the configured Neo4j.

Documents: .txt and .md files (a leading "---" YAML block gives metadata:
id, url, title, date, source, lang; Markdown is read without its markup),
web pages saved from a browser (.html, .htm: the article's text alone, and
the title, URL, date, outlet and language from the page's og: tags,
JSON-LD or <title>), CSV and TSV files (.csv, .tsv: a header row, then one
article per row; the text column is the one named text, body, content or
article, or --csv-text), JSON Lines files (.jsonl, .ndjson: one article per
line with "id" and "text" and the same optional keys), folders (read
recursively; other types are skipped and counted) and - (standard input,
read as --format says, text by default). A document's id is its "id",
else its URL, else its path under the folder named (or --id-root). Its
"date" is the reference for relative dates ("yesterday", 지난 3일); --date
is used for documents that give none.

Beside the graph file kg build keeps the graph of every document as
extracted (graph.units.jsonl.gz beside graph.json), so that the graph can
change a document at a time: --update reads the documents given into the
existing graph file, replacing those with the same id (a corrected
article) and keeping the others, and kg forget withdraws documents. Either
way the graph is the one a fresh build of the documents it then holds
gives.`,
		Example: "  kg build testdata/docs/altman-seoul-2025-02-04.txt --out graph.json\n  kg build --neo4j news/\n  kg build --update --out graph.json news/corrected-article.txt",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return buildRun(cmd.Context(), a, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "out", "o", "", "output graph JSON file, - for stdout (default kg-out/graph.json)")
	addRuleFlags(f, &opts.rules, "")
	f.StringVar(&opts.date, "date", "", "publication date YYYY-MM-DD for documents that state none")
	f.BoolVar(&opts.neo4j, "neo4j", false, "also load the graph into Neo4j")
	f.IntVarP(&opts.workers, "workers", "j", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar and no summary")
	f.Int64Var(&opts.maxDocBytes, "max-doc-bytes", 32<<20, "largest document read; larger ones are cut with a warning")
	f.StringVar(&opts.memLimit, "memory-limit", "auto", "soft memory limit while extracting: a size (2GiB, 800MB), auto (under twice the graph being built; GOGC 400 unless GOGC is set) or off (Go's defaults); GOMEMLIMIT replaces auto")
	f.StringVar(&opts.idRoot, "id-root", "", "name documents that have no id or URL by their path relative to this folder (default: relative to the folder argument, or the file name)")
	f.StringVar(&opts.format, "format", "", "read standard input and the files named on their own in `FORMAT` ("+input.Formats+"), whatever their extensions (default: by extension; standard input: txt)")
	for _, c := range []struct {
		dst        *string
		name, what string
	}{
		{&opts.columns.Text, "text", "the article text (default: the column named text, body, content or article)"},
		{&opts.columns.Title, "title", "the title (default: title or headline)"},
		{&opts.columns.Date, "date", "the publication date, YYYY-MM-DD or RFC 3339 (default: date, published or published_at)"},
		{&opts.columns.URL, "url", "the URL (default: url or link)"},
		{&opts.columns.ID, "id", "the document id (default: id; a row without one is named by its URL, else FILE:LINE)"},
		{&opts.columns.Source, "source", "the outlet (default: source, outlet or publisher)"},
		{&opts.columns.Lang, "lang", "the language (default: lang or language)"},
	} {
		f.StringVar(c.dst, "csv-"+c.name, "", "CSV/TSV files: the `COLUMN` (by its header name) that holds "+c.what)
	}
	f.StringVar(&opts.merges, "merges", "", "a merges.yaml of identity decisions (same: and different: lists of names or ids) that override the automatic ones")
	f.BoolVar(&opts.update, "update", false, "add the documents read to the graph file --out names, replacing its documents with the same ids and keeping the others (a graph file that does not exist yet is built)")
	f.BoolVar(&opts.noUnits, "no-units", false, "do not keep the documents' graphs beside the graph file (kg build --update and kg forget need them)")
	f.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	f.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile, taken when the graph is complete, to this file")
	return cmd
}

// defaultOut is the graph file when --out is not given.
var defaultOut = filepath.Join("kg-out", "graph.json")

// outputsApart refuses outputs that name one of the documents read (the
// graph or a profile would replace the text it came from), standard input
// when it is read, or each other.
func outputsApart(a *app, opts *buildOptions, inputs []input.File) error {
	out := opts.out
	if out == "" {
		out = defaultOut
	}
	outs := []struct{ flag, path string }{{"--out", out}, {"--cpuprofile", opts.cpuProfile}, {"--memprofile", opts.memProfile}}
	for i := range outs {
		if isStdout(outs[i].path) {
			outs[i].path = "/dev/stdout"
		}
	}
	for i, o := range outs {
		if o.path == "" {
			continue
		}
		if err := atomicfile.Check(o.path); err != nil {
			return usageErr(fmt.Errorf("%s: %w", o.flag, err))
		}
		for _, in := range inputs {
			same := false
			if in.Path == "-" {
				f, ok := a.stdin.(*os.File)
				same = ok && atomicfile.SameAsOpen(o.path, f)
			} else {
				same = atomicfile.Same(o.path, in.Path)
			}
			if same {
				return usageErr(fmt.Errorf("%s %s is also an input document; it would be replaced", o.flag, o.path))
			}
		}
		for _, p := range outs[i+1:] {
			if p.path != "" && atomicfile.Same(o.path, p.path) {
				return usageErr(fmt.Errorf("%s and %s name the same file %s", o.flag, p.flag, o.path))
			}
		}
	}
	return nil
}

type docResult struct {
	path  string
	g     *graph.Graph
	bytes int
	warns []string
	err   error
	skip  bool // a repeated document, not extracted again
}

func buildRun(ctx context.Context, a *app, opts *buildOptions, args []string) error {
	start := time.Now()
	b, err := prepareBuild(a, opts, args)
	if err != nil {
		return err
	}
	if b.store = storePath(opts); opts.update {
		if b.store == "" {
			return usageErr(errors.New("--update changes a graph file: --out must name one, and --no-units drops what it needs"))
		}
		// the lock first: a run that finds no graph file must not miss
		// the one another run is writing
		out := outName(opts.out)
		unlock, err := lockStore(ctx, a, out)
		if err != nil {
			return err
		}
		defer unlock()
		if exists(out) || exists(b.store) {
			if b.kept, err = readStore(a, out, "kg build --update"); err != nil {
				return err
			}
		}
	}
	// Every output file is written to a temporary file as the run goes and
	// renamed into place together at the end (outputSet). Nothing is
	// opened before the checks above (a FIFO would wait for a reader). The
	// CPU profile starts here, after the rules are compiled.
	outs := &outputSet{}
	defer outs.abort()
	if opts.cpuProfile != "" {
		f, err := outs.create(ctx, opts.cpuProfile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if err := b.limitMemory(); err != nil {
		return err
	}
	if err := b.extractAll(ctx); err != nil {
		return err
	}
	docs, nbytes, failed := b.report()
	if docs == 0 && failed == 0 {
		return usageErr(b.skips.NoDocuments(args))
	}
	if docs == 0 {
		// an empty graph would replace what --out holds: nothing is written
		if s := b.skips.Summary(); s != "" && !opts.quiet {
			fmt.Fprintf(a.stderr, "kg: %s\n", s)
		}
		return fmt.Errorf("none of the %d documents could be read; nothing written", failed)
	}
	if opts.memProfile != "" {
		f, err := outs.create(ctx, opts.memProfile)
		if err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			return fmt.Errorf("heap profile: %w", err)
		}
	}
	// --update: the graph file's other documents join those read
	kept, err := b.keepOthers(ctx)
	if err != nil {
		return err
	}
	// corpus resolution: one node per real entity and meeting
	merged := resolve.Apply(b.merged, resolve.Options{Set: b.set, Overrides: b.overrides,
		Warn: func(msg string) { fmt.Fprintf(a.stderr, "kg: warning: %s\n", msg) }})
	var counts graphCounts
	counts.nodes, counts.rels = merged.Len()
	counts.labels, counts.types = merged.Count()
	// The graph goes from the merger through the graph JSON sink to the
	// file one node at a time; Neo4j gets the documents' graphs and
	// resolves the corpus they join.
	var hw *hashingWriter
	encode := func(w io.Writer) error {
		hw = newHashingWriter(w)
		return graph.WriteMerged(ctx, graph.NewJSONSink(hw, opts.workers), merged)
	}
	if opts.neo4j {
		// the units and the load are not bounded by the budget: they hold
		// maps the projection does not count
		b.budget.release()
	}
	if err := writeGraph(ctx, a, outs, opts.out, encode); err != nil {
		return err
	}
	if b.store != "" {
		if !opts.update {
			// the graph and its store are renamed one after the other:
			// another run must not interleave its pair
			unlock, err := lockStore(ctx, a, outName(opts.out))
			if err != nil {
				return err
			}
			defer unlock()
		}
		if err := writeStore(ctx, outs, b.store, b.entries, hw.sum()); err != nil {
			return err
		}
	}
	if opts.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err := outs.commit(ctx); err != nil {
		return err
	}
	b.budget.release()
	summary := ""
	if opts.neo4j {
		summary, err = loadToNeo4j(ctx, a, b.units, corpusResolver(b.set, b.overrides))
		if err != nil {
			return err
		}
	}
	if !opts.quiet {
		printSummary(a.stderr, docs, counts, nbytes, time.Since(start), outName(opts.out))
		if opts.update {
			fmt.Fprintf(a.stderr, "  and %s kept from the graph file\n", plural(kept, "document"))
		}
		if s := b.skips.Summary(); s != "" {
			fmt.Fprintf(a.stderr, "kg: %s\n", s)
		}
		if summary != "" {
			fmt.Fprintln(a.stderr, summary)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d documents could not be read", failed, len(b.results)+len(b.readErrs))
	}
	return nil
}

// build is one run of kg build: what prepareBuild reads and checks, and
// what extractAll produces.
type build struct {
	a         *app
	opts      *buildOptions
	set       *rules.Set
	x         *extract.Extractor
	pub       time.Time // --date
	overrides *resolve.Overrides
	inputs    []input.File
	skips     input.Skips // files that gave no document, and why
	total     int64       // bytes of all inputs
	budget    *memoryBudget

	results  []docResult // by input order
	readErrs []error
	units    []neo4jsink.Unit
	merged   *graph.Merger

	store   string            // the unit store written beside the graph file, or ""
	entries []unitstore.Entry // the units of the documents read, for the store
	kept    []unitstore.Entry // --update: the graph file's units before this run
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// keepOthers adds to the graph being built the units of the graph file
// (--update) whose documents were not read again, and returns how many.
func (b *build) keepOthers(ctx context.Context) (int, error) {
	read := map[string]bool{}
	for _, e := range b.entries {
		read[e.Key] = true
	}
	var others []unitstore.Entry
	for _, e := range b.kept {
		if !read[e.Key] {
			others = append(others, e)
		}
	}
	for _, e := range others {
		if err := ctx.Err(); err != nil {
			return 0, fmt.Errorf("interrupted, nothing written: %w", context.Cause(ctx))
		}
		g, err := e.Graph()
		if err != nil {
			return 0, err
		}
		b.merged.Add(g)
	}
	b.entries = append(b.entries, others...)
	return len(others), nil
}

// prepareBuild loads the rules and overrides, parses the flags and finds
// the documents, before any output is opened.
func prepareBuild(a *app, opts *buildOptions, args []string) (*build, error) {
	// "-" names standard output for the profiles too
	for _, p := range []*string{&opts.cpuProfile, &opts.memProfile} {
		if *p == "-" {
			*p = "/dev/stdout"
		}
	}
	b := &build{a: a, opts: opts}
	var err error
	if b.set, err = opts.rules.load(b.a.stderr); err != nil {
		return nil, err
	}
	if opts.date != "" {
		if b.pub, err = time.Parse("2006-01-02", opts.date); err != nil {
			return nil, usageErr(fmt.Errorf("--date %q: want YYYY-MM-DD", opts.date))
		}
	}
	if b.overrides, err = loadOverrides(opts.merges); err != nil {
		return nil, err
	}
	var format input.Format
	if opts.format != "" {
		if format, err = input.ParseFormat(opts.format); err != nil {
			return nil, usageErr(fmt.Errorf("--format: %w", err))
		}
	}
	if b.inputs, b.skips, err = input.Collect(args, input.Options{Root: opts.idRoot, Format: format}); err != nil {
		return nil, usageErr(err)
	}
	if len(b.inputs) == 0 {
		return nil, usageErr(b.skips.NoDocuments(args))
	}
	if err := outputsApart(a, opts, b.inputs); err != nil {
		return nil, err
	}
	if opts.workers < 1 {
		return nil, usageErr(fmt.Errorf("--workers (-j) %d: want 1 or more", opts.workers))
	}
	if opts.maxDocBytes < 1 {
		return nil, usageErr(fmt.Errorf("--max-doc-bytes %d: must be positive", opts.maxDocBytes))
	}
	b.x = extract.New(b.set)
	for _, in := range b.inputs {
		b.total += in.Size
	}
	return b, nil
}

// limitMemory applies --memory-limit: auto bounds the heap by the size
// of the graph being built (see memoryBudget).
func (b *build) limitMemory() error {
	switch b.opts.memLimit {
	case "auto", "":
		if os.Getenv("GOMEMLIMIT") == "" {
			var largest int64
			for _, in := range b.inputs {
				largest = max(largest, min(in.Size, b.opts.maxDocBytes))
			}
			b.budget = newMemoryBudget(b.total, largest, b.opts.workers)
			b.budget.start(os.Getenv("GOGC") != "")
		}
	case "off":
	default:
		n, err := parseSize(b.opts.memLimit)
		if err != nil {
			return usageErr(fmt.Errorf("--memory-limit %w", err))
		}
		debug.SetMemoryLimit(n)
	}
	return nil
}

// progress is a progress bar on a terminal, nil otherwise.
func (b *build) progress() *progressbar.ProgressBar {
	f, ok := b.a.stderr.(*os.File)
	if !ok || b.opts.quiet || !term.IsTerminal(int(f.Fd())) || len(b.inputs) < 2 {
		return nil
	}
	return progressbar.NewOptions64(b.total, progressbar.OptionSetWriter(b.a.stderr),
		progressbar.OptionShowBytes(true), progressbar.OptionSetDescription("extracting"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond))
}

// extractAll extracts every document with opts.workers workers. Each
// document's graph is merged as soon as it is extracted and then dropped:
// memory holds the merged graph, not every document's. Merging is
// order-independent, so the output stays byte-identical. Documents come
// from files one at a time (a JSON Lines file holds many), each numbered
// so warnings are reported in input order.
func (b *build) extractAll(ctx context.Context) error {
	var done int64
	bar := b.progress()
	b.merged = graph.NewMerger()
	type job struct {
		seq int
		doc input.Doc
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	record := func(seq int, r docResult) {
		for len(b.results) <= seq {
			b.results = append(b.results, docResult{})
		}
		b.results[seq] = r
	}
	for w := 0; w < b.opts.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := extractOne(b.x, j.doc, b.pub)
				var entry unitstore.Entry
				if r.err == nil && b.store != "" {
					// the document's unit, encoded while other workers extract
					entry, r.err = unitstore.Encode(graph.DocKey(j.doc.ID), r.g)
				}
				mu.Lock()
				if r.err == nil {
					b.merged.Add(r.g)
					if b.store != "" {
						b.entries = append(b.entries, entry)
					}
					if b.opts.neo4j {
						// each document is a unit of the corpus in Neo4j
						b.units = append(b.units, neo4jsink.Unit{Key: "doc:" + j.doc.ID, Graph: r.g})
					}
				}
				done += int64(r.bytes)
				b.budget.update(done, b.merged.ApproxJSONBytes())
				r.g = nil
				record(j.seq, r)
				if bar != nil {
					_ = bar.Add(r.bytes)
				}
				mu.Unlock()
			}
		}()
	}
	// ids are checked in input order, so which copy of a repeated
	// document is kept does not depend on the workers
	firstPath := map[string]string{}
	seq := 0
dispatch:
	for _, f := range b.inputs {
		stop := false
		yielded := 0
		err := input.Read(f, b.a.stdin, input.ReadOptions{MaxBytes: b.opts.maxDocBytes, Columns: b.opts.columns}, func(d input.Doc) bool {
			n := seq
			seq++
			yielded++
			if d.Err != nil {
				mu.Lock()
				record(n, docResult{path: d.Path, err: d.Err, warns: d.Warnings})
				mu.Unlock()
				return true
			}
			if p, ok := firstPath[d.ID]; ok {
				mu.Lock()
				record(n, docResult{path: d.Path, skip: true,
					warns: []string{fmt.Sprintf("document id %q was already read from %s; this copy is skipped", d.ID, p)}})
				mu.Unlock()
				return true
			}
			firstPath[d.ID] = d.Path
			select {
			case jobs <- job{n, d}:
				return true
			case <-ctx.Done():
				stop = true
				return false
			}
		})
		switch {
		case err != nil:
			b.readErrs = append(b.readErrs, err)
			b.skips.Unreadable++
		case yielded == 0 && !stop:
			b.skips.Empty++ // a CSV of a header alone, an empty JSON Lines file
		}
		if stop {
			break dispatch
		}
	}
	close(jobs)
	// An interrupt (Ctrl-C, SIGTERM) ends the run at once: extraction does
	// not stop in the middle of a document, so a long one is not waited for.
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-ctx.Done():
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted, nothing written: %w", context.Cause(ctx))
	}
	if bar != nil {
		_ = bar.Finish()
	}
	return nil
}

// report prints the read errors and every document's warnings in input
// order, and counts the documents extracted, their bytes and the
// failures.
func (b *build) report() (docs, nbytes, failed int) {
	for _, err := range b.readErrs {
		failed++
		fmt.Fprintf(b.a.stderr, "kg: %v\n", err)
	}
	for _, r := range b.results {
		for _, w := range r.warns {
			fmt.Fprintf(b.a.stderr, "kg: warning: %s: %s\n", r.path, w)
		}
		if r.err != nil {
			failed++
			fmt.Fprintf(b.a.stderr, "kg: %v\n", r.err)
			continue
		}
		if r.skip {
			continue
		}
		nbytes += r.bytes
		docs++
	}
	return docs, nbytes, failed
}

// extractOne reads, repairs and extracts one document. Whatever the input,
// it returns: repairs come back as warnings, a document that cannot be read
// (or that is not text) as an error, and a panic in the extractor as an
// error naming the document, so the other documents still get done.
func extractOne(x *extract.Extractor, in input.Doc, pub time.Time) (res docResult) {
	defer func() {
		if p := recover(); p != nil {
			res = docResult{path: in.Path, err: fmt.Errorf("%s: internal error, please report it with this document: %v\n%s", in.Path, p, debug.Stack())}
		}
	}()
	raw := in.Text
	warns := in.Warnings
	if why := notText(raw); why != "" {
		return docResult{path: in.Path, err: fmt.Errorf("read %s: not a text document (%s), skipped", in.Path, why)}
	}
	d, ws := extract.NewDocument(in.ID, raw)
	for _, w := range ws {
		warns = append(warns, w.String())
	}
	if strings.TrimSpace(d.Text) == "" {
		warns = append(warns, "empty document: only its Document node is written")
	}
	d.Meta = extract.Meta{Title: in.Title, URL: in.URL, Source: in.Source, Lang: in.Lang, Path: in.Rel}
	switch {
	case !in.Published.IsZero():
		d.Published = in.Published // the metadata's date wins over a date in the text
	case !pub.IsZero() && x.PublicationDate(d).IsZero():
		d.Published = pub
	}
	r := x.Run(d)
	for _, w := range r.Warnings {
		warns = append(warns, w.String())
	}
	return docResult{path: in.Path, g: docgraph.FromResult(r), bytes: len(raw), warns: warns}
}

// binarySample is how much of a document notText looks at.
const binarySample = 8192

// notText says why raw is not a text document, or "" if it is. It looks at
// the first 8 KiB: NUL bytes, control bytes other than tab, line and page
// breaks and ESC, and bytes that are not UTF-8 are all unusual in text;
// when there are at least 8 of them and they make up more than a tenth of
// the sample, the document is binary, or text in another encoding (UTF-16,
// EUC-KR), and repairing it would only make noise. A few such bytes in text
// are repaired by extract.NewDocument, with a warning.
func notText(raw []byte) string {
	b := raw
	if len(b) > binarySample {
		b = input.CutAtRune(b[:binarySample])
	}
	var nul, ctrl, bad int
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				nul++
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b, c == 0x7f:
				ctrl++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	if odd := nul + ctrl + bad; odd < 8 || odd*10 <= len(b) {
		return ""
	}
	switch {
	case nul > 0 && nul*10 > len(b):
		return fmt.Sprintf("%d NUL bytes in the first %d; binary or UTF-16", nul, len(b))
	case bad > ctrl:
		return fmt.Sprintf("%d of the first %d bytes are not UTF-8; binary, or another encoding such as EUC-KR", bad, len(b))
	}
	return fmt.Sprintf("%d of the first %d bytes are NUL or control bytes; binary", nul+ctrl, len(b))
}

// writeGraph writes the graph JSON file with encode: streamed to standard
// output for "-" and its names, else into a temporary file of outs (see
// outputSet); kg-out/graph.json when path is empty.
func writeGraph(ctx context.Context, a *app, outs *outputSet, path string, encode func(io.Writer) error) error {
	if path == "" {
		path = defaultOut
	}
	if isStdout(path) {
		return writeStdout(ctx, a, encode)
	}
	f, err := outs.create(ctx, path)
	if err != nil {
		return err
	}
	if err := abandonable(ctx, func() error { return encode(atomicfile.ContextWriter(ctx, f)) }); err != nil {
		if ctx.Err() != nil {
			if f.InPlace() {
				return fmt.Errorf("write %s: interrupted; it got part of the graph: %w", path, context.Cause(ctx))
			}
			f.Abort()
			return fmt.Errorf("interrupted, nothing written: %w", context.Cause(ctx))
		}
		f.Abort()
		if strings.Contains(err.Error(), path) {
			return err
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// graphCounts is what the summary reports of a graph.
type graphCounts struct {
	nodes, rels   int
	labels, types map[string]int
}

// printSummary reports a build: what was read, what the graph holds and
// where it went (out: "" when it went to standard output).
func printSummary(w io.Writer, docs int, c graphCounts, nbytes int, el time.Duration, out string) {
	where := "standard output"
	if out != "" {
		where = out
	}
	fmt.Fprintf(w, "kg: wrote %s: %s, %s from %s in %s (%.2f MB/s)\n", where, plural(c.nodes, "node"),
		plural(c.rels, "relationship"), plural(docs, "document"), el.Round(time.Millisecond), float64(nbytes)/1e6/el.Seconds())
	var parts []string
	for _, l := range graph.Labels {
		parts = append(parts, fmt.Sprintf("%s %d", l, c.labels[l]))
	}
	fmt.Fprintf(w, "  nodes: %s\n", strings.Join(parts, ", "))
	parts = parts[:0]
	for _, t := range graph.Types {
		parts = append(parts, fmt.Sprintf("%s %d", t, c.types[t]))
	}
	fmt.Fprintf(w, "  relationships: %s\n", strings.Join(parts, ", "))
}

// outName is the file a build writes its graph to, "" for standard output.
func outName(out string) string {
	switch {
	case out == "":
		return defaultOut
	case isStdout(out):
		return ""
	}
	return out
}

// plural is "1 document", "2 documents".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// loadOverrides reads a merges.yaml; a bad one is a usage error.
func loadOverrides(path string) (*resolve.Overrides, error) {
	if path == "" {
		return nil, nil
	}
	ov, err := resolve.LoadOverrides(path)
	if err != nil {
		return nil, usageErr(fmt.Errorf("--merges: %w", err))
	}
	return ov, nil
}
