package atomicfile

import "os"

// keepOwner does nothing on Windows: a file's owner is not kept by a
// rename there either.
func keepOwner(*os.File, os.FileInfo) {}

// processRuns cannot tell on Windows without more code than it is worth:
// a temporary file counts as in use until it is an hour old.
func processRuns(int) bool { return true }
