package psutil

// Result types of the system-wide API. Every struct holds the union of the
// fields that psutil returns on any platform; a field that does not exist
// on the running OS is zero, and its comment names the platforms that fill
// it. JSON tags are psutil's field names, so json.Marshal gives the keys of
// psutil's namedtuple._asdict() (plus the zero-valued fields of other
// platforms).

// CPUTimesStat is psutil's scputimes: seconds spent by the CPU(s) in each
// mode since boot. As cpu_times_percent does, [CPUTimesPercent] reuses the
// type with every field in percent (0..100).
type CPUTimesStat struct {
	User      float64 `json:"user"`
	System    float64 `json:"system"`
	Idle      float64 `json:"idle"`
	Nice      float64 `json:"nice"`       // Linux, macOS, BSD
	Iowait    float64 `json:"iowait"`     // Linux
	Irq       float64 `json:"irq"`        // Linux, BSD, Windows (psutil's "interrupt" before 8.0)
	Softirq   float64 `json:"softirq"`    // Linux
	Steal     float64 `json:"steal"`      // Linux >= 2.6.11
	Guest     float64 `json:"guest"`      // Linux >= 2.6.24; already included in User
	GuestNice float64 `json:"guest_nice"` // Linux >= 3.2.0; already included in Nice
	DPC       float64 `json:"dpc"`        // Windows
}

// CPUStatsStat is psutil's scpustats: counters since boot.
type CPUStatsStat struct {
	CtxSwitches    uint64 `json:"ctx_switches"`
	Interrupts     uint64 `json:"interrupts"`
	SoftInterrupts uint64 `json:"soft_interrupts"` // 0 on Windows
	Syscalls       uint64 `json:"syscalls"`        // 0 on Linux
}

// CPUFreqStat is psutil's scpufreq, in MHz. Min and Max are 0 when the OS
// does not report them (for example Linux without cpufreq in sysfs).
type CPUFreqStat struct {
	Current float64 `json:"current"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
}

// LoadAvgStat holds the 1, 5 and 15 minute load averages (psutil returns
// them as a plain tuple).
type LoadAvgStat struct {
	Load1  float64 `json:"load1"`
	Load5  float64 `json:"load5"`
	Load15 float64 `json:"load15"`
}

// VirtualMemoryStat is psutil's svmem. Sizes are bytes.
type VirtualMemoryStat struct {
	Total     uint64  `json:"total"`
	Available uint64  `json:"available"`
	Percent   float64 `json:"percent"` // (Total-Available)/Total*100, rounded to 1 decimal
	// Used is Total-Available on Linux and Windows (psutil >= 8.0 and
	// procps-ng 4 "free"); Active+Wired on macOS and BSD.
	Used     uint64 `json:"used"`
	Free     uint64 `json:"free"`
	Active   uint64 `json:"active"`   // Linux, macOS, BSD
	Inactive uint64 `json:"inactive"` // Linux, macOS, BSD
	Buffers  uint64 `json:"buffers"`  // Linux, BSD
	Cached   uint64 `json:"cached"`   // Linux (Cached+SReclaimable), BSD, Windows
	Shared   uint64 `json:"shared"`   // Linux, BSD
	Slab     uint64 `json:"slab"`     // Linux
	Wired    uint64 `json:"wired"`    // macOS, BSD, Windows
}

// SwapMemoryStat is psutil's sswap. Sizes are bytes; Sin and Sout are the
// bytes swapped in and out since boot (Linux: pages x 4096, as psutil).
type SwapMemoryStat struct {
	Total   uint64  `json:"total"`
	Used    uint64  `json:"used"`
	Free    uint64  `json:"free"`
	Percent float64 `json:"percent"` // Used/Total*100, rounded to 1 decimal
	Sin     uint64  `json:"sin"`
	Sout    uint64  `json:"sout"`
}

// DiskPartitionStat is psutil's sdiskpart.
type DiskPartitionStat struct {
	Device     string `json:"device"` // "" for psutil's "none"
	Mountpoint string `json:"mountpoint"`
	Fstype     string `json:"fstype"`
	Opts       string `json:"opts"` // comma-separated mount options
}

// DiskUsageStat is psutil's sdiskusage. Sizes are bytes.
type DiskUsageStat struct {
	Total   uint64  `json:"total"`
	Used    uint64  `json:"used"`
	Free    uint64  `json:"free"`    // available to unprivileged users
	Percent float64 `json:"percent"` // Used/(Used+Free)*100, rounded to 1 decimal, like df
}

// DiskIOCountersStat is psutil's sdiskio: counters since boot. Times are
// milliseconds.
type DiskIOCountersStat struct {
	ReadCount        uint64 `json:"read_count"`
	WriteCount       uint64 `json:"write_count"`
	ReadBytes        uint64 `json:"read_bytes"`
	WriteBytes       uint64 `json:"write_bytes"`
	ReadTime         uint64 `json:"read_time"`          // not on NetBSD, OpenBSD
	WriteTime        uint64 `json:"write_time"`         // not on NetBSD, OpenBSD
	ReadMergedCount  uint64 `json:"read_merged_count"`  // Linux
	WriteMergedCount uint64 `json:"write_merged_count"` // Linux
	BusyTime         uint64 `json:"busy_time"`          // Linux, FreeBSD
}

// NetIOCountersStat is psutil's snetio: counters since boot.
type NetIOCountersStat struct {
	BytesSent   uint64 `json:"bytes_sent"`
	BytesRecv   uint64 `json:"bytes_recv"`
	PacketsSent uint64 `json:"packets_sent"`
	PacketsRecv uint64 `json:"packets_recv"`
	Errin       uint64 `json:"errin"`
	Errout      uint64 `json:"errout"`
	Dropin      uint64 `json:"dropin"`
	Dropout     uint64 `json:"dropout"` // always 0 on macOS and BSD
}

// NICAddrStat is psutil's snicaddr. Family is AF_INET, AF_INET6 or
// [AF_LINK] (a MAC address). Netmask, Broadcast and Ptp are "" where
// psutil has None.
type NICAddrStat struct {
	Family    int    `json:"family"`
	Address   string `json:"address"`
	Netmask   string `json:"netmask"`
	Broadcast string `json:"broadcast"`
	Ptp       string `json:"ptp"` // the peer of a point-to-point link
}

// NICDuplex is psutil's NicDuplex.
type NICDuplex int

// Duplex values, as psutil.NIC_DUPLEX_*.
const (
	NIC_DUPLEX_UNKNOWN NICDuplex = 0
	NIC_DUPLEX_HALF    NICDuplex = 1
	NIC_DUPLEX_FULL    NICDuplex = 2
)

// NICStatsStat is psutil's snicstats.
type NICStatsStat struct {
	IsUp   bool      `json:"isup"`
	Duplex NICDuplex `json:"duplex"`
	Speed  int       `json:"speed"` // Mbit/s, 0 if unknown
	MTU    int       `json:"mtu"`
	Flags  string    `json:"flags"` // comma-separated, e.g. "up,broadcast,running,multicast"; "" on Windows
}

// TemperatureStat is psutil's shwtemp, in Celsius (or Fahrenheit when
// asked). High and Critical are 0 where psutil has None.
type TemperatureStat struct {
	Label    string  `json:"label"`
	Current  float64 `json:"current"`
	High     float64 `json:"high"`
	Critical float64 `json:"critical"`
}

// FanStat is psutil's sfan; Current is in RPM.
type FanStat struct {
	Label   string `json:"label"`
	Current int    `json:"current"`
}

// Battery time sentinels, as psutil.POWER_TIME_*.
const (
	POWER_TIME_UNKNOWN   int64 = -1
	POWER_TIME_UNLIMITED int64 = -2
)

// BatteryStat is psutil's sbattery.
type BatteryStat struct {
	Percent float64 `json:"percent"`
	// Secsleft is the estimated seconds left, or POWER_TIME_UNLIMITED
	// when plugged in, or POWER_TIME_UNKNOWN.
	Secsleft int64 `json:"secsleft"`
	// PowerPlugged is false both when unplugged and when unknown (psutil
	// None).
	PowerPlugged bool `json:"power_plugged"`
}

// UserStat is psutil's suser.
type UserStat struct {
	Name     string  `json:"name"`
	Terminal string  `json:"terminal"`
	Host     string  `json:"host"`
	Started  float64 `json:"started"` // seconds since the epoch, like psutil
	PID      int     `json:"pid"`     // 0 where psutil has None (Windows, OpenBSD)
}
