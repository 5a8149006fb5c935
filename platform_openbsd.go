//go:build cgo

package psutil

/*
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/socket.h>
#include <netinet/tcp_fsm.h>
*/
import "C"

import "os/exec"

// OpenBSD specifics of platform_bsd_proc.go.

// Compile-time checks that the constants of bsd_logic.go match the
// headers: an index out of range fails the build.
var (
	_ = [1]struct{}{}[C.SIDL-1]
	_ = [1]struct{}{}[C.SRUN-2]
	_ = [1]struct{}{}[C.SSLEEP-3]
	_ = [1]struct{}{}[C.SSTOP-4]
	_ = [1]struct{}{}[C.SZOMB-5]
	_ = [1]struct{}{}[C.SDEAD-6]
	_ = [1]struct{}{}[C.SONPROC-7]
	_ = [1]struct{}{}[C.AF_INET6-24]
	_ = [1]struct{}{}[C.TCPS_ESTABLISHED-4]
	_ = [1]struct{}{}[C.TCPS_TIME_WAIT-10]
)

func bsdStatusOf(stat int) Status { return openbsdStatusOf(stat) }

// rlimit is FreeBSD-only among the BSDs: the C side says not implemented.
func bsdRlimitResource(res int) (int, bool) { return res, true }

// procExe: OpenBSD cannot tell the executable; guess it from the command
// line, as psutil does.
func procExe(pid int) (string, error) {
	cmd, err := procCmdline(pid)
	if err != nil {
		return "", err
	}
	return openbsdExeGuess(cmd, exec.LookPath), nil
}
