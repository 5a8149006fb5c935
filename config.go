package psutil

// SetProcfsPath sets the root of the proc filesystem that every Linux
// function reads, like assigning psutil.PROCFS_PATH. The default is
// "/proc". Use it to inspect a container's or chroot's /proc, or a fixture
// tree. The setting is process-wide and safe to change concurrently; calls
// already running keep the root they started with. The path is not checked
// here: a missing root makes later calls fail with an error that matches
// fs.ErrNotExist. It returns ErrInvalidArgument for an empty path.
func SetProcfsPath(path string) error { return setProcfsPath(path) }

// ProcfsPath returns the current proc filesystem root.
func ProcfsPath() string { return procfsPath() }

// SetSysfsPath sets the root of the sys filesystem (default "/sys") used
// for sensors, CPU topology and frequency, block devices and NICs on Linux.
// psutil hard-codes /sys; this is an extension for containers and tests.
func SetSysfsPath(path string) error { return setSysfsPath(path) }

// SysfsPath returns the current sys filesystem root.
func SysfsPath() string { return sysfsPath() }
