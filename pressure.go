package psutil

import (
	"errors"
	"fmt"
)

// pressureResources are the PSI files, in PressureStat field order.
var pressureResources = [...]string{"cpu", "memory", "io", "irq"}

// Pressure returns the system-wide pressure stall information of
// /proc/pressure/{cpu,memory,io,irq} (Linux 4.20+ with CONFIG_PSI and
// without psi=0). Resources the kernel does not report are nil (irq needs
// Linux 6.1). When no PSI file exists at all it returns an error matching
// ErrNotImplemented. psutil has no equivalent (psutil #1932, #2725).
func Pressure() (PressureStat, error) {
	return readPressure("")
}

// CgroupPressure returns the PSI of the cgroup v2 cgroup of process pid
// (its {cpu,memory,io,irq}.pressure files). It returns an error matching
// ErrNotImplemented when pid has no v2 cgroup (pure v1 systems) or the
// cgroup has no pressure files.
func CgroupPressure(pid int) (PressureStat, error) {
	if pid <= 0 {
		return PressureStat{}, procErr("CgroupPressure", pid, "", ErrInvalidArgument)
	}
	dir, err := cgroupUnifiedDir(pid)
	if err != nil {
		return PressureStat{}, procErr("CgroupPressure", pid, "", err)
	}
	return readPressure(dir)
}

// CgroupPressureDir returns the PSI files of one cgroup v2 directory.
func CgroupPressureDir(dir string) (PressureStat, error) {
	if dir == "" {
		return PressureStat{}, ErrInvalidArgument
	}
	return readPressure(dir)
}

// readPressure reads every resource of dir ("" = system-wide). Missing
// resources are nil; all missing gives ErrNotImplemented.
func readPressure(dir string) (PressureStat, error) {
	var st PressureStat
	slots := [...]**PressureResourceStat{&st.CPU, &st.Memory, &st.IO, &st.IRQ}
	found := false
	var lastErr error
	for i, res := range pressureResources {
		r, err := pressureRead(dir, res)
		if errors.Is(err, ErrNotImplemented) {
			lastErr = err
			continue
		}
		if err != nil {
			return PressureStat{}, err
		}
		*slots[i] = r
		found = true
	}
	if !found {
		if lastErr == nil {
			lastErr = ErrNotImplemented
		}
		return PressureStat{}, fmt.Errorf("psutil: no pressure stall information: %w", lastErr)
	}
	return st, nil
}
