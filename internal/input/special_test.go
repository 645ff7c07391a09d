package input

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCollectSpecialFiles: a FIFO (or socket, device) found in a folder is
// skipped and counted, not read (it blocked the build forever); a link to
// a regular file is read; a link to a folder given as an argument is
// walked (it was taken for one file of no known type).
func TestCollectSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Acme met Beta.")
	if err := syscall.Mkfifo(filepath.Join(docs, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(docs, "a.txt"), filepath.Join(docs, "b.txt")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(docs, link); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{docs, link} {
		files, skips, err := Collect([]string{arg}, Options{})
		if err != nil {
			t.Fatalf("Collect(%s): %v", arg, err)
		}
		var rels []string
		for _, f := range files {
			rels = append(rels, f.Rel)
		}
		if d := cmp.Diff([]string{"a.txt", "b.txt"}, rels); d != "" {
			t.Errorf("Collect(%s) files mismatch (-want +got):\n%s", arg, d)
		}
		if skips.NotRegular != 1 || skips.Total() != 1 {
			t.Errorf("Collect(%s) skips = %+v, want the FIFO alone as not regular", arg, skips)
		}
	}
}
