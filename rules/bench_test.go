package rules

import (
	"fmt"
	"testing"

	"github.com/kg-news/kg/internal/benchutil"
	"github.com/kg-news/kg/internal/corpus"
)

// gazetteerFile is a rule file with the entities of a generated gazetteer
// of n aliases.
func gazetteerFile(n int) *File {
	f := &File{Path: fmt.Sprintf("gazetteer-%d.yaml", n)}
	for i, e := range corpus.Gazetteer(n, 1) {
		f.Entities = append(f.Entities, RawEntity{ID: fmt.Sprintf("gen:%d", i), Name: e.Name, Type: e.Type, NameKO: e.NameKO, Aliases: e.Aliases})
	}
	return f
}

// BenchmarkCompile compiles the default rules (lexicons, titles, triggers,
// patterns, entities) plus a generated gazetteer of 10k or 100k aliases.
// SetBytes is the aliases' bytes; it reports the heap the compiled set
// keeps per alias and the automaton's own size per alias.
func BenchmarkCompile(b *testing.B) {
	files, errs := ParseFS(defaultFS, "default")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("aliases=%d", n), func(b *testing.B) {
			all := append(append([]*File(nil), files...), gazetteerFile(n))
			size := 0
			for _, a := range corpus.Aliases(n, 1) {
				size += len(a)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var set *Set
			cpu := benchutil.ProcessCPU()
			for b.Loop() {
				var err error
				if set, err = Compile(all); err != nil {
					b.Fatal(err)
				}
			}
			benchutil.CPURate(b, cpu, int64(size))
			b.StopTimer()
			if used := benchutil.ProcessCPU() - cpu; used > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
			}
			b.ReportMetric(float64(benchutil.HeapOf(func() any { s, _ := Compile(all); return s }))/float64(n), "set-B/alias")
			b.ReportMetric(float64(set.Matcher.Bytes())/float64(n), "ac-B/alias")
		})
	}
}
