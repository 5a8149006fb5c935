//go:build (freebsd || openbsd || netbsd) && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

// The system-wide API on FreeBSD, OpenBSD and NetBSD: thin wrappers over
// csrc/bsd_sys.c and csrc/<os>_sys.c; the contract is in stub_sys.go.

func bsdCPUTimes(t *C.psu_cpu_times_t) CPUTimesStat {
	return CPUTimesStat{
		User:   float64(t.user),
		System: float64(t.system),
		Idle:   float64(t.idle),
		Nice:   float64(t.nice),
		Irq:    float64(t.irq),
	}
}

func cpuTimes(percpu bool) ([]CPUTimesStat, error) {
	var e C.psu_err_t
	if !percpu {
		var t C.psu_cpu_times_t
		if err := cerr(C.psu_cpu_times(&t, &e), &e); err != nil {
			return nil, err
		}
		return []CPUTimesStat{bsdCPUTimes(&t)}, nil
	}
	var p *C.psu_cpu_times_t
	var n C.size_t
	if err := cerr(C.psu_per_cpu_times(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]CPUTimesStat, len(src))
	for i := range src {
		out[i] = bsdCPUTimes(&src[i])
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

// cpuCountPhysical is 0 (unknown) on OpenBSD and NetBSD unless there is a
// single CPU, as psutil.
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

// cpuFreq: FreeBSD per CPU with a cpufreq driver, OpenBSD one system
// value (min = max = 0), NetBSD none (an empty list: not implemented).
func cpuFreq() ([]CPUFreqStat, error) {
	var e C.psu_err_t
	var p *C.psu_cpu_freq_t
	var n C.size_t
	if err := cerr(C.psu_cpu_freq(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]CPUFreqStat, len(src))
	for i, f := range src {
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
		Buffers:   uint64(m.buffers),
		Cached:    uint64(m.cached),
		Shared:    uint64(m.shared),
		Wired:     uint64(m.wired),
	}, nil
}

// swapMemory: on FreeBSD Sin and Sout keep psutil's quirk (page counts:
// swapin+swapout and vnodein+vnodeout).
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

// diskPartitions ignores all, as psutil does on BSD.
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
	src := unsafe.Slice(p, int(n))
	out := make([]DiskPartitionStat, len(src))
	for i, d := range src {
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
			BusyTime:   uint64(d.busy_time),
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

// sensorsTemperatures: FreeBSD only (dev.cpu.N.temperature); OpenBSD and
// NetBSD give ErrNotImplemented.
func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	var e C.psu_err_t
	var p *C.psu_temperature_t
	var n C.size_t
	if err := cerr(C.psu_sensors_temperatures(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string][]TemperatureStat)
	for _, t := range unsafe.Slice(p, int(n)) {
		name := C.GoString(&t.name[0])
		out[name] = append(out[name], TemperatureStat{
			Label:    C.GoString(&t.label[0]),
			Current:  float64(t.current),
			High:     float64(t.high),
			Critical: float64(t.critical),
		})
	}
	return out, nil
}

func sensorsFans() (map[string][]FanStat, error) {
	var e C.psu_err_t
	var p *C.psu_fan_t
	var n C.size_t
	if err := cerr(C.psu_sensors_fans(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	C.psu_free(unsafe.Pointer(p))
	return map[string][]FanStat{}, nil
}

// sensorsBattery: FreeBSD (hw.acpi.battery); nil when there is none.
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

// The portable POSIX parts (csrc/posix_sys.c); users() on OpenBSD comes
// from csrc/openbsd_sys.c (utmp), through the same psu_users.
func loadAvg() (LoadAvgStat, error)                 { return posixLoadAvg() }
func diskUsage(path string) (DiskUsageStat, error)  { return posixDiskUsage(path) }
func users() ([]UserStat, error)                    { return posixUsers() }
func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }
