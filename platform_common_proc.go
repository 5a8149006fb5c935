//go:build cgo && (linux || windows || darwin || freebsd || openbsd || netbsd)

package psutil

/*
#include "psu.h"
*/
import "C"

import (
	"syscall"
	"unsafe"
)

// The parts of the process API that are the same on every OS with a C
// core: csrc/psu_proc.h has the same functions and structs everywhere, so
// these only call C and convert. What differs per OS lives in
// platform_linux_proc.go, platform_windows_proc.go, platform_darwin_proc.go
// and platform_bsd_proc.go; the contract is in stub_proc.go.

func procPids() ([]int, error) {
	var p *C.int64_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_pids(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]int, len(src))
	for i, v := range src {
		out[i] = int(v)
	}
	return out, nil
}

func procPidExists(pid int) (bool, error) {
	var ex C.int
	var e C.psu_err_t
	if err := cerr(C.psu_pid_exists(C.int64_t(pid), &ex, &e), &e); err != nil {
		return false, err
	}
	return ex != 0, nil
}

// procPPIDMap: psu_proc_ppid_map returns n (pid, ppid) pairs.
func procPPIDMap() (map[int]int, error) {
	var p *C.int64_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_ppid_map(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, 2*int(n))
	m := make(map[int]int, int(n))
	for i := 0; i+1 < len(src); i += 2 {
		m[int(src[i])] = int(src[i+1])
	}
	return m, nil
}

// procNice: on Windows the priority class (psutil.*_PRIORITY_CLASS values).
func procNice(pid int) (int, error) {
	var v C.int
	var e C.psu_err_t
	if err := cerr(C.psu_proc_nice(C.int64_t(pid), &v, &e), &e); err != nil {
		return 0, err
	}
	return int(v), nil
}

func procSetNice(pid int, ident uint64, value int) error {
	var e C.psu_err_t
	return cerr(C.psu_proc_set_nice(C.int64_t(pid), C.uint64_t(ident), C.int(value), &e), &e)
}

// procSignal: on Windows, 0 checks existence; SIGTERM and SIGKILL both call
// TerminateProcess (exit code = the signal number, as psutil); any other
// signal gives ErrInvalidArgument.
func procSignal(pid int, ident uint64, sig syscall.Signal) error {
	var e C.psu_err_t
	return cerr(C.psu_proc_signal(C.int64_t(pid), C.uint64_t(ident), C.int(sig), &e), &e)
}

func procThreads(pid int) ([]ThreadStat, error) {
	var p *C.psu_proc_thread_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_threads(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]ThreadStat, len(src))
	for i, t := range src {
		out[i] = ThreadStat{ID: int(t.id), UserTime: float64(t.user_time), SystemTime: float64(t.system_time)}
	}
	return out, nil
}

// procMemTotal is total physical memory, for MemoryPercent.
func procMemTotal() (uint64, error) {
	m, err := virtualMemory()
	if err != nil {
		return 0, err
	}
	return m.Total, nil
}
