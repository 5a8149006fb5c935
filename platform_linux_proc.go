//go:build linux && cgo

package psutil

/*
#cgo noescape psu_proc_info
#cgo nocallback psu_proc_info
#cgo noescape psu_proc_info_batch
#cgo nocallback psu_proc_info_batch
#cgo noescape psu_proc_footprint
#cgo nocallback psu_proc_footprint
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// Linux process functions: cgo calls into csrc/linux_proc.c,
// csrc/linux_conn.c and csrc/posix_proc.c, and conversion. The wrappers
// that are the same on every OS are in platform_common_proc.go.

var linuxStatus = [256]Status{
	'R': StatusRunning, 'S': StatusSleeping, 'D': StatusDiskSleep,
	'T': StatusStopped, 't': StatusTracingStop, 'Z': StatusZombie,
	'X': StatusDead, 'x': StatusDead, 'K': StatusWakeKill, 'W': StatusWaking,
	'I': StatusIdle, 'P': StatusParked,
}

func linuxStatusOf(c byte) Status {
	if s := linuxStatus[c]; s != "" {
		return s
	}
	return StatusUnknown
}

func procRead(pid int, want uint32, st *procStat) error {
	var ci C.psu_proc_info_t
	var e C.psu_err_t
	ci.have = C.uint32_t(st.have)
	rc := C.psu_proc_info(C.int64_t(pid), C.uint32_t(want), &ci, &e)
	fillStat(&ci, st)
	if rc != 0 {
		return cerrV(rc, e)
	}
	return nil
}

// procReadBatch is procRead for many pids with one cgo call per
// procBatch pids. errs[i] is the error of pids[i].
func procReadBatch(pids []int, want uint32, sts []procStat, errs []error) {
	var cp [procBatch]C.int64_t
	var ci [procBatch]C.psu_proc_info_t
	var ce [procBatch]C.psu_err_t
	for start := 0; start < len(pids); start += procBatch {
		n := min(procBatch, len(pids)-start)
		for j := 0; j < n; j++ {
			cp[j] = C.int64_t(pids[start+j])
			ci[j] = C.psu_proc_info_t{}
			ci[j].have = C.uint32_t(sts[start+j].have)
		}
		C.psu_proc_info_batch(&cp[0], C.size_t(n), C.uint32_t(want), &ci[0], &ce[0])
		for j := 0; j < n; j++ {
			fillStat(&ci[j], &sts[start+j])
			errs[start+j] = nil
			if ce[j].code != 0 {
				errs[start+j] = cerrV(ce[j].code, ce[j])
			}
		}
	}
}

// fillStat copies the parts C filled into st (reusing st.name when the
// bytes are unchanged).
func fillStat(ci *C.psu_proc_info_t, st *procStat) {
	got := uint32(ci.have) &^ st.have
	if got&procPartStat != 0 {
		nb := unsafe.Slice((*byte)(unsafe.Pointer(&ci.name[0])), int(ci.name_len))
		if st.name != string(nb) { // no allocation for the comparison
			st.name = string(nb)
		}
		st.status = linuxStatusOf(byte(ci.state))
		st.ppid = int(ci.ppid)
		st.ttyNr = uint64(ci.tty_nr)
		st.ident = uint64(ci.ident)
		st.createTime = float64(ci.create_time)
		st.cpuNum = int32(ci.cpu_num)
		st.times = ProcessCPUTimesStat{
			User: float64(ci.user), System: float64(ci.system),
			ChildrenUser: float64(ci.children_user), ChildrenSystem: float64(ci.children_system),
			IOWait: float64(ci.iowait),
		}
	}
	if got&procPartStatus != 0 {
		st.uids = IDsStat{int(ci.uid[0]), int(ci.uid[1]), int(ci.uid[2])}
		st.gids = IDsStat{int(ci.gid[0]), int(ci.gid[1]), int(ci.gid[2])}
		st.numThreads = int(ci.num_threads)
		st.ctxSwitches = NumCtxSwitchesStat{uint64(ci.vol_ctxsw), uint64(ci.nonvol_ctxsw)}
	}
	if got&procPartMem != 0 {
		st.mem = MemoryInfoStat{
			RSS: uint64(ci.rss), VMS: uint64(ci.vms), Shared: uint64(ci.shared),
			Text: uint64(ci.text), Lib: uint64(ci.lib), Data: uint64(ci.data), Dirty: uint64(ci.dirty),
		}
	}
	if got&procPartFoot != 0 {
		st.foot = procFootprint{uss: uint64(ci.uss), pss: uint64(ci.pss), swap: uint64(ci.swap)}
	}
	st.have |= got
}

// cerrV is cerr taking the record by value, so that the caller's record
// stays on the stack (hot paths call C with noescape).
func cerrV(rc C.int, e C.psu_err_t) error { return cerr(rc, &e) }

func cBytes(f func(**C.char, *C.size_t, *C.psu_err_t) C.int) ([]byte, error) {
	var p *C.char
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(f(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoBytes(unsafe.Pointer(p), C.int(n)), nil
}

func cString(f func(**C.char, *C.size_t, *C.psu_err_t) C.int) (string, error) {
	var p *C.char
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(f(&p, &n, &e), &e); err != nil {
		return "", err
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoStringN(p, C.int(n)), nil
}

func procExe(pid int) (string, error) {
	return cString(func(p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_exe(C.int64_t(pid), p, n, e)
	})
}

func procCwd(pid int) (string, error) {
	return cString(func(p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cwd(C.int64_t(pid), p, n, e)
	})
}

func procCmdline(pid int) ([]string, error) {
	b, err := cBytes(func(p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_cmdline(C.int64_t(pid), p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return splitCmdline(b), nil
}

// splitCmdline splits /proc/PID/cmdline as psutil does: on NULs when the
// block ends with one, else on spaces (setproctitle rewrites), and on
// spaces too for a single NUL-terminated argument that holds spaces.
func splitCmdline(b []byte) []string {
	if len(b) == 0 {
		return []string{}
	}
	sep := byte(' ')
	if b[len(b)-1] == 0 {
		sep = 0
	}
	if b[len(b)-1] == sep {
		b = b[:len(b)-1]
	}
	parts := bytes.Split(b, []byte{sep})
	if sep == 0 && len(parts) == 1 && bytes.IndexByte(b, ' ') >= 0 {
		parts = bytes.Split(b, []byte{' '})
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(p)
	}
	return out
}

func procEnviron(pid int) (map[string]string, error) {
	b, err := cBytes(func(p **C.char, n *C.size_t, e *C.psu_err_t) C.int {
		return C.psu_proc_environ(C.int64_t(pid), p, n, e)
	})
	if err != nil {
		return nil, err
	}
	return parseEnvironBlock(b), nil
}

// parseEnvironBlock parses NUL-separated KEY=VALUE entries, stopping at an
// empty entry and skipping entries without a key, as psutil does.
func parseEnvironBlock(b []byte) map[string]string {
	m := make(map[string]string)
	for len(b) > 0 {
		i := bytes.IndexByte(b, 0)
		var ent []byte
		if i < 0 {
			ent, b = b, nil
		} else {
			ent, b = b[:i], b[i+1:]
		}
		if len(ent) == 0 {
			break
		}
		if eq := bytes.IndexByte(ent, '='); eq > 0 {
			m[string(ent[:eq])] = string(ent[eq+1:])
		}
	}
	return m
}

// User names by uid, cached (psutil calls pwd.getpwuid every time).
var userCache struct {
	sync.RWMutex
	m map[int]string
}

func lookupUsername(uid int) string {
	userCache.RLock()
	s, ok := userCache.m[uid]
	userCache.RUnlock()
	if ok {
		return s
	}
	var buf [256]C.char
	var e C.psu_err_t
	if C.psu_posix_username(C.int64_t(uid), &buf[0], C.size_t(len(buf)), &e) == 0 {
		s = C.GoString(&buf[0])
	} else {
		s = itoa(uid)
	}
	userCache.Lock()
	if userCache.m == nil {
		userCache.m = make(map[int]string)
	}
	userCache.m[uid] = s
	userCache.Unlock()
	return s
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b [24]byte
	i := len(b)
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func procUsername(pid int, st *procStat) (string, error) {
	if st.have&procPartStatus == 0 {
		if err := procRead(pid, procPartStatus, st); err != nil {
			return "", err
		}
	}
	return lookupUsername(st.uids.Real), nil
}

// The tty map: st_rdev of /dev/tty* and /dev/pts/* → path, refreshed once
// on a miss (psutil's _psposix.get_terminal_map).
var ttyMap struct {
	sync.Mutex
	m    map[uint64]string
	when time.Time
}

func loadTTYMap() map[uint64]string {
	m := make(map[uint64]string)
	for _, pat := range []string{"/dev/tty*", "/dev/pts/*"} {
		names, _ := filepath.Glob(pat)
		for _, n := range names {
			fi, err := os.Stat(n)
			if err != nil {
				continue
			}
			if s, ok := fi.Sys().(*syscall.Stat_t); ok {
				m[uint64(s.Rdev)] = n
			}
		}
	}
	return m
}

func procTerminal(pid int, st *procStat) (string, error) {
	if st.have&procPartStat == 0 {
		if err := procRead(pid, procPartStat, st); err != nil {
			return "", err
		}
	}
	if st.ttyNr == 0 {
		return "", nil
	}
	ttyMap.Lock()
	defer ttyMap.Unlock()
	if t, ok := ttyMap.m[st.ttyNr]; ok {
		return t, nil
	}
	if ttyMap.m == nil || time.Since(ttyMap.when) > time.Second {
		ttyMap.m, ttyMap.when = loadTTYMap(), time.Now()
	}
	return ttyMap.m[st.ttyNr], nil
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
	var s, h C.int64_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_rlimit(C.int64_t(pid), C.int(resource), &s, &h, &e), &e); err != nil {
		return RlimitStat{}, err
	}
	return RlimitStat{Soft: int64(s), Hard: int64(h)}, nil
}

func procSetRlimit(pid int, ident uint64, resource int, lim RlimitStat) error {
	var e C.psu_err_t
	return cerr(C.psu_proc_set_rlimit(C.int64_t(pid), C.uint64_t(ident), C.int(resource),
		C.int64_t(lim.Soft), C.int64_t(lim.Hard), &e), &e)
}

func procIOCounters(pid int) (ProcessIOCountersStat, error) {
	var io C.psu_proc_io_t
	var e C.psu_err_t
	if err := cerr(C.psu_proc_io_counters(C.int64_t(pid), &io, &e), &e); err != nil {
		return ProcessIOCountersStat{}, err
	}
	return ProcessIOCountersStat{
		ReadCount: uint64(io.read_count), WriteCount: uint64(io.write_count),
		ReadBytes: uint64(io.read_bytes), WriteBytes: uint64(io.write_bytes),
		ReadChars: uint64(io.read_chars), WriteChars: uint64(io.write_chars),
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
		if c > 1<<30 {
			return ErrInvalidArgument
		}
		dst[i] = int32(c)
	}
	return cerr(C.psu_proc_set_cpu_affinity(C.int64_t(pid), C.uint64_t(ident), cs, C.size_t(len(cpus)), &e), &e)
}

func procMemoryFootprint(pid int) (procFootprint, error) {
	var f C.psu_proc_footprint_t
	var e C.psu_err_t
	if rc := C.psu_proc_footprint(C.int64_t(pid), &f, &e); rc != 0 {
		return procFootprint{}, cerrV(rc, e)
	}
	return procFootprint{uss: uint64(f.uss), pss: uint64(f.pss), swap: uint64(f.swap)}, nil
}

func procMemoryMaps(pid int, grouped bool) ([]MemoryMapStat, error) {
	var p *C.psu_proc_mmap_t
	var n C.size_t
	var e C.psu_err_t
	g := C.int(0)
	if grouped {
		g = 1
	}
	if err := cerr(C.psu_proc_memory_maps(C.int64_t(pid), g, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]MemoryMapStat, len(src))
	for i := range src {
		m := &src[i]
		out[i] = MemoryMapStat{
			Path: C.GoStringN(m.path, C.int(m.path_len)),
			RSS:  uint64(m.rss), Size: uint64(m.size), PSS: uint64(m.pss),
			SharedClean: uint64(m.shared_clean), SharedDirty: uint64(m.shared_dirty),
			PrivateClean: uint64(m.private_clean), PrivateDirty: uint64(m.private_dirty),
			Referenced: uint64(m.referenced), Anonymous: uint64(m.anonymous), Swap: uint64(m.swap),
		}
		if !grouped {
			out[i].Addr = C.GoString(&m.addr[0])
			out[i].Perms = C.GoString(&m.perms[0])
		}
	}
	return out, nil
}

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
		out[i] = OpenFileStat{
			Path: C.GoStringN(f.path, C.int(f.path_len)), FD: int(f.fd),
			Position: int64(f.position), Mode: C.GoString(&f.mode[0]), Flags: int(f.flags),
		}
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

var linuxConnKind = map[ConnKind]C.uint{
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

var linuxTCPState = [...]ConnStatus{
	1: ConnEstablished, 2: ConnSynSent, 3: ConnSynRecv, 4: ConnFinWait1,
	5: ConnFinWait2, 6: ConnTimeWait, 7: ConnClose, 8: ConnCloseWait,
	9: ConnLastAck, 10: ConnListen, 11: ConnClosing,
}

func procNetConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	bits, ok := linuxConnKind[kind]
	if !ok {
		return nil, ErrInvalidArgument
	}
	var p *C.psu_conn_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_net_connections(C.int64_t(pid), bits, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]ConnectionStat, 0, len(src))
	for i := range src {
		c := &src[i]
		cs := ConnectionStat{
			FD: int(c.fd), PID: int(c.pid), Family: int(c.family), Type: int(c._type),
			Laddr:  ConnAddr{IP: C.GoString(&c.laddr[0]), Port: int(c.lport)},
			Raddr:  ConnAddr{IP: C.GoString(&c.raddr[0]), Port: int(c.rport)},
			Status: ConnNone,
		}
		if int(c.family) != AF_UNIX && int(c._type) == SOCK_STREAM && int(c.status) < len(linuxTCPState) && linuxTCPState[c.status] != "" {
			cs.Status = linuxTCPState[c.status]
		}
		if pid >= 0 {
			cs.PID = pid
		}
		out = append(out, cs)
	}
	return out, nil
}

// procNumHandles is Windows only (psutil num_handles()).
func procNumHandles(pid int) (int, error) {
	return 0, makeErr(codeNotSup, 0, "num_handles: Windows only")
}
