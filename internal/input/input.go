// Package input finds the documents kg reads and their metadata: plain
// text and Markdown files (with an optional YAML front matter block), web
// pages saved from a browser (the article's text, found by readability,
// and the page's metadata), CSV and TSV files of articles (one per row)
// and JSON Lines files of articles (one JSON object per line).
//
// Every document gets a unique, stable id: the id its metadata gives, else
// its URL, else its path relative to the folder argument it was found
// under (a file given by name is named by its base name), without the
// extension. Two files whose ids would collide are named by their paths
// as given instead, so a/x.txt and b/x.txt stay two documents.
package input

import (
	"cmp"
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
	Path   string // the file as given, and ":LINE" for a record of a CSV, TSV or JSON Lines file: for messages
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

// File is one file to read: a text, Markdown or HTML file holds one
// document, a CSV, TSV or JSON Lines file many.
type File struct {
	Path   string // "-" for standard input
	Name   string // the id of its document(s) when metadata gives none
	Rel    string // its path relative to the folder it was found under (or its id root), slash-separated
	Size   int64
	Format Format
	// Err is set for a file a folder walk could not read (a folder it
	// could not list): Read returns it.
	Err error
}

// Format is how a file is read.
type Format string

// The formats kg reads.
const (
	Text      Format = "txt"
	Markdown  Format = "md"
	HTML      Format = "html"
	CSV       Format = "csv"
	TSV       Format = "tsv"
	JSONLines Format = "jsonl"
)

// Formats names the formats --format takes, as its help shows them.
const Formats = "txt|md|html|csv|tsv|jsonl"

// extFormats are the extensions kg reads, in the order messages list them.
var extFormats = []struct {
	ext    string
	format Format
}{
	{".txt", Text}, {".md", Markdown}, {".markdown", Markdown}, {".html", HTML}, {".htm", HTML},
	{".csv", CSV}, {".tsv", TSV}, {".jsonl", JSONLines}, {".ndjson", JSONLines},
}

// Extensions lists the extensions kg reads: ".txt .md .markdown ...".
func Extensions() string {
	var b strings.Builder
	for i, e := range extFormats {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.ext)
	}
	return b.String()
}

// FormatOf is the format of a file by its extension, "" for one kg does
// not read.
func FormatOf(path string) Format {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range extFormats {
		if e.ext == ext {
			return e.format
		}
	}
	return ""
}

// ParseFormat reads a --format value: one of Formats (or an extension
// kg reads, such as htm or ndjson).
func ParseFormat(s string) (Format, error) {
	if f := FormatOf("x." + strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), ".")); f != "" {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want one of %s", s, Formats)
}

// Readable reports whether a folder walk picks up path.
func Readable(path string) bool { return FormatOf(path) != "" }

// Options say how Collect finds and names files.
type Options struct {
	// Root names documents that have no id or URL by their paths relative
	// to it, however they were given (so one file gets one id whether its
	// folder or the file itself is named).
	Root string
	// Format reads standard input and the files named on their own in
	// this format instead of by their extensions; "" reads standard input
	// as text. Files found in folders are always read by extension.
	Format Format
}

// ErrUnsupported is the error (wrapped) for a file named on its own whose
// extension kg does not read.
var ErrUnsupported = errors.New("unsupported file type")

// Collect expands paths into files: files as given, folders recursively
// (the files whose extensions kg reads, in path order; hidden folders
// such as .git are not entered), "-" for standard input. A file given
// twice is read once. The files a walk passes over are counted in the
// Skips it returns. A file named on its own with an extension kg does not
// read is an error (wrapping ErrUnsupported) unless opts.Format names its
// format; one without an extension is read as text.
func Collect(paths []string, opts Options) ([]File, Skips, error) {
	var out []File
	var skips Skips
	seen := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			out = append(out, File{Path: "-", Name: "stdin", Format: cmp.Or(opts.Format, Text)})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, skips, fmt.Errorf("input %s: %w", p, err)
		}
		if !st.IsDir() {
			format := opts.Format
			if format == "" {
				format = FormatOf(p)
			}
			if format == "" {
				if ext := filepath.Ext(p); ext != "" {
					return nil, skips, fmt.Errorf("%s: %w %s: kg reads %s; to read it anyway, name its format with --format %s",
						p, ErrUnsupported, strings.ToLower(ext), Extensions(), Formats)
				}
				format = Text
			}
			if !seen[absPath(p)] {
				seen[absPath(p)] = true
				out = append(out, newFile(p, filepath.Base(p), st.Size(), format))
			}
			continue
		}
		var files []File
		root := p
		if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			// a link to a folder, given as an argument, is the folder:
			// WalkDir would take the link itself for the one file found
			root = p + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == p {
					return err
				}
				// a folder that cannot be listed: reported when it is read
				files = append(files, File{Path: path, Name: path, Rel: filepath.ToSlash(path), Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden {
					return fs.SkipDir // .git, .cache: not documents
				}
				return nil
			}
			format := FormatOf(path)
			if format == "" {
				if !hidden { // .DS_Store, .gitattributes: not worth a mention
					skips.unsupported(filepath.Ext(path))
				}
				return nil
			}
			if !d.Type().IsRegular() {
				// a FIFO, socket or device found in a folder would block
				// or never end: only regular files (and links to them)
				// are read from folders; name one on its own to read it
				// (a broken link is read, and reported as unreadable)
				if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
					skips.NotRegular++
					return nil
				}
			}
			if seen[absPath(path)] {
				return nil
			}
			seen[absPath(path)] = true
			rel, err := filepath.Rel(root, path)
			if err != nil {
				rel = filepath.Base(path)
			}
			var size int64
			if info, err := d.Info(); err == nil {
				size = info.Size()
			}
			files = append(files, newFile(path, rel, size, format))
			return nil
		})
		if err != nil {
			return nil, skips, fmt.Errorf("read folder %s: %w", p, err)
		}
		slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
		out = append(out, files...)
	}
	if opts.Root != "" {
		for i, f := range out {
			if f.Path == "-" {
				continue
			}
			if rel, err := relTo(opts.Root, f.Path); err == nil {
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
	return out, skips, nil
}

func newFile(path, rel string, size int64, format Format) File {
	rel = filepath.ToSlash(rel)
	return File{Path: path, Name: stripExt(rel), Rel: rel, Size: size, Format: format}
}

// stripExt drops an extension kg reads: x.txt and x.md name document x.
func stripExt(name string) string {
	if FormatOf(name) != "" {
		return strings.TrimSuffix(name, filepath.Ext(name))
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
