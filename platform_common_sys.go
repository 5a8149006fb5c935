//go:build cgo && (linux || windows || darwin || freebsd || openbsd || netbsd)

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

// The parts of the system API that are the same on every OS with a C core:
// csrc/psu_sys.h has the same functions and structs everywhere, so these
// only call C and convert. Each C implementation zeroes its results, so a
// field an OS does not have reads as 0. What differs per OS lives in
// platform_linux.go, platform_windows_sys.go, platform_darwin_sys.go and
// platform_bsd_sys.go; the contract is in stub_sys.go.

func convCPUTimes(t *C.psu_cpu_times_t) CPUTimesStat {
	return CPUTimesStat{
		User: float64(t.user), System: float64(t.system), Idle: float64(t.idle),
		Nice: float64(t.nice), Iowait: float64(t.iowait), Irq: float64(t.irq),
		Softirq: float64(t.softirq), Steal: float64(t.steal), Guest: float64(t.guest),
		GuestNice: float64(t.guest_nice), DPC: float64(t.dpc),
	}
}

func cpuTimes(percpu bool) ([]CPUTimesStat, error) {
	var e C.psu_err_t
	if !percpu {
		var t C.psu_cpu_times_t
		if err := cerr(C.psu_cpu_times(&t, &e), &e); err != nil {
			return nil, err
		}
		return []CPUTimesStat{convCPUTimes(&t)}, nil
	}
	var arr *C.psu_cpu_times_t
	var n C.size_t
	if err := cerr(C.psu_per_cpu_times(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make([]CPUTimesStat, len(src))
	for i := range src {
		out[i] = convCPUTimes(&src[i])
	}
	return out, nil
}

func cpuCountLogical() (int, error) {
	var n C.int
	var e C.psu_err_t
	if err := cerr(C.psu_cpu_count_logical(&n, &e), &e); err != nil {
		return 0, err
	}
	return int(n), nil
}

// cpuCountPhysical is 0 (unknown) on OpenBSD and NetBSD unless there is a
// single CPU, as psutil.
func cpuCountPhysical() (int, error) {
	var n C.int
	var e C.psu_err_t
	if err := cerr(C.psu_cpu_count_physical(&n, &e), &e); err != nil {
		return 0, err
	}
	return int(n), nil
}

func cpuStats() (CPUStatsStat, error) {
	var s C.psu_cpu_stats_t
	var e C.psu_err_t
	if err := cerr(C.psu_cpu_stats(&s, &e), &e); err != nil {
		return CPUStatsStat{}, err
	}
	return CPUStatsStat{
		CtxSwitches:    uint64(s.ctx_switches),
		Interrupts:     uint64(s.interrupts),
		SoftInterrupts: uint64(s.soft_interrupts),
		Syscalls:       uint64(s.syscalls),
	}, nil
}

// cpuFreq: on the BSDs, FreeBSD per CPU with a cpufreq driver, OpenBSD one
// system value (min = max = 0), NetBSD none (an empty list: not
// implemented).
func cpuFreq() ([]CPUFreqStat, error) {
	var arr *C.psu_cpu_freq_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_cpu_freq(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make([]CPUFreqStat, len(src))
	for i, f := range src {
		out[i] = CPUFreqStat{Current: float64(f.current), Min: float64(f.min), Max: float64(f.max)}
	}
	return out, nil
}

func loadAvg() (LoadAvgStat, error) {
	var l C.psu_loadavg_t
	var e C.psu_err_t
	if err := cerr(C.psu_getloadavg(&l, &e), &e); err != nil {
		return LoadAvgStat{}, err
	}
	return LoadAvgStat{Load1: float64(l.load1), Load5: float64(l.load5), Load15: float64(l.load15)}, nil
}

func virtualMemory() (VirtualMemoryStat, error) {
	var m C.psu_virtual_memory_t
	var e C.psu_err_t
	if err := cerr(C.psu_virtual_memory(&m, &e), &e); err != nil {
		return VirtualMemoryStat{}, err
	}
	return VirtualMemoryStat{
		Total: uint64(m.total), Available: uint64(m.available), Used: uint64(m.used),
		Free: uint64(m.free), Active: uint64(m.active), Inactive: uint64(m.inactive),
		Buffers: uint64(m.buffers), Cached: uint64(m.cached), Shared: uint64(m.shared),
		Slab: uint64(m.slab), Wired: uint64(m.wired),
	}, nil
}

// swapMemory: on FreeBSD Sin and Sout keep psutil's quirk (page counts:
// swapin+swapout and vnodein+vnodeout).
func swapMemory() (SwapMemoryStat, error) {
	var s C.psu_swap_memory_t
	var e C.psu_err_t
	if err := cerr(C.psu_swap_memory(&s, &e), &e); err != nil {
		return SwapMemoryStat{}, err
	}
	return SwapMemoryStat{
		Total: uint64(s.total),
		Used:  uint64(s.used),
		Free:  uint64(s.free),
		Sin:   uint64(s.sin),
		Sout:  uint64(s.sout),
	}, nil
}

// diskPartitions: the BSDs ignore all, as psutil does there.
func diskPartitions(all bool) ([]DiskPartitionStat, error) {
	var arr *C.psu_disk_partition_t
	var n C.size_t
	var e C.psu_err_t
	a := C.int(0)
	if all {
		a = 1
	}
	if err := cerr(C.psu_disk_partitions(a, &arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make([]DiskPartitionStat, len(src))
	for i, p := range src {
		out[i] = DiskPartitionStat{
			Device:     C.GoString(p.device),
			Mountpoint: C.GoString(p.mountpoint),
			Fstype:     C.GoString(p.fstype),
			Opts:       C.GoString(p.opts),
		}
	}
	return out, nil
}

// cDiskUsage is psu_disk_usage (statvfs on Unix, GetDiskFreeSpaceExW on
// Windows); macOS's diskUsage adjusts Used after it.
func cDiskUsage(path string) (DiskUsageStat, error) {
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	var u C.psu_disk_usage_t
	var e C.psu_err_t
	if err := cerr(C.psu_disk_usage(cs, &u, &e), &e); err != nil {
		return DiskUsageStat{}, err
	}
	return DiskUsageStat{Total: uint64(u.total), Used: uint64(u.used), Free: uint64(u.free)}, nil
}

func diskIOCounters(perdisk bool) (map[string]DiskIOCountersStat, error) {
	var arr *C.psu_disk_io_t
	var n C.size_t
	var e C.psu_err_t
	p := C.int(0)
	if perdisk {
		p = 1
	}
	if err := cerr(C.psu_disk_io_counters(p, &arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make(map[string]DiskIOCountersStat, len(src))
	for i := range src {
		d := &src[i]
		out[C.GoString(&d.name[0])] = DiskIOCountersStat{
			ReadCount: uint64(d.read_count), WriteCount: uint64(d.write_count),
			ReadBytes: uint64(d.read_bytes), WriteBytes: uint64(d.write_bytes),
			ReadTime: uint64(d.read_time), WriteTime: uint64(d.write_time),
			ReadMergedCount: uint64(d.read_merged_count), WriteMergedCount: uint64(d.write_merged_count),
			BusyTime: uint64(d.busy_time),
		}
	}
	return out, nil
}

func netIOCounters() (map[string]NetIOCountersStat, error) {
	var arr *C.psu_net_io_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_net_io_counters(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make(map[string]NetIOCountersStat, len(src))
	for i := range src {
		d := &src[i]
		out[C.GoString(&d.name[0])] = NetIOCountersStat{
			BytesSent: uint64(d.bytes_sent), BytesRecv: uint64(d.bytes_recv),
			PacketsSent: uint64(d.packets_sent), PacketsRecv: uint64(d.packets_recv),
			Errin: uint64(d.errin), Errout: uint64(d.errout),
			Dropin: uint64(d.dropin), Dropout: uint64(d.dropout),
		}
	}
	return out, nil
}

func netIfStats() (map[string]NICStatsStat, error) {
	var arr *C.psu_net_if_stats_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_net_if_stats(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	src := unsafe.Slice(arr, int(n))
	out := make(map[string]NICStatsStat, len(src))
	for i := range src {
		d := &src[i]
		out[C.GoString(&d.name[0])] = NICStatsStat{IsUp: d.isup != 0, Duplex: NICDuplex(d.duplex),
			Speed: int(d.speed), MTU: int(d.mtu), Flags: C.GoString(&d.flags[0])}
	}
	return out, nil
}

// sensorsBattery returns nil, nil when there is no battery (on the BSDs
// only FreeBSD reads one, from hw.acpi.battery).
func sensorsBattery() (*BatteryStat, error) {
	var b C.psu_battery_t
	var present C.int
	var e C.psu_err_t
	if err := cerr(C.psu_sensors_battery(&b, &present, &e), &e); err != nil {
		return nil, err
	}
	if present == 0 {
		return nil, nil
	}
	return &BatteryStat{Percent: float64(b.percent), Secsleft: int64(b.secsleft),
		PowerPlugged: b.power_plugged == 1}, nil
}

func bootTime() (float64, error) {
	var t C.double
	var e C.psu_err_t
	if err := cerr(C.psu_boot_time(&t, &e), &e); err != nil {
		return 0, err
	}
	return float64(t), nil
}

// users: csrc/posix_sys.c (utmpx) on Linux, macOS, FreeBSD and NetBSD,
// csrc/openbsd_sys.c (utmp) on OpenBSD, csrc/windows_sys.c on Windows.
func users() ([]UserStat, error) {
	var arr *C.psu_user_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_users(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make([]UserStat, 0, int(n))
	for _, u := range unsafe.Slice(arr, int(n)) {
		out = append(out, UserStat{
			Name:     C.GoString(&u.name[0]),
			Terminal: C.GoString(&u.terminal[0]),
			Host:     C.GoString(&u.host[0]),
			Started:  float64(u.started),
			PID:      max(int(u.pid), 0), // C has -1 where psutil has None (always on Windows)
		})
	}
	return out, nil
}
