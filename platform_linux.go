//go:build linux && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

// Linux implementations of the system API: cgo calls into csrc/linux_*.c
// and csrc/posix_sys.c, and conversion. No logic lives here.

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
	return CPUStatsStat{CtxSwitches: uint64(s.ctx_switches), Interrupts: uint64(s.interrupts),
		SoftInterrupts: uint64(s.soft_interrupts), Syscalls: uint64(s.syscalls)}, nil
}

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

func loadAvg() (LoadAvgStat, error) { return posixLoadAvg() }

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

func swapMemory() (SwapMemoryStat, error) {
	var s C.psu_swap_memory_t
	var e C.psu_err_t
	if err := cerr(C.psu_swap_memory(&s, &e), &e); err != nil {
		return SwapMemoryStat{}, err
	}
	return SwapMemoryStat{Total: uint64(s.total), Used: uint64(s.used), Free: uint64(s.free),
		Sin: uint64(s.sin), Sout: uint64(s.sout)}, nil
}

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
		out[i] = DiskPartitionStat{Device: C.GoString(p.device), Mountpoint: C.GoString(p.mountpoint),
			Fstype: C.GoString(p.fstype), Opts: C.GoString(p.opts)}
	}
	return out, nil
}

func diskUsage(path string) (DiskUsageStat, error) { return posixDiskUsage(path) }

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

func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }

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

func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	var arr *C.psu_temperature_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_sensors_temperatures(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make(map[string][]TemperatureStat)
	for _, t := range unsafe.Slice(arr, int(n)) {
		name := C.GoString(&t.name[0])
		out[name] = append(out[name], TemperatureStat{Label: C.GoString(&t.label[0]),
			Current: float64(t.current), High: float64(t.high), Critical: float64(t.critical)})
	}
	return out, nil
}

func sensorsFans() (map[string][]FanStat, error) {
	var arr *C.psu_fan_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_sensors_fans(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make(map[string][]FanStat)
	for _, f := range unsafe.Slice(arr, int(n)) {
		name := C.GoString(&f.name[0])
		out[name] = append(out[name], FanStat{Label: C.GoString(&f.label[0]), Current: int(f.current)})
	}
	return out, nil
}

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

func users() ([]UserStat, error) { return posixUsers() }
