package psutil

import "testing"

// Pure-Go parts of the container API (no cgo needed).

func TestCgroupEffectiveCPUs(t *testing.T) {
	for _, tc := range []struct {
		aff   int
		limit float64
		want  int
	}{
		{8, -1, 8},   // no quota
		{8, 1.5, 2},  // ceil(1.5)
		{8, 2, 2},    // exact
		{2, 4, 2},    // affinity is smaller
		{4, 0.25, 1}, // at least one CPU
		{0, -1, 1},   // never below 1
		{16, 0, 16},  // 0 is not a limit
	} {
		if got := effectiveCPUs(tc.aff, tc.limit); got != tc.want {
			t.Errorf("effectiveCPUs(%d, %v) = %d, want %d", tc.aff, tc.limit, got, tc.want)
		}
	}
}

func TestCgroupContainerMemoryFormula(t *testing.T) {
	const host = 16 << 30
	for _, tc := range []struct {
		name string
		m    CgroupMemoryStat
		want ContainerMemoryStat
	}{
		{"limited", CgroupMemoryStat{EffectiveMax: 1 << 30, Current: 600 << 20, InactiveFile: 88 << 20},
			ContainerMemoryStat{Total: 1 << 30, Used: 512 << 20, Available: 512 << 20, Percent: 50, Limited: true, HostTotal: host}},
		{"unlimited", CgroupMemoryStat{EffectiveMax: CgroupUnlimited, Current: 4 << 30},
			ContainerMemoryStat{Total: host, Used: 4 << 30, Available: 12 << 30, Percent: 25, HostTotal: host}},
		{"limit above host RAM", CgroupMemoryStat{EffectiveMax: 64 << 30, Current: 0},
			ContainerMemoryStat{Total: host, Available: host, HostTotal: host}},
		{"cache larger than usage", CgroupMemoryStat{EffectiveMax: 1 << 30, Current: 10, InactiveFile: 20},
			ContainerMemoryStat{Total: 1 << 30, Available: 1 << 30, Limited: true, HostTotal: host}},
		{"usage above limit", CgroupMemoryStat{EffectiveMax: 1 << 30, Current: 2 << 30},
			ContainerMemoryStat{Total: 1 << 30, Used: 1 << 30, Percent: 100, Limited: true, HostTotal: host}},
		{"rounding", CgroupMemoryStat{EffectiveMax: 3000, Current: 1000},
			ContainerMemoryStat{Total: 3000, Used: 1000, Available: 2000, Percent: 33.3, Limited: true, HostTotal: host}},
	} {
		m := tc.m
		if got := containerMemory(host, &m); got != tc.want {
			t.Errorf("%s: containerMemory = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
