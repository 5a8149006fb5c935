package main

import (
	"errors"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "pressure",
		Usage:   "pressure [--json] [PID]",
		Summary: "PSI pressure stall information (system-wide, or of PID's cgroup)",
		Run:     runPressure,
	})
}

func runPressure(ctx *runCtx, args []string) error {
	var st psutil.PressureStat
	var err error
	if len(args) > 0 {
		pid, perr := onePID(args)
		if perr != nil {
			return perr
		}
		st, err = psutil.CgroupPressure(pid)
		if errors.Is(err, psutil.ErrNoSuchProcess) {
			return usageErrorf("no such process (pid %d)", pid)
		}
	} else {
		st, err = psutil.Pressure()
	}
	if err != nil {
		return err
	}
	if ctx.JSON {
		return ctx.printJSON(st)
	}
	writePressure(ctx, st)
	return nil
}

// writePressure prints one row per available resource.
func writePressure(ctx *runCtx, st psutil.PressureStat) {
	t := newTable("PRESSURE", "SOME10", "SOME60", "SOME300", "SOME_TOTAL", "FULL10", "FULL60", "FULL300", "FULL_TOTAL")
	for _, r := range []struct {
		name string
		v    *psutil.PressureResourceStat
	}{{"cpu", st.CPU}, {"memory", st.Memory}, {"io", st.IO}, {"irq", st.IRQ}} {
		if r.v == nil {
			continue
		}
		s, f := r.v.Some, r.v.Full
		full := []any{"-", "-", "-", "-"}
		if r.v.HasFull {
			full = []any{pct(f.Avg10), pct(f.Avg60), pct(f.Avg300), usecStr(f.Total)}
		}
		some := []any{pct(s.Avg10), pct(s.Avg60), pct(s.Avg300), usecStr(s.Total)}
		if r.name == "irq" { // irq has a "full" line only
			some = []any{"-", "-", "-", "-"}
		}
		t.row(append(append([]any{r.name}, some...), full...)...)
	}
	t.write(ctx.Stdout)
}
