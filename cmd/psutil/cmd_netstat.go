package main

import (
	"sort"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "netstat",
		Usage:   "netstat [--json] [--kind inet|tcp|udp|unix|all...]",
		Summary: "sockets with their process, like netstat -antp",
		Run:     runNetstat,
	})
}

type connJSON struct {
	psutil.ConnectionStat
	Name string `json:"name"` // process name, "" when unknown
}

func runNetstat(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("netstat")
	kind := fs.String("kind", "inet", "psutil kind: inet, inet4, inet6, tcp, tcp4, tcp6, udp, udp4, udp6, unix, all")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	conns, err := psutil.NetConnections(psutil.ConnKind(*kind))
	if err != nil {
		return err
	}
	names := map[int]string{}
	for p, err := range psutil.Processes("name") {
		if err != nil {
			break
		}
		if n, err := p.Name(); err == nil {
			names[p.PID()] = n
		}
	}
	sort.SliceStable(conns, func(i, j int) bool {
		a, b := conns[i], conns[j]
		if a.Family != b.Family || a.Type != b.Type {
			return protoName(a.Family, a.Type) < protoName(b.Family, b.Type)
		}
		if a.Laddr.IP != b.Laddr.IP {
			return a.Laddr.IP < b.Laddr.IP
		}
		return a.Laddr.Port < b.Laddr.Port
	})
	if ctx.JSON {
		out := make([]connJSON, 0, len(conns))
		for _, c := range conns {
			out = append(out, connJSON{c, names[c.PID]})
		}
		return ctx.printJSON(out)
	}
	t := newTable("Proto", "Local address", "Remote address", "Status", "PID", "Program name")
	for _, c := range conns {
		pid, name := "", ""
		if c.PID > 0 {
			pid = itoa(c.PID)
			name = names[c.PID]
		}
		status := string(c.Status)
		if status == string(psutil.ConnNone) {
			status = ""
		}
		t.row(protoName(c.Family, c.Type), addrString(c.Laddr), addrString(c.Raddr), status, pid, name)
	}
	t.write(ctx.Stdout)
	return nil
}
