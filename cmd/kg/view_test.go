package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/kg-news/kg/graph"
)

// updateViewPNG rewrites docs/view.png, the picture of the seed's page in
// the README: go test ./cmd/kg -run TestViewInBrowser -update-view
var updateViewPNG = flag.Bool("update-view", false, "rewrite docs/view.png from the seed's kg view page")

const (
	viewSeed     = "../../testdata/docs/altman-seoul-2025-02-04.txt"
	chromiumPath = "/usr/bin/chromium"
)

// runViewKG runs kg with args and stdin and returns the exit code, stdout
// and stderr.
func runViewKG(t *testing.T, stdin []byte, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, bytes.NewReader(stdin), &out, &errb)
	return code, out.Bytes(), errb.String()
}

// viewSeedGraph builds the seed article's graph JSON in dir and returns its
// path and the graph.
func viewSeedGraph(t *testing.T, dir string) (string, *graph.Graph) {
	t.Helper()
	path := filepath.Join(dir, "seed.json")
	if code, _, errs := runViewKG(t, nil, "build", "-q", "--out", path, viewSeed); code != 0 {
		t.Fatalf("kg build: exit %d\n%s", code, errs)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := graph.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return path, g
}

// TestViewCommand: kg view writes the page beside the graph, to --out or
// to standard output, the same bytes each time, and refuses what would
// replace the graph or cannot be read.
func TestViewCommand(t *testing.T) {
	dir := t.TempDir()
	in, _ := viewSeedGraph(t, dir)
	graphBytes, _ := os.ReadFile(in)

	code, out, errs := runViewKG(t, nil, "view", in)
	if code != 0 {
		t.Fatalf("kg view %s: exit %d\n%s", in, code, errs)
	}
	def := filepath.Join(dir, "seed.html")
	page, err := os.ReadFile(def)
	if err != nil {
		t.Fatalf("kg view without --out wrote no %s: %v", def, err)
	}
	if len(out) != 0 || !strings.Contains(errs, "kg: wrote "+def+": 33 nodes, 67 relationships") {
		t.Errorf("stdout %q, stderr %q; want nothing and the summary", out, errs)
	}
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || !bytes.Contains(page, []byte(`id="kg-data"`)) {
		t.Errorf("%s is not the page: %.100q", def, page)
	}

	code, out, errs = runViewKG(t, nil, "view", in, "--out", "-")
	if code != 0 || errs != "" {
		t.Fatalf("kg view --out -: exit %d\n%s", code, errs)
	}
	if !bytes.Equal(out, page) {
		t.Error("the page on standard output differs from the file: not deterministic")
	}

	other := filepath.Join(dir, "sub", "page.html")
	code, out, errs = runViewKG(t, graphBytes, "view", "-", "--out", other, "--title", "seed.json", "-q")
	if code != 0 || len(out) != 0 || errs != "" {
		t.Fatalf("kg view - --out %s: exit %d, stdout %q\n%s", other, code, out, errs)
	}
	if got, _ := os.ReadFile(other); !bytes.Equal(got, page) {
		t.Error("the page of the graph read from stdin differs")
	}

	for _, tc := range []struct {
		name  string
		stdin []byte
		args  []string
		want  string
	}{
		{"out is the graph", nil, []string{"view", in, "--out", in}, "is the graph file"},
		{"stdin without out", graphBytes, []string{"view", "-"}, "name the page with --out"},
		{"missing graph", nil, []string{"view", filepath.Join(dir, "none.json")}, "no such file"},
		{"not a graph", nil, []string{"view", viewSeed, "--out", filepath.Join(dir, "x.html")}, "1:1: not graph JSON"},
		{"out is a folder", nil, []string{"view", in, "--out", dir}, "folder"},
		{"two graphs", nil, []string{"view", in, in}, "accepts at most 1 arg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runViewKG(t, tc.stdin, tc.args...)
			if code != exitUsage || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, exitUsage, tc.want)
			}
		})
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, graphBytes) {
		t.Error("the graph file changed")
	}
}

// viewBrowser starts headless Chromium for the test, or skips: it fails
// instead when KG_REQUIRE_BROWSER=1 (CI sets it).
func viewBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("KG_REQUIRE_BROWSER") == "1" {
			t.Fatalf("KG_REQUIRE_BROWSER=1 and there is no %s: apt-get install -y chromium fonts-noto-cjk", chromiumPath)
		}
		t.Skipf("no %s (apt-get install -y chromium fonts-noto-cjk); KG_REQUIRE_BROWSER=1 makes this a failure", chromiumPath)
	}
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "en-US"), chromedp.WindowSize(1400, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	return ctx
}

// viewPageWatch records what a page does that it must not: requests other
// than the page itself (data: URLs are not requests), script errors,
// console errors (a Content-Security-Policy violation is one) and dialogs.
type viewPageWatch struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func viewWatch(t *testing.T, ctx context.Context) *viewPageWatch {
	t.Helper()
	w := &viewPageWatch{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, e.Request.URL)
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			w.problems = append(w.problems, "exception: "+msg)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				w.problems = append(w.problems, fmt.Sprintf("console.%s: %v", e.Type, e.Args))
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				w.problems = append(w.problems, "log: "+e.Entry.Text)
			}
		case *page.EventJavascriptDialogOpening:
			w.problems = append(w.problems, "dialog: "+e.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// check fails the test for anything the page did that it must not, and
// for requests to anything but pageURL.
func (w *viewPageWatch) check(t *testing.T, pageURL string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range w.requests {
		if u != pageURL && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, p := range w.problems {
		t.Errorf("the page reported %s", p)
	}
	w.requests, w.problems = nil, nil
}

// viewOpen loads a page and waits until it is interactive; it returns the
// milliseconds from navigation to interactive the page measured.
func viewOpen(t *testing.T, ctx context.Context, url string) float64 {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	ready := `document.body && document.body.getAttribute('data-kg-ready') === '1'`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("%s did not become interactive: %v", url, err)
	}
	return viewJS[float64](t, ctx, `kgView.readyMs`)
}

// viewJS evaluates expr in the page.
func viewJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// viewWaitFor polls the page until expr is true.
func viewWaitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

// viewMETNeighbours returns the ids of the nodes id has MET relationships
// with, sorted.
func viewMETNeighbours(g *graph.Graph, id string) []string {
	var out []string
	for _, r := range g.Relationships {
		if r.Type != graph.Met {
			continue
		}
		if r.StartNode == id {
			out = append(out, r.EndNode)
		} else if r.EndNode == id {
			out = append(out, r.StartNode)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestViewInBrowser opens kg view's page of the seed in headless Chromium
// and uses it as a person would: a search in Hangul, a click on a
// relationship, a type filter, a date range; then a page of hostileNames names.
// No request may leave the page and no script error may occur.
func TestViewInBrowser(t *testing.T) {
	ctx := viewBrowser(t)
	dir := t.TempDir()
	in, g := viewSeedGraph(t, dir)
	html := filepath.Join(dir, "seed.html")
	if code, _, errs := runViewKG(t, nil, "view", "-q", in, "--out", html); code != 0 {
		t.Fatalf("kg view: exit %d\n%s", code, errs)
	}
	url := "file://" + html
	watch := viewWatch(t, ctx)
	ms := viewOpen(t, ctx, url)
	t.Logf("the seed's page (%d nodes, %d relationships) was interactive %.0f ms after navigation", len(g.Nodes), len(g.Relationships), ms)

	// search in Hangul: 알트먼 is an alias of Sam Altman
	const sam = "person:sam-altman"
	met := viewMETNeighbours(g, sam)
	if len(met) != 8 {
		t.Errorf("Sam Altman has MET relationships with %d people in the seed's graph, want 8: %v", len(met), met)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), "알트먼")); err != nil {
		t.Fatal(err)
	}
	viewWaitFor(t, ctx, "search results", `document.querySelector('#kg-results li') !== null`)
	if first := viewJS[string](t, ctx, `document.querySelector('#kg-results li').getAttribute('data-kg-node')`); first != sam {
		t.Errorf("the first match of 알트먼 is %s, want %s", first, sam)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), "\r")); err != nil {
		t.Fatal(err)
	}
	viewWaitFor(t, ctx, "Sam Altman's panel", `(document.getElementById('kg-panel-title') || {}).textContent === 'Sam Altman'`)
	if !viewJS[bool](t, ctx, `kgView.node('person:sam-altman').selected()`) {
		t.Error("Sam Altman is not selected")
	}
	// centred: his rendered position is the middle of the graph's area
	off := viewJS[[]float64](t, ctx, `(() => { const p = kgView.node('person:sam-altman').renderedPosition(), cy = kgView.cy;
		return [p.x - cy.width() / 2, p.y - cy.height() / 2]; })()`)
	if off[0] < -2 || off[0] > 2 || off[1] < -2 || off[1] > 2 {
		t.Errorf("Sam Altman is %v from the middle of the graph", off)
	}
	panelMet := viewJS[[]string](t, ctx, `Array.from(new Set(Array.from(document.querySelectorAll('section[data-kg-type="MET"] [data-kg-node]'), (e) => e.getAttribute('data-kg-node')))).sort()`)
	if d := cmp.Diff(met, panelMet); d != "" {
		t.Errorf("the panel's MET neighbours of Sam Altman mismatch (-graph +panel):\n%s", d)
	}
	drawn := viewJS[[]string](t, ctx, `kgView.cy.$('edge.hl.MET').connectedNodes().map((n) => kgView.nodeId(n)).filter((id) => id !== 'person:sam-altman').sort()`)
	if d := cmp.Diff(met, drawn); d != "" {
		t.Errorf("the highlighted MET neighbourhood of Sam Altman mismatch (-graph +drawn):\n%s", d)
	}

	// a real click on the MET relationship of Sam Altman and Chung Shin-a
	var edgeID string
	for _, r := range g.Relationships {
		if r.Type == graph.Met && r.StartNode == "person:chung-shin-a" && r.EndNode == sam {
			edgeID = r.ID
		}
	}
	if edgeID == "" {
		t.Fatal("no MET relationship of Chung Shin-a and Sam Altman in the seed's graph")
	}
	// a point on the edge that no node covers, in the window's pixels
	pt := viewJS[[]float64](t, ctx, `(() => {
		const e = kgView.edge(`+viewJSString(edgeID)+`), s = e.source().renderedPosition(), d = e.target().renderedPosition();
		const box = document.getElementById('kg-graph').getBoundingClientRect();
		for (const f of [0.3, 0.7, 0.25, 0.75, 0.35, 0.65, 0.2, 0.8, 0.4, 0.6]) {
			const x = s.x + (d.x - s.x) * f, y = s.y + (d.y - s.y) * f;
			const covered = kgView.cy.nodes().some((n) => { if (n.hasClass('hidden')) return false;
				const b = n.renderedBoundingBox({ includeLabels: false }); return x >= b.x1 - 4 && x <= b.x2 + 4 && y >= b.y1 - 4 && y <= b.y2 + 4; });
			if (!covered) return [box.left + x, box.top + y];
		}
		return [];
	})()`)
	if len(pt) != 2 {
		t.Fatal("every point of the edge is under a node")
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(pt[0], pt[1])); err != nil {
		t.Fatal(err)
	}
	viewWaitFor(t, ctx, "the edge's evidence", `document.getElementById('kg-evidence') !== null`)
	if got := viewJS[string](t, ctx, `kgView.edgeId(kgView.cy.$('edge:selected'))`); got != edgeID {
		t.Errorf("the click selected %q, want %q", got, edgeID)
	}
	evidence := viewJS[string](t, ctx, `document.getElementById('kg-evidence').textContent`)
	seed, err := os.ReadFile(viewSeed)
	if err != nil {
		t.Fatal(err)
	}
	const sentence = "Altman said during a fireside chat with Kakao CEO Chung Shin-a at the event."
	if !bytes.Contains(seed, []byte(sentence)) {
		t.Fatalf("the seed no longer says %q", sentence)
	}
	if !strings.Contains(evidence, sentence) {
		t.Errorf("the panel's evidence lacks the seed's sentence %q:\n%s", sentence, evidence)
	}
	for _, sel := range []string{"kg-documents", "kg-rules", "kg-spans"} {
		if txt := viewJS[string](t, ctx, `document.getElementById('`+sel+`').textContent`); txt == "" {
			t.Errorf("#%s is empty", sel)
		}
	}
	if *updateViewPNG {
		// Cytoscape draws from cached textures right after an interaction
		// and crisply a moment later
		if err := chromedp.Do(ctx, chromedp.Sleep(time.Second)); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/view.png", shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote docs/view.png")
	}

	// a type filter: unticking ATTENDED hides every ATTENDED relationship
	count := func(id string) int {
		return viewJS[int](t, ctx, `Number(document.getElementById('`+id+`').textContent.replace(/,/g, ''))`)
	}
	_, types := g.Count()
	if got, want := count("kg-hidden-rels"), types[graph.Mentions]; got != want {
		t.Errorf("at first %d relationships are hidden, want the %d MENTIONS", got, want)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("kg-type-ATTENDED"))); err != nil {
		t.Fatal(err)
	}
	if got, want := count("kg-hidden-rels"), types[graph.Mentions]+types[graph.Attended]; got != want {
		t.Errorf("without ATTENDED %d relationships are hidden, want %d", got, want)
	}
	if n := viewJS[int](t, ctx, `kgView.cy.edges('.ATTENDED').filter((e) => !e.hasClass('hidden')).length`); n != 0 {
		t.Errorf("%d ATTENDED relationships still drawn", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("kg-type-ATTENDED"))); err != nil {
		t.Fatal(err)
	}
	if got, want := count("kg-hidden-rels"), types[graph.Mentions]; got != want {
		t.Errorf("with ATTENDED again %d relationships are hidden, want %d", got, want)
	}

	// a date range: the seed's meetings are all on 2025-02-04
	setDates := func(from, to string) {
		t.Helper()
		viewJS[bool](t, ctx, `(() => { for (const [id, v] of [['kg-from', `+viewJSString(from)+`], ['kg-to', `+viewJSString(to)+`]]) {
			const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); } return true; })()`)
	}
	meeting := ""
	for _, n := range g.Nodes {
		if slices.Contains(n.Labels, graph.Meeting) {
			meeting = n.ID
			break
		}
	}
	// shown: the node is in the drawing, without the class hidden (whose
	// style is display: none)
	shown := func(id string) bool {
		return viewJS[bool](t, ctx, `(() => { const n = kgView.node(`+viewJSString(id)+`); return n.length === 1 && !n.hasClass('hidden'); })()`)
	}
	setDates("2025-02-04", "2025-02-04")
	if !shown(meeting) {
		t.Errorf("%s is hidden by the range 2025-02-04 to 2025-02-04", meeting)
	}
	setDates("2025-02-05", "")
	if shown(meeting) {
		t.Errorf("%s (2025-02-04) is shown from 2025-02-05 on", meeting)
	}
	if n := count("kg-shown-rels"); n != 0 {
		t.Errorf("%d relationships shown from 2025-02-05 on, want none", n)
	}
	setDates("", "")
	if got, want := count("kg-hidden-rels"), types[graph.Mentions]; got != want {
		t.Errorf("with any date %d relationships are hidden, want %d", got, want)
	}
	watch.check(t, url)

	t.Run("hostile names", func(t *testing.T) { viewHostilePage(t, ctx, watch, dir) })
}

// viewJSString quotes s for JavaScript.
func viewJSString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r == '<' || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hostileNames are names that a page inserting data as markup would run.
var hostileNames = []string{
	`<img src=x onerror=alert(1)>`,
	`<img src=x onerror="window.kgPwned=1">`,
	`</script><script>window.kgPwned=2</script>`,
	`<!-- <script>window.kgPwned=3</script>`,
}

// viewHostilePage: names, aliases, evidence and titles made of markup show as
// the text they are; nothing runs, nothing loads. Two meetings on two
// dates: a range keeps one.
func viewHostilePage(t *testing.T, ctx context.Context, watch *viewPageWatch, dir string) {
	docs := []string{"x1"}
	g := &graph.Graph{Nodes: []graph.Node{
		{ID: "person:a", Labels: []string{graph.Person}, Properties: map[string]any{"name": hostileNames[0], "aliases": hostileNames, "documents": docs}},
		{ID: "person:b", Labels: []string{graph.Person}, Properties: map[string]any{"name": hostileNames[2], "aliases": []string{hostileNames[2], "정신아"}, "documents": docs}},
		{ID: "meeting:2024-11-20:a", Labels: []string{graph.Meeting}, Properties: map[string]any{"date": "2024-11-20", "name": hostileNames[1], "documents": docs}},
		{ID: "meeting:2025-02-04:b", Labels: []string{graph.Meeting}, Properties: map[string]any{"date": "2025-02-04", "name": hostileNames[3], "documents": docs}},
		{ID: "doc:x1", Labels: []string{graph.Document}, Properties: map[string]any{"name": "x1", "documents": docs, "published": "2025-02-05", "title": hostileNames[2], "url": "javascript:window.kgPwned=4"}},
	}}
	for _, r := range []graph.Relationship{
		{Type: graph.Met, StartNode: "person:a", EndNode: "person:b", Properties: map[string]any{"date": "2024-11-20", "meeting": "meeting:2024-11-20:a", "evidence": hostileNames}},
		{Type: graph.Met, StartNode: "person:a", EndNode: "person:b", Properties: map[string]any{"date": "2025-02-04", "meeting": "meeting:2025-02-04:b", "evidence": hostileNames}},
		{Type: graph.Attended, StartNode: "person:a", EndNode: "meeting:2024-11-20:a", Properties: map[string]any{}},
		{Type: graph.Attended, StartNode: "person:b", EndNode: "meeting:2025-02-04:b", Properties: map[string]any{}},
		{Type: graph.Mentions, StartNode: "doc:x1", EndNode: "person:a", Properties: map[string]any{}},
	} {
		r.ID = graph.RelKey(r.Type, r.StartNode, r.EndNode, fmt.Sprint(r.Properties["meeting"]))
		r.Properties["documents"] = docs
		g.Relationships = append(g.Relationships, r)
	}
	in := filepath.Join(dir, "hostile.json")
	b, err := g.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "hostile.html")
	if code, _, errs := runViewKG(t, nil, "view", "-q", in, "--out", html, "--title", hostileNames[2]); code != 0 {
		t.Fatalf("kg view: exit %d\n%s", code, errs)
	}
	url := "file://" + html
	viewOpen(t, ctx, url)
	if title := viewJS[string](t, ctx, `document.getElementById('kg-title').textContent`); title != hostileNames[2] {
		t.Errorf("the page's title is %q, want %q as text", title, hostileNames[2])
	}
	// search by a hostileNames alias, then by a Hangul one
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), "onerror=\"window")); err != nil {
		t.Fatal(err)
	}
	viewWaitFor(t, ctx, "search results", `document.querySelector('#kg-results li') !== null`)
	if got := viewJS[string](t, ctx, `document.getElementById('kg-results').textContent`); !strings.Contains(got, hostileNames[0]) {
		t.Errorf("the matches show %q, want the name %q as text", got, hostileNames[0])
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("kg-search"), "\r")); err != nil {
		t.Fatal(err)
	}
	viewWaitFor(t, ctx, "the node's panel", `(document.getElementById('kg-panel-title') || {}).textContent === `+viewJSString(hostileNames[0]))
	panel := viewJS[string](t, ctx, `document.getElementById('kg-panel').textContent`)
	for _, h := range hostileNames {
		if !strings.Contains(panel, h) {
			t.Errorf("the panel does not show %q as text", h)
		}
	}
	viewJS[bool](t, ctx, `kgView.cy.edges('.MET')[0].emit('tap'), true`)
	viewWaitFor(t, ctx, "the edge's evidence", `document.getElementById('kg-evidence') !== null`)
	if got := viewJS[[]string](t, ctx, `Array.from(document.querySelectorAll('#kg-evidence li'), (e) => e.textContent)`); !cmp.Equal(got, hostileNames) && !cmp.Equal(got, graph.UniqSorted(hostileNames)) {
		t.Errorf("the evidence shows %q, want %q", got, graph.UniqSorted(hostileNames))
	}
	if n := viewJS[int](t, ctx, `document.querySelectorAll('img, [onerror], #kg-app script, a[href^="javascript"]').length + document.scripts.length - 3`); n != 0 {
		t.Errorf("graph strings became %d elements", n)
	}
	if pwned := viewJS[bool](t, ctx, `window.kgPwned !== undefined`); pwned {
		t.Error("a graph string ran as script")
	}
	// a range that keeps one meeting of the two
	viewJS[bool](t, ctx, `(() => { const e = document.getElementById('kg-from'); e.value = '2025-01-01'; e.dispatchEvent(new Event('change')); return true; })()`)
	shown := func(id string) bool {
		return viewJS[bool](t, ctx, `(() => { const n = kgView.node(`+viewJSString(id)+`); return n.length === 1 && !n.hasClass('hidden'); })()`)
	}
	if shown("meeting:2024-11-20:a") || !shown("meeting:2025-02-04:b") {
		t.Error("from 2025-01-01 on, want the meeting of 2024-11-20 hidden and that of 2025-02-04 shown")
	}
	watch.check(t, url)
}
