// Package atomicfile writes kg's output files so that a reader sees the old
// file or the whole new one, never a part, and so that kg never destroys
// the thing a path names.
//
//   - A regular file (or a path that does not exist yet) is written to a
//     temporary file beside it, synced, and renamed over it only if the
//     write succeeded and the run was not interrupted. The previous file
//     survives any failure.
//   - A symlink is followed to its target first, so the link stays a link.
//   - Anything else (a character or block device, a FIFO, /dev/stdout) is
//     written in place, never renamed over: renaming a temporary file onto
//     /dev/null or a pipe would replace the device or the pipe with a
//     regular file.
//   - A new file gets the mode 0666 less the umask, as the shell's ">"
//     would give it; an existing file keeps its mode (and, for root, its
//     owner).
//   - Temporary files are named ".NAME.kg-tmp.PID.RANDOM"; a later write
//     into the same folder removes those whose process is gone, so a run
//     killed with SIGKILL leaves nothing behind for long.
//
// Dir does the same for a folder of files (kg export --format csv): the
// folder is filled under a temporary name and then swapped in whole.
//
// Written by hand: github.com/google/renameio covers the rename of a
// regular file, but not writing devices and pipes in place, following
// symlinks, removing stale temporaries after a SIGKILL, nor swapping a
// whole folder, which are the cases this package exists for.
package atomicfile

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// tmpMarker is in the name of every temporary file or folder kg makes:
// ".NAME" + tmpMarker + "PID.RANDOM".
const tmpMarker = ".kg-tmp."

// staleAge is the age past which a temporary file is removed even when a
// process with its pid runs, where the system does not tell when that
// process started (pids are reused).
const staleAge = time.Hour

// maxLinks bounds how many symlinks are followed, as the kernel does.
const maxLinks = 40

// File is an output file being written. Write to it, then Commit to make
// it visible, or Abort to drop it; Abort after Commit does nothing, so
// "defer f.Abort()" is the usual pattern.
type File struct {
	path    string // the path as the user gave it, for messages
	target  string // the file that Commit replaces (symlinks resolved)
	f       *os.File
	w       *bufio.Writer
	tmp     string   // "" when writing in place
	created []string // folders made for the file, removed again on Abort
	err     error    // first write error
	done    bool
	inPlace bool
	stop    func() bool // ends the interrupt watch of an in-place file
	// truncate: a regular file written through a descriptor without
	// O_APPEND ends where the output ends, as the shell's "echo >
	// /dev/fd/3" would leave it, with nothing of the old contents after it.
	truncate bool
	finished bool // flushed and synced
}

// Create starts writing path. A missing parent folder is created. A
// folder is an error; a device, FIFO or other special file is opened for
// writing in place (a FIFO without a reader waits for one, unless ctx
// ends first).
func Create(ctx context.Context, path string) (*File, error) {
	t, created, err := resolveMaking(path)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if t.folderName || (t.info != nil && t.info.IsDir()) {
		removeEmpty(created)
		return nil, fmt.Errorf("write %s: is a folder, want a file", path)
	}
	if t.fd >= 0 || (t.info != nil && !t.info.Mode().IsRegular()) {
		var f *os.File
		truncate := false
		if t.fd >= 0 {
			if err := writableFD(t.fd); err != nil {
				return nil, fmt.Errorf("write %s: %w", path, err)
			}
			f, err = dupFD(t.fd)
			if err == nil {
				fl, ferr := fcntlGetFl(int(f.Fd()))
				st, serr := f.Stat()
				truncate = ferr == nil && serr == nil && st.Mode().IsRegular() && fl&os.O_APPEND == 0
			}
		} else {
			f, err = openInPlace(ctx, t.path)
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		// A write blocked on a pipe nobody reads ends when ctx does (where
		// the file can have a deadline: pipes and devices opened here).
		stop := context.AfterFunc(ctx, func() { _ = f.SetWriteDeadline(time.Now()) })
		return &File{path: path, target: t.path, f: f, w: bufio.NewWriterSize(f, 64<<10), inPlace: true, stop: stop, truncate: truncate}, nil
	}
	dir, _ := splitLast(t.path)
	RemoveStale(dir)
	f, tmp, err := createTemp(t.path, t.info)
	if err != nil {
		removeEmpty(created)
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{path: path, target: t.path, f: f, w: bufio.NewWriterSize(f, 256<<10), tmp: tmp, created: created}, nil
}

// Write writes p; after a failed write every later one fails the same way.
func (f *File) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.done {
		return 0, fmt.Errorf("write %s: file already committed or aborted", f.path)
	}
	n, err := f.w.Write(p)
	if err != nil {
		f.err = f.writeErr(err)
		return n, f.err
	}
	return n, nil
}

// writeErr describes a failed write; a write cut short by the interrupt
// deadline says so.
func (f *File) writeErr(err error) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return fmt.Errorf("write %s: interrupted; the %s got part of the output", f.path, kindOf(f))
	}
	return fmt.Errorf("write %s: %w", f.path, Bare(err))
}

// kindOf names what an in-place file is, for messages.
func kindOf(f *File) string {
	if st, err := f.f.Stat(); err == nil && st.Mode()&fs.ModeNamedPipe != 0 {
		return "pipe"
	}
	return "device"
}

// InPlace reports whether the file is written in place (a device or a
// pipe) rather than through a temporary file.
func (f *File) InPlace() bool { return f.inPlace }

// Finish flushes and syncs the file without making it visible: what can
// fail (a full disk) fails here, so that several files can be finished
// first and then all renamed (see Commit). A failed Finish aborts.
func (f *File) Finish() error {
	if f.done {
		return fmt.Errorf("write %s: file already committed or aborted", f.path)
	}
	if f.finished {
		return nil
	}
	err := f.err
	if err == nil {
		if err = f.w.Flush(); err != nil {
			err = f.writeErr(err)
		}
	}
	if err == nil && f.truncate {
		if pos, serr := f.f.Seek(0, io.SeekCurrent); serr == nil {
			if terr := f.f.Truncate(pos); terr != nil {
				err = fmt.Errorf("write %s: %w", f.path, Bare(terr))
			}
		}
	}
	if err == nil && !f.inPlace {
		if serr := f.f.Sync(); serr != nil {
			err = fmt.Errorf("write %s: %w", f.path, Bare(serr))
		}
	}
	if err != nil {
		f.Abort()
		return err
	}
	f.finished = true
	return nil
}

// Commit finishes the file (Finish) and renames the temporary file over
// the target. If ctx has ended (Ctrl-C), nothing is renamed and the error
// wraps ctx's cause. A special file written in place cannot be taken back:
// Commit flushes it and reports any error.
func (f *File) Commit(ctx context.Context) error {
	if err := f.Finish(); err != nil {
		return err
	}
	if f.inPlace {
		f.done = true
		f.stop()
		if err := f.f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", f.path, Bare(err))
		}
		if ctx.Err() != nil {
			return fmt.Errorf("write %s: interrupted after the whole output went to it: %w", f.path, context.Cause(ctx))
		}
		return nil
	}
	if ctx.Err() != nil {
		f.Abort()
		return fmt.Errorf("write %s: interrupted, the previous file is unchanged: %w", f.path, context.Cause(ctx))
	}
	f.done = true
	if err := f.f.Close(); err != nil {
		os.Remove(f.tmp)
		removeEmpty(f.created)
		return fmt.Errorf("write %s: %w", f.path, Bare(err))
	}
	if err := os.Rename(f.tmp, f.target); err != nil {
		os.Remove(f.tmp)
		removeEmpty(f.created)
		return fmt.Errorf("write %s: %w", f.path, Bare(err))
	}
	syncDir(filepath.Dir(f.target))
	return nil
}

// Abort drops the file: the temporary file is removed and the target is
// left as it was. It does nothing after Commit.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if f.stop != nil {
		f.stop()
	}
	f.f.Close()
	if f.tmp != "" {
		os.Remove(f.tmp)
	}
	removeEmpty(f.created)
}

// WriteFile writes path with fill atomically (see the package comment):
// a failed fill, a write error or an ended ctx leave the previous file as
// it was. Writes fail once ctx ends, so a long fill stops early.
func WriteFile(ctx context.Context, path string, fill func(io.Writer) error) error {
	f, err := Create(ctx, path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fill(ContextWriter(ctx, f)); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("write %s: interrupted, the previous file is unchanged: %w", path, context.Cause(ctx))
		}
		if strings.Contains(err.Error(), path) {
			return err
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit(ctx)
}

// Bare drops the operation and path that an *fs.PathError adds ("write
// /tmp/.x.kg-tmp.1.ab: no space left on device"), for messages that name
// the user's path themselves.
func Bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ContextWriter returns a writer that fails every write once ctx has
// ended, so that a long fill stops early.
func ContextWriter(ctx context.Context, w io.Writer) io.Writer { return &ctxWriter{ctx: ctx, w: w} }

type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// openInPlace opens a special file for writing. The open runs apart from
// the caller so that a FIFO without a reader, which blocks the open, does
// not outlast ctx.
func openInPlace(ctx context.Context, path string) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	ch := make(chan result, 1)
	go func() {
		// O_TRUNC only matters for a regular file reached through /proc
		// (a shell's "> out" as /dev/stdout), where the shell truncated it
		// already; O_APPEND-opened files keep their offset.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		ch <- result{f, err}
	}()
	select {
	case r := <-ch:
		return r.f, r.err
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.f != nil {
				r.f.Close()
			}
		}()
		return nil, context.Cause(ctx)
	}
}

// createTemp makes the temporary file for target beside it. Its mode is
// that of the existing file st, or 0666 less the umask for a new one (the
// kernel applies the umask at creation).
func createTemp(target string, st os.FileInfo) (*os.File, string, error) {
	perm := fs.FileMode(0o666)
	if st != nil {
		// private until chmod below: the contents of a 0600 file must not
		// be readable by others, even for a moment
		perm = 0o600
	}
	for range 100 {
		name := tempName(target)
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		if st != nil {
			// owner first: a chown clears the setuid and setgid bits
			keepOwner(f, st)
			if err := f.Chmod(st.Mode().Perm() | st.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)); err != nil {
				f.Close()
				os.Remove(name)
				return nil, "", err
			}
		}
		return f, name, nil
	}
	return nil, "", fmt.Errorf("cannot create a temporary file beside %s", target)
}

// maxTempBase bounds how much of the target's name the temporary name
// repeats, so that it stays under the 255 bytes a name may have.
const maxTempBase = 200

// tempName is a fresh temporary name beside target.
func tempName(target string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	base := filepath.Base(target)
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return filepath.Join(filepath.Dir(target),
		"."+base+tmpMarker+strconv.Itoa(os.Getpid())+"."+hex.EncodeToString(b[:]))
}

// RemoveStale removes the temporary files and folders that kg runs left
// in dir when they were killed: those whose process no longer runs (or
// whose pid now belongs to a process started after the file was last
// written; where the start is unknown, any older than an hour). Errors are ignored: a stale file that stays is
// harmless, and the write at hand must not fail for it.
func RemoveStale(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, ok := tempPID(e.Name())
		if !ok {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if processRuns(pid, info.ModTime()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.IsDir() && !flatFolder(p) {
			continue // kg's temporary folders hold files only: not one of them
		}
		os.RemoveAll(p)
	}
}

// flatFolder reports whether dir holds no folders.
func flatFolder(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if e.IsDir() {
			return false
		}
	}
	return true
}

// tempPID returns the pid in a temporary file's name, if name is one.
func tempPID(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	i := strings.LastIndex(name, tmpMarker)
	if i < 0 {
		return 0, false
	}
	rest := name[i+len(tmpMarker):]
	pidStr, rnd, ok := strings.Cut(rest, ".")
	if !ok || len(rnd) != 12 {
		return 0, false
	}
	if _, err := hex.DecodeString(rnd); err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(pidStr)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// syncDir makes a rename in dir durable; not every filesystem can sync a
// folder, and the rename has happened either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
