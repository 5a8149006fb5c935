package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/psutil-go/psutil"
	"github.com/psutil-go/psutil/exitfunc"
)

func init() {
	register(&command{
		Name:    "top",
		Usage:   "top [--json] [-d SECONDS] [-n FRAMES]",
		Summary: "refreshing process list; q quits, m/p sort by memory/CPU",
		Run:     runTop,
	})
}

// topProc is one row; JSON keys are psutil's attribute names.
type topProc struct {
	PID           int     `json:"pid"`
	Username      string  `json:"username"`
	Name          string  `json:"name"`
	Status        string  `json:"status"`
	Nice          int     `json:"nice"`
	MemoryInfo    any     `json:"memory_info"`
	MemoryPercent float64 `json:"memory_percent"`
	CPUPercent    float64 `json:"cpu_percent"`
	CPUTimes      any     `json:"cpu_times"`
	rss, vms      uint64
	cpuTime       float64
}

var topAttrs = []string{"username", "name", "status", "nice", "memory_info",
	"memory_percent", "cpu_percent", "cpu_times"}

// topSample reads every process; cpu_percent is relative to the previous
// call (Processes caches Process values across calls). It stops early,
// with partial data, once quit is set (q pressed during a slow scan).
func topSample(quit *atomic.Bool) ([]topProc, map[string]int, error) {
	var out []topProc
	states := map[string]int{}
	for p, err := range psutil.Processes(topAttrs...) {
		if err != nil {
			return nil, nil, err
		}
		if quit != nil && quit.Load() {
			break
		}
		tp := topProc{PID: p.PID()}
		tp.Name, _ = p.Name()
		tp.Username, _ = p.Username()
		if st, err := p.Status(); err == nil {
			tp.Status = string(st)
		}
		states[tp.Status]++
		tp.Nice, _ = p.Nice()
		if m, err := p.MemoryInfo(); err == nil {
			tp.MemoryInfo = pick(m, "pmem")
			tp.rss, tp.vms = m.RSS, m.VMS
		}
		tp.MemoryPercent, _ = p.MemoryPercent("rss")
		tp.CPUPercent, _ = p.CPUPercent(context.Background(), 0)
		if ct, err := p.CPUTimes(); err == nil {
			tp.CPUTimes = pick(ct, "pcputimes")
			tp.cpuTime = ct.User + ct.System
		}
		out = append(out, tp)
	}
	return out, states, nil
}

type topState struct {
	mu      sync.Mutex
	sortMem bool
}

func runTop(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("top")
	delay := fs.Float64("d", 1, "refresh interval in seconds")
	frames := fs.Int("n", 0, "exit after this many frames (0: until q; 1 when not on a terminal)")
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
	cpu := psutil.NewCPUSampler()
	// Prime per-process CPU counters, as top.py does.
	var quit atomic.Bool
	if _, _, err := topSample(nil); err != nil {
		return err
	}
	if ctx.JSON {
		time.Sleep(interval)
		procs, _, err := topSample(nil)
		if err != nil {
			return err
		}
		sortTop(procs, false)
		total, _ := cpu.Percent()
		return ctx.printJSON(map[string]any{"cpu_percent": total, "processes": procs})
	}

	in, _ := ctx.Stdin.(*os.File)
	out, _ := ctx.Stdout.(*os.File)
	var tty *terminal
	if in != nil && out != nil {
		tty = openTerminal(in, out) // nil when not a terminal (or not supported)
	}
	if tty == nil && *frames == 0 {
		*frames = 1 // batch mode, like top -b -n 1
	}
	keys := make(chan byte, 8)
	if tty != nil {
		restore := tty.makeRaw()
		defer restore()
		// If a signal ends us, give the terminal back first.
		_ = exitfunc.Register(restore, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
		go func() {
			b := make([]byte, 1)
			for {
				n, err := in.Read(b)
				if err != nil {
					close(keys)
					return
				}
				if n == 1 {
					if b[0] == 'q' || b[0] == 'Q' || b[0] == 3 {
						quit.Store(true)
					}
					keys <- b[0]
				}
			}
		}()
	} else {
		time.Sleep(min(interval, 500*time.Millisecond))
	}
	var st topState
	for frame := 1; ; frame++ {
		procs, states, err := topSample(&quit)
		if err != nil {
			return err
		}
		if quit.Load() {
			return nil
		}
		st.mu.Lock()
		sortTop(procs, st.sortMem)
		st.mu.Unlock()
		rows, cols := 0, 0
		if tty != nil {
			rows, cols = tty.size()
		}
		var b strings.Builder
		renderTop(&b, cpu, procs, states, rows, cols)
		if tty != nil {
			io.WriteString(out, "\x1b[H\x1b[2J"+strings.ReplaceAll(b.String(), "\n", "\r\n"))
		} else {
			if frame > 1 {
				ctx.printf("\n")
			}
			ctx.printf("%s", b.String())
		}
		if *frames > 0 && frame >= *frames {
			return nil
		}
		timer := time.NewTimer(interval)
	wait:
		for {
			select {
			case <-timer.C:
				break wait
			case k, ok := <-keys:
				if !ok || k == 'q' || k == 'Q' || k == 3 { // 3: ^C without ISIG
					timer.Stop()
					return nil
				}
				st.mu.Lock()
				switch k {
				case 'm', 'M':
					st.sortMem = true
				case 'p', 'P':
					st.sortMem = false
				}
				st.mu.Unlock()
			}
		}
	}
}

func sortTop(procs []topProc, byMem bool) {
	sort.SliceStable(procs, func(i, j int) bool {
		a, b := procs[i], procs[j]
		if byMem {
			if a.rss != b.rss {
				return a.rss > b.rss
			}
		} else if a.CPUPercent != b.CPUPercent {
			return a.CPUPercent > b.CPUPercent
		}
		return a.PID < b.PID
	})
}

func bar(percent float64, width int) string {
	n := int(percent/100*float64(width) + 0.5)
	n = max(0, min(width, n))
	return "[" + strings.Repeat("|", n) + strings.Repeat(" ", width-n) + "]"
}

func renderTop(b *strings.Builder, cpu *psutil.CPUSampler, procs []topProc, states map[string]int, rows, cols int) {
	now := time.Now()
	up := ""
	if bt, err := psutil.BootTime(); err == nil {
		up = ", up " + fmtUptime(now.Sub(bt))
	}
	users := 0
	if us, err := psutil.Users(); err == nil {
		users = len(us)
	}
	load := ""
	if la, err := psutil.LoadAvg(); err == nil {
		load = fmt.Sprintf(", load average: %.2f, %.2f, %.2f", la.Load1, la.Load5, la.Load15)
	}
	fmt.Fprintf(b, "psutil top - %s%s, %d users%s\n", now.Format("15:04:05"), up, users, load)
	if per, err := cpu.PerCPUPercent(); err == nil {
		for i, v := range per {
			fmt.Fprintf(b, "CPU%-3d%s %5.1f%%", i, bar(v, 20), v)
			if i%2 == 1 || i == len(per)-1 {
				b.WriteString("\n")
			} else {
				b.WriteString("   ")
			}
		}
	}
	if vm, err := psutil.VirtualMemory(); err == nil {
		fmt.Fprintf(b, "Mem   %s %5.1f%%   %s / %s\n", bar(vm.Percent, 20), vm.Percent,
			bytes2human(vm.Used), bytes2human(vm.Total))
	}
	if sw, err := psutil.SwapMemory(); err == nil {
		fmt.Fprintf(b, "Swap  %s %5.1f%%   %s / %s\n", bar(sw.Percent, 20), sw.Percent,
			bytes2human(sw.Used), bytes2human(sw.Total))
	}
	names := make([]string, 0, len(states))
	for s := range states {
		names = append(names, s)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, s := range names {
		if s == "" {
			s2 := "unknown"
			parts = append(parts, fmt.Sprintf("%d %s", states[""], s2))
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s", states[s], s))
	}
	fmt.Fprintf(b, "Processes: %d (%s)\n\n", len(procs), strings.Join(parts, ", "))

	t := newTable("PID", "USER", "NI", "VIRT", "RES", "CPU%", "MEM%", "TIME+", "NAME")
	header := strings.Count(b.String(), "\n") + 1
	for i, p := range procs {
		if rows > 0 && header+i >= rows-1 {
			break
		}
		t.row(p.PID, truncate(p.Username, 10), p.Nice, bytes2human(p.vms), bytes2human(p.rss),
			fmt.Sprintf("%.1f", p.CPUPercent), fmt.Sprintf("%.1f", p.MemoryPercent),
			fmtCPUTime(p.cpuTime), p.Name)
	}
	var tb strings.Builder
	t.write(&tb)
	for _, line := range strings.SplitAfter(tb.String(), "\n") {
		if cols > 0 && len([]rune(line)) > cols {
			line = string([]rune(line)[:cols]) + "\n"
		}
		b.WriteString(line)
	}
}
