package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

//go:embed default
var defaultFS embed.FS

// DefaultFS returns the embedded default rule files (under "default").
func DefaultFS() fs.FS { return defaultFS }

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the compiled embedded rules. The set is compiled once.
func Default() (*Set, error) {
	defaultOnce.Do(func() {
		defaultSet, defaultErr = LoadFS(defaultFS, "default")
	})
	return defaultSet, defaultErr
}

// LoadDir loads every .yaml or .yml file under dir, recursively.
func LoadDir(dir string) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("load rules %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("load rules %s: not a directory", dir)
	}
	return loadFS(os.DirFS(dir), ".", dir)
}

// ParseFS decodes every rule file under dir in fsys, returning the files
// and every problem found. File paths in errors are joined with prefix.
func ParseFS(fsys fs.FS, dir string) ([]*File, ErrorList) {
	return parseFS(fsys, dir, "")
}

func parseFS(fsys fs.FS, dir, prefix string) ([]*File, ErrorList) {
	var names []string
	var errs ErrorList
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(Pos{File: p}, "", "%v", err)
			return nil
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		errs.Add(Pos{File: dir}, "", "%v", err)
	}
	sort.Strings(names)
	if len(names) == 0 && len(errs) == 0 {
		errs.Add(Pos{File: dir}, "", "no rule files (*.yaml) found")
	}
	var files []*File
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs.Add(Pos{File: n}, "", "%v", err)
			continue
		}
		f, ferrs := Parse(filepath.Join(prefix, path.Clean(n)), data)
		errs = append(errs, ferrs...)
		files = append(files, f)
	}
	return files, errs
}

// LoadFS parses and compiles every rule file under dir in fsys. Problems
// from both phases are returned together as an ErrorList.
func LoadFS(fsys fs.FS, dir string) (*Set, error) {
	return loadFS(fsys, dir, "")
}

func loadFS(fsys fs.FS, dir, prefix string) (*Set, error) {
	files, errs := parseFS(fsys, dir, prefix)
	if len(errs) > 0 {
		// Compile anyway to report its problems too.
		if _, err := Compile(files); err != nil {
			if l, ok := err.(ErrorList); ok {
				errs = append(errs, l...)
			}
		}
		return nil, dedupe(errs).Err()
	}
	return Compile(files)
}

func dedupe(l ErrorList) ErrorList {
	seen := map[string]bool{}
	var out ErrorList
	for _, e := range l {
		if s := e.Error(); !seen[s] {
			seen[s] = true
			out = append(out, e)
		}
	}
	return out
}

// DefaultWith compiles the default rules together with one more rule file
// (its name for positions, and its text), as a copy of the defaults with
// one file added would compile: for trying a rule out, and for tests.
func DefaultWith(name string, data []byte) (*Set, error) {
	files, errs := ParseFS(defaultFS, "default")
	f, ferrs := Parse(name, data)
	if errs = append(errs, ferrs...); len(errs) > 0 {
		return nil, errs.Err()
	}
	return Compile(append(files, f))
}
