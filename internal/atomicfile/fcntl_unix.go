//go:build unix

package atomicfile

import "golang.org/x/sys/unix"

// fcntlGetFl returns the file status flags of fd (O_ACCMODE, O_APPEND).
func fcntlGetFl(fd int) (int, error) { return unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0) }
