package main

import (
	"bytes"
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"512MiB", 512 << 20, true},
		{"2GiB", 2 << 30, true},
		{"1.5GB", 1_500_000_000, true},
		{"800 MB", 800_000_000, true},
		{"1048576", 1 << 20, true},
		{"64KiB", 64 << 10, true},
		{"100B", 100, true},
		{"", 0, false},
		{"12x", 0, false},
		{"-1GiB", 0, false},
		{"0.4", 0, false},
		{"0.5B", 0, false},
		{"0", 0, false},
		{"NaN", 0, false},
		{"1e30TB", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

// TestMemoryBudget: the limit is 1.75x the graph projected to the end of
// the input, or 1.25x graph and input together when the texts weigh more,
// never under the floor, not set before 5% of the input, not reset for
// small changes, and lifted by release.
func TestMemoryBudget(t *testing.T) {
	var set []int64
	record := func(n int64) int64 { set = append(set, n); return 0 }
	b := &memoryBudget{total: 1000, floor: 100, set: record, prevGC: -1}
	b.update(40, 1000)   // 4%: too early
	b.update(500, 2000)  // projects 4000: 7000 (texts: 6250)
	b.update(510, 2020)  // projects 3961: within 1/32, kept
	b.update(1000, 3000) // the end, 3000: 5250 (texts: 5000)
	b.update(1000, 100)  // a sparse graph: 1.25 * (100 + 1000)
	b.release()
	want := []int64{7000, 5250, 1375, math.MaxInt64}
	if diff := cmp.Diff(want, set); diff != "" {
		t.Errorf("limits set (-want +got):\n%s", diff)
	}

	set = nil
	floor := &memoryBudget{total: 1000, floor: 10000, set: record, prevGC: -1}
	floor.start(true)      // GOGC set: only the floor as the limit, at once
	floor.update(100, 100) // projects 1000: under the floor, not set again
	if diff := cmp.Diff([]int64{10000}, set); diff != "" {
		t.Errorf("limits set by start (-want +got):\n%s", diff)
	}
	if got, want := newMemoryBudget(1<<30, 1<<20, 2).floor, int64(budgetFloor+2*perDocFactor<<20); got != want {
		t.Errorf("floor for two workers and 1 MiB documents = %d, want %d", got, want)
	}

	// after a collection the limit is at least 1.5 times the live heap,
	// and a later projection does not take it under that
	set = nil
	live := &memoryBudget{total: 1000, floor: 100, set: record, prevGC: -1}
	live.update(500, 200) // projects 400: 1.25 * (400 + 1000) = 1750
	live.afterGC(1000)    // 1500: under 1750, kept
	live.afterGC(2000)    // 3000
	live.update(1000, 400)
	live.afterGC(1000) // 1500: the limit is not lowered
	live.release()
	if live.afterGC(4000) {
		t.Error("afterGC after release: the budget still holds")
	}
	if diff := cmp.Diff([]int64{1750, 3000, math.MaxInt64}, set); diff != "" {
		t.Errorf("limits set after collections (-want +got):\n%s", diff)
	}

	var none *memoryBudget
	none.update(1, 1) // a nil budget (GOMEMLIMIT set) does nothing
	none.start(false)
	none.release()
	empty := &memoryBudget{set: func(int64) int64 { t.Error("set with no input size"); return 0 }}
	empty.start(false)
	empty.update(10, 10)
	empty.release()
}

// TestBuildMemoryLimit: every --memory-limit setting gives the same graph;
// a bad one is a usage error that writes nothing.
func TestBuildMemoryLimit(t *testing.T) {
	t.Cleanup(func() { debug.SetGCPercent(100); debug.SetMemoryLimit(math.MaxInt64) })
	doc := seedDoc
	code, errs, want := badBuild(t, "", doc)
	if code != exitOK || len(want) == 0 {
		t.Fatalf("default: exit %d, %q", code, errs)
	}
	for _, v := range []string{"auto", "off", "2GiB", "800MB"} {
		code, errs, got := badBuild(t, "", "--memory-limit", v, doc)
		if code != exitOK || !bytes.Equal(got, want) {
			t.Errorf("--memory-limit %s: exit %d, %q, same graph %v", v, code, errs, bytes.Equal(got, want))
		}
	}
	for _, v := range []string{"0", "12x", "-1GiB", ""} {
		code, errs, got := badBuild(t, "", "--memory-limit", v, doc)
		if v == "" { // empty means auto
			if code != exitOK {
				t.Errorf("--memory-limit '': exit %d, %q", code, errs)
			}
			continue
		}
		if code != exitUsage || !strings.Contains(errs, "--memory-limit") || got != nil {
			t.Errorf("--memory-limit %s: exit %d, %q, wrote %d bytes; want a usage error and nothing written", v, code, errs, len(got))
		}
	}
}
