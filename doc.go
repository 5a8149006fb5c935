// Package psutil is Python's psutil for Go: system and process information
// (CPU, memory, disks, network, sensors, users, processes) read by a small C
// core (csrc/, also usable from C through CMake) and exposed with psutil's
// names, fields and semantics.
//
// # Errors
//
// Process methods return a [*ProcessError] whose Err is one of the
// sentinels [ErrNoSuchProcess], [ErrZombieProcess] (which also matches
// ErrNoSuchProcess), [ErrAccessDenied] (which also matches fs.ErrPermission),
// [ErrTimeoutExpired] or [ErrNotImplemented] (which matches
// errors.ErrUnsupported). Test them with errors.Is:
//
//	p, err := psutil.NewProcess(pid)
//	if errors.Is(err, psutil.ErrNoSuchProcess) { ... }
//
// The OS error code is kept as a syscall.Errno, so errors.Is(err,
// fs.ErrNotExist) works for a missing procfs root.
//
// # Builds
//
// cgo and a C compiler are required for real data. With CGO_ENABLED=0 the
// package still compiles, and every function returns ErrNotImplemented.
//
// # Procfs root
//
// On Linux every /proc read goes through the root set by [SetProcfsPath]
// (psutil's PROCFS_PATH) and every /sys read through [SetSysfsPath].
package psutil
