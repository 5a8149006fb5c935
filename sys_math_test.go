package psutil

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// OS-neutral math of the system API: no cgo needed.

func TestSysCPUPercentMath(t *testing.T) {
	t1 := CPUTimesStat{User: 10, System: 5, Idle: 80, Iowait: 5, Guest: 2}
	t2 := CPUTimesStat{User: 20, System: 10, Idle: 150, Iowait: 20, Guest: 6}
	// deltas: user 10, system 5, idle 70, iowait 15, guest 4 (not counted
	// again): total 100, busy 15.
	if got := cpuBusyPercent(t1, t2); got != 15 {
		t.Errorf("cpuBusyPercent = %v, want 15", got)
	}
	tp := cpuTimesPercent(t1, t2)
	want := CPUTimesStat{User: 10, System: 5, Idle: 70, Iowait: 15, Guest: 4}
	if d := cmp.Diff(want, tp); d != "" {
		t.Errorf("cpuTimesPercent (-want +got):\n%s", d)
	}
	// No time passed: 0, not NaN.
	if got := cpuBusyPercent(t1, t1); got != 0 {
		t.Errorf("zero delta: %v", got)
	}
	if got := cpuTimesPercent(t1, t1); got != (CPUTimesStat{}) {
		t.Errorf("zero delta: %+v", got)
	}
	// Counters going backwards are clamped to 0 and never give < 0 or > 100.
	back := CPUTimesStat{User: 5, System: 10, Idle: 70}
	if got := cpuBusyPercent(t1, back); got < 0 || got > 100 {
		t.Errorf("backwards: %v", got)
	}
	// Rounding to one decimal: 1/3 -> 33.3.
	a := CPUTimesStat{}
	b := CPUTimesStat{User: 1, Idle: 2}
	if got := cpuBusyPercent(a, b); got != 33.3 {
		t.Errorf("rounding: %v", got)
	}
	per := perCPUBusyPercent([]CPUTimesStat{a, a, a}, []CPUTimesStat{b, b})
	if len(per) != 2 || per[1] != 33.3 {
		t.Errorf("perCPU with a CPU gone: %v", per)
	}
}

func TestSysWrapNumbers(t *testing.T) {
	w := newWrapTracker()
	in := func(v ...uint64) map[string][]uint64 { return map[string][]uint64{"a": v} }
	steps := []struct{ in, want []uint64 }{
		{[]uint64{100, 5}, []uint64{100, 5}},
		{[]uint64{150, 6}, []uint64{150, 6}},
		{[]uint64{10, 7}, []uint64{160, 7}}, // wrapped: +150
		{[]uint64{20, 8}, []uint64{170, 8}}, // stays adjusted
		{[]uint64{5, 1}, []uint64{175, 9}},  // both wrap: +20 and +8
	}
	for i, s := range steps {
		got := w.run(in(s.in...))["a"]
		if d := cmp.Diff(s.want, got); d != "" {
			t.Errorf("step %d (-want +got):\n%s", i, d)
		}
	}
	// A key that disappears loses its reminder; when it comes back it
	// starts from its raw values.
	w.run(map[string][]uint64{"b": {1, 1}})
	if got := w.run(in(1, 1))["a"]; !cmp.Equal(got, []uint64{1, 1}) {
		t.Errorf("after removal: %v", got)
	}
	w.reset()
	if got := w.run(in(3, 3))["a"]; !cmp.Equal(got, []uint64{3, 3}) {
		t.Errorf("after reset: %v", got)
	}
	// Typed wrappers keep the field order.
	d := wrapDisk(newWrapTracker(), map[string]DiskIOCountersStat{"sda": {ReadCount: 1, BusyTime: 9}})
	if d["sda"].BusyTime != 9 || d["sda"].ReadCount != 1 {
		t.Errorf("wrapDisk: %+v", d)
	}
	wt := newWrapTracker()
	wrapNet(wt, map[string]NetIOCountersStat{"lo": {BytesRecv: 100, Dropout: 4}})
	n := wrapNet(wt, map[string]NetIOCountersStat{"lo": {BytesRecv: 10, Dropout: 5}})
	if n["lo"].BytesRecv != 110 || n["lo"].Dropout != 5 {
		t.Errorf("wrapNet: %+v", n)
	}
}

func TestSysHelpers(t *testing.T) {
	if got := usagePercent(1, 3); got != 33.3 {
		t.Errorf("usagePercent(1,3) = %v", got)
	}
	if got := usagePercent(5, 0); got != 0 {
		t.Errorf("usagePercent(5,0) = %v", got)
	}
	if got := round1(0.25); got != 0.2 {
		t.Errorf("round1(0.25) = %v (half to even)", got)
	}
	if _, err := averageFreq(nil); err == nil {
		t.Error("averageFreq(nil): no error")
	}
	avg, err := averageFreq([]CPUFreqStat{{1000, 500, 2000}, {3000, 500, 4000}})
	if err != nil || avg != (CPUFreqStat{2000, 500, 3000}) {
		t.Errorf("averageFreq = %+v, %v", avg, err)
	}
	if WINDOWS {
		t.Skip("MAC separator is '-' on Windows")
	}
	if got := padMAC("aa:bb:cc:dd"); got != "aa:bb:cc:dd:00:00" {
		t.Errorf("padMAC = %q", got)
	}
	if got := toFahrenheit(100); got != 212 {
		t.Errorf("toFahrenheit(100) = %v", got)
	}
}
