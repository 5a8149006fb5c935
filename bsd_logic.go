package psutil

// Pure conversions used by the FreeBSD, OpenBSD and NetBSD platform files
// (platform_bsd_*.go, platform_<bsd>.go). They live in a file without
// build constraints so that the Linux tests cover them (bsd_logic_test.go).
// The kernel constants below are checked against the system headers at
// compile time by the per-OS cgo files.

// Process states (ki_stat / p_stat) as psutil maps them.

// freebsdStatusOf maps a FreeBSD ki_stat (SIDL=1 .. SLOCK=7).
func freebsdStatusOf(stat int) Status {
	switch stat {
	case 1:
		return StatusIdle
	case 2:
		return StatusRunning
	case 3:
		return StatusSleeping
	case 4:
		return StatusStopped
	case 5:
		return StatusZombie
	case 6:
		return StatusWaiting
	case 7:
		return StatusLocked
	}
	return StatusUnknown
}

// openbsdStatusOf maps an OpenBSD p_stat (SIDL=1 .. SONPROC=7). SRUN is
// "runnable, on a run queue" (waking), SONPROC is running; SDEAD is what
// an unreaped process shows (SZOMB is unused).
func openbsdStatusOf(stat int) Status {
	switch stat {
	case 1:
		return StatusIdle
	case 2:
		return StatusWaking
	case 3:
		return StatusSleeping
	case 4:
		return StatusStopped
	case 5, 6:
		return StatusZombie
	case 7:
		return StatusRunning
	}
	return StatusUnknown
}

// netbsdStatusOf maps a NetBSD LWP state (LSIDL=1 .. LSSUSPENDED=8); the C
// side already reports every dying process as LSZOMB.
func netbsdStatusOf(stat int) Status {
	switch stat {
	case 1:
		return StatusIdle
	case 2:
		return StatusWaking
	case 3:
		return StatusSleeping
	case 4:
		return StatusStopped
	case 5:
		return StatusZombie
	case 7:
		return StatusRunning
	case 8:
		return StatusSuspended
	}
	return StatusUnknown
}

// bsdSplitArgs splits the argument block of psu_proc_cmdline on the BSDs:
// NUL-separated strings whose final NUL was dropped. Empty arguments are
// kept; an empty block is no argument at all.
func bsdSplitArgs(b []byte) []string {
	out := []string{}
	if len(b) == 0 {
		return out
	}
	start := 0
	for i, c := range b {
		if c == 0 {
			out = append(out, string(b[start:i]))
			start = i + 1
		}
	}
	return append(out, string(b[start:]))
}

// bsdEnviron parses an environment block as psutil's
// parse_environ_block: it stops at an empty entry and skips entries
// without "=" or with an empty key.
func bsdEnviron(b []byte) map[string]string {
	env := map[string]string{}
	for _, kv := range bsdSplitArgs(b) {
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

// bsdTCPStatus names the Linux TCP_* number (1 = ESTABLISHED ..
// 11 = CLOSING) that the BSD C code stores in psu_conn_t.status.
func bsdTCPStatus(n int) ConnStatus {
	states := [...]ConnStatus{ConnNone, ConnEstablished, ConnSynSent,
		ConnSynRecv, ConnFinWait1, ConnFinWait2, ConnTimeWait, ConnClose,
		ConnCloseWait, ConnLastAck, ConnListen, ConnClosing}
	if n <= 0 || n >= len(states) {
		return ConnNone
	}
	return states[n]
}

// bsdFamily converts a native address family to the (Linux) value that
// ConnectionStat.Family uses; af6 is the OS's AF_INET6 (FreeBSD 28,
// OpenBSD and NetBSD 24).
func bsdFamily(f, af6 int) int {
	switch f {
	case af6:
		return AF_INET6
	case 1:
		return AF_UNIX
	case 2:
		return AF_INET
	}
	return f
}

// bsdConnKindBits is the PSU_CONN_* mask of a kind (0 if unknown).
func bsdConnKindBits(kind ConnKind) uint {
	const tcp4, tcp6, udp4, udp6, unix = 0x01, 0x02, 0x04, 0x08, 0x10
	switch kind {
	case ConnInet:
		return tcp4 | tcp6 | udp4 | udp6
	case ConnInet4:
		return tcp4 | udp4
	case ConnInet6:
		return tcp6 | udp6
	case ConnTCP:
		return tcp4 | tcp6
	case ConnTCP4:
		return tcp4
	case ConnTCP6:
		return tcp6
	case ConnUDP:
		return udp4 | udp6
	case ConnUDP4:
		return udp4
	case ConnUDP6:
		return udp6
	case ConnUnix:
		return unix
	case ConnAll:
		return tcp4 | tcp6 | udp4 | udp6 | unix
	}
	return 0
}

// freebsdRlimitResource converts an RLIMIT_* constant of this package
// (Linux numbering) to FreeBSD's <sys/resource.h> number. Linux-only
// resources have no FreeBSD equivalent (ok = false).
func freebsdRlimitResource(res int) (int, bool) {
	switch res {
	case RLIMIT_CPU:
		return 0, true
	case RLIMIT_FSIZE:
		return 1, true
	case RLIMIT_DATA:
		return 2, true
	case RLIMIT_STACK:
		return 3, true
	case RLIMIT_CORE:
		return 4, true
	case RLIMIT_RSS:
		return 5, true
	case RLIMIT_MEMLOCK:
		return 6, true
	case RLIMIT_NPROC:
		return 7, true
	case RLIMIT_NOFILE:
		return 8, true
	case RLIMIT_AS:
		return 10, true // RLIMIT_VMEM
	case RLIMIT_SBSIZE:
		return 9, true
	case RLIMIT_NPTS:
		return 11, true
	case RLIMIT_SWAP:
		return 12, true
	}
	return 0, false
}

// openbsdExeGuess is psutil's exe() on OpenBSD, where the kernel does not
// give the executable path: argv[0] if it is absolute, else its lookup in
// PATH, else "".
func openbsdExeGuess(cmdline []string, lookPath func(string) (string, error)) string {
	if len(cmdline) == 0 || cmdline[0] == "" {
		return ""
	}
	if cmdline[0][0] == '/' {
		return cmdline[0]
	}
	if p, err := lookPath(cmdline[0]); err == nil && len(p) > 0 && p[0] == '/' {
		return p
	}
	return ""
}

// bsdGroupMaps sums memory maps per path, keeping the order in which each
// path first appears (psutil's memory_maps(grouped=True)).
func bsdGroupMaps(maps []MemoryMapStat) []MemoryMapStat {
	idx := make(map[string]int, len(maps))
	out := make([]MemoryMapStat, 0, len(maps))
	for _, m := range maps {
		i, ok := idx[m.Path]
		if !ok {
			idx[m.Path] = len(out)
			out = append(out, MemoryMapStat{Path: m.Path})
			i = len(out) - 1
		}
		g := &out[i]
		g.RSS += m.RSS
		g.Size += m.Size
		g.PrivateDirty += m.PrivateDirty
		g.Private += m.Private
	}
	return out
}

// bsdTerminal turns the devname(3) answer for a tty device into a path:
// "" for no terminal or an unknown device ("??" or "#C:0x..." names).
func bsdTerminal(name string) string {
	if name == "" || name == "??" || name[0] == '#' {
		return ""
	}
	return "/dev/" + name
}
