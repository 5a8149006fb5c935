package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "procinfo",
		Usage:   "procinfo [--json] PID",
		Summary: "everything about one process",
		Run:     runProcinfo,
	})
}

// attrKinds maps as_dict keys to the namedtuple kind used to trim the
// union structs to psutil's fields.
var attrKinds = map[string]string{
	"memory_info":      "pmem",
	"memory_full_info": "pfullmem",
	"io_counters":      "pio",
	"cpu_times":        "pcputimes",
	"num_ctx_switches": "pctxsw",
}

func runProcinfo(ctx *runCtx, args []string) error {
	pid, err := onePID(args)
	if err != nil {
		return err
	}
	p, err := openProcess(pid)
	if err != nil {
		return err
	}
	d, err := p.AsDict(nil, nil)
	if err != nil {
		return err
	}
	for k, kind := range attrKinds {
		if v, ok := d[k]; ok && v != nil {
			d[k] = pick(v, kind)
		}
	}
	if ctx.JSON {
		return ctx.printJSON(d)
	}
	t := newTable()
	str := func(k string) string {
		v, ok := d[k]
		if !ok {
			return "(not available)"
		}
		if v == nil {
			return "(access denied)"
		}
		return fmt.Sprint(v)
	}
	t.row("pid", pid)
	t.row("name", str("name"))
	parent := str("ppid")
	if pp, err := p.Parent(); err == nil && pp != nil {
		if n, err := pp.Name(); err == nil {
			parent += " (" + n + ")"
		}
	}
	t.row("parent", parent)
	t.row("exe", str("exe"))
	t.row("cwd", str("cwd"))
	if c, ok := d["cmdline"].([]string); ok {
		t.row("cmdline", strings.Join(c, " "))
	} else {
		t.row("cmdline", str("cmdline"))
	}
	if ct, ok := d["create_time"].(float64); ok {
		t.row("started", time.Unix(int64(ct), 0).Format("2006-01-02 15:04:05"))
	}
	if ct, err := p.CPUTimes(); err == nil {
		t.row("cpu-tspent", fmtCPUTime(ct.User+ct.System))
		t.row("cpu-times", kv(pick(ct, "pcputimes"), false))
	}
	t.row("cpu-affinity", str("cpu_affinity"))
	kvRow(t, d, "memory", "memory_info", true)
	kvRow(t, d, "memory-full", "memory_full_info", true)
	if v, ok := d["memory_percent"].(float64); ok {
		t.row("memory %", fmt.Sprintf("%.2f", v))
	}
	t.row("user", str("username"))
	kvRow(t, d, "uids", "uids", false)
	kvRow(t, d, "gids", "gids", false)
	t.row("terminal", str("terminal"))
	t.row("status", str("status"))
	t.row("nice", str("nice"))
	kvRow(t, d, "ionice", "ionice", false)
	t.row("num-threads", str("num_threads"))
	t.row("num-fds", str("num_fds"))
	kvRow(t, d, "I/O", "io_counters", true)
	kvRow(t, d, "ctx-switches", "num_ctx_switches", false)
	t.write(ctx.Stdout)

	if kids, err := p.Children(false); err == nil && len(kids) > 0 {
		ctx.printf("\nchildren:\n")
		kt := newTable("PID", "NAME")
		for _, k := range kids {
			n, _ := k.Name()
			kt.row(k.PID(), n)
		}
		kt.write(ctx.Stdout)
	}
	if files, ok := d["open_files"].([]psutil.OpenFileStat); ok && len(files) > 0 {
		ctx.printf("\nopen-files:\n")
		ft := newTable("FD", "PATH")
		for _, f := range files {
			ft.row(f.FD, f.Path)
		}
		ft.write(ctx.Stdout)
	}
	if conns, ok := d["net_connections"].([]psutil.ConnectionStat); ok && len(conns) > 0 {
		ctx.printf("\nconnections:\n")
		ct := newTable("PROTO", "LOCAL ADDR", "REMOTE ADDR", "STATUS")
		for _, c := range conns {
			ct.row(protoName(c.Family, c.Type), addrString(c.Laddr), addrString(c.Raddr), string(c.Status))
		}
		ct.write(ctx.Stdout)
	}
	if threads, ok := d["threads"].([]psutil.ThreadStat); ok && len(threads) > 0 {
		ctx.printf("\nthreads:\n")
		tt := newTable("TID", "USER", "SYSTEM")
		for i, th := range threads {
			if i == 10 {
				tt.row("...", "", "")
				break
			}
			tt.row(th.ID, fmt.Sprintf("%.2f", th.UserTime), fmt.Sprintf("%.2f", th.SystemTime))
		}
		tt.write(ctx.Stdout)
	}
	if maps, ok := d["memory_maps"].([]psutil.MemoryMapStat); ok && len(maps) > 0 {
		sort.Slice(maps, func(i, j int) bool { return maps[i].RSS > maps[j].RSS })
		ctx.printf("\nmem-maps (largest RSS):\n")
		mt := newTable("RSS", "PATH")
		for i, m := range maps {
			if i == 10 {
				break
			}
			mt.row(bytes2human(m.RSS), m.Path)
		}
		mt.write(ctx.Stdout)
	}
	return nil
}

// kv formats a struct or map as "k=v, k=v" in key order; sizes=true
// formats integers with bytes2human.
func kv(v any, sizes bool) string {
	m := toMap(v)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		s := fmt.Sprint(m[k])
		if sizes && !strings.HasSuffix(k, "_count") {
			var n uint64
			if _, err := fmt.Sscan(s, &n); err == nil && fmt.Sprint(n) == s {
				s = bytes2human(n)
			}
		}
		parts = append(parts, k+"="+s)
	}
	return strings.Join(parts, ", ")
}

// kvRow adds a "k=v, ..." row for attribute key, or says why it is missing.
func kvRow(t *table, d map[string]any, label, key string, sizes bool) {
	v, ok := d[key]
	switch {
	case !ok:
		t.row(label, "(not available)")
	case v == nil:
		t.row(label, "(access denied)")
	default:
		t.row(label, kv(v, sizes))
	}
}
