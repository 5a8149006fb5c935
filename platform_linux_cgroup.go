//go:build linux && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import (
	"strconv"
	"unsafe"
)

func cgroupOf(pid int) ([]CgroupEntry, error) {
	var e C.psu_err_t
	var p *C.psu_cgroup_entry_t
	var n C.size_t
	if err := cerr(C.psu_cgroup_of(C.int64_t(pid), &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]CgroupEntry, len(src))
	for i := range src {
		s := &src[i]
		out[i] = CgroupEntry{
			HierarchyID: int(s.hierarchy_id),
			Version:     int(s.version),
			Controllers: C.GoString(&s.controllers[0]),
			Path:        C.GoString(&s.path[0]),
			Dir:         C.GoString(&s.dir[0]),
		}
	}
	return out, nil
}

// cgroupStat reads the cgroups of pid (0 = self), or dir when not "".
func cgroupStat(pid int, dir string) (CgroupStat, error) {
	var e C.psu_err_t
	st := (*C.psu_cgroup_stat_t)(C.malloc(C.sizeof_psu_cgroup_stat_t))
	if st == nil {
		return CgroupStat{}, errOutOfMemory
	}
	defer C.free(unsafe.Pointer(st))
	var cdir *C.char
	var rc C.int
	if dir != "" {
		cdir = C.CString(dir)
		defer C.free(unsafe.Pointer(cdir))
		rc = C.psu_cgroup_stat_dir(cdir, st, &e)
	} else {
		rc = C.psu_cgroup_stat(C.int64_t(pid), st, &e)
	}
	if err := cerr(rc, &e); err != nil {
		return CgroupStat{}, err
	}
	var out CgroupStat
	if st.has_memory != 0 {
		out.Memory = &CgroupMemoryStat{
			Version:      int(st.memory_version),
			Dir:          C.GoString(&st.memory_dir[0]),
			Max:          int64(st.memory_max),
			High:         int64(st.memory_high),
			EffectiveMax: int64(st.memory_effective_max),
			Current:      uint64(st.memory_current),
			SwapMax:      int64(st.swap_max),
			SwapCurrent:  uint64(st.swap_current),
			InactiveFile: uint64(st.inactive_file),
			OOM:          uint64(st.oom),
			OOMKill:      uint64(st.oom_kill),
		}
	}
	if st.has_cpu != 0 {
		out.CPU = &CgroupCPUStat{
			Version:        int(st.cpu_version),
			Dir:            C.GoString(&st.cpu_dir[0]),
			QuotaUS:        int64(st.cpu_quota_us),
			PeriodUS:       uint64(st.cpu_period_us),
			Limit:          float64(st.cpu_limit),
			EffectiveLimit: float64(st.cpu_effective_limit),
			UsageUS:        uint64(st.cpu_usage_usec),
			UserUS:         uint64(st.cpu_user_usec),
			SystemUS:       uint64(st.cpu_system_usec),
			NrPeriods:      uint64(st.nr_periods),
			NrThrottled:    uint64(st.nr_throttled),
			ThrottledUS:    uint64(st.throttled_usec),
		}
	}
	if st.has_pids != 0 {
		out.Pids = &CgroupPidsStat{
			Version: int(st.pids_version),
			Dir:     C.GoString(&st.pids_dir[0]),
			Current: uint64(st.pids_current),
			Max:     int64(st.pids_max),
		}
	}

	var io *C.psu_cgroup_io_t
	var n C.size_t
	var ver C.int
	if dir != "" {
		rc = C.psu_cgroup_io_dir(cdir, &io, &n, &ver, &e)
	} else {
		rc = C.psu_cgroup_io(C.int64_t(pid), &io, &n, &ver, &e)
	}
	if err := cerr(rc, &e); err != nil {
		return CgroupStat{}, err
	}
	defer C.psu_free(unsafe.Pointer(io))
	out.IOVersion = int(ver)
	if ver != 0 {
		out.IO = make([]CgroupIOStat, 0, int(n))
		for _, d := range unsafe.Slice(io, int(n)) {
			out.IO = append(out.IO, CgroupIOStat{
				Device:       strconv.FormatUint(uint64(d.major), 10) + ":" + strconv.FormatUint(uint64(d.minor), 10),
				Major:        uint32(d.major),
				Minor:        uint32(d.minor),
				ReadBytes:    uint64(d.rbytes),
				WriteBytes:   uint64(d.wbytes),
				ReadIOs:      uint64(d.rios),
				WriteIOs:     uint64(d.wios),
				DiscardBytes: uint64(d.dbytes),
				DiscardIOs:   uint64(d.dios),
			})
		}
	}
	return out, nil
}

func cgroupAffinityCount() (int, error) {
	var e C.psu_err_t
	var n C.int
	if err := cerr(C.psu_cgroup_affinity_count(0, &n, &e), &e); err != nil {
		return 0, err
	}
	return int(n), nil
}

func cgroupHostMemTotal() (uint64, error) {
	var e C.psu_err_t
	var v C.uint64_t
	if err := cerr(C.psu_cgroup_host_memtotal(&v, &e), &e); err != nil {
		return 0, err
	}
	return uint64(v), nil
}

func cgroupUnifiedDir(pid int) (string, error) {
	var e C.psu_err_t
	var buf [C.PSU_CGROUP_PATH_MAX]C.char
	if err := cerr(C.psu_cgroup_unified_dir(C.int64_t(pid), &buf[0], C.size_t(len(buf)), &e), &e); err != nil {
		return "", err
	}
	return C.GoString(&buf[0]), nil
}

// pressureRead reads one PSI file: system-wide when dir is "", else
// <dir>/<resource>.pressure.
func pressureRead(dir, resource string) (*PressureResourceStat, error) {
	var e C.psu_err_t
	var p C.psu_pressure_t
	cres := C.CString(resource)
	defer C.free(unsafe.Pointer(cres))
	var rc C.int
	if dir == "" {
		rc = C.psu_pressure(cres, &p, &e)
	} else {
		cdir := C.CString(dir)
		defer C.free(unsafe.Pointer(cdir))
		rc = C.psu_cgroup_pressure_dir(cdir, cres, &p, &e)
	}
	if err := cerr(rc, &e); err != nil {
		return nil, err
	}
	line := func(l *C.psu_psi_line_t) PressureLine {
		return PressureLine{Avg10: float64(l.avg10), Avg60: float64(l.avg60), Avg300: float64(l.avg300), Total: uint64(l.total)}
	}
	return &PressureResourceStat{Some: line(&p.some), Full: line(&p.full), HasFull: p.has_full != 0}, nil
}
