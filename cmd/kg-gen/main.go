// Command kg-gen writes a deterministic corpus of generated bilingual news
// documents, and optionally a gazetteer rule file, for kg's benchmarks and
// load tests.
//
//	go run ./cmd/kg-gen -mb 50 -out /tmp/kg-corpus -seed 1
//	go run ./cmd/kg-gen -gazetteer 10000 -gazetteer-out /tmp/gaz.yaml -mb 0
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kg-news/kg/internal/corpus"
)

func main() {
	mb := flag.Float64("mb", 50, "megabytes (10^6 bytes) of documents to write")
	out := flag.String("out", "kg-corpus", "output folder for the documents")
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same bytes")
	gaz := flag.Int("gazetteer", 0, "also write a gazetteer rule file with this many aliases")
	gazOut := flag.String("gazetteer-out", "", "gazetteer file (default OUT/gazetteer/gazetteer.yaml)")
	flag.Parse()
	if flag.NArg() > 0 || *mb < 0 || *gaz < 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	if *mb > 0 {
		files, n, err := corpus.Write(*out, int64(*mb*1e6), *seed)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kg-gen:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "kg-gen: %d documents, %.1f MB in %s under %s\n", files, float64(n)/1e6,
			time.Since(start).Round(time.Millisecond), *out)
	}
	if *gaz > 0 {
		path := *gazOut
		if path == "" {
			path = filepath.Join(*out, "gazetteer", "gazetteer.yaml")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "kg-gen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, corpus.GazetteerYAML(corpus.Gazetteer(*gaz, *seed)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "kg-gen:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "kg-gen: gazetteer of %d aliases in %s\n", *gaz, path)
	}
}
