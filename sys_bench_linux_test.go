//go:build linux && cgo

package psutil

import "testing"

// Benchmarks of the system API on the live system (one cgo call each).
// Compare with Python: python3 -m timeit -s 'import psutil' 'psutil.virtual_memory()'.

func BenchmarkSysVirtualMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := VirtualMemory(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysCPUTimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := CPUTimes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysPerCPUTimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := PerCPUTimes(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysSwapMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := SwapMemory(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysDiskPartitions(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := DiskPartitions(false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysDiskIOCounters(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := PerDiskIOCounters(true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysNetIOCounters(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := PerNICIOCounters(true); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysNetIfAddrs(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := NetIfAddrs(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysNetIfStats(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := NetIfStats(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysCPUFreq(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := PerCPUFreq(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSysBootTime(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := BootTime(); err != nil {
			b.Fatal(err)
		}
	}
}
