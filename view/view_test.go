package view

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
)

// XSS holds the strings a page must show as text, never run: markup, the
// end of the script element the data is in, a comment opener, the line
// separators JavaScript once took for newlines.
var XSS = []string{
	`<img src=x onerror=alert(1)>`,
	`</script><script>alert(2)</script>`,
	`<!-- <script>`,
	"line\u2028separator\u2029",
	`"quoted" & 'single' \ backslash`,
}

// testGraph is a small bilingual graph with two dated meetings, a
// document and the XSS strings as names, aliases and evidence.
func testGraph() *graph.Graph {
	docs := []string{"d1"}
	g := &graph.Graph{
		Nodes: []graph.Node{
			{ID: "person:sam-altman", Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "Sam Altman", "aliases": []string{"Sam Altman", "알트먼", "샘 알트먼"}, "documents": docs}},
			{ID: "person:chung-shin-a", Labels: []string{graph.Person}, Properties: map[string]any{
				"name": "Chung Shin-a", "aliases": []string{"Chung Shin-a", "정신아"}, "documents": docs}},
			{ID: "person:xss", Labels: []string{graph.Person}, Properties: map[string]any{
				"name": XSS[0], "aliases": XSS, "documents": docs, "rank": int64(3), "score": 0.5, "current": true}},
			{ID: "org:kakao", Labels: []string{graph.Organization}, Properties: map[string]any{
				"name": "Kakao", "aliases": []string{"Kakao", "카카오"}, "documents": docs}},
			{ID: "meeting:2025-02-04:a", Labels: []string{graph.Meeting}, Properties: map[string]any{
				"date": "2025-02-04", "name": "Meeting of Sam Altman, Chung Shin-a", "documents": docs,
				"participants": []string{"person:chung-shin-a", "person:sam-altman"}}},
			{ID: "meeting:2024-11-20:b", Labels: []string{graph.Meeting}, Properties: map[string]any{
				"date": "2024-11-20", "name": "Meeting of Sam Altman, " + XSS[0], "documents": docs,
				"participants": []string{"person:sam-altman", "person:xss"}}},
			{ID: "doc:d1", Labels: []string{graph.Document}, Properties: map[string]any{
				"name": "d1", "documents": docs, "published": "2025-02-05", "title": XSS[1], "url": "javascript:alert(3)"}},
		},
	}
	rel := func(typ, s, e, meeting string, p map[string]any) {
		p["documents"] = docs
		if meeting != "" {
			p["meeting"] = meeting
		}
		g.Relationships = append(g.Relationships, graph.Relationship{ID: graph.RelKey(typ, s, e, meeting), Type: typ, StartNode: s, EndNode: e, Properties: p})
	}
	rel(graph.Met, "person:chung-shin-a", "person:sam-altman", "meeting:2025-02-04:a", map[string]any{
		"date": "2025-02-04", "evidence": []string{"Altman met Kakao CEO Chung Shin-a.", "알트먼은 정신아 카카오 대표를 만났다."},
		"rules": []string{"meet.en.met"}, "spans": []string{"d1@0-35"}})
	rel(graph.Met, "person:sam-altman", "person:xss", "meeting:2024-11-20:b", map[string]any{
		"date": "2024-11-20", "evidence": XSS, "rules": []string{"meet.en.met"}, "spans": []string{"d1@40-60"}})
	rel(graph.Attended, "person:sam-altman", "meeting:2025-02-04:a", "", map[string]any{"evidence": []string{"Altman met Kakao CEO Chung Shin-a."}})
	rel(graph.HoldsRole, "person:chung-shin-a", "org:kakao", "", map[string]any{"title": "CEO", "evidence": []string{"Kakao CEO Chung Shin-a"}})
	rel(graph.Mentions, "doc:d1", "org:kakao", "", map[string]any{})
	g.Sort()
	return g
}

func page(t *testing.T, g *graph.Graph, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, g, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

var dataRE = regexp.MustCompile(`(?s)<script type="application/json" id="kg-data">(.*?)</script>`)

// decodePage reads the graph back out of a page's data block.
func decodePage(t *testing.T, html []byte) *graph.Graph {
	t.Helper()
	m := dataRE.FindSubmatch(html)
	if m == nil {
		t.Fatal("the page has no kg-data block")
	}
	var d struct {
		Strings []string
		Labels  []string
		Types   []string
		Nodes   [][]json.RawMessage
		Edges   [][]json.RawMessage
	}
	if err := json.Unmarshal(m[1], &d); err != nil {
		t.Fatalf("kg-data is not JSON: %v", err)
	}
	str := func(raw json.RawMessage) string {
		var i int
		if err := json.Unmarshal(raw, &i); err != nil {
			t.Fatalf("want a string index, got %s", raw)
		}
		return d.Strings[i]
	}
	props := func(raw json.RawMessage) map[string]any {
		var flat []json.RawMessage
		if err := json.Unmarshal(raw, &flat); err != nil {
			t.Fatal(err)
		}
		p := map[string]any{}
		for k := 0; k < len(flat); k += 2 {
			v := flat[k+1]
			switch v[0] {
			case '[':
				var ids []int
				json.Unmarshal(v, &ids)
				ss := []string{}
				for _, i := range ids {
					ss = append(ss, d.Strings[i])
				}
				p[str(flat[k])] = ss
			case '{':
				var s struct{ V any }
				json.Unmarshal(v, &s)
				if f, ok := s.V.(float64); ok && f == math.Trunc(f) && !strings.Contains(string(v), ".") {
					s.V = int64(f)
				}
				p[str(flat[k])] = s.V
			default:
				p[str(flat[k])] = str(v)
			}
		}
		return p
	}
	out := &graph.Graph{}
	for _, n := range d.Nodes {
		var ls []int
		json.Unmarshal(n[1], &ls)
		var labels []string
		for _, l := range ls {
			labels = append(labels, d.Labels[l])
		}
		out.Nodes = append(out.Nodes, graph.Node{ID: str(n[0]), Labels: labels, Properties: props(n[4])})
	}
	for _, e := range d.Edges {
		var typ, s, en int
		json.Unmarshal(e[1], &typ)
		json.Unmarshal(e[2], &s)
		json.Unmarshal(e[3], &en)
		out.Relationships = append(out.Relationships, graph.Relationship{ID: str(e[0]), Type: d.Types[typ],
			StartNode: out.Nodes[s].ID, EndNode: out.Nodes[en].ID, Properties: props(e[4])})
	}
	return out
}

// TestDataRoundTrip: the page holds the whole graph, every property of
// every node and relationship.
func TestDataRoundTrip(t *testing.T) {
	g := testGraph()
	got := decodePage(t, page(t, g, Options{Title: "test"}))
	if d := cmp.Diff(g, got); d != "" {
		t.Errorf("graph read back from the page mismatch (-want +got):\n%s", d)
	}
}

// TestDataEscaping: graph strings cannot end or change the script element
// they are in: no "<" at all in the data, and the page has exactly its
// three script elements.
func TestDataEscaping(t *testing.T) {
	html := page(t, testGraph(), Options{Title: XSS[1]})
	m := dataRE.FindSubmatch(html)
	if m == nil {
		t.Fatal("no kg-data block")
	}
	if i := bytes.IndexByte(m[1], '<'); i >= 0 {
		t.Errorf("kg-data holds a raw <: …%s…", m[1][max(0, i-30):min(len(m[1]), i+30)])
	}
	for _, s := range []string{"\u2028", "\u2029"} {
		if bytes.Contains(m[1], []byte(s)) {
			t.Errorf("kg-data holds a raw %q", s)
		}
	}
	for _, x := range XSS[:3] {
		if bytes.Contains(html, []byte(x)) {
			t.Errorf("the page holds %q as it is", x)
		}
	}
	low := bytes.ToLower(html)
	if n := bytes.Count(low, []byte("<script")); n != 3 {
		t.Errorf("the page has %d <script openings, want 3 (data, library, app)", n)
	}
	if n := bytes.Count(low, []byte("</script")); n != 3 {
		t.Errorf("the page has %d </script, want 3", n)
	}
	if bytes.Contains(low, []byte("<!--")) {
		t.Error("the page holds <!--")
	}
	title := regexp.MustCompile(`<title>(.*)</title>`).FindSubmatch(html)
	if title == nil || !bytes.HasPrefix(title[1], []byte("&lt;/script&gt;")) {
		t.Errorf("title not escaped: %q", title)
	}
}

// TestDeterministic: the same graph gives the same bytes, whatever the
// order its nodes, relationships and set properties come in.
func TestDeterministic(t *testing.T) {
	a := page(t, testGraph(), Options{Title: "t"})
	g := testGraph()
	slices.Reverse(g.Nodes)
	slices.Reverse(g.Relationships)
	for _, n := range g.Nodes {
		if al, ok := n.Properties["aliases"].([]string); ok {
			slices.Reverse(al)
		}
	}
	b := page(t, g, Options{Title: "t"})
	if !bytes.Equal(a, b) {
		t.Error("one graph in two orders gives two pages")
	}
	if c := page(t, testGraph(), Options{Title: "t"}); !bytes.Equal(a, c) {
		t.Error("two runs give two pages")
	}
}

// scriptRE finds the executable scripts of a page.
var scriptRE = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// TestPolicy: the page's Content-Security-Policy allows its own two
// scripts, by hash, and nothing from anywhere: no source, no connection.
func TestPolicy(t *testing.T) {
	html := page(t, testGraph(), Options{})
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(html)
	if m == nil {
		t.Fatal("no Content-Security-Policy")
	}
	csp := string(m[1])
	for _, want := range []string{"default-src 'none'", "connect-src 'none'", "img-src data:"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline'; ") && strings.Contains(csp, "script-src 'unsafe-inline'") {
		t.Error("scripts allowed inline without hashes")
	}
	var hashes []string
	for _, s := range scriptRE.FindAllSubmatch(html, -1) {
		h := sha256.Sum256(s[1])
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"'")
	}
	if len(hashes) != 2 {
		t.Fatalf("%d executable scripts, want 2", len(hashes))
	}
	if want := "script-src " + strings.Join(hashes, " ") + ";"; !strings.Contains(csp, want) {
		t.Errorf("policy %q does not allow exactly the page's scripts %s", csp, want)
	}
	// the page's own markup, style and script name nothing to load
	for name, s := range map[string]string{"body.html": bodyHTML, "app.css": appCSS, "app.js": appJS} {
		for _, bad := range []string{"src=", "href=", "url(", "@import", "http://", "https://", "fetch(", "XMLHttpRequest", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"} {
			if strings.Contains(s, bad) {
				t.Errorf("web/%s holds %q", name, bad)
			}
		}
	}
}

// TestLibrary: the embedded Cytoscape.js is the version the lock file
// pins, keeps its license header, and holds nothing that would end its
// script element.
func TestLibrary(t *testing.T) {
	if !strings.HasPrefix(cytoscapeJS, "/**\n * Copyright (c) 2016-2026, The Cytoscape Consortium.") {
		t.Errorf("assets/cytoscape.min.js does not start with its license: %.80q", cytoscapeJS)
	}
	if !strings.Contains(cytoscapeJS, `"`+CytoscapeVersion+`"`) {
		t.Errorf("assets/cytoscape.min.js is not version %s", CytoscapeVersion)
	}
	lock, err := os.ReadFile("assets/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Packages map[string]struct{ Version, License string }
	}
	if err := json.Unmarshal(lock, &l); err != nil {
		t.Fatal(err)
	}
	if p := l.Packages["node_modules/cytoscape"]; p.Version != CytoscapeVersion || p.License != "MIT" {
		t.Errorf("package-lock.json pins cytoscape %s (%s), want %s (MIT)", p.Version, p.License, CytoscapeVersion)
	}
	for _, s := range scripts {
		if unsafeInScript(s) {
			t.Error("an embedded script holds </script, <script or <!--")
		}
	}
	if err := writePage(&bytes.Buffer{}, Options{}, []byte(`{"x":"<"}`)); err == nil {
		t.Error("writePage took data with a raw <")
	}
}

// TestStyleMatchesGrass: the page's colours, sizes and captions are those
// of configs/neo4j/style.grass, the Neo4j Browser's style.
func TestStyleMatchesGrass(t *testing.T) {
	f, err := os.Open("../configs/neo4j/style.grass")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]map[string]string{}
	var sel string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasSuffix(line, "{"):
			sel = strings.TrimSpace(strings.TrimSuffix(line, "{"))
			rules[sel] = map[string]string{}
		case line == "}":
			sel = ""
		case sel != "" && strings.Contains(line, ":"):
			k, v, _ := strings.Cut(strings.TrimSuffix(line, ";"), ":")
			rules[sel][strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), "'")
		}
	}
	px := func(s string) int {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "px"))
		if err != nil {
			t.Errorf("not a size: %q", s)
		}
		return n
	}
	nodeOf := func(r map[string]string, label string) nodeStyle {
		return nodeStyle{Label: label, Color: r["color"], Border: r["border-color"], Text: r["text-color-internal"],
			Diameter: px(r["diameter"]), Caption: r["caption"]}
	}
	relOf := func(r map[string]string, typ string) relStyle {
		return relStyle{Type: typ, Color: r["color"], Width: px(r["shaft-width"]), Caption: r["caption"]}
	}
	want := pageStyle{Node: nodeOf(rules["node"], ""), Rel: relOf(rules["relationship"], ""),
		NodeFontSize: px(rules["node"]["font-size"]), RelFontSize: px(rules["relationship"]["font-size"]),
		RelPadding: px(rules["relationship"]["padding"]), BorderWidth: px(rules["node"]["border-width"]),
		RelText: rules["relationship"]["text-color-external"]}
	var sels []string
	for s := range rules {
		sels = append(sels, s)
	}
	slices.Sort(sels)
	for _, s := range sels {
		if l, ok := strings.CutPrefix(s, "node."); ok {
			r := rules[s]
			for k, v := range rules["node"] {
				if _, ok := r[k]; !ok {
					r[k] = v
				}
			}
			want.Labels = append(want.Labels, nodeOf(r, l))
		}
		if typ, ok := strings.CutPrefix(s, "relationship."); ok {
			r := rules[s]
			for k, v := range rules["relationship"] {
				if _, ok := r[k]; !ok {
					r[k] = v
				}
			}
			want.Types = append(want.Types, relOf(r, typ))
		}
	}
	got := style
	got.Labels = slices.Clone(got.Labels)
	got.Types = slices.Clone(got.Types)
	slices.SortFunc(got.Labels, func(a, b nodeStyle) int { return strings.Compare(a.Label, b.Label) })
	slices.SortFunc(got.Types, func(a, b relStyle) int { return strings.Compare(a.Type, b.Type) })
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("view/style.go differs from configs/neo4j/style.grass (-grass +view):\n%s", d)
	}
}

// TestLayout: every node gets a distinct, finite position, the same
// every time; the nodes of an edge end up nearer than the unconnected
// ones; documents sit beside what they mention.
func TestLayout(t *testing.T) {
	g := testGraph()
	// a second component, and a bigger one for the Barnes-Hut path
	for i := range 400 {
		id := "person:p" + strconv.Itoa(i)
		g.Nodes = append(g.Nodes, graph.Node{ID: id, Labels: []string{graph.Person}, Properties: map[string]any{"name": id}})
		if i > 0 {
			prev := "person:p" + strconv.Itoa((i-1)/3)
			g.Relationships = append(g.Relationships, graph.Relationship{ID: "MET:" + id, Type: graph.Met, StartNode: prev, EndNode: id, Properties: map[string]any{}})
		}
	}
	g.Sort()
	pos := Layout(g)
	if d := cmp.Diff(pos, Layout(g)); d != "" {
		t.Fatalf("two layouts differ:\n%s", d)
	}
	at := map[string]Point{}
	seen := map[Point]string{}
	for i, n := range g.Nodes {
		p := pos[i]
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
			t.Fatalf("%s at %v", n.ID, p)
		}
		if o, ok := seen[p]; ok {
			t.Errorf("%s and %s both at %v", n.ID, o, p)
		}
		seen[p] = n.ID
		at[n.ID] = p
	}
	dist := func(a, b string) float64 { return math.Hypot(at[a].X-at[b].X, at[a].Y-at[b].Y) }
	if d := dist("person:chung-shin-a", "person:sam-altman"); d > 3*edgeLen {
		t.Errorf("Chung Shin-a and Sam Altman, who met, are %.0f apart", d)
	}
	if d := dist("doc:d1", "org:kakao"); d > edgeLen {
		t.Errorf("the document is %.0f from Kakao, the one node it mentions", d)
	}
	// edges are short: the median edge of the tree is near edgeLen, and
	// much shorter than the median distance of two of its nodes
	var edges, pairs []float64
	for _, r := range g.Relationships {
		if strings.HasPrefix(r.ID, "MET:person:p") {
			edges = append(edges, dist(r.StartNode, r.EndNode))
		}
	}
	for i := 0; i < 400; i += 7 {
		for j := i + 1; j < 400; j += 11 {
			pairs = append(pairs, dist("person:p"+strconv.Itoa(i), "person:p"+strconv.Itoa(j)))
		}
	}
	// nodes other than documents do not overlap
	for i := range g.Nodes {
		for j := i + 1; j < len(g.Nodes); j++ {
			a, b := g.Nodes[i], g.Nodes[j]
			if slices.Contains(a.Labels, graph.Document) || slices.Contains(b.Labels, graph.Document) {
				continue
			}
			if d := dist(a.ID, b.ID); d < (diameter(a.Labels)+diameter(b.Labels))/2 {
				t.Errorf("%s and %s overlap: %.0f apart", a.ID, b.ID, d)
			}
		}
	}
	median := func(xs []float64) float64 { slices.Sort(xs); return xs[len(xs)/2] }
	if me, mp := median(edges), median(pairs); me > 2*edgeLen || me > mp/4 {
		t.Errorf("median edge %.0f long, median distance %.0f: want the edge under %.0f and under a quarter", me, mp, 2*edgeLen)
	}
}

// TestImports: view reads graphs and nothing else of kg; it imports no
// extraction code, no Neo4j driver, neither cobra nor viper.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range []string{"kg/extract", "kg/rules", "kg/docgraph", "kg/resolve", "neo4j-go-driver", "spf13/cobra", "spf13/viper"} {
			if strings.Contains(dep, bad) {
				t.Errorf("view depends on %s", dep)
			}
		}
	}
}
