package main

import (
	"sort"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "ifconfig",
		Usage:   "ifconfig [--json]",
		Summary: "network interfaces: addresses, state and I/O counters",
		Run:     runIfconfig,
	})
}

type nicJSON struct {
	Stats      *psutil.NICStatsStat      `json:"stats"`
	IOCounters *psutil.NetIOCountersStat `json:"io_counters"`
	Addrs      []psutil.NICAddrStat      `json:"addrs"`
}

var duplexNames = map[psutil.NICDuplex]string{
	psutil.NIC_DUPLEX_FULL:    "full",
	psutil.NIC_DUPLEX_HALF:    "half",
	psutil.NIC_DUPLEX_UNKNOWN: "?",
}

func runIfconfig(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	addrs, err := psutil.NetIfAddrs()
	if err != nil {
		return err
	}
	stats, err := psutil.NetIfStats()
	if err != nil {
		return err
	}
	io, err := psutil.PerNICIOCounters(false)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for n := range addrs {
		names[n] = true
	}
	for n := range stats {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	out := map[string]nicJSON{}
	for _, n := range sorted {
		var j nicJSON
		if s, ok := stats[n]; ok {
			j.Stats = &s
		}
		if c, ok := io[n]; ok {
			j.IOCounters = &c
		}
		j.Addrs = addrs[n]
		if j.Addrs == nil {
			j.Addrs = []psutil.NICAddrStat{}
		}
		out[n] = j
	}
	if ctx.JSON {
		return ctx.printJSON(out)
	}
	for i, n := range sorted {
		j := out[n]
		if i > 0 {
			ctx.printf("\n")
		}
		ctx.printf("%s:\n", n)
		if s := j.Stats; s != nil {
			up := "no"
			if s.IsUp {
				up = "yes"
			}
			ctx.printf("    stats          : speed=%dMB, duplex=%s, mtu=%d, up=%s\n",
				s.Speed, duplexNames[s.Duplex], s.MTU, up)
			if s.Flags != "" {
				ctx.printf("    flags          : %s\n", s.Flags)
			}
		}
		if c := j.IOCounters; c != nil {
			ctx.printf("    incoming       : bytes=%s, pkts=%d, errs=%d, drops=%d\n",
				bytes2human(c.BytesRecv), c.PacketsRecv, c.Errin, c.Dropin)
			ctx.printf("    outgoing       : bytes=%s, pkts=%d, errs=%d, drops=%d\n",
				bytes2human(c.BytesSent), c.PacketsSent, c.Errout, c.Dropout)
		}
		for _, a := range j.Addrs {
			ctx.printf("    %-4s address   : %s\n", familyName(a.Family), a.Address)
			if a.Broadcast != "" {
				ctx.printf("         broadcast : %s\n", a.Broadcast)
			}
			if a.Netmask != "" {
				ctx.printf("         netmask   : %s\n", a.Netmask)
			}
			if a.Ptp != "" {
				ctx.printf("         p2p       : %s\n", a.Ptp)
			}
		}
	}
	return nil
}
