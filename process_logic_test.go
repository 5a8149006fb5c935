package psutil

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// Neutral logic of the process API, testable without cgo.

func TestProcessLogicCPUPercent(t *testing.T) {
	for _, tc := range []struct {
		dcpu float64
		wall time.Duration
		want float64
	}{
		{1, time.Second, 100},
		{0.5, time.Second, 50},
		{3, 2 * time.Second, 150},
		{0.123456, time.Second, 12.3},
		{1, 0, 0},
		{-1, time.Second, 0},
	} {
		if got := cpuPercent(tc.dcpu, tc.wall); got != tc.want {
			t.Errorf("cpuPercent(%v, %v) = %v, want %v", tc.dcpu, tc.wall, got, tc.want)
		}
	}
	p := &Process{pid: 1}
	now := time.Now()
	if v := p.cpuPercentSince(ProcessCPUTimesStat{User: 1}, now); v != 0 {
		t.Errorf("first call = %v, want 0", v)
	}
	if v := p.cpuPercentSince(ProcessCPUTimesStat{User: 1.5, System: 0.5}, now.Add(2*time.Second)); v != 50 {
		t.Errorf("second call = %v, want 50", v)
	}
}

func TestProcessLogicAttrs(t *testing.T) {
	m, err := parseAttrs([]string{"name", "pid"})
	if err != nil || m != 1<<attrName|1<<attrPID {
		t.Errorf("parseAttrs = %b, %v", m, err)
	}
	if _, err := parseAttrs([]string{"nope"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("parseAttrs(nope) = %v", err)
	}
	attrs := ProcessAttrs()
	if len(attrs) != int(attrCount) || attrs[0] != "cmdline" {
		t.Errorf("ProcessAttrs = %v", attrs)
	}
	for a, n := range attrNames {
		if n == "" {
			t.Errorf("attr %d has no name", a)
		}
	}
}

func TestProcessLogicConnKinds(t *testing.T) {
	for _, k := range []ConnKind{ConnInet, ConnInet4, ConnInet6, ConnTCP, ConnTCP4, ConnTCP6,
		ConnUDP, ConnUDP4, ConnUDP6, ConnUnix, ConnAll} {
		if !k.valid() {
			t.Errorf("%s invalid", k)
		}
	}
	if ConnKind("tcp5").valid() || ConnKind("").valid() {
		t.Error("bogus kind valid")
	}
	a := ConnectionStat{FD: -1, PID: -1, Family: AF_UNIX}
	b := ConnectionStat{FD: 3, PID: 10, Family: AF_INET, Laddr: ConnAddr{"127.0.0.1", 80}}
	got := dedupConns([]ConnectionStat{a, b, a, b, a})
	if !reflect.DeepEqual(got, []ConnectionStat{a, b}) {
		t.Errorf("dedupConns = %+v", got)
	}
}

func TestProcessLogicMemFields(t *testing.T) {
	m := MemoryFullInfoStat{MemoryInfoStat: MemoryInfoStat{RSS: 1, VMS: 2, Shared: 3, Text: 4, Data: 6}, USS: 8, PSS: 9, Swap: 10}
	for name, want := range map[string]uint64{"rss": 1, "vms": 2, "shared": 3, "text": 4, "data": 6, "uss": 8, "pss": 9, "swap": 10, "bogus": 0} {
		if got := memField(&m, name); got != want {
			t.Errorf("memField(%s) = %d, want %d", name, got, want)
		}
	}
	for _, f := range memFields() {
		if f == "" {
			t.Error("empty mem field")
		}
	}
}

func TestProcessEqual(t *testing.T) {
	a := &Process{pid: 5, ident: 100}
	if !a.Equal(&Process{pid: 5, ident: 100}) || !a.Equal(&Process{pid: 5}) ||
		a.Equal(&Process{pid: 5, ident: 101}) || a.Equal(&Process{pid: 6, ident: 100}) || a.Equal(nil) {
		t.Error("Equal")
	}
}

// A nil Process, or one not made by NewProcess, must give
// ErrInvalidArgument from every method (never panic, never act on pid 0,
// which some OS calls read as the calling process).
func TestProcessLogicInvalidProcess(t *testing.T) {
	var nilp *Process
	for _, p := range []*Process{nilp, {}, {pid: 1}} {
		calls := map[string]func() error{
			"PPID":           func() error { _, err := p.PPID(); return err },
			"Name":           func() error { _, err := p.Name(); return err },
			"Exe":            func() error { _, err := p.Exe(); return err },
			"Cmdline":        func() error { _, err := p.Cmdline(); return err },
			"Environ":        func() error { _, err := p.Environ(); return err },
			"CreateTime":     func() error { _, err := p.CreateTime(); return err },
			"Status":         func() error { _, err := p.Status(); return err },
			"Username":       func() error { _, err := p.Username(); return err },
			"UIDs":           func() error { _, err := p.UIDs(); return err },
			"GIDs":           func() error { _, err := p.GIDs(); return err },
			"Terminal":       func() error { _, err := p.Terminal(); return err },
			"Cwd":            func() error { _, err := p.Cwd(); return err },
			"Nice":           func() error { _, err := p.Nice(); return err },
			"SetNice":        func() error { return p.SetNice(0) },
			"IONice":         func() error { _, err := p.IONice(); return err },
			"SetIONice":      func() error { return p.SetIONice(IOPrioClassBE, 0) },
			"Rlimit":         func() error { _, err := p.Rlimit(RLIMIT_NOFILE); return err },
			"SetRlimit":      func() error { return p.SetRlimit(RLIMIT_NOFILE, RlimitStat{-1, -1}) },
			"IOCounters":     func() error { _, err := p.IOCounters(); return err },
			"NumCtxSwitches": func() error { _, err := p.NumCtxSwitches(); return err },
			"NumFDs":         func() error { _, err := p.NumFDs(); return err },
			"NumHandles":     func() error { _, err := p.NumHandles(); return err },
			"NumThreads":     func() error { _, err := p.NumThreads(); return err },
			"Threads":        func() error { _, err := p.Threads(); return err },
			"CPUTimes":       func() error { _, err := p.CPUTimes(); return err },
			"CPUPercent":     func() error { _, err := p.CPUPercent(context.Background(), 0); return err },
			"CPUNum":         func() error { _, err := p.CPUNum(); return err },
			"CPUAffinity":    func() error { _, err := p.CPUAffinity(); return err },
			"SetCPUAffinity": func() error { return p.SetCPUAffinity(nil) },
			"MemoryInfo":     func() error { _, err := p.MemoryInfo(); return err },
			"MemoryFullInfo": func() error { _, err := p.MemoryFullInfo(); return err },
			"MemoryPercent":  func() error { _, err := p.MemoryPercent(""); return err },
			"MemoryMaps":     func() error { _, err := p.MemoryMaps(false); return err },
			"OpenFiles":      func() error { _, err := p.OpenFiles(); return err },
			"NetConnections": func() error { _, err := p.NetConnections(""); return err },
			"Cgroup":         func() error { _, err := p.Cgroup(); return err },
			"Parent":         func() error { _, err := p.Parent(); return err },
			"Parents":        func() error { _, err := p.Parents(); return err },
			"Children":       func() error { _, err := p.Children(true); return err },
			"AsDict":         func() error { _, err := p.AsDict(nil, nil); return err },
			"Oneshot":        func() error { return p.Oneshot(func() error { return nil }) },
			"SendSignal":     func() error { return p.SendSignal(0) },
			"Suspend":        func() error { return p.Suspend() },
			"Resume":         func() error { return p.Resume() },
			"Terminate":      func() error { return p.Terminate() },
			"Kill":           func() error { return p.Kill() },
			"Wait":           func() error { _, err := p.Wait(context.Background()); return err },
			"WaitProcs": func() error {
				_, _, err := WaitProcs(context.Background(), []*Process{p}, nil)
				return err
			},
		}
		for name, f := range calls {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s on %#v panicked: %v", name, p, r)
					}
				}()
				err = f()
			}()
			var pe *ProcessError
			if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &pe) {
				t.Errorf("%s on an invalid Process: %v, want a *ProcessError matching ErrInvalidArgument", name, err)
			}
		}
		if p.IsRunning() {
			t.Error("IsRunning on an invalid Process = true")
		}
		if _, ok := p.ReturnCode(); ok {
			t.Error("ReturnCode on an invalid Process has a code")
		}
		_ = p.String()
		_ = p.PID()
	}
}

func TestProcessLogicFreeBSDRlimits(t *testing.T) {
	for res, want := range map[int]int{RLIMIT_SBSIZE: 9, RLIMIT_NPTS: 11, RLIMIT_SWAP: 12} {
		if got, ok := freebsdRlimitResource(res); !ok || got != want {
			t.Errorf("freebsdRlimitResource(%d) = %d, %v; want %d", res, got, ok, want)
		}
		if !freebsdOnlyRlimit(res) {
			t.Errorf("freebsdOnlyRlimit(%d) = false", res)
		}
	}
	for res := RLIMIT_CPU; res <= RLIMIT_RTTIME; res++ {
		if freebsdOnlyRlimit(res) {
			t.Errorf("freebsdOnlyRlimit(%d) = true", res)
		}
	}
}
