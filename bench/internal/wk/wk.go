// Package wk is the worker side of the benchmark protocol shared by every
// implementation (bench/c/floor.c, bench/py/workloads.py and the Go
// workers): one JSON object per line on stdout, with nanoseconds per unit
// and, for Go, heap allocations per unit counted from runtime.MemStats
// around the timed loop (as testing.AllocsPerRun does).
package wk

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// Result is one measured operation.
type Result struct {
	Impl   string  `json:"impl"`
	W      string  `json:"w"`
	Op     string  `json:"op"`
	Unit   string  `json:"unit"`
	NS     float64 `json:"ns"`               // wall nanoseconds per unit
	CPU    float64 `json:"cpu"`              // CPU (user+sys of the process) ns per unit
	Units  uint64  `json:"units"`            // units in the timed loop
	Allocs float64 `json:"allocs,omitempty"` // heap allocations per unit
	Bytes  float64 `json:"bytes,omitempty"`  // heap bytes per unit
	Err    string  `json:"err,omitempty"`    // set when not measured
}

// Sink keeps results alive so the compiler can't drop a call.
var Sink uint64

var impl string

// Init records the implementation name and parses "W COUNT" from the
// command line.
func Init(name string) (w string, count int) {
	impl = name
	if len(os.Args) < 3 {
		fmt.Fprintf(os.Stderr, "usage: %s W1|W2|W3|W4 COUNT\n", os.Args[0])
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 1 {
		n = 1
	}
	// BENCH_CPUPROFILE=file writes a pprof CPU profile of the whole run
	// (the harness uses it to explain missed targets).
	if path := os.Getenv("BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			profFile = f
		}
	}
	return os.Args[1], n
}

var profFile *os.File

// Finish stops the CPU profile started by Init, if any.
func Finish() {
	if profFile != nil {
		pprof.StopCPUProfile()
		profFile.Close()
	}
}

// Measure runs fn(warm) as a warm-up, then times fn(count); fn returns
// how many units it did (processes listed, calls made).
func Measure(w, op, unit string, warm, count int, fn func(n int) uint64) {
	fn(warm)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0 := cpuNow()
	t0 := time.Now()
	units := fn(count)
	el := time.Since(t0)
	cpu := cpuNow() - c0
	runtime.ReadMemStats(&m1)
	r := Result{Impl: impl, W: w, Op: op, Unit: unit, Units: units}
	if units > 0 {
		r.NS = float64(el.Nanoseconds()) / float64(units)
		r.CPU = float64(cpu) / float64(units)
		r.Allocs = float64(m1.Mallocs-m0.Mallocs) / float64(units)
		r.Bytes = float64(m1.TotalAlloc-m0.TotalAlloc) / float64(units)
	}
	Emit(r)
}

// cpuNow is the CPU time of the whole process (all threads: the work,
// the GC and the runtime), CLOCK_PROCESS_CPUTIME_ID as the C floor and
// Python's time.process_time use.
func cpuNow() int64 {
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts) != nil {
		return 0
	}
	return ts.Nano()
}

// Missing reports an operation that could not be measured.
func Missing(w, op, unit, why string) {
	Emit(Result{Impl: impl, W: w, Op: op, Unit: unit, Err: why})
}

// Emit prints one result line.
func Emit(r Result) {
	b, _ := json.Marshal(r)
	os.Stdout.Write(append(b, '\n'))
}

// Calls turns a single call into a Measure body: fn is called n times
// (its error was checked by Usable before).
func Calls(fn func() error) func(n int) uint64 {
	return func(n int) uint64 {
		for i := 0; i < n; i++ {
			_ = fn()
		}
		return uint64(n)
	}
}

// Scans turns one scan (returning the pids it listed) into a Measure body.
func Scans(scan func() uint64) func(n int) uint64 {
	return func(n int) uint64 {
		var u uint64
		for i := 0; i < n; i++ {
			u += scan()
		}
		return u
	}
}

// W3Ops are the single hot calls of W3, in order.
var W3Ops = []string{"ppid", "status", "name", "num_threads", "memory_info", "cpu_times"}

// W4Ops are the system-wide calls of W4 with their iteration divisor.
var W4Ops = []struct {
	Name string
	Div  int
}{
	{"cpu_times_percpu", 1}, {"virtual_memory", 1}, {"swap_memory", 1},
	{"disk_io_counters_perdisk", 1}, {"net_io_counters_pernic", 1},
	{"net_connections_inet", 20}, {"disk_partitions", 1}, {"boot_time", 1},
	{"users", 1},
}

// Usable tells whether a call works before it is timed: a call that fails
// on the current process (not implemented, parse error) is reported as not
// measured instead of timing an error path.
func Usable(w, op, unit string, err error) bool {
	if err != nil {
		Missing(w, op, unit, "not measured: "+err.Error())
		return false
	}
	return true
}
