package main

import (
	"errors"
	"sort"
	"time"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "iotop",
		Usage:   "iotop [--json] [-d SECONDS] [-n ROWS]",
		Summary: "per-process disk I/O over an interval, like iotop -b -n1",
		Run:     runIotop,
	})
}

type ioRate struct {
	PID        int     `json:"pid"`
	Username   string  `json:"username"`
	Name       string  `json:"name"`
	ReadBytes  float64 `json:"read_bytes"`  // per second
	WriteBytes float64 `json:"write_bytes"` // per second
}

// ioSnapshot reads the I/O counters of every process. denied counts
// access-denied ones, other the rest that failed (exited, kernel threads).
func ioSnapshot() (snapOut map[int]psutil.ProcessIOCountersStat, procsOut map[int]*psutil.Process, denied, other int, err error) {
	snap := map[int]psutil.ProcessIOCountersStat{}
	procs := map[int]*psutil.Process{}
	for p, err := range psutil.Processes() { // no prefetch: it would drop failures silently
		if err != nil {
			return nil, nil, 0, 0, err
		}
		c, err := p.IOCounters()
		if errors.Is(err, psutil.ErrAccessDenied) {
			denied++
			continue
		}
		if err != nil {
			other++
			continue
		}
		snap[p.PID()] = c
		procs[p.PID()] = p
	}
	return snap, procs, denied, other, nil
}

func runIotop(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("iotop")
	delay := fs.Float64("d", 1, "sampling interval in seconds")
	rows := fs.Int("n", 0, "show at most this many processes (0: all with I/O)")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	if *delay <= 0 {
		return usageErrorf("-d must be positive")
	}
	interval := time.Duration(*delay * float64(time.Second))
	disk1, derr := psutil.DiskIOCounters(false)
	s1, _, _, _, err := ioSnapshot()
	if err != nil {
		return err
	}
	t0 := time.Now()
	time.Sleep(interval)
	disk2, derr2 := psutil.DiskIOCounters(false)
	s2, procs, denied, other, err := ioSnapshot()
	if err != nil {
		return err
	}
	secs := time.Since(t0).Seconds()
	var rates []ioRate
	for pid, c2 := range s2 {
		c1, ok := s1[pid]
		if !ok {
			continue
		}
		r := ioRate{PID: pid,
			ReadBytes:  float64(c2.ReadBytes-min(c1.ReadBytes, c2.ReadBytes)) / secs,
			WriteBytes: float64(c2.WriteBytes-min(c1.WriteBytes, c2.WriteBytes)) / secs}
		p := procs[pid]
		r.Name, _ = p.Name()
		r.Username, _ = p.Username()
		rates = append(rates, r)
	}
	sort.Slice(rates, func(i, j int) bool {
		a, b := rates[i].ReadBytes+rates[i].WriteBytes, rates[j].ReadBytes+rates[j].WriteBytes
		if a != b {
			return a > b
		}
		return rates[i].PID < rates[j].PID
	})
	var totalR, totalW float64
	if derr == nil && derr2 == nil {
		totalR = float64(disk2.ReadBytes-min(disk1.ReadBytes, disk2.ReadBytes)) / secs
		totalW = float64(disk2.WriteBytes-min(disk1.WriteBytes, disk2.WriteBytes)) / secs
	}
	if ctx.JSON {
		if rates == nil {
			rates = []ioRate{}
		}
		return ctx.printJSON(map[string]any{
			"interval":         secs,
			"disk_read_bytes":  totalR,
			"disk_write_bytes": totalW,
			"processes":        rates,
			"access_denied":    denied,
			"unreadable":       other,
		})
	}
	ctx.printf("Total DISK READ: %s/s | Total DISK WRITE: %s/s\n",
		bytes2human(uint64(totalR)), bytes2human(uint64(totalW)))
	t := newTable("PID", "USER", "DISK READ", "DISK WRITE", "COMMAND")
	shown := 0
	for _, r := range rates {
		if *rows > 0 && shown >= *rows {
			break
		}
		if *rows == 0 && r.ReadBytes == 0 && r.WriteBytes == 0 {
			continue
		}
		t.row(r.PID, truncate(r.Username, 12), bytes2human(uint64(r.ReadBytes))+"/s",
			bytes2human(uint64(r.WriteBytes))+"/s", r.Name)
		shown++
	}
	t.write(ctx.Stdout)
	ctx.printf("%d processes sampled over %.1fs, %d with I/O shown", len(rates), secs, shown)
	if other > 0 {
		ctx.printf("; %d without I/O counters (exited, kernel threads)", other)
	}
	if denied > 0 {
		ctx.printf("; access denied for %d (run as root)", denied)
	}
	ctx.printf("\n")
	return nil
}
