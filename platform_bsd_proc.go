//go:build (freebsd || openbsd || netbsd) && cgo

package psutil

/*
#include <stdlib.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include "psu.h"
*/
import "C"

import (
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// Process functions on FreeBSD, OpenBSD and NetBSD: cgo calls into
// csrc/bsd_proc.c, csrc/<os>_proc.c and csrc/posix_proc.c, and conversion.
// The per-OS differences (status table, exe, rlimit numbering) are in
// platform_<os>.go; the wrappers that are the same on every OS are in
// platform_common_proc.go; the contract is in stub_proc.go.

// procRead: one kinfo_proc record gives every part at once.
func procRead(pid int, want uint32, st *procStat) error {
	var ci C.psu_proc_info_t
	var e C.psu_err_t
	ci.have = C.uint32_t(st.have)
	rc := C.psu_proc_info(C.int64_t(pid), C.uint32_t(want), &ci, &e)
	got := uint32(ci.have) &^ st.have
	if got&procPartStat != 0 {
		st.name = C.GoStringN(&ci.name[0], C.int(ci.name_len))
		st.status = bsdStatusOf(int(ci.state))
		st.ppid = int(ci.ppid)
		st.ttyNr = uint64(ci.tty_nr)
		st.ident = uint64(ci.ident)
		st.createTime = float64(ci.create_time)
		st.cpuNum = int32(ci.cpu_num)
		st.times = ProcessCPUTimesStat{
			User: float64(ci.user), System: float64(ci.system),
			ChildrenUser: float64(ci.children_user), ChildrenSystem: float64(ci.children_system),
		}
	}
	if got&procPartStatus != 0 {
		st.uids = IDsStat{int(ci.uid[0]), int(ci.uid[1]), int(ci.uid[2])}
		st.gids = IDsStat{int(ci.gid[0]), int(ci.gid[1]), int(ci.gid[2])}
		st.numThreads = int(ci.num_threads)
		st.ctxSwitches = NumCtxSwitchesStat{Voluntary: uint64(ci.vol_ctxsw), Involuntary: uint64(ci.nonvol_ctxsw)}
	}
	if got&procPartMem != 0 {
		st.mem = MemoryInfoStat{
			RSS: uint64(ci.rss), VMS: uint64(ci.vms), Text: uint64(ci.text),
			Data: uint64(ci.data), Stack: uint64(ci.stack), PeakRSS: uint64(ci.peak_rss),
		}
	}
	st.have |= got
	return cerr(rc, &e)
}

func bsdBytes(pid int, f func(C.int64_t, **C.char, *C.size_t, *C.psu_err_t) C.int) ([]byte, error) {
	var p *C.char
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(f(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n)), nil
}

func bsdCExe(pid int) (string, error) {
	b, err := bsdBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_exe(pid, p, n, e)
	})
	return string(b), err
}

func procCwd(pid int) (string, error) {
	b, err := bsdBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cwd(pid, p, n, e)
	})
	return string(b), err
}

func procCmdline(pid int) ([]string, error) {
	b, err := bsdBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cmdline(pid, p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return bsdSplitArgs(b), nil
}

func procEnviron(pid int) (map[string]string, error) {
	b, err := bsdBytes(pid, func(pid C.int64_t, p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_environ(pid, p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return bsdEnviron(b), nil
}

var bsdUsers struct {
	sync.RWMutex
	m map[int]string
}

func procUsername(pid int, st *procStat) (string, error) {
	if st.have&procPartStatus == 0 {
		if err := procRead(pid, procPartStatus, st); err != nil {
			return "", err
		}
	}
	uid := st.uids.Real
	bsdUsers.RLock()
	s, ok := bsdUsers.m[uid]
	bsdUsers.RUnlock()
	if ok {
		return s, nil
	}
	var buf [256]C.char
	var e C.psu_err_t
	if C.psu_posix_username(C.int64_t(uid), &buf[0], C.size_t(len(buf)), &e) == 0 {
		s = C.GoString(&buf[0])
	} else {
		s = formatInt(uid)
	}
	bsdUsers.Lock()
	if bsdUsers.m == nil {
		bsdUsers.m = make(map[int]string)
	}
	bsdUsers.m[uid] = s
	bsdUsers.Unlock()
	return s, nil
}

func formatInt(v int) string {
	var b [24]byte
	i := len(b)
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// devname(3) returns a static buffer on some BSDs.
var devnameMu sync.Mutex

func procTerminal(pid int, st *procStat) (string, error) {
	if st.have&procPartStat == 0 {
		if err := procRead(pid, procPartStat, st); err != nil {
			return "", err
		}
	}
	if st.ttyNr == 0 {
		return "", nil
	}
	devnameMu.Lock()
	p := C.devname(C.dev_t(st.ttyNr), C.S_IFCHR)
	name := ""
	if p != nil {
		name = C.GoString(p)
	}
	devnameMu.Unlock()
	return bsdTerminal(name), nil
}

func procIONice(pid int) (IONiceStat, error) {
	var c, v C.int
	var e C.psu_err_t
	if err := cerr(C.psu_proc_ionice(C.int64_t(pid), &c, &v, &e), &e); err != nil {
		return IONiceStat{}, err
	}
	return IONiceStat{Class: IOPriorityClass(c), Value: int(v)}, nil
}

func procSetIONice(pid int, ident uint64, class IOPriorityClass, value int) error {
	var e C.psu_err_t
	return cerr(C.psu_proc_set_ionice(C.int64_t(pid), C.uint64_t(ident), C.int(class), C.int(value), &e), &e)
}

func procRlimit(pid int, resource int) (RlimitStat, error) {
	res, ok := bsdRlimitResource(resource)
	if !ok {
		return RlimitStat{}, ErrInvalidArgument
	}
	var s, h C.int64_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_rlimit(C.int64_t(pid), C.int(res), &s, &h, &e), &e); err != nil {
		return RlimitStat{}, err
	}
	return RlimitStat{Soft: int64(s), Hard: int64(h)}, nil
}

func procSetRlimit(pid int, ident uint64, resource int, lim RlimitStat) error {
	res, ok := bsdRlimitResource(resource)
	if !ok {
		return ErrInvalidArgument
	}
	var e C.psu_err_t
	return cerr(C.psu_proc_set_rlimit(C.int64_t(pid), C.uint64_t(ident), C.int(res),
		C.int64_t(lim.Soft), C.int64_t(lim.Hard), &e), &e)
}

// procIOCounters: block I/O operations only; ReadBytes and WriteBytes are
// 0 (psutil: -1, "unknown").
func procIOCounters(pid int) (ProcessIOCountersStat, error) {
	var io C.psu_proc_io_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_io_counters(C.int64_t(pid), &io, &e), &e); err != nil {
		return ProcessIOCountersStat{}, err
	}
	return ProcessIOCountersStat{
		ReadCount: uint64(io.read_count), WriteCount: uint64(io.write_count),
		ReadBytes: uint64(io.read_bytes), WriteBytes: uint64(io.write_bytes),
	}, nil
}

func procNumFDs(pid int) (int, error) {
	var n C.int64_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_num_fds(C.int64_t(pid), &n, &e), &e); err != nil {
		return 0, err
	}
	return int(n), nil
}

func procCPUAffinity(pid int) ([]int, error) {
	var p *C.int32_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_cpu_affinity(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice((*int32)(unsafe.Pointer(p)), int(n))
	out := make([]int, len(src))
	for i, v := range src {
		out[i] = int(v)
	}
	return out, nil
}

func procSetCPUAffinity(pid int, ident uint64, cpus []int) error {
	var e C.psu_err_t
	cs := (*C.int32_t)(C.malloc(C.size_t(len(cpus)*4 + 4)))
	defer C.free(unsafe.Pointer(cs))
	dst := unsafe.Slice((*int32)(unsafe.Pointer(cs)), len(cpus))
	for i, c := range cpus {
		if c < 0 || c > 1<<30 {
			return ErrInvalidArgument
		}
		dst[i] = int32(c)
	}
	return cerr(C.psu_proc_set_cpu_affinity(C.int64_t(pid), C.uint64_t(ident), cs, C.size_t(len(cpus)), &e), &e)
}

// procMemoryFootprint: no USS/PSS on the BSDs (ErrNotImplemented).
func procMemoryFootprint(pid int) (procFootprint, error) {
	var f C.psu_proc_footprint_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_footprint(C.int64_t(pid), &f, &e), &e); err != nil {
		return procFootprint{}, err
	}
	return procFootprint{uss: uint64(f.uss), pss: uint64(f.pss), swap: uint64(f.swap)}, nil
}

// procMemoryMaps: FreeBSD only. The C side lists every mapping; grouping
// by path happens here. PrivateDirty holds FreeBSD's private resident
// bytes (psutil's "private" field).
func procMemoryMaps(pid int, grouped bool) ([]MemoryMapStat, error) {
	var p *C.psu_proc_mmap_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_memory_maps(C.int64_t(pid), 0, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]MemoryMapStat, len(src))
	for i := range src {
		m := &src[i]
		out[i] = MemoryMapStat{
			Addr:  C.GoString(&m.addr[0]),
			Perms: C.GoString(&m.perms[0]),
			Path:  C.GoStringN(m.path, C.int(m.path_len)),
			RSS:   uint64(m.rss), Size: uint64(m.size), PrivateDirty: uint64(m.private_dirty),
			Private: uint64(m.private_dirty), // psutil's "private" (kve_private_resident)
		}
	}
	if grouped {
		return bsdGroupMaps(out), nil
	}
	return out, nil
}

// procOpenFiles: regular files. OpenBSD and NetBSD give no path ("").
func procOpenFiles(pid int) ([]OpenFileStat, error) {
	var p *C.psu_proc_open_file_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_open_files(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]OpenFileStat, len(src))
	for i := range src {
		f := &src[i]
		out[i] = OpenFileStat{Path: C.GoStringN(f.path, C.int(f.path_len)), FD: int(f.fd)}
	}
	return out, nil
}

func procNetConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	bits := bsdConnKindBits(kind)
	if bits == 0 {
		return nil, ErrInvalidArgument
	}
	var p *C.psu_conn_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_net_connections(C.int64_t(pid), C.uint(bits), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]ConnectionStat, 0, len(src))
	for i := range src {
		c := &src[i]
		fam := bsdFamily(int(c.family), int(C.AF_INET6))
		cs := ConnectionStat{
			FD: int(c.fd), PID: int(c.pid), Family: fam, Type: int(c._type),
			Laddr:  ConnAddr{IP: C.GoString(&c.laddr[0]), Port: int(c.lport)},
			Raddr:  ConnAddr{IP: C.GoString(&c.raddr[0]), Port: int(c.rport)},
			Status: ConnNone,
		}
		if fam != AF_UNIX && int(c._type) == SOCK_STREAM {
			cs.Status = bsdTCPStatus(int(c.status))
		}
		if pid >= 0 {
			cs.PID = pid
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
	ms := timeout.Milliseconds()
	if ms == 0 && timeout > 0 {
		ms = 1
	}
	if err := cerr(C.psu_proc_wait(C.int64_t(pid), C.uint64_t(ident), C.int64_t(ms), &code, &e), &e); err != nil {
		return 0, err
	}
	return int(code), nil
}

// procNumHandles is Windows only (psutil num_handles()).
func procNumHandles(pid int) (int, error) {
	return 0, makeErr(codeNotSup, 0, "num_handles: Windows only")
}
