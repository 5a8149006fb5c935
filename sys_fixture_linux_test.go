//go:build linux && cgo

package psutil

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/sys/unix"
)

// Fixture tests of the Linux system API: each case under
// testdata/linux/<case>/{proc,sys} is a fake procfs/sysfs tree.

func sysUseRoots(t *testing.T, procCase, sysCase string) {
	t.Helper()
	oldProc, oldSys := ProcfsPath(), SysfsPath()
	t.Cleanup(func() {
		if err := SetProcfsPath(oldProc); err != nil {
			t.Errorf("restore procfs: %v", err)
		}
		if err := SetSysfsPath(oldSys); err != nil {
			t.Errorf("restore sysfs: %v", err)
		}
	})
	if procCase != "" {
		if err := SetProcfsPath(filepath.Join("testdata", "linux", procCase, "proc")); err != nil {
			t.Fatal(err)
		}
	}
	if sysCase != "" {
		if err := SetSysfsPath(filepath.Join("testdata", "linux", sysCase, "sys")); err != nil {
			t.Fatal(err)
		}
	}
}

const sysKB = 1024

func sysNear(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestSysFixtureCPUTimesFull(t *testing.T) {
	sysUseRoots(t, "full", "full")
	tck := 100.0 // USER_HZ is 100 on every Linux ABI Go supports
	got, err := CPUTimes()
	if err != nil {
		t.Fatal(err)
	}
	want := CPUTimesStat{User: 1000 / tck, Nice: 200 / tck, System: 300 / tck, Idle: 4000 / tck,
		Iowait: 50 / tck, Irq: 6 / tck, Softirq: 7 / tck, Steal: 8 / tck, Guest: 90 / tck, GuestNice: 10 / tck}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CPUTimes (-want +got):\n%s", d)
	}
	per, err := PerCPUTimes()
	if err != nil {
		t.Fatal(err)
	}
	if len(per) != 2 || per[1].Softirq != 3/tck || per[0].GuestNice != 5/tck {
		t.Errorf("PerCPUTimes = %+v", per)
	}
	st, err := CPUStats()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(CPUStatsStat{CtxSwitches: 67890, Interrupts: 12345, SoftInterrupts: 5555}, st); d != "" {
		t.Errorf("CPUStats (-want +got):\n%s", d)
	}
	bt, err := BootTime()
	if err != nil || bt.Unix() != 1700000000 {
		t.Errorf("BootTime = %v, %v", bt, err)
	}
	// getloadavg reads <procfs>/loadavg (psutil uses libc, which always
	// reads /proc/loadavg).
	la, err := LoadAvg()
	if err != nil || la != (LoadAvgStat{0.52, 1.58, 12.25}) {
		t.Errorf("LoadAvg = %+v, %v", la, err)
	}
}

func TestSysFixtureCPUTimesOldKernel(t *testing.T) {
	// 7 columns on the "cpu" line (no steal, guest, guest_nice) and only 4
	// on "cpu0": the missing ones are 0.
	sysUseRoots(t, "old", "old")
	got, err := CPUTimes()
	if err != nil {
		t.Fatal(err)
	}
	want := CPUTimesStat{User: 10, Nice: 2, System: 3, Idle: 40, Iowait: 0.5, Irq: 0.06, Softirq: 0.07}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CPUTimes (-want +got):\n%s", d)
	}
	per, err := PerCPUTimes()
	if err != nil || len(per) != 1 || per[0].Iowait != 0 || per[0].Idle != 40 {
		t.Errorf("PerCPUTimes = %+v, %v", per, err)
	}
	st, err := CPUStats()
	if err != nil || st.SoftInterrupts != 0 || st.CtxSwitches != 200 {
		t.Errorf("CPUStats = %+v, %v", st, err)
	}
}

func TestSysFixtureCPUCount(t *testing.T) {
	sysUseRoots(t, "full", "full")
	if n, err := CPUCount(true); err != nil || n != 2 {
		t.Errorf("CPUCount(true) = %d, %v; want 2 (cpuinfo processors)", n, err)
	}
	// Topology: cpu0 and cpu1 share core_cpus_list "0-1": one core.
	if n, err := CPUCount(false); err != nil || n != 1 {
		t.Errorf("CPUCount(false) = %d, %v; want 1", n, err)
	}
	// No topology in sysfs: cpuinfo "cpu cores" summed per physical id.
	sysUseRoots(t, "old", "old")
	if n, err := CPUCount(false); err != nil || n != 8 {
		t.Errorf("CPUCount(false) from cpuinfo = %d, %v; want 8", n, err)
	}
	if n, err := CPUCount(true); err != nil || n != 3 {
		t.Errorf("CPUCount(true) = %d, %v; want 3", n, err)
	}
}

func TestSysFixtureCPUFreq(t *testing.T) {
	// As many policies as cpuinfo "cpu MHz" lines: current comes from
	// cpuinfo, min and max from sysfs.
	sysUseRoots(t, "full", "full")
	per, err := PerCPUFreq()
	if err != nil {
		t.Fatal(err)
	}
	want := []CPUFreqStat{{Current: 2400, Min: 800, Max: 3000}, {Current: 2500.5, Min: 800, Max: 3000}}
	if d := cmp.Diff(want, per); d != "" {
		t.Errorf("PerCPUFreq (-want +got):\n%s", d)
	}
	avg, err := CPUFreq()
	if err != nil || avg != (CPUFreqStat{Current: 2450.25, Min: 800, Max: 3000}) {
		t.Errorf("CPUFreq = %+v, %v", avg, err)
	}
	// cpuinfo without MHz: scaling_cur_freq.
	sysUseRoots(t, "old", "full")
	per, err = PerCPUFreq()
	want = []CPUFreqStat{{Current: 1800, Min: 800, Max: 3000}, {Current: 2200, Min: 800, Max: 3000}}
	if d := cmp.Diff(want, per); err != nil || d != "" {
		t.Errorf("PerCPUFreq (-want +got):\n%s %v", d, err)
	}
	// No cpufreq in sysfs: cpuinfo only, min = max = 0.
	sysUseRoots(t, "full", "old")
	per, err = PerCPUFreq()
	want = []CPUFreqStat{{Current: 2400}, {Current: 2500.5}}
	if d := cmp.Diff(want, per); err != nil || d != "" {
		t.Errorf("PerCPUFreq (-want +got):\n%s %v", d, err)
	}
	// Nothing at all: psutil's None.
	sysUseRoots(t, "old", "old")
	if _, err := CPUFreq(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("CPUFreq without data: err = %v, want ErrNotImplemented", err)
	}
}

func TestSysFixtureVirtualMemory(t *testing.T) {
	sysUseRoots(t, "full", "full")
	got, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	want := VirtualMemoryStat{Total: 8000000 * sysKB, Available: 5000000 * sysKB, Percent: 37.5,
		Used: 3000000 * sysKB, Free: 1000000 * sysKB, Active: 2500000 * sysKB, Inactive: 2000000 * sysKB,
		Buffers: 200000 * sysKB, Cached: 3300000 * sysKB, Shared: 100000 * sysKB, Slab: 400000 * sysKB}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("VirtualMemory (-want +got):\n%s", d)
	}
}

// memAvailFallback is psutil's calculate_avail_vmem, in bytes.
func memAvailFallback(free, activeFile, inactiveFile, sreclaimable, lowPages float64) uint64 {
	wm := lowPages * float64(os.Getpagesize())
	pc := activeFile + inactiveFile
	pc -= math.Min(pc/2, wm)
	return uint64(free - wm + pc + sreclaimable - math.Min(sreclaimable/2, wm))
}

func TestSysFixtureVirtualMemoryNoMemAvailable(t *testing.T) {
	// Kernel < 3.14: the zoneinfo watermark estimate; Inact_* summed;
	// MemShared instead of Shmem.
	sysUseRoots(t, "old", "old")
	got, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	avail := memAvailFallback(1000000*sysKB, 1500000*sysKB, 1400000*sysKB, 300000*sysKB, 2000)
	want := VirtualMemoryStat{Total: 8000000 * sysKB, Available: avail,
		Percent: round1(float64(8000000*sysKB-avail) / (8000000 * sysKB) * 100), Used: 8000000*sysKB - avail,
		Free: 1000000 * sysKB, Active: 2500000 * sysKB, Inactive: 1000000 * sysKB, Buffers: 200000 * sysKB,
		Cached: 3300000 * sysKB, Shared: 50000 * sysKB}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("VirtualMemory (-want +got):\n%s", d)
	}

	// MemAvailable: 0 (kernel bug) is treated as missing.
	sysUseRoots(t, "memavail0", "old")
	got, err = VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	if a := memAvailFallback(1000000*sysKB, 1500000*sysKB, 1400000*sysKB, 300000*sysKB, 2000); got.Available != a {
		t.Errorf("MemAvailable 0: Available = %d, want %d", got.Available, a)
	}

	// No zoneinfo: free + Cached.
	sysUseRoots(t, "nozone", "old")
	got, err = VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	if got.Available != 4000000*sysKB || got.Used != 4000000*sysKB || got.Percent != 50 {
		t.Errorf("no zoneinfo: %+v", got)
	}
}

func TestSysFixtureSwap(t *testing.T) {
	sysUseRoots(t, "full", "full")
	got, err := SwapMemory()
	if err != nil {
		t.Fatal(err)
	}
	want := SwapMemoryStat{Total: 2000000 * sysKB, Used: 500000 * sysKB, Free: 1500000 * sysKB, Percent: 25,
		Sin: 100 * 4096, Sout: 200 * 4096}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("SwapMemory (-want +got):\n%s", d)
	}
	// No vmstat: sin = sout = 0, no swap: percent 0.
	sysUseRoots(t, "old", "old")
	got, err = SwapMemory()
	if err != nil || got != (SwapMemoryStat{}) {
		t.Errorf("SwapMemory = %+v, %v", got, err)
	}
}

func TestSysFixtureDiskPartitions(t *testing.T) {
	sysUseRoots(t, "full", "full")
	got, err := DiskPartitions(false)
	if err != nil {
		t.Fatal(err)
	}
	want := []DiskPartitionStat{
		{Device: "/dev/sda1", Mountpoint: "/", Fstype: "ext4", Opts: "rw,relatime"},
		{Device: "/dev/sdb1", Mountpoint: "/mnt/my disk", Fstype: "vfat", Opts: "rw,relatime"},
		{Device: "tank/data", Mountpoint: "/tank", Fstype: "zfs", Opts: "rw,xattr"},
		{Device: "/dev/sdc1", Mountpoint: "/mnt/back\\slash\ttab", Fstype: "ext4", Opts: "rw"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("DiskPartitions(false) (-want +got):\n%s", d)
	}
	all, err := DiskPartitions(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 || all[3].Device != "" || all[3].Fstype != "tmpfs" || all[1].Fstype != "proc" {
		t.Errorf("DiskPartitions(true) = %+v", all)
	}
	sysUseRoots(t, "old", "old")
	if got, err := DiskPartitions(true); err != nil || len(got) != 0 {
		t.Errorf("empty mounts: %v, %v", got, err)
	}
}

func TestSysFixtureDiskIOCounters(t *testing.T) {
	sysUseRoots(t, "full", "full")
	ResetDiskIOCounters()
	t.Cleanup(ResetDiskIOCounters)
	per, err := PerDiskIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]DiskIOCountersStat{
		// 14 fields
		"sda": {ReadCount: 100, WriteCount: 200, ReadBytes: 2000 * 512, WriteBytes: 4000 * 512,
			ReadTime: 50, WriteTime: 60, ReadMergedCount: 10, WriteMergedCount: 20, BusyTime: 70},
		// 18 fields
		"sda1": {ReadCount: 40, WriteCount: 80, ReadBytes: 800 * 512, WriteBytes: 1600 * 512,
			ReadTime: 20, WriteTime: 30, ReadMergedCount: 4, WriteMergedCount: 8, BusyTime: 35},
		// 20 fields
		"nvme0n1": {ReadCount: 300, WriteCount: 600, ReadBytes: 6000 * 512, WriteBytes: 12000 * 512,
			ReadTime: 150, WriteTime: 180, ReadMergedCount: 30, WriteMergedCount: 60, BusyTime: 210},
		"nvme0n1p1": {ReadCount: 290, WriteCount: 590, ReadBytes: 5800 * 512, WriteBytes: 11800 * 512,
			ReadTime: 140, WriteTime: 170, ReadMergedCount: 29, WriteMergedCount: 59, BusyTime: 200},
	}
	if d := cmp.Diff(want, per); d != "" {
		t.Errorf("PerDiskIOCounters (-want +got):\n%s", d)
	}
	// The total sums whole disks only (sda, nvme0n1 exist in sys/block).
	tot, err := DiskIOCounters(true)
	if err != nil {
		t.Fatal(err)
	}
	wantTot := DiskIOCountersStat{ReadCount: 400, WriteCount: 800, ReadBytes: 8000 * 512,
		WriteBytes: 16000 * 512, ReadTime: 200, WriteTime: 240, ReadMergedCount: 40,
		WriteMergedCount: 80, BusyTime: 280}
	if d := cmp.Diff(wantTot, tot); d != "" {
		t.Errorf("DiskIOCounters (-want +got):\n%s", d)
	}

	// 7- and 15-field layouts of 2.6 kernels.
	sysUseRoots(t, "old", "old")
	per, err = PerDiskIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(DiskIOCountersStat{ReadCount: 35486, WriteCount: 38030, ReadBytes: 38030 * 512,
		WriteBytes: 38030 * 512}, per["hda1"]); d != "" {
		t.Errorf("7 fields (-want +got):\n%s", d)
	}
	if d := cmp.Diff(DiskIOCountersStat{ReadCount: 0, WriteCount: 3, ReadBytes: 1 * 512,
		WriteBytes: 4 * 512, ReadTime: 20, WriteTime: 80, ReadMergedCount: 10,
		WriteMergedCount: 40, BusyTime: 0}, per["sdb"]); d != "" {
		t.Errorf("15 fields (-want +got):\n%s", d)
	}
	// No sys/block: no whole disk, psutil's None.
	if _, err := DiskIOCounters(false); !errors.Is(err, ErrNotFound) {
		t.Errorf("DiskIOCounters without disks: err = %v, want ErrNotFound", err)
	}
}

func TestSysFixtureNetIOCounters(t *testing.T) {
	sysUseRoots(t, "full", "full")
	ResetNetIOCounters()
	t.Cleanup(ResetNetIOCounters)
	per, err := PerNICIOCounters(true)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]NetIOCountersStat{
		"lo":        {BytesSent: 1000, BytesRecv: 1000, PacketsSent: 10, PacketsRecv: 10},
		"eth0":      {BytesSent: 300000, BytesRecv: 5000000, PacketsSent: 2000, PacketsRecv: 4000, Errin: 1, Errout: 3, Dropin: 2, Dropout: 4},
		"veth:x":    {BytesSent: 8, BytesRecv: 7, PacketsSent: 2, PacketsRecv: 1},
		"enp0s31f6": {BytesSent: 6543, BytesRecv: 123456, PacketsSent: 50, PacketsRecv: 100},
	}
	if d := cmp.Diff(want, per); d != "" {
		t.Errorf("PerNICIOCounters (-want +got):\n%s", d)
	}
	tot, err := NetIOCounters(false)
	if err != nil || tot.BytesRecv != 1000+5000000+7+123456 || tot.Dropout != 4 {
		t.Errorf("NetIOCounters = %+v, %v", tot, err)
	}
	// Names from a fixture are not real NICs: ioctl gives ENODEV, skipped.
	stats, err := NetIfStats()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stats["veth:x"]; ok {
		t.Errorf("NetIfStats has the fixture-only NIC: %+v", stats)
	}
	sysUseRoots(t, "old", "old")
	if m, err := PerNICIOCounters(false); err != nil || len(m) != 0 {
		t.Errorf("no NICs: %v, %v", m, err)
	}
	if _, err := NetIOCounters(false); !errors.Is(err, ErrNotFound) {
		t.Errorf("NetIOCounters without NICs: err = %v, want ErrNotFound", err)
	}
}

func TestSysFixtureSensors(t *testing.T) {
	sysUseRoots(t, "full", "full")
	temps, err := SensorsTemperatures(false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]TemperatureStat{
		"coretemp": {{Label: "Package id 0", Current: 45, High: 80, Critical: 100}, {Label: "Core 0", Current: 40.5},
			// only temp3_crit: high copies it, as psutil
			{Current: 50, High: 90, Critical: 90}},
		"acpitz": {{Current: 27.8}},
	}
	if d := cmp.Diff(want, temps); d != "" {
		t.Errorf("SensorsTemperatures (-want +got):\n%s", d)
	}
	f, err := SensorsTemperatures(true)
	if err != nil || !sysNear(f["coretemp"][0].Current, 113) || !sysNear(f["coretemp"][0].Critical, 212) ||
		f["coretemp"][1].High != 0 {
		t.Errorf("SensorsTemperatures(true) = %+v, %v", f, err)
	}
	fans, err := SensorsFans()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(map[string][]FanStat{"thinkpad": {{Label: "CPU fan", Current: 2000}, {Current: 0}}}, fans); d != "" {
		t.Errorf("SensorsFans (-want +got):\n%s", d)
	}
	bat, err := SensorsBattery()
	if err != nil || bat == nil {
		t.Fatalf("SensorsBattery = %v, %v", bat, err)
	}
	if d := cmp.Diff(BatteryStat{Percent: 50, Secsleft: 10800, PowerPlugged: false}, *bat); d != "" {
		t.Errorf("SensorsBattery (-want +got):\n%s", d)
	}
}

func TestSysFixtureNoSensors(t *testing.T) {
	sysUseRoots(t, "old", "old")
	temps, err := SensorsTemperatures(false)
	if err != nil || temps == nil || len(temps) != 0 {
		t.Errorf("SensorsTemperatures = %#v, %v; want empty map", temps, err)
	}
	fans, err := SensorsFans()
	if err != nil || fans == nil || len(fans) != 0 {
		t.Errorf("SensorsFans = %#v, %v; want empty map", fans, err)
	}
	bat, err := SensorsBattery()
	if err != nil || bat != nil {
		t.Errorf("SensorsBattery = %v, %v; want nil, nil", bat, err)
	}
}

func TestSysFixtureBatteryVariants(t *testing.T) {
	// capacity only, status Charging, no AC0/AC: plugged, unlimited. The
	// smallest matching name (BAT1) wins over BAT2 and hid-...-battery.
	sysUseRoots(t, "old", "batcap")
	bat, err := SensorsBattery()
	if err != nil || bat == nil || *bat != (BatteryStat{Percent: 80, Secsleft: POWER_TIME_UNLIMITED, PowerPlugged: true}) {
		t.Errorf("batcap: %+v, %v", bat, err)
	}
	// charge_* files, time_to_empty_now in minutes, unknown status.
	sysUseRoots(t, "old", "battte")
	bat, err = SensorsBattery()
	if err != nil || bat == nil || *bat != (BatteryStat{Percent: 50, Secsleft: 90 * 60}) {
		t.Errorf("battte: %+v, %v", bat, err)
	}
}

func TestSysFixtureThermalZones(t *testing.T) {
	sysUseRoots(t, "old", "thermal")
	temps, err := SensorsTemperatures(false)
	if err != nil {
		t.Fatal(err)
	}
	// thermal_zone1 has a garbage temp and is skipped.
	want := map[string][]TemperatureStat{"x86_pkg_temp": {{Current: 55, High: 95, Critical: 105}}}
	if d := cmp.Diff(want, temps); d != "" {
		t.Errorf("SensorsTemperatures (-want +got):\n%s", d)
	}
}

func TestSysFixtureMissingRoot(t *testing.T) {
	sysUseRoots(t, "does-not-exist", "does-not-exist")
	calls := map[string]func() error{
		"CPUTimes":       func() error { _, err := CPUTimes(); return err },
		"PerCPUTimes":    func() error { _, err := PerCPUTimes(); return err },
		"CPUStats":       func() error { _, err := CPUStats(); return err },
		"BootTime":       func() error { _, err := BootTime(); return err },
		"VirtualMemory":  func() error { _, err := VirtualMemory(); return err },
		"SwapMemory":     func() error { _, err := SwapMemory(); return err },
		"DiskPartitions": func() error { _, err := DiskPartitions(false); return err },
		"DiskIO":         func() error { _, err := PerDiskIOCounters(false); return err },
		"NetIO":          func() error { _, err := PerNICIOCounters(false); return err },
		"NetIfStats":     func() error { _, err := NetIfStats(); return err },
		"CPUCountCores":  func() error { _, err := CPUCount(false); return err },
		"LoadAvg":        func() error { _, err := LoadAvg(); return err },
	}
	for name, f := range calls {
		if err := f(); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s with a missing procfs root: err = %v, want fs.ErrNotExist", name, err)
		}
	}
	// sysfs-only functions: no hardware, not an error.
	if m, err := SensorsTemperatures(false); err != nil || len(m) != 0 {
		t.Errorf("SensorsTemperatures = %v, %v", m, err)
	}
}

func TestSysFixtureGarbage(t *testing.T) {
	for _, c := range []string{"bad", "truncated"} {
		sysUseRoots(t, c, "old")
		checks := map[string]func() error{
			"CPUTimes":      func() error { _, err := CPUTimes(); return err },
			"PerCPUTimes":   func() error { _, err := PerCPUTimes(); return err },
			"VirtualMemory": func() error { _, err := VirtualMemory(); return err },
			"SwapMemory":    func() error { _, err := SwapMemory(); return err },
			"DiskIO":        func() error { _, err := PerDiskIOCounters(true); return err },
			"NetIO":         func() error { _, err := PerNICIOCounters(false); return err },
			"LoadAvg":       func() error { _, err := LoadAvg(); return err },
		}
		for name, f := range checks {
			if err := f(); !errors.Is(err, ErrParse) {
				t.Errorf("%s/%s: err = %v, want ErrParse", c, name, err)
			}
		}
	}
	// Garbage that is skipped rather than fatal must not crash either.
	sysUseRoots(t, "bad", "old")
	if _, err := DiskPartitions(true); err != nil {
		t.Errorf("DiskPartitions on garbage: %v", err)
	}
	if _, err := CPUCount(false); err != nil {
		t.Errorf("CPUCount on garbage cpuinfo: %v", err)
	}
	if _, err := PerCPUFreq(); err != nil {
		t.Errorf("PerCPUFreq on garbage cpuinfo: %v", err)
	}
}

func TestSysFixtureDiskIOSysfsFallback(t *testing.T) {
	// No <procfs>/diskstats: <sysfs>/block/<dev>[/<part>]/stat, as psutil.
	sysUseRoots(t, "sysblock", "sysblock")
	ResetDiskIOCounters()
	t.Cleanup(ResetDiskIOCounters)
	per, err := PerDiskIOCounters(false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]DiskIOCountersStat{
		"sda": {ReadCount: 100, WriteCount: 200, ReadBytes: 2000 * 512, WriteBytes: 4000 * 512,
			ReadTime: 50, WriteTime: 60, ReadMergedCount: 10, WriteMergedCount: 20, BusyTime: 70},
		"sda1": {ReadCount: 40, WriteCount: 80, ReadBytes: 800 * 512, WriteBytes: 1600 * 512,
			ReadTime: 20, WriteTime: 30, ReadMergedCount: 4, WriteMergedCount: 8, BusyTime: 35},
		"vdb": {ReadCount: 1, WriteCount: 5, ReadBytes: 3 * 512, WriteBytes: 7 * 512,
			ReadTime: 4, WriteTime: 8, ReadMergedCount: 2, WriteMergedCount: 6, BusyTime: 9},
	}
	if d := cmp.Diff(want, per); d != "" {
		t.Errorf("PerDiskIOCounters (-want +got):\n%s", d)
	}
	tot, err := DiskIOCounters(false)
	if err != nil || tot.ReadCount != 101 || tot.BusyTime != 79 {
		t.Errorf("DiskIOCounters = %+v, %v (want sda + vdb only)", tot, err)
	}
	// Neither diskstats nor sysfs: the diskstats error.
	sysUseRoots(t, "sysblock", "old")
	if _, err := PerDiskIOCounters(true); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no diskstats, no sys/block: err = %v, want fs.ErrNotExist", err)
	}
}

func TestSysFixtureDiskPartitionsRootDev(t *testing.T) {
	// "/dev/root" is resolved through <sysfs>/dev/block/M:m/uevent of the
	// mountpoint's device, as psutil does. The sysfs tree is built here,
	// because M:m is the real device of "/".
	var st syscall.Stat_t
	if err := syscall.Stat("/", &st); err != nil {
		t.Fatal(err)
	}
	sys := t.TempDir()
	dir := filepath.Join(sys, "dev", "block", fmt.Sprintf("%d:%d", unix.Major(st.Dev), unix.Minor(st.Dev)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "uevent"), []byte("MAJOR=1\nDEVNAME=fakedisk0p2\nDEVTYPE=partition\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sysUseRoots(t, "rootdev", "")
	if err := SetSysfsPath(sys); err != nil {
		t.Fatal(err)
	}
	got, err := DiskPartitions(true)
	if err != nil {
		t.Fatal(err)
	}
	want := []DiskPartitionStat{
		{Device: "/dev/fakedisk0p2", Mountpoint: "/", Fstype: "ext4", Opts: "rw,relatime"},
		// Unresolvable (the mountpoint does not exist): kept as is.
		{Device: "rootfs", Mountpoint: "/nonexistent-mountpoint", Fstype: "rootfs", Opts: "rw"},
		// A 4-field line: the last field ends at the newline.
		{Device: "/dev/vdb", Mountpoint: "/data", Fstype: "xfs", Opts: "rw"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("DiskPartitions (-want +got):\n%s", d)
	}
}

func TestSysFixtureRootSwitchConcurrent(t *testing.T) {
	// Each call copies the root once: while another goroutine flips the
	// root between two fixtures, every result comes wholly from one tree.
	sysUseRoots(t, "full", "full")
	full, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	sysUseRoots(t, "old", "old")
	old, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		roots := []string{"testdata/linux/full/proc", "testdata/linux/old/proc"}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := SetProcfsPath(roots[i%2]); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 2000; i++ {
		vm, err := VirtualMemory()
		if err != nil {
			t.Fatal(err)
		}
		if vm != full && vm != old {
			t.Fatalf("mixed result: %+v", vm)
		}
	}
	close(stop)
	<-done
}
