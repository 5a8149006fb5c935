package psutil

import (
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
