//go:build linux && cgo

package psutil

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// Live checks on the running system (invariants, not values; values are
// compared with Python psutil by the oracle test).

func TestSysLiveInvariants(t *testing.T) {
	vm, err := VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	if vm.Total == 0 || vm.Available > vm.Total || vm.Used != vm.Total-vm.Available ||
		vm.Percent < 0 || vm.Percent > 100 {
		t.Errorf("VirtualMemory invariants: %+v", vm)
	}
	n, err := CPUCount(true)
	if err != nil || n < 1 {
		t.Fatalf("CPUCount(true) = %d, %v", n, err)
	}
	per, err := PerCPUTimes()
	if err != nil || len(per) != n {
		t.Errorf("PerCPUTimes: %d entries, %v; CPUCount %d", len(per), err, n)
	}
	bt, err := BootTime()
	if err != nil || bt.After(time.Now()) || bt.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("BootTime = %v, %v", bt, err)
	}
	u, err := DiskUsage("/")
	if err != nil || u.Total == 0 || u.Used > u.Total {
		t.Errorf("DiskUsage(/) = %+v, %v", u, err)
	}
	if _, err := DiskUsage("/does/not/exist"); err == nil {
		t.Error("DiskUsage on a missing path: no error")
	}
	if _, err := DiskUsage(""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("DiskUsage(\"\"): %v", err)
	}
	addrs, err := NetIfAddrs()
	if err != nil {
		t.Fatal(err)
	}
	if lo, ok := addrs["lo"]; ok {
		for i := 1; i < len(lo); i++ {
			if lo[i-1].Family > lo[i].Family {
				t.Errorf("NetIfAddrs[lo] not sorted by family: %+v", lo)
			}
		}
	}
}

func TestSysLiveCPUPercent(t *testing.T) {
	p, err := CPUPercent(context.Background(), 50*time.Millisecond)
	if err != nil || p < 0 || p > 100 {
		t.Errorf("CPUPercent = %v, %v", p, err)
	}
	pp, err := PerCPUPercent(context.Background(), 50*time.Millisecond)
	if err != nil || len(pp) == 0 {
		t.Errorf("PerCPUPercent = %v, %v", pp, err)
	}
	tp, err := CPUTimesPercent(context.Background(), 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	sum := tp.User + tp.Nice + tp.System + tp.Idle + tp.Iowait + tp.Irq + tp.Softirq + tp.Steal
	if sum < 95 || sum > 105 {
		t.Errorf("CPUTimesPercent fields sum to %v: %+v", sum, tp)
	}
	if _, err := PerCPUTimesPercent(context.Background(), 10*time.Millisecond); err != nil {
		t.Error(err)
	}
	if _, err := CPUPercent(context.Background(), 0); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("interval 0: %v", err)
	}
	// Cancellation ends the sleep early.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if _, err := CPUPercent(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled ctx: %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("canceled ctx did not stop the sleep")
	}
}

func TestSysLiveCPUSampler(t *testing.T) {
	s := NewCPUSampler()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if p, err := s.Percent(); err != nil || p < 0 || p > 100 {
					t.Errorf("Percent = %v, %v", p, err)
				}
				if pp, err := s.PerCPUPercent(); err != nil || len(pp) == 0 {
					t.Errorf("PerCPUPercent = %v, %v", pp, err)
				}
				if _, err := s.TimesPercent(); err != nil {
					t.Error(err)
				}
				if _, err := s.PerCPUTimesPercent(); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}
