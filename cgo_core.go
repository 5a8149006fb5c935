package psutil

/*
#cgo CFLAGS: -I${SRCDIR}/csrc -O2
#include <stdlib.h>
#include "psu.h"
*/
import "C"

import "unsafe"

// cerr converts a C return code and error record into a Go error.
func cerr(rc C.int, e *C.psu_err_t) error {
	if rc == 0 {
		return nil
	}
	code := int(e.code)
	if code == 0 {
		code = int(rc)
	}
	return makeErr(code, int64(e.sys), C.GoString(&e.where[0]))
}

func setRoot(path string, set func(*C.char, *C.psu_err_t) C.int) error {
	if path == "" {
		return makeErr(codeInval, 0, "empty path")
	}
	for i := 0; i < len(path); i++ {
		if path[i] == 0 {
			return makeErr(codeInval, 0, "path contains NUL")
		}
	}
	cs := C.CString(path)
	defer C.free(unsafe.Pointer(cs))
	var e C.psu_err_t
	return cerr(set(cs, &e), &e)
}

func setProcfsPath(path string) error {
	return setRoot(path, func(p *C.char, e *C.psu_err_t) C.int { return C.psu_set_procfs_path(p, e) })
}

func setSysfsPath(path string) error {
	return setRoot(path, func(p *C.char, e *C.psu_err_t) C.int { return C.psu_set_sysfs_path(p, e) })
}

func procfsPath() string {
	var buf [C.PSU_ROOT_MAX]C.char
	C.psu_get_procfs_path(&buf[0], C.size_t(len(buf)))
	return C.GoString(&buf[0])
}

func sysfsPath() string {
	var buf [C.PSU_ROOT_MAX]C.char
	C.psu_get_sysfs_path(&buf[0], C.size_t(len(buf)))
	return C.GoString(&buf[0])
}

// heapBlocks returns the number of live blocks the C core has allocated;
// leak tests compare it before and after many calls.
func heapBlocks() int64 { return int64(C.psu_debug_heap_blocks()) }
