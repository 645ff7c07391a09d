package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/kg-news/kg/internal/atomicfile"
)

// isStdout reports whether path names standard output: "-" or one of the
// names the system gives it. Those are written to the stdout kg was given
// (keeping a shell's ">>" and pipes as they are), never opened by name.
func isStdout(path string) bool {
	switch filepath.Clean(path) {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return path != ""
	}
	return false
}

// writeOutput writes one output file with fill: to standard output for
// "-" and its aliases, else through atomicfile (a regular file replaced
// only once complete; a device or pipe written in place; symlinks
// followed). Errors name the path.
func writeOutput(ctx context.Context, a *app, path string, fill func(io.Writer) error) error {
	if isStdout(path) {
		if err := fill(a.stdout); err != nil {
			return fmt.Errorf("write standard output: %w", atomicfile.Bare(err))
		}
		return nil
	}
	return atomicfile.WriteFile(ctx, path, fill)
}

// stickyWriter remembers the first error of the writer it wraps: output
// printed with fmt.Fprint, whose errors are not looked at, still makes kg
// exit non-zero when standard output is a full disk or a closed pipe.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}
