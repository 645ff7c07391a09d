package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/kg-news/kg/internal/atomicfile"
)

// isStdout reports whether path names standard output: "-" or one of the
// names the system gives it. Those are written to the stdout kg was given
// (keeping a shell's ">>" and pipes as they are), never opened by name.
func isStdout(path string) bool {
	switch filepath.Clean(path) {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}

// writeOutput writes one output file with fill: to standard output for
// "-" and its aliases, else through atomicfile (a regular file replaced
// only once complete; a device or pipe written in place; symlinks
// followed). Errors name the path.
func writeOutput(ctx context.Context, a *app, path string, fill func(io.Writer) error) error {
	if isStdout(path) {
		return writeStdout(ctx, a, fill)
	}
	return atomicfile.WriteFile(ctx, path, fill)
}

// writeStdout streams fill to standard output. What went out cannot be
// taken back, but an interrupt stops the stream and is reported, also when
// a write is blocked on a pipe nobody reads: standard output is usually a
// blocking descriptor that no deadline can wake, so the write is left
// behind (kg exits right after) once it has had a moment to end by itself.
func writeStdout(ctx context.Context, a *app, fill func(io.Writer) error) error {
	err := abandonable(ctx, func() error { return fill(atomicfile.ContextWriter(ctx, a.stdout)) })
	if ctx.Err() != nil {
		return fmt.Errorf("write standard output: interrupted: %w", context.Cause(ctx))
	}
	if err != nil {
		return fmt.Errorf("write standard output: %w", atomicfile.Bare(err))
	}
	return nil
}

// abandonable runs fn, a write, and returns its error; once ctx ends it
// waits only a moment for fn to notice, then returns ctx's error and
// leaves fn behind: a write blocked on a pipe through a blocking
// descriptor (standard output, /dev/fd/N) cannot be woken, and kg exits
// right after.
func abandonable(ctx context.Context, fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		select {
		case err := <-done:
			return err
		case <-time.After(200 * time.Millisecond):
			return context.Cause(ctx)
		}
	}
}

// outputSet holds the files a run writes (the graph, profiles), each in
// its temporary file until commit renames them all into place together:
// an interrupt before then leaves every previous file as it was, and one
// after it does not undo the run.
type outputSet struct {
	files []*atomicfile.File
}

// create starts one output file.
func (o *outputSet) create(ctx context.Context, path string) (*atomicfile.File, error) {
	f, err := atomicfile.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	o.files = append(o.files, f)
	return f, nil
}

// commit renames every file into place, unless ctx has ended. Every file
// is flushed and synced first, so that a full disk under any of them
// leaves all of them as they were.
func (o *outputSet) commit(ctx context.Context) error {
	for _, f := range o.files {
		if err := f.Finish(); err != nil {
			o.abort()
			return err
		}
	}
	if ctx.Err() != nil {
		o.abort()
		return fmt.Errorf("interrupted, nothing written: %w", context.Cause(ctx))
	}
	for i, f := range o.files {
		// from here on the run is done: a late interrupt changes nothing
		if err := f.Commit(context.WithoutCancel(ctx)); err != nil {
			for _, g := range o.files[i+1:] {
				g.Abort()
			}
			return err
		}
	}
	return nil
}

// abort drops the files not yet committed.
func (o *outputSet) abort() {
	for _, f := range o.files {
		f.Abort()
	}
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
