package rules

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestLoadDirRefusesWhatIsNoRuleFile: only regular files and links to
// them are read, each of at most MaxRuleFileBytes; a FIFO blocked the
// load past Ctrl-C, a 100 MB file took 2.3 GB.
func TestLoadDirRefusesWhatIsNoRuleFile(t *testing.T) {
	good := "entities:\n  - {name: Quorvex, type: ORGANIZATION}\n"
	for _, tc := range []struct {
		name string
		make func(t *testing.T, dir string) // makes dir/x.yaml
		want string                         // in the error; "" for none
	}{
		{"link to a regular file", func(t *testing.T, dir string) {
			target := filepath.Join(t.TempDir(), "real.yaml")
			if err := os.WriteFile(target, []byte(good), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, filepath.Join(dir, "x.yaml")); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"fifo", func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" {
				t.Skip("no FIFOs")
			}
			if err := syscall.Mkfifo(filepath.Join(dir, "x.yaml"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "x.yaml: not a regular file"},
		{"link to a folder", func(t *testing.T, dir string) {
			if err := os.Symlink(t.TempDir(), filepath.Join(dir, "x.yaml")); err != nil {
				t.Fatal(err)
			}
		}, "x.yaml: not a regular file"},
		{"too large", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "x.yaml")
			if err := os.WriteFile(p, []byte(good), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, MaxRuleFileBytes+1); err != nil { // sparse: no 16 MB written
				t.Fatal(err)
			}
		}, "x.yaml: 16777217 bytes: a rule file may hold at most 16 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.make(t, dir)
			_, err := LoadDir(dir)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("LoadDir: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("LoadDir: %v; want an error with %q", err, tc.want)
			}
		})
	}
}

// TestParseErrorsHavePositions: invalid UTF-8 and nesting too deep are
// reported with a line and column (they had none), and a message quotes
// no more than a short part of the file.
func TestParseErrorsHavePositions(t *testing.T) {
	long := strings.Repeat("root:x:0:0:root:/root:/bin/bash ", 20)
	for _, tc := range []struct {
		name, data, want string
	}{
		{"invalid UTF-8", "entities:\n  - {name: \"A\xff\", type: PERSON}\n", "r.yaml:2:14: invalid UTF-8"},
		{"deep flow", "entities:\n  - " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", "r.yaml:2:20004: exceeded max depth"},
		{"deep block", "entities:\n" + strings.Repeat("- ", 20000) + "x\n", "r.yaml:2:39999: exceeded max depth"},
		{"not a mapping", long + "\n", "r.yaml:1:1: cannot unmarshal !!str"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("r.yaml", []byte(tc.data))
			got := errs.Error()
			if !strings.Contains(got, tc.want) {
				t.Errorf("Parse: %q; want %q", got, tc.want)
			}
			if len(got) > 200 {
				t.Errorf("the message quotes %d bytes of the file: %q", len(got), got)
			}
		})
	}
}

// TestParticleSeq: runs of particles, including ones that split two ways
// (과의 and 과+의); a long run that is not all particles is answered at
// once (trying every split was exponential: 과의×15 took 74 ms a title,
// ×31 hours).
func TestParticleSeq(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"", true}, {"는", true}, {"과의", true}, {"에서부터", true}, {"과의는", true},
		{"갂", false}, {"회장", false}, {strings.Repeat("과의", 15) + "갂", false}, {strings.Repeat("는", 31) + "갂", false},
	} {
		if got := set.ParticleSeq(tc.w); got != tc.want {
			t.Errorf("ParticleSeq(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}
