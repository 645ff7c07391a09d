package resolve_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/kg-news/kg/graph"
	"github.com/kg-news/kg/resolve"
)

// vowelName is the i-th of 15,625 Latin names that share their Korean
// surname and the consonants of their given name (Kim Ho-aeioua): one
// name key for all.
func vowelName(i int) string {
	b := []byte("Kim Ho-")
	for range 6 {
		b = append(b, "aeiou"[i%5])
		i /= 5
	}
	return string(b)
}

// hostileCorpora: corpora that corpus resolution compared pairwise: n
// people whose names share a name key (48,000 titled attendees in one
// sentence took 26–34 s, most of it here), n meetings of one day.
var hostileCorpora = []struct {
	name   string
	corpus func(n int) *graph.Graph
}{
	// one document lists them all, each at an organization of its own
	{"one-list", func(n int) *graph.Graph {
		var ents []ent
		for i := range n {
			ents = append(ents, ent{id: fmt.Sprintf("org:acme%d", i), en: fmt.Sprintf("Acme%d", i), doc: "list"},
				ent{id: fmt.Sprintf("person:%d", i), en: vowelName(i), doc: "list", org: fmt.Sprintf("org:acme%d", i)})
		}
		return corpus(ents)
	}},
	// a document for each, all at one organization: every pair has the
	// corpus's support, and only the names tell them apart
	{"one-org", func(n int) *graph.Graph {
		ents := []ent{{id: "org:acme", en: "Acme", doc: "d0"}}
		for i := range n {
			ents = append(ents, ent{id: fmt.Sprintf("person:%d", i), en: vowelName(i), doc: fmt.Sprintf("d%d", i), org: "org:acme"})
		}
		return corpus(ents)
	}},
	// one document's n meetings of one day, each of two people, one of
	// whom is in all: every two were compared for participants in common
	{"one-day", func(n int) *graph.Graph {
		ents := []ent{{id: "person:host", en: "Host Person", doc: "day"}}
		var ms []graph.Node
		for i := range n {
			id := fmt.Sprintf("person:guest%d", i)
			ents = append(ents, ent{id: id, en: fmt.Sprintf("Guest%d Person", i), doc: "day"})
			ms = append(ms, meeting("2025-01-07", "day", "", "person:host", id))
		}
		return corpus(ents, ms...)
	}},
}

// TestResolveLinear: four times the people under one name key, or the
// meetings of a day, allocate at most about four times the memory; the
// pairs compared were the square of their number.
func TestResolveLinear(t *testing.T) {
	set := defaultSet(t)
	alloc := func(g *graph.Graph) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		r := resolve.Resolve(g, resolve.Options{Set: set})
		runtime.ReadMemStats(&b)
		runtime.KeepAlive(r)
		return b.TotalAlloc - a.TotalAlloc
	}
	for _, h := range hostileCorpora {
		t.Run(h.name, func(t *testing.T) {
			small, large := h.corpus(1000), h.corpus(4000)
			alloc(small)
			a, b := alloc(small), alloc(large)
			ratio := float64(b) / float64(a) / 4
			t.Logf("1,000: %d kB allocated; 4,000: %d kB (%.2f of linear)", a>>10, b>>10, ratio)
			if ratio > 1.6 {
				t.Errorf("4x the input allocated %.1fx the memory: not linear", float64(b)/float64(a))
			}
		})
	}
}

// BenchmarkResolveHostile resolves each hostile corpus at 4,000.
func BenchmarkResolveHostile(b *testing.B) {
	set := defaultSet(b)
	for _, h := range hostileCorpora {
		b.Run(h.name, func(b *testing.B) {
			g := h.corpus(4000)
			b.ReportAllocs()
			for b.Loop() {
				resolve.Resolve(g, resolve.Options{Set: set})
			}
		})
	}
}
