//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of st, the file it replaces. Only
// root may give a file away; for others the new file is theirs, as any
// editor's save would make it.
func keepOwner(f *os.File, st os.FileInfo) {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && (int(sys.Uid) != os.Geteuid() || int(sys.Gid) != os.Getegid()) {
		_ = f.Chown(int(sys.Uid), int(sys.Gid))
	}
}

// processRuns reports whether a process with pid exists (EPERM: it does,
// as another user's).
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
