//go:build linux && cgo

package psutil

// Thin hooks over the C buffer parsers of csrc/linux*.c for the Go fuzz
// tests (fuzz_linux_test.go). Each one copies the Go bytes into a C buffer
// with a NUL at buf[len] (the parsers' contract: psu__read_file and
// psu__read_small guarantee it), calls the parser and returns a few fields
// as Go values. They are unexported and only used by tests; they live in a
// non-test file because test files cannot use cgo.

/*
#include <stdlib.h>
#include <string.h>
#include "linux-internal.h"
#include "linux-proc-internal.h"
#include "linux-cgroup-internal.h"

// cgo cannot read bit-fields: these return them as ints.
static int fz_status_has(const psu__linux_pid_status_t *s, int k) {
  switch (k) {
  case 0: return s->has_uid;
  case 1: return s->has_gid;
  case 2: return s->has_threads;
  default: return s->has_tgid;
  }
}
static int fz_meminfo_has_available(const psu__linux_meminfo_t *m) {
  return m->has_available;
}
*/
import "C"

import "unsafe"

// fuzzCBuf returns a malloc'd copy of b followed by a NUL.
func fuzzCBuf(b []byte) *C.char {
	p := (*C.char)(C.malloc(C.size_t(len(b) + 1)))
	s := unsafe.Slice((*byte)(unsafe.Pointer(p)), len(b)+1)
	copy(s, b)
	s[len(b)] = 0
	return p
}

// fuzzSpan returns the bytes [p, p+n) that a parser pointed at inside buf,
// and the offset of p in buf (-1 when p is outside [buf, buf+blen]).
func fuzzSpan(buf *C.char, blen int, p *C.char, n C.size_t) ([]byte, int) {
	off := int(uintptr(unsafe.Pointer(p)) - uintptr(unsafe.Pointer(buf)))
	if p == nil || uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(buf)) ||
		off > blen || int(n) > blen-off {
		return nil, -1
	}
	return C.GoBytes(unsafe.Pointer(p), C.int(n)), off
}

type fuzzStat struct {
	rc                        int
	hasTotal                  bool
	total                     CPUTimesStat
	ncpu                      int
	percpu                    []CPUTimesStat
	ctx, intr, softirq, btime uint64
}

func fuzzCPUTimes(t *C.psu_cpu_times_t) CPUTimesStat {
	return CPUTimesStat{User: float64(t.user), System: float64(t.system),
		Idle: float64(t.idle), Nice: float64(t.nice), Iowait: float64(t.iowait),
		Irq: float64(t.irq), Softirq: float64(t.softirq), Steal: float64(t.steal),
		Guest: float64(t.guest), GuestNice: float64(t.guest_nice)}
}

// fuzzParseStat parses /proc/stat with 100 ticks per second and room for
// 8 per-CPU lines.
func fuzzParseStat(b []byte) fuzzStat {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var st C.psu__linux_stat_t
	var per [8]C.psu_cpu_times_t
	var e C.psu_err_t
	rc := C.psu__linux_parse_stat(buf, C.size_t(len(b)), 100, &st, &per[0], 8, &e)
	out := fuzzStat{rc: int(rc), hasTotal: st.has_total != 0, ncpu: int(st.ncpu),
		total: fuzzCPUTimes(&st.total), ctx: uint64(st.stats.ctx_switches),
		intr: uint64(st.stats.interrupts), softirq: uint64(st.stats.soft_interrupts),
		btime: uint64(st.btime)}
	for i := 0; i < out.ncpu && i < len(per); i++ {
		out.percpu = append(out.percpu, fuzzCPUTimes(&per[i]))
	}
	return out
}

type fuzzPidStat struct {
	rc                      int
	name                    []byte
	nameOff                 int // offset of name in the input, -1 if outside
	state                   byte
	ppid                    int64
	ttyNr, minflt, majflt   uint64
	utime, stime, starttime uint64
	cutime, cstime          int64
	processor               int64
	blkio                   uint64
}

func fuzzParsePidStat(b []byte) fuzzPidStat {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var st C.psu__linux_pid_stat_t
	rc := C.psu__linux_parse_pid_stat(buf, C.size_t(len(b)), &st)
	out := fuzzPidStat{rc: int(rc), state: byte(st.state), ppid: int64(st.ppid),
		ttyNr: uint64(st.tty_nr), minflt: uint64(st.minflt), majflt: uint64(st.majflt),
		utime: uint64(st.utime), stime: uint64(st.stime), starttime: uint64(st.starttime),
		cutime: int64(st.cutime), cstime: int64(st.cstime),
		processor: int64(st.processor), blkio: uint64(st.blkio_ticks), nameOff: -1}
	if rc == 0 {
		out.name, out.nameOff = fuzzSpan(buf, len(b), st.name, st.name_len)
	}
	return out
}

type fuzzStatus struct {
	rc                     int
	hasUID, hasGID         bool
	hasThreads, hasTgid    bool
	uid, gid               [3]int64
	threads, tgid          int64
	vol, nonvol            uint64
	vmSize, vmRSS, rssFile uint64
}

func fuzzParseStatus(b []byte) fuzzStatus {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var st C.psu__linux_pid_status_t
	rc := C.psu__linux_parse_pid_status(buf, C.size_t(len(b)), &st)
	out := fuzzStatus{rc: int(rc), hasUID: C.fz_status_has(&st, 0) != 0,
		hasGID: C.fz_status_has(&st, 1) != 0, hasThreads: C.fz_status_has(&st, 2) != 0,
		hasTgid: C.fz_status_has(&st, 3) != 0,
		threads: int64(st.threads), tgid: int64(st.tgid),
		vol: uint64(st.vol_ctxsw), nonvol: uint64(st.nonvol_ctxsw),
		vmSize: uint64(st.vm_size), vmRSS: uint64(st.vm_rss), rssFile: uint64(st.rss_file)}
	for i := 0; i < 3; i++ {
		out.uid[i] = int64(st.uid[i])
		out.gid[i] = int64(st.gid[i])
	}
	return out
}

type fuzzMeminfo struct {
	rc                              int
	total, free, available, buffers uint64
	cached, sreclaimable, shmem     uint64
	swapTotal, swapFree             uint64
	hasAvailable                    bool
	vmTotal, vmAvail, vmUsed        uint64 // psu__linux_calc_vmem, no watermark
}

func fuzzParseMeminfo(b []byte) fuzzMeminfo {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var m C.psu__linux_meminfo_t
	var e C.psu_err_t
	rc := C.psu__linux_parse_meminfo(buf, C.size_t(len(b)), &m, &e)
	out := fuzzMeminfo{rc: int(rc), total: uint64(m.mem_total), free: uint64(m.mem_free),
		available: uint64(m.mem_available), buffers: uint64(m.buffers),
		cached: uint64(m.cached), sreclaimable: uint64(m.sreclaimable),
		shmem: uint64(m.shmem), swapTotal: uint64(m.swap_total),
		swapFree: uint64(m.swap_free), hasAvailable: C.fz_meminfo_has_available(&m) != 0}
	if rc == 0 {
		var vm C.psu_virtual_memory_t
		C.psu__linux_calc_vmem(&m, 0, 0, &vm)
		out.vmTotal, out.vmAvail, out.vmUsed = uint64(vm.total), uint64(vm.available), uint64(vm.used)
	}
	return out
}

// fuzzParseSmaps returns the smaps sums in kB: uss, pss, swap.
func fuzzParseSmaps(b []byte) (uss, pss, swap uint64) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var s C.psu__linux_smaps_sum_t
	C.psu__linux_parse_smaps_sum(buf, C.size_t(len(b)), &s)
	return uint64(s.uss), uint64(s.pss), uint64(s.swap)
}

// fuzzParseStatm returns the 7 statm fields (pages).
func fuzzParseStatm(b []byte) (int, [7]uint64) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var v [7]C.uint64_t
	rc := C.psu__linux_parse_statm(buf, C.size_t(len(b)), &v[0])
	var out [7]uint64
	for i := range v {
		out[i] = uint64(v[i])
	}
	return int(rc), out
}

type fuzzDisk struct {
	rc                                    int
	name                                  []byte
	reads, readsMerged, rsectors, rtime   uint64
	writes, writesMerged, wsectors, wtime uint64
	busy                                  uint64
}

// fuzzParseDiskstatsLine parses one /proc/diskstats line (no newline).
func fuzzParseDiskstatsLine(line []byte) fuzzDisk {
	buf := fuzzCBuf(line)
	defer C.free(unsafe.Pointer(buf))
	var d C.psu__linux_diskstat_t
	end := (*C.char)(unsafe.Add(unsafe.Pointer(buf), len(line)))
	rc := C.psu__linux_parse_diskstats_line(buf, end, &d)
	out := fuzzDisk{rc: int(rc)}
	if rc == 0 {
		out.name, _ = fuzzSpan(buf, len(line), d.name, d.name_len)
		out.reads, out.readsMerged = uint64(d.reads), uint64(d.reads_merged)
		out.rsectors, out.rtime = uint64(d.rsectors), uint64(d.rtime)
		out.writes, out.writesMerged = uint64(d.writes), uint64(d.writes_merged)
		out.wsectors, out.wtime = uint64(d.wsectors), uint64(d.wtime)
		out.busy = uint64(d.busy_time)
	}
	return out
}

type fuzzInet struct {
	rc           int
	laddr, raddr string
	lport, rport int
	state        int
	inode        uint64
}

// fuzzParseInetLine parses one /proc/net/{tcp,udp}[6] line.
func fuzzParseInetLine(line []byte, ipv6 bool) fuzzInet {
	buf := fuzzCBuf(line)
	defer C.free(unsafe.Pointer(buf))
	var l C.psu__linux_inet_line_t
	v6 := C.int(0)
	if ipv6 {
		v6 = 1
	}
	rc := C.psu__linux_parse_inet_line(buf, C.size_t(len(line)), v6, &l)
	out := fuzzInet{rc: int(rc)}
	if rc == 0 {
		out.laddr = C.GoString(&l.laddr[0])
		out.raddr = C.GoString(&l.raddr[0])
		out.lport, out.rport = int(l.lport), int(l.rport)
		out.state, out.inode = int(l.state), uint64(l.inode)
	}
	return out
}

type fuzzUnix struct {
	rc         int
	typ, state int
	inode      uint64
	path       []byte
	pathOff    int
}

// fuzzParseUnixLine parses one /proc/net/unix line.
func fuzzParseUnixLine(line []byte) fuzzUnix {
	buf := fuzzCBuf(line)
	defer C.free(unsafe.Pointer(buf))
	var l C.psu__linux_unix_line_t
	rc := C.psu__linux_parse_unix_line(buf, C.size_t(len(line)), &l)
	out := fuzzUnix{rc: int(rc), pathOff: -1}
	if rc == 0 {
		out.typ, out.state, out.inode = int(l._type), int(l.state), uint64(l.inode)
		if l.path_len > 0 {
			out.path, out.pathOff = fuzzSpan(buf, len(line), l.path, l.path_len)
		} else {
			out.pathOff = 0
		}
	}
	return out
}

type fuzzCgLine struct {
	id          int64
	controllers string
	path        string
}

// fuzzParseCgroupFile parses /proc/PID/cgroup with room for 16 lines; n
// is the number of lines the parser counted.
func fuzzParseCgroupFile(b []byte) (rc int, lines []fuzzCgLine, n int) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	ls := (*[16]C.psu__cg_line_t)(C.calloc(16, C.size_t(unsafe.Sizeof(C.psu__cg_line_t{}))))
	defer C.free(unsafe.Pointer(ls))
	var cn C.size_t
	rc = int(C.psu__linux_parse_cgroup_procfile(buf, C.size_t(len(b)), &ls[0], 16, &cn))
	n = int(cn)
	if rc == 0 {
		for i := 0; i < n && i < 16; i++ {
			lines = append(lines, fuzzCgLine{id: int64(ls[i].id),
				controllers: C.GoString(&ls[i].controllers[0]),
				path:        C.GoString(&ls[i].path[0])})
		}
	}
	return rc, lines, n
}

// fuzzParseCgroupLimit parses a single-number limit file ("max", N).
func fuzzParseCgroupLimit(b []byte) (int, int64) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var v C.int64_t
	rc := C.psu__linux_parse_cgroup_limit(buf, C.size_t(len(b)), &v)
	return int(rc), int64(v)
}

// fuzzParseCgroupKV returns the value of key in a flat key-value file.
func fuzzParseCgroupKV(b []byte, key string) (int, uint64) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	k := C.CString(key)
	defer C.free(unsafe.Pointer(k))
	var v C.uint64_t
	rc := C.psu__linux_parse_cgroup_kv(buf, C.size_t(len(b)), k, &v)
	return int(rc), uint64(v)
}

// fuzzParseCgroupCPUMax parses cpu.max.
func fuzzParseCgroupCPUMax(b []byte) (int, int64, uint64) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var q C.int64_t
	var p C.uint64_t
	rc := C.psu__linux_parse_cgroup_cpumax(buf, C.size_t(len(b)), &q, &p)
	return int(rc), int64(q), uint64(p)
}

// fuzzParseCgroupIOStat parses io.stat with room for 4 devices.
type fuzzIO struct {
	major, minor               uint32
	rbytes, wbytes, rios, wios uint64
	dbytes, dios               uint64
}

func fuzzParseCgroupIOStat(b []byte) (int, []fuzzIO, int) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var io [4]C.psu_cgroup_io_t
	var n C.size_t
	rc := C.psu__linux_parse_cgroup_iostat(buf, C.size_t(len(b)), &io[0], 4, &n)
	var out []fuzzIO
	for i := 0; i < int(n) && i < 4; i++ {
		out = append(out, fuzzIO{major: uint32(io[i].major), minor: uint32(io[i].minor),
			rbytes: uint64(io[i].rbytes), wbytes: uint64(io[i].wbytes),
			rios: uint64(io[i].rios), wios: uint64(io[i].wios),
			dbytes: uint64(io[i].dbytes), dios: uint64(io[i].dios)})
	}
	return int(rc), out, int(n)
}

type fuzzPSILine struct {
	avg10, avg60, avg300 float64
	total                uint64
}

// fuzzParsePressure parses a PSI file.
func fuzzParsePressure(b []byte) (rc int, some, full fuzzPSILine, hasFull bool) {
	buf := fuzzCBuf(b)
	defer C.free(unsafe.Pointer(buf))
	var p C.psu_pressure_t
	rc = int(C.psu__linux_parse_pressure(buf, C.size_t(len(b)), &p))
	conv := func(l *C.psu_psi_line_t) fuzzPSILine {
		return fuzzPSILine{float64(l.avg10), float64(l.avg60), float64(l.avg300), uint64(l.total)}
	}
	return rc, conv(&p.some), conv(&p.full), p.has_full != 0
}
