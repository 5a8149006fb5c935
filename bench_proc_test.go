//go:build linux && cgo

package psutil

import (
	"os"
	"testing"
	"time"

	"github.com/psutil-go/psutil/internal/cfloor"
)

// The scan benchmarks report ns/proc (time per process) and allocs/proc
// next to the usual per-scan numbers; the Floor ones run the C floor of
// internal/cfloor in the same run. Compare e.g.
//
//	go test -run '^$' -bench 'Scan' -benchmem -count=5 .

var topAttrs = []string{"ppid", "name", "status", "cpu_times", "memory_info",
	"num_threads", "username", "create_time"}

func reportPerProc(b *testing.B, total int) {
	if total == 0 {
		return
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(total), "ns/proc")
}

func BenchmarkScanTop(b *testing.B) {
	for range Processes(topAttrs...) { // warm the cache, as a top would be
	}
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		for p, err := range Processes(topAttrs...) {
			if err != nil {
				b.Fatal(err)
			}
			_, _ = p.PPID()
			_, _ = p.Name()
			_, _ = p.Status()
			_, _ = p.CPUTimes()
			_, _ = p.MemoryInfo()
			_, _ = p.NumThreads()
			_, _ = p.Username()
			_, _ = p.CreateTime()
			total++
		}
	}
	b.StopTimer()
	reportPerProc(b, total)
}

func BenchmarkScanTopFloor(b *testing.B) {
	b.ReportAllocs()
	total := 0
	for i := 0; i < b.N; i++ {
		total += cfloor.ScanTop()
	}
	reportPerProc(b, total)
}

func BenchmarkScanUSS(b *testing.B) {
	for range Processes("memory_full_info") {
	}
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		for p, err := range Processes("memory_full_info") {
			if err != nil {
				b.Fatal(err)
			}
			_, _ = p.MemoryFullInfo()
			total++
		}
	}
	b.StopTimer()
	reportPerProc(b, total)
}

func BenchmarkScanUSSFloor(b *testing.B) {
	b.ReportAllocs()
	total := 0
	for i := 0; i < b.N; i++ {
		total += cfloor.ScanUSS()
	}
	reportPerProc(b, total)
}

func benchSelf(b *testing.B, f func(p *Process) error) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProcPPID(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.PPID(); return err })
}

func BenchmarkProcStatus(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.Status(); return err })
}

func BenchmarkProcName(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.Name(); return err })
}

func BenchmarkProcNumThreads(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.NumThreads(); return err })
}

func BenchmarkProcMemoryInfo(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.MemoryInfo(); return err })
}

func BenchmarkProcCPUTimes(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.CPUTimes(); return err })
}

func BenchmarkProcMemoryFullInfo(b *testing.B) {
	benchSelf(b, func(p *Process) error { _, err := p.MemoryFullInfo(); return err })
}

// The paired benchmarks alternate the C floor and our scan inside each
// iteration, so both see the same machine load; they report both per-
// process times and their ratio (ours / floor).
func BenchmarkScanTopPaired(b *testing.B) {
	benchPaired(b, cfloor.ScanTop, func() int {
		n := 0
		for p := range Processes(topAttrs...) {
			_, _ = p.PPID()
			_, _ = p.Name()
			_, _ = p.Status()
			_, _ = p.CPUTimes()
			_, _ = p.MemoryInfo()
			_, _ = p.NumThreads()
			_, _ = p.Username()
			_, _ = p.CreateTime()
			n++
		}
		return n
	})
}

func BenchmarkScanUSSPaired(b *testing.B) {
	benchPaired(b, cfloor.ScanUSS, func() int {
		n := 0
		for p := range Processes("memory_full_info") {
			_, _ = p.MemoryFullInfo()
			n++
		}
		return n
	})
}

func benchPaired(b *testing.B, floor, ours func() int) {
	ours()
	floor()
	var tf, to time.Duration
	nf, no := 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Alternate the order: the second scan of a pair finds /proc
		// dentries already instantiated by the first.
		if i%2 == 0 {
			t0 := time.Now()
			nf += floor()
			t1 := time.Now()
			no += ours()
			to += time.Since(t1)
			tf += t1.Sub(t0)
		} else {
			t0 := time.Now()
			no += ours()
			t1 := time.Now()
			nf += floor()
			tf += time.Since(t1)
			to += t1.Sub(t0)
		}
	}
	if nf == 0 || no == 0 {
		b.Fatal("nothing scanned")
	}
	fp := float64(tf.Nanoseconds()) / float64(nf)
	op := float64(to.Nanoseconds()) / float64(no)
	b.ReportMetric(fp, "floor-ns/proc")
	b.ReportMetric(op, "ours-ns/proc")
	b.ReportMetric(op/fp, "ratio")
}

// BenchmarkScanFootprintPaired: USS/PSS/swap of every pid the cheapest way,
// MemoryFootprint on the *Process objects Processes() caches (one
// smaps_rollup read per process), against the same C floor.
func BenchmarkScanFootprintPaired(b *testing.B) {
	benchPaired(b, cfloor.ScanUSS, func() int {
		n := 0
		for p := range Processes() {
			_, _ = p.MemoryFootprint()
			n++
		}
		return n
	})
}
