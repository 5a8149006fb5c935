package psutil

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ExitCodeUnknown is what Wait returns for a process that has exited but
// is not a child of this one, so its exit status can't be known (psutil
// returns None).
const ExitCodeUnknown = math.MinInt32

// Process is one process, identified by its PID and its creation time, so
// that a PID reused by a new process is never mistaken for the old one
// (psutil.Process). Create it with [NewProcess] or get it from
// [Processes]. A Process is safe for concurrent use by many goroutines.
//
// Getters read fresh data on every call (except inside [Process.Oneshot]
// and for values prefetched by [Processes]); they return an error wrapping
// [ErrNoSuchProcess] once the process is gone, [ErrZombieProcess] when it
// is a zombie whose data is gone, and [ErrAccessDenied] when the OS
// refuses. Like psutil, getters do not check for PID reuse; setters and
// signals do (they return ErrNoSuchProcess instead of touching another
// process). Every error is a [*ProcessError].
type Process struct {
	pid        int
	ident      uint64  // raw creation time from procStat.ident; 0 = unknown
	createTime float64 // epoch seconds; 0 = unknown
	valid      bool    // made by newProcess or Processes (see check)

	mu       sync.Mutex
	name     string // last known name, for error messages
	exe      string // cached Exe (psutil caches it)
	exeOK    bool
	osDepth  int      // Oneshot nesting
	osSt     procStat // Oneshot cache
	osFoot   procFootprint
	osFootOK bool
	pf       prefetch // values prefetched by Processes; pf.set == 0 if none
	lastCPU  float64  // CPUPercent state
	lastWall time.Time
	haveLast bool
	exited   bool // Wait already collected the exit code
	exitCode int
}

// NewProcess returns the process with this PID, recording its identity
// (psutil.Process(pid)). A negative pid gives ErrInvalidArgument; a pid
// that does not exist (including 0 on Linux, and pids above 2^31-1) gives
// ErrNoSuchProcess. A zombie or a process whose data can't be read is
// returned without error (its identity is then only the PID, as in
// psutil).
func NewProcess(pid int) (*Process, error) {
	const op = "NewProcess"
	if pid < 0 {
		return nil, procErr(op, pid, "", ErrInvalidArgument)
	}
	if pid > math.MaxInt32 {
		return nil, procErr(op, pid, "", ErrNoSuchProcess)
	}
	return newProcess(op, pid)
}

func newProcess(op string, pid int) (*Process, error) {
	p := &Process{pid: pid, valid: true}
	var st procStat
	err := procRead(pid, procPartStat, &st)
	if err != nil {
		if errors.Is(err, ErrNoSuchProcess) && !errors.Is(err, ErrZombieProcess) {
			return nil, procErr(op, pid, "", err)
		}
		if !errors.Is(err, ErrZombieProcess) && !errors.Is(err, ErrAccessDenied) {
			return nil, procErr(op, pid, "", err)
		}
		return p, nil
	}
	p.ident, p.createTime, p.name = st.ident, st.createTime, st.name
	return p, nil
}

// Pids returns the PIDs of all running processes, sorted (psutil.pids()).
func Pids() ([]int, error) {
	pids, err := procPids()
	if err != nil {
		return nil, err
	}
	if !sort.IntsAreSorted(pids) {
		sort.Ints(pids)
	}
	return pids, nil
}

// PIDExists reports whether a process with this PID exists
// (psutil.pid_exists). On Linux a thread id is not a process. A negative
// pid gives false. It is cheaper than searching Pids(); use
// [Process.IsRunning] to detect PID reuse.
func PIDExists(pid int) (bool, error) {
	if pid < 0 || pid > math.MaxInt32 {
		return false, nil
	}
	return procPidExists(pid)
}

// check returns ErrInvalidArgument for a nil Process or one not made by
// NewProcess or Processes (a zero Process{} has pid 0, which several OS
// calls take to mean the calling process). Every exported method calls
// it first.
func (p *Process) check(op string) error {
	if p != nil && p.valid {
		return nil
	}
	pid := 0
	if p != nil {
		pid = p.pid
	}
	return &ProcessError{Op: "Process." + op, PID: pid, Err: ErrInvalidArgument,
		Where: "Process not created by NewProcess"}
}

func (p *Process) err(op string, err error) error {
	if err == nil {
		return nil
	}
	var pe *ProcessError
	if errors.As(err, &pe) {
		return err // already has the context (e.g. a prefetched error)
	}
	p.mu.Lock()
	name := p.name
	p.mu.Unlock()
	out := procErr("Process."+op, p.pid, name, err)
	if errors.Is(err, ErrZombieProcess) && errors.As(out, &pe) {
		// psutil.ZombieProcess carries the parent pid.
		var st procStat
		if procRead(p.pid, procPartStat, &st) == nil {
			pe.PPID = st.ppid
		}
	}
	return out
}

// read returns the parts of the oneshot record asked for, from the
// Oneshot cache when active.
func (p *Process) read(want uint32) (procStat, error) {
	p.mu.Lock()
	if p.osDepth > 0 {
		var err error
		if p.osSt.have&want != want {
			err = procRead(p.pid, want, &p.osSt)
		}
		st := p.osSt
		if st.name != "" {
			p.name = st.name
		}
		p.mu.Unlock()
		return st, err
	}
	p.mu.Unlock()
	var st procStat
	err := procRead(p.pid, want, &st)
	return st, err
}

// readPF is read, served from the prefetch when attribute a was
// prefetched. Parts the prefetch filled are served even when the rest
// of its read failed (on macOS the task info of another user's process is
// refused, but its name and ids are not).
func (p *Process) readPF(a procAttr, want uint32) (procStat, error) {
	if pf, ok := p.pfGet(a); ok {
		if pf.st.have&want == want {
			return pf.st, nil
		}
		if pf.stErr != nil {
			return pf.st, pf.stErr
		}
	}
	return p.read(want)
}

// PID returns the process id (0 for a nil Process).
func (p *Process) PID() int {
	if p == nil {
		return 0
	}
	return p.pid
}

// String describes the process like psutil's repr.
func (p *Process) String() string {
	if p == nil {
		return "psutil.Process(nil)"
	}
	if !p.valid {
		return "psutil.Process(pid=" + strconv.Itoa(p.pid) + ", invalid)"
	}
	s := "psutil.Process(pid=" + strconv.Itoa(p.pid)
	if st, err := p.read(procPartStat); err == nil {
		s += ", name=" + strconv.Quote(st.name) + ", status=" + strconv.Quote(string(st.status))
	}
	if p.createTime != 0 {
		s += ", started=" + strconv.Quote(time.Unix(0, int64(p.createTime*1e9)).Format("15:04:05"))
	}
	return s + ")"
}

// Equal reports whether p and q are the same process: same PID and same
// creation time (an unknown creation time counts as equal, as in psutil).
func (p *Process) Equal(q *Process) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.pid == q.pid && (p.ident == 0 || q.ident == 0 || p.ident == q.ident)
}

// Oneshot runs fn with a per-process cache enabled (psutil's
// p.oneshot()): while fn runs, the getters that read the same OS record
// (on Linux /proc/PID/stat, status and statm) read each file at most once.
// It nests; the cache is dropped when the outermost call returns. The
// cache is per Process, shared by goroutines using the same value.
func (p *Process) Oneshot(fn func() error) error {
	if err := p.check("Oneshot"); err != nil {
		return err
	}
	p.mu.Lock()
	p.osDepth++
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.osDepth--
		if p.osDepth == 0 {
			p.osSt = procStat{}
			p.osFoot, p.osFootOK = procFootprint{}, false
		}
		p.mu.Unlock()
	}()
	return fn()
}

// PPID returns the parent PID (psutil ppid()). It is not cached: it
// changes to 1 (or a subreaper) when the parent dies.
func (p *Process) PPID() (int, error) {
	if err := p.check("PPID"); err != nil {
		return 0, err
	}
	st, err := p.readPF(attrPPID, procPartStat)
	if err != nil {
		return 0, p.err("PPID", err)
	}
	return st.ppid, nil
}

// Name returns the process name (psutil name()). On POSIX, a name of 15
// bytes or more that is a prefix of the basename of argv[0] is replaced
// by that basename, since the kernel truncates it. Bytes are kept
// exactly, even when not valid UTF-8.
func (p *Process) Name() (string, error) {
	if err := p.check("Name"); err != nil {
		return "", err
	}
	if pf, ok := p.pfGet(attrName); ok {
		return pf.name, pf.nameErr
	}
	st, err := p.read(procPartStat)
	if err != nil {
		return "", p.err("Name", err)
	}
	return p.extendNameSt(st.name, st.ppid), nil
}

func (p *Process) extendName(name string) string {
	return p.extendNameSt(name, -1)
}

// extendNameSt is extendName knowing the ppid (-1 if unknown): Linux
// kernel threads (pid 2 and its children) have no argv, so their
// cmdline is not read.
func (p *Process) extendNameSt(name string, ppid int) string {
	if runtime.GOOS == "windows" || len(name) < 15 {
		return name
	}
	if runtime.GOOS == "linux" && (p.pid == 2 || ppid == 2) {
		return name
	}
	cmd, err := procCmdline(p.pid)
	if err != nil || len(cmd) == 0 {
		return name
	}
	if ext := filepath.Base(cmd[0]); strings.HasPrefix(ext, name) {
		return ext
	}
	return name
}

// Exe returns the absolute path of the executable, or "" if unknown
// (psutil exe()). The value is cached. When the OS refuses or gives "",
// an absolute, executable argv[0] is used instead, as psutil does.
func (p *Process) Exe() (string, error) {
	if err := p.check("Exe"); err != nil {
		return "", err
	}
	if v, err, ok := p.pfExtra(attrExe); ok {
		return v.(string), err
	}
	p.mu.Lock()
	if p.exeOK {
		e := p.exe
		p.mu.Unlock()
		return e, nil
	}
	p.mu.Unlock()
	exe, err := procExe(p.pid)
	if (err != nil && errors.Is(err, ErrAccessDenied)) || (err == nil && exe == "") {
		if cmd, cerr := procCmdline(p.pid); cerr == nil && len(cmd) > 0 && filepath.IsAbs(cmd[0]) {
			if fi, serr := os.Stat(cmd[0]); serr == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
				exe, err = cmd[0], nil
			}
		}
	}
	if err != nil {
		return "", p.err("Exe", err)
	}
	p.mu.Lock()
	p.exe, p.exeOK = exe, true
	p.mu.Unlock()
	return exe, nil
}

// Cmdline returns the command line (psutil cmdline()). Bytes are kept
// exactly. A kernel thread gives an empty slice.
func (p *Process) Cmdline() ([]string, error) {
	if err := p.check("Cmdline"); err != nil {
		return nil, err
	}
	if v, err, ok := p.pfExtra(attrCmdline); ok {
		s, _ := v.([]string)
		return s, err
	}
	c, err := procCmdline(p.pid)
	return c, p.err("Cmdline", err)
}

// Environ returns the environment (psutil environ()).
func (p *Process) Environ() (map[string]string, error) {
	if err := p.check("Environ"); err != nil {
		return nil, err
	}
	if v, err, ok := p.pfExtra(attrEnviron); ok {
		m, _ := v.(map[string]string)
		return m, err
	}
	e, err := procEnviron(p.pid)
	return e, p.err("Environ", err)
}

// CreateTime returns when the process started (psutil create_time()). On
// Linux it is the boot time plus the start time in clock ticks, so it has
// a 10 ms resolution. The value is cached.
func (p *Process) CreateTime() (time.Time, error) {
	if err := p.check("CreateTime"); err != nil {
		return time.Time{}, err
	}
	ct, err := p.createTimeF()
	if err != nil {
		return time.Time{}, err
	}
	return floatToTime(ct), nil
}

func floatToTime(f float64) time.Time {
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1e9)))
}

func (p *Process) createTimeF() (float64, error) {
	if p.createTime != 0 {
		return p.createTime, nil
	}
	st, err := p.read(procPartStat)
	if err != nil {
		return 0, p.err("CreateTime", err)
	}
	return st.createTime, nil
}

// Status returns the process status (psutil status()). A zombie gives
// StatusZombie with no error.
func (p *Process) Status() (Status, error) {
	if err := p.check("Status"); err != nil {
		return "", err
	}
	st, err := p.readPF(attrStatus, procPartStat)
	if err != nil {
		if errors.Is(err, ErrZombieProcess) {
			return StatusZombie, nil
		}
		return "", p.err("Status", err)
	}
	return st.status, nil
}

// Username returns the name of the user owning the process (psutil
// username()): POSIX uses the real uid, and the uid as a decimal string
// if it has no name.
func (p *Process) Username() (string, error) {
	if err := p.check("Username"); err != nil {
		return "", err
	}
	if pf, ok := p.pfGet(attrUsername); ok {
		return pf.user, pf.userErr
	}
	st, err := p.read(procPartStatus)
	if err != nil {
		return "", p.err("Username", err)
	}
	u, err := procUsername(p.pid, &st)
	return u, p.err("Username", err)
}

// UIDs returns the real, effective and saved user ids (POSIX; psutil
// uids()). On Windows it returns ErrNotImplemented.
func (p *Process) UIDs() (IDsStat, error) {
	if err := p.check("UIDs"); err != nil {
		return IDsStat{}, err
	}
	if runtime.GOOS == "windows" { // psutil has no uids there
		return IDsStat{}, p.err("UIDs", ErrNotImplemented)
	}
	st, err := p.readPF(attrUIDs, procPartStatus)
	if err != nil {
		return IDsStat{}, p.err("UIDs", err)
	}
	return st.uids, nil
}

// GIDs returns the real, effective and saved group ids (POSIX; psutil
// gids()). On Windows it returns ErrNotImplemented.
func (p *Process) GIDs() (IDsStat, error) {
	if err := p.check("GIDs"); err != nil {
		return IDsStat{}, err
	}
	if runtime.GOOS == "windows" { // psutil has no gids there
		return IDsStat{}, p.err("GIDs", ErrNotImplemented)
	}
	st, err := p.readPF(attrGIDs, procPartStatus)
	if err != nil {
		return IDsStat{}, p.err("GIDs", err)
	}
	return st.gids, nil
}

// Terminal returns the controlling terminal's path, or "" if there is none
// (POSIX; psutil terminal() returns None).
func (p *Process) Terminal() (string, error) {
	if err := p.check("Terminal"); err != nil {
		return "", err
	}
	if v, err, ok := p.pfExtra(attrTerminal); ok {
		return v.(string), err
	}
	st, err := p.read(procPartStat)
	if err != nil {
		return "", p.err("Terminal", err)
	}
	t, err := procTerminal(p.pid, &st)
	return t, p.err("Terminal", err)
}

// Cwd returns the current working directory, or "" if unknown (psutil
// cwd()).
func (p *Process) Cwd() (string, error) {
	if err := p.check("Cwd"); err != nil {
		return "", err
	}
	if v, err, ok := p.pfExtra(attrCwd); ok {
		return v.(string), err
	}
	c, err := procCwd(p.pid)
	return c, p.err("Cwd", err)
}

// Nice returns the nice value (psutil nice()): -20..19 on POSIX, a
// priority class on Windows.
func (p *Process) Nice() (int, error) {
	if err := p.check("Nice"); err != nil {
		return 0, err
	}
	if v, err, ok := p.pfExtra(attrNice); ok {
		return v.(int), err
	}
	n, err := procNice(p.pid)
	return n, p.err("Nice", err)
}

// SetNice sets the nice value (psutil nice(value)). It checks first that
// the PID still belongs to this process.
func (p *Process) SetNice(value int) error {
	if err := p.check("SetNice"); err != nil {
		return err
	}
	return p.err("SetNice", procSetNice(p.pid, p.ident, value))
}

// IONice returns the I/O scheduling class and priority (Linux, Windows;
// psutil ionice()).
func (p *Process) IONice() (IONiceStat, error) {
	if err := p.check("IONice"); err != nil {
		return IONiceStat{}, err
	}
	if v, err, ok := p.pfExtra(attrIONice); ok {
		return v.(IONiceStat), err
	}
	n, err := procIONice(p.pid)
	return n, p.err("IONice", err)
}

// SetIONice sets the I/O class and priority (psutil ionice(ioclass,
// value)). value is 0..7 for IOPrioClassRT and IOPrioClassBE and must be
// 0 for IOPrioClassIdle and IOPrioClassNone; anything else gives
// ErrInvalidArgument. It is PID-reuse checked.
func (p *Process) SetIONice(class IOPriorityClass, value int) error {
	if err := p.check("SetIONice"); err != nil {
		return err
	}
	switch class {
	case IOPrioClassNone, IOPrioClassIdle:
		if value != 0 {
			return p.err("SetIONice", ErrInvalidArgument)
		}
	case IOPrioClassRT, IOPrioClassBE:
		if value < 0 || value > 7 {
			return p.err("SetIONice", ErrInvalidArgument)
		}
	default:
		if runtime.GOOS == "linux" {
			return p.err("SetIONice", ErrInvalidArgument)
		}
	}
	return p.err("SetIONice", procSetIONice(p.pid, p.ident, class, value))
}

// Rlimit returns the soft and hard limits of a resource (RLIMIT_*; Linux,
// FreeBSD; psutil rlimit(resource)). Unlimited is RLIM_INFINITY.
func (p *Process) Rlimit(resource int) (RlimitStat, error) {
	if err := p.check("Rlimit"); err != nil {
		return RlimitStat{}, err
	}
	if resource < 0 || (freebsdOnlyRlimit(resource) && runtime.GOOS != "freebsd") {
		return RlimitStat{}, p.err("Rlimit", ErrInvalidArgument)
	}
	r, err := procRlimit(p.pid, resource)
	return r, p.err("Rlimit", err)
}

// freebsdOnlyRlimit reports whether resource is one of the FreeBSD-only
// RLIMIT_* constants.
func freebsdOnlyRlimit(resource int) bool {
	return resource == RLIMIT_SBSIZE || resource == RLIMIT_NPTS || resource == RLIMIT_SWAP
}

// SetRlimit sets the soft and hard limits of a resource (psutil
// rlimit(resource, limits)). It is PID-reuse checked.
func (p *Process) SetRlimit(resource int, lim RlimitStat) error {
	if err := p.check("SetRlimit"); err != nil {
		return err
	}
	if resource < 0 || lim.Soft < RLIM_INFINITY || lim.Hard < RLIM_INFINITY ||
		(freebsdOnlyRlimit(resource) && runtime.GOOS != "freebsd") {
		return p.err("SetRlimit", ErrInvalidArgument)
	}
	return p.err("SetRlimit", procSetRlimit(p.pid, p.ident, resource, lim))
}

// IOCounters returns the I/O counters (psutil io_counters()).
func (p *Process) IOCounters() (ProcessIOCountersStat, error) {
	if err := p.check("IOCounters"); err != nil {
		return ProcessIOCountersStat{}, err
	}
	if v, err, ok := p.pfExtra(attrIOCounters); ok {
		return v.(ProcessIOCountersStat), err
	}
	c, err := procIOCounters(p.pid)
	return c, p.err("IOCounters", err)
}

// NumCtxSwitches returns the voluntary and involuntary context switches
// (psutil num_ctx_switches()).
func (p *Process) NumCtxSwitches() (NumCtxSwitchesStat, error) {
	if err := p.check("NumCtxSwitches"); err != nil {
		return NumCtxSwitchesStat{}, err
	}
	st, err := p.readPF(attrNumCtxSwitches, procPartStatus|procPartTask)
	if err != nil {
		return NumCtxSwitchesStat{}, p.err("NumCtxSwitches", err)
	}
	return st.ctxSwitches, nil
}

// NumFDs returns the number of open file descriptors (POSIX; psutil
// num_fds()).
func (p *Process) NumFDs() (int, error) {
	if err := p.check("NumFDs"); err != nil {
		return 0, err
	}
	if v, err, ok := p.pfExtra(attrNumFDs); ok {
		return v.(int), err
	}
	n, err := procNumFDs(p.pid)
	return n, p.err("NumFDs", err)
}

// NumHandles returns the number of handles the process holds (Windows
// only; psutil num_handles()). Elsewhere it returns ErrNotImplemented.
func (p *Process) NumHandles() (int, error) {
	if err := p.check("NumHandles"); err != nil {
		return 0, err
	}
	n, err := procNumHandles(p.pid)
	return n, p.err("NumHandles", err)
}

// NumThreads returns the number of threads (psutil num_threads()).
func (p *Process) NumThreads() (int, error) {
	if err := p.check("NumThreads"); err != nil {
		return 0, err
	}
	st, err := p.readPF(attrNumThreads, procPartStatus|procPartTask)
	if err != nil {
		return 0, p.err("NumThreads", err)
	}
	return st.numThreads, nil
}

// Threads returns the threads with their CPU times (psutil threads()).
func (p *Process) Threads() ([]ThreadStat, error) {
	if err := p.check("Threads"); err != nil {
		return nil, err
	}
	if v, err, ok := p.pfExtra(attrThreads); ok {
		t, _ := v.([]ThreadStat)
		return t, err
	}
	t, err := procThreads(p.pid)
	return t, p.err("Threads", err)
}

// CPUTimes returns user, system, children and (Linux) iowait CPU seconds
// (psutil cpu_times()).
func (p *Process) CPUTimes() (ProcessCPUTimesStat, error) {
	if err := p.check("CPUTimes"); err != nil {
		return ProcessCPUTimesStat{}, err
	}
	st, err := p.readPF(attrCPUTimes, procPartStat|procPartTask)
	if err != nil {
		return ProcessCPUTimesStat{}, p.err("CPUTimes", err)
	}
	return st.times, nil
}

// CPUPercent returns the process CPU utilization as a percentage, which
// can exceed 100 on several CPUs (psutil cpu_percent(interval)). With
// interval > 0 it measures over that interval (returning early with
// ctx.Err() if ctx ends). With interval 0 it compares with the previous
// call on this Process value and the first call returns 0. A negative
// interval gives ErrInvalidArgument. Children and iowait are not counted.
func (p *Process) CPUPercent(ctx context.Context, interval time.Duration) (float64, error) {
	if err := p.check("CPUPercent"); err != nil {
		return 0, err
	}
	if interval < 0 {
		return 0, p.err("CPUPercent", ErrInvalidArgument)
	}
	if interval == 0 {
		if pf, ok := p.pfGet(attrCPUPercent); ok {
			if pf.st.have&(procPartStat|procPartTask) == procPartStat|procPartTask {
				return pf.cpuPct, nil
			}
			return 0, pf.stErr
		}
	}
	st, err := p.read(procPartStat | procPartTask)
	if err != nil {
		return 0, p.err("CPUPercent", err)
	}
	if interval > 0 {
		t0, w0 := st.times.User+st.times.System, time.Now()
		tm := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			tm.Stop()
			return 0, p.err("CPUPercent", ctx.Err())
		case <-tm.C:
		}
		st, err = p.read(procPartStat | procPartTask)
		if err != nil {
			return 0, p.err("CPUPercent", err)
		}
		return cpuPercent(st.times.User+st.times.System-t0, time.Since(w0)), nil
	}
	return p.cpuPercentSince(st.times, time.Now()), nil
}

// cpuPercentSince updates the interval-0 state and returns the percent.
func (p *Process) cpuPercentSince(t ProcessCPUTimesStat, now time.Time) float64 {
	cur := t.User + t.System
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.haveLast {
		p.lastCPU, p.lastWall, p.haveLast = cur, now, true
		return 0
	}
	pct := cpuPercent(cur-p.lastCPU, now.Sub(p.lastWall))
	p.lastCPU, p.lastWall = cur, now
	return pct
}

// cpuPercent is Δcpu/Δwall×100 rounded to one decimal, as psutil does.
func cpuPercent(dcpu float64, dwall time.Duration) float64 {
	if dwall <= 0 || dcpu <= 0 {
		return 0
	}
	return math.Round(dcpu/dwall.Seconds()*100*10) / 10
}

// CPUNum returns the CPU the process last ran on (Linux, FreeBSD; psutil
// cpu_num()). FreeBSD reports -1 for a process that has not run yet (some
// kernel processes), as psutil does. Elsewhere it returns
// ErrNotImplemented.
func (p *Process) CPUNum() (int, error) {
	if err := p.check("CPUNum"); err != nil {
		return 0, err
	}
	if runtime.GOOS != "linux" && runtime.GOOS != "android" && runtime.GOOS != "freebsd" {
		return 0, p.err("CPUNum", ErrNotImplemented)
	}
	st, err := p.readPF(attrCPUNum, procPartStat)
	if err != nil {
		return 0, p.err("CPUNum", err)
	}
	return int(st.cpuNum), nil
}

// CPUAffinity returns the CPUs the process may run on, sorted (Linux,
// Windows, FreeBSD; psutil cpu_affinity()).
func (p *Process) CPUAffinity() ([]int, error) {
	if err := p.check("CPUAffinity"); err != nil {
		return nil, err
	}
	if v, err, ok := p.pfExtra(attrCPUAffinity); ok {
		c, _ := v.([]int)
		return c, err
	}
	c, err := procCPUAffinity(p.pid)
	if err == nil {
		sort.Ints(c)
	}
	return c, p.err("CPUAffinity", err)
}

// SetCPUAffinity restricts the process to these CPUs; an empty slice means
// every eligible CPU (psutil cpu_affinity(cpus)). A negative or unknown
// CPU gives ErrInvalidArgument. It is PID-reuse checked.
func (p *Process) SetCPUAffinity(cpus []int) error {
	if err := p.check("SetCPUAffinity"); err != nil {
		return err
	}
	for _, c := range cpus {
		if c < 0 {
			return p.err("SetCPUAffinity", ErrInvalidArgument)
		}
	}
	return p.err("SetCPUAffinity", procSetCPUAffinity(p.pid, p.ident, cpus))
}

// MemoryInfo returns memory usage in bytes (psutil memory_info(); Linux
// fields rss, vms, shared, text, lib, data, dirty as psutil 7).
func (p *Process) MemoryInfo() (MemoryInfoStat, error) {
	if err := p.check("MemoryInfo"); err != nil {
		return MemoryInfoStat{}, err
	}
	st, err := p.readPF(attrMemoryInfo, procPartMem)
	if err != nil {
		return MemoryInfoStat{}, p.err("MemoryInfo", err)
	}
	return st.mem, nil
}

func (p *Process) footprint() (procFootprint, error) {
	p.mu.Lock()
	if p.osDepth > 0 && p.osFootOK {
		f := p.osFoot
		p.mu.Unlock()
		return f, nil
	}
	p.mu.Unlock()
	f, err := procMemoryFootprint(p.pid)
	if err == nil {
		p.mu.Lock()
		if p.osDepth > 0 {
			p.osFoot, p.osFootOK = f, true
		}
		p.mu.Unlock()
	}
	return f, err
}

// MemoryFullInfo returns MemoryInfo plus USS, PSS and swap (psutil
// memory_full_info()). On Linux these come from /proc/PID/smaps_rollup
// (or smaps): USS = Private_Clean + Private_Dirty + Private_Hugetlb. On
// macOS and Windows only USS is known. Where the OS has none of them (the
// BSDs) it returns the MemoryInfo fields with USS, PSS and Swap 0 and no
// error, as psutil's memory_full_info returns memory_info there.
func (p *Process) MemoryFullInfo() (MemoryFullInfoStat, error) {
	if err := p.check("MemoryFullInfo"); err != nil {
		return MemoryFullInfoStat{}, err
	}
	var out MemoryFullInfoStat
	if pf, ok := p.pfGet(attrMemoryFullInfo); ok {
		if pf.st.have&procPartMem == 0 && pf.stErr != nil {
			return out, pf.stErr
		}
		if pf.footErr != nil {
			return out, pf.footErr
		}
		out.MemoryInfoStat, out.USS, out.PSS, out.Swap = pf.st.mem, pf.foot.uss, pf.foot.pss, pf.foot.swap
		return out, nil
	}
	st, err := p.read(procPartMem)
	if err != nil {
		return out, p.err("MemoryFullInfo", err)
	}
	f, err := p.footprint()
	if err != nil && !errors.Is(err, ErrNotImplemented) {
		return out, p.err("MemoryFullInfo", err)
	}
	out.MemoryInfoStat, out.USS, out.PSS, out.Swap = st.mem, f.uss, f.pss, f.swap
	return out, nil
}

// MemoryFootprint returns USS, PSS and swap only (psutil 8.0
// memory_footprint()). On Linux it reads /proc/PID/smaps_rollup (or smaps)
// and nothing else, so it is the cheapest way to rank processes by USS:
// with the *Process objects that Processes() caches, a scan costs one file
// read per process. Where the OS has no USS (the BSDs) it returns
// ErrNotImplemented.
func (p *Process) MemoryFootprint() (MemoryFootprintStat, error) {
	if err := p.check("MemoryFootprint"); err != nil {
		return MemoryFootprintStat{}, err
	}
	if pf, ok := p.pfGet(attrMemoryFullInfo); ok && pf.footErr == nil && pf.st.have&procPartMem != 0 {
		return MemoryFootprintStat{USS: pf.foot.uss, PSS: pf.foot.pss, Swap: pf.foot.swap}, nil
	}
	f, err := p.footprint()
	if err != nil {
		return MemoryFootprintStat{}, p.err("MemoryFootprint", err)
	}
	return MemoryFootprintStat{USS: f.uss, PSS: f.pss, Swap: f.swap}, nil
}

// memFields lists the memtype values MemoryPercent accepts on this OS:
// the fields of psutil's pmem and pfullmem there.
func memFields() []string {
	switch runtime.GOOS {
	case "linux", "android":
		return []string{"rss", "vms", "shared", "text", "lib", "data", "dirty", "uss", "pss", "swap"}
	case "windows":
		return []string{"rss", "vms", "num_page_faults", "peak_wset", "wset", "peak_paged_pool",
			"paged_pool", "peak_nonpaged_pool", "nonpaged_pool", "pagefile", "peak_pagefile", "private", "uss"}
	case "darwin":
		return []string{"rss", "vms", "pfaults", "pageins", "uss"}
	case "freebsd", "openbsd", "netbsd":
		return []string{"rss", "vms", "text", "data", "stack", "peak_rss"}
	}
	return []string{"rss", "vms"}
}

func memField(m *MemoryFullInfoStat, name string) uint64 {
	switch name {
	case "rss":
		return m.RSS
	case "vms":
		return m.VMS
	case "shared":
		return m.Shared
	case "text":
		return m.Text
	case "lib":
		return m.Lib
	case "data":
		return m.Data
	case "dirty":
		return m.Dirty
	case "stack":
		return m.Stack
	case "peak_rss":
		return m.PeakRSS
	case "pfaults":
		return m.PFaults
	case "pageins":
		return m.PageIns
	case "num_page_faults":
		return m.NumPageFaults
	case "peak_wset":
		return m.PeakWset
	case "wset":
		return m.Wset
	case "peak_paged_pool":
		return m.PeakPagedPool
	case "paged_pool":
		return m.PagedPool
	case "peak_nonpaged_pool":
		return m.PeakNonPagedPool
	case "nonpaged_pool":
		return m.NonPagedPool
	case "pagefile":
		return m.Pagefile
	case "peak_pagefile":
		return m.PeakPagefile
	case "private":
		return m.Private
	case "uss":
		return m.USS
	case "pss":
		return m.PSS
	case "swap":
		return m.Swap
	}
	return 0
}

// MemoryPercent returns a memory field as a percentage of total physical
// memory (psutil memory_percent(memtype)). memtype is a psutil field name
// of MemoryInfo or MemoryFullInfo on this OS ("" means "rss"); any other
// name gives ErrInvalidArgument (so does "uss" on the BSDs, which have
// no USS: psutil raises ValueError there).
func (p *Process) MemoryPercent(memtype string) (float64, error) {
	if err := p.check("MemoryPercent"); err != nil {
		return 0, err
	}
	if memtype == "" {
		memtype = "rss"
	}
	valid, full := false, false
	for _, f := range memFields() {
		if f == memtype {
			valid = true
		}
	}
	switch memtype {
	case "uss", "pss", "swap":
		full = true
	}
	if !valid {
		return 0, p.err("MemoryPercent", ErrInvalidArgument)
	}
	var m MemoryFullInfoStat
	var err error
	if full {
		m, err = p.MemoryFullInfo()
	} else {
		m.MemoryInfoStat, err = p.MemoryInfo()
	}
	if err != nil {
		return 0, err
	}
	total, err := procMemTotal()
	if err != nil {
		return 0, p.err("MemoryPercent", err)
	}
	if total == 0 {
		return 0, nil
	}
	return float64(memField(&m, memtype)) / float64(total) * 100, nil
}

// MemoryMaps returns the memory mappings (psutil memory_maps(grouped)).
// grouped sums the mappings of each path; otherwise each mapping is one
// entry with Addr and Perms set. Anonymous mappings have path "[anon]".
func (p *Process) MemoryMaps(grouped bool) ([]MemoryMapStat, error) {
	if err := p.check("MemoryMaps"); err != nil {
		return nil, err
	}
	if grouped {
		if v, err, ok := p.pfExtra(attrMemoryMaps); ok {
			m, _ := v.([]MemoryMapStat)
			return m, err
		}
	}
	m, err := procMemoryMaps(p.pid, grouped)
	return m, p.err("MemoryMaps", err)
}

// OpenFiles returns the regular files the process has open (psutil
// open_files()). Paths keep their bytes exactly.
func (p *Process) OpenFiles() ([]OpenFileStat, error) {
	if err := p.check("OpenFiles"); err != nil {
		return nil, err
	}
	if v, err, ok := p.pfExtra(attrOpenFiles); ok {
		f, _ := v.([]OpenFileStat)
		return f, err
	}
	f, err := procOpenFiles(p.pid)
	return f, p.err("OpenFiles", err)
}

// NetConnections returns the sockets the process has open (psutil
// net_connections(kind)); an empty kind means ConnInet. An unknown kind
// gives ErrInvalidArgument. ConnectionStat.PID is not set.
func (p *Process) NetConnections(kind ConnKind) ([]ConnectionStat, error) {
	if err := p.check("NetConnections"); err != nil {
		return nil, err
	}
	if kind == "" {
		kind = ConnInet
		if v, err, ok := p.pfExtra(attrNetConnections); ok {
			c, _ := v.([]ConnectionStat)
			return c, err
		}
	}
	if !kind.valid() {
		return nil, p.err("NetConnections", ErrInvalidArgument)
	}
	c, err := netConnections(p.pid, kind)
	return dedupConns(c), p.err("NetConnections", err)
}

// Cgroup returns the cgroups of the process, one entry per hierarchy
// (Linux only; see [CgroupOf]). Elsewhere it returns ErrNotImplemented.
func (p *Process) Cgroup() ([]CgroupEntry, error) {
	if err := p.check("Cgroup"); err != nil {
		return nil, err
	}
	c, err := cgroupOf(p.pid)
	return c, p.err("Cgroup", err)
}

// Parent returns the parent process, or nil (and no error) when there is
// none or the PID of the parent now belongs to a newer process (psutil
// parent()).
func (p *Process) Parent() (*Process, error) {
	if err := p.check("Parent"); err != nil {
		return nil, err
	}
	if p.pid <= 1 && runtime.GOOS != "windows" {
		return nil, nil
	}
	ppid, err := p.PPID()
	if err != nil {
		return nil, err
	}
	if ppid == p.pid || (ppid == 0 && runtime.GOOS != "windows") {
		return nil, nil
	}
	ct, err := p.createTimeF()
	if err != nil {
		return nil, err
	}
	parent, err := newProcess("Process.Parent", ppid)
	if err != nil {
		return nil, nil
	}
	if parent.createTime != 0 && ct != 0 && parent.createTime > ct {
		return nil, nil
	}
	return parent, nil
}

// Parents returns the ancestors, nearest first (psutil parents()).
func (p *Process) Parents() ([]*Process, error) {
	if err := p.check("Parents"); err != nil {
		return nil, err
	}
	var out []*Process
	cur := p
	for i := 0; i < 1<<16; i++ {
		par, err := cur.Parent()
		if err != nil {
			return out, err
		}
		if par == nil {
			break
		}
		out = append(out, par)
		cur = par
	}
	return out, nil
}

// Children returns the children of the process, or all descendants when
// recursive is true (psutil children(recursive)). A child that started
// before the process (a reused PID) is left out. It is PID-reuse checked.
func (p *Process) Children(recursive bool) ([]*Process, error) {
	if err := p.check("Children"); err != nil {
		return nil, err
	}
	if err := p.checkRunning("Children"); err != nil {
		return nil, err
	}
	m, err := procPPIDMap()
	if err != nil {
		return nil, p.err("Children", err)
	}
	byParent := make(map[int][]int, len(m))
	for pid, ppid := range m {
		if pid != ppid {
			byParent[ppid] = append(byParent[ppid], pid)
		}
	}
	var out []*Process
	seen := map[int]bool{p.pid: true}
	queue := []*Process{p}
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		kids := byParent[parent.pid]
		sort.Ints(kids)
		for _, pid := range kids {
			if seen[pid] {
				continue
			}
			c, err := newProcess("Process.Children", pid)
			if err != nil {
				continue
			}
			if c.createTime != 0 && parent.createTime != 0 && c.createTime < parent.createTime {
				continue
			}
			seen[pid] = true
			out = append(out, c)
			if recursive {
				queue = append(queue, c)
			}
		}
	}
	return out, nil
}

// IsRunning reports whether the process is still running and its PID was
// not reused (psutil is_running()). A zombie counts as running. A nil
// Process, or one not made by NewProcess, is not running.
func (p *Process) IsRunning() bool {
	if p == nil || !p.valid {
		return false
	}
	var st procStat
	err := procRead(p.pid, procPartStat, &st)
	if err != nil {
		if errors.Is(err, ErrZombieProcess) || errors.Is(err, ErrAccessDenied) {
			return true
		}
		return false
	}
	if p.ident != 0 && st.ident != 0 && st.ident != p.ident {
		pidCacheEvict(p)
		return false
	}
	return true
}

func (p *Process) checkRunning(op string) error {
	if !p.IsRunning() {
		return p.err(op, ErrNoSuchProcess)
	}
	return nil
}

// SendSignal sends a signal (psutil send_signal(sig)). It checks first
// that the PID still belongs to this process; on Linux the check and the
// kill go through a pidfd, so a reused PID is never signalled.
func (p *Process) SendSignal(sig syscall.Signal) error {
	if err := p.check("SendSignal"); err != nil {
		return err
	}
	return p.err("SendSignal", procSignal(p.pid, p.ident, sig))
}

// Suspend stops the process (SIGSTOP on POSIX; psutil suspend()).
func (p *Process) Suspend() error {
	if err := p.check("Suspend"); err != nil {
		return err
	}
	return p.err("Suspend", procSuspend(p.pid, p.ident))
}

// Resume continues a stopped process (SIGCONT on POSIX; psutil resume()).
func (p *Process) Resume() error {
	if err := p.check("Resume"); err != nil {
		return err
	}
	return p.err("Resume", procResume(p.pid, p.ident))
}

// Terminate asks the process to exit (SIGTERM on POSIX; psutil
// terminate()).
func (p *Process) Terminate() error {
	if err := p.check("Terminate"); err != nil {
		return err
	}
	return p.err("Terminate", procSignal(p.pid, p.ident, syscall.SIGTERM))
}

// Kill kills the process (SIGKILL on POSIX; psutil kill()).
func (p *Process) Kill() error {
	if err := p.check("Kill"); err != nil {
		return err
	}
	return p.err("Kill", procSignal(p.pid, p.ident, syscall.SIGKILL))
}

// Wait waits for the process to exit and returns its exit code: >= 0 for
// a normal exit, minus the signal number when a signal killed it, or
// ExitCodeUnknown when the process is not a child of this one (psutil
// wait()). It gives ErrTimeoutExpired when ctx's deadline passes first
// (an already expired deadline polls once, like psutil's timeout=0) and
// ctx.Err() when ctx is cancelled. The exit code is cached.
func (p *Process) Wait(ctx context.Context) (int, error) {
	if err := p.check("Wait"); err != nil {
		return 0, err
	}
	p.mu.Lock()
	if p.exited {
		c := p.exitCode
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	for {
		chunk := 100 * time.Millisecond
		if dl, ok := ctx.Deadline(); ok {
			if rem := time.Until(dl); rem < chunk {
				chunk = rem
			}
			if chunk < 0 {
				chunk = 0
			}
		}
		code, err := procWait(p.pid, p.ident, chunk)
		if err == nil {
			p.mu.Lock()
			p.exited, p.exitCode = true, code
			p.mu.Unlock()
			return code, nil
		}
		if !errors.Is(err, ErrTimeoutExpired) {
			return 0, p.err("Wait", err)
		}
		if cerr := ctx.Err(); cerr != nil || chunk == 0 {
			if cerr == nil || errors.Is(cerr, context.DeadlineExceeded) {
				return 0, p.err("Wait", ErrTimeoutExpired)
			}
			return 0, p.err("Wait", cerr)
		}
	}
}
