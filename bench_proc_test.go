//go:build linux && cgo

package psutil

import (
	"os"
	"testing"

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
