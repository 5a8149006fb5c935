//go:build linux && cgo

package psutil

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var spinSink int

// spin burns CPU for d.
func spin(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		for i := 0; i < 10000; i++ {
			spinSink += i
		}
	}
}

// Eight goroutines range over Processes (with prefetch, using the shared
// PID cache) while a helper spawns and reaps hundreds of short-lived
// processes. Run with -race.
func TestProcessesConcurrentChurn(t *testing.T) {
	stop := make(chan struct{})
	var spawned atomic.Int64
	var churn sync.WaitGroup
	churnDone := make(chan struct{})
	churn.Add(1)
	go func() {
		defer churn.Done()
		defer close(churnDone)
		for i := 0; i < 300; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := exec.Command("/bin/true").Run(); err != nil {
				t.Error(err)
				return
			}
			spawned.Add(1)
		}
	}()
	var wg sync.WaitGroup
	var yielded atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 6 || (spawned.Load() < 300 && round < 10000); round++ {
				select {
				case <-churnDone:
					if round >= 6 {
						return
					}
				default:
				}
				attrs := topAttrs
				if g%2 == 1 {
					attrs = []string{"name", "cpu_percent", "exe", "num_fds"}
				}
				seenSelf := false
				last := -1
				for p, err := range Processes(attrs...) {
					if err != nil {
						t.Error(err)
						return
					}
					if p.PID() <= last {
						t.Errorf("pids not increasing: %d after %d", p.PID(), last)
					}
					last = p.PID()
					if p.PID() == os.Getpid() {
						seenSelf = true
					}
					if _, err := p.Name(); !allowedProcErr(err) {
						t.Errorf("pid %d Name: %v", p.PID(), err)
					}
					if _, err := p.MemoryInfo(); !allowedProcErr(err) {
						t.Errorf("pid %d MemoryInfo: %v", p.PID(), err)
					}
					if _, err := p.Exe(); !allowedProcErr(err) {
						t.Errorf("pid %d Exe: %v", p.PID(), err)
					}
					yielded.Add(1)
				}
				if !seenSelf {
					t.Error("Processes did not yield our own process")
				}
			}
		}(g)
	}
	wg.Wait()
	close(stop)
	churn.Wait()
	t.Logf("yielded %d, spawned %d", yielded.Load(), spawned.Load())
	if spawned.Load() < 300 || yielded.Load() == 0 {
		t.Fatal("nothing happened")
	}
}

func TestProcessesCacheAndPrefetch(t *testing.T) {
	ClearProcessCache()
	find := func(attrs ...string) *Process {
		for p, err := range Processes(attrs...) {
			if err != nil {
				t.Fatal(err)
			}
			if p.PID() == os.Getpid() {
				return p
			}
		}
		t.Fatal("self not found")
		return nil
	}
	a := find("name", "cpu_times", "username", "cmdline")
	b := find()
	if a != b {
		t.Error("the PID cache did not return the same *Process")
	}
	// Prefetch: the values are those of the scan, even after it.
	a = find("cpu_times", "cmdline")
	t1, _ := a.CPUTimes()
	spin(60 * time.Millisecond)
	t2, _ := a.CPUTimes()
	if t1 != t2 {
		t.Errorf("prefetched CPUTimes changed: %+v -> %+v", t1, t2)
	}
	if c, err := a.Cmdline(); err != nil || len(c) != len(os.Args) {
		t.Errorf("prefetched Cmdline = %q, %v", c, err)
	}
	// A scan without attrs clears the prefetch.
	find()
	t3, _ := a.CPUTimes()
	if t3 == t1 {
		t.Errorf("CPUTimes still prefetched after a plain scan")
	}
	for _, err := range Processes("bogus") {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Processes(bogus) err = %v", err)
		}
	}
	// cpu_percent works from the second scan on.
	find("cpu_percent")
	spin(60 * time.Millisecond)
	p := find("cpu_percent")
	if pct, err := p.CPUPercent(context.Background(), 0); err != nil || pct <= 0 {
		t.Errorf("prefetched cpu_percent = %v, %v; want > 0 after busy work", pct, err)
	}
	if len(ProcessAttrs()) != int(attrCount) {
		t.Error("ProcessAttrs length")
	}
}

// The top-like scan allocates at most 3 times per process in steady
// state (the budget).
func TestProcessesScanAllocs(t *testing.T) {
	n := 0
	for range Processes(topAttrs...) {
		n++
	}
	allocs := testing.AllocsPerRun(5, func() {
		for p := range Processes(topAttrs...) {
			_, _ = p.Name()
			_, _ = p.Username()
			_, _ = p.MemoryInfo()
		}
	})
	per := allocs / float64(n)
	t.Logf("%.0f allocs per scan of ~%d processes: %.2f per process", allocs, n, per)
	if per > 3 {
		t.Errorf("%.2f allocations per process per scan, budget 3", per)
	}
}
