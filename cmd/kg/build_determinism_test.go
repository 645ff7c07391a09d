package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildDeterministic: the same documents and rules give byte-identical
// graph JSON, whatever the number of workers and however often it runs.
func TestBuildDeterministic(t *testing.T) {
	dir := t.TempDir()
	build := func(name string, args ...string) []byte {
		t.Helper()
		out := filepath.Join(dir, name)
		var stderr bytes.Buffer
		all := append([]string{"build", "-q", "--out", out}, args...)
		all = append(all, "../../testdata/docs")
		if code := run(context.Background(), all, nil, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("kg %v: exit %d\n%s", all, code, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	one := build("one.json", "-j", "1")
	two := build("two.json", "-j", "2")
	again := build("again.json", "-j", "2")
	if len(one) < 1000 {
		t.Fatalf("graph JSON is only %d bytes", len(one))
	}
	if !bytes.Equal(one, two) {
		t.Error("-j 1 and -j 2 give different graph JSON")
	}
	if !bytes.Equal(two, again) {
		t.Error("two runs give different graph JSON")
	}
}
