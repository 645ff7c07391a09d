package docgraph_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/kg-news/kg/docgraph"
	"github.com/kg-news/kg/extract"
	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/resolve"
	"github.com/kg-news/kg/rules"
)

// Hostile documents: shapes that made extraction or the graph grow
// faster than the text (a round of adversarial testing found each).
var hostile = []struct {
	name string
	doc  func(n int) string // a document of size about proportional to n
}{
	// one sentence listing n attendees with titles: was 125,250 MET
	// edges each copying the sentence for 500 (3.1 GB of JSON), and 22 GB
	// of memory for 3,000
	{"attendees", func(n int) string {
		names := make([]string, n)
		sur := []string{"Kim", "Lee", "Park", "Choi", "Jung"}
		for i := range names {
			names[i] = fmt.Sprintf("Acme%d CEO %s Ho-%c%c%c", i, sur[i%len(sur)], 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26)
		}
		return "Samsung Chairman Lee Jae-yong met " + strings.Join(names, ", ") + " in Seoul on Jan. 7, 2025.\n"
	}},
	// a Korean title word repeated without spaces: 1 MB took 276 s
	{"ko-title-run", func(n int) string { return "김철수 회장은 " + strings.Repeat("회장", 40*n) + "\n" }},
	// a Korean meeting verb repeated: every trigger asked about every
	// other's hedge
	{"ko-meeting-verbs", func(n int) string { return "김철수 회장은 " + strings.Repeat("만났다", 25*n) + "\n" }},
	{"en-meeting-verbs", func(n int) string { return "Samsung CEO Lee Jae-yong met " + strings.Repeat("met ", 20*n) + "\n" }},
	// one line cycling 16 words, no full stop: every role, reference or
	// pronoun read was compared with each found before it in the
	// document or sentence (4 MB took 7x the time of 1 MB)
	{"en-names-cycle", cycle("CEO Kim Jae-ho met Chairman Lee Sun-hee of Acme Corp and President Park Min-su in Seoul with Google")},
	{"en-mix-cycle", cycle("Samsung CEO Lee Jae-yong met Apple CEO Tim Cook and agreed partnership with Hyundai Motor on chips deal")},
	{"ko-titles-cycle", cycle("삼성전자 이재용 회장은 현대차 정의선 회장과 만나 협력 LG 구광모 대표 SK 최태원 회장 협약을 체결")},
	{"ko-names-cycle", cycle("김철수 회장 이영희 사장 박민수 대표 최지훈 부회장 정수진 전무 강동원 상무 조현우 이사 윤서연 본부장")},
	// round 8's list readers: a Korean list sharing one title, an English
	// attendee list, a caption and a signing, each of n people, and a
	// run of official visits
	{"ko-shared-title-list", list("이날 만찬에는 ", func(i int) string {
		return fmt.Sprintf("김%c%c 한울%d, ", 0xAC00+rune(i%400), 0xAC00+rune(i/400%400), i)
	}, "이정민 다온모터스 회장이 참석했다.\n")},
	{"en-attendee-list", list("Hanul Steel signed an MOU with Verano Logistics.\nChief executives at the dinner included ", func(i int) string {
		return fmt.Sprintf("Acme%d's Ken Ho-%s, ", i, given(i))
	}, "and Simon Roberts of Daon.\n")},
	// people before a meeting word, each weighed as the report's source
	{"en-sources", list("Spokesman Kim Jae-ho said ", func(i int) string {
		return fmt.Sprintf("Acme%d CEO Lee Ho-%s, ", i, given(i))
	}, "met Beta CEO Park Min-su in Seoul.\n")},
	{"en-caption-signing-cycle", cycle("From left: Acme CEO Kim Jae-ho, Beta CEO Lee Sun-hee signed by President Park Min-su received Chairman Choi Ji-hoon")},
	// a meeting on each line, each of two other people, all of one day:
	// each report was compared with every meeting before it, in the
	// document and in corpus resolution
	{"meetings-of-a-day", func(n int) string {
		var b strings.Builder
		for i := range n {
			g := fmt.Sprintf("Ho-%c%c%c", 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26)
			fmt.Fprintf(&b, "Acme%d CEO Kim %s met Beta%d CEO Lee %s in Seoul on Jan. 7, 2025.\n", i, g, i, g)
		}
		return b.String()
	}},
}

// list: head, then n items, then tail: one sentence of a list.
func list(head string, item func(i int) string, tail string) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		for i := range n {
			b.WriteString(item(i))
		}
		b.WriteString(tail)
		return b.String()
	}
}

// given is a distinct made-up given-name syllable run for item i.
func given(i int) string {
	return fmt.Sprintf("%c%c%c", 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26)
}

// cycle: a line that repeats the words of line (16 of them) 2n times,
// without a full stop.
func cycle(line string) func(n int) string {
	return func(n int) string { return strings.Repeat(line+" ", 2*n) + "\n" }
}

func extractGraph(tb testing.TB, x *extract.Extractor, text string) *graph.Graph {
	tb.Helper()
	d, _ := extract.NewDocument("hostile", []byte(text))
	return docgraph.FromResult(x.Run(d))
}

// buildGraph is what kg build does with a document: its graph, then
// corpus resolution.
func buildGraph(tb testing.TB, x *extract.Extractor, set *rules.Set, text string) *graph.Graph {
	tb.Helper()
	return resolve.Graph(extractGraph(tb, x, text), resolve.Options{Set: set})
}

// TestHostileLinear: four times the input allocates at most about four
// times the memory (allocation, unlike time, does not depend on the
// machine's load) in extraction, the document's graph and corpus
// resolution: each shape is linear.
func TestHostileLinear(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(set)
	alloc := func(text string) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		g := buildGraph(t, x, set, text)
		runtime.ReadMemStats(&b)
		runtime.KeepAlive(g)
		return b.TotalAlloc - a.TotalAlloc
	}
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			small, large := h.doc(250), h.doc(1000)
			alloc(small) // warm up the caches built once
			a, b := alloc(small), alloc(large)
			ratio := float64(b) / float64(a) / (float64(len(large)) / float64(len(small)))
			t.Logf("%d bytes: %d kB allocated; %d bytes: %d kB (%.2f of linear)", len(small), a>>10, len(large), b>>10, ratio)
			if ratio > 1.6 {
				t.Errorf("4x the input allocated %.1fx the memory: not linear", float64(b)/float64(a))
			}
		})
	}
}

// TestLargeMeetingNoPairs: a meeting of more than MaxPairwiseMET people
// is one Meeting with an ATTENDED edge from each, no MET pairs, and its
// evidence is cut to MaxEvidenceBytes.
func TestLargeMeetingNoPairs(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	g := extractGraph(t, extract.New(set), hostile[0].doc(300))
	count := map[string]int{}
	for _, n := range g.Nodes {
		count[n.Labels[0]]++
	}
	longest := 0
	for _, r := range g.Relationships {
		count[r.Type]++
		for _, ev := range graph.Strings(r.Properties["evidence"]) {
			longest = max(longest, len(ev))
		}
	}
	if count[graph.Meeting] != 1 || count[graph.Attended] <= docgraph.MaxPairwiseMET || count[graph.Met] != 0 {
		t.Errorf("a meeting of 301 named people: %d Meeting, %d ATTENDED, %d MET; want 1, more than %d, 0",
			count[graph.Meeting], count[graph.Attended], count[graph.Met], docgraph.MaxPairwiseMET)
	}
	if longest > docgraph.MaxEvidenceBytes+2*len(" … ")+len("Seoul") {
		t.Errorf("evidence of %d bytes, want at most %d", longest, docgraph.MaxEvidenceBytes)
	}

	// a meeting of up to MaxPairwiseMET people still has every pair
	small := extractGraph(t, extract.New(set), hostile[0].doc(docgraph.MaxPairwiseMET-1))
	met, n := 0, 0
	for _, r := range small.Relationships {
		switch r.Type {
		case graph.Met:
			met++
		case graph.Attended:
			n++
		}
	}
	if n < 3 || n > docgraph.MaxPairwiseMET || met != n*(n-1)/2 {
		t.Errorf("a meeting of %d people: %d MET, want %d", n, met, n*(n-1)/2)
	}
}

// BenchmarkHostile measures each hostile shape at 1,000 units (24 kB to
// 284 kB of text), extraction to corpus resolution: MB/s and bytes
// allocated per op go in BENCHMARKS.md.
func BenchmarkHostile(b *testing.B) {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	x := extract.New(set)
	for _, h := range hostile {
		b.Run(h.name, func(b *testing.B) {
			text := h.doc(1000)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				buildGraph(b, x, set, text)
			}
		})
	}
}

// TestEvidenceCutKeepsPlace: a meeting sentence longer than
// MaxEvidenceBytes keeps its place in the cut evidence, which corpus
// resolution reads to tell meetings at two places apart (a place in the
// middle of a long sentence was cut away, and two reports at Seoul and
// Busan became one meeting).
func TestEvidenceCutKeepsPlace(t *testing.T) {
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	var pad []string
	for i := range 14 {
		pad = append(pad, fmt.Sprintf("Acme%d Chairman Park Ji-%c%c", i, 'a'+i, 'a'+i))
	}
	p := strings.Join(pad, " and ")
	text := "Samsung Electronics Chairman Lee Jae-yong, joined by " + p + ", met OpenAI CEO Sam Altman in Seoul on Feb. 4, 2025 to talk about chips and many other things in a long session that went on, with " + p + ".\n"
	if len(text) <= docgraph.MaxEvidenceBytes {
		t.Fatalf("the sentence has %d bytes: the test proves nothing", len(text))
	}
	g := extractGraph(t, extract.New(set), text)
	found := false
	for _, n := range g.Nodes {
		if n.Labels[0] != graph.Meeting {
			continue
		}
		found = true
		if place, _ := n.Properties["place"].(string); place != "Seoul" {
			t.Errorf("meeting place %q, want Seoul", place)
		}
		for _, ev := range graph.Strings(n.Properties["evidence"]) {
			if len(ev) > docgraph.MaxEvidenceBytes+2*len(" … ")+len("Seoul") || !strings.Contains(ev, "Seoul") {
				t.Errorf("evidence of %d bytes without its place: %q", len(ev), ev)
			}
		}
	}
	if !found {
		t.Fatal("no meeting")
	}
}
