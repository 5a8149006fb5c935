package main

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/psutil-go/psutil"
)

// overviewCommand runs when no subcommand is given.
var overviewCommand = &command{
	Name:    "overview",
	Usage:   "[--json] [-n TOP]",
	Summary: "one-screen system overview (the default)",
	Run:     runOverview,
}

func runOverview(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("psutil")
	top := fs.Int("n", 10, "number of processes to show")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	logical, _ := psutil.CPUCount(true)
	physical, _ := psutil.CPUCount(false)
	cpuPct, cpuErr := psutil.CPUPercent(context.Background(), 200*time.Millisecond)
	load, loadErr := psutil.LoadAvg()
	vm, err := psutil.VirtualMemory()
	if err != nil {
		return err
	}
	sw, err := psutil.SwapMemory()
	if err != nil {
		return err
	}
	parts, err := psutil.DiskPartitions(false)
	if err != nil {
		return err
	}
	var disks []diskJSON
	for _, p := range parts {
		u, err := psutil.DiskUsage(p.Mountpoint)
		if err != nil {
			continue
		}
		disks = append(disks, diskJSON{DiskPartitionStat: p, Usage: &u})
	}
	nics, err := psutil.PerNICIOCounters(false)
	if err != nil {
		return err
	}
	stats, _ := psutil.NetIfStats()
	scan, err := scanMemory()
	if err != nil {
		return err
	}
	// Biggest first, top N.
	procs := make([]procMem, len(scan.procs))
	for i, p := range scan.procs {
		procs[len(procs)-1-i] = p
	}
	if *top >= 0 && len(procs) > *top {
		procs = procs[:*top]
	}
	if ctx.JSON {
		out := map[string]any{
			"cpu_count":        map[string]int{"logical": logical, "physical": physical},
			"virtual_memory":   pick(vm, "svmem"),
			"swap_memory":      pick(sw, "sswap"),
			"disks":            nonNil(disks),
			"net_io_counters":  nics,
			"processes_by_uss": nonNil(procs),
			"access_denied":    len(scan.accessDenied),
			"failed":           len(scan.failed),
		}
		if cpuErr == nil {
			out["cpu_percent"] = cpuPct
		}
		if loadErr == nil {
			out["getloadavg"] = []float64{load.Load1, load.Load5, load.Load15}
		}
		return ctx.printJSON(out)
	}

	host, _ := os.Hostname()
	head := host + " (" + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if bt, err := psutil.BootTime(); err == nil {
		head += ", up " + fmtUptime(time.Since(bt))
	}
	ctx.printf("%s\n\n", head)
	t := newTable()
	cpuLine := itoa(logical) + " logical"
	if physical > 0 {
		cpuLine += " / " + itoa(physical) + " physical"
	}
	if cpuErr == nil {
		cpuLine += ", " + pct(cpuPct) + " used"
	}
	if loadErr == nil {
		cpuLine += ", load " + strings.Join([]string{f2(load.Load1), f2(load.Load5), f2(load.Load15)}, " ")
	}
	t.row("CPU", cpuLine)
	t.row("Memory", bytes2human(vm.Used)+" used of "+bytes2human(vm.Total)+" ("+pct(vm.Percent)+"), "+
		bytes2human(vm.Available)+" available")
	if sw.Total > 0 {
		t.row("Swap", bytes2human(sw.Used)+" used of "+bytes2human(sw.Total)+" ("+pct(sw.Percent)+")")
	} else {
		t.row("Swap", "none")
	}
	t.write(ctx.Stdout)

	ctx.printf("\nDisks\n")
	dt := newTable("Device", "Total", "Used", "Free", "Use", "Type", "Mount")
	for _, d := range disks {
		dt.row(d.Device, bytes2human(d.Usage.Total), bytes2human(d.Usage.Used),
			bytes2human(d.Usage.Free), pct(d.Usage.Percent), d.Fstype, d.Mountpoint)
	}
	dt.write(ctx.Stdout)

	ctx.printf("\nNetwork (since boot)\n")
	names := make([]string, 0, len(nics))
	for n := range nics {
		names = append(names, n)
	}
	sort.Strings(names)
	nt := newTable("NIC", "Up", "Sent", "Recv", "Pkts sent", "Pkts recv")
	for _, n := range names {
		c := nics[n]
		up := "?"
		if s, ok := stats[n]; ok {
			up = "no"
			if s.IsUp {
				up = "yes"
			}
		}
		nt.row(n, up, bytes2human(c.BytesSent), bytes2human(c.BytesRecv), c.PacketsSent, c.PacketsRecv)
	}
	nt.write(ctx.Stdout)

	ctx.printf("\nTop processes by USS\n")
	pt := newTable("PID", "User", "USS", "PSS", "Swap", "RSS", "Cmdline")
	for _, p := range procs {
		pt.row(p.PID, truncate(p.Username, 12), bytes2human(p.mem.USS), bytes2human(p.mem.PSS),
			bytes2human(p.mem.Swap), bytes2human(p.mem.RSS), truncate(cmdlineString(p.Cmdline, p.Name), 50))
	}
	pt.write(ctx.Stdout)
	total := len(scan.accessDenied) + len(scan.failed) + len(scan.procs) + scan.noUserMem
	if n := len(scan.accessDenied); n > 0 {
		ctx.printf("(%d of %d processes not readable without root; see `psutil procsmem`)\n", n, total)
	}
	if n := len(scan.failed); n > 0 {
		ctx.printf("(%d of %d processes could not be read, e.g.: %v)\n", n, total, scan.firstErr)
	}
	return nil
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// nonNil makes JSON print [] instead of null for empty slices.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
