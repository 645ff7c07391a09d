//go:build !linux

package atomicfile

// exchange has no atomic form outside Linux here (macOS's renamex_np is
// not in x/sys for every platform kg builds on): Dir.Commit moves the old
// folder aside instead.
func exchange(a, b string) error { return errNoExchange }
