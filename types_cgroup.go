package psutil

// Result types of the Linux container API (cgroup.go, pressure.go).

// CgroupUnlimited is the value of a cgroup limit that is not set: "max" in
// cgroup v2, -1 or the huge PAGE_COUNTER_MAX value in cgroup v1.
const CgroupUnlimited int64 = -1

// CgroupEntry is one line of /proc/PID/cgroup: the process' cgroup in one
// hierarchy.
type CgroupEntry struct {
	HierarchyID int    `json:"hierarchy_id"` // 0 for the v2 (unified) hierarchy
	Version     int    `json:"version"`      // 1 or 2
	Controllers string `json:"controllers"`  // v1: "cpu,cpuacct", "name=systemd"; v2: ""
	Path        string `json:"path"`         // path inside the hierarchy, e.g. "/system.slice/x.service"
	// Dir is the directory holding the cgroup's files, resolved through
	// /proc/self/mountinfo (under SysfsPath when the mount point is in
	// /sys). "" when the hierarchy is not mounted in this mount namespace.
	Dir string `json:"dir"`
}

// CgroupMemoryStat is the memory controller of a cgroup. Sizes are bytes;
// limits are CgroupUnlimited when not set.
type CgroupMemoryStat struct {
	Version int    `json:"version"` // 1 or 2: the hierarchy it was read from
	Dir     string `json:"dir"`
	Max     int64  `json:"max"`  // v2 memory.max; v1 memory.limit_in_bytes
	High    int64  `json:"high"` // v2 memory.high; v1: always CgroupUnlimited
	// EffectiveMax is the smallest Max of this cgroup and its ancestors:
	// the limit that actually applies.
	EffectiveMax int64 `json:"effective_max"`
	// Current: v2 memory.current; v1 memory.usage_in_bytes. The v2 root
	// cgroup has no memory.current: there it is the host's MemTotal -
	// MemAvailable (as systemd computes it) and InactiveFile is 0.
	Current uint64 `json:"current"`
	// SwapMax: v2 memory.swap.max; v1 memory.memsw.limit_in_bytes minus
	// memory.limit_in_bytes (CgroupUnlimited if either is unlimited).
	SwapMax int64 `json:"swap_max"`
	// SwapCurrent: v2 memory.swap.current; v1 memsw.usage - usage.
	SwapCurrent  uint64 `json:"swap_current"`
	InactiveFile uint64 `json:"inactive_file"` // memory.stat inactive_file (v1 total_inactive_file)
	OOM          uint64 `json:"oom"`           // memory.events oom; v1: 0 (not exposed)
	OOMKill      uint64 `json:"oom_kill"`      // memory.events oom_kill; v1 memory.oom_control oom_kill
}

// CgroupCPUStat is the cpu (and v1 cpuacct) controller of a cgroup. Times
// are microseconds.
type CgroupCPUStat struct {
	Version  int    `json:"version"`
	Dir      string `json:"dir"`
	QuotaUS  int64  `json:"quota_us"`  // cpu.max quota; v1 cpu.cfs_quota_us; CgroupUnlimited if "max"
	PeriodUS uint64 `json:"period_us"` // cpu.max period; v1 cpu.cfs_period_us
	// Limit is QuotaUS/PeriodUS in CPUs (1.5 = one and a half CPUs), -1
	// when unlimited.
	Limit float64 `json:"limit"`
	// EffectiveLimit is the smallest Limit of this cgroup and its
	// ancestors, -1 when none is set.
	EffectiveLimit float64 `json:"effective_limit"`
	UsageUS        uint64  `json:"usage_usec"`     // cpu.stat usage_usec; v1 cpuacct.usage / 1000
	UserUS         uint64  `json:"user_usec"`      // cpu.stat user_usec; v1 cpuacct.usage_user / 1000
	SystemUS       uint64  `json:"system_usec"`    // cpu.stat system_usec; v1 cpuacct.usage_sys / 1000
	NrPeriods      uint64  `json:"nr_periods"`     // cpu.stat
	NrThrottled    uint64  `json:"nr_throttled"`   // cpu.stat
	ThrottledUS    uint64  `json:"throttled_usec"` // cpu.stat; v1 throttled_time / 1000
}

// CgroupPidsStat is the pids controller of a cgroup.
type CgroupPidsStat struct {
	Version int    `json:"version"`
	Dir     string `json:"dir"`
	Current uint64 `json:"current"` // pids.current
	Max     int64  `json:"max"`     // pids.max; CgroupUnlimited if "max"
}

// CgroupIOStat is one device of io.stat (v2) or of
// blkio.throttle.io_service_bytes / io_serviced (v1).
type CgroupIOStat struct {
	Device       string `json:"device"` // "MAJOR:MINOR"
	Major        uint32 `json:"major"`
	Minor        uint32 `json:"minor"`
	ReadBytes    uint64 `json:"rbytes"`
	WriteBytes   uint64 `json:"wbytes"`
	ReadIOs      uint64 `json:"rios"`
	WriteIOs     uint64 `json:"wios"`
	DiscardBytes uint64 `json:"dbytes"`
	DiscardIOs   uint64 `json:"dios"`
}

// CgroupStat holds the limits and usage of a cgroup. A nil controller
// (or nil IO) means the controller is not available for this cgroup: not
// mounted, not enabled in the parent's cgroup.subtree_control, or not
// compiled in. In a hybrid setup each controller comes from the hierarchy
// it is bound to (its Version field says which).
type CgroupStat struct {
	Memory *CgroupMemoryStat `json:"memory"`
	CPU    *CgroupCPUStat    `json:"cpu"`
	Pids   *CgroupPidsStat   `json:"pids"`
	IO     []CgroupIOStat    `json:"io"`
	// IOVersion is 1 (blkio) or 2 (io); 0 when there is no io controller.
	IOVersion int `json:"io_version"`
}

// ContainerMemoryStat is virtual memory as seen inside the memory limit of
// the calling process' cgroup. Sizes are bytes. See ContainerVirtualMemory
// for the formulas.
type ContainerMemoryStat struct {
	Total     uint64  `json:"total"`
	Available uint64  `json:"available"`
	Percent   float64 `json:"percent"` // Used/Total*100, rounded to 1 decimal
	Used      uint64  `json:"used"`
	// Limited is true when a cgroup limit (not the host RAM) gave Total.
	Limited bool `json:"limited"`
	// HostTotal is MemTotal of /proc/meminfo.
	HostTotal uint64 `json:"host_total"`
}

// PressureLine is one line of a PSI file: the share of wall time in which
// some (or all) runnable tasks were stalled on the resource.
type PressureLine struct {
	Avg10  float64 `json:"avg10"`  // percent, 10 s average
	Avg60  float64 `json:"avg60"`  // percent, 60 s average
	Avg300 float64 `json:"avg300"` // percent, 300 s average
	Total  uint64  `json:"total"`  // total stall time, microseconds
}

// PressureResourceStat is one PSI file (cpu, memory, io or irq).
type PressureResourceStat struct {
	Some PressureLine `json:"some"`
	// Full is zero and HasFull false when the file has no "full" line
	// (system-wide cpu before Linux 5.13).
	Full    PressureLine `json:"full"`
	HasFull bool         `json:"has_full"`
}

// PressureStat holds the PSI of every resource. A nil resource is not
// available: irq needs Linux 6.1 and CONFIG_IRQ_TIME_ACCOUNTING, cgroup
// files need the v2 hierarchy.
type PressureStat struct {
	CPU    *PressureResourceStat `json:"cpu"`
	Memory *PressureResourceStat `json:"memory"`
	IO     *PressureResourceStat `json:"io"`
	IRQ    *PressureResourceStat `json:"irq"`
}
