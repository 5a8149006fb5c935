//go:build !cgo || !(linux || windows || darwin || freebsd || openbsd || netbsd)

package psutil

// Without cgo (or on an OS without a C core) every system function returns
// an error that matches ErrNotImplemented and errors.ErrUnsupported.
//
// This file is also the contract of the system API: every platform file
// (platform_linux.go, platform_windows.go, platform_darwin.go,
// platform_bsd.go) implements exactly these lower-case functions. They
// return raw values; psutil.go computes percentages, averages, sums,
// nowrap and Fahrenheit. Rules:
//   - cpuTimes(false) returns one element (the "cpu" total); cpuTimes(true)
//     one per logical CPU, in CPU order.
//   - cpuCountLogical/cpuCountPhysical return 0 (nil error) when unknown.
//   - cpuFreq returns one entry per CPU (or one system entry); an empty
//     slice makes CPUFreq return ErrNotImplemented.
//   - virtualMemory fills every field but Percent; swapMemory every field
//     but Percent; diskUsage Total, Used and Free only.
//   - diskIOCounters(perdisk=false) returns only whole disks (the ones that
//     are summed), perdisk=true every disk and partition.
//   - netIOCounters returns per-NIC counters.
//   - sensorsTemperatures returns Celsius; sensorsBattery returns nil, nil
//     when there is no battery; no sensors is an empty map, not an error.
//   - bootTime returns seconds since the epoch.
// The functions whose cgo wrapper is the same on every OS live once in
// platform_common_sys.go; the platform files hold only what differs (sensors,
// diskUsage, netIfAddrs), and on Linux, macOS and the BSDs netIfAddrs can
// simply call posixNetIfAddrs (sys_posix_cgo.go, csrc/posix_sys.c).

func cpuTimes(percpu bool) ([]CPUTimesStat, error)                       { return nil, errNoCgo() }
func cpuCountLogical() (int, error)                                      { return 0, errNoCgo() }
func cpuCountPhysical() (int, error)                                     { return 0, errNoCgo() }
func cpuStats() (CPUStatsStat, error)                                    { return CPUStatsStat{}, errNoCgo() }
func cpuFreq() ([]CPUFreqStat, error)                                    { return nil, errNoCgo() }
func loadAvg() (LoadAvgStat, error)                                      { return LoadAvgStat{}, errNoCgo() }
func virtualMemory() (VirtualMemoryStat, error)                          { return VirtualMemoryStat{}, errNoCgo() }
func swapMemory() (SwapMemoryStat, error)                                { return SwapMemoryStat{}, errNoCgo() }
func diskPartitions(all bool) ([]DiskPartitionStat, error)               { return nil, errNoCgo() }
func diskUsage(path string) (DiskUsageStat, error)                       { return DiskUsageStat{}, errNoCgo() }
func diskIOCounters(perdisk bool) (map[string]DiskIOCountersStat, error) { return nil, errNoCgo() }
func netIOCounters() (map[string]NetIOCountersStat, error)               { return nil, errNoCgo() }
func netIfAddrs() (map[string][]NICAddrStat, error)                      { return nil, errNoCgo() }
func netIfStats() (map[string]NICStatsStat, error)                       { return nil, errNoCgo() }
func sensorsTemperatures() (map[string][]TemperatureStat, error)         { return nil, errNoCgo() }
func sensorsFans() (map[string][]FanStat, error)                         { return nil, errNoCgo() }
func sensorsBattery() (*BatteryStat, error)                              { return nil, errNoCgo() }
func bootTime() (float64, error)                                         { return 0, errNoCgo() }
func users() ([]UserStat, error)                                         { return nil, errNoCgo() }

func errNoCgo() error {
	return makeErr(codeNotSup, 0, "built without cgo or without a C core for this OS")
}
