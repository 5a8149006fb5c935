package main

import (
	"errors"
	"os"
	"strconv"
	"time"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "cgroup",
		Usage:   "cgroup [--json] [PID]",
		Summary: "cgroup paths, container limits and usage (default: this process)",
		Run:     runCgroup,
	})
}

// limitStr formats a cgroup limit in bytes ("max" when unlimited).
func limitStr(v int64) string {
	if v < 0 {
		return "max"
	}
	return bytes2human(uint64(v))
}

func countStr(v int64) string {
	if v < 0 {
		return "max"
	}
	return strconv.FormatInt(v, 10)
}

// usStr formats a CPU quota in microseconds ("max" when unlimited).
func usStr(v int64) string {
	if v < 0 {
		return "max"
	}
	return strconv.FormatInt(v, 10) + "us"
}

func cpusStr(v float64) string {
	if v < 0 {
		return "max"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func usecStr(us uint64) string {
	return (time.Duration(us) * time.Microsecond).Round(time.Millisecond).String()
}

func runCgroup(ctx *runCtx, args []string) error {
	pid := os.Getpid()
	self := true
	if len(args) > 0 {
		p, err := onePID(args)
		if err != nil {
			return err
		}
		pid, self = p, p == os.Getpid()
	}
	ents, err := psutil.CgroupOf(pid)
	if errors.Is(err, psutil.ErrNoSuchProcess) {
		return usageErrorf("no such process (pid %d)", pid)
	}
	if err != nil {
		return err
	}
	st, err := psutil.CgroupStats(pid)
	if err != nil {
		return err
	}
	// Pressure is optional: nil without a v2 cgroup or PSI.
	var psi *psutil.PressureStat
	if p, err := psutil.CgroupPressure(pid); err == nil {
		psi = &p
	}
	// The container view exists for the calling process only.
	var ncpu *int
	var cmem *psutil.ContainerMemoryStat
	if self {
		if n, err := psutil.EffectiveCPUCount(); err == nil {
			ncpu = &n
		}
		if m, err := psutil.ContainerVirtualMemory(); err == nil {
			cmem = &m
		}
	}
	if ctx.JSON {
		out := map[string]any{"pid": pid, "cgroups": ents, "stats": st, "pressure": psi}
		if self {
			out["effective_cpu_count"] = ncpu
			out["container_virtual_memory"] = cmem
		}
		return ctx.printJSON(out)
	}

	ctx.printf("cgroups of pid %d:\n", pid)
	t := newTable("ID", "VER", "CONTROLLERS", "PATH", "DIR")
	for _, e := range ents {
		dir := e.Dir
		if dir == "" {
			dir = "-"
		}
		ctl := e.Controllers
		if ctl == "" {
			ctl = "-"
		}
		t.row(e.HierarchyID, e.Version, ctl, e.Path, dir)
	}
	t.write(ctx.Stdout)
	ctx.printf("\n")

	t = newTable("CONTROLLER", "VER", "LIMIT", "USAGE", "DETAILS")
	if m := st.Memory; m != nil {
		t.row("memory", m.Version, limitStr(m.Max), bytes2human(m.Current),
			"high="+limitStr(m.High)+" effective_max="+limitStr(m.EffectiveMax)+
				" inactive_file="+bytes2human(m.InactiveFile)+
				" oom="+strconv.FormatUint(m.OOM, 10)+" oom_kill="+strconv.FormatUint(m.OOMKill, 10))
		t.row("swap", m.Version, limitStr(m.SwapMax), bytes2human(m.SwapCurrent), "")
	} else {
		t.row("memory", "-", "-", "-", "controller not available")
	}
	if c := st.CPU; c != nil {
		t.row("cpu", c.Version, cpusStr(c.Limit), usecStr(c.UsageUS),
			"quota="+usStr(c.QuotaUS)+" period="+strconv.FormatUint(c.PeriodUS, 10)+"us"+
				" effective="+cpusStr(c.EffectiveLimit)+
				" throttled="+strconv.FormatUint(c.NrThrottled, 10)+"/"+strconv.FormatUint(c.NrPeriods, 10)+
				" ("+usecStr(c.ThrottledUS)+")")
	} else {
		t.row("cpu", "-", "-", "-", "controller not available")
	}
	if p := st.Pids; p != nil {
		t.row("pids", p.Version, countStr(p.Max), p.Current, "")
	} else {
		t.row("pids", "-", "-", "-", "controller not available")
	}
	t.write(ctx.Stdout)

	if st.IOVersion == 0 {
		ctx.printf("\nio: controller not available\n")
	} else if len(st.IO) > 0 {
		ctx.printf("\n")
		t = newTable("DEVICE", "READ", "WRITE", "READS", "WRITES", "DISCARD")
		for _, d := range st.IO {
			t.row(d.Device, bytes2human(d.ReadBytes), bytes2human(d.WriteBytes), d.ReadIOs, d.WriteIOs, bytes2human(d.DiscardBytes))
		}
		t.write(ctx.Stdout)
	}
	if psi != nil {
		ctx.printf("\n")
		writePressure(ctx, *psi)
	}
	if ncpu != nil || cmem != nil {
		ctx.printf("\n")
	}
	if ncpu != nil {
		ctx.printf("effective CPUs: %d\n", *ncpu)
	}
	if cmem != nil {
		lim := "host RAM"
		if cmem.Limited {
			lim = "cgroup limit"
		}
		ctx.printf("container memory: total %s (%s), used %s, available %s, %s\n",
			bytes2human(cmem.Total), lim, bytes2human(cmem.Used), bytes2human(cmem.Available), pct(cmem.Percent))
	}
	return nil
}
