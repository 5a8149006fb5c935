//go:build !unix

package exitfunc

import (
	"os"
	"syscall"
)

func uncatchable(s os.Signal) bool { return s == syscall.SIGKILL }

// reraise cannot raise a signal here; the caller exits with 128+signal.
func reraise(os.Signal) {}
