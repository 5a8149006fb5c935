// Command benchrun is the benchmark harness of psutil-go (bench/README.md):
// it starts the W0 load, runs workloads W1-W5 for the C floor, this
// library, Python psutil and gopsutil in turn (A B C D A B C D ...),
// takes medians and ratios to the floor of the same run, and writes
// BENCHMARKS.md and the ratio chart.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// result mirrors bench/internal/wk.Result (the worker protocol).
type result struct {
	Impl   string  `json:"impl"`
	W      string  `json:"w"`
	Op     string  `json:"op"`
	Unit   string  `json:"unit"`
	NS     float64 `json:"ns"`
	CPU    float64 `json:"cpu"`
	Units  uint64  `json:"units"`
	Allocs float64 `json:"allocs,omitempty"`
	Bytes  float64 `json:"bytes,omitempty"`
	Err    string  `json:"err,omitempty"`
}

type key struct{ W, Op, Impl string }

// samples holds every counted run of one (workload, op, implementation).
type samples struct {
	NS, CPU, Allocs, Bytes, Units []float64
	RSSKiB                        []float64 // W5 only
	Err                           string
}

var impls = []string{"floor", "ours", "psutil", "gopsutil"}

type config struct {
	bin, py, out, report, chart string
	procs, tcp, udp             int
	rounds, w3rounds, w5runs    int
	w1, w2, w3, w4              int
	smoke, profile              bool
	wall                        bool
	timeout                     time.Duration
}

type run struct {
	cfg     config
	data    map[key]*samples
	order   []key
	machine [][2]string
	started time.Time
	elapsed time.Duration
	procsN  [2]int // process count after W0 started, and at the end
	prof    []string
	// rounds actually done per workload ("W1 3")
	roundsDone []string
}

func main() {
	var c config
	flag.StringVar(&c.bin, "bin", "out/bin", "directory of the built workers")
	flag.StringVar(&c.py, "py", "py", "directory of the Python workloads")
	flag.StringVar(&c.out, "out", "out", "directory for raw results and chart data")
	flag.StringVar(&c.report, "report", "", "write the Markdown report here (BENCHMARKS.md)")
	flag.StringVar(&c.chart, "chart", "", "write the PNG ratio chart here")
	flag.IntVar(&c.procs, "procs", 400, "W0: idle processes to spawn")
	flag.IntVar(&c.tcp, "tcp", 16, "W0: loopback TCP connections (each gives 2 sockets)")
	flag.IntVar(&c.udp, "udp", 8, "W0: loopback UDP sockets")
	flag.IntVar(&c.rounds, "rounds", 3, "counted rounds for W1, W2, W4")
	flag.IntVar(&c.w3rounds, "w3rounds", 3, "counted rounds for W3")
	flag.IntVar(&c.w5runs, "w5runs", 20, "counted start-ups per implementation for W5")
	flag.IntVar(&c.w1, "w1", 20, "W1 scans per run")
	flag.IntVar(&c.w2, "w2", 3, "W2 scans per run (each variant)")
	flag.IntVar(&c.w3, "w3", 100000, "W3 iterations per call")
	flag.IntVar(&c.w4, "w4", 200, "W4 iterations per call (net_connections: /20)")
	flag.BoolVar(&c.wall, "wall", false, "rank by wall-clock time instead of CPU time (only on an idle machine)")
	flag.BoolVar(&c.smoke, "smoke", false, "tiny counts: prove the harness works (CI)")
	flag.BoolVar(&c.profile, "profile", true, "pprof and strace -c the workloads whose target is missed")
	flag.DurationVar(&c.timeout, "timeout", 5*time.Minute, "timeout of one worker run")
	flag.Parse()
	if c.smoke {
		c.procs, c.tcp, c.udp = 20, 4, 2
		c.rounds, c.w3rounds, c.w5runs = 1, 1, 1
		c.w1, c.w2, c.w3, c.w4 = 1, 1, 100, 2
		c.profile = false
	}
	if err := runAll(c); err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
}

func runAll(c config) (err error) {
	r := &run{cfg: c, data: map[key]*samples{}, started: time.Now()}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		return err
	}
	// W0 first; torn down by the defer, or by the signal handler.
	load, lerr := startLoad(c.procs, c.tcp, c.udp)
	defer load.stop()
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigc)
	go func() {
		s, ok := <-sigc
		if !ok {
			return
		}
		fmt.Fprintf(os.Stderr, "benchrun: %v: tearing down\n", s)
		load.stop()
		os.Exit(130)
	}()
	if lerr != nil {
		return lerr
	}
	r.procsN[0] = countPids()
	r.machine = describeMachine(c)
	fmt.Fprintf(os.Stderr, "benchrun: W0 up: %d processes on the system\n", r.procsN[0])

	// Rounds stop early when a workload's time budget would be exceeded
	// (at least one round always runs), so `make bench` stays under 10
	// minutes on a loaded machine; the report gives the rounds done.
	for _, w := range []struct {
		name          string
		count, rounds int
		budget        time.Duration
	}{
		{"W1", c.w1, c.rounds, 50 * time.Second}, {"W2", c.w2, c.rounds, 50 * time.Second},
		{"W3", c.w3, c.w3rounds, 240 * time.Second}, {"W4", c.w4, c.rounds, 50 * time.Second},
	} {
		if c.smoke {
			w.budget = time.Hour
		}
		fmt.Fprintf(os.Stderr, "benchrun: %s: count %d per run, up to %d rounds of every implementation\n", w.name, w.count, w.rounds)
		t0 := time.Now()
		done := 0
		for round := 0; round < w.rounds; round++ {
			if el := time.Since(t0); round > 0 && el+el/time.Duration(round) > w.budget {
				break
			}
			for _, impl := range impls {
				r.worker(impl, w.name, w.count)
			}
			done++
		}
		r.roundsDone = append(r.roundsDone, fmt.Sprintf("%s %d", w.name, done))
		fmt.Fprintf(os.Stderr, "benchrun: %s: %d rounds in %v\n", w.name, done, time.Since(t0).Round(time.Second))
	}
	r.w5()
	r.procsN[1] = countPids()
	if c.profile {
		t0 := time.Now()
		r.profileMisses()
		fmt.Fprintf(os.Stderr, "benchrun: profiles took %v\n", time.Since(t0).Round(time.Second))
	}
	r.elapsed = time.Since(r.started)
	if err := r.writeJSON(filepath.Join(c.out, "results.json")); err != nil {
		return err
	}
	rep := r.markdown()
	if c.chart != "" {
		if err := r.chartPNG(c.chart); err != nil {
			return fmt.Errorf("chart: %w", err)
		}
	}
	if c.report != "" {
		if err := os.WriteFile(c.report, []byte(rep), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "benchrun: wrote %s in %v\n", c.report, r.elapsed.Round(time.Second))
	} else {
		os.Stdout.WriteString(rep)
	}
	return r.smokeCheck()
}

// smokeCheck fails the run when a floor or psutil measurement is missing:
// those always work, so a gap means the harness broke. Gaps of ours ("not
// measured: API missing") and gopsutil (its own errors, e.g. no utmp) are
// reported in the tables, not failed.
func (r *run) smokeCheck() error {
	var bad []string
	for _, k := range r.order {
		s := r.data[k]
		if k.Impl == "ours" || k.Impl == "gopsutil" {
			continue
		}
		if len(s.NS) == 0 {
			bad = append(bad, fmt.Sprintf("%s/%s/%s: %s", k.W, k.Op, k.Impl, s.Err))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("missing measurements:\n  %s", strings.Join(bad, "\n  "))
	}
	return nil
}

func (r *run) get(k key) *samples {
	s := r.data[k]
	if s == nil {
		s = &samples{}
		r.data[k] = s
		r.order = append(r.order, k)
	}
	return s
}

func (r *run) command(impl string, args ...string) (*exec.Cmd, error) {
	switch impl {
	case "psutil":
		return exec.Command("/usr/bin/python3", append([]string{filepath.Join(r.cfg.py, "workloads.py")}, args...)...), nil
	case "floor":
		return exec.Command(filepath.Join(r.cfg.bin, "floor"), args...), nil
	case "ours", "gopsutil":
		p := filepath.Join(r.cfg.bin, "w"+impl)
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("not measured: API missing (%s did not build)", "w"+impl)
		}
		return exec.Command(p, args...), nil
	}
	return nil, fmt.Errorf("unknown implementation %q", impl)
}

// worker runs one implementation of one workload once and records its
// result lines.
func (r *run) worker(impl, w string, count int) {
	cmd, err := r.command(impl, w, fmt.Sprint(count))
	if err != nil {
		r.fail(impl, w, err.Error())
		return
	}
	out, err := r.exec(cmd, nil)
	if err != nil {
		r.fail(impl, w, err.Error())
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var res result
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			fmt.Fprintf(os.Stderr, "benchrun: %s %s: bad line %q\n", impl, w, line)
			continue
		}
		s := r.get(key{res.W, res.Op, res.Impl})
		if res.Err != "" {
			s.Err = res.Err
			continue
		}
		s.NS = append(s.NS, res.NS)
		s.CPU = append(s.CPU, res.CPU)
		s.Allocs = append(s.Allocs, res.Allocs)
		s.Bytes = append(s.Bytes, res.Bytes)
		s.Units = append(s.Units, float64(res.Units))
	}
}

// fail records an error for every op of a workload of one implementation.
func (r *run) fail(impl, w, msg string) {
	fmt.Fprintf(os.Stderr, "benchrun: %s %s: %s\n", impl, w, msg)
	for _, op := range opsOf(w) {
		s := r.get(key{w, op, impl})
		if len(s.NS) == 0 && s.Err == "" {
			s.Err = msg
		}
	}
}

func opsOf(w string) []string {
	switch w {
	case "W1":
		return []string{"scan"}
	case "W2":
		return []string{"rollup", "smaps"}
	case "W3":
		return []string{"ppid", "status", "name", "num_threads", "memory_info", "cpu_times", "seq6", "oneshot6"}
	case "W4":
		return []string{"cpu_times_percpu", "virtual_memory", "swap_memory", "disk_io_counters_perdisk",
			"net_io_counters_pernic", "net_connections_inet", "disk_partitions", "boot_time", "users"}
	case "W5":
		return []string{"start"}
	}
	return nil
}

func (r *run) exec(cmd *exec.Cmd, env []string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.timeout)
	defer cancel()
	c := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
	c.Env = append(os.Environ(), env...)
	c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // dies with the harness
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err := c.Run()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		return stdout.Bytes(), fmt.Errorf("%s failed: %v: %s", filepath.Base(cmd.Path), err, msg)
	}
	return stdout.Bytes(), nil
}

// w5 measures the whole start-up of a program that prints virtual_memory
// once: wall time from fork/exec to wait4, and ru_maxrss from wait4.
func (r *run) w5() {
	progs := map[string][]string{
		"floor":    {filepath.Join(r.cfg.bin, "vmfloor")},
		"ours":     {filepath.Join(r.cfg.bin, "vmours")},
		"gopsutil": {filepath.Join(r.cfg.bin, "vmgopsutil")},
		"psutil":   {"/usr/bin/python3", filepath.Join(r.cfg.py, "vm.py")},
	}
	fmt.Fprintf(os.Stderr, "benchrun: W5: 2 warm-up + %d counted start-ups per implementation\n", r.cfg.w5runs)
	for i := -2; i < r.cfg.w5runs; i++ {
		for _, impl := range impls {
			s := r.get(key{"W5", "start", impl})
			if s.Err != "" {
				continue
			}
			argv := progs[impl]
			if _, err := os.Stat(argv[0]); err != nil {
				s.Err = "not measured: API missing (" + filepath.Base(argv[0]) + " did not build)"
				continue
			}
			wall, cpu, rss, err := r.startOnce(argv)
			if err != nil {
				s.Err = err.Error()
				continue
			}
			if i >= 0 {
				s.NS = append(s.NS, float64(wall.Nanoseconds()))
				s.CPU = append(s.CPU, float64(cpu.Nanoseconds()))
				s.RSSKiB = append(s.RSSKiB, float64(rss))
				s.Units = append(s.Units, 1)
			}
		}
	}
}

// startOnce runs argv once through bin/launch (a C fork + execv + wait4,
// see bench/c/launch.c) and returns its wall time, CPU time and peak RSS.
func (r *run) startOnce(argv []string) (wall, cpu time.Duration, rssKiB int64, err error) {
	launch := filepath.Join(r.cfg.bin, "launch")
	out, err := r.exec(exec.Command(launch, argv...), nil)
	if err != nil {
		return 0, 0, 0, err
	}
	var res struct {
		Wall      int64 `json:"wall"`
		CPU       int64 `json:"cpu"`
		MaxrssKiB int64 `json:"maxrss_kib"`
		Status    int   `json:"status"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return 0, 0, 0, fmt.Errorf("launch: %v: %q", err, out)
	}
	if res.Status != 0 {
		return 0, 0, 0, fmt.Errorf("not measured: %s exited with status %d", filepath.Base(argv[len(argv)-1]), res.Status)
	}
	return time.Duration(res.Wall), time.Duration(res.CPU), res.MaxrssKiB, nil
}

func countPids() int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if name := e.Name(); name[0] >= '0' && name[0] <= '9' {
			n++
		}
	}
	return n
}

func (r *run) writeJSON(path string) error {
	type row struct {
		key
		*samples
	}
	rows := make([]row, 0, len(r.order))
	for _, k := range r.order {
		rows = append(rows, row{k, r.data[k]})
	}
	b, err := json.MarshalIndent(rows, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func firstLine(path, prefix string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			return sc.Text()
		}
	}
	return ""
}
