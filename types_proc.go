package psutil

// Result types of the process API. JSON tags are psutil's field names.
// Fields that exist on some platforms only are zero elsewhere; each comment
// names the platforms.

// Status is a process status, with psutil's string values
// (psutil.STATUS_*).
type Status string

// Process statuses (psutil.STATUS_*).
const (
	StatusRunning     Status = "running"
	StatusSleeping    Status = "sleeping"
	StatusDiskSleep   Status = "disk-sleep"
	StatusStopped     Status = "stopped"
	StatusTracingStop Status = "tracing-stop"
	StatusZombie      Status = "zombie"
	StatusDead        Status = "dead"
	StatusWakeKill    Status = "wake-kill"
	StatusWaking      Status = "waking"
	StatusIdle        Status = "idle"   // Linux, macOS, FreeBSD
	StatusParked      Status = "parked" // Linux
	StatusLocked      Status = "locked" // FreeBSD
	StatusWaiting     Status = "waiting"
	StatusSuspended   Status = "suspended" // NetBSD
	StatusUnknown     Status = "?"
)

// ProcessCPUTimesStat is psutil's pcputimes, in seconds.
type ProcessCPUTimesStat struct {
	User           float64 `json:"user"`
	System         float64 `json:"system"`
	ChildrenUser   float64 `json:"children_user"`   // 0 on Windows and macOS
	ChildrenSystem float64 `json:"children_system"` // 0 on Windows and macOS
	IOWait         float64 `json:"iowait"`          // Linux (delayacct_blkio_ticks)
}

// MemoryInfoStat is psutil's pmem, in bytes: the union of every platform's
// fields. Unused fields are 0; fields of other platforms are omitted from
// JSON when 0, so the JSON of each OS has psutil's keys.
type MemoryInfoStat struct {
	RSS    uint64 `json:"rss"`             // all
	VMS    uint64 `json:"vms"`             // all
	Shared uint64 `json:"shared"`          // Linux
	Text   uint64 `json:"text"`            // Linux, BSD
	Lib    uint64 `json:"lib"`             // Linux (always 0 since Linux 2.6)
	Data   uint64 `json:"data"`            // Linux, BSD
	Dirty  uint64 `json:"dirty"`           // Linux (always 0 since Linux 2.6)
	Stack  uint64 `json:"stack,omitempty"` // BSD
	// BSD: peak resident set size (ru_maxrss); Windows reports PeakWset.
	PeakRSS uint64 `json:"peak_rss,omitempty"`

	PFaults uint64 `json:"pfaults,omitempty"` // macOS: page faults
	PageIns uint64 `json:"pageins,omitempty"` // macOS

	// Windows (PROCESS_MEMORY_COUNTERS_EX); RSS = wset, VMS = pagefile.
	NumPageFaults    uint64 `json:"num_page_faults,omitempty"`
	PeakWset         uint64 `json:"peak_wset,omitempty"`
	Wset             uint64 `json:"wset,omitempty"`
	PeakPagedPool    uint64 `json:"peak_paged_pool,omitempty"`
	PagedPool        uint64 `json:"paged_pool,omitempty"`
	PeakNonPagedPool uint64 `json:"peak_nonpaged_pool,omitempty"`
	NonPagedPool     uint64 `json:"nonpaged_pool,omitempty"`
	Pagefile         uint64 `json:"pagefile,omitempty"`
	PeakPagefile     uint64 `json:"peak_pagefile,omitempty"`
	Private          uint64 `json:"private,omitempty"`
}

// MemoryFullInfoStat is psutil's pfullmem: MemoryInfoStat plus USS, PSS
// and swap, in bytes.
type MemoryFullInfoStat struct {
	MemoryInfoStat
	USS  uint64 `json:"uss"`  // Linux, macOS, Windows
	PSS  uint64 `json:"pss"`  // Linux
	Swap uint64 `json:"swap"` // Linux
}

// MemoryFootprintStat is psutil 8.0's pfootprint: the memory that is the
// process's own, in bytes.
type MemoryFootprintStat struct {
	USS  uint64 `json:"uss"`  // Linux, macOS, Windows
	PSS  uint64 `json:"pss"`  // Linux
	Swap uint64 `json:"swap"` // Linux
}

// MemoryMapStat is one entry of memory_maps: psutil's pmmap_grouped
// (Addr and Perms empty) or pmmap_ext. Sizes are bytes.
type MemoryMapStat struct {
	Addr         string `json:"addr,omitempty"`  // grouped=false only
	Perms        string `json:"perms,omitempty"` // grouped=false only
	Path         string `json:"path"`
	RSS          uint64 `json:"rss"`
	Size         uint64 `json:"size"`
	PSS          uint64 `json:"pss"`
	SharedClean  uint64 `json:"shared_clean"`
	SharedDirty  uint64 `json:"shared_dirty"`
	PrivateClean uint64 `json:"private_clean"`
	PrivateDirty uint64 `json:"private_dirty"`
	Referenced   uint64 `json:"referenced"`
	Anonymous    uint64 `json:"anonymous"`
	Swap         uint64 `json:"swap"`
	Private      uint64 `json:"private,omitempty"` // FreeBSD: private resident bytes
}

// OpenFileStat is psutil's popenfile.
type OpenFileStat struct {
	Path     string `json:"path"`
	FD       int    `json:"fd"`       // -1 on Windows
	Position int64  `json:"position"` // Linux
	Mode     string `json:"mode"`     // Linux: "r", "w", "a", "r+", "a+"
	Flags    int    `json:"flags"`    // Linux: open(2) flags
}

// ThreadStat is psutil's pthread: a thread id and its CPU seconds.
type ThreadStat struct {
	ID         int     `json:"id"`
	UserTime   float64 `json:"user_time"`
	SystemTime float64 `json:"system_time"`
}

// IDsStat holds real, effective and saved user or group ids (psutil's
// puids / pgids).
type IDsStat struct {
	Real      int `json:"real"`
	Effective int `json:"effective"`
	Saved     int `json:"saved"`
}

// NumCtxSwitchesStat is psutil's pctxsw.
type NumCtxSwitchesStat struct {
	Voluntary   uint64 `json:"voluntary"`
	Involuntary uint64 `json:"involuntary"` // 0 on Windows and macOS
}

// ProcessIOCountersStat is psutil's pio.
type ProcessIOCountersStat struct {
	ReadCount  uint64 `json:"read_count"`
	WriteCount uint64 `json:"write_count"`
	ReadBytes  uint64 `json:"read_bytes"`
	WriteBytes uint64 `json:"write_bytes"`
	ReadChars  uint64 `json:"read_chars"`  // Linux (rchar)
	WriteChars uint64 `json:"write_chars"` // Linux (wchar)
	OtherCount uint64 `json:"other_count"` // Windows
	OtherBytes uint64 `json:"other_bytes"` // Windows
}

// IOPriorityClass is a Linux I/O scheduling class (psutil.IOPRIO_CLASS_*).
type IOPriorityClass int

// Linux I/O priority classes.
const (
	IOPrioClassNone IOPriorityClass = 0
	IOPrioClassRT   IOPriorityClass = 1
	IOPrioClassBE   IOPriorityClass = 2
	IOPrioClassIdle IOPriorityClass = 3
)

// IONiceStat is psutil's pionice.
type IONiceStat struct {
	Class IOPriorityClass `json:"ioclass"`
	Value int             `json:"value"`
}

// Rlimit resources (psutil.RLIMIT_*), with the generic Linux numbering.
// RLIMIT_SBSIZE, RLIMIT_NPTS and RLIMIT_SWAP are FreeBSD's (psutil
// exposes them there): FreeBSD numbers them 9, 11 and 12, which are other
// resources in this numbering, so they get numbers of their own here;
// Rlimit converts. Elsewhere they give ErrInvalidArgument.
const (
	RLIMIT_CPU        = 0
	RLIMIT_FSIZE      = 1
	RLIMIT_DATA       = 2
	RLIMIT_STACK      = 3
	RLIMIT_CORE       = 4
	RLIMIT_RSS        = 5
	RLIMIT_NPROC      = 6
	RLIMIT_NOFILE     = 7
	RLIMIT_MEMLOCK    = 8
	RLIMIT_AS         = 9
	RLIMIT_LOCKS      = 10
	RLIMIT_SIGPENDING = 11
	RLIMIT_MSGQUEUE   = 12
	RLIMIT_NICE       = 13
	RLIMIT_RTPRIO     = 14
	RLIMIT_RTTIME     = 15
	RLIMIT_SBSIZE     = 16 // FreeBSD: socket buffer size (FreeBSD's 9)
	RLIMIT_NPTS       = 17 // FreeBSD: pseudo-terminals (FreeBSD's 11)
	RLIMIT_SWAP       = 18 // FreeBSD: swap space (FreeBSD's 12)
)

// RLIM_INFINITY is the "no limit" value of Rlimit, as psutil normalizes it.
const RLIM_INFINITY int64 = -1

// RlimitStat is a (soft, hard) pair; RLIM_INFINITY means unlimited.
type RlimitStat struct {
	Soft int64 `json:"soft"`
	Hard int64 `json:"hard"`
}

// ConnKind selects sockets for NetConnections (psutil's kind argument).
type ConnKind string

// Connection kinds.
const (
	ConnInet  ConnKind = "inet"
	ConnInet4 ConnKind = "inet4"
	ConnInet6 ConnKind = "inet6"
	ConnTCP   ConnKind = "tcp"
	ConnTCP4  ConnKind = "tcp4"
	ConnTCP6  ConnKind = "tcp6"
	ConnUDP   ConnKind = "udp"
	ConnUDP4  ConnKind = "udp4"
	ConnUDP6  ConnKind = "udp6"
	ConnUnix  ConnKind = "unix"
	ConnAll   ConnKind = "all"
)

// ConnStatus is a socket state (psutil.CONN_*).
type ConnStatus string

// Socket states.
const (
	ConnEstablished ConnStatus = "ESTABLISHED"
	ConnSynSent     ConnStatus = "SYN_SENT"
	ConnSynRecv     ConnStatus = "SYN_RECV"
	ConnFinWait1    ConnStatus = "FIN_WAIT1"
	ConnFinWait2    ConnStatus = "FIN_WAIT2"
	ConnTimeWait    ConnStatus = "TIME_WAIT"
	ConnClose       ConnStatus = "CLOSE"
	ConnCloseWait   ConnStatus = "CLOSE_WAIT"
	ConnLastAck     ConnStatus = "LAST_ACK"
	ConnListen      ConnStatus = "LISTEN"
	ConnClosing     ConnStatus = "CLOSING"
	ConnNone        ConnStatus = "NONE"
	ConnDeleteTCB   ConnStatus = "DELETE_TCB" // Windows
)

// Address families and socket types as psutil reports them (Linux
// values; other platforms convert to these).
const (
	AF_UNIX        = 1
	AF_INET        = 2
	AF_INET6       = 10
	SOCK_STREAM    = 1
	SOCK_DGRAM     = 2
	SOCK_SEQPACKET = 5
)

// ConnAddr is a socket address. For AF_UNIX sockets IP holds the path and
// Port is 0. The zero value means "none" (psutil's empty tuple).
type ConnAddr struct {
	IP   string `json:"ip"`
	Port int    `json:"port"`
}

// ConnectionStat is psutil's pconn / sconn.
type ConnectionStat struct {
	FD     int        `json:"fd"` // -1 when unknown
	Family int        `json:"family"`
	Type   int        `json:"type"`
	Laddr  ConnAddr   `json:"laddr"`
	Raddr  ConnAddr   `json:"raddr"`
	Status ConnStatus `json:"status"`
	PID    int        `json:"pid"` // system-wide only; -1 when unknown (psutil None)
}

// procStat is the per-OS "oneshot" record: what one cheap read returns
// (on Linux /proc/PID/stat, status and statm). Platforms fill the parts
// asked for in want and set the bits of the parts they filled in have;
// a platform that gets everything at once sets all bits.
type procStat struct {
	have   uint32 // procPart* bits filled
	cpuNum int32  // procPartStat (here to fill the padding after have)

	// procPartStat
	ident      uint64  // raw identity (Linux: starttime in clock ticks since boot); 0 = unknown
	createTime float64 // seconds since the epoch
	ppid       int
	name       string
	status     Status
	ttyNr      uint64 // Linux/BSD device number of the controlling tty; 0 = none

	// procPartStatus
	uids, gids IDsStat

	// procPartTask (see the constants)
	times       ProcessCPUTimesStat
	numThreads  int
	ctxSwitches NumCtxSwitchesStat

	// procPartMem
	mem MemoryInfoStat

	// procPartFoot (optional: a platform that can't fill it in procRead
	// leaves the bit unset and procMemoryFootprint is called instead)
	foot procFootprint
}

// Parts of procStat. Ask only for what a getter needs.
//
// procPartTask (times, numThreads, ctxSwitches) is asked for together
// with procPartStat (times) or procPartStatus (threads, switches); its
// bit means "the task fields of the parts in have are filled". macOS
// reads them with PROC_PIDTASKINFO, which is refused for other users'
// processes and for zombies, so there a read without procPartTask gets
// name, status, ppid, create time and ids from kinfo_proc alone (and a
// read with it fills every part at once, procPartMem included). Linux
// reads times with stat and threads/switches with status, and the other
// platforms read everything at once: they set procPartTask always.
const (
	procPartStat   uint32 = 1 << 0 // ident, createTime, ppid, name, status, ttyNr, cpuNum
	procPartStatus uint32 = 1 << 1 // uids, gids
	procPartMem    uint32 = 1 << 2 // mem
	procPartFoot   uint32 = 1 << 3 // foot (optional, see procStat.foot)
	procPartTask   uint32 = 1 << 4 // times, numThreads, ctxSwitches (PSU_PROC_PART_TASK)
	procPartAll           = procPartStat | procPartStatus | procPartMem | procPartTask
)

// procFootprint holds USS, PSS and swap in bytes.
type procFootprint struct {
	uss, pss, swap uint64
}
