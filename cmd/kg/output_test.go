//go:build linux

package main

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
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/internal/corpus"
	"golang.org/x/sys/unix"
)

// Output safety, end to end: kg never destroys the file a path names,
// never leaves half a file, and Ctrl-C or SIGKILL leave the previous file
// as it was.

// tempFiles lists kg's temporary files and folders in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	ms, err := filepath.Glob(filepath.Join(dir, ".*.kg-tmp.*"))
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// lsDir lists dir's entries.
func lsDir(t *testing.T, dir string) []string {
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

// rootOnly skips what needs root (mknod, mount); CI runs as root.
func rootOnly(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root for mknod or mount; CI runs as root")
	}
}

// smallTmpfs mounts a tmpfs of size for the test: a real full disk.
func smallTmpfs(t *testing.T, size string) string {
	t.Helper()
	rootOnly(t)
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

func TestBuildOutputSpecialFiles(t *testing.T) {
	t.Run("device", func(t *testing.T) {
		rootOnly(t)
		dir := t.TempDir()
		null, full := filepath.Join(dir, "null"), filepath.Join(dir, "full")
		if err := unix.Mknod(null, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
			t.Fatal(err)
		}
		if err := unix.Mknod(full, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 7))); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runKG(t, "build", "-q", "--out", null, seedDoc); code != exitOK {
			t.Errorf("--out a null device: exit %d: %s", code, errs)
		}
		code, _, errs := runKG(t, "build", "-q", "--out", full, seedDoc)
		if code != exitRuntime || !strings.Contains(errs, "write "+full) || !strings.Contains(errs, "no space left") {
			t.Errorf("--out a full device: exit %d, %q; want 1 and no space left, naming it", code, errs)
		}
		for _, p := range []string{null, full} {
			if st, err := os.Lstat(p); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
				t.Errorf("%s is no longer a device: %v %v", p, st.Mode(), err)
			}
		}
		if diff := cmp.Diff([]string{"full", "null"}, lsDir(t, dir)); diff != "" {
			t.Errorf("folder (-want +got):\n%s", diff)
		}
	})
	t.Run("fifo with a reader", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "graph.pipe")
		if err := unix.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan []byte, 1)
		go func() {
			b, _ := os.ReadFile(fifo)
			got <- b
		}()
		if code, _, errs := runKG(t, "build", "-q", "--out", fifo, seedDoc); code != exitOK {
			t.Fatalf("--out a FIFO: exit %d: %s", code, errs)
		}
		var b []byte
		select {
		case b = <-got:
		case <-time.After(time.Minute):
			t.Fatal("the reader got nothing")
		}
		g := decodeGraph(t, b)
		if !hasMet(g, "person:chung-shin-a", "person:sam-altman") {
			t.Errorf("the reader got a graph without the seed's meeting (%d bytes)", len(b))
		}
		if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v", st.Mode())
		}
		if diff := cmp.Diff([]string{"graph.pipe"}, lsDir(t, dir)); diff != "" {
			t.Errorf("folder (-want +got):\n%s", diff)
		}
	})
	t.Run("symlink", func(t *testing.T) {
		dir := t.TempDir()
		real := writeFile(t, dir, "real.json", []byte("old"))
		if err := os.Chmod(real, 0o600); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "graph.json")
		if err := os.Symlink("real.json", link); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runKG(t, "build", "-q", "--out", link, seedDoc); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("the symlink was replaced by a %v", st.Mode())
		}
		b, _ := os.ReadFile(real)
		decodeGraph(t, b)
		if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
			t.Errorf("the target's mode changed to %v", st.Mode().Perm())
		}
	})
	t.Run("standard output by name", func(t *testing.T) {
		for _, name := range []string{"-", "/dev/stdout"} {
			code, out, errs := runKG(t, "build", "-q", "--out", name, seedDoc)
			if code != exitOK {
				t.Fatalf("--out %s: exit %d: %s", name, code, errs)
			}
			decodeGraph(t, []byte(out))
		}
	})
	t.Run("umask", func(t *testing.T) {
		old := syscall.Umask(0o027)
		defer syscall.Umask(old)
		out := filepath.Join(t.TempDir(), "graph.json")
		if code, _, errs := runKG(t, "build", "-q", "--out", out, seedDoc); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if st, _ := os.Stat(out); st.Mode().Perm() != 0o640 {
			t.Errorf("new graph has mode %v, want 0640 under umask 027", st.Mode().Perm())
		}
	})
	t.Run("full disk", func(t *testing.T) {
		dir := smallTmpfs(t, "64k")
		out := writeFile(t, dir, "graph.json", []byte("previous graph"))
		code, _, errs := runKG(t, "build", "-q", "--out", out, seedDoc)
		if code != exitRuntime || !strings.Contains(errs, "no space left") || !strings.Contains(errs, out) {
			t.Errorf("exit %d, %q; want 1 and no space left naming the file", code, errs)
		}
		if b, _ := os.ReadFile(out); string(b) != "previous graph" {
			t.Errorf("the previous graph became %d bytes", len(b))
		}
		if diff := cmp.Diff([]string{"graph.json"}, lsDir(t, dir)); diff != "" {
			t.Errorf("folder (-want +got):\n%s", diff)
		}
	})
}

var (
	kgBinOnce sync.Once
	kgBinPath string
	kgBinErr  error
)

// kgBinary builds kg once for the tests that need a real process (signals).
func kgBinary(t *testing.T) string {
	t.Helper()
	kgBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kg-bin-")
		if err != nil {
			kgBinErr = err
			return
		}
		kgBinPath = filepath.Join(dir, "kg")
		out, err := exec.Command("go", "build", "-o", kgBinPath, ".").CombinedOutput()
		if err != nil {
			kgBinErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if kgBinErr != nil {
		t.Fatal(kgBinErr)
	}
	return kgBinPath
}

func TestStdoutClosedPipe(t *testing.T) {
	c := exec.Command(kgBinary(t), "build", "-q", "--out", "-", seedDoc, seedDoc)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	r, err := c.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// like "| head -c 10"
	buf := make([]byte, 10)
	io.ReadFull(r, buf)
	r.Close()
	err = c.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitRuntime || !strings.Contains(stderr.String(), "broken pipe") {
		t.Errorf("kg build | head: %v, %q; want exit 1 with a broken pipe message", err, stderr.String())
	}
}

// bigCorpus writes a generated corpus whose graph JSON takes a while to
// write, so a signal can reach kg while it writes.
func bigCorpus(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if _, _, err := corpus.Write(dir, 3_000_000, 7); err != nil {
		t.Fatal(err)
	}
	return dir
}

// stopWhileWriting starts c and waits until a temporary file of at least
// minBytes appears in dir, then stops the process (SIGSTOP) so that the
// caller can send a signal while kg is certainly in the middle of its
// write. It returns the process's exit channel.
func stopWhileWriting(t *testing.T, c *exec.Cmd, dir string, minBytes int64) <-chan error {
	t.Helper()
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("kg ended (%v) before a temporary file of %d bytes was seen; the test needs a bigger output", err, minBytes)
		default:
		}
		for _, m := range tempFiles(t, dir) {
			if st, err := os.Stat(m); err == nil && st.Size() >= minBytes {
				c.Process.Signal(syscall.SIGSTOP)
				if _, err := os.Stat(m); err != nil {
					c.Process.Signal(syscall.SIGCONT)
					continue // renamed just now: too late, look again
				}
				t.Logf("stopped kg while it wrote %s (%d bytes so far)", filepath.Base(m), st.Size())
				return done
			}
		}
		time.Sleep(time.Millisecond)
	}
	c.Process.Kill()
	t.Fatal("no temporary file in 3 minutes")
	return nil
}

func TestBuildSignals(t *testing.T) {
	bin := kgBinary(t)
	docs := bigCorpus(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := writeFile(t, dir, "graph.json", []byte("previous graph"))
			signalWhileWriting(t, exec.Command(bin, "build", "-q", "--out", out, docs), sig, out, 1<<20)
			if sig == syscall.SIGKILL {
				if code, _, errs := runKG(t, "build", "-q", "--out", out, seedDoc); code != exitOK {
					t.Fatalf("next run: exit %d: %s", code, errs)
				}
				if diff := cmp.Diff([]string{"graph.json", "graph.units.jsonl.gz"}, lsDir(t, dir)); diff != "" {
					t.Errorf("after the next run (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// signalWhileWriting runs c, sends sig while c writes out (at least
// minBytes of its temporary file written), and checks what must hold
// after: out keeps its previous content; after SIGINT kg exits 130 saying
// interrupted and leaves no temporary file; after SIGKILL, which cannot be
// caught, exactly the temporary file kg was writing is left (for the next
// run to remove).
func signalWhileWriting(t *testing.T, c *exec.Cmd, sig syscall.Signal, out string, minBytes int64) {
	t.Helper()
	dir := filepath.Dir(out)
	prev, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	c.Stderr = &stderr
	done := stopWhileWriting(t, c, dir, minBytes)
	c.Process.Signal(sig)
	c.Process.Signal(syscall.SIGCONT)
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		c.Process.Kill()
		t.Fatalf("kg did not end within a minute of %v", sig)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, prev) {
		t.Errorf("after %v the previous file became %d bytes", sig, len(b))
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("kg after %v: %v, want a failed exit", sig, err)
	}
	tmp := tempFiles(t, dir)
	if sig == syscall.SIGINT {
		if ee.ExitCode() != exitInterrupted || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("after SIGINT: exit %d, %q; want %d and interrupted", ee.ExitCode(), stderr.String(), exitInterrupted)
		}
		if len(tmp) > 0 {
			t.Errorf("after SIGINT temporary files are left: %v", tmp)
		}
	} else if len(tmp) != 1 {
		t.Errorf("after %v: temporary files %v, want the one kg was writing", sig, tmp)
	}
}

// TestExportOutputSafety: kg export to a full disk, a device, a FIFO and a
// folder with other files; interrupted at several moments.
func TestExportOutputSafety(t *testing.T) {
	prefix := neo4jTest(t)
	// 200 KB of evidence: more than the small disk below holds
	g := meetingGraph(prefix, "seoul", "Sam Altman", "정신아", "OpenAI", "2025-02-04", "Seoul", strings.Repeat("Altman met Chung. ", 12000))
	if code, _, errs := runKG(t, "load", writeGraphJSON(t, g)); code != exitOK {
		t.Fatalf("load: %s", errs)
	}
	t.Run("full disk", func(t *testing.T) {
		dir := smallTmpfs(t, "64k")
		for _, format := range []string{"json", "cypher"} {
			out := writeFile(t, dir, "export."+format, []byte("previous export"))
			code, _, errs := runKG(t, "export", "--format", format, "--out", out)
			if code != exitRuntime || !strings.Contains(errs, "no space left") {
				t.Errorf("%s: exit %d, %q; want 1 and no space left", format, code, errs)
			}
			if b, _ := os.ReadFile(out); string(b) != "previous export" {
				t.Errorf("%s: the previous export became %d bytes", format, len(b))
			}
		}
		csvDir := filepath.Join(dir, "csv")
		writeFile(t, csvDir, "nodes_Person.csv", []byte("previous"))
		code, _, errs := runKG(t, "export", "--format", "csv", "--out", csvDir)
		if code != exitRuntime || !strings.Contains(errs, "no space left") {
			t.Errorf("csv: exit %d, %q; want 1 and no space left", code, errs)
		}
		if diff := cmp.Diff([]string{"nodes_Person.csv"}, lsDir(t, csvDir)); diff != "" {
			t.Errorf("csv folder after a full disk (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"csv", "export.cypher", "export.json"}, lsDir(t, dir)); diff != "" {
			t.Errorf("disk after the failed exports (-want +got):\n%s", diff)
		}
	})
	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "export.pipe")
		if err := unix.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan []byte, 1)
		go func() {
			b, _ := os.ReadFile(fifo)
			got <- b
		}()
		if code, _, errs := runKG(t, "export", "--format", "json", "--out", fifo); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if b := <-got; !bytes.Contains(b, []byte(prefix)) {
			t.Errorf("the reader got %d bytes without this test's nodes", len(b))
		}
		if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v", st.Mode())
		}
	})
	t.Run("csv folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "import")
		stale := writeFile(t, dir, "nodes_Stale.csv", []byte("from an older export"))
		if code, _, errs := runKG(t, "export", "--format", "csv", "--out", dir); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the older export's file survived the new export: %v", err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "nodes_Person.csv")); err != nil || !bytes.Contains(b, []byte(prefix)) {
			t.Errorf("nodes_Person.csv lacks this test's nodes: %v", err)
		}
		mine := writeFile(t, dir, "notes.md", []byte("mine"))
		code, _, errs := runKG(t, "export", "--format", "csv", "--out", dir)
		if code == exitOK || !strings.Contains(errs, "notes.md") {
			t.Errorf("export into a folder with notes.md: exit %d, %q; want an error naming it", code, errs)
		}
		if b, _ := os.ReadFile(mine); string(b) != "mine" {
			t.Errorf("notes.md became %q", b)
		}
	})
	t.Run("interrupted", func(t *testing.T) {
		// Interrupts at several moments (connecting, reading, writing):
		// every run leaves either the previous file or a whole new one,
		// never a part, and says interrupted when it did not finish.
		dir := t.TempDir()
		out := writeFile(t, dir, "export.json", []byte("previous export"))
		interrupted := 0
		for _, after := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
			ctx, cancel := context.WithTimeout(context.Background(), after)
			var stdout, stderr bytes.Buffer
			code := run(ctx, []string{"export", "--format", "json", "--out", out}, nil, &stdout, &stderr)
			cancel()
			b, _ := os.ReadFile(out)
			switch code {
			case exitOK:
				if _, err := graph.Decode(bytes.NewReader(b)); err != nil {
					t.Errorf("after %s: exit 0 but the file is no graph: %v", after, err)
				}
			case exitInterrupted:
				interrupted++
				if _, err := graph.Decode(bytes.NewReader(b)); string(b) != "previous export" && err != nil {
					t.Errorf("after %s: interrupted, and the file is neither the previous one nor a graph (%d bytes)", after, len(b))
				}
			default:
				t.Errorf("after %s: exit %d: %s", after, code, stderr.String())
			}
			if tmp := tempFiles(t, dir); len(tmp) > 0 {
				t.Errorf("after %s: temporary files left: %v", after, tmp)
			}
		}
		if interrupted == 0 {
			t.Error("no run was interrupted: the test tested nothing")
		}
	})
}

// TestExportSignals: SIGINT and SIGKILL while kg export writes a large
// export: the previous file survives; SIGINT exits 130 with nothing left
// behind; after SIGKILL the next export removes the temporary file.
func TestExportSignals(t *testing.T) {
	prefix := neo4jTest(t)
	bin := kgBinary(t)
	// 40 nodes with 1 MB of evidence each: an export of about 40 MB takes
	// long enough to write that the test can stop kg in the middle of it.
	g := &graph.Graph{}
	big := strings.Repeat("Altman met Chung in Seoul. 알트먼은 서울에서 정신아 대표를 만났다. ", 12000)
	for i := range 40 {
		g.Nodes = append(g.Nodes, graph.Node{ID: fmt.Sprintf("%sdoc:big%02d", prefix, i), Labels: []string{graph.Document},
			Properties: map[string]any{"name": fmt.Sprintf("big%02d", i), "text": big}})
	}
	if code, _, errs := runKG(t, "load", writeGraphJSON(t, g)); code != exitOK {
		t.Fatalf("load: %s", errs)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := writeFile(t, dir, "export.json", []byte("previous export"))
			c := exec.Command(bin, "export", "--format", "json", "--out", out)
			c.Dir = dir
			signalWhileWriting(t, c, sig, out, 4<<20)
			if sig == syscall.SIGKILL {
				if code, _, errs := runKG(t, "export", "--format", "json", "--out", out); code != exitOK {
					t.Fatalf("next export: exit %d: %s", code, errs)
				}
				if diff := cmp.Diff([]string{"export.json"}, lsDir(t, dir)); diff != "" {
					t.Errorf("after the next export (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// failingWriter fails every write, as standard output on a full disk does.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestStdoutWriteErrors: a write error on standard output is an exit 1
// with a message, whether the command looks at its write errors (the
// graph written with --out -) or prints with fmt (kg rules check).
func TestStdoutWriteErrors(t *testing.T) {
	for _, args := range [][]string{
		{"build", "-q", "--out", "-", seedDoc},
		{"build", "-q", "--out", "/dev/stdout", seedDoc},
		{"rules", "check"},
	} {
		var stderr bytes.Buffer
		code := run(context.Background(), args, nil, failingWriter{syscall.ENOSPC}, &stderr)
		if code != exitRuntime || !strings.Contains(stderr.String(), "write standard output: no space left on device") {
			t.Errorf("kg %s with a full stdout: exit %d, %q; want 1 and the error", strings.Join(args, " "), code, stderr.String())
		}
	}
}

// TestOutputsApart: no output may replace an input (given as a file, in
// a folder, through a link, or on standard input) or another output,
// whichever flag names it.
func TestOutputsApart(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	doc := writeFile(t, dir, "news/in.txt", seed)
	out := filepath.Join(dir, "g.json")
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(doc, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"build", "-q", "--out", doc, doc},
		{"build", "-q", "--out", doc, filepath.Dir(doc)},
		{"build", "-q", "--out", link, filepath.Dir(doc)},
		{"build", "-q", "--out", out, "--cpuprofile", doc, doc},
		{"build", "-q", "--out", out, "--memprofile", doc, doc},
		{"build", "-q", "--out", out, "--cpuprofile", out, doc},
		{"build", "-q", "--out", out, "--memprofile", filepath.Join(dir, ".", "g.json"), doc},
		{"build", "-q", "--cpuprofile", filepath.Join(dir, "p"), "--memprofile", filepath.Join(dir, "p"), doc},
	} {
		code, _, errs := runKG(t, args...)
		if code != exitUsage {
			t.Errorf("kg %s: exit %d, %q; want 2", strings.Join(args, " "), code, errs)
		}
		if b, _ := os.ReadFile(doc); !bytes.Equal(b, seed) {
			t.Fatalf("kg %s changed the input", strings.Join(args, " "))
		}
	}
	if diff := cmp.Diff([]string{"link.json", "news"}, lsDir(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
	// standard input read from the output file
	c := exec.Command(kgBinary(t), "build", "-q", "--out", doc, "-")
	in, err := os.Open(doc)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	c.Stdin = in
	var stderr bytes.Buffer
	c.Stderr = &stderr
	err = c.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitUsage || !strings.Contains(stderr.String(), "also an input") {
		t.Errorf("kg build --out F - < F: %v, %q; want exit 2", err, stderr.String())
	}
	if b, _ := os.ReadFile(doc); !bytes.Equal(b, seed) {
		t.Error("kg build --out F - < F changed F")
	}
}

// TestOutputDescriptor: --out /dev/fd/3 writes through the descriptor the
// shell opened, so ">>" appends instead of replacing the file.
func TestOutputDescriptor(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(log, []byte("KEEP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := exec.Command(kgBinary(t), "build", "-q", "--out", "/dev/fd/3", seedDoc)
	c.ExtraFiles = []*os.File{f} // fd 3, as "3>>log"
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(b, []byte("KEEP\n"))
	if !ok {
		t.Fatalf("the log lost its first line: %.40q", b)
	}
	decodeGraph(t, rest)
}

// TestInterruptStdoutAndPipes: Ctrl-C while the graph streams to a pipe
// nobody reads ends kg with 130 (not 0, and not never); a memory profile
// is not written by an interrupted run.
func TestInterruptStdoutAndPipes(t *testing.T) {
	bin := kgBinary(t)
	docs := bigCorpus(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	prof := writeFile(t, dir, "mem.prof", []byte("previous profile"))
	for _, out := range []string{"-", fifo, "/dev/fd/3"} {
		t.Run(filepath.Base(out), func(t *testing.T) {
			// a reader that opens the pipe and never reads
			r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			c := exec.Command(bin, "build", "-q", "--memprofile", prof, "--out", out, docs)
			switch out {
			case "-":
				c.Stdout = w // stdout is the stuck pipe
			case "/dev/fd/3":
				c.ExtraFiles = []*os.File{w} // as "3>pipe"
			}
			var stderr bytes.Buffer
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			done := make(chan error, 1)
			go func() { done <- c.Wait() }()
			// wait until kg is writing into the pipe (it fills and blocks)
			deadline := time.Now().Add(20 * time.Second)
			for {
				var n int
				if err := ioctlFIONREAD(r, &n); err == nil && n >= 16<<10 {
					break
				}
				if time.Now().After(deadline) {
					c.Process.Signal(syscall.SIGQUIT)
					<-done
					t.Fatalf("kg never filled the pipe (%d bytes in it):\n%s", n, firstLines(stderr.String(), 60))
				}
				select {
				case err := <-done:
					t.Fatalf("kg ended before filling the pipe: %v %s", err, stderr.String())
				case <-time.After(20 * time.Millisecond):
				}
			}
			c.Process.Signal(syscall.SIGINT)
			signaled := time.Now()
			var werr error
			select {
			case werr = <-done:
			case <-time.After(interruptGrace + 20*time.Second):
				c.Process.Kill()
				t.Fatalf("kg still running %s after SIGINT", interruptGrace+20*time.Second)
			}
			// the write is abandoned, not waited out by main's last resort
			if el := time.Since(signaled); el > interruptGrace/2 {
				t.Errorf("kg took %s to stop after SIGINT", el.Round(100*time.Millisecond))
			}
			var ee *exec.ExitError
			if !errors.As(werr, &ee) || ee.ExitCode() != exitInterrupted {
				t.Errorf("after SIGINT: %v, %q; want exit %d", werr, stderr.String(), exitInterrupted)
			}
			if b, _ := os.ReadFile(prof); string(b) != "previous profile" {
				t.Errorf("an interrupted run replaced the memory profile (%d bytes)", len(b))
			}
		})
	}
}

// ioctlFIONREAD reads how many bytes wait in the pipe f.
func ioctlFIONREAD(f *os.File, n *int) error {
	v, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCINQ) // FIONREAD
	*n = v
	return err
}

// TestOutputsSecondRound: cases from the second adversarial review, end
// to end.
func TestOutputsSecondRound(t *testing.T) {
	bin := kgBinary(t)
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a descriptor onto an input", func(t *testing.T) {
		doc := writeFile(t, t.TempDir(), "doc.txt", seed)
		f, err := os.OpenFile(doc, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		c := exec.Command(bin, "build", "-q", doc, "--out", "/dev/fd/3")
		c.ExtraFiles = []*os.File{f}
		out, err := c.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitUsage || !strings.Contains(string(out), "also an input") {
			t.Errorf("--out /dev/fd/3 3>>input: %v %s; want exit 2", err, out)
		}
		if b, _ := os.ReadFile(doc); !bytes.Equal(b, seed) {
			t.Error("the input changed")
		}
	})
	t.Run("two outputs on standard output", func(t *testing.T) {
		for _, args := range [][]string{
			{"build", "-q", seedDoc, "--out", "-", "--cpuprofile", "/dev/stdout"},
			{"build", "-q", seedDoc, "--out", "/dev/stdout", "--memprofile", "-"},
		} {
			if code, _, errs := runKG(t, args...); code != exitUsage || !strings.Contains(errs, "same file") {
				t.Errorf("kg %s: exit %d %q; want 2", strings.Join(args, " "), code, errs)
			}
		}
	})
	t.Run("usage errors before any output is opened", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "ff")
		if err := unix.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan int, 1)
		var errs string
		go func() {
			code, _, e := runKG(t, "build", "-q", "--date", "bad", "--cpuprofile", fifo, seedDoc)
			errs = e
			done <- code
		}()
		select {
		case code := <-done:
			if code != exitUsage || !strings.Contains(errs, "--date") {
				t.Errorf("exit %d %q; want 2 and the bad --date", code, errs)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("kg waited on the profile's FIFO instead of reporting the bad --date")
		}
	})
	t.Run("outputs kept old together", func(t *testing.T) {
		full := smallTmpfs(t, "64k")
		out := writeFile(t, full, "g.json", []byte("old graph"))
		prof := writeFile(t, t.TempDir(), "cpu.prof", []byte("old profile"))
		code, _, errs := runKG(t, "build", "-q", seedDoc, "--out", out, "--cpuprofile", prof)
		if code != exitRuntime || !strings.Contains(errs, "no space left") {
			t.Errorf("exit %d %q; want 1, no space left", code, errs)
		}
		for p, want := range map[string]string{out: "old graph", prof: "old profile"} {
			if b, _ := os.ReadFile(p); string(b) != want {
				t.Errorf("%s changed (%d bytes)", p, len(b))
			}
		}
	})
	t.Run("a descriptor that is a folder or read-only", func(t *testing.T) {
		dir := t.TempDir()
		ro := writeFile(t, dir, "ro.json", []byte("x"))
		for name, open := range map[string]func() (*os.File, error){
			"folder":    func() (*os.File, error) { return os.Open(dir) },
			"read-only": func() (*os.File, error) { return os.Open(ro) },
		} {
			f, err := open()
			if err != nil {
				t.Fatal(err)
			}
			c := exec.Command(bin, "build", "-q", seedDoc, "--out", "/dev/fd/3")
			c.ExtraFiles = []*os.File{f}
			out, err := c.CombinedOutput()
			f.Close()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitUsage {
				t.Errorf("%s: %v %s; want exit 2", name, err, out)
			}
		}
	})
	t.Run("SIGTERM exits 143", func(t *testing.T) {
		docs := bigCorpus(t)
		dir := t.TempDir()
		out := writeFile(t, dir, "g.json", []byte("old"))
		c := exec.Command(bin, "build", "-q", "--out", out, docs)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		c.Process.Signal(syscall.SIGTERM)
		err := c.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitTerminated {
			t.Errorf("after SIGTERM: %v, want exit %d", err, exitTerminated)
		}
		if b, _ := os.ReadFile(out); string(b) != "old" {
			t.Error("the graph changed")
		}
	})
}
