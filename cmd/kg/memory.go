package main

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
)

// memoryBudget keeps a build's memory under twice the graph it builds. The
// merged graph is most of what a build holds, and it grows to the end, so
// the Go runtime's soft memory limit is set to a little under twice the
// graph's expected final size: the graph so far (as JSON bytes) scaled by
// the input still to read. Early on that limit is far above the heap and
// costs nothing; near the end it makes the collector run as often as the
// bound needs, instead of letting the heap grow to twice what is live
// (GOGC=100). A fixed --memory-limit, or GOMEMLIMIT, replaces it.
//
// Two things the graph's size does not show keep the limit higher where
// they need it: the documents being extracted (the floor grows with the
// workers and the largest input), and the texts of the documents read so
// far, which the graph's evidence strings are cut from and keep in memory
// (the limit is never under 1.25 × (graph + input)). A limit under what is
// live would make the collector run without end; one just over it, nearly
// so (48,000 names in one sentence: resolution holds more than the graph,
// and the build took twice the CPU time, most of it collecting). So after
// each collection the limit is raised, if need be, to liveFactor times the
// heap left live: a collection then comes after at least half the live
// heap is allocated again, and its cost stays in proportion. (While the
// graph is most of what is live, 1.5 times it is under the budget's 1.75.)
type memoryBudget struct {
	total  int64 // input bytes in all
	floor  int64 // never below this: small builds keep Go's defaults
	set    func(int64) int64
	prevGC int // GOGC before start, -1 if start did not change it

	mu      sync.Mutex // update runs in the build, afterGC after collections
	last    int64
	live    int64 // liveFactor × the heap live after the last collection
	stopped bool  // released: afterGC no longer sets the limit
}

// liveFactor: the limit is at least this many times the live heap.
const liveFactor = 1.5

const (
	// budgetFactor is under 2: the limit covers the Go heap and runtime,
	// not the program's code and the pages the kernel has yet to take back
	budgetFactor = 1.75
	budgetFloor  = 256 << 20
	// perDocFactor: a generous bound on the memory extracting a document
	// takes, in multiples of its size (a review measured two 16 MB
	// documents in flight at about 213 MB, under 7x)
	perDocFactor = 16
)

// newMemoryBudget returns the budget for total input bytes read by workers,
// the largest document being largest bytes.
func newMemoryBudget(total, largest int64, workers int) *memoryBudget {
	floor := budgetFloor + int64(max(workers, 1))*perDocFactor*largest
	return &memoryBudget{total: total, floor: floor, set: debug.SetMemoryLimit, prevGC: -1}
}

// gcPercentUnderBudget: with the memory limit bounding the heap, the
// collector need not also keep it within twice what is live (GOGC=100):
// it runs when the heap nears the limit, or grows five-fold. A 10 MB build
// then spends about a fifth less CPU, most of it collection that a single
// worker had been getting from the idle core.
const gcPercentUnderBudget = 400

// start sets the floor as the limit at once (the projection waits for 5% of
// the input) and, unless GOGC is set, raises GOGC to gcPercentUnderBudget.
func (b *memoryBudget) start(gogcSet bool) {
	if b == nil || b.total <= 0 {
		return
	}
	b.mu.Lock()
	b.set(b.floor)
	b.last = b.floor
	b.mu.Unlock()
	if !gogcSet {
		b.prevGC = debug.SetGCPercent(gcPercentUnderBudget)
	}
	b.watch()
}

// watch calls afterGC with the live heap after every collection until the
// budget is released (a finalizer runs after each collection that finds
// its object unreachable, and arms the next).
func (b *memoryBudget) watch() {
	type sentinel struct{ _ [16]byte } // not a tiny object: collected on its own
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new(sentinel), func(*sentinel) {
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && b.afterGC(int64(sample[0].Value.Uint64())) {
				arm()
			}
		})
	}
	arm()
}

// afterGC raises the limit to liveFactor times the live heap if it is
// under that; it reports whether the budget still holds (not released).
func (b *memoryBudget) afterGC(live int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return false
	}
	b.live = int64(liveFactor * float64(live))
	if b.live > b.last {
		b.set(b.live)
		b.last = b.live
	}
	return true
}

// release lifts the limit and puts GOGC back: the graph is written, and
// what comes next (a Neo4j load) is not bounded by it.
func (b *memoryBudget) release() {
	if b == nil || b.total <= 0 {
		return
	}
	b.mu.Lock()
	b.set(math.MaxInt64)
	b.last = math.MaxInt64
	b.stopped = true
	b.mu.Unlock()
	if b.prevGC >= 0 {
		debug.SetGCPercent(b.prevGC)
		b.prevGC = -1
	}
}

// update is called with the input bytes done and the graph's size so far.
func (b *memoryBudget) update(done, graphBytes int64) {
	if b == nil || b.total <= 0 || done*20 < b.total {
		return // before 5% of the input the projection is noise
	}
	final := float64(graphBytes) * float64(b.total) / float64(done)
	want := max(budgetFactor*final, 1.25*(final+float64(b.total)))
	b.mu.Lock()
	defer b.mu.Unlock()
	limit := max(b.floor, b.live, int64(math.Min(want, math.MaxInt64/2)))
	if d := limit - b.last; d > b.last/32 || -d > b.last/32 {
		b.set(limit)
		b.last = limit
	}
}

// parseSize reads a byte count: 512MiB, 2GiB, 1.5GB, 800MB, 1048576.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v*mult < 1 || math.IsInf(v, 0) || math.IsNaN(v) || v*mult >= math.MaxInt64 {
		return 0, fmt.Errorf("%q: want a positive size such as 512MiB, 2GiB or 800MB", s)
	}
	return int64(v * mult), nil
}
