//go:build cgo && (linux || darwin || freebsd || openbsd || netbsd)

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

// Wrappers of csrc/posix_sys.c, shared by the Unix platform files: their
// loadAvg, diskUsage, users and netIfAddrs just call these.

func posixLoadAvg() (LoadAvgStat, error) {
	var out C.psu_loadavg_t
	var e C.psu_err_t
	if err := cerr(C.psu_getloadavg(&out, &e), &e); err != nil {
		return LoadAvgStat{}, err
	}
	return LoadAvgStat{Load1: float64(out.load1), Load5: float64(out.load5), Load15: float64(out.load15)}, nil
}

func posixDiskUsage(path string) (DiskUsageStat, error) {
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	var out C.psu_disk_usage_t
	var e C.psu_err_t
	if err := cerr(C.psu_disk_usage(cs, &out, &e), &e); err != nil {
		return DiskUsageStat{}, err
	}
	return DiskUsageStat{Total: uint64(out.total), Used: uint64(out.used), Free: uint64(out.free)}, nil
}

func posixUsers() ([]UserStat, error) {
	var arr *C.psu_user_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_users(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make([]UserStat, 0, int(n))
	for _, u := range unsafe.Slice(arr, int(n)) {
		out = append(out, UserStat{
			Name:     C.GoString(&u.name[0]),
			Terminal: C.GoString(&u.terminal[0]),
			Host:     C.GoString(&u.host[0]),
			Started:  float64(u.started),
			PID:      max(int(u.pid), 0), // 0 where psutil has None
		})
	}
	return out, nil
}

func posixNetIfAddrs() (map[string][]NICAddrStat, error) {
	var arr *C.psu_net_if_addr_t
	var n C.size_t
	var e C.psu_err_t
	if err := cerr(C.psu_net_if_addrs(&arr, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(arr))
	out := make(map[string][]NICAddrStat)
	for _, a := range unsafe.Slice(arr, int(n)) {
		name := C.GoString(&a.name[0])
		out[name] = append(out[name], NICAddrStat{
			Family:    int(a.family),
			Address:   C.GoString(&a.address[0]),
			Netmask:   C.GoString(&a.netmask[0]),
			Broadcast: C.GoString(&a.broadcast[0]),
			Ptp:       C.GoString(&a.ptp[0]),
		})
	}
	return out, nil
}
