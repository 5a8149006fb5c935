//go:build unix

package exitfunc

import (
	"os"
	"syscall"
)

func uncatchable(s os.Signal) bool {
	return s == syscall.SIGKILL || s == syscall.SIGSTOP
}

// reraise sends sig to the process itself; with the default action back
// in place the kernel ends it, and the parent sees WIFSIGNALED.
func reraise(sig os.Signal) {
	if n, ok := sig.(syscall.Signal); ok {
		_ = syscall.Kill(os.Getpid(), n)
	}
}
