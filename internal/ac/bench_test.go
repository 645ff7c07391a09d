package ac_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kg-news/kg/internal/ac"
	"github.com/kg-news/kg/internal/benchutil"
	"github.com/kg-news/kg/internal/corpus"
)

// benchText is 4 MB of generated bilingual news, the same for every
// benchmark.
var benchText = sync.OnceValue(func() string { return corpus.Text(1, 4<<20) })

var aliasCounts = []int{100, 10_000, 100_000}

// BenchmarkFindAll is the alias scan alone: one automaton over the aliases
// of a generated gazetteer, scanning generated text. It reports the
// automaton's size per alias and the matches per MB.
func BenchmarkFindAll(b *testing.B) {
	text := benchText()
	for _, n := range aliasCounts {
		b.Run(fmt.Sprintf("aliases=%d", n), func(b *testing.B) {
			m := ac.Build(corpus.Aliases(n, 1))
			dst := m.FindAll(nil, text)
			matches := len(dst)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			cpu := benchutil.ProcessCPU()
			for b.Loop() {
				dst = m.FindAll(dst[:0], text)
			}
			benchutil.CPURate(b, cpu, int64(len(text)))
			b.ReportMetric(float64(m.Bytes())/float64(n), "B/alias")
			b.ReportMetric(float64(matches)/(float64(len(text))/1e6), "matches/MB")
		})
	}
}

// BenchmarkBuild compiles the automaton alone and reports the heap it
// holds per alias.
func BenchmarkBuild(b *testing.B) {
	for _, n := range aliasCounts {
		b.Run(fmt.Sprintf("aliases=%d", n), func(b *testing.B) {
			pats := corpus.Aliases(n, 1)
			size := 0
			for _, p := range pats {
				size += len(p)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var m *ac.Matcher
			cpu := benchutil.ProcessCPU()
			for b.Loop() {
				m = ac.Build(pats)
			}
			b.StopTimer()
			if used := benchutil.ProcessCPU() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
			}
			b.ReportMetric(float64(benchutil.HeapOf(func() any { return ac.Build(pats) }))/float64(n), "heap-B/alias")
			b.ReportMetric(float64(m.States())/float64(n), "states/alias")
		})
	}
}
