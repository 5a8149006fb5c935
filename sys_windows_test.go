package psutil

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWindowsVirtualMemory(t *testing.T) {
	m, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	if m.Total == 0 || m.Available == 0 || m.Available > m.Total {
		t.Fatalf("total %d available %d", m.Total, m.Available)
	}
	if m.Used != m.Total-m.Available || m.Free != m.Available {
		t.Errorf("used %d free %d; want total-available and available", m.Used, m.Free)
	}
	if m.Percent <= 0 || m.Percent > 100 {
		t.Errorf("percent %v", m.Percent)
	}
	s, err := SwapMemory()
	if err != nil {
		t.Fatal(err)
	}
	if s.Used > s.Total || s.Free != s.Total-s.Used || s.Sin != 0 || s.Sout != 0 {
		t.Errorf("swap %+v", s)
	}
}

func TestWindowsCPU(t *testing.T) {
	n, err := CPUCount(true)
	if err != nil || n < 1 {
		t.Fatalf("logical CPUs %d, %v", n, err)
	}
	phys, err := CPUCount(false)
	if err != nil || phys < 1 || phys > n {
		t.Errorf("physical cores %d (logical %d), %v", phys, n, err)
	}
	ct, err := CPUTimes()
	if err != nil {
		t.Fatal(err)
	}
	if ct.User <= 0 || ct.Idle <= 0 || ct.System < 0 {
		t.Errorf("cpu times %+v", ct)
	}
	per, err := PerCPUTimes()
	if err != nil {
		t.Fatal(err)
	}
	if len(per) != n {
		t.Errorf("%d per-CPU entries, %d CPUs", len(per), n)
	}
	// GetSystemTimes and the per-CPU NT counters describe the same time.
	var user, idle float64
	for _, c := range per {
		user += c.User
		idle += c.Idle
	}
	if math.Abs(user-ct.User) > 2+ct.User/20 || math.Abs(idle-ct.Idle) > 2+ct.Idle/20 {
		t.Errorf("per-CPU sums user %.1f idle %.1f, totals %.1f %.1f", user, idle, ct.User, ct.Idle)
	}
	if _, err := CPUStats(); err != nil {
		t.Error(err)
	}
}

func TestWindowsDisks(t *testing.T) {
	parts, err := DiskPartitions(false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range parts {
		if p.Device != p.Mountpoint || !strings.HasSuffix(p.Mountpoint, `:\`) {
			t.Errorf("partition %+v", p)
		}
		if !strings.HasPrefix(p.Opts, "rw") && !strings.HasPrefix(p.Opts, "ro") {
			t.Errorf("opts %q", p.Opts)
		}
		if strings.EqualFold(p.Mountpoint, `C:\`) {
			found = true
			if p.Fstype == "" || !strings.HasSuffix(p.Opts, ",fixed") {
				t.Errorf("C: %+v", p)
			}
		}
	}
	if !found {
		t.Errorf("no C:\\ in %+v", parts)
	}
	u, err := DiskUsage(`C:\`)
	if err != nil {
		t.Fatal(err)
	}
	if u.Total == 0 || u.Used+u.Free != u.Total || u.Percent < 0 || u.Percent > 100 {
		t.Errorf("usage %+v", u)
	}
	// psutil 8 accepts a file path.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if u2, err := DiskUsage(exe); err != nil || u2.Total == 0 {
		t.Errorf("usage of file %s: %+v, %v", exe, u2, err)
	}
	_, err = DiskUsage(filepath.Join(filepath.Dir(exe), "no-such-dir", "x"))
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing path: %v", err)
	}
	// Disk I/O: wine cannot open \\.\PhysicalDriveN, so no disks there.
	m, err := PerDiskIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	for name := range m {
		if !strings.HasPrefix(name, "PhysicalDrive") {
			t.Errorf("disk name %q", name)
		}
	}
	if len(m) == 0 && !underWine() {
		t.Error("no physical drives")
	}
}

func TestWindowsNet(t *testing.T) {
	addrs, err := NetIfAddrs()
	if err != nil {
		t.Fatal(err)
	}
	stats, err := NetIfStats()
	if err != nil {
		t.Fatal(err)
	}
	io, err := PerNICIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) == 0 {
		t.Fatal("no NICs")
	}
	for name, as := range addrs {
		if _, ok := stats[name]; !ok {
			t.Errorf("NIC %q has addresses but no stats", name)
		}
		for _, a := range as {
			switch a.Family {
			case AF_LINK:
				if len(a.Address) != 17 || strings.Count(a.Address, "-") != 5 {
					t.Errorf("%s: MAC %q", name, a.Address)
				}
			case 2: // AF_INET
				if strings.Count(a.Address, ".") != 3 || a.Netmask == "" {
					t.Errorf("%s: IPv4 %+v", name, a)
				}
			case AF_INET6:
				if !strings.Contains(a.Address, ":") {
					t.Errorf("%s: IPv6 %+v", name, a)
				}
			default:
				t.Errorf("%s: family %d", name, a.Family)
			}
		}
	}
	for name, s := range stats {
		if s.Flags != "" || s.Duplex != NIC_DUPLEX_FULL || s.Speed < 0 || s.MTU < 0 {
			t.Errorf("%s: %+v", name, s)
		}
	}
	for name := range io {
		if _, ok := stats[name]; !ok {
			t.Errorf("NIC %q has counters but no stats", name)
		}
	}
}

func TestWindowsMisc(t *testing.T) {
	bt, err := BootTime()
	if err != nil {
		t.Fatal(err)
	}
	if bt.After(time.Now()) || bt.Year() < 2000 {
		t.Errorf("boot time %v", bt)
	}
	l, err := LoadAvg()
	if err != nil || l.Load1 < 0 || l.Load5 < 0 || l.Load15 < 0 {
		t.Errorf("LoadAvg = %+v, %v", l, err)
	}
	f, err := CPUFreq()
	if err != nil || f.Current <= 0 || f.Min != 0 || f.Max < 0 {
		t.Errorf("CPUFreq = %+v, %v", f, err)
	}
	if _, err := Users(); err != nil {
		t.Error(err)
	}
	if b, err := SensorsBattery(); err != nil || (b != nil && (b.Percent < 0 || b.Percent > 100)) {
		t.Errorf("battery %+v, %v", b, err)
	}
	if _, err := SensorsTemperatures(false); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("temperatures: %v; psutil has none on Windows", err)
	}
	if _, err := SensorsFans(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("fans: %v; psutil has none on Windows", err)
	}
}
