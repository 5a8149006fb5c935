//go:build linux && cgo

package psutil

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCgroupLiveSelf(t *testing.T) {
	raw, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Skipf("this kernel has no cgroups: %v", err)
	}
	ents, err := CgroupOf(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(ents) != len(lines) {
		t.Fatalf("CgroupOf gave %d entries for %d lines", len(ents), len(lines))
	}
	for i, l := range lines {
		f := strings.SplitN(l, ":", 3)
		e := ents[i]
		if strconv.Itoa(e.HierarchyID) != f[0] || e.Controllers != f[1] || e.Path != f[2] {
			t.Errorf("entry %d = %+v, line %q", i, e, l)
		}
		if e.Dir != "" {
			if _, err := os.Stat(filepath.Join(e.Dir, "cgroup.procs")); err != nil {
				t.Errorf("entry %d: dir %s is not a cgroup: %v", i, e.Dir, err)
			}
		}
	}

	st, err := CgroupStats(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m := st.Memory; m != nil {
		if m.Current == 0 && !cgroupIsRoot(m.Dir) {
			t.Errorf("memory.current is 0 in %s", m.Dir)
		}
		if m.EffectiveMax >= 0 && m.Max >= 0 && m.EffectiveMax > m.Max {
			t.Errorf("effective max %d above max %d", m.EffectiveMax, m.Max)
		}
	}
	if c := st.CPU; c != nil && c.UsageUS == 0 {
		t.Errorf("cpu usage is 0 in %s", c.Dir)
	}

	n, err := EffectiveCPUCount()
	if err != nil {
		t.Fatal(err)
	}
	aff, err := cgroupAffinityCount()
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 || n > aff {
		t.Errorf("EffectiveCPUCount = %d, affinity %d", n, aff)
	}

	if st.Memory != nil {
		cm, err := ContainerVirtualMemory()
		if err != nil {
			t.Fatal(err)
		}
		if cm.Total == 0 || cm.Total > cm.HostTotal || cm.Used+cm.Available != cm.Total || cm.Percent < 0 || cm.Percent > 100 {
			t.Errorf("ContainerVirtualMemory = %+v", cm)
		}
	}
}

func cgroupIsRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(filepath.Dir(dir), "cgroup.procs"))
	return err != nil
}

// cgroupMount finds the mount point of a cgroup filesystem in
// /proc/self/mountinfo: fstype "cgroup2", or "cgroup" with option opt.
func cgroupMount(fstype, opt string) string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		dash := -1
		for i := 6; i < len(fields); i++ {
			if fields[i] == "-" {
				dash = i
				break
			}
		}
		if dash < 0 || dash+1 >= len(fields) || fields[dash+1] != fstype {
			continue
		}
		if opt != "" && (dash+3 >= len(fields) || !strings.Contains(","+fields[dash+3]+",", ","+opt+",")) {
			continue
		}
		return fields[4]
	}
	return ""
}

// TestCgroupLiveV2Child creates a cgroup v2 child, sets memory.max and
// reads it back. It needs root, a writable cgroup2 mount and the memory
// controller enabled for children of the mount root.
func TestCgroupLiveV2Child(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("creating a cgroup needs root")
	}
	mnt := cgroupMount("cgroup2", "")
	if mnt == "" {
		t.Skip("no cgroup2 filesystem is mounted")
	}
	ctl, err := os.ReadFile(filepath.Join(mnt, "cgroup.subtree_control"))
	if err != nil {
		t.Skipf("cgroup2 at %s has no readable cgroup.subtree_control: %v", mnt, err)
	}
	if !strings.Contains(" "+strings.TrimSpace(string(ctl))+" ", " memory ") {
		avail, _ := os.ReadFile(filepath.Join(mnt, "cgroup.controllers"))
		if !strings.Contains(" "+strings.TrimSpace(string(avail))+" ", " memory ") {
			t.Skipf("the memory controller is not available in cgroup2 at %s (cgroup.controllers: %q); it is bound to a v1 hierarchy",
				mnt, strings.TrimSpace(string(avail)))
		}
		if err := os.WriteFile(filepath.Join(mnt, "cgroup.subtree_control"), []byte("+memory"), 0); err != nil {
			t.Skipf("cannot enable the memory controller in %s/cgroup.subtree_control: %v", mnt, err)
		}
	}
	child := filepath.Join(mnt, fmt.Sprintf("psutil-go-test-%d", os.Getpid()))
	if err := os.Mkdir(child, 0o755); err != nil {
		t.Skipf("cgroup2 at %s is not writable: %v", mnt, err)
	}
	t.Cleanup(func() {
		if err := os.Remove(child); err != nil {
			t.Errorf("rmdir %s: %v", child, err)
		}
	})
	const limit = 64 << 20
	if err := os.WriteFile(filepath.Join(child, "memory.max"), []byte(strconv.Itoa(limit)), 0); err != nil {
		t.Fatal(err)
	}
	st, err := CgroupStatsDir(child)
	if err != nil {
		t.Fatal(err)
	}
	if st.Memory == nil || st.Memory.Version != 2 || st.Memory.Max != limit || st.Memory.EffectiveMax != limit {
		t.Fatalf("memory = %+v, want version 2, max %d", st.Memory, limit)
	}
	if st.Memory.High != CgroupUnlimited {
		t.Errorf("memory.high = %d, want unlimited", st.Memory.High)
	}
}

// TestCgroupLiveV1Child does the same on a cgroup v1 memory hierarchy
// with memory.limit_in_bytes, next to the test's own memory cgroup.
func TestCgroupLiveV1Child(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("creating a cgroup needs root")
	}
	if cgroupMount("cgroup", "memory") == "" {
		t.Skip("no cgroup v1 memory hierarchy is mounted")
	}
	ents, err := CgroupOf(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	var parent string
	for _, e := range ents {
		if e.Version == 1 && strings.Contains(","+e.Controllers+",", ",memory,") {
			parent = e.Dir
		}
	}
	if parent == "" {
		t.Skip("the memory v1 hierarchy of this process is not mounted here")
	}
	child := filepath.Join(parent, fmt.Sprintf("psutil-go-test-%d", os.Getpid()))
	if err := os.Mkdir(child, 0o755); err != nil {
		t.Skipf("memory cgroup %s is not writable: %v", parent, err)
	}
	t.Cleanup(func() {
		if err := os.Remove(child); err != nil {
			t.Errorf("rmdir %s: %v", child, err)
		}
	})
	const limit = 64 << 20
	if err := os.WriteFile(filepath.Join(child, "memory.limit_in_bytes"), []byte(strconv.Itoa(limit)), 0); err != nil {
		t.Fatal(err)
	}
	st, err := CgroupStatsDir(child)
	if err != nil {
		t.Fatal(err)
	}
	if st.Memory == nil || st.Memory.Version != 1 || st.Memory.Max != limit {
		t.Fatalf("memory = %+v, want version 1, max %d", st.Memory, limit)
	}
	if st.Memory.EffectiveMax < 0 || st.Memory.EffectiveMax > limit {
		t.Errorf("effective max = %d, want <= %d", st.Memory.EffectiveMax, limit)
	}
	if st.Memory.Current != 0 {
		t.Errorf("empty cgroup uses %d bytes", st.Memory.Current)
	}
}

// TestCgroupLiveV2ChildNoMemory covers the other case: a real v2 child
// whose memory controller is not enabled must report Memory == nil (not
// an error), and its PSI files must be readable.
func TestCgroupLiveV2ChildNoMemory(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("creating a cgroup needs root")
	}
	mnt := cgroupMount("cgroup2", "")
	if mnt == "" {
		t.Skip("no cgroup2 filesystem is mounted")
	}
	ctl, err := os.ReadFile(filepath.Join(mnt, "cgroup.subtree_control"))
	if err != nil {
		t.Skipf("cgroup2 at %s has no readable cgroup.subtree_control: %v", mnt, err)
	}
	if strings.Contains(" "+strings.TrimSpace(string(ctl))+" ", " memory ") {
		t.Skipf("the memory controller is enabled for children of %s (TestCgroupLiveV2Child covers it)", mnt)
	}
	child := filepath.Join(mnt, fmt.Sprintf("psutil-go-test-nomem-%d", os.Getpid()))
	if err := os.Mkdir(child, 0o755); err != nil {
		t.Skipf("cgroup2 at %s is not writable: %v", mnt, err)
	}
	t.Cleanup(func() {
		if err := os.Remove(child); err != nil {
			t.Errorf("rmdir %s: %v", child, err)
		}
	})
	st, err := CgroupStatsDir(child)
	if err != nil {
		t.Fatal(err)
	}
	if st.Memory != nil || st.Pids != nil {
		t.Errorf("memory = %+v, pids = %+v, want nil (controllers not enabled)", st.Memory, st.Pids)
	}
	if _, err := os.Stat(filepath.Join(child, "cpu.pressure")); err == nil {
		ps, err := CgroupPressureDir(child)
		if err != nil {
			t.Fatal(err)
		}
		if ps.CPU == nil || ps.CPU.Some.Total != 0 {
			t.Errorf("fresh cgroup cpu pressure = %+v, want zero", ps.CPU)
		}
	}
}
