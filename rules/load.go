package rules

import (
	"embed"
	"fmt"
	"io"
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

// LoadDir loads every .yaml or .yml file under dir, recursively, on its
// own: the set holds only dir's rules.
func LoadDir(dir string) (*Set, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	return loadFS(os.DirFS(dir), ".", dir)
}

func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("load rules %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("load rules %s: not a directory", dir)
	}
	return nil
}

// LoadDirOver loads the rule files under dir laid over the embedded
// defaults (see Overlay): a user's folder of five extra companies adds
// them to the default rules instead of replacing every rule.
func LoadDirOver(dir string) (*Set, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	base, errs := parseFS(defaultFS, "default", "")
	over, oerrs := parseFS(os.DirFS(dir), ".", dir)
	return compileParsed(Overlay(base, over), append(errs, oerrs...))
}

// Overlay lays the files over on the files base and returns the files to
// compile: a file of over at the same path as a file of base (under their
// folders) replaces it, so an edited copy of the defaults (kg rules init)
// works as it did; a rule of over whose id a rule of base has replaces
// that rule; every other rule and every lexicon word of over adds to base.
// The files of base are not changed.
func Overlay(base, over []*File) []*File {
	paths := map[string]bool{}
	ids := map[string]bool{}
	for _, f := range over {
		if f == nil {
			continue
		}
		paths[f.rel] = true
		for i := range f.Entities {
			ids[f.Entities[i].ruleID()] = true
		}
		for i := range f.Titles {
			ids[f.Titles[i].ruleID()] = true
		}
		for i := range f.Triggers {
			ids[f.Triggers[i].ruleID()] = true
		}
		for i := range f.Patterns {
			ids[f.Patterns[i].ruleID()] = true
		}
	}
	delete(ids, "")
	var out []*File
	for _, f := range base {
		if f == nil || paths[f.rel] {
			continue
		}
		g := *f
		g.overridden = map[string]bool{}
		for id := range f.overridden {
			g.overridden[id] = true
		}
		for id := range ids {
			g.overridden[id] = true
		}
		out = append(out, &g)
	}
	return append(out, over...)
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
		data, err := readRuleFile(fsys, n)
		if err != nil {
			errs.Add(Pos{File: filepath.Join(prefix, path.Clean(n))}, "", "%v", err)
			continue
		}
		f, ferrs := Parse(filepath.Join(prefix, path.Clean(n)), data)
		errs = append(errs, ferrs...)
		if f != nil {
			f.rel = path.Clean(n)
			if d := path.Clean(dir); d != "." {
				f.rel = strings.TrimPrefix(f.rel, d+"/")
			}
		}
		files = append(files, f)
	}
	return files, errs
}

// MaxRuleFileBytes bounds one rule file. The default rules' largest is
// 20 kB; a gazetteer of 100,000 names is about 10 MB. A 100 MB file took
// 2.3 GB of memory to load.
const MaxRuleFileBytes = 16 << 20

// readRuleFile reads one rule file: only a regular file or a link to one
// (a FIFO among the rule files blocked kg past Ctrl-C), of at most
// MaxRuleFileBytes.
func readRuleFile(fsys fs.FS, name string) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): rules are read only from regular files and links to them", fi.Mode().Type())
	}
	if fi.Size() > MaxRuleFileBytes {
		return nil, fmt.Errorf("%d bytes: a rule file may hold at most %d MB; split it into several files", fi.Size(), MaxRuleFileBytes>>20)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxRuleFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxRuleFileBytes {
		return nil, fmt.Errorf("more than %d MB: a rule file may hold at most %d MB; split it into several files", MaxRuleFileBytes>>20, MaxRuleFileBytes>>20)
	}
	return data, nil
}

// LoadFS parses and compiles every rule file under dir in fsys. Problems
// from both phases are returned together as an ErrorList.
func LoadFS(fsys fs.FS, dir string) (*Set, error) {
	return loadFS(fsys, dir, "")
}

func loadFS(fsys fs.FS, dir, prefix string) (*Set, error) {
	files, errs := parseFS(fsys, dir, prefix)
	return compileParsed(files, errs)
}

// compileParsed compiles files, or reports errs (the parse's problems)
// together with the problems Compile finds.
func compileParsed(files []*File, errs ErrorList) (*Set, error) {
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
