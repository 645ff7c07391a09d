// Command goldcheck validates gold annotation files without running the
// extractor, so that annotators who must not see kg's output (the blind
// split of testdata/realdev) can check their files:
//
//	go run ./cmd/goldcheck testdata/realdev/gold/*.gold.yaml
//
// It prints "ok FILE" or the located error for each file and exits 1 when
// any file is invalid.
package main

import (
	"fmt"
	"os"

	"github.com/kg-news/kg/eval"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: goldcheck FILE.gold.yaml...")
		os.Exit(2)
	}
	rc := 0
	for _, f := range os.Args[1:] {
		if _, err := eval.LoadGold(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			rc = 1
			continue
		}
		fmt.Println("ok", f)
	}
	os.Exit(rc)
}
