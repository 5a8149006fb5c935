package psutil

import (
	"fmt"
	"math"
)

// Container-aware resources (Linux only; other platforms and CGO_ENABLED=0
// builds return ErrNotImplemented). psutil has no equivalent (psutil #490,
// #1122, #2001; gopsutil #1758).
//
// Paths are resolved like this: /proc/PID/cgroup gives the cgroup path in
// each hierarchy; the cgroup and cgroup2 mounts of /proc/self/mountinfo
// give where each hierarchy is mounted (with its mount root stripped from
// the path, for containers without a cgroup namespace). A mount point
// below /sys is read below SysfsPath, and /proc below ProcfsPath, so a
// fixture tree or a container's filesystem can be inspected.

// CgroupOf returns the cgroups of process pid, one entry per hierarchy
// (cgroup v1 controllers, the v2 unified hierarchy, or both on a hybrid
// system), in /proc/PID/cgroup order. It returns ErrNoSuchProcess if pid
// does not exist and ErrNotImplemented when the kernel has no cgroups.
// A Process method is just:
//
//	func (p *Process) Cgroup() ([]CgroupEntry, error) { return CgroupOf(p.PID()) }
func CgroupOf(pid int) ([]CgroupEntry, error) {
	if pid <= 0 {
		return nil, procErr("CgroupOf", pid, "", ErrInvalidArgument)
	}
	ents, err := cgroupOf(pid)
	if err != nil {
		return nil, procErr("CgroupOf", pid, "", err)
	}
	return ents, nil
}

// CgroupStats returns the limits and usage of the cgroups of process pid:
// memory, cpu (with cpuacct on v1), pids and io (blkio on v1). On a hybrid
// system each controller is read from the hierarchy it is bound to.
//
// A controller that is not available (not mounted, not enabled in the
// parent's cgroup.subtree_control) is nil, and IO is nil; that is not an
// error. Files missing inside an available controller (as in a v2 root
// cgroup, which has no memory.max) leave their field at CgroupUnlimited
// for limits and 0 for counters.
func CgroupStats(pid int) (CgroupStat, error) {
	if pid <= 0 {
		return CgroupStat{}, procErr("CgroupStats", pid, "", ErrInvalidArgument)
	}
	st, err := cgroupStat(pid, "")
	if err != nil {
		return CgroupStat{}, procErr("CgroupStats", pid, "", err)
	}
	return st, nil
}

// CgroupStatsDir is CgroupStats for one cgroup directory, e.g.
// "/sys/fs/cgroup/system.slice" (v2, detected by its cgroup.controllers
// file) or "/sys/fs/cgroup/memory/docker/ID" (v1: the controllers whose
// files the directory holds). It returns ErrNotFound if dir does not
// exist. dir is used as given (SysfsPath is not applied).
func CgroupStatsDir(dir string) (CgroupStat, error) {
	if dir == "" {
		return CgroupStat{}, ErrInvalidArgument
	}
	return cgroupStat(0, dir)
}

// EffectiveCPUCount returns the number of CPUs the calling process can
// really use: the CPUs in its affinity mask (sched_getaffinity), capped by
// its cgroup CPU quota rounded up, ceil(quota/period), where quota/period
// is the smallest one set on the cgroup or any of its ancestors (cpu.max,
// v1 cpu.cfs_quota_us/cpu.cfs_period_us). The result is at least 1.
// Without a cpu controller it is the affinity count. This is what
// psutil #1122 asks for and what Go's GOMAXPROCS uses since Go 1.25.
func EffectiveCPUCount() (int, error) {
	aff, err := cgroupAffinityCount()
	if err != nil {
		return 0, err
	}
	limit := -1.0
	st, err := cgroupStat(0, "")
	if err == nil && st.CPU != nil {
		limit = st.CPU.EffectiveLimit
	}
	return effectiveCPUs(aff, limit), nil
}

// effectiveCPUs caps an affinity count with a CPU limit (-1 = none).
func effectiveCPUs(affinity int, limit float64) int {
	n := affinity
	if limit > 0 {
		if q := int(math.Ceil(limit)); q < n {
			n = q
		}
	}
	if n < 1 {
		n = 1
	}
	return n
}

// ContainerVirtualMemory returns memory as seen inside the memory limit of
// the calling process' cgroup, the way docker stats and the kubelet count
// it:
//
//	total     = min(host MemTotal, effective memory limit)
//	used      = memory.current - inactive_file   (v1: usage_in_bytes - total_inactive_file)
//	available = total - used
//	percent   = used / total * 100, rounded to 1 decimal
//
// The effective limit is the smallest memory.max (v1 memory.limit_in_bytes)
// of the cgroup and its ancestors; without one, total is the host's RAM
// and Limited is false. Used is clamped to [0, total]. Without a memory
// controller it returns an error matching ErrNotImplemented.
func ContainerVirtualMemory() (ContainerMemoryStat, error) {
	host, err := cgroupHostMemTotal()
	if err != nil {
		return ContainerMemoryStat{}, err
	}
	st, err := cgroupStat(0, "")
	if err != nil {
		return ContainerMemoryStat{}, err
	}
	if st.Memory == nil {
		return ContainerMemoryStat{}, fmt.Errorf("ContainerVirtualMemory: no memory cgroup controller: %w", ErrNotImplemented)
	}
	return containerMemory(host, st.Memory), nil
}

// containerMemory applies the ContainerVirtualMemory formulas.
func containerMemory(hostTotal uint64, m *CgroupMemoryStat) ContainerMemoryStat {
	r := ContainerMemoryStat{Total: hostTotal, HostTotal: hostTotal}
	if m.EffectiveMax >= 0 && uint64(m.EffectiveMax) < hostTotal {
		r.Total = uint64(m.EffectiveMax)
		r.Limited = true
	}
	used := m.Current
	if m.InactiveFile < used {
		used -= m.InactiveFile
	} else {
		used = 0
	}
	if used > r.Total {
		used = r.Total
	}
	r.Used = used
	r.Available = r.Total - used
	if r.Total > 0 {
		r.Percent = math.Round(float64(used)/float64(r.Total)*1000) / 10
	}
	return r
}
