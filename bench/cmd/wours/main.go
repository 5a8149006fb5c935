// Command wours runs the benchmark workloads W1-W4 with this library
// (bench/README.md). usage: wours W1|W2|W3|W4 COUNT
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/psutil-go/psutil"
	"github.com/psutil-go/psutil/bench/internal/wk"
)

func sink(v uint64) { wk.Sink += v }

var w1Attrs = []string{"ppid", "name", "status", "cpu_times", "memory_info",
	"num_threads", "username", "create_time"}

// w1Scan is the top-like scan: Processes with the eight attributes
// prefetched (the psutil process_iter(attrs) idiom), then the getters.
func w1Scan() uint64 {
	var n uint64
	for p, err := range psutil.Processes(w1Attrs...) {
		if err != nil {
			return n
		}
		n++
		if v, err := p.PPID(); err == nil {
			sink(uint64(v))
		}
		if v, err := p.Name(); err == nil {
			sink(uint64(len(v)))
		}
		if v, err := p.Status(); err == nil {
			sink(uint64(len(v)))
		}
		if v, err := p.CPUTimes(); err == nil {
			sink(uint64(v.User + v.System))
		}
		if v, err := p.MemoryInfo(); err == nil {
			sink(v.RSS + v.VMS)
		}
		if v, err := p.NumThreads(); err == nil {
			sink(uint64(v))
		}
		if v, err := p.Username(); err == nil {
			sink(uint64(len(v)))
		}
		if v, err := p.CreateTime(); err == nil {
			sink(uint64(v.Unix()))
		}
	}
	return n
}

// w2Scan: USS, PSS and swap of every pid. The *Process objects come from
// Processes(), which caches them across scans (process_iter semantics), so
// a warm scan reads no stat file. rollup: MemoryFootprint (psutil 8.0's
// memory_footprint: smaps_rollup only); full smaps: MemoryMaps(grouped=false),
// summed here.
func w2Scan(rollup bool) func() uint64 {
	return func() uint64 {
		n := 0
		for p, err := range psutil.Processes() {
			if err != nil {
				return 0
			}
			n++
			if rollup {
				if m, err := p.MemoryFootprint(); err == nil {
					sink(m.USS + m.PSS + m.Swap)
				}
				continue
			}
			maps, err := p.MemoryMaps(false)
			if err != nil {
				continue
			}
			var uss, pss, swap uint64
			for _, m := range maps {
				uss += m.PrivateClean + m.PrivateDirty
				pss += m.PSS
				swap += m.Swap
			}
			sink(uss + pss + swap)
		}
		return uint64(n)
	}
}

// selfCheckW1 runs the eight W1 getters once on this process, so that an
// unimplemented one is reported instead of timing error paths.
func selfCheckW1() error {
	for p, err := range psutil.Processes(w1Attrs...) {
		if err != nil {
			return err
		}
		if p.PID() != os.Getpid() {
			continue
		}
		errs := []error{}
		_, err = p.PPID()
		errs = append(errs, err)
		_, err = p.Name()
		errs = append(errs, err)
		_, err = p.Status()
		errs = append(errs, err)
		_, err = p.CPUTimes()
		errs = append(errs, err)
		_, err = p.MemoryInfo()
		errs = append(errs, err)
		_, err = p.NumThreads()
		errs = append(errs, err)
		_, err = p.Username()
		errs = append(errs, err)
		_, err = p.CreateTime()
		errs = append(errs, err)
		return errors.Join(errs...)
	}
	return errors.New("Processes did not yield this process")
}

func main() {
	w, count := wk.Init("ours")
	defer wk.Finish()
	switch w {
	case "W1":
		if wk.Usable("W1", "scan", "proc", selfCheckW1()) {
			wk.Measure("W1", "scan", "proc", 1, count, wk.Scans(w1Scan))
		}
	case "W2":
		self, err := psutil.NewProcess(os.Getpid())
		if err == nil {
			_, err = self.MemoryFootprint()
		}
		if wk.Usable("W2", "rollup", "proc", err) {
			wk.Measure("W2", "rollup", "proc", 1, count, wk.Scans(w2Scan(true)))
		}
		if err == nil {
			_, err = self.MemoryMaps(false)
		}
		if wk.Usable("W2", "smaps", "proc", err) {
			wk.Measure("W2", "smaps", "proc", 1, count, wk.Scans(w2Scan(false)))
		}
	case "W3":
		p, err := psutil.NewProcess(os.Getpid())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		calls := []func() error{
			func() error { v, err := p.PPID(); sink(uint64(v)); return err },
			func() error { v, err := p.Status(); sink(uint64(len(v))); return err },
			func() error { v, err := p.Name(); sink(uint64(len(v))); return err },
			func() error { v, err := p.NumThreads(); sink(uint64(v)); return err },
			func() error { v, err := p.MemoryInfo(); sink(v.RSS); return err },
			func() error { v, err := p.CPUTimes(); sink(uint64(v.User)); return err },
		}
		warm := count/50 + 1
		usable := true
		for i, fn := range calls {
			if !wk.Usable("W3", wk.W3Ops[i], "call", fn()) {
				usable = false
				continue
			}
			wk.Measure("W3", wk.W3Ops[i], "call", warm, count, wk.Calls(fn))
		}
		if !usable {
			wk.Missing("W3", "seq6", "call", "not measured: a call failed")
			wk.Missing("W3", "oneshot6", "call", "not measured: a call failed")
			return
		}
		seq := func(n int) uint64 {
			for i := 0; i < n; i++ {
				for _, fn := range calls {
					fn()
				}
			}
			return uint64(n * len(calls))
		}
		wk.Measure("W3", "seq6", "call", warm/6+1, count/6+1, seq)
		oneshot := func(n int) uint64 {
			for i := 0; i < n; i++ {
				_ = p.Oneshot(func() error {
					for _, fn := range calls {
						fn()
					}
					return nil
				})
			}
			return uint64(n * len(calls))
		}
		wk.Measure("W3", "oneshot6", "call", warm/6+1, count/6+1, oneshot)
	case "W4":
		fns := map[string]func() error{
			"cpu_times_percpu":         func() error { v, err := psutil.PerCPUTimes(); sink(uint64(len(v))); return err },
			"virtual_memory":           func() error { v, err := psutil.VirtualMemory(); sink(v.Total); return err },
			"swap_memory":              func() error { v, err := psutil.SwapMemory(); sink(v.Total); return err },
			"disk_io_counters_perdisk": func() error { v, err := psutil.PerDiskIOCounters(true); sink(uint64(len(v))); return err },
			"net_io_counters_pernic":   func() error { v, err := psutil.PerNICIOCounters(true); sink(uint64(len(v))); return err },
			"net_connections_inet":     func() error { v, err := psutil.NetConnections(psutil.ConnInet); sink(uint64(len(v))); return err },
			"disk_partitions":          func() error { v, err := psutil.DiskPartitions(false); sink(uint64(len(v))); return err },
			"boot_time":                func() error { v, err := psutil.BootTime(); sink(uint64(v.Unix())); return err },
			"users":                    func() error { v, err := psutil.Users(); sink(uint64(len(v))); return err },
		}
		for _, op := range wk.W4Ops {
			n := max(1, count/op.Div)
			if !wk.Usable("W4", op.Name, "call", fns[op.Name]()) {
				continue
			}
			wk.Measure("W4", op.Name, "call", 1, n, wk.Calls(fns[op.Name]))
		}
	default:
		fmt.Fprintln(os.Stderr, "wours: unknown workload", w)
		os.Exit(2)
	}
}
