//go:build linux && cgo

package psutil

/*
#include "psu.h"
*/
import "C"

import "unsafe"

// The Linux-only parts of the system API: cgo calls into csrc/linux_*.c
// and csrc/posix_sys.c, and conversion. No logic lives here. The wrappers
// that are the same on every OS are in platform_common_sys.go.

func diskUsage(path string) (DiskUsageStat, error) { return cDiskUsage(path) }

func netIfAddrs() (map[string][]NICAddrStat, error) { return posixNetIfAddrs() }

func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	var arr *C.psu_temperature_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_sensors_temperatures(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make(map[string][]TemperatureStat)
	for _, t := range unsafe.Slice(arr, int(n)) {
		name := C.GoString(&t.name[0])
		out[name] = append(out[name], TemperatureStat{Label: C.GoString(&t.label[0]),
			Current: float64(t.current), High: float64(t.high), Critical: float64(t.critical)})
	}
	return out, nil
}

func sensorsFans() (map[string][]FanStat, error) {
	var arr *C.psu_fan_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_sensors_fans(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make(map[string][]FanStat)
	for _, f := range unsafe.Slice(arr, int(n)) {
		name := C.GoString(&f.name[0])
		out[name] = append(out[name], FanStat{Label: C.GoString(&f.label[0]), Current: int(f.current)})
	}
	return out, nil
}
