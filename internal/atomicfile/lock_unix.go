//go:build unix

package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// LockDir takes an exclusive advisory lock (flock) on the folder dir,
// waiting while another process holds it, until ctx ends; waiting is
// called once if the lock is not free at once. The lock is the folder's
// own, not a file's: a file that is replaced by a rename cannot carry
// a lock, and a lock file would be left behind. The kernel frees it when
// the process ends, however it ends.
func LockDir(ctx context.Context, dir string, waiting func()) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	for i := 0; ; i++ {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) {
				return func() {}, nil // a file system without locks: run unlocked
			}
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		if i == 0 && waiting != nil {
			waiting()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for the lock on %s: %w", dir, context.Cause(ctx))
		case <-time.After(50 * time.Millisecond):
		}
	}
}
