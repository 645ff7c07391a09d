//go:build linux

package atomicfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"
)

// write is WriteFile with a fixed content.
func write(path, content string) error {
	return WriteFile(context.Background(), path, func(w io.Writer) error {
		_, err := io.WriteString(w, content)
		return err
	})
}

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// needRoot skips tests that make device nodes or mount filesystems. CI
// runs as root, so there they run.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root (mknod, mount); CI runs as root")
	}
}

func TestModes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		umask    int
		existing fs.FileMode // 0: no file before
		want     fs.FileMode
	}{
		{"new file, umask 022", 0o022, 0, 0o644},
		{"new file, umask 077", 0o077, 0, 0o600},
		{"new file, umask 002", 0o002, 0, 0o664},
		{"existing 0600 stays 0600", 0o022, 0o600, 0o600},
		{"existing 0640 stays 0640", 0o077, 0o640, 0o640},
		{"existing 0755 stays 0755", 0o022, 0o755, 0o755},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := syscall.Umask(tc.umask)
			defer syscall.Umask(old)
			path := filepath.Join(t.TempDir(), "graph.json")
			if tc.existing != 0 {
				if err := os.WriteFile(path, []byte("old"), tc.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, tc.existing); err != nil {
					t.Fatal(err)
				}
			}
			if err := write(path, "new"); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != tc.want {
				t.Errorf("mode %v, want %v", got, tc.want)
			}
			if got := readFile(t, path); got != "new" {
				t.Errorf("content %q, want %q", got, "new")
			}
			if diff := cmp.Diff([]string{"graph.json"}, names(t, filepath.Dir(path))); diff != "" {
				t.Errorf("folder (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSymlinkIsFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "graph.json")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	// a chain of two links, one relative
	mid := filepath.Join(dir, "mid.json")
	if err := os.Symlink(real, mid); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("mid.json", link); err != nil {
		t.Fatal(err)
	}
	if err := write(link, "new"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, mid} {
		st, err := os.Lstat(l)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symlink: %v", l, st.Mode())
		}
	}
	if got := readFile(t, real); got != "new" {
		t.Errorf("target holds %q, want %q", got, "new")
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v, want 0600 kept", st.Mode().Perm())
	}
	if diff := cmp.Diff([]string{"graph.json"}, names(t, filepath.Dir(real))); diff != "" {
		t.Errorf("target folder (-want +got):\n%s", diff)
	}

	// a dangling link creates the file it names
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink("made.json", dangling); err != nil {
		t.Fatal(err)
	}
	if err := write(dangling, "made"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "made.json")); got != "made" {
		t.Errorf("dangling link's target holds %q", got)
	}
	if st, _ := os.Lstat(dangling); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("dangling link replaced by a file")
	}

	// a loop is an error, not a hang
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if err := write(loop, "x"); err == nil || !strings.Contains(err.Error(), "symbolic links") {
		t.Errorf("write through a link loop: %v, want an error about links", err)
	}
}

func TestDeviceWrittenInPlace(t *testing.T) {
	needRoot(t)
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	full := filepath.Join(dir, "full")
	if err := unix.Mknod(null, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Fatalf("mknod: %v", err)
	}
	if err := unix.Mknod(full, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 7))); err != nil {
		t.Fatalf("mknod: %v", err)
	}
	big := strings.Repeat("x", 1<<20)
	if err := write(null, big); err != nil {
		t.Errorf("write to a null device: %v", err)
	}
	err := write(full, big)
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), full) {
		t.Errorf("write to a full device: %v, want ENOSPC naming the path", err)
	}
	for _, p := range []string{null, full} {
		st, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s is no longer a character device: %v", p, st.Mode())
		}
	}
	if diff := cmp.Diff([]string{"full", "null"}, names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
	// a symlink to a device: the device is written, the link stays
	link := filepath.Join(dir, "out.json")
	if err := os.Symlink(null, link); err != nil {
		t.Fatal(err)
	}
	if err := write(link, "x"); err != nil {
		t.Errorf("write through a link to a device: %v", err)
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link to a device replaced")
	}
}

func TestFIFOWithReader(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	want := strings.Repeat("0123456789abcdef", 64<<10) // 1 MiB: more than a pipe holds
	got := make(chan string, 1)
	go func() {
		b, err := os.ReadFile(fifo)
		if err != nil {
			got <- "read error: " + err.Error()
			return
		}
		got <- string(b)
	}()
	if err := write(fifo, want); err != nil {
		t.Fatal(err)
	}
	select {
	case g := <-got:
		if g != want {
			t.Errorf("reader got %d bytes, want %d", len(g), len(want))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reader got nothing in 30s")
	}
	st, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", st.Mode())
	}
	if diff := cmp.Diff([]string{"pipe"}, names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestFIFOWithoutReaderEndsWithContext(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Create(ctx, fifo)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("open of a FIFO nobody reads: %v, want the context's error", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %s", el)
	}
}

func TestClosedPipeIsAnError(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// the reader reads a little and goes away
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			return
		}
		buf := make([]byte, 10)
		io.ReadFull(f, buf)
		f.Close()
	}()
	err := write(fifo, strings.Repeat("x", 4<<20))
	if !errors.Is(err, syscall.EPIPE) {
		t.Errorf("write to a pipe whose reader left: %v, want EPIPE", err)
	}
}

// mountTmpfs mounts a small tmpfs for the test: a real full filesystem.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	needRoot(t)
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v: %s", err, out)
		}
	})
	return dir
}

func TestFullFilesystemKeepsPreviousFile(t *testing.T) {
	dir := mountTmpfs(t, "256k")
	path := filepath.Join(dir, "graph.json")
	if err := write(path, "previous good graph"); err != nil {
		t.Fatal(err)
	}
	err := write(path, strings.Repeat("x", 1<<20))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("write of 1 MiB to a 256 KiB filesystem: %v, want ENOSPC", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if got := readFile(t, path); got != "previous good graph" {
		t.Errorf("previous file now holds %d bytes", len(got))
	}
	if diff := cmp.Diff([]string{"graph.json"}, names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestFailedFillKeepsPreviousFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.json")
	if err := write(path, "previous"); err != nil {
		t.Fatal(err)
	}
	injected := errors.New("injected: disk quota exceeded")
	err := WriteFile(context.Background(), path, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("half a graph ", 100000)); err != nil {
			return err
		}
		return injected
	})
	if !errors.Is(err, injected) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want the injected error naming the file", err)
	}
	if got := readFile(t, path); got != "previous" {
		t.Errorf("previous file now holds %d bytes", len(got))
	}
	if diff := cmp.Diff([]string{"graph.json"}, names(t, filepath.Dir(path))); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestInterruptWritesNothing(t *testing.T) {
	for _, when := range []string{"during the fill", "after the fill"} {
		t.Run(when, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "graph.json")
			if err := write(path, "previous"); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancelCause(context.Background())
			interrupt := errors.New("interrupt signal")
			err := WriteFile(ctx, path, func(w io.Writer) error {
				for i := range 1000 {
					if i == 500 && when == "during the fill" {
						cancel(interrupt)
					}
					if _, err := io.WriteString(w, strings.Repeat("y", 1000)); err != nil {
						return err
					}
				}
				if when == "after the fill" {
					cancel(interrupt)
				}
				return nil
			})
			if !errors.Is(err, interrupt) {
				t.Errorf("got %v, want the interrupt", err)
			}
			if got := readFile(t, path); got != "previous" {
				t.Errorf("previous file now holds %d bytes", len(got))
			}
			if diff := cmp.Diff([]string{"graph.json"}, names(t, filepath.Dir(path))); diff != "" {
				t.Errorf("folder (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFolderIsAnError(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir, "x"); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("write to a folder: %v", err)
	}
}

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	return c.Process.Pid
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	initStart, ok := processStart(1)
	if !ok {
		t.Fatal("no start time for pid 1")
	}
	beforeInit := initStart.Add(-time.Hour)
	old := time.Now().Add(-2 * staleAge)
	files := []struct {
		name  string
		mtime time.Time
		stays bool
	}{
		{fmt.Sprintf(".graph.json.kg-tmp.%d.0123456789ab", dead), time.Now(), false},       // killed run
		{fmt.Sprintf(".export.kg-tmp.%d.0123456789ab", dead), time.Now(), false},           // killed csv export (a folder below)
		{".graph.json.kg-tmp.1.0123456789ab", time.Now(), true},                            // pid 1 runs: maybe a write in progress
		{".graph.json.kg-tmp.1.ba9876543210", beforeInit, false},                           // written before pid 1 started: a reused pid
		{fmt.Sprintf(".graph.json.kg-tmp.%d.0123456789ab", os.Getpid()), time.Now(), true}, // this process's own
		{fmt.Sprintf("graph.json.kg-tmp.%d.0123456789ab", dead), time.Now(), true},         // not hidden: not ours
		{fmt.Sprintf(".graph.json.kg-tmp.%d.0123456789", dead), time.Now(), true},          // random part too short
		{".graph.json.kg-tmp.x.0123456789ab", time.Now(), true},                            // no pid
		{"graph.json", old, true},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		var err error
		if strings.HasPrefix(f.name, ".export") && f.stays {
			err = os.MkdirAll(filepath.Join(p, "deep"), 0o755)
		} else if strings.HasPrefix(f.name, ".export") {
			if err = os.Mkdir(p, 0o755); err == nil {
				err = os.WriteFile(filepath.Join(p, "nodes_Person.csv"), nil, 0o644)
			}
		} else {
			err = os.WriteFile(p, []byte("x"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mtime, f.mtime); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStale(dir)
	var want []string
	for _, f := range files {
		if f.stays {
			want = append(want, f.name)
		}
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, names(t, dir)); diff != "" {
		t.Errorf("after RemoveStale (-want +got):\n%s", diff)
	}
	// a write removes them too
	stale := filepath.Join(dir, fmt.Sprintf(".graph.json.kg-tmp.%d.aaaaaaaaaaaa", dead))
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(filepath.Join(dir, "graph.json"), "new"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a write left the stale %s: %v", stale, err)
	}
}

// fillDir writes files into a Dir's temporary folder.
func fillDir(t *testing.T, d *Dir, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(d.Path(), name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func ownCSV(name string) bool {
	return strings.HasPrefix(name, "nodes_") || strings.HasPrefix(name, "relationships_") || name == "README.txt"
}

// tree reads dir's files.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names(t, dir) {
		out[n] = readFile(t, filepath.Join(dir, n))
	}
	return out
}

func TestDir(t *testing.T) {
	ctx := context.Background()
	parent := t.TempDir()
	out := filepath.Join(parent, "export")
	first := map[string]string{"nodes_Person.csv": "p1", "nodes_Meeting.csv": "m1", "README.txt": "r1"}
	second := map[string]string{"nodes_Person.csv": "p2", "README.txt": "r2"}

	d, err := CreateDir(out, ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	fillDir(t, d, first)
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder exists before Commit: %v", err)
	}
	if err := d.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, tree(t, out)); diff != "" {
		t.Errorf("first export (-want +got):\n%s", diff)
	}
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}

	// replaced whole: the Meeting file of the first export is gone
	d, err = CreateDir(out, ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	fillDir(t, d, second)
	if diff := cmp.Diff(first, tree(t, out)); diff != "" {
		t.Errorf("the folder changed before Commit (-want +got):\n%s", diff)
	}
	if err := d.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(second, tree(t, out)); diff != "" {
		t.Errorf("second export (-want +got):\n%s", diff)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o750 {
		t.Errorf("folder mode %v, want 0750 kept", st.Mode().Perm())
	}
	if diff := cmp.Diff([]string{"export"}, names(t, parent)); diff != "" {
		t.Errorf("parent (-want +got):\n%s", diff)
	}

	// interrupted: nothing changes
	d, err = CreateDir(out, ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	fillDir(t, d, first)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := d.Commit(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after an interrupt: %v", err)
	}
	if diff := cmp.Diff(second, tree(t, out)); diff != "" {
		t.Errorf("after an interrupted export (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"export"}, names(t, parent)); diff != "" {
		t.Errorf("parent (-want +got):\n%s", diff)
	}

	// a folder with someone else's files is not replaced
	if err := os.WriteFile(filepath.Join(out, "notes.md"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateDir(out, ownCSV); err == nil || !strings.Contains(err.Error(), "notes.md") {
		t.Errorf("CreateDir over a folder with notes.md: %v, want an error naming it", err)
	}
	if got := readFile(t, filepath.Join(out, "notes.md")); got != "mine" {
		t.Errorf("notes.md holds %q", got)
	}
	// the current folder, even empty, is not swapped away under the shell
	empty := filepath.Join(parent, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(empty)
	for _, p := range []string{".", empty} {
		if _, err := CreateDir(p, ownCSV); err == nil || !strings.Contains(err.Error(), "current folder") {
			t.Errorf("CreateDir(%q), the current folder: %v", p, err)
		}
	}
	// a relative path
	d, err = CreateDir("sub", ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	fillDir(t, d, first)
	if err := d.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, tree(t, filepath.Join(empty, "sub"))); diff != "" {
		t.Errorf("relative export (-want +got):\n%s", diff)
	}
	// a file where the folder should be
	file := filepath.Join(parent, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := CreateDir(file, ownCSV); err == nil {
		t.Errorf("CreateDir over a file: no error")
	}
}

func TestDirFullFilesystem(t *testing.T) {
	dir := mountTmpfs(t, "256k")
	out := filepath.Join(dir, "export")
	d, err := CreateDir(out, ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	fillDir(t, d, map[string]string{"nodes_Person.csv": "good"})
	if err := d.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	d, err = CreateDir(out, ownCSV)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(d.Path(), "nodes_Person.csv"))
	if err != nil {
		t.Fatal(err)
	}
	_, werr := f.Write(bytes.Repeat([]byte("x"), 1<<20))
	f.Close()
	if !errors.Is(werr, syscall.ENOSPC) {
		t.Fatalf("write of 1 MiB on 256 KiB: %v", werr)
	}
	d.Abort()
	if diff := cmp.Diff(map[string]string{"nodes_Person.csv": "good"}, tree(t, out)); diff != "" {
		t.Errorf("after a full disk (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"export"}, names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

// TestReusedPID: a temporary file whose pid now belongs to a process that
// started after the file was last written is stale.
func TestReusedPID(t *testing.T) {
	if _, ok := processStart(os.Getpid()); !ok {
		t.Fatal("no start time for this process")
	}
	if st, _ := processStart(os.Getpid()); st.After(time.Now()) || time.Since(st) > 24*time.Hour {
		t.Errorf("this process started at %v?", st)
	}
	c := exec.Command("sleep", "60")
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	defer c.Process.Kill()
	dir := t.TempDir()
	written := time.Now().Add(-10 * time.Minute) // before the sleep started
	reused := filepath.Join(dir, fmt.Sprintf(".graph.json.kg-tmp.%d.0123456789ab", c.Process.Pid))
	owned := filepath.Join(dir, fmt.Sprintf(".other.json.kg-tmp.%d.0123456789ab", c.Process.Pid))
	for _, p := range []string{reused, owned} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(reused, written, written); err != nil {
		t.Fatal(err)
	}
	RemoveStale(dir)
	if diff := cmp.Diff([]string{filepath.Base(owned)}, names(t, dir)); diff != "" {
		t.Errorf("after RemoveStale (-want +got):\n%s", diff)
	}
}

func TestLongName(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("가", 80) + ".json" // 245 bytes: a temporary name repeating it whole would be too long
	path := filepath.Join(dir, name)
	if err := write(path, "x"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "x" {
		t.Errorf("got %q", got)
	}
	if diff := cmp.Diff([]string{name}, names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

// TestSymlinkResolvedAsTheKernelDoes: ".." in a link's target applies to
// where the link's folder really is, so a link under a linked folder
// writes the file the kernel would open, not a neighbour of the link's
// name.
func TestSymlinkResolvedAsTheKernelDoes(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"real/sub"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	victim := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(victim, []byte("input"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real/sub", filepath.Join(dir, "dl")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../doc.txt", filepath.Join(dir, "real/sub/out")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dl", "out")
	// what the kernel opens through the link
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	kernel := filepath.Join(dir, "real", "doc.txt")
	if _, err := os.Stat(kernel); err != nil {
		t.Fatalf("the kernel did not open %s: %v", kernel, err)
	}
	if err := write(out, "graph"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, kernel); got != "graph" {
		t.Errorf("%s holds %q, want the graph", kernel, got)
	}
	if got := readFile(t, victim); got != "input" {
		t.Errorf("the link's textual neighbour %s was replaced: %q", victim, got)
	}
	if !Same(out, kernel) || Same(out, victim) {
		t.Errorf("Same(%s): %v with %s, %v with %s", out, Same(out, kernel), kernel, Same(out, victim), victim)
	}
	// a path with .. after a linked folder
	dotdot := filepath.Join(dir, "dl") + "/../made.json"
	if err := write(dotdot, "x"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "real", "made.json")); got != "x" {
		t.Errorf("dl/../made.json did not land in real/: %q", got)
	}
}

// TestDescriptorNames: /dev/fd/N and /proc/self/fd/N write through the
// open descriptor, keeping append mode and the file, even a deleted one;
// another process's descriptors are refused.
func TestDescriptorNames(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	if err := os.WriteFile(log, []byte("KEEP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, _ := os.Stat(log)
	for _, name := range []string{fmt.Sprintf("/dev/fd/%d", f.Fd()), fmt.Sprintf("/proc/self/fd/%d", f.Fd()), fmt.Sprintf("/proc/%d/fd/%d", os.Getpid(), f.Fd())} {
		if err := write(name, name+"\n"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	want := fmt.Sprintf("KEEP\n/dev/fd/%d\n/proc/self/fd/%[1]d\n/proc/%d/fd/%[1]d\n", f.Fd(), os.Getpid())
	if got := readFile(t, log); got != want {
		t.Errorf("log holds %q, want %q", got, want)
	}
	if after, _ := os.Stat(log); !os.SameFile(before, after) {
		t.Error("the log was replaced by a new file")
	}
	// the descriptor stays open and usable
	if _, err := f.WriteString("still open\n"); err != nil {
		t.Errorf("the descriptor was closed: %v", err)
	}
	// a deleted file behind the descriptor: written, nothing created
	os.Remove(log)
	if err := write(fmt.Sprintf("/dev/fd/%d", f.Fd()), "x"); err != nil {
		t.Errorf("deleted file: %v", err)
	}
	if diff := cmp.Diff([]string(nil), names(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
	// another process's descriptor
	if err := write("/proc/1/fd/1", "x"); err == nil || !strings.Contains(err.Error(), "/proc") {
		t.Errorf("another process's descriptor: %v, want an error", err)
	}
}

func TestSetuidKeptWithOtherOwner(t *testing.T) {
	needRoot(t)
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o755|fs.ModeSetuid|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if err := write(path, "new"); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v, want %v", after.Mode(), before.Mode())
	}
	if st := after.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Errorf("owner %d:%d, want 65534:65534", st.Uid, st.Gid)
	}
}

// TestFolderNamesAndLeftovers: a path that names a folder is an error
// with nothing created, and folders made for a write that fails are
// removed again.
func TestFolderNamesAndLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"new/", "new2/..", "new3/.", "a/b/"} {
		if err := write(dir+"/"+p, "x"); err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("%s: %v, want a folder error", p, err)
		}
	}
	err := WriteFile(context.Background(), filepath.Join(dir, "x", "y", "g.json"), func(io.Writer) error { return errors.New("fails") })
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff([]string(nil), names(t, dir)); diff != "" {
		t.Errorf("folders left (-want +got):\n%s", diff)
	}
	// a successful write keeps the folders it made
	if err := write(filepath.Join(dir, "x", "y", "g.json"), "ok"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "x", "y", "g.json")); got != "ok" {
		t.Errorf("got %q", got)
	}
}

// TestBlockedPipeEndsWithContext: a write blocked on a FIFO whose reader
// does not read ends when the context does.
func TestBlockedPipeEndsWithContext(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close() // open, never read
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = WriteFile(ctx, fifo, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Repeat("x", 8<<20))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("blocked write: %v, want interrupted", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("took %s", el)
	}
}

// TestSecondRound: cases from the second adversarial review.
func TestSecondRound(t *testing.T) {
	dir := t.TempDir()
	t.Run("link to a missing folder is kept", func(t *testing.T) {
		link := filepath.Join(dir, "linkdir")
		if err := os.Symlink("nodir", link); err != nil {
			t.Fatal(err)
		}
		if err := write(filepath.Join(link, "x.json"), "x"); err == nil {
			t.Error("no error")
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the link is gone: %v", err)
		}
	})
	t.Run("descriptor on a regular file ends with the output", func(t *testing.T) {
		p := filepath.Join(dir, "rw.json")
		if err := os.WriteFile(p, []byte(strings.Repeat("x", 100000)), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0) // as "3<>rw.json"
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := write(fmt.Sprintf("/dev/fd/%d", f.Fd()), "graph"); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, p); got != "graph" {
			t.Errorf("file holds %d bytes starting %.10q, want just the output", len(got), got)
		}
	})
	t.Run("descriptor checks", func(t *testing.T) {
		d, err := os.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := Check(fmt.Sprintf("/dev/fd/%d", d.Fd())); err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("a folder's descriptor: %v", err)
		}
		r, err := os.Open(filepath.Join(dir, "rw.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if err := Check(fmt.Sprintf("/dev/fd/%d", r.Fd())); err == nil || !strings.Contains(err.Error(), "reading only") {
			t.Errorf("a read-only descriptor: %v", err)
		}
		if err := Check(filepath.Join(dir, "rw.json")); err != nil {
			t.Errorf("a plain file: %v", err)
		}
	})
	t.Run("a descriptor and the path of its file are the same", func(t *testing.T) {
		p := filepath.Join(dir, "rw.json")
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if !Same(fmt.Sprintf("/dev/fd/%d", f.Fd()), p) || !Same(p, fmt.Sprintf("/proc/self/fd/%d", f.Fd())) {
			t.Error("not the same")
		}
		if Same(fmt.Sprintf("/dev/fd/%d", f.Fd()), filepath.Join(dir, "other")) {
			t.Error("the same as another path")
		}
	})
	t.Run("a missing folder above .. is not made", func(t *testing.T) {
		sub := filepath.Join(dir, "dd")
		os.Mkdir(sub, 0o755)
		if err := write(sub+"/newd/../y.json", "y"); err == nil {
			t.Error("no error")
		}
		if diff := cmp.Diff([]string(nil), names(t, sub)); diff != "" {
			t.Errorf("folder (-want +got):\n%s", diff)
		}
	})
	t.Run("messages", func(t *testing.T) {
		loop := filepath.Join(dir, "loop")
		os.Symlink("loop", loop)
		err := write(filepath.Join(loop, "x.json"), "x")
		if err == nil || strings.Contains(err.Error(), "EvalSymlinks") || strings.Count(err.Error(), "x.json") != 1 {
			t.Errorf("through a link loop: %v", err)
		}
		file := filepath.Join(dir, "afile")
		os.WriteFile(file, nil, 0o644)
		err = write(filepath.Join(file, "x.json"), "x")
		if err == nil || strings.Contains(err.Error(), "lstat") || strings.Count(err.Error(), "x.json") != 1 {
			t.Errorf("below a file: %v", err)
		}
	})
}

// TestFinishBeforeRename: Finish fails on a full disk and leaves the
// target as it was, so several files can be finished before any is
// renamed.
func TestFinishBeforeRename(t *testing.T) {
	full := mountTmpfs(t, "64k")
	path := filepath.Join(full, "g.json")
	if err := write(path, "old"); err != nil {
		t.Fatal(err)
	}
	f, err := Create(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(bytes.Repeat([]byte("x"), 200<<10)) // more than fits, mostly still buffered
	if err := f.Finish(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Finish on a full disk: %v", err)
	}
	if got := readFile(t, path); got != "old" {
		t.Errorf("target changed: %d bytes", len(got))
	}
	if diff := cmp.Diff([]string{"g.json"}, names(t, full)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}
