//go:build windows && cgo

package psutil

/*
#include "psu.h"
*/
import "C"

import "unsafe"

// The Windows-only parts of the system API: thin wrappers over
// csrc/windows_sys.c (the ones that are the same on every OS are in
// platform_common_sys.go); the contract is in stub_sys.go.

func diskUsage(path string) (DiskUsageStat, error) { return cDiskUsage(path) }

func netIfAddrs() (map[string][]NICAddrStat, error) {
	var e C.psu_err_t
	var p *C.psu_net_if_addr_t
	var n C.size_t
	if err := cerr(C.psu_net_if_addrs(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	out := make(map[string][]NICAddrStat)
	for _, a := range unsafe.Slice(p, int(n)) {
		name := C.GoString(&a.name[0])
		fam := int(a.family)
		if fam == 23 { // Windows AF_INET6: report the package's AF_INET6
			fam = AF_INET6
		}
		out[name] = append(out[name], NICAddrStat{
			Family:    fam,
			Address:   C.GoString(&a.address[0]),
			Netmask:   C.GoString(&a.netmask[0]),
			Broadcast: C.GoString(&a.broadcast[0]),
			Ptp:       C.GoString(&a.ptp[0]),
		})
	}
	return out, nil
}

// psutil has no temperature or fan sensors on Windows: the C functions
// return PSU_ENOTSUP, i.e. ErrNotImplemented.

func sensorsTemperatures() (map[string][]TemperatureStat, error) {
	var e C.psu_err_t
	var p *C.psu_temperature_t
	var n C.size_t
	if err := cerr(C.psu_sensors_temperatures(&p, &n, &e), &e); err != nil {
		return nil, err
	}
	C.psu_free(unsafe.Pointer(p))
	return map[string][]TemperatureStat{}, nil
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
