package psutil

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBSDStatusOf(t *testing.T) {
	cases := []struct {
		f    func(int) Status
		stat int
		want Status
	}{
		{freebsdStatusOf, 1, StatusIdle},
		{freebsdStatusOf, 2, StatusRunning},
		{freebsdStatusOf, 3, StatusSleeping},
		{freebsdStatusOf, 4, StatusStopped},
		{freebsdStatusOf, 5, StatusZombie},
		{freebsdStatusOf, 6, StatusWaiting},
		{freebsdStatusOf, 7, StatusLocked},
		{freebsdStatusOf, 0, StatusUnknown},
		{freebsdStatusOf, 8, StatusUnknown},
		{openbsdStatusOf, 1, StatusIdle},
		{openbsdStatusOf, 2, StatusWaking},
		{openbsdStatusOf, 3, StatusSleeping},
		{openbsdStatusOf, 4, StatusStopped},
		{openbsdStatusOf, 5, StatusZombie},
		{openbsdStatusOf, 6, StatusZombie},
		{openbsdStatusOf, 7, StatusRunning},
		{openbsdStatusOf, 9, StatusUnknown},
		{netbsdStatusOf, 1, StatusIdle},
		{netbsdStatusOf, 2, StatusWaking},
		{netbsdStatusOf, 3, StatusSleeping},
		{netbsdStatusOf, 4, StatusStopped},
		{netbsdStatusOf, 5, StatusZombie},
		{netbsdStatusOf, 6, StatusUnknown},
		{netbsdStatusOf, 7, StatusRunning},
		{netbsdStatusOf, 8, StatusSuspended},
	}
	for i, c := range cases {
		if got := c.f(c.stat); got != c.want {
			t.Errorf("case %d: stat %d = %q, want %q", i, c.stat, got, c.want)
		}
	}
}

func TestBSDSplitArgs(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"ls", []string{"ls"}},
		{"ls\x00-l", []string{"ls", "-l"}},
		{"ls\x00\x00-l", []string{"ls", "", "-l"}},
		{"ls\x00", []string{"ls", ""}},
	}
	for _, c := range cases {
		if d := cmp.Diff(c.want, bsdSplitArgs([]byte(c.in))); d != "" {
			t.Errorf("%q: %s", c.in, d)
		}
	}
}

func TestBSDEnviron(t *testing.T) {
	got := bsdEnviron([]byte("A=1\x00B=x=y\x00noeq\x00=v\x00C=\x00\x00D=4"))
	want := map[string]string{"A": "1", "B": "x=y", "C": ""}
	if d := cmp.Diff(want, got); d != "" {
		t.Error(d)
	}
	if got := bsdEnviron(nil); len(got) != 0 {
		t.Errorf("empty block: %v", got)
	}
}

func TestBSDTCPStatusAndFamily(t *testing.T) {
	want := map[int]ConnStatus{0: ConnNone, 1: ConnEstablished, 2: ConnSynSent,
		3: ConnSynRecv, 4: ConnFinWait1, 5: ConnFinWait2, 6: ConnTimeWait,
		7: ConnClose, 8: ConnCloseWait, 9: ConnLastAck, 10: ConnListen,
		11: ConnClosing, 12: ConnNone, -1: ConnNone}
	for n, w := range want {
		if got := bsdTCPStatus(n); got != w {
			t.Errorf("bsdTCPStatus(%d) = %q, want %q", n, got, w)
		}
	}
	for _, c := range []struct{ f, af6, want int }{
		{28, 28, AF_INET6}, {24, 24, AF_INET6}, {24, 28, 24},
		{1, 28, AF_UNIX}, {2, 24, AF_INET},
	} {
		if got := bsdFamily(c.f, c.af6); got != c.want {
			t.Errorf("bsdFamily(%d, %d) = %d, want %d", c.f, c.af6, got, c.want)
		}
	}
}

func TestBSDConnKindBits(t *testing.T) {
	want := map[ConnKind]uint{
		ConnInet: 0x0f, ConnInet4: 0x05, ConnInet6: 0x0a, ConnTCP: 0x03,
		ConnTCP4: 0x01, ConnTCP6: 0x02, ConnUDP: 0x0c, ConnUDP4: 0x04,
		ConnUDP6: 0x08, ConnUnix: 0x10, ConnAll: 0x1f, "bogus": 0,
	}
	for k, w := range want {
		if got := bsdConnKindBits(k); got != w {
			t.Errorf("%q: %#x, want %#x", k, got, w)
		}
	}
}

func TestFreeBSDRlimitResource(t *testing.T) {
	want := map[int]int{RLIMIT_CPU: 0, RLIMIT_FSIZE: 1, RLIMIT_DATA: 2,
		RLIMIT_STACK: 3, RLIMIT_CORE: 4, RLIMIT_RSS: 5, RLIMIT_MEMLOCK: 6,
		RLIMIT_NPROC: 7, RLIMIT_NOFILE: 8, RLIMIT_AS: 10}
	for res, w := range want {
		got, ok := freebsdRlimitResource(res)
		if !ok || got != w {
			t.Errorf("resource %d: %d %v, want %d", res, got, ok, w)
		}
	}
	for _, res := range []int{RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE,
		RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME, -1, 99} {
		if _, ok := freebsdRlimitResource(res); ok {
			t.Errorf("resource %d should have no FreeBSD number", res)
		}
	}
}

func TestOpenBSDExeGuess(t *testing.T) {
	look := func(name string) (string, error) {
		if name == "ksh" {
			return "/bin/ksh", nil
		}
		if name == "rel" {
			return "bin/rel", nil
		}
		return "", errors.New("not found")
	}
	cases := []struct {
		cmd  []string
		want string
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"/usr/sbin/sshd", "-D"}, "/usr/sbin/sshd"},
		{[]string{"ksh", "-l"}, "/bin/ksh"},
		{[]string{"rel"}, ""},
		{[]string{"nosuch"}, ""},
	}
	for _, c := range cases {
		if got := openbsdExeGuess(c.cmd, look); got != c.want {
			t.Errorf("%q: %q, want %q", c.cmd, got, c.want)
		}
	}
}

func TestBSDGroupMaps(t *testing.T) {
	in := []MemoryMapStat{
		{Addr: "0x1-0x2", Perms: "r-x", Path: "/bin/sh", RSS: 4096, Size: 8192},
		{Addr: "0x3-0x4", Perms: "rw-", Path: "[anon]", RSS: 100, Size: 200, PrivateDirty: 100},
		{Addr: "0x5-0x6", Perms: "r--", Path: "/bin/sh", RSS: 4096, Size: 4096, PrivateDirty: 10},
	}
	want := []MemoryMapStat{
		{Path: "/bin/sh", RSS: 8192, Size: 12288, PrivateDirty: 10},
		{Path: "[anon]", RSS: 100, Size: 200, PrivateDirty: 100},
	}
	if d := cmp.Diff(want, bsdGroupMaps(in)); d != "" {
		t.Error(d)
	}
	if got := bsdGroupMaps(nil); len(got) != 0 {
		t.Errorf("nil: %v", got)
	}
}

func TestBSDTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "??": "", "#C:0x1234": "", "pts/3": "/dev/pts/3", "ttyv0": "/dev/ttyv0",
	} {
		if got := bsdTerminal(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
