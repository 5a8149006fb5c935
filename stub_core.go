//go:build !cgo

package psutil

import "sync"

// Without cgo there is no C core: every function returns ErrNotImplemented
// (see the stub_*.go files). The roots are still remembered so that code
// which sets them keeps working.
var (
	rootMu     sync.Mutex
	procfsRoot = "/proc"
	sysfsRoot  = "/sys"
)

func setProcfsPath(path string) error {
	if path == "" {
		return makeErr(codeInval, 0, "empty path")
	}
	rootMu.Lock()
	procfsRoot = path
	rootMu.Unlock()
	return nil
}

func setSysfsPath(path string) error {
	if path == "" {
		return makeErr(codeInval, 0, "empty path")
	}
	rootMu.Lock()
	sysfsRoot = path
	rootMu.Unlock()
	return nil
}

func procfsPath() string { rootMu.Lock(); defer rootMu.Unlock(); return procfsRoot }
func sysfsPath() string  { rootMu.Lock(); defer rootMu.Unlock(); return sysfsRoot }

func heapBlocks() int64 { return 0 }
