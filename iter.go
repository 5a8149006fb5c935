package psutil

import (
	"context"
	"errors"
	"iter"
	"sort"
	"sync"
	"time"
)

// procAttr identifies a Process getter by its psutil name (as_dict and
// process_iter attrs).
type procAttr uint8

const (
	attrPID procAttr = iota
	attrPPID
	attrName
	attrExe
	attrCmdline
	attrEnviron
	attrCreateTime
	attrStatus
	attrUsername
	attrUIDs
	attrGIDs
	attrTerminal
	attrCwd
	attrNice
	attrIONice
	attrIOCounters
	attrNumCtxSwitches
	attrNumFDs
	attrNumThreads
	attrThreads
	attrCPUTimes
	attrCPUPercent
	attrCPUNum
	attrCPUAffinity
	attrMemoryInfo
	attrMemoryFullInfo
	attrMemoryPercent
	attrMemoryMaps
	attrOpenFiles
	attrNetConnections
	attrCount
)

var attrNames = [attrCount]string{
	"pid", "ppid", "name", "exe", "cmdline", "environ", "create_time", "status",
	"username", "uids", "gids", "terminal", "cwd", "nice", "ionice", "io_counters",
	"num_ctx_switches", "num_fds", "num_threads", "threads", "cpu_times", "cpu_percent",
	"cpu_num", "cpu_affinity", "memory_info", "memory_full_info", "memory_percent",
	"memory_maps", "open_files", "net_connections",
}

// Attributes served from the one oneshot read, and the parts they need.
var attrParts = [attrCount]uint32{
	attrPPID:           procPartStat,
	attrName:           procPartStat,
	attrCreateTime:     procPartStat,
	attrStatus:         procPartStat,
	attrUsername:       procPartStatus,
	attrUIDs:           procPartStatus,
	attrGIDs:           procPartStatus,
	attrNumCtxSwitches: procPartStatus | procPartTask,
	attrNumThreads:     procPartStatus | procPartTask,
	attrCPUTimes:       procPartStat | procPartTask,
	attrCPUPercent:     procPartStat | procPartTask,
	attrCPUNum:         procPartStat,
	attrMemoryInfo:     procPartMem,
	attrMemoryFullInfo: procPartMem | procPartFoot, // see doPrefetch
}

// ProcessAttrs returns the attribute names accepted by [Process.AsDict]
// and [Processes] (psutil's Process.attrs), sorted.
func ProcessAttrs() []string {
	out := make([]string, 0, attrCount)
	out = append(out, attrNames[:]...)
	sort.Strings(out)
	return out
}

func parseAttrs(attrs []string) (uint64, error) {
	var mask uint64
	for _, a := range attrs {
		found := false
		for i, n := range attrNames {
			if n == a {
				mask |= 1 << uint(i)
				found = true
				break
			}
		}
		if !found {
			return 0, ErrInvalidArgument
		}
	}
	return mask, nil
}

// prefetch holds the values Processes prefetched for one Process.
type prefetch struct {
	set     uint64 // 1<<procAttr of the attributes held; 0 = none
	st      procStat
	stErr   error // error of the oneshot read (access denied, zombie)
	name    string
	nameErr error
	user    string
	userErr error
	cpuPct  float64
	foot    procFootprint
	footErr error
	extra   map[procAttr]pfVal
}

type pfVal struct {
	v   any
	err error
}

// pfGet returns a copy of the prefetch when attribute a was prefetched.
func (p *Process) pfGet(a procAttr) (prefetch, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pf.set&(1<<a) == 0 {
		return prefetch{}, false
	}
	return p.pf, true
}

// pfExtra returns a prefetched value of an attribute outside the
// oneshot record.
func (p *Process) pfExtra(a procAttr) (any, error, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pf.set&(1<<a) == 0 {
		return nil, nil, false
	}
	v, ok := p.pf.extra[a]
	if !ok {
		return nil, nil, false
	}
	return v.v, v.err, true
}

// attrValue calls the getter of attribute a.
func (p *Process) attrValue(a procAttr) (any, error) {
	switch a {
	case attrPID:
		return p.pid, nil
	case attrPPID:
		return p.PPID()
	case attrName:
		return p.Name()
	case attrExe:
		return p.Exe()
	case attrCmdline:
		return p.Cmdline()
	case attrEnviron:
		return p.Environ()
	case attrCreateTime:
		ct, err := p.createTimeF()
		return ct, err
	case attrStatus:
		return p.Status()
	case attrUsername:
		return p.Username()
	case attrUIDs:
		return p.UIDs()
	case attrGIDs:
		return p.GIDs()
	case attrTerminal:
		return p.Terminal()
	case attrCwd:
		return p.Cwd()
	case attrNice:
		return p.Nice()
	case attrIONice:
		return p.IONice()
	case attrIOCounters:
		return p.IOCounters()
	case attrNumCtxSwitches:
		return p.NumCtxSwitches()
	case attrNumFDs:
		return p.NumFDs()
	case attrNumThreads:
		return p.NumThreads()
	case attrThreads:
		return p.Threads()
	case attrCPUTimes:
		return p.CPUTimes()
	case attrCPUPercent:
		return p.CPUPercent(context.Background(), 0)
	case attrCPUNum:
		return p.CPUNum()
	case attrCPUAffinity:
		return p.CPUAffinity()
	case attrMemoryInfo:
		return p.MemoryInfo()
	case attrMemoryFullInfo:
		return p.MemoryFullInfo()
	case attrMemoryPercent:
		return p.MemoryPercent("rss")
	case attrMemoryMaps:
		return p.MemoryMaps(true)
	case attrOpenFiles:
		return p.OpenFiles()
	case attrNetConnections:
		return p.NetConnections(ConnInet)
	}
	return nil, ErrInvalidArgument
}

// AsDict returns many attributes at once, keyed by psutil name (psutil
// as_dict(attrs, ad_value)). attrs nil means all of [ProcessAttrs]; an
// unknown name gives ErrInvalidArgument. Values have the getters' Go
// types, except "create_time", which is float64 seconds since the epoch
// as in psutil. An attribute that fails with ErrAccessDenied or
// ErrZombieProcess gets adValue; ErrNotImplemented drops the key when
// attrs is nil and is returned otherwise; ErrNoSuchProcess is returned.
// It runs inside [Process.Oneshot].
func (p *Process) AsDict(attrs []string, adValue any) (map[string]any, error) {
	if err := p.check("AsDict"); err != nil {
		return nil, err
	}
	var mask uint64
	if attrs == nil {
		mask = 1<<uint(attrCount) - 1
	} else {
		m, err := parseAttrs(attrs)
		if err != nil {
			return nil, p.err("AsDict", err)
		}
		mask = m
	}
	out := make(map[string]any, attrCount)
	err := p.Oneshot(func() error {
		for a := procAttr(0); a < attrCount; a++ {
			if mask&(1<<a) == 0 {
				continue
			}
			v, err := p.attrValue(a)
			switch {
			case err == nil:
				out[attrNames[a]] = v
			case errors.Is(err, ErrZombieProcess), errors.Is(err, ErrAccessDenied):
				out[attrNames[a]] = adValue
			case errors.Is(err, ErrNotImplemented) && attrs == nil:
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, p.err("AsDict", err)
	}
	return out, nil
}

// doPrefetch fills p.pf for the attributes in mask from st/stErr, the
// oneshot record read for this scan (parts already in st.have). It
// returns false when the process turned out to be gone.
func (p *Process) doPrefetch(mask uint64, now time.Time, st *procStat, stErr error) bool {
	var pf prefetch
	pf.set = mask
	pf.st = *st
	if stErr != nil {
		pf.stErr = p.err("Processes", stErr)
	}
	p.mu.Lock()
	p.pf = prefetch{}
	p.mu.Unlock()
	// A failed read may still have filled some parts (see readPF).
	if mask&(1<<attrName) != 0 {
		if pf.st.have&procPartStat == 0 && pf.stErr != nil {
			pf.nameErr = pf.stErr
		} else {
			pf.name = p.extendNameSt(pf.st.name, pf.st.ppid)
		}
	}
	if mask&(1<<attrUsername) != 0 {
		if pf.st.have&procPartStatus == 0 && pf.stErr != nil {
			pf.userErr = pf.stErr
		} else {
			u, err := procUsername(p.pid, &pf.st)
			pf.user, pf.userErr = u, p.err("Username", err)
		}
	}
	if mask&(1<<attrMemoryFullInfo) != 0 {
		if pf.st.have&procPartMem == 0 && pf.stErr != nil {
			pf.footErr = pf.stErr
		} else if pf.st.have&procPartFoot != 0 {
			pf.foot = pf.st.foot
		} else {
			f, err := procMemoryFootprint(p.pid)
			if isGone(err) && !p.IsRunning() {
				return false
			}
			if isNotImpl(err) {
				err = nil // no USS here: MemoryFullInfo is MemoryInfo
			}
			pf.foot, pf.footErr = f, p.err("MemoryFullInfo", err)
		}
	}
	if mask&(1<<attrCPUPercent) != 0 && pf.st.have&(procPartStat|procPartTask) == procPartStat|procPartTask {
		pf.cpuPct = p.cpuPercentSince(pf.st.times, now)
	}
	var extra uint64
	for a := procAttr(0); a < attrCount; a++ {
		if mask&(1<<a) != 0 && attrParts[a] == 0 && a != attrPID {
			extra |= 1 << a
		}
	}
	if extra != 0 {
		pf.extra = make(map[procAttr]pfVal, 4)
		gone := false
		_ = p.Oneshot(func() error {
			p.mu.Lock()
			p.osSt = pf.st // the parts it has (none if the read failed early)
			p.mu.Unlock()
			for a := procAttr(0); a < attrCount; a++ {
				if extra&(1<<a) == 0 {
					continue
				}
				v, err := p.attrValue(a)
				if isGone(err) && !p.IsRunning() {
					gone = true
					return nil
				}
				pf.extra[a] = pfVal{v, err}
			}
			return nil
		})
		if gone {
			return false
		}
	}
	if name := pf.st.name; name != "" {
		p.mu.Lock()
		p.name = name
		p.pf = pf
		p.mu.Unlock()
	} else {
		p.mu.Lock()
		p.pf = pf
		p.mu.Unlock()
	}
	return true
}

// isGone reports whether err says the process no longer exists. A getter
// can say so for a live process (Linux kernel threads have no smaps), so
// the prefetch confirms with IsRunning before dropping a process: a
// process still running keeps the error as its value.
func isGone(err error) bool {
	return err != nil && errors.Is(err, ErrNoSuchProcess) && !errors.Is(err, ErrZombieProcess)
}

// isNotImpl is errors.Is(err, ErrNotImplemented) without the allocation
// of cError.Unwrap for the common C errors (access denied, per process,
// per scan).
func isNotImpl(err error) bool {
	if err == nil {
		return false
	}
	if ce, ok := err.(*cError); ok {
		return ce.Sentinel == ErrNotImplemented
	}
	return errors.Is(err, ErrNotImplemented)
}

// The process_iter cache: one *Process per pid, reused across calls so
// that CPUPercent(ctx, 0) works from the second iteration on. Guarded by
// pidCache.mu; safe for concurrent Processes calls.
var pidCache struct {
	mu sync.Mutex
	m  map[int]*Process
}

func pidCacheEvict(p *Process) {
	pidCache.mu.Lock()
	if pidCache.m[p.pid] == p {
		delete(pidCache.m, p.pid)
	}
	pidCache.mu.Unlock()
}

// ClearProcessCache empties the cache of Process values kept by
// [Processes] (psutil process_iter.cache_clear()).
func ClearProcessCache() {
	pidCache.mu.Lock()
	pidCache.m = nil
	pidCache.mu.Unlock()
}

// Processes yields every running process, sorted by PID (psutil
// process_iter(attrs)). Process values are cached across calls, keyed by
// PID and creation time, so CPUPercent(ctx, 0) is meaningful from the
// second iteration on. When the prefetch reads the creation time (any of
// the stat attributes below), a PID found reused gets a new Process;
// without attrs a cached Process is reused unchecked, as psutil does.
// Processes that vanish during the scan are skipped silently; zombies are
// yielded.
//
// attrs names getters (see [ProcessAttrs]) to prefetch: each yielded
// Process then answers those getters (called with their default
// arguments) from the prefetched values, including the errors they got,
// until the next Processes call. The top-like set (ppid, name, status,
// create_time, cpu_times, cpu_percent, memory_info, num_threads, uids,
// gids, username) costs two file reads per process on Linux (stat and
// status), done in C for 64 processes per cgo call; memory_full_info adds
// smaps_rollup (and statm). An unknown attribute, or a failure to list
// the PIDs, is yielded once as (nil, err).
//
// It is safe to range over Processes from many goroutines at once; they
// share the cached Process values.
func Processes(attrs ...string) iter.Seq2[*Process, error] {
	return func(yield func(*Process, error) bool) {
		mask, err := parseAttrs(attrs)
		if err != nil {
			yield(nil, err)
			return
		}
		var parts uint32
		for a := procAttr(0); a < attrCount; a++ {
			if mask&(1<<a) != 0 {
				parts |= attrParts[a]
			}
		}
		if mask&(1<<attrName) != 0 || mask&(1<<attrCreateTime) != 0 {
			parts |= procPartStat
		}
		pids, err := Pids()
		if err != nil {
			yield(nil, err)
			return
		}
		procs := make([]*Process, len(pids))
		pidCache.mu.Lock()
		if pidCache.m == nil {
			pidCache.m = make(map[int]*Process, len(pids))
		}
		for pid := range pidCache.m {
			if i := sort.SearchInts(pids, pid); i >= len(pids) || pids[i] != pid {
				delete(pidCache.m, pid)
			}
		}
		for i, pid := range pids {
			procs[i] = pidCache.m[pid]
		}
		pidCache.mu.Unlock()

		now := time.Now()
		var sts []procStat
		var errs []error
		if mask != 0 {
			sts = make([]procStat, min(procBatch, len(pids)))
			errs = make([]error, len(sts))
		}
		for start := 0; start < len(pids); start += procBatch {
			chunk := pids[start:min(start+procBatch, len(pids))]
			if mask != 0 {
				// One OS read (and on Linux one cgo call) for the chunk.
				for j := range chunk {
					sts[j] = procStat{}
					if p := procs[start+j]; p != nil {
						p.mu.Lock()
						sts[j].name = p.pf.st.name // lets the platform reuse the string
						p.mu.Unlock()
					}
				}
				procReadBatch(chunk, parts, sts[:len(chunk)], errs[:len(chunk)])
			}
			for j, pid := range chunk {
				p := procs[start+j]
				if mask == 0 {
					if p == nil {
						np, err := newProcess("Processes", pid)
						if err != nil {
							continue
						}
						p = cacheProcess(np)
					}
					p.mu.Lock()
					p.pf = prefetch{}
					p.mu.Unlock()
				} else {
					st, stErr := &sts[j], errs[j]
					if stErr != nil && errors.Is(stErr, ErrNoSuchProcess) && !errors.Is(stErr, ErrZombieProcess) {
						if p != nil {
							pidCacheEvict(p)
						}
						continue // gone
					}
					if p != nil && st.have&procPartStat != 0 && p.ident != 0 && st.ident != 0 && st.ident != p.ident {
						pidCacheEvict(p) // PID reused: a new process
						p = nil
					}
					if p == nil {
						var np *Process
						if st.have&procPartStat != 0 || stErr != nil {
							np = &Process{pid: pid, valid: true}
							if st.have&procPartStat != 0 {
								np.ident, np.createTime, np.name = st.ident, st.createTime, st.name
							}
						} else {
							// The attrs did not need stat: read the
							// identity once, on first sight.
							var err error
							if np, err = newProcess("Processes", pid); err != nil {
								continue
							}
						}
						p = cacheProcess(np)
					}
					if !p.doPrefetch(mask, now, st, stErr) {
						pidCacheEvict(p)
						continue
					}
				}
				if !yield(p, nil) {
					return
				}
			}
		}
	}
}

// procBatch is how many processes Processes reads per batch.
const procBatch = 64

// cacheProcess stores np in the PID cache, unless another goroutine
// stored the same process first; it returns the cached value.
func cacheProcess(np *Process) *Process {
	pidCache.mu.Lock()
	defer pidCache.mu.Unlock()
	if old := pidCache.m[np.pid]; old != nil && old.Equal(np) {
		return old
	}
	if pidCache.m == nil {
		pidCache.m = make(map[int]*Process)
	}
	pidCache.m[np.pid] = np
	return np
}

// ReturnCode returns the exit code collected by Wait or WaitProcs, and
// whether there is one.
func (p *Process) ReturnCode() (int, bool) {
	if p == nil {
		return 0, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.exitCode, p.exited
}

// WaitProcs waits for the processes to exit until ctx is done (psutil
// wait_procs(procs, timeout, callback)). It returns the processes that
// exited (their exit codes are in [Process.ReturnCode]) and those still
// alive; onExit, if not nil, is called for each one as it exits. It never
// returns ErrTimeoutExpired: a passed deadline just ends the wait; a
// cancelled ctx returns ctx.Err() with the lists so far.
func WaitProcs(ctx context.Context, procs []*Process, onExit func(p *Process, code int)) (gone, alive []*Process, err error) {
	alive = append([]*Process(nil), procs...)
	check := func(p *Process, timeout time.Duration) (bool, error) {
		if err := p.check("WaitProcs"); err != nil {
			return false, err
		}
		if _, ok := p.ReturnCode(); ok {
			return true, nil
		}
		code, err := procWait(p.pid, p.ident, timeout)
		if err != nil {
			if errors.Is(err, ErrTimeoutExpired) {
				return false, nil
			}
			if errors.Is(err, ErrNoSuchProcess) {
				code = ExitCodeUnknown
			} else {
				return false, p.err("WaitProcs", err)
			}
		}
		p.mu.Lock()
		p.exited, p.exitCode = true, code
		p.mu.Unlock()
		if onExit != nil {
			onExit(p, code)
		}
		return true, nil
	}
	final := false
	for len(alive) > 0 {
		per := time.Second / time.Duration(len(alive))
		if dl, ok := ctx.Deadline(); ok {
			if rem := time.Until(dl); rem < per {
				per = rem
			}
		}
		if final || per < 0 || ctx.Err() != nil {
			per, final = 0, true
		}
		next := alive[:0:0]
		for i, p := range alive {
			ok, werr := check(p, per)
			if werr != nil {
				return gone, append(next, alive[i:]...), werr
			}
			if ok {
				gone = append(gone, p)
			} else {
				next = append(next, p)
			}
		}
		alive = next
		if final {
			break
		}
		if ctx.Err() != nil {
			final = true // one last poll, as psutil does
		}
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(cerr, context.DeadlineExceeded) {
		return gone, alive, cerr
	}
	return gone, alive, nil
}
