// Package benchutil helps kg's benchmarks report figures that stay
// meaningful on a shared machine.
package benchutil

import (
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// ProcessCPU returns the CPU time the process has used (all threads), or 0
// where the clock is not available.
func ProcessCPU() time.Duration {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

// CPURate reports, next to the wall-clock MB/s of b.SetBytes, the rate per
// second of CPU time the process used ("cpu-MB/s"). On a machine that other
// work shares, wall time includes time the benchmark waited for a core;
// CPU time does not. Call it with the CPU time read just before the loop
// and the bytes one iteration processes.
func CPURate(b *testing.B, start time.Duration, bytesPerOp int64) {
	used := ProcessCPU() - start
	if start == 0 || used <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(bytesPerOp)*float64(b.N)/1e6/used.Seconds(), "cpu-MB/s")
}
