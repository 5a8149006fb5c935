//go:build !windows || !cgo

package psutil

func procNumHandles(pid int) (int, error) {
	return 0, makeErr(codeNotSup, 0, "num_handles: Windows only")
}
