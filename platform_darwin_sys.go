//go:build darwin && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
#include "darwin-internal.h"
*/
import "C"

import "unsafe"

// The macOS-only parts of the system API: thin wrappers over
// csrc/darwin_sys.c and csrc/darwin_iokit.c (the ones that are the same on
// every OS are in platform_common_sys.go); the contract is in stub_sys.go.

// psutil has no temperature or fan sensors on macOS.
func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	return nil, makeErr(codeNotSup, 0, "sensors_temperatures: not on macOS")
}

func sensorsFans() (map[string][]FanStat, error) {
	return nil, makeErr(codeNotSup, 0, "sensors_fans: not on macOS")
}

// diskUsage is statvfs, with Used from getattrlist(ATTR_VOL_SPACEUSED)
// when the volume reports it, as psutil does on macOS.
func diskUsage(path string) (DiskUsageStat, error) {
	u, err := cDiskUsage(path)
	if err != nil {
		return u, err
	}
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	var used C.uint64_t
	var e C.psu_err_t
	if C.psu__darwin_disk_space_used(cs, &used, &e) == 0 {
		u.Used = uint64(used)
	}
	return u, nil
}

// The portable POSIX part (csrc/posix_sys.c).
func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }
