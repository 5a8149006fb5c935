//go:build cgo && (linux || darwin || freebsd || openbsd || netbsd)

package psutil

/*
#include "psu.h"
*/
import "C"

import "unsafe"

// Wrappers of csrc/posix_sys.c shared by the Unix platform files (their
// netIfAddrs just calls this). loadAvg, users and cDiskUsage (for
// diskUsage) are in platform_common_sys.go: their C functions exist on Windows too.

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
