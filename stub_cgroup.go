//go:build !linux || !cgo

package psutil

// The cgroup, PSI and netlink functions exist on Linux with cgo only.

func cgroupOf(pid int) ([]CgroupEntry, error)            { return nil, ErrNotImplemented }
func cgroupStat(pid int, dir string) (CgroupStat, error) { return CgroupStat{}, ErrNotImplemented }
func cgroupAffinityCount() (int, error)                  { return 0, ErrNotImplemented }
func cgroupHostMemTotal() (uint64, error)                { return 0, ErrNotImplemented }
func cgroupUnifiedDir(pid int) (string, error)           { return "", ErrNotImplemented }
func pressureRead(dir, resource string) (*PressureResourceStat, error) {
	return nil, ErrNotImplemented
}
func netConnectionsNetlink(pid int, kind ConnKind) ([]ConnectionStat, error) {
	return nil, ErrNotImplemented
}
