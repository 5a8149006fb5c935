package main

import (
	"strings"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "pmap",
		Usage:   "pmap [--json] PID",
		Summary: "memory maps of a process, like pmap(1)",
		Run:     runPmap,
	})
}

func runPmap(ctx *runCtx, args []string) error {
	pid, err := onePID(args)
	if err != nil {
		return err
	}
	p, err := openProcess(pid)
	if err != nil {
		return err
	}
	maps, err := p.MemoryMaps(false)
	if err != nil {
		return err
	}
	if ctx.JSON {
		if maps == nil {
			maps = []psutil.MemoryMapStat{}
		}
		return ctx.printJSON(maps)
	}
	name, _ := p.Name()
	cmd, _ := p.Cmdline()
	ctx.printf("pid=%d, name=%s\n", pid, cmdlineString(cmd, name))
	t := newTable("Address", "RSS", "Mode", "Mapping")
	var total uint64
	for _, m := range maps {
		total += m.RSS
		addr, _, _ := strings.Cut(m.Addr, "-")
		if len(addr) < 16 {
			addr = strings.Repeat("0", 16-len(addr)) + addr
		}
		t.row(addr, bytes2human(m.RSS), m.Perms, m.Path)
	}
	t.row("Total", bytes2human(total), "", "")
	t.write(ctx.Stdout)
	return nil
}
