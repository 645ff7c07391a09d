package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// target is what an output path names, symlinks followed the way the
// kernel follows them.
type target struct {
	path string      // the file to write: its folder free of symlinks, or a path whose folder is missing
	info os.FileInfo // Lstat of path; nil if it does not exist
	// missingDir is set when a folder on the way does not exist yet
	// (it is created, and the path resolved again).
	missingDir string
	// fd >= 0: the path names one of this process's open files
	// (/dev/stdout, /dev/fd/3, /proc/self/fd/1): written through that
	// descriptor, which keeps a shell's ">>" and the file's offset.
	fd int
	// folderName: the path ends in "/", "." or "..": it names a folder.
	folderName bool
}

// ownFD matches the names of this process's open files.
var ownFD = regexp.MustCompile(`^/(?:dev/fd|proc/(?:self|thread-self|[0-9]+)/fd)/([0-9]+)$`)

// fdOf returns the descriptor that p names, if p names one of this
// process's open files.
func fdOf(p string) (int, bool) {
	switch p {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	m := ownFD.FindStringSubmatch(p)
	if m == nil {
		return 0, false
	}
	if pid, _, _ := strings.Cut(strings.TrimPrefix(p, "/proc/"), "/"); strings.HasPrefix(p, "/proc/") &&
		pid != "self" && pid != "thread-self" && pid != strconv.Itoa(os.Getpid()) {
		return 0, false
	}
	fd, err := strconv.Atoi(m[1])
	return fd, err == nil
}

// underProc reports whether p is in /proc or /dev/fd, where names are
// handles to open files or kernel state, not files to replace.
func underProc(p string) bool {
	return p == "/proc" || strings.HasPrefix(p, "/proc/") || p == "/dev/fd" || strings.HasPrefix(p, "/dev/fd/")
}

// splitLast splits p at its last separator without cleaning it: cleaning
// "link/../x" to "x" would skip the link, where the kernel follows it
// first and then goes up from its target.
func splitLast(p string) (dir, base string) {
	i := strings.LastIndexByte(p, filepath.Separator)
	if i < 0 {
		return ".", p
	}
	if i == 0 {
		return string(filepath.Separator), p[1:]
	}
	return p[:i], p[i+1:]
}

// resolve finds what path names. Symlinks are followed as the kernel
// does: the folder part is resolved first (filepath.EvalSymlinks applies
// ".." to what a link points at, not to the link's name), then the last
// element; a relative link target is taken from the real folder of the
// link. A dangling link resolves to the missing file it names.
func resolve(path string) (target, error) {
	if path == "" {
		return target{}, errors.New("empty path")
	}
	p := path
	for range maxLinks {
		if fd, ok := fdOf(filepath.Clean(p)); ok {
			return target{path: p, fd: fd}, nil
		}
		if underProc(filepath.Clean(p)) {
			return target{}, fmt.Errorf("%s is not a file to write (an open file of another process or kernel state under /proc)", p)
		}
		dir, base := splitLast(p)
		if base == "" || base == "." || base == ".." {
			return target{path: p, fd: -1, folderName: true}, nil
		}
		rdir, err := filepath.EvalSymlinks(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return target{path: p, fd: -1, missingDir: dir}, nil
		}
		if err != nil {
			if strings.Contains(err.Error(), "too many links") {
				// filepath's own words for ELOOP
				return target{}, fmt.Errorf("%s: too many levels of symbolic links", dir)
			}
			return target{}, fmt.Errorf("%s: %w", dir, Bare(err))
		}
		full := filepath.Join(rdir, base)
		st, err := os.Lstat(full)
		if errors.Is(err, fs.ErrNotExist) {
			return target{path: full, fd: -1}, nil
		}
		if err != nil {
			return target{}, Bare(err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return target{path: full, info: st, fd: -1}, nil
		}
		link, err := os.Readlink(full)
		if err != nil {
			return target{}, Bare(err)
		}
		if filepath.IsAbs(link) {
			p = link
		} else {
			p = rdir + string(filepath.Separator) + link
		}
	}
	return target{}, errors.New("too many levels of symbolic links")
}

// Same reports whether paths a and b name the same file once symlinks are
// followed: the same existing file, or the same path to be created.
// Standard output's names count as one file.
func Same(a, b string) bool {
	ta, erra := resolve(a)
	tb, errb := resolve(b)
	if erra != nil || errb != nil {
		return false
	}
	if ta.fd >= 0 && tb.fd >= 0 && ta.fd == tb.fd {
		return true
	}
	ia, ib := infoOf(ta), infoOf(tb)
	if ia != nil && ib != nil {
		return os.SameFile(ia, ib)
	}
	if ia != nil || ib != nil || ta.fd >= 0 || tb.fd >= 0 {
		return false
	}
	pa, _ := filepath.Abs(ta.path)
	pb, _ := filepath.Abs(tb.path)
	return pa == pb
}

// infoOf is the Stat of what t names: the file behind a descriptor, or
// the existing file; nil when there is none.
func infoOf(t target) os.FileInfo {
	if t.fd >= 0 {
		st, err := os.Stat(fmt.Sprintf("/dev/fd/%d", t.fd))
		if err != nil {
			return nil
		}
		return st
	}
	return t.info
}

// Check reports, without creating or opening anything, why path cannot
// be an output file: it names a folder, an open descriptor that is a
// folder or not open for writing, or something under /proc. A folder that
// does not exist yet is no problem.
func Check(path string) error {
	t, err := resolve(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if t.folderName || (t.info != nil && t.info.IsDir()) {
		return fmt.Errorf("write %s: is a folder, want a file", path)
	}
	if t.fd >= 0 {
		if err := writableFD(t.fd); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if t.missingDir != "" && hasDotDot(t.missingDir) {
		return fmt.Errorf("write %s: folder %s does not exist", path, t.missingDir)
	}
	return nil
}

// hasDotDot reports whether p has a ".." element: a missing folder above
// one cannot be created sensibly (the kernel would say it does not exist).
func hasDotDot(p string) bool {
	for _, e := range strings.Split(p, string(filepath.Separator)) {
		if e == ".." {
			return true
		}
	}
	return false
}

// SameAsOpen reports whether path names the file f has open (an input
// read from standard input, say).
func SameAsOpen(path string, f *os.File) bool {
	t, err := resolve(path)
	if err != nil {
		return false
	}
	fst, err := f.Stat()
	if err != nil {
		return false
	}
	if t.fd >= 0 {
		st, err := os.Stat(fmt.Sprintf("/dev/fd/%d", t.fd))
		return err == nil && os.SameFile(st, fst)
	}
	if t.info == nil {
		return false
	}
	return fst.Mode().IsRegular() && os.SameFile(t.info, fst)
}

// resolveMaking is resolve, with the missing folders on the way made
// first (and returned, deepest first, for a failed write to remove).
func resolveMaking(path string) (target, []string, error) {
	t, err := resolve(path)
	if err != nil || t.missingDir == "" {
		return t, nil, err
	}
	created, err := mkdirs(t.missingDir)
	if err != nil {
		return target{}, nil, err
	}
	if t, err = resolve(path); err != nil || t.missingDir != "" {
		removeEmpty(created)
		if err == nil {
			err = fmt.Errorf("folder %s not found after creating it", t.missingDir)
		}
		return target{}, nil, err
	}
	return t, created, nil
}

// mkdirs creates dir and the folders above it that are missing, and
// returns those it created, deepest first, so that a failed write can
// remove them again.
func mkdirs(dir string) ([]string, error) {
	if hasDotDot(dir) {
		return nil, fmt.Errorf("folder %s does not exist", dir)
	}
	var missing []string
	for d := dir; ; {
		// Lstat: a symlink to a missing folder is there, and is no folder
		// of kg's to remove again
		if _, err := os.Lstat(d); err == nil {
			break
		}
		if _, base := splitLast(d); base != "." && base != "" {
			missing = append(missing, d)
		}
		parent, _ := splitLast(d)
		if parent == d || parent == "." || parent == string(filepath.Separator) {
			break
		}
		d = parent
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		removeEmpty(missing)
		if errors.Is(err, fs.ErrExist) || errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("folder %s does not exist and cannot be made (a link to a missing folder?)", dir)
		}
		return nil, Bare(err)
	}
	return missing, nil
}

// removeEmpty removes the folders dirs (deepest first) that are empty.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		os.Remove(d) // fails, as it should, on a folder with anything in it
	}
}
