//go:build unix

package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// keepOwner gives f the owner and group of st, the file it replaces. Only
// root may give a file away; for others the new file is theirs, as any
// editor's save would make it.
func keepOwner(f *os.File, st os.FileInfo) {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && (int(sys.Uid) != os.Geteuid() || int(sys.Gid) != os.Getegid()) {
		_ = f.Chown(int(sys.Uid), int(sys.Gid))
	}
}

// processRuns reports whether the process with pid that last wrote a
// file at mtime may still run: one with that pid exists (EPERM: as another
// user's) and it started before mtime (a process that started later got a
// reused pid); where the start is not known, while the file is younger
// than staleAge.
func processRuns(pid int, mtime time.Time) bool {
	err := syscall.Kill(pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	if start, ok := processStart(pid); ok {
		return !start.After(mtime.Add(time.Second))
	}
	return time.Since(mtime) < staleAge
}

// dupFD returns a new descriptor for this process's open file fd, so
// that writing to it (and closing it) leaves fd as it was.
func dupFD(fd int) (*os.File, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("descriptor %d: %w", fd, err)
	}
	syscall.CloseOnExec(nfd)
	return os.NewFile(uintptr(nfd), fmt.Sprintf("/dev/fd/%d", fd)), nil
}

// writableFD reports why descriptor fd cannot be written to: not open,
// open for reading only, or a folder.
func writableFD(fd int) error {
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return fmt.Errorf("descriptor %d: %w", fd, err)
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return fmt.Errorf("descriptor %d is a folder, want a file", fd)
	}
	flags, err := fcntlGetFl(fd)
	if err == nil && flags&syscall.O_ACCMODE == syscall.O_RDONLY {
		return fmt.Errorf("descriptor %d is open for reading only", fd)
	}
	return nil
}
