//go:build (freebsd || openbsd || netbsd) && cgo

package psutil

/*
#include "psu.h"
*/
import "C"

import "unsafe"

// The BSD-only parts of the system API on FreeBSD, OpenBSD and NetBSD:
// thin wrappers over csrc/bsd_sys.c and csrc/<os>_sys.c (the ones that are
// the same on every OS are in platform_common_sys.go); the contract is in stub_sys.go.

// sensorsTemperatures: FreeBSD only (dev.cpu.N.temperature); OpenBSD and
// NetBSD give ErrNotImplemented.
func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	var e C.psu_err_t
	var p *C.psu_temperature_t
	var n C.size_t
	if err := cerr(C.psu_sensors_temperatures(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string][]TemperatureStat)
	for _, t := range unsafe.Slice(p, int(n)) {
		name := C.GoString(&t.name[0])
		out[name] = append(out[name], TemperatureStat{
			Label:    C.GoString(&t.label[0]),
			Current:  float64(t.current),
			High:     float64(t.high),
			Critical: float64(t.critical),
		})
	}
	return out, nil
}

func sensorsFans() (map[string][]FanStat, error) {
	var e C.psu_err_t
	var p *C.psu_fan_t
	var n C.size_t
	if err := cerr(C.psu_sensors_fans(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	C.psu_free(unsafe.Pointer(p))
	return map[string][]FanStat{}, nil
}

// The portable POSIX parts (csrc/posix_sys.c).
func diskUsage(path string) (DiskUsageStat, error)  { return cDiskUsage(path) }
func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }
