//go:build darwin && cgo

package psutil

// macOS checks. CI only compiles them (scripts/build-darwin.sh links the
// test binary); run them on a Mac with `go test -run Darwin .` (add
// -tags psutil_iokit to cover DiskIOCounters and SensorsBattery).

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDarwinSystem(t *testing.T) {
	vm, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	if vm.Total == 0 || vm.Available > vm.Total || vm.Used > vm.Total || vm.Wired == 0 {
		t.Errorf("VirtualMemory = %+v", vm)
	}
	if _, err := SwapMemory(); err != nil {
		t.Error(err)
	}
	n, err := CPUCount(true)
	if err != nil || n < 1 {
		t.Errorf("CPUCount(true) = %d, %v", n, err)
	}
	per, err := PerCPUTimes()
	if err != nil || len(per) != n {
		t.Errorf("PerCPUTimes: %d entries, %v; want %d", len(per), err, n)
	}
	ct, err := CPUTimes()
	if err != nil || ct.User <= 0 || ct.Idle <= 0 {
		t.Errorf("CPUTimes = %+v, %v", ct, err)
	}
	if _, err := CPUStats(); err != nil {
		t.Error(err)
	}
	if f, err := CPUFreq(); err != nil && !errors.Is(err, ErrNotImplemented) {
		t.Error(err)
	} else if err == nil && (f.Max <= 0 || f.Current <= 0) {
		t.Errorf("CPUFreq = %+v", f)
	}
	bt, err := BootTime()
	if err != nil || bt.Unix() <= 0 {
		t.Errorf("BootTime = %v, %v", bt, err)
	}
	parts, err := DiskPartitions(false)
	if err != nil || !slices.ContainsFunc(parts, func(p DiskPartitionStat) bool { return p.Mountpoint == "/" }) {
		t.Errorf("DiskPartitions(false) = %v, %v; want /", parts, err)
	}
	nics, err := PerNICIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := nics["lo0"]; !ok {
		t.Errorf("PerNICIOCounters: no lo0 in %v", nics)
	}
	st, err := NetIfStats()
	if err != nil || st["lo0"].MTU == 0 || !st["lo0"].IsUp {
		t.Errorf("NetIfStats[lo0] = %+v, %v", st["lo0"], err)
	}
	if _, err := SensorsTemperatures(false); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("SensorsTemperatures: %v, want ErrNotImplemented", err)
	}
	if _, err := DiskIOCounters(false); err != nil && !errors.Is(err, ErrNotImplemented) {
		t.Error(err)
	}
	if _, err := SensorsBattery(); err != nil && !errors.Is(err, ErrNotImplemented) {
		t.Error(err)
	}
}

func TestDarwinSelf(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.Exe(); err != nil || filepath.Base(got) != filepath.Base(exe) {
		t.Errorf("Exe = %q, %v; want %q", got, err, exe)
	}
	if got, err := p.Cmdline(); err != nil || !slices.Equal(got, os.Args) {
		t.Errorf("Cmdline = %q, %v; want %q", got, err, os.Args)
	}
	wd, _ := os.Getwd()
	if got, err := p.Cwd(); err != nil || got != wd {
		t.Errorf("Cwd = %q, %v; want %q", got, err, wd)
	}
	if got, err := p.PPID(); err != nil || got != os.Getppid() {
		t.Errorf("PPID = %d, %v; want %d", got, err, os.Getppid())
	}
	if env, err := p.Environ(); err != nil || env["PATH"] != os.Getenv("PATH") {
		t.Errorf("Environ[PATH] = %q, %v", env["PATH"], err)
	}
	if s, err := p.Status(); err != nil || s != StatusRunning && s != StatusSleeping {
		t.Errorf("Status = %q, %v", s, err)
	}
	if u, err := p.UIDs(); err != nil || u.Real != os.Getuid() || u.Effective != os.Geteuid() {
		t.Errorf("UIDs = %+v, %v", u, err)
	}
	m, err := p.MemoryFullInfo()
	if err != nil || m.RSS == 0 || m.VMS < m.RSS || m.USS == 0 || m.USS > m.RSS {
		t.Errorf("MemoryFullInfo = %+v, %v", m, err)
	}
	if th, err := p.Threads(); err != nil || len(th) == 0 {
		t.Errorf("Threads = %v, %v", th, err)
	}

	f, err := os.CreateTemp(t.TempDir(), "of")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _ := filepath.EvalSymlinks(f.Name())
	ofs, err := p.OpenFiles()
	if err != nil || !slices.ContainsFunc(ofs, func(o OpenFileStat) bool { return o.Path == want && o.FD == int(f.Fd()) }) {
		t.Errorf("OpenFiles = %v, %v; want %s", ofs, err, want)
	}
	if nfd, err := p.NumFDs(); err != nil || nfd < len(ofs) {
		t.Errorf("NumFDs = %d, %v", nfd, err)
	}

	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	cs, err := p.NetConnections(ConnTCP4)
	if err != nil || !slices.ContainsFunc(cs, func(c ConnectionStat) bool {
		return c.Laddr == ConnAddr{IP: "127.0.0.1", Port: port} && c.Status == ConnListen && c.Family == AF_INET
	}) {
		t.Errorf("NetConnections = %v, %v; want LISTEN on %d", cs, err, port)
	}

	if _, err := p.IOCounters(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("IOCounters: %v, want ErrNotImplemented", err)
	}
	if _, err := p.MemoryMaps(true); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("MemoryMaps: %v, want ErrNotImplemented", err)
	}
}

func TestDarwinPids(t *testing.T) {
	pids, err := Pids()
	if err != nil || !slices.Contains(pids, os.Getpid()) || !slices.Contains(pids, 1) {
		t.Fatalf("Pids: %d pids, %v", len(pids), err)
	}
	if ok, err := PIDExists(1); err != nil || !ok {
		t.Errorf("PIDExists(1) = %v, %v", ok, err)
	}
	// launchd (pid 1) is root's: its kinfo is readable, its task is not
	// (unless we are root).
	p, err := NewProcess(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CPUTimes(); err != nil && os.Geteuid() == 0 {
		t.Errorf("CPUTimes(1) as root: %v", err)
	} else if err != nil && !errors.Is(err, ErrAccessDenied) {
		t.Errorf("CPUTimes(1): %v, want ErrAccessDenied", err)
	}
}
