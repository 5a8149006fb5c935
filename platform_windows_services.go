//go:build windows && cgo

package psutil

/*
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

func winServiceList() ([]WindowsService, error) {
	var e C.psu_err_t
	var p *C.psu_win_service_t
	var n C.size_t
	if rc := C.psu_win_service_list(&p, &n, &e); rc != 0 {
		return nil, cerr(rc, &e)
	}
	defer C.psu_free(unsafe.Pointer(p))
	ents := unsafe.Slice(p, int(n))
	out := make([]WindowsService, len(ents))
	for i := range ents {
		out[i] = WindowsService{
			name:        C.GoString(ents[i].name),
			displayName: C.GoString(ents[i].display_name),
		}
	}
	return out, nil
}

func winServiceConfigImpl(name string) (winServiceConfig, error) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	var e C.psu_err_t
	var p *C.psu_win_service_config_t
	if rc := C.psu_win_service_config(cs, &p, &e); rc != 0 {
		return winServiceConfig{}, cerr(rc, &e)
	}
	defer C.psu_free(unsafe.Pointer(p))
	return winServiceConfig{
		displayName: C.GoString(p.display_name),
		binPath:     C.GoString(p.binpath),
		username:    C.GoString(p.username),
		startType:   C.GoString(&p.start_type[0]),
	}, nil
}

func winServiceStatusImpl(name string) (string, int, error) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	var e C.psu_err_t
	var st C.psu_win_service_status_t
	if rc := C.psu_win_service_status(cs, &st, &e); rc != 0 {
		return "", 0, cerr(rc, &e)
	}
	return C.GoString(&st.status[0]), int(st.pid), nil
}

func winServiceDescriptionImpl(name string) (string, error) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	var e C.psu_err_t
	var p *C.char
	if rc := C.psu_win_service_description(cs, &p, &e); rc != 0 {
		return "", cerr(rc, &e)
	}
	defer C.psu_free(unsafe.Pointer(p))
	return C.GoString(p), nil
}
