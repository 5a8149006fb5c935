package psutil

// Pure conversions used by platform_darwin_proc.go. They live in a file
// without build constraints so that the Linux tests cover them
// (darwin_logic_test.go).

// darwinStatusOf maps the state letter that csrc/darwin_proc.c puts in
// psu_proc_info_t.state (derived from kinfo_proc as psutil does) to a
// Status.
func darwinStatusOf(c byte) Status {
	switch c {
	case 'R':
		return StatusRunning
	case 'S':
		return StatusSleeping
	case 'T':
		return StatusStopped
	case 'Z':
		return StatusZombie
	case 'I':
		return StatusIdle
	}
	return StatusUnknown
}

// darwinSplitArgs splits a block of NUL-terminated strings (KERN_PROCARGS2
// argv, as returned by psu_proc_cmdline on macOS). Empty arguments are
// kept; a trailing unterminated piece is kept too.
func darwinSplitArgs(b []byte) []string {
	out := []string{}
	start := 0
	for i, c := range b {
		if c == 0 {
			out = append(out, string(b[start:i]))
			start = i + 1
		}
	}
	if start < len(b) {
		out = append(out, string(b[start:]))
	}
	return out
}

// darwinEnviron parses a block of NUL-terminated "KEY=VALUE" strings as
// psutil's parse_environ_block: it stops at an empty entry and skips
// entries without "=" (or with an empty key).
func darwinEnviron(b []byte) map[string]string {
	env := map[string]string{}
	for _, kv := range darwinSplitArgs(b) {
		if kv == "" {
			break
		}
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				if i > 0 {
					env[kv[:i]] = kv[i+1:]
				}
				break
			}
		}
	}
	return env
}

// darwinTCPStatus names the Linux TCP_* number (1 = ESTABLISHED ..
// 11 = CLOSING) that csrc/darwin_proc.c stores in psu_conn_t.status.
func darwinTCPStatus(n int) ConnStatus {
	states := [...]ConnStatus{ConnNone, ConnEstablished, ConnSynSent,
		ConnSynRecv, ConnFinWait1, ConnFinWait2, ConnTimeWait, ConnClose,
		ConnCloseWait, ConnLastAck, ConnListen, ConnClosing}
	if n <= 0 || n >= len(states) {
		return ConnNone
	}
	return states[n]
}

// darwinFamily converts a macOS address family to the (Linux) value that
// ConnectionStat.Family uses; macOS AF_INET6 is 30.
func darwinFamily(f int) int {
	switch f {
	case 30:
		return AF_INET6
	case 1:
		return AF_UNIX
	case 2:
		return AF_INET
	}
	return f
}

// Bits of csrc/psu_proc.h PSU_CONN_* (kept in Go to be testable without
// cgo).
const (
	connBitTCP4 = 0x01
	connBitTCP6 = 0x02
	connBitUDP4 = 0x04
	connBitUDP6 = 0x08
	connBitUnix = 0x10
)

// connKindBits is the PSU_CONN_* mask of a (valid) kind.
func connKindBits(kind ConnKind) uint {
	switch kind {
	case ConnInet:
		return connBitTCP4 | connBitTCP6 | connBitUDP4 | connBitUDP6
	case ConnInet4:
		return connBitTCP4 | connBitUDP4
	case ConnInet6:
		return connBitTCP6 | connBitUDP6
	case ConnTCP:
		return connBitTCP4 | connBitTCP6
	case ConnTCP4:
		return connBitTCP4
	case ConnTCP6:
		return connBitTCP6
	case ConnUDP:
		return connBitUDP4 | connBitUDP6
	case ConnUDP4:
		return connBitUDP4
	case ConnUDP6:
		return connBitUDP6
	case ConnUnix:
		return connBitUnix
	case ConnAll:
		return connBitTCP4 | connBitTCP6 | connBitUDP4 | connBitUDP6 | connBitUnix
	}
	return 0
}
