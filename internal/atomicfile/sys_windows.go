package atomicfile

import (
	"errors"
	"os"
	"time"
)

// keepOwner does nothing on Windows: a file's owner is not kept by a
// rename there either.
func keepOwner(*os.File, os.FileInfo) {}

// processRuns cannot tell on Windows without more code than it is worth:
// a temporary file counts as in use until it is an hour old.
func processRuns(_ int, mtime time.Time) bool { return time.Since(mtime) < staleAge }

// dupFD: Windows has no /dev/fd names, so resolve never asks.
func dupFD(fd int) (*os.File, error) {
	return nil, errors.New("descriptor names are not supported on Windows")
}

// writableFD: Windows has no /dev/fd names, so resolve never asks.
func writableFD(fd int) error { return errors.New("descriptor names are not supported on Windows") }

// fcntlGetFl: never asked on Windows (no descriptor names).
func fcntlGetFl(int) (int, error) { return 0, errors.New("not supported on Windows") }
