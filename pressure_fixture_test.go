//go:build linux && cgo

package psutil

import (
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPressureFixture(t *testing.T) {
	useCgroupFixture(t, "pressure")
	st, err := Pressure()
	if err != nil {
		t.Fatal(err)
	}
	full := PressureLine{Avg10: 0.5, Avg60: 0.75, Avg300: 1, Total: 654321}
	want := PressureStat{
		// cpu before Linux 5.13: no "full" line.
		CPU:    &PressureResourceStat{Some: PressureLine{Avg10: 12.34, Avg60: 5.67, Avg300: 0.89, Total: 987654321}},
		Memory: &PressureResourceStat{Some: PressureLine{Avg10: 1.5, Avg60: 2.25, Avg300: 3, Total: 123456}, Full: full, HasFull: true},
		IO:     &PressureResourceStat{HasFull: true},
		// irq has a "full" line only.
		IRQ: &PressureResourceStat{Full: PressureLine{Avg10: 0.01, Avg60: 0.02, Avg300: 0.03, Total: 4567}, HasFull: true},
	}
	if d := cmp.Diff(want, st); d != "" {
		t.Errorf("Pressure mismatch (-want +got):\n%s", d)
	}
}

func TestPressureFixtureMissing(t *testing.T) {
	// cgroup-hybrid has no proc/pressure: a kernel without PSI.
	useCgroupFixture(t, "cgroup-hybrid")
	if _, err := Pressure(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("Pressure without PSI = %v, want ErrNotImplemented", err)
	}
	// cgroup-v2 has cpu, memory and io but no irq (Linux < 6.1).
	useCgroupFixture(t, "cgroup-v2")
	st, err := Pressure()
	if err != nil {
		t.Fatal(err)
	}
	if st.CPU == nil || st.Memory == nil || st.IO == nil || st.IRQ != nil {
		t.Errorf("Pressure = %+v, want cpu, memory, io and no irq", st)
	}
}

func TestPressureLive(t *testing.T) {
	if _, err := os.Stat("/proc/pressure/cpu"); err != nil {
		t.Skipf("this kernel has no PSI: %v", err)
	}
	st, err := Pressure()
	if err != nil {
		t.Fatal(err)
	}
	if st.CPU == nil || st.Memory == nil || st.IO == nil {
		t.Fatalf("Pressure = %+v, want cpu, memory and io", st)
	}
	for name, r := range map[string]*PressureResourceStat{"cpu": st.CPU, "memory": st.Memory, "io": st.IO, "irq": st.IRQ} {
		if r == nil {
			continue
		}
		for _, l := range []PressureLine{r.Some, r.Full} {
			for _, v := range []float64{l.Avg10, l.Avg60, l.Avg300} {
				if v < 0 || v > 100 {
					t.Errorf("%s: average %v out of [0, 100]", name, v)
				}
			}
		}
	}
	// The counter only grows.
	st2, err := Pressure()
	if err != nil {
		t.Fatal(err)
	}
	if st2.CPU.Some.Total < st.CPU.Some.Total {
		t.Errorf("cpu some total went back: %d -> %d", st.CPU.Some.Total, st2.CPU.Some.Total)
	}
}
