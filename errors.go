package psutil

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strconv"
	"syscall"
)

// Sentinel errors. Test for them with [errors.Is]; every error this package
// returns for a process also satisfies errors.As with a [*ProcessError].
var (
	// ErrNoSuchProcess: the process is gone, or its PID now belongs to
	// another process (psutil.NoSuchProcess).
	ErrNoSuchProcess = errors.New("psutil: no such process")
	// ErrZombieProcess: the process is a zombie and the data is gone
	// (psutil.ZombieProcess). It also matches ErrNoSuchProcess, as
	// psutil's ZombieProcess subclasses NoSuchProcess.
	ErrZombieProcess = fmt.Errorf("psutil: zombie process: %w", ErrNoSuchProcess)
	// ErrAccessDenied: the OS refused (psutil.AccessDenied). It also
	// matches fs.ErrPermission.
	ErrAccessDenied = fmt.Errorf("psutil: access denied: %w", fs.ErrPermission)
	// ErrTimeoutExpired: Wait ran out of time (psutil.TimeoutExpired).
	ErrTimeoutExpired = errors.New("psutil: timeout expired")
	// ErrNotImplemented: not available on this OS, kernel or build (for
	// example CGO_ENABLED=0). It matches errors.ErrUnsupported.
	ErrNotImplemented = fmt.Errorf("psutil: not implemented on %s: %w", runtime.GOOS, errors.ErrUnsupported)
	// ErrInvalidArgument: a bad argument, where psutil raises ValueError.
	// It matches fs.ErrInvalid.
	ErrInvalidArgument = fmt.Errorf("psutil: invalid argument: %w", fs.ErrInvalid)
	// ErrParse: an OS file or record had an unexpected format.
	ErrParse = errors.New("psutil: unexpected data format")
	// ErrNotFound: a named object (a Windows service, a cgroup) does not
	// exist. It matches fs.ErrNotExist.
	ErrNotFound = fmt.Errorf("psutil: not found: %w", fs.ErrNotExist)
)

// Codes of the C library (csrc/psu.h, PSU_ERR_MAP). Kept in Go so error
// mapping is testable without cgo.
const (
	codeOK          = 0
	codeNoSuchProc  = -1
	codeZombie      = -2
	codeAccess      = -3
	codeNotSup      = -4
	codeNoMem       = -5
	codeInval       = -6
	codeParse       = -7
	codeSys         = -8
	codeTimeout     = -9
	codeNotFound    = -10
	errOutOfMemMsg  = "psutil: out of memory"
	errUnknownCode  = "psutil: unknown error code "
	errWhereUnknown = "?"
)

var errOutOfMemory = errors.New(errOutOfMemMsg)

// sentinelFor maps a C code to its sentinel (nil for codeSys).
func sentinelFor(code int) error {
	switch code {
	case codeNoSuchProc:
		return ErrNoSuchProcess
	case codeZombie:
		return ErrZombieProcess
	case codeAccess:
		return ErrAccessDenied
	case codeNotSup:
		return ErrNotImplemented
	case codeNoMem:
		return errOutOfMemory
	case codeInval:
		return ErrInvalidArgument
	case codeParse:
		return ErrParse
	case codeTimeout:
		return ErrTimeoutExpired
	case codeNotFound:
		return ErrNotFound
	case codeSys:
		return nil
	}
	return errors.New(errUnknownCode + strconv.Itoa(code))
}

// cError is an error reported by the C core: a category, the OS error
// code and the call that failed.
type cError struct {
	Sentinel error         // one of the Err* sentinels, nil for a plain OS error
	Errno    syscall.Errno // errno, Win32 error or NTSTATUS; 0 if none
	Where    string        // the failing call, e.g. "open(/proc/1/stat)"
}

func (e *cError) Error() string {
	s := "psutil: " + e.Where
	if e.Sentinel != nil {
		s = e.Sentinel.Error() + " [" + e.Where
		if e.Errno != 0 {
			s += ": " + e.Errno.Error()
		}
		return s + "]"
	}
	if e.Errno != 0 {
		s += ": " + e.Errno.Error()
	}
	return s
}

func (e *cError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Sentinel != nil {
		errs = append(errs, e.Sentinel)
	}
	if e.Errno != 0 {
		errs = append(errs, e.Errno)
	}
	return errs
}

// makeErr turns a C error record into a Go error (nil for codeOK).
func makeErr(code int, sys int64, where string) error {
	if code == codeOK {
		return nil
	}
	if where == "" {
		where = errWhereUnknown
	}
	return &cError{Sentinel: sentinelFor(code), Errno: syscall.Errno(sys), Where: where}
}

// ProcessError describes a failed operation on one process. It is shaped
// like [fs.PathError]: Err is one of ErrNoSuchProcess, ErrZombieProcess,
// ErrAccessDenied, ErrTimeoutExpired, ErrNotImplemented or
// ErrInvalidArgument, and Sys holds the OS error when there is one.
type ProcessError struct {
	Op    string // the Go method, e.g. "Process.Exe"
	PID   int
	Name  string // the process name when known, else ""
	PPID  int    // set for zombies, as psutil.ZombieProcess.ppid; else 0
	Err   error
	Sys   error  // a syscall.Errno, or nil
	Where string // the failing OS call, when known
}

func (e *ProcessError) Error() string {
	s := "psutil: " + e.Op + " pid=" + strconv.Itoa(e.PID)
	if e.Name != "" {
		s += " (" + e.Name + ")"
	}
	s += ": " + trimPrefix(e.Err.Error())
	if e.Where != "" || e.Sys != nil {
		s += " ["
		if e.Where != "" {
			s += e.Where
		}
		if e.Sys != nil {
			if e.Where != "" {
				s += ": "
			}
			s += e.Sys.Error()
		}
		s += "]"
	}
	return s
}

func (e *ProcessError) Unwrap() []error {
	if e.Sys != nil {
		return []error{e.Err, e.Sys}
	}
	return []error{e.Err}
}

func trimPrefix(s string) string {
	const p = "psutil: "
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

// procErr attaches process context to err. Errors that are not about the
// process (a parse error, say) are wrapped too, so errors.As always finds a
// *ProcessError for a process method.
func procErr(op string, pid int, name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *ProcessError
	if errors.As(err, &pe) {
		return err
	}
	e := &ProcessError{Op: op, PID: pid, Name: name, Err: err}
	var ce *cError
	if errors.As(err, &ce) && ce.Sentinel != nil {
		e.Err = ce.Sentinel
		e.Where = ce.Where
		if ce.Errno != 0 {
			e.Sys = ce.Errno
		}
	}
	return e
}
