//go:build linux && cgo

package psutil

/*
#include "psu.h"
*/
import "C"

import "unsafe"

// connsNoOwner asks netConnectionsNetlink not to map sockets to processes.
const connsNoOwner = C.PSU_SOCKDIAG_NO_OWNER

// sockdiagMask maps a connection kind to PSU_SOCKDIAG_* bits.
func sockdiagMask(kind ConnKind) C.uint {
	const (
		t4 = C.PSU_SOCKDIAG_TCP4
		t6 = C.PSU_SOCKDIAG_TCP6
		u4 = C.PSU_SOCKDIAG_UDP4
		u6 = C.PSU_SOCKDIAG_UDP6
		ux = C.PSU_SOCKDIAG_UNIX
	)
	switch kind {
	case ConnAll:
		return t4 | t6 | u4 | u6 | ux
	case ConnInet, "":
		return t4 | t6 | u4 | u6
	case ConnInet4:
		return t4 | u4
	case ConnInet6:
		return t6 | u6
	case ConnTCP:
		return t4 | t6
	case ConnTCP4:
		return t4
	case ConnTCP6:
		return t6
	case ConnUDP:
		return u4 | u6
	case ConnUDP4:
		return u4
	case ConnUDP6:
		return u6
	case ConnUnix:
		return ux
	}
	return 0
}

// sockdiagTCPStates maps the kernel's TCP states (include/net/tcp_states.h) to
// psutil's names; 12 is TCP_NEW_SYN_RECV, a request socket.
var sockdiagTCPStates = [...]ConnStatus{
	1: ConnEstablished, 2: ConnSynSent, 3: ConnSynRecv, 4: ConnFinWait1,
	5: ConnFinWait2, 6: ConnTimeWait, 7: ConnClose, 8: ConnCloseWait,
	9: ConnLastAck, 10: ConnListen, 11: ConnClosing, 12: ConnSynRecv,
}

// netConnectionsNetlink is procNetConnections through NETLINK_SOCK_DIAG:
// the same results as the /proc/net parser, from one netlink dump per
// family. pid < 0 lists every socket (PID set, -1 when no owner is
// readable); pid >= 0 lists the sockets of that process only (PID = pid);
// connsNoOwner lists every socket without the /proc/<pid>/fd owner scan
// (PID and FD -1; much faster). Like procNetConnections it keeps
// duplicates (the callers' dedupConns drops them).
//
// It returns an error matching ErrNotImplemented when the kernel or a
// seccomp filter refuses sock_diag, or when SetProcfsPath chose another
// root than /proc (netlink sees the live kernel), and ErrAccessDenied when
// sock_diag is denied; callers then fall back to procNetConnections.
func netConnectionsNetlink(pid int, kind ConnKind) ([]ConnectionStat, error) {
	mask := sockdiagMask(kind)
	if mask == 0 {
		return nil, makeErr(codeInval, 0, "netConnectionsNetlink: kind "+string(kind))
	}
	if procfsPath() != "/proc" {
		// netlink sees the live kernel; a custom root (SetProcfsPath) must
		// be read through its own net/ files.
		return nil, makeErr(codeNotSup, 0, "netlink: procfs root is not /proc")
	}
	var e C.psu_err_t
	var p *C.psu_sockdiag_conn_t
	var n C.size_t
	cpid := C.int64_t(-1)
	if pid >= 0 || pid == connsNoOwner {
		cpid = C.int64_t(pid)
	}
	if err := cerr(C.psu_net_connections_netlink(mask, cpid, &p, &n, &e), &e); err != nil {
		return nil, err
	}
	defer C.psu_free(unsafe.Pointer(p))
	src := unsafe.Slice(p, int(n))
	out := make([]ConnectionStat, 0, len(src))
	for i := range src {
		s := &src[i]
		c := ConnectionStat{
			FD:     int(s.fd),
			Family: int(s.family),
			Type:   int(s._type),
			Status: ConnNone,
			PID:    int(s.pid),
		}
		if c.Family == AF_UNIX {
			c.Laddr.IP = C.GoString(&s.path[0])
		} else {
			if s.lport != 0 {
				c.Laddr = ConnAddr{IP: C.GoString(&s.lip[0]), Port: int(s.lport)}
			}
			if s.rport != 0 {
				c.Raddr = ConnAddr{IP: C.GoString(&s.rip[0]), Port: int(s.rport)}
			}
			if c.Type == SOCK_STREAM && int(s.state) > 0 && int(s.state) < len(sockdiagTCPStates) {
				c.Status = sockdiagTCPStates[s.state]
			}
		}
		out = append(out, c)
	}
	return out, nil
}
