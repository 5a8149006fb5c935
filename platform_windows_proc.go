//go:build windows && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import (
	"strings"
	"time"
	"unsafe"
)

// The process API on Windows: thin wrappers over csrc/windows_proc.c and
// csrc/windows_net.c (the ones that are the same on every OS are in
// platform_common_proc.go); the contract is in stub_proc.go.

// winProcOneshot reads one entry of the NT process table (plus
// GetProcessMemoryInfo when the process can be opened).
func winProcOneshot(pid int, flags C.uint) (C.psu_win_proc_t, error) {
	var e C.psu_err_t
	var w C.psu_win_proc_t
	err := cerr(C.psu_win_proc_oneshot(C.int64_t(pid), flags, &w, &e), &e)
	return w, err
}

// procRead fills every part at once from the process table; the memory
// part comes from GetProcessMemoryInfo when asked for (psutil
// memory_info), else from the table.
func procRead(pid int, want uint32, st *procStat) error {
	var flags C.uint
	if want&procPartMem != 0 {
		flags = C.PSU_WIN_PROC_MEMINFO
	}
	w, err := winProcOneshot(pid, flags)
	if err != nil {
		return err
	}
	st.ident = uint64(w.create_ticks)
	st.createTime = float64(w.create_time)
	st.ppid = int(w.ppid)
	st.name = C.GoString(&w.name[0])
	st.status = StatusRunning
	if w.suspended != 0 {
		st.status = StatusStopped
	}
	st.cpuNum = -1
	st.times = ProcessCPUTimesStat{User: float64(w.user), System: float64(w.system)}
	st.numThreads = int(w.num_threads)
	st.ctxSwitches = NumCtxSwitchesStat{Voluntary: uint64(w.ctx_switches)}
	st.mem = MemoryInfoStat{
		RSS:              uint64(w.wset),
		VMS:              uint64(w.pagefile),
		NumPageFaults:    uint64(w.num_page_faults),
		PeakWset:         uint64(w.peak_wset),
		Wset:             uint64(w.wset),
		PeakPagedPool:    uint64(w.peak_paged_pool),
		PagedPool:        uint64(w.paged_pool),
		PeakNonPagedPool: uint64(w.peak_nonpaged_pool),
		NonPagedPool:     uint64(w.nonpaged_pool),
		Pagefile:         uint64(w.pagefile),
		PeakPagefile:     uint64(w.peak_pagefile),
		Private:          uint64(w.private_bytes),
	}
	st.have |= procPartAll
	return nil
}

// procNumHandles is psutil's num_handles() (Windows only): the handle
// count of the process table.
func procNumHandles(pid int) (int, error) {
	w, err := winProcOneshot(pid, 0)
	if err != nil {
		return 0, err
	}
	return int(w.num_handles), nil
}

// winBytes calls a psu_proc_* function returning a malloc'd block.
func winBytes(pid int, f func(C.int64_t, **C.char, *C.size_t, *C.psu_err_t) C.int) ([]byte, error) {
	var e C.psu_err_t
	var p *C.char
	var n C.size_t
	if err := cerr(f(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n)), nil
}

func procExe(pid int) (string, error) {
	b, err := winBytes(pid, func(p C.int64_t, o **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_exe(p, o, n, e)
	})
	return string(b), err
}

// splitNUL splits a block of NUL-terminated strings.
func splitNUL(b []byte) []string {
	out := []string{}
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != 0 {
			i++
		}
		out = append(out, string(b[:i]))
		if i == len(b) {
			break
		}
		b = b[i+1:]
	}
	return out
}

func procCmdline(pid int) ([]string, error) {
	b, err := winBytes(pid, func(p C.int64_t, o **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cmdline(p, o, n, e)
	})
	if err != nil {
		return nil, err
	}
	return splitNUL(b), nil
}

// procEnviron: psutil's parse_environ_block on Windows: entries without a
// key (such as the "=C:=C:\dir" drive entries) are skipped and keys are
// upper-cased.
func procEnviron(pid int) (map[string]string, error) {
	b, err := winBytes(pid, func(p C.int64_t, o **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_environ(p, o, n, e)
	})
	if err != nil {
		return nil, err
	}
	m := make(map[string]string)
	for _, kv := range splitNUL(b) {
		i := strings.IndexByte(kv, '=')
		if i <= 0 {
			continue
		}
		m[strings.ToUpper(kv[:i])] = kv[i+1:]
	}
	return m, nil
}

// procCwd: psutil normalizes the path (no trailing separator except for a
// drive root).
func procCwd(pid int) (string, error) {
	b, err := winBytes(pid, func(p C.int64_t, o **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cwd(p, o, n, e)
	})
	if err != nil {
		return "", err
	}
	s := string(b)
	if len(s) > 3 && strings.HasSuffix(s, `\`) {
		s = s[:len(s)-1]
	}
	return s, nil
}

func procUsername(pid int, st *procStat) (string, error) {
	var e C.psu_err_t
	var buf [512]C.char
	if err := cerr(C.psu_win_proc_username(C.int64_t(pid), &buf[0], C.size_t(len(buf)), &e), &e); err != nil {
		return "", err
	}
	return C.GoString(&buf[0]), nil
}

func procTerminal(pid int, st *procStat) (string, error) {
	return "", makeErr(codeNotSup, 0, "terminal: POSIX only")
}

// procIONice: on Windows Class holds psutil's IOPRIO_VERYLOW (0), LOW (1),
// NORMAL (2) or HIGH (3) and Value is 0.
func procIONice(pid int) (IONiceStat, error) {
	var e C.psu_err_t
	var cl, v C.int
	if err := cerr(C.psu_proc_ionice(C.int64_t(pid), &cl, &v, &e), &e); err != nil {
		return IONiceStat{}, err
	}
	return IONiceStat{Class: IOPriorityClass(cl), Value: int(v)}, nil
}

func procSetIONice(pid int, ident uint64, class IOPriorityClass, value int) error {
	var e C.psu_err_t
	return cerr(C.psu_proc_set_ionice(C.int64_t(pid), C.uint64_t(ident), C.int(class), C.int(value), &e), &e)
}

func procRlimit(pid int, resource int) (RlimitStat, error) {
	return RlimitStat{}, makeErr(codeNotSup, 0, "rlimit: Linux and FreeBSD only")
}

func procSetRlimit(pid int, ident uint64, resource int, lim RlimitStat) error {
	return makeErr(codeNotSup, 0, "rlimit: Linux and FreeBSD only")
}

func procIOCounters(pid int) (ProcessIOCountersStat, error) {
	var e C.psu_err_t
	var io C.psu_win_proc_io_t
	if err := cerr(C.psu_win_proc_io_counters(C.int64_t(pid), &io, &e), &e); err != nil {
		return ProcessIOCountersStat{}, err
	}
	return ProcessIOCountersStat{
		ReadCount:  uint64(io.read_count),
		WriteCount: uint64(io.write_count),
		ReadBytes:  uint64(io.read_bytes),
		WriteBytes: uint64(io.write_bytes),
		OtherCount: uint64(io.other_count),
		OtherBytes: uint64(io.other_bytes),
	}, nil
}

func procNumFDs(pid int) (int, error) {
	return 0, makeErr(codeNotSup, 0, "num_fds: POSIX only (see num_handles)")
}

func procCPUAffinity(pid int) ([]int, error) {
	var e C.psu_err_t
	var p *C.int32_t
	var n C.size_t
	if err := cerr(C.psu_proc_cpu_affinity(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]int, int(n))
	for i, c := range unsafe.Slice(p, int(n)) {
		out[i] = int(c)
	}
	return out, nil
}

func procSetCPUAffinity(pid int, ident uint64, cpus []int) error {
	cs := make([]C.int32_t, len(cpus)+1)
	for i, c := range cpus {
		if c < 0 || c > 1<<20 {
			return ErrInvalidArgument
		}
		cs[i] = C.int32_t(c)
	}
	var e C.psu_err_t
	return cerr(C.psu_proc_set_cpu_affinity(C.int64_t(pid), C.uint64_t(ident), &cs[0], C.size_t(len(cpus)), &e), &e)
}

func procMemoryFootprint(pid int) (procFootprint, error) {
	var e C.psu_err_t
	var f C.psu_proc_footprint_t
	if err := cerr(C.psu_proc_footprint(C.int64_t(pid), &f, &e), &e); err != nil {
		return procFootprint{}, err
	}
	return procFootprint{uss: uint64(f.uss), pss: uint64(f.pss), swap: uint64(f.swap)}, nil
}

func procMemoryMaps(pid int, grouped bool) ([]MemoryMapStat, error) {
	var e C.psu_err_t
	var p *C.psu_proc_mmap_t
	var n C.size_t
	g := C.int(0)
	if grouped {
		g = 1
	}
	if err := cerr(C.psu_proc_memory_maps(C.int64_t(pid), g, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]MemoryMapStat, int(n))
	for i, m := range unsafe.Slice(p, int(n)) {
		out[i] = MemoryMapStat{
			Path: C.GoStringN(m.path, C.int(m.path_len)),
			RSS:  uint64(m.rss),
		}
		if !grouped {
			out[i].Addr = C.GoString(&m.addr[0])
			out[i].Perms = C.GoString(&m.perms[0])
		}
	}
	return out, nil
}

func procOpenFiles(pid int) ([]OpenFileStat, error) {
	var e C.psu_err_t
	var p *C.psu_proc_open_file_t
	var n C.size_t
	if err := cerr(C.psu_proc_open_files(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]OpenFileStat, int(n))
	for i, f := range unsafe.Slice(p, int(n)) {
		out[i] = OpenFileStat{Path: C.GoStringN(f.path, C.int(f.path_len)), FD: -1}
	}
	return out, nil
}

var winConnKindBits = map[ConnKind]C.uint{
	ConnTCP4: C.PSU_CONN_TCP4, ConnTCP6: C.PSU_CONN_TCP6,
	ConnUDP4: C.PSU_CONN_UDP4, ConnUDP6: C.PSU_CONN_UDP6,
	ConnTCP:   C.PSU_CONN_TCP4 | C.PSU_CONN_TCP6,
	ConnUDP:   C.PSU_CONN_UDP4 | C.PSU_CONN_UDP6,
	ConnInet4: C.PSU_CONN_TCP4 | C.PSU_CONN_UDP4,
	ConnInet6: C.PSU_CONN_TCP6 | C.PSU_CONN_UDP6,
	ConnInet:  C.PSU_CONN_TCP4 | C.PSU_CONN_TCP6 | C.PSU_CONN_UDP4 | C.PSU_CONN_UDP6,
	ConnUnix:  C.PSU_CONN_UNIX,
	ConnAll:   C.PSU_CONN_TCP4 | C.PSU_CONN_TCP6 | C.PSU_CONN_UDP4 | C.PSU_CONN_UDP6 | C.PSU_CONN_UNIX,
}

// Linux TCP state numbers (as csrc/windows_net.c reports them), plus 12
// for Windows' DELETE_TCB.
var winTCPStates = [...]ConnStatus{
	1: ConnEstablished, 2: ConnSynSent, 3: ConnSynRecv, 4: ConnFinWait1,
	5: ConnFinWait2, 6: ConnTimeWait, 7: ConnClose, 8: ConnCloseWait,
	9: ConnLastAck, 10: ConnListen, 11: ConnClosing, 12: ConnDeleteTCB,
}

func procNetConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	bits, ok := winConnKindBits[kind]
	if !ok {
		return nil, ErrInvalidArgument
	}
	var e C.psu_err_t
	var p *C.psu_conn_t
	var n C.size_t
	if err := cerr(C.psu_net_connections(C.int64_t(pid), bits, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]ConnectionStat, 0, len(src))
	for i := range src {
		c := &src[i]
		cs := ConnectionStat{FD: -1, PID: int(c.pid), Family: int(c.family), Type: int(c._type), Status: ConnNone}
		if ip := C.GoString(&c.laddr[0]); ip != "" {
			cs.Laddr = ConnAddr{IP: ip, Port: int(c.lport)}
		}
		if ip := C.GoString(&c.raddr[0]); ip != "" {
			cs.Raddr = ConnAddr{IP: ip, Port: int(c.rport)}
		}
		if cs.Type == SOCK_STREAM && int(c.status) > 0 && int(c.status) < len(winTCPStates) {
			cs.Status = winTCPStates[c.status]
		}
		out = append(out, cs)
	}
	return out, nil
}

func procSuspend(pid int, ident uint64) error {
	var e C.psu_err_t
	return cerr(C.psu_win_proc_suspend(C.int64_t(pid), C.uint64_t(ident), &e), &e)
}

func procResume(pid int, ident uint64) error {
	var e C.psu_err_t
	return cerr(C.psu_win_proc_resume(C.int64_t(pid), C.uint64_t(ident), &e), &e)
}

func procWait(pid int, ident uint64, timeout time.Duration) (int, error) {
	var e C.psu_err_t
	var code C.int32_t
	ms := timeout.Milliseconds()
	if timeout > 0 && ms == 0 {
		ms = 1
	}
	if err := cerr(C.psu_proc_wait(C.int64_t(pid), C.uint64_t(ident), C.int64_t(ms), &code, &e), &e); err != nil {
		return 0, err
	}
	if code == C.PSU_EXIT_UNKNOWN {
		return ExitCodeUnknown, nil
	}
	return int(code), nil
}
