//go:build !cgo || !(linux || windows || darwin || freebsd || openbsd || netbsd)

package psutil

import (
	"syscall"
	"time"
)

// The per-OS process functions. Every platform (platform_<os>*.go) defines
// exactly this set with exactly these signatures; this file is the list
// and the !cgo fallback. pid is always > 0 here unless said otherwise;
// ident is procStat.ident of the Process (0 = unknown: skip the check).
// Functions taking ident must re-check identity right before acting and
// return ErrNoSuchProcess if the pid now belongs to another process.

// procPids lists the PIDs, sorted.
func procPids() ([]int, error) { return nil, ErrNotImplemented }

// procPidExists reports whether pid is a live process (not a thread id).
func procPidExists(pid int) (bool, error) { return false, ErrNotImplemented }

// procRead fills the procPart* parts of st asked for in want that are not
// already in st.have, and ORs in the parts it filled (it may fill more).
// procPartFoot is optional: leave it unset if the platform can't fill it
// cheaply (procMemoryFootprint is then called). st.name may hold the
// previous name with have == 0: reusing that string when the bytes are
// unchanged saves an allocation per process per scan.
func procRead(pid int, want uint32, st *procStat) error { return ErrNotImplemented }

func procExe(pid int) (string, error)                    { return "", ErrNotImplemented }
func procCmdline(pid int) ([]string, error)              { return nil, ErrNotImplemented }
func procEnviron(pid int) (map[string]string, error)     { return nil, ErrNotImplemented }
func procCwd(pid int) (string, error)                    { return "", ErrNotImplemented }
func procUsername(pid int, st *procStat) (string, error) { return "", ErrNotImplemented }

// procTerminal returns the tty path or "" if none; st has procPartStat.
func procTerminal(pid int, st *procStat) (string, error) { return "", ErrNotImplemented }

func procNice(pid int) (int, error)                      { return 0, ErrNotImplemented }
func procSetNice(pid int, ident uint64, value int) error { return ErrNotImplemented }
func procIONice(pid int) (IONiceStat, error)             { return IONiceStat{}, ErrNotImplemented }
func procSetIONice(pid int, ident uint64, class IOPriorityClass, value int) error {
	return ErrNotImplemented
}
func procRlimit(pid int, resource int) (RlimitStat, error) { return RlimitStat{}, ErrNotImplemented }
func procSetRlimit(pid int, ident uint64, resource int, lim RlimitStat) error {
	return ErrNotImplemented
}
func procIOCounters(pid int) (ProcessIOCountersStat, error) {
	return ProcessIOCountersStat{}, ErrNotImplemented
}
func procNumFDs(pid int) (int, error)                            { return 0, ErrNotImplemented }
func procNumHandles(pid int) (int, error)                        { return 0, ErrNotImplemented } // Windows only
func procThreads(pid int) ([]ThreadStat, error)                  { return nil, ErrNotImplemented }
func procCPUAffinity(pid int) ([]int, error)                     { return nil, ErrNotImplemented }
func procSetCPUAffinity(pid int, ident uint64, cpus []int) error { return ErrNotImplemented }

// procMemoryFootprint returns USS, PSS and swap (bytes).
func procMemoryFootprint(pid int) (procFootprint, error) { return procFootprint{}, ErrNotImplemented }
func procMemoryMaps(pid int, grouped bool) ([]MemoryMapStat, error) {
	return nil, ErrNotImplemented
}
func procOpenFiles(pid int) ([]OpenFileStat, error) { return nil, ErrNotImplemented }

// procNetConnections lists sockets of pid, or of every process when
// pid < 0 (then ConnectionStat.PID is set). kind is already validated.
func procNetConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	return nil, ErrNotImplemented
}

// procPPIDMap maps every pid to its parent pid in one pass.
func procPPIDMap() (map[int]int, error) { return nil, ErrNotImplemented }

// procSignal sends sig (0 = existence check). Windows accepts SIGTERM
// and SIGKILL (TerminateProcess) only; others give ErrInvalidArgument.
func procSignal(pid int, ident uint64, sig syscall.Signal) error { return ErrNotImplemented }
func procSuspend(pid int, ident uint64) error                    { return ErrNotImplemented }
func procResume(pid int, ident uint64) error                     { return ErrNotImplemented }

// procWait waits up to timeout (0 = poll once, never block) for pid to
// exit. It returns the exit code (>= 0), minus the signal number, or
// ExitCodeUnknown when pid is not a child of this process; and
// ErrTimeoutExpired when it is still running after timeout.
func procWait(pid int, ident uint64, timeout time.Duration) (int, error) {
	return 0, ErrNotImplemented
}

// procMemTotal returns the total physical memory in bytes (for
// MemoryPercent).
func procMemTotal() (uint64, error) { return 0, ErrNotImplemented }
