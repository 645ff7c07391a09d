package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// extraRules adds, in YAML alone, a meeting phrase, a title word and an
// organization suffix the default rules do not know, each with an example
// that kg rules check runs.
const extraRules = `# Added by TestExtendRulesWithYAML.
titles:
  - id: title.chief-sustainability-officer
    title: Chief Sustainability Officer
    rank: 55
    en: [chief sustainability officer]
    ko: [최고지속가능책임자]
    examples: ["Daewon Shipworks chief sustainability officer Park Ji-won", "박지원 최고지속가능책임자는"]
triggers:
  - id: meet.en.broke-bread
    kind: meeting
    lang: en
    words: [broke bread with]
    examples:
      - text: "Hanul Steel CEO Kim Do-yoon broke bread with Verano Logistics CEO Maria Costa in Seoul on Tuesday."
        meeting: [Kim Do-yoon, Maria Costa]
lexicon:
  org_suffixes_en: [Shipworks]
  examples:
    - {text: "Daewon Shipworks said on Tuesday that it had won an order for two tankers.", org: Daewon Shipworks}
`

// extendDoc uses all three: with the default rules kg finds none of them.
const extendDoc = `Hanul Steel CEO Kim Do-yoon broke bread with Verano Logistics CEO Maria Costa in Seoul on Tuesday.
Daewon Shipworks said on Tuesday that it had won an order for two tankers.
Daewon Shipworks chief sustainability officer Park Ji-won said the ships would run on ammonia.
`

// TestExtendRulesWithYAML: a new meeting phrase, title word and
// organization suffix are added to a copy of the default rules (kg rules
// init) with YAML alone; kg rules check runs their examples; kg build with
// the folder finds what the defaults miss; a wrong example fails the check
// at its line and column, showing what was expected and what came out.
func TestExtendRulesWithYAML(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rules")
	if code, out, errs := runKG(t, "rules", "init", dir); code != 0 {
		t.Fatalf("rules init: exit %d\n%s%s", code, out, errs)
	}
	if code, _, _ := runKG(t, "rules", "init", dir); code != exitUsage {
		t.Errorf("rules init into a folder that holds rules: exit %d, want %d", code, exitUsage)
	}
	extra := filepath.Join(dir, "extra.yaml")
	if err := os.WriteFile(extra, []byte(extraRules), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runKG(t, "rules", "check", dir); code != 0 || !strings.HasPrefix(out, "ok:") {
		t.Fatalf("rules check: exit %d\n%s%s", code, out, errs)
	}

	doc := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(doc, []byte(extendDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	facts := func(args ...string) []string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "g.json")
		if code, o, e := runKG(t, append([]string{"build", "-q", "--out", out}, append(args, doc)...)...); code != 0 {
			t.Fatalf("build: exit %d\n%s%s", code, o, e)
		}
		return graphFacts(t, out)
	}
	want := []string{
		"MET Kim Do-yoon / Maria Costa",
		"HOLDS_ROLE Park Ji-won / Daewon Shipworks Chief Sustainability Officer",
		"Organization Daewon Shipworks",
	}
	before, after := facts(), facts("--rules", dir)
	for _, w := range want {
		if slices.Contains(before, w) {
			t.Errorf("the default rules already find %q: the test proves nothing", w)
		}
		if !slices.Contains(after, w) {
			t.Errorf("with the added rules, no %q in:\n%s", w, strings.Join(after, "\n"))
		}
	}

	// A wrong example: the check fails at the example, expected against got.
	bad := strings.Replace(extraRules, "meeting: [Kim Do-yoon, Maria Costa]", "meeting: [Kim Do-yoon, Jane Roe]", 1)
	if err := os.WriteFile(extra, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runKG(t, "rules", "check", dir)
	if code != exitUsage {
		t.Errorf("rules check with a wrong example: exit %d, want %d", code, exitUsage)
	}
	line := regexp.MustCompile(regexp.QuoteMeta(extra) + `:15:9: rule "meet.en.broke-bread": example .*: want meeting \[Kim Do-yoon, Jane Roe\] by meet.en.broke-bread, got meeting \[Kim Do-yoon, Maria Costa\] by meet.en.broke-bread`)
	if !line.MatchString(out) {
		t.Errorf("rules check output lacks %s:\n%s", line, out)
	}
}

// graphFacts lists a graph file's organizations, MET pairs and roles as
// "Organization NAME", "MET A / B" and "HOLDS_ROLE P / ORG TITLE".
func graphFacts(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Nodes []struct {
			ID     string         `json:"id"`
			Labels []string       `json:"labels"`
			Props  map[string]any `json:"properties"`
		} `json:"nodes"`
		Relationships []struct {
			Type  string         `json:"type"`
			Start string         `json:"startNode"`
			End   string         `json:"endNode"`
			Props map[string]any `json:"properties"`
		} `json:"relationships"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	name := map[string]string{}
	var out []string
	for _, n := range g.Nodes {
		s, _ := n.Props["name"].(string)
		name[n.ID] = s
		if slices.Contains(n.Labels, "Organization") {
			out = append(out, "Organization "+s)
		}
	}
	for _, r := range g.Relationships {
		switch r.Type {
		case "MET":
			a, b := name[r.Start], name[r.End]
			if b < a {
				a, b = b, a
			}
			out = append(out, "MET "+a+" / "+b)
		case "HOLDS_ROLE":
			title, _ := r.Props["title"].(string)
			out = append(out, "HOLDS_ROLE "+name[r.Start]+" / "+name[r.End]+" "+title)
		}
	}
	return out
}

// TestRulesCheckCatchesEmptiedDateList: the date lists prove themselves
// too: with months_en taken out of a copy of the default rules, kg rules
// check fails on the example that needs it.
func TestRulesCheckCatchesEmptiedDateList(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rules")
	if code, out, errs := runKG(t, "rules", "init", dir); code != 0 {
		t.Fatalf("rules init: exit %d\n%s%s", code, out, errs)
	}
	path := filepath.Join(dir, "lexicon", "dates.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cut := regexp.MustCompile(`(?s)\n  months_en:.*?\n(  [a-z_]+:)`).ReplaceAll(data, []byte("\n$1"))
	if len(cut) == len(data) {
		t.Fatal("no months_en in dates.yaml")
	}
	if err := os.WriteFile(path, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runKG(t, "rules", "check", dir)
	if code != exitUsage || !strings.Contains(out, "on Jan. 30.\": want a meeting dated 2025-01-30") {
		t.Errorf("rules check without months_en: exit %d, want %d and the Jan. 30 example failing:\n%s", code, exitUsage, out)
	}
}
