package psutil

// Tests of darwin_logic.go (the pure parts of the macOS port); they run on
// every OS.

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDarwinStatusOf(t *testing.T) {
	for c, want := range map[byte]Status{'R': StatusRunning, 'S': StatusSleeping,
		'T': StatusStopped, 'Z': StatusZombie, 'I': StatusIdle, '?': StatusUnknown, 'D': StatusUnknown} {
		if got := darwinStatusOf(c); got != want {
			t.Errorf("darwinStatusOf(%q) = %q, want %q", c, got, want)
		}
	}
}

func TestDarwinSplitArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"ls\x00", []string{"ls"}},
		{"ls\x00\x00-l\x00", []string{"ls", "", "-l"}},
		{"a\x00b", []string{"a", "b"}},
	} {
		if got := darwinSplitArgs([]byte(tc.in)); !cmp.Equal(got, tc.want) {
			t.Errorf("darwinSplitArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDarwinEnviron(t *testing.T) {
	got := darwinEnviron([]byte("A=1\x00B=x=y\x00NOEQ\x00=v\x00C=\x00\x00D=4\x00"))
	want := map[string]string{"A": "1", "B": "x=y", "C": ""}
	if !cmp.Equal(got, want) {
		t.Errorf("darwinEnviron = %v, want %v", got, want)
	}
	if got := darwinEnviron(nil); len(got) != 0 {
		t.Errorf("darwinEnviron(nil) = %v", got)
	}
}

func TestDarwinTCPStatus(t *testing.T) {
	want := []ConnStatus{ConnNone, ConnEstablished, ConnSynSent, ConnSynRecv,
		ConnFinWait1, ConnFinWait2, ConnTimeWait, ConnClose, ConnCloseWait,
		ConnLastAck, ConnListen, ConnClosing, ConnNone}
	for n, w := range want {
		if got := darwinTCPStatus(n); got != w {
			t.Errorf("darwinTCPStatus(%d) = %q, want %q", n, got, w)
		}
	}
	if got := darwinTCPStatus(-3); got != ConnNone {
		t.Errorf("darwinTCPStatus(-3) = %q", got)
	}
}

func TestDarwinFamily(t *testing.T) {
	for in, want := range map[int]int{30: AF_INET6, 2: AF_INET, 1: AF_UNIX, 18: 18} {
		if got := darwinFamily(in); got != want {
			t.Errorf("darwinFamily(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestDarwinConnKindBits(t *testing.T) {
	all := uint(connBitTCP4 | connBitTCP6 | connBitUDP4 | connBitUDP6 | connBitUnix)
	if connKindBits(ConnAll) != all {
		t.Errorf("all = %#x", connKindBits(ConnAll))
	}
	if got := connKindBits(ConnInet); got != all&^connBitUnix {
		t.Errorf("inet = %#x", got)
	}
	if got := connKindBits(ConnTCP6); got != connBitTCP6 {
		t.Errorf("tcp6 = %#x", got)
	}
	if got := connKindBits(ConnUDP); got != connBitUDP4|connBitUDP6 {
		t.Errorf("udp = %#x", got)
	}
	if got := connKindBits("bogus"); got != 0 {
		t.Errorf("bogus = %#x", got)
	}
	for _, k := range []ConnKind{ConnInet, ConnInet4, ConnInet6, ConnTCP, ConnTCP4,
		ConnTCP6, ConnUDP, ConnUDP4, ConnUDP6, ConnUnix, ConnAll} {
		if connKindBits(k) == 0 {
			t.Errorf("%s: empty mask", k)
		}
	}
}
