// Command wgopsutil runs the benchmark workloads W1-W4 with gopsutil v4
// (bench/README.md). usage: wgopsutil W1|W2|W3|W4 COUNT
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/psutil-go/psutil/bench/internal/wk"
	"github.com/shirou/gopsutil/v4/cpu"
	"github.com/shirou/gopsutil/v4/disk"
	"github.com/shirou/gopsutil/v4/host"
	"github.com/shirou/gopsutil/v4/mem"
	"github.com/shirou/gopsutil/v4/net"
	"github.com/shirou/gopsutil/v4/process"
)

func sink(v uint64) { wk.Sink += v }

// w1Scan is the top-like scan: every pid, eight getters each, errors
// (vanished or unreadable processes) ignored as a monitor would.
func w1Scan() uint64 {
	procs, err := process.Processes()
	if err != nil {
		return 0
	}
	for _, p := range procs {
		if v, err := p.Ppid(); err == nil {
			sink(uint64(v))
		}
		if v, err := p.Name(); err == nil {
			sink(uint64(len(v)))
		}
		if v, err := p.Status(); err == nil {
			sink(uint64(len(v)))
		}
		if v, err := p.Times(); err == nil {
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
			sink(uint64(v))
		}
	}
	return uint64(len(procs))
}

// w2Scan: gopsutil has no USS. Its closest equivalent is MemoryMaps:
// grouped=true reads smaps_rollup (when present) into one entry, and
// grouped=false parses the full smaps into one entry per mapping, which we
// sum. USS is then PrivateClean+PrivateDirty, computed here.
func w2Scan(grouped bool) func() uint64 {
	return func() uint64 {
		pids, err := process.Pids()
		if err != nil {
			return 0
		}
		for _, pid := range pids {
			p, err := process.NewProcess(pid)
			if err != nil {
				continue
			}
			maps, err := p.MemoryMaps(grouped)
			if err != nil || maps == nil {
				continue
			}
			var uss, pss, swap uint64
			for _, m := range *maps {
				uss += m.PrivateClean + m.PrivateDirty
				pss += m.Pss
				swap += m.Swap
			}
			sink(uss + pss + swap)
		}
		return uint64(len(pids))
	}
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				if d.Path == "github.com/shirou/gopsutil/v4" {
					fmt.Println(d.Version)
				}
			}
		}
		return
	}
	w, count := wk.Init("gopsutil")
	defer wk.Finish()
	switch w {
	case "W1":
		wk.Measure("W1", "scan", "proc", 1, count, wk.Scans(w1Scan))
	case "W2":
		wk.Measure("W2", "rollup", "proc", 1, count, wk.Scans(w2Scan(true)))
		wk.Measure("W2", "smaps", "proc", 1, count, wk.Scans(w2Scan(false)))
	case "W3":
		p, err := process.NewProcess(int32(os.Getpid()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		calls := []func() error{
			func() error { v, err := p.Ppid(); sink(uint64(v)); return err },
			func() error { v, err := p.Status(); sink(uint64(len(v))); return err },
			func() error { v, err := p.Name(); sink(uint64(len(v))); return err },
			func() error { v, err := p.NumThreads(); sink(uint64(v)); return err },
			func() error { v, err := p.MemoryInfo(); sink(v.RSS); return err },
			func() error { v, err := p.Times(); sink(uint64(v.User)); return err },
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
		wk.Missing("W3", "oneshot6", "call", "gopsutil has no oneshot/cache context")
	case "W4":
		fns := map[string]func() error{
			"cpu_times_percpu":         func() error { v, err := cpu.Times(true); sink(uint64(len(v))); return err },
			"virtual_memory":           func() error { v, err := mem.VirtualMemory(); sink(v.Total); return err },
			"swap_memory":              func() error { v, err := mem.SwapMemory(); sink(v.Total); return err },
			"disk_io_counters_perdisk": func() error { v, err := disk.IOCounters(); sink(uint64(len(v))); return err },
			"net_io_counters_pernic":   func() error { v, err := net.IOCounters(true); sink(uint64(len(v))); return err },
			"net_connections_inet":     func() error { v, err := net.Connections("inet"); sink(uint64(len(v))); return err },
			"disk_partitions":          func() error { v, err := disk.Partitions(false); sink(uint64(len(v))); return err },
			"boot_time":                func() error { v, err := host.BootTime(); sink(v); return err },
			"users":                    func() error { v, err := host.Users(); sink(uint64(len(v))); return err },
		}
		for _, op := range wk.W4Ops {
			n := max(1, count/op.Div)
			if !wk.Usable("W4", op.Name, "call", fns[op.Name]()) {
				continue
			}
			wk.Measure("W4", op.Name, "call", 1, n, wk.Calls(fns[op.Name]))
		}
	default:
		fmt.Fprintln(os.Stderr, "wgopsutil: unknown workload", w)
		os.Exit(2)
	}
}
