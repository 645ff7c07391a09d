package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// TestVersion: kg --version and kg version print one line with the module
// version and Go version; a binary built from a checkout names its
// revision.
func TestVersion(t *testing.T) {
	code, flag, _ := runKG(t, "--version")
	if code != exitOK || !strings.HasPrefix(flag, "kg ") || strings.Count(flag, "\n") != 1 {
		t.Fatalf("kg --version: exit %d, output %q; want one line starting kg", code, flag)
	}
	code, cmd, _ := runKG(t, "version")
	if code != exitOK || cmd != flag {
		t.Errorf("kg version: exit %d, %q; want %q as kg --version prints", code, cmd, flag)
	}
	if code, _, errs := runKG(t, "version", "extra"); code != exitUsage || !strings.Contains(errs, "kg: version: takes no arguments, got \"extra\"\nUsage: kg version") {
		t.Errorf("kg version extra: exit %d, stderr %q; want %d with the usage line", code, errs, exitUsage)
	}

	// a binary built with VCS stamping prints the revision its build info
	// records (a clean clone does; go build -buildvcs=false does not)
	bin := filepath.Join(t.TempDir(), "kg")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`vcs\.revision=(\w+)`).FindSubmatch(info); m != nil {
		if !strings.Contains(string(out), string(m[1])) {
			t.Errorf("kg --version = %q; want the revision %s", out, m[1])
		}
	} else if !strings.Contains(string(out), "(no VCS revision recorded)") {
		t.Errorf("kg --version of a build without VCS information = %q; want it to say so", out)
	}
}

// TestVersionOf: the version line from build information.
func TestVersionOf(t *testing.T) {
	for _, tc := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}}, "kg v1.2.0 go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "kg (devel) (no VCS revision recorded) go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-12-02T09:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"kg (devel) abc123+dirty 2026-12-02T09:00:00Z go1.26.8"},
	} {
		if got := versionOf(&tc.bi); got != tc.want {
			t.Errorf("versionOf(%+v) = %q, want %q", tc.bi.Settings, got, tc.want)
		}
	}
}

// TestCLIUsageErrors: typos and argument errors exit 2, name the command
// and say what was meant or how it is used; nothing goes to stdout.
func TestCLIUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string // in stderr, in order
	}{
		{[]string{"biuld", "x.txt"}, []string{`kg: unknown command "biuld" for "kg"; did you mean build?`, "Run 'kg --help'"}},
		{[]string{"rules", "chek"}, []string{`kg: unknown command "chek" for "kg rules"; did you mean check?`, "Run 'kg rules --help'"}},
		{[]string{"rules", "frobnicate"}, []string{`kg: unknown command "frobnicate" for "kg rules"`}},
		{[]string{"eval"}, []string{"kg: eval: accepts 1 arg(s), received 0", "Usage: kg eval ", "Run 'kg eval --help'"}},
		{[]string{"why-same", "A"}, []string{"kg: why-same: ", "Usage: kg why-same "}},
		{[]string{"rules", "init"}, []string{"kg: rules init: accepts 1 arg(s), received 0", "Usage: kg rules init DIR"}},
		{[]string{"build", "--no-such-flag"}, []string{"kg: build: unknown flag: --no-such-flag", "Usage: kg build "}},
		{[]string{"build", "--ot", "x.json"}, []string{"kg: build: unknown flag: --ot; did you mean --out?"}},
		{[]string{"who-met", "--frm", "g.json", "X"}, []string{"unknown flag: --frm; did you mean --from?"}},
		{[]string{"help", "biuld"}, []string{`kg: help: no help topic "biuld" for "kg"; did you mean build?`}},
		{[]string{"help", "rules", "chek"}, []string{`no help topic "chek" for "kg rules"; did you mean check?`}},
		{[]string{"who-met", "--batch-size", "3", "X"}, []string{"kg: who-met: unknown flag: --batch-size"}},
		{[]string{"eval", "--neo4j-uri", "bolt://x", "g.json"}, []string{"kg: eval: unknown flag: --neo4j-uri"}},
		{[]string{"rules", "check", "--batch-size", "3"}, []string{"kg: rules check: unknown flag: --batch-size"}},
		{[]string{"build", "-j", "0", "../../testdata/docs/altman-seoul-2025-02-04.txt"}, []string{"kg: --workers (-j) 0: want 1 or more"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := runKG(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			rest := errs
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("stderr lacks %q (in order):\n%s", w, errs)
					break
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// TestNeo4jFlagsOnlyWhereUsed: the Neo4j flags are in the help of the
// commands that talk to Neo4j and of no other.
func TestNeo4jFlagsOnlyWhereUsed(t *testing.T) {
	for _, tc := range []struct {
		cmd  []string
		want bool
	}{
		{[]string{"build"}, true}, {[]string{"load"}, true}, {[]string{"forget"}, true}, {[]string{"query"}, true},
		{[]string{"who-met"}, true}, {[]string{"path"}, true}, {[]string{"export"}, true}, {[]string{"config"}, true},
		{[]string{"why-same"}, true}, {[]string{"eval"}, false}, {[]string{"rules", "check"}, false},
		{[]string{"rules", "dump"}, false}, {[]string{"version"}, false}, {nil, false},
	} {
		code, out, errs := runKG(t, append(tc.cmd, "--help")...)
		if code != exitOK {
			t.Errorf("kg %v --help: exit %d\n%s", tc.cmd, code, errs)
			continue
		}
		for _, f := range []string{"--neo4j-uri", "--neo4j-corpus", "--batch-size"} {
			want := tc.want
			if f == "--batch-size" && len(tc.cmd) > 0 && !writesNeo4j[tc.cmd[0]] {
				want = false // only the commands that write batches take it
			}
			if got := strings.Contains(out, f); got != want {
				t.Errorf("kg %v --help shows %s: %v, want %v", tc.cmd, f, got, want)
			}
		}
	}
}

// TestBuildSummary: the summary names the file written and counts in
// the singular and plural as English does.
func TestBuildSummary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "g.json")
	code, _, errs := runKG(t, "build", "--out", out, seedDoc)
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	re := regexp.MustCompile(`^kg: wrote ` + regexp.QuoteMeta(out) + `: \d+ nodes, \d+ relationships from 1 document in `)
	if !re.MatchString(errs) {
		t.Errorf("summary %q does not match %s", errs, re)
	}
	code, stdout, errs := runKG(t, "build", "--out", "-", seedDoc, seedDoc)
	if code != exitOK || !strings.HasPrefix(stdout, "{") {
		t.Fatalf("build to stdout: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "kg: wrote standard output: ") {
		t.Errorf("summary of a build to stdout: %q", errs)
	}
}

const fiveCompanies = `entities:
  - {name: Quorvex, type: ORGANIZATION, name_ko: 쿼벡스}
  - {name: Brindlewood, type: ORGANIZATION}
  - {name: Oskarine, type: ORGANIZATION}
  - {name: Tallowmere, type: ORGANIZATION}
  - {name: Vantorra, type: ORGANIZATION}
`

// TestRulesAddToDefaults: --rules DIR adds a user's rules to the built-in
// ones (a folder of five companies keeps every role and meeting);
// --no-default-rules uses the folder alone and warns about what it lacks.
func TestRulesAddToDefaults(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "companies.yaml", []byte(fiveCompanies))
	seed, err := os.ReadFile(seedDoc)
	if err != nil {
		t.Fatal(err)
	}
	docs := t.TempDir()
	writeFile(t, docs, "seed.txt", append(seed, "\n\nQuorvex and Vantorra were also named in the report.\n"...))
	facts := func(args ...string) ([]string, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "g.json")
		code, o, e := runKG(t, append([]string{"build", "-q", "--out", out}, append(args, docs)...)...)
		if code != exitOK {
			t.Fatalf("build %v: exit %d\n%s%s", args, code, o, e)
		}
		return graphFacts(t, out), e
	}
	count := func(fs []string, prefix string) int {
		n := 0
		for _, f := range fs {
			if strings.HasPrefix(f, prefix) {
				n++
			}
		}
		return n
	}
	def, _ := facts()
	over, _ := facts("--rules", dir)
	if count(def, "MET ") == 0 || count(def, "HOLDS_ROLE ") == 0 {
		t.Fatalf("the default rules find no meeting or role in the seed: the test proves nothing")
	}
	for _, kind := range []string{"MET ", "HOLDS_ROLE "} {
		if d, o := count(def, kind), count(over, kind); d != o {
			t.Errorf("%s: %d with the default rules, %d with --rules %s added", kind, d, o, dir)
		}
	}
	for _, org := range []string{"Organization Quorvex", "Organization Vantorra"} {
		if slices.Contains(def, org) || !slices.Contains(over, org) {
			t.Errorf("%s: found with the defaults %v, with the added rules %v; want false, true",
				org, slices.Contains(def, org), slices.Contains(over, org))
		}
	}

	alone, warns := facts("--rules", dir, "--no-default-rules")
	if n := count(alone, "MET "); n != 0 {
		t.Errorf("--no-default-rules with no triggers found %d meetings", n)
	}
	for _, w := range []string{"no meeting triggers: no meetings are found", "no titles: no roles are found"} {
		if !strings.Contains(warns, "kg: warning: rules "+dir+": "+w) {
			t.Errorf("build --no-default-rules: stderr lacks %q:\n%s", w, warns)
		}
	}
	code, out, errs := runKG(t, "rules", "check", "--no-default-rules", dir)
	if code != exitOK || !strings.Contains(errs, "no partnership triggers") || !strings.HasPrefix(out, "ok: 5 entities, 0 titles") {
		t.Errorf("rules check --no-default-rules: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runKG(t, "build", "--no-default-rules", seedDoc); code != exitUsage || !strings.Contains(errs, "--no-default-rules needs --rules DIR") {
		t.Errorf("--no-default-rules alone: exit %d\n%s", code, errs)
	}
}

// TestRulesOverrideByIDAndPath: a user rule with a built-in id replaces
// that rule (no duplicate-id error); a user file at a built-in file's
// path replaces the file.
func TestRulesOverrideByIDAndPath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mine.yaml", []byte(`entities:
  - {name: Samsung Electronics, type: ORGANIZATION, name_ko: 삼성전자, aliases: [Samsung, 삼성, SamElecXYZ]}
`))
	code, out, errs := runKG(t, "rules", "dump", dir)
	if code != exitOK {
		t.Fatalf("rules dump: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "SamElecXYZ") {
		t.Errorf("the overriding entity's alias is not in the dump")
	}
	if !strings.Contains(out, "Samsung Biologics") {
		t.Errorf("the other built-in entities are gone")
	}

	// the built-in titles.yaml replaced by one title: the dump holds only it
	writeFile(t, dir, "titles.yaml", []byte("titles:\n  - {id: title.ceo.only, title: CEO, en: [CEO]}\n"))
	code, out, errs = runKG(t, "rules", "dump", dir)
	if code != exitOK {
		t.Fatalf("rules dump with titles.yaml: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "title.ceo.only") || strings.Contains(out, "Vice Chairman") {
		t.Errorf("titles.yaml of the folder did not replace the built-in one")
	}
}

// TestConfigShowsGraphSetting: kg config names the graph JSON files that
// who-met, path and export read instead of Neo4j, and where the setting
// came from.
func TestConfigShowsGraphSetting(t *testing.T) {
	clearNeo4jEnv(t)
	t.Setenv("KG_GRAPH", "")
	cfg := filepath.Join(t.TempDir(), "kg.yaml")
	if err := os.WriteFile(cfg, []byte("graph: [a.json, b.json]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  string
		args []string
		want string
	}{
		{"", []string{"--config", cfg, "config"}, `graph: ["a.json","b.json"]               # ` + cfg},
		{"c.json", []string{"--config", cfg, "config"}, `graph: ["c.json"]                        # KG_GRAPH`},
	} {
		t.Setenv("KG_GRAPH", tc.env)
		code, out, errs := runKG(t, tc.args...)
		if code != exitOK || !strings.Contains(out, tc.want) {
			t.Errorf("KG_GRAPH=%q kg %v: exit %d, stdout lacks %q:\n%s%s", tc.env, tc.args, code, tc.want, out, errs)
		}
	}
}

// TestBuildNothingReadWritesNothing: a run whose every document fails
// (a CSV column that is not there) leaves --out as it was: an empty graph
// replaced a good one.
func TestBuildNothingReadWritesNothing(t *testing.T) {
	dir := t.TempDir()
	out := writeFile(t, dir, "keep.json", []byte(`{"nodes":[],"relationships":[],"kept":true}`))
	csvFile := writeFile(t, dir, "a.csv", []byte("title,body\nA,Kim met Lee.\n"))
	code, _, errs := runKG(t, "build", "--out", out, "--csv-text", "nosuch", csvFile)
	if code != exitRuntime || !strings.Contains(errs, "none of the 1 documents could be read; nothing written") {
		t.Errorf("exit %d, stderr %q; want %d and nothing written", code, errs, exitRuntime)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), `"kept":true`) {
		t.Errorf("--out was replaced: %q %v", b, err)
	}
}
