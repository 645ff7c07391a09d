package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badRulesDir holds one folder of broken rule files per problem.
var badRulesDir = filepath.Join("..", "..", "testdata", "bad", "rules")

// badRules is what kg reports for each folder of badRulesDir: the file, the
// position (line:col) and the start of the message.
var badRules = []struct {
	dir, file, pos, msg string
}{
	{"alias-two-types", "entities.yaml", "3:55", `rule "person:george-washington": alias "Washington" is already claimed by PLACE entity`},
	{"duplicate-id", "b.yaml", "2:5", `rule "title.ceo": duplicate id (first defined at `},
	{"empty-file", "empty.yaml", "1:1", "empty rule file"},
	{"invalid-pattern", "patterns.yaml", "5:12", `rule "org.en.broken": invalid pattern`},
	// yaml.v3 reports a line but no column for syntax errors: the column
	// is the line's first character
	{"malformed-yaml", "titles.yaml", "3:5", "did not find expected ',' or ']'"},
	{"unknown-key", "titles.yaml", "5:5", `unknown key "colour"`},
	{"unknown-kind", "triggers.yaml", "2:27", `rule "meet.en.x": unknown trigger kind "gossip"`},
	{"unknown-type", "entities.yaml", "2:24", `rule "company:acme": unknown type "COMPANY"`},
}

// badRuleLine is the line kg prints for a problem in file.
func badRuleLine(file, pos, msg string) *regexp.Regexp {
	if pos == "" {
		pos = `\d+`
	}
	return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(file) + `:` + pos + `: ` + regexp.QuoteMeta(msg))
}

// TestRulesCheckBadRules: kg rules check reports each broken rule folder as
// file:line:col: message and exits 2; kg rules check on the embedded rules
// exits 0.
func TestRulesCheckBadRules(t *testing.T) {
	entries, err := os.ReadDir(badRulesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(badRules) {
		t.Errorf("%d folders in %s, %d cases here", len(entries), badRulesDir, len(badRules))
	}
	for _, tt := range badRules {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join(badRulesDir, tt.dir)
			code, out, errs := runKG(t, "rules", "check", dir)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if want := badRuleLine(filepath.Join(dir, tt.file), tt.pos, tt.msg); !want.MatchString(errs) {
				t.Errorf("stderr lacks %s:\n%s", want, errs)
			}
			checkRuleLines(t, errs)
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	if code, out, errs := runKG(t, "rules", "check"); code != exitOK || !strings.HasPrefix(out, "ok: ") {
		t.Errorf("kg rules check on the embedded rules: exit %d, %q %q", code, out, errs)
	}
}

// checkRuleLines checks that every line reporting a problem in a rule file
// starts with file:line:col (file:line for YAML syntax errors).
func checkRuleLines(t *testing.T, stderr string) {
	t.Helper()
	pos := regexp.MustCompile(`^\S+\.ya?ml:\d+(:\d+)?: `)
	withCol := regexp.MustCompile(`^\S+\.ya?ml:\d+:\d+: `)
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		switch {
		case strings.HasPrefix(l, "kg: "), strings.HasPrefix(l, "(rules): "):
		case !pos.MatchString(l):
			t.Errorf("line %q does not start with file:line:col", l)
		case !withCol.MatchString(l):
			t.Errorf("line %q has no column", l)
		}
	}
}

// TestRulesCheckEveryProblemAtOnce: all the broken files in one folder are
// all reported, in one run.
func TestRulesCheckEveryProblemAtOnce(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range badRules {
		files, err := os.ReadDir(filepath.Join(badRulesDir, tt.dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(badRulesDir, tt.dir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, filepath.Join(tt.dir, f.Name()), b)
		}
	}
	code, _, errs := runKG(t, "rules", "check", dir)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	for _, tt := range badRules {
		if want := badRuleLine(filepath.Join(dir, tt.dir, tt.file), tt.pos, tt.msg); !want.MatchString(errs) {
			t.Errorf("stderr lacks %s", want)
		}
	}
	checkRuleLines(t, errs)
	if t.Failed() {
		t.Logf("stderr:\n%s", errs)
	}
}

// TestBuildWithBadRulesWritesNothing: kg build --rules with broken rules
// exits 2, reports the problem and writes no graph: neither the --out file
// (an earlier one stays as it was) nor the default kg-out/graph.json.
func TestBuildWithBadRulesWritesNothing(t *testing.T) {
	for _, tt := range badRules {
		t.Run(tt.dir, func(t *testing.T) {
			rules, err := filepath.Abs(filepath.Join(badRulesDir, tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			seed, err := filepath.Abs(seedDoc)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			t.Chdir(work)
			code, _, errs := runKG(t, "build", "-q", "--rules", rules, seed)
			if code != exitUsage || !badRuleLine(filepath.Join(rules, tt.file), tt.pos, tt.msg).MatchString(errs) {
				t.Errorf("exit %d, stderr %q; want 2 and the problem", code, errs)
			}
			if _, err := os.Stat(filepath.Join(work, "kg-out")); err == nil {
				t.Error("kg-out was created")
			}
			out := writeFile(t, work, "graph.json", []byte("earlier"))
			code, _, _ = runKG(t, "build", "-q", "--rules", rules, "--out", out, seed)
			if b, _ := os.ReadFile(out); code != exitUsage || string(b) != "earlier" {
				t.Errorf("exit %d, output %q; want 2 and the earlier output", code, b)
			}
			if ms, _ := filepath.Glob(filepath.Join(work, ".kg-*")); len(ms) > 0 {
				t.Errorf("temporary files left: %v", ms)
			}
		})
	}
}
