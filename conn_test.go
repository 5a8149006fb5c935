//go:build linux && cgo

package psutil

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
)

func TestNetConnectionsOwnSockets(t *testing.T) {
	tl, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tl.Close()
	ul, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ul.Close()
	sock := filepath.Join(t.TempDir(), "s \xff.sock")
	xl, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer xl.Close()
	tport := tl.Addr().(*net.TCPAddr).Port
	uport := ul.LocalAddr().(*net.UDPAddr).Port
	me := os.Getpid()

	find := func(cs []ConnectionStat, family, typ int, ip string, port int) *ConnectionStat {
		for i := range cs {
			c := &cs[i]
			if c.Family == family && c.Type == typ && c.Laddr.IP == ip && c.Laddr.Port == port {
				return c
			}
		}
		return nil
	}
	all, err := NetConnections(ConnAll)
	if err != nil {
		t.Fatal(err)
	}
	if c := find(all, AF_INET, SOCK_STREAM, "127.0.0.1", tport); c == nil || c.PID != me || c.FD < 0 || c.Status != ConnListen {
		t.Errorf("tcp listener: %+v", c)
	}
	if c := find(all, AF_INET, SOCK_DGRAM, "127.0.0.1", uport); c == nil || c.PID != me || c.Status != ConnNone {
		t.Errorf("udp socket: %+v", c)
	}
	if c := find(all, AF_UNIX, SOCK_STREAM, sock, 0); c == nil || c.PID != me {
		t.Errorf("unix socket %q: %+v", sock, c)
	}
	// Kinds filter.
	for kind, want := range map[ConnKind][3]bool{
		ConnTCP4: {true, false, false}, ConnUDP: {false, true, false}, ConnUnix: {false, false, true},
		ConnInet6: {false, false, false}, ConnInet: {true, true, false}, ConnInet4: {true, true, false},
	} {
		cs, err := NetConnections(kind)
		if err != nil {
			t.Fatal(err)
		}
		got := [3]bool{find(cs, AF_INET, SOCK_STREAM, "127.0.0.1", tport) != nil,
			find(cs, AF_INET, SOCK_DGRAM, "127.0.0.1", uport) != nil,
			find(cs, AF_UNIX, SOCK_STREAM, sock, 0) != nil}
		if got != want {
			t.Errorf("NetConnections(%s): found tcp/udp/unix = %v, want %v", kind, got, want)
		}
		for _, c := range cs {
			if kind == ConnInet6 && c.Family != AF_INET6 {
				t.Errorf("inet6 gave %+v", c)
			}
		}
	}
	// Per process: no PID field, same sockets.
	p, err := NewProcess(me)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := p.NetConnections(ConnAll)
	if err != nil {
		t.Fatal(err)
	}
	if find(mine, AF_INET, SOCK_STREAM, "127.0.0.1", tport) == nil || find(mine, AF_UNIX, SOCK_STREAM, sock, 0) == nil {
		t.Errorf("Process.NetConnections = %+v", mine)
	}
	// An established pair shows both ends with raddr.
	cc, err := net.Dial("tcp4", tl.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	sc, err := tl.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	mine, _ = p.NetConnections(ConnTCP)
	est := 0
	for _, c := range mine {
		if c.Status == ConnEstablished && (c.Raddr.Port == tport || c.Laddr.Port == tport) {
			est++
		}
	}
	if est != 2 {
		t.Errorf("established ends = %d, want 2: %+v", est, mine)
	}
	// No duplicates.
	seen := map[ConnectionStat]bool{}
	for _, c := range all {
		if seen[c] {
			t.Errorf("duplicate %+v", c)
		}
		seen[c] = true
	}
	if _, err := NetConnections("tcp5"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad kind err = %v", err)
	}
}
