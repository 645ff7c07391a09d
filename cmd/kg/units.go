package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kg-news/kg/graph/neo4jsink"
	"github.com/kg-news/kg/graph/unitstore"
	"github.com/kg-news/kg/internal/atomicfile"
)

// A graph file that kg build writes has its units beside it (see
// unitstore): every document's graph as extracted. kg build --update and
// kg forget change that set and write its resolution, so the graph file
// is always what a fresh build of its documents gives, as a corpus in
// Neo4j is.

// storePath is the unit store a build writes beside its graph file, or
// "" when there is none: the graph goes to standard output or to a file
// that is not regular (a pipe, a device), or --no-units.
func storePath(opts *buildOptions) string {
	out := outName(opts.out)
	if out == "" || opts.noUnits {
		return ""
	}
	// a descriptor's name (/dev/fd/3) or kernel state has no folder of
	// its own to keep a store in
	if c := filepath.Clean(out); strings.HasPrefix(c, "/dev/") || strings.HasPrefix(c, "/proc/") {
		return ""
	}
	if st, err := os.Stat(out); err == nil && !st.Mode().IsRegular() {
		return ""
	}
	return unitstore.Path(out)
}

// lockStore takes the lock of the folder that holds graphPath, so that
// two runs that change one graph file do it one after the other.
func lockStore(ctx context.Context, a *app, graphPath string) (func(), error) {
	dir := filepath.Dir(graphPath)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return atomicfile.LockDir(ctx, dir, func() {
		fmt.Fprintf(a.stderr, "kg: waiting for another kg run that writes to %s\n", dir)
	})
}

// readStore reads the unit store of graphPath (hold its lock). A graph
// file changed since the store was written (by hand, or a run that died
// between writing the two) is reported: the store holds the units, and
// the graph is made anew from them.
func readStore(a *app, graphPath, why string) ([]unitstore.Entry, error) {
	entries, same, err := loadStore(graphPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usageErr(fmt.Errorf("%s has no unit store %s: %s needs the documents' graphs that kg build keeps beside the graph file; build the graph again with kg build (without --no-units)", graphPath, unitstore.Path(graphPath), why))
	}
	if err != nil {
		return nil, err
	}
	if !same {
		fmt.Fprintf(a.stderr, "kg: warning: %s is not the graph its unit store %s made (changed since, or missing); it is made anew from the store\n", graphPath, unitstore.Path(graphPath))
	}
	return entries, nil
}

// loadStore reads the unit store of graphPath: its entries, and whether
// graphPath is the graph the store was written with. A missing store is
// an error that wraps fs.ErrNotExist.
func loadStore(graphPath string) ([]unitstore.Entry, bool, error) {
	path := unitstore.Path(graphPath)
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	entries, sum, err := unitstore.Read(f, path)
	if err != nil {
		return nil, false, err
	}
	have, err := fileSHA256(graphPath)
	return entries, err == nil && have == sum, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashingWriter passes writes on and hashes them.
type hashingWriter struct {
	w io.Writer
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
}

func newHashingWriter(w io.Writer) *hashingWriter { return &hashingWriter{w, sha256.New()} }

func (hw *hashingWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	return n, err
}

func (hw *hashingWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }

// writeStore adds the unit store to outs, for the graph whose JSON hashed
// to graphSum.
func writeStore(ctx context.Context, outs *outputSet, path string, entries []unitstore.Entry, graphSum string) error {
	f, err := outs.create(ctx, path)
	if err != nil {
		return err
	}
	if err := unitstore.Write(atomicfile.ContextWriter(ctx, f), entries, graphSum); err != nil {
		return fmt.Errorf("write %s: %w", path, atomicfile.Bare(err))
	}
	return nil
}

// storedUnits returns the units of the graph file at path from its unit
// store, keyed as kg build --neo4j keys documents, or nil when the file
// has no store or is not the graph its store made (then the file is
// loaded as one unit).
func storedUnits(a *app, path string) ([]neo4jsink.Unit, error) {
	if path == "-" {
		return nil, nil
	}
	entries, same, err := loadStore(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !same {
		fmt.Fprintf(a.stderr, "kg: %s is not the graph its unit store %s made; the file is loaded as one unit\n", path, unitstore.Path(path))
		return nil, nil
	}
	units := make([]neo4jsink.Unit, 0, len(entries))
	for _, e := range entries {
		g, err := e.Graph()
		if err != nil {
			return nil, err
		}
		units = append(units, neo4jsink.Unit{Key: e.Key, Graph: g})
	}
	return units, nil
}
