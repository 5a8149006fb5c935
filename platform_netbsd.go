//go:build cgo

package psutil

/*
#include <sys/param.h>
#include <sys/lwp.h>
#include <sys/socket.h>
#include <netinet/tcp_fsm.h>
*/
import "C"

// NetBSD specifics of platform_bsd_proc.go.

// Compile-time checks that the constants of bsd_logic.go match the
// headers: an index out of range fails the build.
var (
	_ = [1]struct{}{}[C.LSIDL-1]
	_ = [1]struct{}{}[C.LSRUN-2]
	_ = [1]struct{}{}[C.LSSLEEP-3]
	_ = [1]struct{}{}[C.LSSTOP-4]
	_ = [1]struct{}{}[C.LSZOMB-5]
	_ = [1]struct{}{}[C.LSONPROC-7]
	_ = [1]struct{}{}[C.LSSUSPENDED-8]
	_ = [1]struct{}{}[C.AF_INET6-24]
	_ = [1]struct{}{}[C.TCPS_ESTABLISHED-4]
	_ = [1]struct{}{}[C.TCPS_TIME_WAIT-10]
)

func bsdStatusOf(stat int) Status { return netbsdStatusOf(stat) }

// rlimit is FreeBSD-only among the BSDs: the C side says not implemented.
func bsdRlimitResource(res int) (int, bool) { return res, true }

func procExe(pid int) (string, error) { return bsdCExe(pid) }
