package psutil

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"
)

// This file is the OS-neutral system-wide API. Each function forwards to a
// lower-case function that every platform file implements (see
// stub_sys.go for the list) and does the math that psutil does in Python:
// percentages, rounding, nowrap, unit conversion, averaging.

// ---------------------------------------------------------------- CPU

// CPUTimes returns the system-wide CPU times in seconds since boot. It
// corresponds to psutil.cpu_times().
func CPUTimes() (CPUTimesStat, error) {
	ts, err := cpuTimes(false)
	if err != nil {
		return CPUTimesStat{}, err
	}
	if len(ts) == 0 {
		return CPUTimesStat{}, makeErr(codeParse, 0, "cpu_times: no data")
	}
	return ts[0], nil
}

// PerCPUTimes returns the CPU times of each logical CPU, in CPU order. It
// corresponds to psutil.cpu_times(percpu=True).
func PerCPUTimes() ([]CPUTimesStat, error) { return cpuTimes(true) }

// CPUCount returns the number of logical CPUs (logical=true, as
// psutil.cpu_count()) or of physical cores (logical=false, as
// psutil.cpu_count(logical=False)). It returns 0 and a nil error where
// psutil returns None: the value cannot be determined.
func CPUCount(logical bool) (int, error) {
	var n int
	var err error
	if logical {
		n, err = cpuCountLogical()
	} else {
		n, err = cpuCountPhysical()
	}
	if err != nil {
		return 0, err
	}
	if n < 1 {
		return 0, nil
	}
	return n, nil
}

// CPUStats returns context switches, interrupts, soft interrupts and
// system calls since boot. It corresponds to psutil.cpu_stats().
func CPUStats() (CPUStatsStat, error) { return cpuStats() }

// CPUFreq returns the CPU frequency in MHz averaged over all CPUs. It
// corresponds to psutil.cpu_freq(). Where psutil returns None it returns
// ErrNotImplemented.
func CPUFreq() (CPUFreqStat, error) {
	fs, err := cpuFreq()
	if err != nil {
		return CPUFreqStat{}, err
	}
	return averageFreq(fs)
}

// PerCPUFreq returns the frequency of each CPU in MHz. It corresponds to
// psutil.cpu_freq(percpu=True). On platforms that only know one system
// frequency the slice has one element.
func PerCPUFreq() ([]CPUFreqStat, error) { return cpuFreq() }

func averageFreq(fs []CPUFreqStat) (CPUFreqStat, error) {
	switch len(fs) {
	case 0:
		return CPUFreqStat{}, makeErr(codeNotSup, 0, "cpu_freq: no frequency information")
	case 1:
		return fs[0], nil
	}
	var s CPUFreqStat
	for _, f := range fs {
		s.Current += f.Current
		s.Min += f.Min
		s.Max += f.Max
	}
	n := float64(len(fs))
	return CPUFreqStat{Current: s.Current / n, Min: s.Min / n, Max: s.Max / n}, nil
}

// LoadAvg returns the 1, 5 and 15 minute load averages. It corresponds to
// psutil.getloadavg(). On Windows the values are emulated as psutil does.
func LoadAvg() (LoadAvgStat, error) { return loadAvg() }

// CPUPercent blocks for interval (or until ctx is done) and returns the
// system-wide CPU utilization over that time, in percent, rounded to one
// decimal. It corresponds to psutil.cpu_percent(interval). interval must be
// positive; for psutil's non-blocking form (interval=None) use a
// [CPUSampler].
func CPUPercent(ctx context.Context, interval time.Duration) (float64, error) {
	t1, t2, err := sampleTwice(ctx, interval, false)
	if err != nil {
		return 0, err
	}
	return cpuBusyPercent(t1[0], t2[0]), nil
}

// PerCPUPercent is CPUPercent for each logical CPU, as
// psutil.cpu_percent(interval, percpu=True).
func PerCPUPercent(ctx context.Context, interval time.Duration) ([]float64, error) {
	t1, t2, err := sampleTwice(ctx, interval, true)
	if err != nil {
		return nil, err
	}
	return perCPUBusyPercent(t1, t2), nil
}

// CPUTimesPercent blocks for interval and returns how the CPU time was
// spent in that interval, each field in percent. It corresponds to
// psutil.cpu_times_percent(interval).
func CPUTimesPercent(ctx context.Context, interval time.Duration) (CPUTimesStat, error) {
	t1, t2, err := sampleTwice(ctx, interval, false)
	if err != nil {
		return CPUTimesStat{}, err
	}
	return cpuTimesPercent(t1[0], t2[0]), nil
}

// PerCPUTimesPercent is CPUTimesPercent for each logical CPU, as
// psutil.cpu_times_percent(interval, percpu=True).
func PerCPUTimesPercent(ctx context.Context, interval time.Duration) ([]CPUTimesStat, error) {
	t1, t2, err := sampleTwice(ctx, interval, true)
	if err != nil {
		return nil, err
	}
	return perCPUTimesPercent(t1, t2), nil
}

// ---------------------------------------------------------------- memory

// VirtualMemory returns statistics about system memory in bytes. It
// corresponds to psutil.virtual_memory(). On Linux, Used is
// Total-Available (psutil 8.0, procps-ng 4 "free"), and Available falls
// back to the kernel 3.14 estimate when /proc/meminfo lacks MemAvailable.
func VirtualMemory() (VirtualMemoryStat, error) {
	m, err := virtualMemory()
	if err != nil {
		return VirtualMemoryStat{}, err
	}
	if m.Total > m.Available {
		m.Percent = usagePercent(m.Total-m.Available, m.Total)
	}
	return m, nil
}

// SwapMemory returns swap statistics in bytes. It corresponds to
// psutil.swap_memory().
func SwapMemory() (SwapMemoryStat, error) {
	s, err := swapMemory()
	if err != nil {
		return SwapMemoryStat{}, err
	}
	s.Percent = usagePercent(s.Used, s.Total)
	return s, nil
}

// ---------------------------------------------------------------- disks

// DiskPartitions returns the mounted partitions. With all=false only
// physical devices are returned (on Linux: file systems that are not
// "nodev" in /proc/filesystems, plus zfs). It corresponds to
// psutil.disk_partitions(all). On Linux it reads <procfs>/self/mounts
// (always, also for the default root /proc; psutil reads /etc/mtab there,
// which is a symlink to /proc/self/mounts on current systems). Octal
// escapes such as \040 are decoded.
func DiskPartitions(all bool) ([]DiskPartitionStat, error) { return diskPartitions(all) }

// DiskUsage returns the usage of the file system that holds path. It
// corresponds to psutil.disk_usage(path).
func DiskUsage(path string) (DiskUsageStat, error) {
	if path == "" {
		return DiskUsageStat{}, makeErr(codeInval, 0, "disk_usage: empty path")
	}
	for i := 0; i < len(path); i++ {
		if path[i] == 0 {
			return DiskUsageStat{}, makeErr(codeInval, 0, "disk_usage: path contains NUL")
		}
	}
	u, err := diskUsage(path)
	if err != nil {
		return DiskUsageStat{}, err
	}
	u.Percent = usagePercent(u.Used, u.Used+u.Free)
	return u, nil
}

var diskWrap = newWrapTracker()

// DiskIOCounters returns the I/O counters summed over the whole disks
// (partitions are not counted twice). It corresponds to
// psutil.disk_io_counters(perdisk=False, nowrap). With nowrap, counters
// that wrapped around (or were reset) since the previous nowrap call keep
// growing; see [ResetDiskIOCounters]. It returns ErrNotFound when the
// system has no disks (psutil returns None).
func DiskIOCounters(nowrap bool) (DiskIOCountersStat, error) {
	m, err := diskIOCounters(false)
	if err != nil {
		return DiskIOCountersStat{}, err
	}
	if nowrap {
		m = wrapDisk(diskWrap, m)
	}
	if len(m) == 0 {
		return DiskIOCountersStat{}, makeErr(codeNotFound, 0, "disk_io_counters: no disks")
	}
	var s DiskIOCountersStat
	for _, d := range m {
		s.ReadCount += d.ReadCount
		s.WriteCount += d.WriteCount
		s.ReadBytes += d.ReadBytes
		s.WriteBytes += d.WriteBytes
		s.ReadTime += d.ReadTime
		s.WriteTime += d.WriteTime
		s.ReadMergedCount += d.ReadMergedCount
		s.WriteMergedCount += d.WriteMergedCount
		s.BusyTime += d.BusyTime
	}
	return s, nil
}

// PerDiskIOCounters returns the I/O counters of every disk and partition,
// keyed by device name. It corresponds to psutil.disk_io_counters(
// perdisk=True, nowrap). An empty map (not an error) means no disks.
func PerDiskIOCounters(nowrap bool) (map[string]DiskIOCountersStat, error) {
	m, err := diskIOCounters(true)
	if err != nil {
		return nil, err
	}
	if nowrap {
		m = wrapDisk(diskWrap, m)
	}
	return m, nil
}

// ResetDiskIOCounters forgets the nowrap state of DiskIOCounters and
// PerDiskIOCounters, as psutil.disk_io_counters.cache_clear().
func ResetDiskIOCounters() { diskWrap.reset() }

// ---------------------------------------------------------------- network

var netWrap = newWrapTracker()

// NetIOCounters returns the network I/O counters summed over all NICs. It
// corresponds to psutil.net_io_counters(pernic=False, nowrap). See
// [ResetNetIOCounters]. It returns ErrNotFound when there is no NIC
// (psutil returns None).
func NetIOCounters(nowrap bool) (NetIOCountersStat, error) {
	m, err := netIOCounters()
	if err != nil {
		return NetIOCountersStat{}, err
	}
	if nowrap {
		m = wrapNet(netWrap, m)
	}
	if len(m) == 0 {
		return NetIOCountersStat{}, makeErr(codeNotFound, 0, "net_io_counters: no NICs")
	}
	var s NetIOCountersStat
	for _, n := range m {
		s.BytesSent += n.BytesSent
		s.BytesRecv += n.BytesRecv
		s.PacketsSent += n.PacketsSent
		s.PacketsRecv += n.PacketsRecv
		s.Errin += n.Errin
		s.Errout += n.Errout
		s.Dropin += n.Dropin
		s.Dropout += n.Dropout
	}
	return s, nil
}

// PerNICIOCounters returns the network I/O counters of each NIC. It
// corresponds to psutil.net_io_counters(pernic=True, nowrap).
func PerNICIOCounters(nowrap bool) (map[string]NetIOCountersStat, error) {
	m, err := netIOCounters()
	if err != nil {
		return nil, err
	}
	if nowrap {
		m = wrapNet(netWrap, m)
	}
	return m, nil
}

// ResetNetIOCounters forgets the nowrap state of NetIOCounters and
// PerNICIOCounters, as psutil.net_io_counters.cache_clear().
func ResetNetIOCounters() { netWrap.reset() }

// NetIfAddrs returns the addresses of each NIC, sorted by family (stable,
// as psutil does). It corresponds to psutil.net_if_addrs(). MAC addresses
// have family [AF_LINK]; a short MAC is padded with "00" groups to six.
func NetIfAddrs() (map[string][]NICAddrStat, error) {
	m, err := netIfAddrs()
	if err != nil {
		return nil, err
	}
	for _, as := range m {
		sort.SliceStable(as, func(i, j int) bool { return as[i].Family < as[j].Family })
		for i := range as {
			if as[i].Family == AF_LINK && as[i].Address != "" {
				as[i].Address = padMAC(as[i].Address)
			}
		}
	}
	return m, nil
}

// padMAC completes a MAC shorter than six groups with "00" groups, using
// ":" (or "-" on Windows) as psutil does.
func padMAC(a string) string {
	sep := ":"
	if WINDOWS {
		sep = "-"
	}
	for strings.Count(a, sep) < 5 {
		a += sep + "00"
	}
	return a
}

// NetIfStats returns the state of each NIC. It corresponds to
// psutil.net_if_stats().
func NetIfStats() (map[string]NICStatsStat, error) { return netIfStats() }

// ---------------------------------------------------------------- sensors

// SensorsTemperatures returns the hardware temperatures, grouped by
// sensor name, in Celsius or (fahrenheit=true) Fahrenheit. It corresponds
// to psutil.sensors_temperatures(fahrenheit). No sensors gives an empty
// map and a nil error.
func SensorsTemperatures(fahrenheit bool) (map[string][]TemperatureStat, error) {
	m, err := sensorsTemperatures()
	if err != nil {
		return nil, err
	}
	// As psutil: when only one of high and critical is known, the other
	// takes its value.
	for _, ts := range m {
		for i := range ts {
			if ts[i].High != 0 && ts[i].Critical == 0 {
				ts[i].Critical = ts[i].High
			} else if ts[i].Critical != 0 && ts[i].High == 0 {
				ts[i].High = ts[i].Critical
			}
		}
	}
	if fahrenheit {
		for _, ts := range m {
			for i := range ts {
				ts[i].Current = toFahrenheit(ts[i].Current)
				if ts[i].High != 0 {
					ts[i].High = toFahrenheit(ts[i].High)
				}
				if ts[i].Critical != 0 {
					ts[i].Critical = toFahrenheit(ts[i].Critical)
				}
			}
		}
	}
	return m, nil
}

func toFahrenheit(c float64) float64 { return c*9/5 + 32 }

// SensorsFans returns the fan speeds in RPM, grouped by sensor name. It
// corresponds to psutil.sensors_fans(). No fans gives an empty map.
func SensorsFans() (map[string][]FanStat, error) { return sensorsFans() }

// SensorsBattery returns the battery status, or nil and a nil error when
// there is no battery (psutil returns None). It corresponds to
// psutil.sensors_battery().
func SensorsBattery() (*BatteryStat, error) { return sensorsBattery() }

// ---------------------------------------------------------------- other

// BootTime returns the system boot time. It corresponds to
// psutil.boot_time() (which returns the same instant as float seconds;
// use float64(t.UnixNano())/1e9 to get that). On Linux it has one second
// resolution (btime in /proc/stat).
func BootTime() (time.Time, error) {
	s, err := bootTime()
	if err != nil {
		return time.Time{}, err
	}
	sec, frac := math.Modf(s)
	return time.Unix(int64(sec), int64(frac*1e9)), nil
}

// Users returns the users logged in, from utmp on POSIX. It corresponds to
// psutil.users(). No utmp file gives an empty slice and a nil error.
func Users() ([]UserStat, error) { return users() }

// ---------------------------------------------------------------- helpers

// usagePercent is psutil's usage_percent(used, total, round_=1).
func usagePercent(used, total uint64) float64 {
	if total == 0 {
		return 0
	}
	return round1(float64(used) / float64(total) * 100)
}

// round1 rounds to one decimal, half to even like Python's round().
func round1(v float64) float64 {
	return math.RoundToEven(v*10) / 10
}
