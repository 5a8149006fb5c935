package psutil

import "errors"

// valid reports whether k is one of the psutil connection kinds.
func (k ConnKind) valid() bool {
	switch k {
	case ConnInet, ConnInet4, ConnInet6, ConnTCP, ConnTCP4, ConnTCP6,
		ConnUDP, ConnUDP4, ConnUDP6, ConnUnix, ConnAll:
		return true
	}
	return false
}

// NetConnections returns the system-wide sockets of this kind (psutil
// net_connections(kind)); an empty kind means ConnInet. An unknown kind
// gives ErrInvalidArgument. On Linux, sockets are mapped to their owning
// process through /proc/*/fd; a socket whose owner can't be read (another
// user's process when not root) has PID -1 and FD -1, as psutil's None.
// Duplicates (a socket shared by several fds or processes) are reported
// once per (pid, fd), as psutil does.
func NetConnections(kind ConnKind) ([]ConnectionStat, error) {
	if kind == "" {
		kind = ConnInet
	}
	if !kind.valid() {
		return nil, makeErr(codeInval, 0, "NetConnections: kind "+string(kind))
	}
	cs, err := netConnections(-1, kind)
	return dedupConns(cs), err
}

// netConnections lists the sockets of pid (every process when pid < 0)
// through NETLINK_SOCK_DIAG when it can (Linux with ProcfsPath "/proc"),
// else through procNetConnections (the /proc/net files, or the OS's own
// path elsewhere). kind is already validated.
func netConnections(pid int, kind ConnKind) ([]ConnectionStat, error) {
	cs, err := netConnectionsNetlink(pid, kind)
	if errors.Is(err, ErrNotImplemented) || errors.Is(err, ErrAccessDenied) {
		return procNetConnections(pid, kind)
	}
	return cs, err
}

// dedupConns drops repeated entries, keeping the first (psutil returns a
// set: unowned sockets without an address collapse into one).
func dedupConns(cs []ConnectionStat) []ConnectionStat {
	if len(cs) < 2 {
		return cs
	}
	seen := make(map[ConnectionStat]struct{}, len(cs))
	out := cs[:0]
	for _, c := range cs {
		if _, dup := seen[c]; dup {
			continue
		}
		seen[c] = struct{}{}
		out = append(out, c)
	}
	return out
}
