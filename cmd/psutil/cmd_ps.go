package main

import (
	"strconv"
	"time"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "ps",
		Usage:   "ps [--json] [-w]",
		Summary: "every process, like ps aux",
		Run:     runPs,
	})
}

var psAttrs = []string{"username", "name", "cmdline", "status", "nice", "create_time",
	"memory_info", "memory_percent", "cpu_times", "terminal"}

func runPs(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("ps")
	wide := fs.Bool("w", false, "do not truncate command lines")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	var out []map[string]any
	t := newTable("USER", "PID", "%MEM", "VSZ", "RSS", "NICE", "STATUS", "START", "TIME", "CMDLINE")
	today := time.Now().Format("2006-01-02")
	for p, err := range psutil.Processes(psAttrs...) {
		if err != nil {
			return err
		}
		// AsDict answers from the prefetched values; access-denied
		// values become nil (psutil's ad_value=None).
		d, err := p.AsDict(append([]string{"pid"}, psAttrs...), nil)
		if err != nil {
			continue // exited meanwhile
		}
		for k, kind := range attrKinds {
			if v, ok := d[k]; ok && v != nil {
				d[k] = pick(v, kind)
			}
		}
		out = append(out, d)
		if ctx.JSON {
			continue
		}
		user, _ := d["username"].(string)
		name, _ := d["name"].(string)
		cmd, _ := d["cmdline"].([]string)
		status, _ := d["status"].(psutil.Status)
		mem, vsz, rss, nice, start, cpu := "", "", "", "", "", ""
		if v, ok := d["memory_percent"].(float64); ok {
			mem = f1(v)
		}
		if m, err := p.MemoryInfo(); err == nil {
			vsz, rss = bytes2human(m.VMS), bytes2human(m.RSS)
		}
		if v, ok := d["nice"].(int); ok {
			nice = itoa(v)
		}
		if ct, ok := d["create_time"].(float64); ok {
			st := time.Unix(int64(ct), 0)
			if st.Format("2006-01-02") == today {
				start = st.Format("15:04")
			} else {
				start = st.Format("Jan02")
			}
		}
		if c, err := p.CPUTimes(); err == nil {
			s := int(c.User + c.System)
			cpu = itoa(s/60) + ":" + pad2(s%60)
		}
		width := 60
		if *wide {
			width = 0
		}
		t.row(truncate(user, 10), p.PID(), mem, vsz, rss, nice, string(status), start, cpu,
			truncate(cmdlineString(cmd, name), width))
	}
	if ctx.JSON {
		return ctx.printJSON(nonNil(out))
	}
	t.write(ctx.Stdout)
	return nil
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
