//go:build darwin && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
#include "darwin-internal.h"
*/
import "C"

import "unsafe"

// The system-wide API on macOS: thin wrappers over csrc/darwin_sys.c and
// csrc/darwin_iokit.c; the contract is in stub_sys.go.

func darwinCPUTimes(t *C.psu_cpu_times_t) CPUTimesStat {
	return CPUTimesStat{
		User:   float64(t.user),
		System: float64(t.system),
		Idle:   float64(t.idle),
		Nice:   float64(t.nice),
	}
}

func cpuTimes(percpu bool) ([]CPUTimesStat, error) {
	var e C.psu_err_t
	if !percpu {
		var t C.psu_cpu_times_t
		if err := cerr(C.psu_cpu_times(&t, &e), &e); err != nil {
			return nil, err
		}
		return []CPUTimesStat{darwinCPUTimes(&t)}, nil
	}
	var p *C.psu_cpu_times_t
	var n C.size_t
	if err := cerr(C.psu_per_cpu_times(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]CPUTimesStat, int(n))
	for i, t := range unsafe.Slice(p, int(n)) {
		out[i] = darwinCPUTimes(&t)
	}
	return out, nil
}

func cpuCountLogical() (int, error) {
	var e C.psu_err_t
	var v C.int
	if err := cerr(C.psu_cpu_count_logical(&v, &e), &e); err != nil {
		return 0, err
	}
	return int(v), nil
}

func cpuCountPhysical() (int, error) {
	var e C.psu_err_t
	var v C.int
	if err := cerr(C.psu_cpu_count_physical(&v, &e), &e); err != nil {
		return 0, err
	}
	return int(v), nil
}

func cpuStats() (CPUStatsStat, error) {
	var e C.psu_err_t
	var s C.psu_cpu_stats_t
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

func cpuFreq() ([]CPUFreqStat, error) {
	var e C.psu_err_t
	var p *C.psu_cpu_freq_t
	var n C.size_t
	if err := cerr(C.psu_cpu_freq(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]CPUFreqStat, int(n))
	for i, f := range unsafe.Slice(p, int(n)) {
		out[i] = CPUFreqStat{Current: float64(f.current), Min: float64(f.min), Max: float64(f.max)}
	}
	return out, nil
}

func virtualMemory() (VirtualMemoryStat, error) {
	var e C.psu_err_t
	var m C.psu_virtual_memory_t
	if err := cerr(C.psu_virtual_memory(&m, &e), &e); err != nil {
		return VirtualMemoryStat{}, err
	}
	return VirtualMemoryStat{
		Total:     uint64(m.total),
		Available: uint64(m.available),
		Used:      uint64(m.used),
		Free:      uint64(m.free),
		Active:    uint64(m.active),
		Inactive:  uint64(m.inactive),
		Wired:     uint64(m.wired),
	}, nil
}

func swapMemory() (SwapMemoryStat, error) {
	var e C.psu_err_t
	var s C.psu_swap_memory_t
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

func diskPartitions(all bool) ([]DiskPartitionStat, error) {
	var e C.psu_err_t
	var p *C.psu_disk_partition_t
	var n C.size_t
	a := C.int(0)
	if all {
		a = 1
	}
	if err := cerr(C.psu_disk_partitions(a, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make([]DiskPartitionStat, int(n))
	for i, d := range unsafe.Slice(p, int(n)) {
		out[i] = DiskPartitionStat{
			Device:     C.GoString(d.device),
			Mountpoint: C.GoString(d.mountpoint),
			Fstype:     C.GoString(d.fstype),
			Opts:       C.GoString(d.opts),
		}
	}
	return out, nil
}

func diskIOCounters(perdisk bool) (map[string]DiskIOCountersStat, error) {
	var e C.psu_err_t
	var p *C.psu_disk_io_t
	var n C.size_t
	pd := C.int(0)
	if perdisk {
		pd = 1
	}
	if err := cerr(C.psu_disk_io_counters(pd, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string]DiskIOCountersStat, int(n))
	for _, d := range unsafe.Slice(p, int(n)) {
		out[C.GoString(&d.name[0])] = DiskIOCountersStat{
			ReadCount:  uint64(d.read_count),
			WriteCount: uint64(d.write_count),
			ReadBytes:  uint64(d.read_bytes),
			WriteBytes: uint64(d.write_bytes),
			ReadTime:   uint64(d.read_time),
			WriteTime:  uint64(d.write_time),
		}
	}
	return out, nil
}

func netIOCounters() (map[string]NetIOCountersStat, error) {
	var e C.psu_err_t
	var p *C.psu_net_io_t
	var n C.size_t
	if err := cerr(C.psu_net_io_counters(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string]NetIOCountersStat, int(n))
	for _, s := range unsafe.Slice(p, int(n)) {
		out[C.GoString(&s.name[0])] = NetIOCountersStat{
			BytesSent:   uint64(s.bytes_sent),
			BytesRecv:   uint64(s.bytes_recv),
			PacketsSent: uint64(s.packets_sent),
			PacketsRecv: uint64(s.packets_recv),
			Errin:       uint64(s.errin),
			Errout:      uint64(s.errout),
			Dropin:      uint64(s.dropin),
			Dropout:     uint64(s.dropout),
		}
	}
	return out, nil
}

// psutil has no temperature or fan sensors on macOS.
func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	return nil, makeErr(codeNotSup, 0, "sensors_temperatures: not on macOS")
}

func sensorsFans() (map[string][]FanStat, error) {
	return nil, makeErr(codeNotSup, 0, "sensors_fans: not on macOS")
}

func sensorsBattery() (*BatteryStat, error) {
	var e C.psu_err_t
	var b C.psu_battery_t
	var present C.int
	if err := cerr(C.psu_sensors_battery(&b, &present, &e), &e); err != nil {
		return nil, err
	}
	if present == 0 {
		return nil, nil
	}
	return &BatteryStat{
		Percent:      float64(b.percent),
		Secsleft:     int64(b.secsleft),
		PowerPlugged: b.power_plugged == 1,
	}, nil
}

func bootTime() (float64, error) {
	var e C.psu_err_t
	var t C.double
	if err := cerr(C.psu_boot_time(&t, &e), &e); err != nil {
		return 0, err
	}
	return float64(t), nil
}

// The portable POSIX parts (csrc/posix_sys.c).
func loadAvg() (LoadAvgStat, error) { return posixLoadAvg() }

// diskUsage is statvfs, with Used from getattrlist(ATTR_VOL_SPACEUSED)
// when the volume reports it, as psutil does on macOS.
func diskUsage(path string) (DiskUsageStat, error) {
	u, err := posixDiskUsage(path)
	if err != nil {
		return u, err
	}
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	var used C.uint64_t
	var e C.psu_err_t
	if C.psu__darwin_disk_space_used(cs, &used, &e) == 0 {
		u.Used = uint64(used)
	}
	return u, nil
}

func users() ([]UserStat, error)                    { return posixUsers() }
func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }

func netIfStats() (map[string]NICStatsStat, error) {
	var e C.psu_err_t
	var p *C.psu_net_if_stats_t
	var n C.size_t
	if err := cerr(C.psu_net_if_stats(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string]NICStatsStat, int(n))
	for _, s := range unsafe.Slice(p, int(n)) {
		out[C.GoString(&s.name[0])] = NICStatsStat{
			IsUp:   s.isup != 0,
			Duplex: NICDuplex(s.duplex),
			Speed:  int(s.speed),
			MTU:    int(s.mtu),
			Flags:  C.GoString(&s.flags[0]),
		}
	}
	return out, nil
}
