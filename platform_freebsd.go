//go:build cgo

package psutil

/*
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/tcp_fsm.h>
*/
import "C"

// FreeBSD specifics of platform_bsd_proc.go.

// Compile-time checks that the constants of bsd_logic.go match the
// headers: an index out of range fails the build.
var (
	_ = [1]struct{}{}[C.SIDL-1]
	_ = [1]struct{}{}[C.SRUN-2]
	_ = [1]struct{}{}[C.SSLEEP-3]
	_ = [1]struct{}{}[C.SSTOP-4]
	_ = [1]struct{}{}[C.SZOMB-5]
	_ = [1]struct{}{}[C.SWAIT-6]
	_ = [1]struct{}{}[C.SLOCK-7]
	_ = [1]struct{}{}[C.RLIMIT_MEMLOCK-6]
	_ = [1]struct{}{}[C.RLIMIT_NPROC-7]
	_ = [1]struct{}{}[C.RLIMIT_NOFILE-8]
	_ = [1]struct{}{}[C.RLIMIT_AS-10]
	_ = [1]struct{}{}[C.AF_INET6-28]
	_ = [1]struct{}{}[C.TCPS_ESTABLISHED-4]
	_ = [1]struct{}{}[C.TCPS_TIME_WAIT-10]
)

func bsdStatusOf(stat int) Status { return freebsdStatusOf(stat) }

func bsdRlimitResource(res int) (int, bool) { return freebsdRlimitResource(res) }

func procExe(pid int) (string, error) { return bsdCExe(pid) }
