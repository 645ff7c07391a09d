// Package input finds the documents kg reads and their metadata: plain
// text and Markdown files (with an optional YAML front matter block) and
// JSON Lines files of articles (one JSON object per line).
//
// Every document gets a unique, stable id: the id its metadata gives, else
// its URL, else its path relative to the folder argument it was found
// under (a file given by name is named by its base name), without the
// extension. Two files whose ids would collide are named by their paths
// as given instead, so a/x.txt and b/x.txt stay two documents.
package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Doc is one document to extract, with the metadata its file gave.
type Doc struct {
	ID     string
	Path   string // the file as given, and ":LINE" for a JSON Lines record: for messages
	Rel    string // the file relative to the folder it was found under, and ":LINE": for the graph
	URL    string
	Title  string
	Source string // the outlet
	Lang   string
	// Published is the publication date from metadata (midnight UTC of
	// the date as written where it was published), zero if none.
	Published time.Time
	Text      []byte
	Warnings  []string
	// Err is set when this document cannot be read; the others still are.
	Err error
}

// File is one file to read: a text file holds one document, a JSON Lines
// file many.
type File struct {
	Path  string // "-" for standard input
	Name  string // the id of its document(s) when metadata gives none
	Rel   string // its path relative to the folder it was found under (or its id root), slash-separated
	Size  int64
	Lines bool // JSON Lines
}

// Kinds of files kg reads from folders, by extension.
var (
	textExt  = []string{".txt", ".md", ".markdown"}
	linesExt = []string{".jsonl", ".ndjson"}
)

// Readable reports whether a folder walk picks up path.
func Readable(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return slices.Contains(textExt, ext) || slices.Contains(linesExt, ext)
}

// Collect expands paths into files: files as given, folders recursively
// (text, Markdown and JSON Lines files, in path order), "-" for standard
// input. A file given twice is read once. With root set, documents that
// have no id or URL are named by their paths relative to root, however
// they were given (so one file gets one id whether its folder or the file
// itself is named).
func Collect(paths []string, root string) ([]File, error) {
	var out []File
	seen := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			out = append(out, File{Path: "-", Name: "stdin"})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		if !st.IsDir() {
			if !seen[absPath(p)] {
				seen[absPath(p)] = true
				out = append(out, newFile(p, filepath.Base(p), st.Size()))
			}
			continue
		}
		var files []File
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !Readable(path) || seen[absPath(path)] {
				return nil
			}
			seen[absPath(path)] = true
			rel, err := filepath.Rel(p, path)
			if err != nil {
				rel = filepath.Base(path)
			}
			var size int64
			if info, err := d.Info(); err == nil {
				size = info.Size()
			}
			files = append(files, newFile(path, rel, size))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", p, err)
		}
		slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
		out = append(out, files...)
	}
	if root != "" {
		for i, f := range out {
			if f.Path == "-" {
				continue
			}
			if rel, err := relTo(root, f.Path); err == nil {
				out[i].Rel = filepath.ToSlash(rel)
				out[i].Name = stripExt(out[i].Rel)
			}
		}
	}
	// names that collide fall back to the paths as given
	count := map[string]int{}
	for _, f := range out {
		count[f.Name]++
	}
	for i, f := range out {
		if count[f.Name] > 1 && f.Path != "-" {
			// the path as given, extension kept: x.txt and x.md of one
			// folder are two documents too
			out[i].Rel = filepath.ToSlash(filepath.Clean(f.Path))
			out[i].Name = out[i].Rel
		}
	}
	return out, nil
}

func newFile(path, rel string, size int64) File {
	ext := strings.ToLower(filepath.Ext(path))
	rel = filepath.ToSlash(rel)
	return File{Path: path, Name: stripExt(rel), Rel: rel, Size: size, Lines: slices.Contains(linesExt, ext)}
}

// stripExt drops a known extension: x.txt and x.md name document x.
func stripExt(name string) string {
	ext := filepath.Ext(name)
	if slices.Contains(textExt, strings.ToLower(ext)) || slices.Contains(linesExt, strings.ToLower(ext)) {
		return strings.TrimSuffix(name, ext)
	}
	return name
}

// ParseDate reads a publication date: YYYY-MM-DD or RFC 3339 (the date
// part is kept as written, in the zone it was written in, since that is
// the day the story's "yesterday" counts from).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, errors.New("want YYYY-MM-DD or an RFC 3339 time such as 2025-03-12T09:30:00+09:00")
}

// relTo is path relative to root, both made absolute first.
func relTo(root, path string) (string, error) {
	ar, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	ap, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(ar, ap)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is not under %s", path, root)
	}
	return rel, nil
}

// absPath is the absolute, clean path of p (p itself if that fails): one
// file named two ways is read once.
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}
