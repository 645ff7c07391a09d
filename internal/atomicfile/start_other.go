//go:build unix && !linux

package atomicfile

import "time"

// processStart is not known here; processRuns then trusts the pid.
func processStart(int) (time.Time, bool) { return time.Time{}, false }
