package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir is an output folder being filled: files go into Path, a temporary
// folder beside the target, and Commit swaps it in whole. Abort after
// Commit does nothing.
type Dir struct {
	path   string // as the user gave it
	target string // symlinks resolved
	tmp    string
	exists bool
	done   bool
	// created are the folders above the target made for it, removed
	// again on Abort
	created []string
}

// CreateDir starts an output folder at path. An existing folder is
// replaced whole on Commit, so it may hold only files that own(name)
// accepts (the files an earlier run wrote there): a folder with anything
// else in it is an error naming what is there, and nothing is touched.
func CreateDir(path string, own func(name string) bool) (*Dir, error) {
	p := strings.TrimRight(path, string(filepath.Separator))
	if p == "" {
		p = string(filepath.Separator)
	}
	t, created, err := resolveMaking(p)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if t.folderName { // ".", "..": an existing folder by definition
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		t.path = real
		if t.info, err = os.Lstat(real); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	if t.fd >= 0 {
		return nil, fmt.Errorf("write %s: not a folder", path)
	}
	target, st := t.path, t.info
	if target, err = filepath.Abs(target); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	var mode fs.FileMode = 0o777 // less the umask, by the kernel
	exists := st != nil
	if exists {
		if !st.IsDir() {
			return nil, fmt.Errorf("write %s: not a folder", path)
		}
		if cwd, err := os.Stat("."); err == nil && os.SameFile(st, cwd) {
			// swapping it would leave the shell that runs kg in a deleted
			// folder
			return nil, fmt.Errorf("write %s: is the current folder; give a new or empty folder below it", path)
		}
		ents, err := os.ReadDir(target)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		var foreign []string
		for _, e := range ents {
			if _, tmp := tempPID(e.Name()); !tmp && !own(e.Name()) {
				foreign = append(foreign, e.Name())
			}
		}
		if len(foreign) > 0 {
			sort.Strings(foreign)
			if len(foreign) > 5 {
				foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
			}
			return nil, fmt.Errorf("write %s: the folder holds files kg did not write there (%s); it is replaced whole, so give a new or empty folder",
				path, strings.Join(foreign, ", "))
		}
		mode = 0o700 // until chmod to the old folder's mode below
	}
	parent := filepath.Dir(target)
	RemoveStale(parent)
	var tmp string
	for range 100 {
		tmp = tempName(target)
		err = os.Mkdir(tmp, mode)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		removeEmpty(created)
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if exists {
		if err := os.Chmod(tmp, st.Mode().Perm()); err != nil {
			os.RemoveAll(tmp)
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return &Dir{path: path, target: target, tmp: tmp, exists: exists, created: created}, nil
}

// Path is the temporary folder to write the files into.
func (d *Dir) Path() string { return d.tmp }

// Commit syncs every file in the folder and swaps it in for the target:
// an atomic exchange where the filesystem has one (Linux renameat2), the
// old folder then removed. If ctx has ended, nothing changes.
func (d *Dir) Commit(ctx context.Context) error {
	if d.done {
		return fmt.Errorf("write %s: folder already committed or aborted", d.path)
	}
	if err := syncTree(d.tmp); err != nil {
		d.Abort()
		return fmt.Errorf("write %s: %w", d.path, err)
	}
	if ctx.Err() != nil {
		d.Abort()
		return fmt.Errorf("write %s: interrupted, the previous folder is unchanged: %w", d.path, context.Cause(ctx))
	}
	d.done = true
	if !d.exists {
		if err := os.Rename(d.tmp, d.target); err != nil {
			os.RemoveAll(d.tmp)
			removeEmpty(d.created)
			return fmt.Errorf("write %s: %w", d.path, err)
		}
		syncDir(filepath.Dir(d.target))
		return nil
	}
	err := exchange(d.tmp, d.target)
	if errors.Is(err, errNoExchange) {
		// No exchange on this filesystem: move the old folder aside under
		// a temporary name, then the new one in. A crash between the two
		// leaves the target missing and the old folder under its
		// temporary name (removed by a later run after an hour).
		old := tempName(d.target)
		if err = os.Rename(d.target, old); err == nil {
			if err = os.Rename(d.tmp, d.target); err != nil {
				os.Rename(old, d.target)
			} else {
				d.tmp = old
			}
		}
	}
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("write %s: %w", d.path, err)
	}
	syncDir(filepath.Dir(d.target))
	// d.tmp now holds the old folder
	os.RemoveAll(d.tmp)
	return nil
}

// Abort removes the temporary folder; the target stays as it was.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	os.RemoveAll(d.tmp)
	removeEmpty(d.created)
}

// syncTree syncs every file and folder under dir.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && !e.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		serr := f.Sync()
		if cerr := f.Close(); serr == nil {
			serr = cerr
		}
		if serr != nil && e.IsDir() {
			// some filesystems cannot sync a folder; its entries are what
			// matters, and they were synced one by one
			return nil
		}
		return serr
	})
}

// errNoExchange: the system or filesystem cannot swap two paths at once.
var errNoExchange = errors.New("no atomic exchange")
