package main

import (
	"errors"
	"sort"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "procsmem",
		Usage:   "procsmem [--json] [-w]",
		Summary: "processes sorted by USS, with PSS, swap and RSS (like smem)",
		Run:     runProcsmem,
	})
}

// procMem is one process of procsmem; the JSON keys are psutil's
// as_dict(["pid", "username", "cmdline", "name", "memory_full_info"]).
type procMem struct {
	PID      int      `json:"pid"`
	Username string   `json:"username"`
	Name     string   `json:"name"`
	Cmdline  []string `json:"cmdline"`
	Mem      any      `json:"memory_full_info"`
	mem      psutil.MemoryFullInfoStat
}

// memScan is the result of one pass over all processes.
type memScan struct {
	procs        []procMem // readable, with USS > 0, sorted by USS ascending
	accessDenied []int     // pids whose memory we may not read
	noUserMem    int       // readable but USS 0 (kernel threads)
	gone         int       // vanished while being read
	failed       []int     // other errors
	firstErr     error     // the first of those
}

func scanMemory() (memScan, error) {
	var s memScan
	// memory_full_info is not prefetched: Processes drops a process whose
	// prefetch says "no such process", and we want to count those.
	for p, err := range psutil.Processes("name", "username", "cmdline") {
		if err != nil {
			return s, err
		}
		m, err := p.MemoryFullInfo()
		switch {
		case errors.Is(err, psutil.ErrAccessDenied):
			s.accessDenied = append(s.accessDenied, p.PID())
			continue
		case errors.Is(err, psutil.ErrZombieProcess):
			s.noUserMem++
			continue
		case errors.Is(err, psutil.ErrNoSuchProcess):
			if p.IsRunning() {
				// Kernel threads: smaps_rollup gives ESRCH while the
				// PID lives on (psutil raises ZombieProcess there).
				s.noUserMem++
			} else {
				s.gone++
			}
			continue
		case err != nil:
			// Not a "normal" per-process failure (e.g. wine's
			// QueryWorkingSet): count it, keep the first message.
			s.failed = append(s.failed, p.PID())
			if s.firstErr == nil {
				s.firstErr = err
			}
			continue
		}
		if m.USS == 0 {
			s.noUserMem++
			continue
		}
		name, _ := p.Name()
		user, _ := p.Username()
		cmd, _ := p.Cmdline()
		if cmd == nil {
			cmd = []string{}
		}
		s.procs = append(s.procs, procMem{PID: p.PID(), Username: user, Name: name,
			Cmdline: cmd, Mem: pick(m, "pfullmem"), mem: m})
	}
	sort.SliceStable(s.procs, func(i, j int) bool { return s.procs[i].mem.USS < s.procs[j].mem.USS })
	return s, nil
}

func runProcsmem(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("procsmem")
	wide := fs.Bool("w", false, "do not truncate command lines")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	s, err := scanMemory()
	if err != nil {
		return err
	}
	if ctx.JSON {
		procs := s.procs
		if procs == nil {
			procs = []procMem{}
		}
		ad := s.accessDenied
		if ad == nil {
			ad = []int{}
		}
		return ctx.printJSON(map[string]any{
			"processes":           procs,
			"access_denied_pids":  ad,
			"no_user_memory":      s.noUserMem,
			"gone_while_scanning": s.gone,
			"failed_pids":         nonNil(s.failed),
		})
	}
	width := 60
	if *wide {
		width = 0
	}
	t := newTable("PID", "User", "USS", "PSS", "Swap", "RSS", "Cmdline")
	for _, p := range s.procs {
		t.row(p.PID, truncate(p.Username, 12), bytes2human(p.mem.USS), bytes2human(p.mem.PSS),
			bytes2human(p.mem.Swap), bytes2human(p.mem.RSS), truncate(cmdlineString(p.Cmdline, p.Name), width))
	}
	t.write(ctx.Stdout)
	printScanSummary(ctx, s)
	return nil
}

func printScanSummary(ctx *runCtx, s memScan) {
	ctx.printf("%d processes shown", len(s.procs))
	if s.noUserMem > 0 {
		ctx.printf("; %d without user memory (kernel threads, zombies) skipped", s.noUserMem)
	}
	if s.gone > 0 {
		ctx.printf("; %d exited while being read", s.gone)
	}
	ctx.printf("\n")
	if n := len(s.accessDenied); n > 0 {
		ctx.printf("warning: access denied for %d processes (their USS/PSS need root)\n", n)
	}
	if n := len(s.failed); n > 0 {
		ctx.printf("warning: %d processes could not be read, e.g.: %v\n", n, s.firstErr)
	}
}
