package main

import (
	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "disk",
		Usage:   "disk [--json] [--all]",
		Summary: "mounted filesystems and their usage, like df -h",
		Run:     runDisk,
	})
}

type diskJSON struct {
	psutil.DiskPartitionStat
	Usage *psutil.DiskUsageStat `json:"usage"`
}

func runDisk(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("disk")
	all := fs.Bool("all", false, "include pseudo filesystems")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	parts, err := psutil.DiskPartitions(*all)
	if err != nil {
		return err
	}
	var out []diskJSON
	t := newTable("Device", "Total", "Used", "Free", "Use", "Type", "Mount")
	for _, p := range parts {
		u, err := psutil.DiskUsage(p.Mountpoint)
		d := diskJSON{DiskPartitionStat: p}
		if err == nil {
			d.Usage = &u
		}
		out = append(out, d)
		dev := p.Device
		if dev == "" {
			dev = "none"
		}
		if err != nil {
			// psutil's disk_usage.py skips what it can't stat (e.g. an
			// empty CD-ROM); we show the row with dashes.
			t.row(dev, "-", "-", "-", "-", p.Fstype, p.Mountpoint)
			continue
		}
		t.row(dev, bytes2human(u.Total), bytes2human(u.Used), bytes2human(u.Free),
			pct(u.Percent), p.Fstype, p.Mountpoint)
	}
	if ctx.JSON {
		if out == nil {
			out = []diskJSON{}
		}
		return ctx.printJSON(out)
	}
	t.write(ctx.Stdout)
	return nil
}
