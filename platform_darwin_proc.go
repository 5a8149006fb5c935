//go:build darwin && cgo

package psutil

/*
#include <stdlib.h>
#include <signal.h>
#include "psu.h"
#include "darwin-internal.h"
*/
import "C"

import (
	"errors"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

// The process API on macOS: thin wrappers over csrc/darwin_proc.c (the
// psu_proc.h prototypes; the wrappers that are the same on every OS are in
// platform_common_proc.go); the contract is in stub_proc.go. psutil has no
// memory_maps, cpu_affinity, ionice, rlimit or io_counters on macOS.

// PSU_CONN_* must match darwin_logic.go's connBit*.
var _ = [1]struct{}{}[C.PSU_CONN_TCP4^connBitTCP4|C.PSU_CONN_TCP6^connBitTCP6|
	C.PSU_CONN_UDP4^connBitUDP4|C.PSU_CONN_UDP6^connBitUDP6|C.PSU_CONN_UNIX^connBitUnix]

func errDarwinNotSup(what string) error {
	return makeErr(codeNotSup, 0, what+": not on macOS")
}

func procRead(pid int, want uint32, st *procStat) error {
	var ci C.psu_proc_info_t
	var e C.psu_err_t
	ci.have = C.uint32_t(st.have)
	rc := C.psu_proc_info(C.int64_t(pid), C.uint32_t(want), &ci, &e)
	got := uint32(ci.have) &^ st.have
	if got&procPartStat != 0 {
		st.name = C.GoStringN(&ci.name[0], C.int(ci.name_len))
		st.status = darwinStatusOf(byte(ci.state))
		st.ppid = int(ci.ppid)
		st.ttyNr = uint64(ci.tty_nr)
		st.ident = uint64(ci.ident)
		st.createTime = float64(ci.create_time)
		st.cpuNum = int32(ci.cpu_num)
	}
	if got&procPartStatus != 0 {
		st.uids = IDsStat{int(ci.uid[0]), int(ci.uid[1]), int(ci.uid[2])}
		st.gids = IDsStat{int(ci.gid[0]), int(ci.gid[1]), int(ci.gid[2])}
	}
	if got&procPartTask != 0 { // PROC_PIDTASKINFO (see procPartTask)
		st.times = ProcessCPUTimesStat{User: float64(ci.user), System: float64(ci.system)}
		st.numThreads = int(ci.num_threads)
		st.ctxSwitches = NumCtxSwitchesStat{Voluntary: uint64(ci.vol_ctxsw), Involuntary: uint64(ci.nonvol_ctxsw)}
	}
	if got&procPartMem != 0 {
		st.mem = MemoryInfoStat{RSS: uint64(ci.rss), VMS: uint64(ci.vms)}
	}
	st.have |= got
	return cerr(rc, &e)
}

func darwinBytes(pid int, f func(C.int64_t, **C.char, *C.size_t, *C.psu_err_t) C.int) ([]byte, error) {
	var p *C.char
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(f(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n)), nil
}

func procExe(pid int) (string, error) {
	b, err := darwinBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_exe(pid, p, n, e)
	})
	return string(b), err
}

func procCwd(pid int) (string, error) {
	b, err := darwinBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cwd(pid, p, n, e)
	})
	return string(b), err
}

func procCmdline(pid int) ([]string, error) {
	b, err := darwinBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cmdline(pid, p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return darwinSplitArgs(b), nil
}

func procEnviron(pid int) (map[string]string, error) {
	b, err := darwinBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_environ(pid, p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return darwinEnviron(b), nil
}

// procUsername looks up the real uid (st has procPartStatus); a uid
// without a name gives the uid in decimal, as psutil.
func procUsername(pid int, st *procStat) (string, error) {
	var buf [256]C.char
	var e C.psu_err_t
	uid := st.uids.Real
	rc := C.psu_posix_username(C.int64_t(uid), &buf[0], C.size_t(len(buf)), &e)
	if err := cerr(rc, &e); err != nil {
		if errors.Is(err, ErrNotFound) {
			return strconv.Itoa(uid), nil
		}
		return "", err
	}
	return C.GoString(&buf[0]), nil
}

func procTerminal(pid int, st *procStat) (string, error) {
	var buf [128]C.char
	var e C.psu_err_t
	rc := C.psu__darwin_terminal(C.uint64_t(st.ttyNr), &buf[0], C.size_t(len(buf)), &e)
	if err := cerr(rc, &e); err != nil {
		return "", err
	}
	return C.GoString(&buf[0]), nil
}

func procIONice(pid int) (IONiceStat, error) { return IONiceStat{}, errDarwinNotSup("ionice") }
func procSetIONice(pid int, ident uint64, class IOPriorityClass, value int) error {
	return errDarwinNotSup("ionice")
}
func procRlimit(pid int, resource int) (RlimitStat, error) {
	return RlimitStat{}, errDarwinNotSup("rlimit")
}
func procSetRlimit(pid int, ident uint64, resource int, lim RlimitStat) error {
	return errDarwinNotSup("rlimit")
}
func procIOCounters(pid int) (ProcessIOCountersStat, error) {
	return ProcessIOCountersStat{}, errDarwinNotSup("io_counters")
}
func procCPUAffinity(pid int) ([]int, error) { return nil, errDarwinNotSup("cpu_affinity") }
func procSetCPUAffinity(pid int, ident uint64, cpus []int) error {
	return errDarwinNotSup("cpu_affinity")
}
func procMemoryMaps(pid int, grouped bool) ([]MemoryMapStat, error) {
	return nil, errDarwinNotSup("memory_maps")
}

func procNumFDs(pid int) (int, error) {
	var v C.int64_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_num_fds(C.int64_t(pid), &v, &e), &e); err != nil {
		return 0, err
	}
	return int(v), nil
}

func procMemoryFootprint(pid int) (procFootprint, error) {
	var f C.psu_proc_footprint_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_footprint(C.int64_t(pid), &f, &e), &e); err != nil {
		return procFootprint{}, err
	}
	return procFootprint{uss: uint64(f.uss), pss: uint64(f.pss), swap: uint64(f.swap)}, nil
}

func procOpenFiles(pid int) ([]OpenFileStat, error) {
	var p *C.psu_proc_open_file_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_open_files(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]OpenFileStat, int(n))
	for i, f := range unsafe.Slice(p, int(n)) {
		out[i] = OpenFileStat{Path: C.GoStringN(f.path, C.int(f.path_len)), FD: int(f.fd)}
	}
	return out, nil
}

// procNetConnections: pid < 0 lists every process (AccessDenied unless
// root, as psutil on macOS).
func procNetConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	var p *C.psu_conn_t
	var n C.size_t
	var e C.psu_err_t
	rc := C.psu_net_connections(C.int64_t(pid), C.uint(connKindBits(kind)), &p, &n, &e)
	if err := cerr(rc, &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]ConnectionStat, 0, int(n))
	for _, c := range unsafe.Slice(p, int(n)) {
		cs := ConnectionStat{
			FD:     int(c.fd),
			Family: darwinFamily(int(c.family)),
			Type:   int(c._type),
			Status: darwinTCPStatus(int(c.status)),
			PID:    -1,
		}
		if pid < 0 {
			cs.PID = int(c.pid)
		}
		la, ra := C.GoString(&c.laddr[0]), C.GoString(&c.raddr[0])
		if cs.Family == AF_UNIX {
			cs.Laddr, cs.Raddr = ConnAddr{IP: la}, ConnAddr{IP: ra}
		} else {
			cs.Laddr = ConnAddr{IP: la, Port: int(c.lport)}
			if c.rport != 0 {
				cs.Raddr = ConnAddr{IP: ra, Port: int(c.rport)}
			}
		}
		out = append(out, cs)
	}
	return out, nil
}

func procSuspend(pid int, ident uint64) error { return procSignal(pid, ident, syscall.SIGSTOP) }
func procResume(pid int, ident uint64) error  { return procSignal(pid, ident, syscall.SIGCONT) }

func procWait(pid int, ident uint64, timeout time.Duration) (int, error) {
	var code C.int32_t
	var e C.psu_err_t
	rc := C.psu_proc_wait(C.int64_t(pid), C.uint64_t(ident), C.int64_t(timeout/time.Millisecond), &code, &e)
	if err := cerr(rc, &e); err != nil {
		return 0, err
	}
	if code == C.PSU_EXIT_UNKNOWN {
		return ExitCodeUnknown, nil
	}
	return int(code), nil
}

// procNumHandles is Windows only (psutil num_handles()).
func procNumHandles(pid int) (int, error) {
	return 0, makeErr(codeNotSup, 0, "num_handles: Windows only")
}
