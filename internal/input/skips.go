package input

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Skips counts the files a run found but took no document from, by
// reason: a folder walk passes over the types kg does not read, and a
// file that cannot be read, or holds no record (a CSV of a header alone,
// an empty JSON Lines file), gives no document.
type Skips struct {
	Unsupported map[string]int // files by extension ("" for none)
	Empty       int            // files that held no document
	Unreadable  int            // files that could not be opened or read
	NotRegular  int            // FIFOs, sockets, devices found in folders
}

func (s *Skips) unsupported(ext string) {
	if s.Unsupported == nil {
		s.Unsupported = map[string]int{}
	}
	s.Unsupported[strings.ToLower(ext)]++
}

// Total is the number of files skipped.
func (s Skips) Total() int {
	n := s.Empty + s.Unreadable + s.NotRegular
	for _, c := range s.Unsupported {
		n += c
	}
	return n
}

type extCount struct {
	ext string
	n   int
}

// exts are the unsupported extensions, the most frequent first.
func (s Skips) exts() []extCount {
	var out []extCount
	for e, n := range s.Unsupported {
		if e == "" {
			e = "no extension"
		}
		out = append(out, extCount{e, n})
	}
	slices.SortFunc(out, func(a, b extCount) int {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.ext, b.ext))
	})
	return out
}

// Summary is the summary line's account of the skipped files, such as
// "skipped 3 files: 2 unsupported type (.pdf, .docx), 1 empty"; "" when
// none was skipped.
func (s Skips) Summary() string {
	total := s.Total()
	if total == 0 {
		return ""
	}
	var parts []string
	if ex := s.exts(); len(ex) > 0 {
		n := 0
		var names []string
		for _, e := range ex {
			n += e.n
			names = append(names, e.ext)
		}
		parts = append(parts, fmt.Sprintf("%d unsupported type (%s)", n, strings.Join(names, ", ")))
	}
	if s.Unreadable > 0 {
		parts = append(parts, fmt.Sprintf("%d unreadable", s.Unreadable))
	}
	if s.Empty > 0 {
		parts = append(parts, fmt.Sprintf("%d empty", s.Empty))
	}
	if s.NotRegular > 0 {
		parts = append(parts, fmt.Sprintf("%d not a regular file (a FIFO, socket or device; name it on its own to read it)", s.NotRegular))
	}
	return fmt.Sprintf("skipped %s: %s", files(total), strings.Join(parts, ", "))
}

// NoDocuments is the error of a run that found no document in paths:
// what it found instead, and what kg reads, such as "no documents in
// docs/: 4 files, all skipped (3 .pdf, 1 empty); kg reads .txt .md ...".
func (s Skips) NoDocuments(paths []string) error {
	where := make([]string, len(paths))
	for i, p := range paths {
		where[i] = p
		if p == "-" {
			where[i] = "standard input"
		}
	}
	found := "no files"
	if total := s.Total(); total > 0 {
		var parts []string
		for _, e := range s.exts() {
			parts = append(parts, fmt.Sprintf("%d %s", e.n, e.ext))
		}
		if s.Unreadable > 0 {
			parts = append(parts, fmt.Sprintf("%d unreadable", s.Unreadable))
		}
		if s.Empty > 0 {
			parts = append(parts, fmt.Sprintf("%d empty", s.Empty))
		}
		if s.NotRegular > 0 {
			parts = append(parts, fmt.Sprintf("%d not a regular file", s.NotRegular))
		}
		all := "all skipped"
		if total == 1 {
			all = "skipped"
		}
		found = fmt.Sprintf("%s, %s (%s)", files(total), all, strings.Join(parts, ", "))
	}
	return fmt.Errorf("no documents in %s: %s; kg reads %s", strings.Join(where, ", "), found, Extensions())
}

// files is "1 file", "2 files".
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
