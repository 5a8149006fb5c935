//go:build linux && cgo

package psutil

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// useCgroupFixture points the proc and sys roots at testdata/<name> for
// the duration of the test and returns the sys root.
func useCgroupFixture(t *testing.T, name string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	oldProc, oldSys := ProcfsPath(), SysfsPath()
	t.Cleanup(func() {
		if err := SetProcfsPath(oldProc); err != nil {
			t.Error(err)
		}
		if err := SetSysfsPath(oldSys); err != nil {
			t.Error(err)
		}
	})
	if err := SetProcfsPath(filepath.Join(root, "proc")); err != nil {
		t.Fatal(err)
	}
	sys := filepath.Join(root, "sys")
	if err := SetSysfsPath(sys); err != nil {
		t.Fatal(err)
	}
	return sys
}

func TestCgroupFixtureV2(t *testing.T) {
	sys := useCgroupFixture(t, "cgroup-v2")
	dir := filepath.Join(sys, "fs/cgroup/kubepods/pod1/ctr")

	ents, err := CgroupOf(4242)
	if err != nil {
		t.Fatal(err)
	}
	wantEnts := []CgroupEntry{{HierarchyID: 0, Version: 2, Path: "/kubepods/pod1/ctr", Dir: dir}}
	if d := cmp.Diff(wantEnts, ents); d != "" {
		t.Errorf("CgroupOf mismatch (-want +got):\n%s", d)
	}

	st, err := CgroupStats(4242)
	if err != nil {
		t.Fatal(err)
	}
	want := CgroupStat{
		Memory: &CgroupMemoryStat{
			Version: 2, Dir: dir, Max: 1073741824, High: CgroupUnlimited,
			EffectiveMax: 805306368, Current: 536870912, SwapMax: 0,
			SwapCurrent: 4096, InactiveFile: 134217728, OOM: 3, OOMKill: 1,
		},
		CPU: &CgroupCPUStat{
			Version: 2, Dir: dir, QuotaUS: 150000, PeriodUS: 100000,
			Limit: 1.5, EffectiveLimit: 1.0, UsageUS: 7000000,
			UserUS: 5000000, SystemUS: 2000000, NrPeriods: 100,
			NrThrottled: 25, ThrottledUS: 300000,
		},
		Pids: &CgroupPidsStat{Version: 2, Dir: dir, Current: 7, Max: 100},
		IO: []CgroupIOStat{
			{Device: "8:0", Major: 8, Minor: 0, ReadBytes: 1048576, WriteBytes: 2097152, ReadIOs: 10, WriteIOs: 20},
			{Device: "253:1", Major: 253, Minor: 1, ReadBytes: 4096, ReadIOs: 1, DiscardBytes: 512, DiscardIOs: 1},
		},
		IOVersion: 2,
	}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("CgroupStats mismatch (-want +got):\n%s", d)
	}

	// The same cgroup read by directory.
	byDir, err := CgroupStatsDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, byDir); d != "" {
		t.Errorf("CgroupStatsDir mismatch (-want +got):\n%s", d)
	}

	// The parent: limited memory, cpu 1.0, no io.stat file (no devices).
	parent, err := CgroupStatsDir(filepath.Join(sys, "fs/cgroup/kubepods"))
	if err != nil {
		t.Fatal(err)
	}
	if parent.Memory == nil || parent.Memory.Max != 805306368 || parent.CPU == nil || parent.CPU.Limit != 1.0 {
		t.Errorf("parent = %+v", parent)
	}
	if parent.IOVersion != 2 || len(parent.IO) != 0 {
		t.Errorf("parent IO = %d %+v, want version 2 and no devices", parent.IOVersion, parent.IO)
	}

	cm, err := ContainerVirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	wantCM := ContainerMemoryStat{
		Total: 805306368, Used: 536870912 - 134217728, Available: 805306368 - (536870912 - 134217728),
		Percent: 50, Limited: true, HostTotal: 8388608 * 1024,
	}
	if d := cmp.Diff(wantCM, cm); d != "" {
		t.Errorf("ContainerVirtualMemory mismatch (-want +got):\n%s", d)
	}

	// cgroup-v2's effective CPU limit is 1.0 (the parent's cpu.max).
	n, err := EffectiveCPUCount()
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("EffectiveCPUCount = %d, want 1 (parent cpu.max 100000/100000)", n)
	}

	ps, err := CgroupPressure(4242)
	if err != nil {
		t.Fatal(err)
	}
	if ps.CPU == nil || ps.CPU.Some.Avg10 != 5 || ps.CPU.Some.Total != 42 || ps.CPU.Full.Total != 7 || !ps.CPU.HasFull {
		t.Errorf("CgroupPressure cpu = %+v", ps.CPU)
	}
	if ps.Memory == nil || ps.IO == nil || ps.IRQ != nil {
		t.Errorf("CgroupPressure = %+v, want memory and io, no irq", ps)
	}
}

// The v2 root cgroup has no limit files and no memory.current: usage is
// the host's MemTotal - MemAvailable (as systemd computes it).
func TestCgroupFixtureV2Root(t *testing.T) {
	sys := useCgroupFixture(t, "cgroup-v2")
	root := filepath.Join(sys, "fs/cgroup")
	st, err := CgroupStats(77)
	if err != nil {
		t.Fatal(err)
	}
	want := CgroupStat{
		Memory: &CgroupMemoryStat{
			Version: 2, Dir: root, Max: CgroupUnlimited, High: CgroupUnlimited,
			EffectiveMax: CgroupUnlimited, Current: (8388608 - 6291456) * 1024,
			SwapMax: CgroupUnlimited,
		},
		CPU: &CgroupCPUStat{
			Version: 2, Dir: root, QuotaUS: CgroupUnlimited, Limit: -1, EffectiveLimit: -1,
			UsageUS: 999, UserUS: 500, SystemUS: 499,
		},
		Pids:      &CgroupPidsStat{Version: 2, Dir: root, Max: CgroupUnlimited},
		IO:        []CgroupIOStat{},
		IOVersion: 2,
	}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("root CgroupStats mismatch (-want +got):\n%s", d)
	}
}

func TestCgroupFixtureV1(t *testing.T) {
	sys := useCgroupFixture(t, "cgroup-v1")
	mem := filepath.Join(sys, "fs/cgroup/memory/docker/abc")
	cpu := filepath.Join(sys, "fs/cgroup/cpu,cpuacct") // mount root is /docker/abc
	pids := filepath.Join(sys, "fs/cgroup/pids/docker/abc")

	ents, err := cgroupOf(0)
	if err != nil {
		t.Fatal(err)
	}
	wantEnts := []CgroupEntry{
		{HierarchyID: 12, Version: 1, Controllers: "pids", Path: "/docker/abc", Dir: pids},
		{HierarchyID: 11, Version: 1, Controllers: "memory", Path: "/docker/abc", Dir: mem},
		{HierarchyID: 5, Version: 1, Controllers: "cpu,cpuacct", Path: "/docker/abc", Dir: cpu},
		{HierarchyID: 3, Version: 1, Controllers: "blkio", Path: "/docker/abc", Dir: filepath.Join(sys, "fs/cgroup/blkio/docker/abc")},
		{HierarchyID: 1, Version: 1, Controllers: "name=systemd", Path: "/docker/abc", Dir: filepath.Join(sys, "fs/cgroup/systemd/docker/abc")},
	}
	if d := cmp.Diff(wantEnts, ents); d != "" {
		t.Errorf("cgroupOf mismatch (-want +got):\n%s", d)
	}

	st, err := cgroupStat(0, "")
	if err != nil {
		t.Fatal(err)
	}
	want := CgroupStat{
		Memory: &CgroupMemoryStat{
			Version: 1, Dir: mem, Max: 536870912, High: CgroupUnlimited,
			EffectiveMax: 536870912, Current: 268435456, SwapMax: 536870912,
			SwapCurrent: 33554432, InactiveFile: 67108864, OOMKill: 2,
		},
		CPU: &CgroupCPUStat{
			Version: 1, Dir: cpu, QuotaUS: 50000, PeriodUS: 100000,
			Limit: 0.5, EffectiveLimit: 0.5, UsageUS: 5000000,
			UserUS: 3000000, SystemUS: 2000000, NrPeriods: 10,
			NrThrottled: 4, ThrottledUS: 2000,
		},
		Pids: &CgroupPidsStat{Version: 1, Dir: pids, Current: 3, Max: CgroupUnlimited},
		IO: []CgroupIOStat{
			{Device: "8:0", Major: 8, Minor: 0, ReadBytes: 1048576, WriteBytes: 2097152, ReadIOs: 10, WriteIOs: 20},
			{Device: "8:16", Major: 8, Minor: 16, ReadBytes: 4096, ReadIOs: 1},
		},
		IOVersion: 1,
	}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("cgroupStat mismatch (-want +got):\n%s", d)
	}

	cm, err := ContainerVirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	wantCM := ContainerMemoryStat{
		Total: 536870912, Used: 201326592, Available: 335544320,
		Percent: 37.5, Limited: true, HostTotal: 8388608 * 1024,
	}
	if d := cmp.Diff(wantCM, cm); d != "" {
		t.Errorf("ContainerVirtualMemory mismatch (-want +got):\n%s", d)
	}

	// No v2 hierarchy: per-cgroup PSI is not available.
	if _, err := cgroupPressureSelf(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("cgroup pressure on v1 = %v, want ErrNotImplemented", err)
	}
}

// cgroupPressureSelf is CgroupPressure for the fixture's "self".
func cgroupPressureSelf() (PressureStat, error) {
	dir, err := cgroupUnifiedDir(0)
	if err != nil {
		return PressureStat{}, err
	}
	return readPressure(dir)
}

func TestCgroupFixtureHybrid(t *testing.T) {
	sys := useCgroupFixture(t, "cgroup-hybrid")
	mem := filepath.Join(sys, "fs/cgroup/memory/user.slice")
	cpu := filepath.Join(sys, "fs/cgroup/cpu,cpuacct/user.slice")
	unified := filepath.Join(sys, "fs/cgroup/unified/user.slice/session-1.scope")

	ents, err := cgroupOf(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 4 || ents[3].Version != 2 || ents[3].Dir != unified || ents[0].Dir != mem {
		t.Errorf("cgroupOf = %+v", ents)
	}

	st, err := cgroupStat(0, "")
	if err != nil {
		t.Fatal(err)
	}
	// memory and cpu come from v1; pids and io are not available at all.
	want := CgroupStat{
		Memory: &CgroupMemoryStat{
			Version: 1, Dir: mem, Max: 2147483648, High: CgroupUnlimited,
			EffectiveMax: 2147483648, Current: 1073741824,
			SwapMax: CgroupUnlimited, InactiveFile: 1073741824,
		},
		CPU: &CgroupCPUStat{
			Version: 1, Dir: cpu, QuotaUS: CgroupUnlimited, PeriodUS: 100000,
			Limit: -1, EffectiveLimit: -1, UsageUS: 123456,
		},
	}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("cgroupStat mismatch (-want +got):\n%s", d)
	}

	cm, err := ContainerVirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	// usage is all inactive file cache: used 0.
	if cm.Total != 2147483648 || cm.Used != 0 || cm.Available != 2147483648 || cm.Percent != 0 || !cm.Limited {
		t.Errorf("ContainerVirtualMemory = %+v", cm)
	}

	n, err := EffectiveCPUCount()
	if err != nil {
		t.Fatal(err)
	}
	aff, err := cgroupAffinityCount()
	if err != nil {
		t.Fatal(err)
	}
	if n != aff || n < 1 || n > runtime.NumCPU() {
		t.Errorf("EffectiveCPUCount = %d, want the affinity count %d (no quota)", n, aff)
	}

	ps, err := cgroupPressureSelf()
	if err != nil {
		t.Fatal(err)
	}
	if ps.CPU == nil || ps.CPU.Some.Total != 11 || ps.Memory == nil || ps.Memory.Some.Total != 22 ||
		ps.IO == nil || ps.IO.Some.Total != 33 || ps.IRQ != nil {
		t.Errorf("hybrid cgroup pressure = %+v", ps)
	}
}

func TestCgroupFixtureErrors(t *testing.T) {
	sys := useCgroupFixture(t, "cgroup-v2")
	if _, err := CgroupOf(999999); !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("CgroupOf(missing) = %v, want ErrNoSuchProcess", err)
	}
	var pe *ProcessError
	if _, err := CgroupStats(999999); !errors.As(err, &pe) || pe.PID != 999999 {
		t.Errorf("CgroupStats(missing) = %v, want a *ProcessError", err)
	}
	if _, err := CgroupOf(0); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("CgroupOf(0) = %v, want ErrInvalidArgument", err)
	}
	if _, err := CgroupStatsDir(filepath.Join(sys, "nope")); !errors.Is(err, ErrNotFound) {
		t.Errorf("CgroupStatsDir(missing) = %v, want ErrNotFound", err)
	}
	if _, err := CgroupStatsDir(""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("CgroupStatsDir(\"\") = %v, want ErrInvalidArgument", err)
	}
	// A directory that is no cgroup: every controller absent, no error.
	st, err := CgroupStatsDir(sys)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(CgroupStat{}, st); d != "" {
		t.Errorf("non-cgroup dir (-want +got):\n%s", d)
	}
}
