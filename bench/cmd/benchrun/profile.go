package main

import (
	"bufio"
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// profileMisses explains missed targets: syscalls per process per scan
// (strace -c -f, when strace is installed) for every implementation, and
// a pprof CPU profile of our worker for each missed workload.
func (r *run) profileMisses() {
	missed := map[string]bool{}
	var lines []string
	for _, t := range targets {
		v := r.verdict(t)
		if strings.Contains(v, "missed") {
			missed[t.w] = true
			lines = append(lines, fmt.Sprintf("- %s: %s.", t.label, strings.ReplaceAll(v, "**", "")))
		}
	}
	if len(lines) == 0 {
		r.prof = append(r.prof, "No target was missed.")
	} else {
		r.prof = append(r.prof, lines...)
	}
	if _, err := exec.LookPath("strace"); err == nil {
		for _, w := range []string{"W1", "W2", "W3"} {
			fmt.Fprintf(os.Stderr, "benchrun: strace -c -f of %s per implementation\n", w)
			r.prof = append(r.prof, "", r.strace(w))
		}
		r.prof = append(r.prof, "", r.straceW5())
	} else {
		r.prof = append(r.prof, "", "strace is not installed: no syscall counts (apt-get install strace).")
	}
	for _, w := range []string{"W1", "W2", "W3"} {
		if !missed[w] {
			continue
		}
		count := map[string]int{"W1": r.cfg.w1, "W2": r.cfg.w2, "W3": r.cfg.w3 / 5}[w]
		fmt.Fprintf(os.Stderr, "benchrun: pprof of ours %s\n", w)
		r.prof = append(r.prof, "", r.pprof(w, count))
	}
}

type straceRow struct {
	impl                       string
	total, openat, read, close float64
	other                      []string
	ok                         bool
	errMsg                     string
}

// strace counts syscalls per process per scan of W1 or W2 (2 counted
// scans + the warm-up scan; W2 runs its two variants, so its numbers are
// per process per scan of one variant, averaged over rollup and smaps).
func (r *run) strace(w string) string {
	const scans = 2
	const w3n = 2000 // W3 iterations under strace
	variants := map[string]float64{"W1": 1, "W2": 2}[w]
	count := scans
	if w == "W3" {
		count = w3n
	}
	rows := map[string]*straceRow{}
	for _, impl := range impls {
		rw := &straceRow{impl: impl}
		rows[impl] = rw
		cmd, err := r.command(impl, w, strconv.Itoa(count))
		if err != nil {
			rw.errMsg = err.Error()
			continue
		}
		sf := filepath.Join(r.cfg.out, "strace-"+w+"-"+impl+".txt")
		args := append([]string{"-f", "-c", "-o", sf, cmd.Path}, cmd.Args[1:]...)
		out, err := r.exec(exec.Command("strace", args...), nil)
		if err != nil {
			rw.errMsg = err.Error()
			continue
		}
		units := 0.0
		for _, l := range strings.Split(string(out), "\n") {
			var res result
			if json.Unmarshal([]byte(l), &res) == nil && res.W == w && res.Units > 0 {
				units = float64(res.Units) // pids per counted run; the same for every variant
			}
		}
		if units == 0 {
			rw.errMsg = "no result under strace"
			continue
		}
		procScans := units / scans * (scans + 1) * variants
		if w == "W3" {
			// calls made by a W3 worker: the six single calls (warm-up
			// + counted), then seq6 and oneshot6 (N/6+1 blocks of six)
			warm := w3n/50 + 1
			procScans = float64(6*(warm+w3n) + 12*(w3n/6+1))
		}
		type kv struct {
			k string
			v float64
		}
		var top []kv
		for name, n := range parseStraceC(sf) {
			rw.total += n
			switch name {
			case "openat", "open":
				rw.openat += n
			case "read", "pread64":
				rw.read += n
			case "close":
				rw.close += n
			default:
				top = append(top, kv{name, n})
			}
		}
		sort.Slice(top, func(i, j int) bool { return top[i].v > top[j].v })
		for i := 0; i < len(top) && i < 4; i++ {
			rw.other = append(rw.other, fmt.Sprintf("%s %.2f", top[i].k, top[i].v/procScans))
		}
		rw.total /= procScans
		rw.openat /= procScans
		rw.read /= procScans
		rw.close /= procScans
		rw.ok = true
	}
	var b strings.Builder
	what, how := "per process per scan", "2 counted scans + 1 warm-up"
	switch w {
	case "W2":
		what = "per process per scan of one variant (rollup and smaps averaged)"
	case "W3":
		what, how = "per call (averaged over the single calls, seq6 and oneshot6)", fmt.Sprintf("%d iterations", w3n)
	}
	fmt.Fprintf(&b, "Syscalls %s in %s (`strace -f -c` of the whole worker: %s, start-up included, so Python's import adds a little):\n\n", what, w, how)
	b.WriteString("| implementation | all syscalls | openat | read | close | next most frequent |\n|---|---|---|---|---|---|\n")
	for _, impl := range impls {
		rw := rows[impl]
		if !rw.ok {
			fmt.Fprintf(&b, "| %s | — | | | | %s |\n", impl, rw.errMsg)
			continue
		}
		fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.2f | %s |\n", impl, rw.total, rw.openat, rw.read, rw.close, strings.Join(rw.other, ", "))
	}
	// What the counts say about ours.
	o, f := rows["ours"], rows["floor"]
	if o.ok && f.ok {
		b.WriteString("\n")
		unit := "per process per scan"
		if w == "W3" {
			unit = "per call"
		}
		if o.openat > f.openat+0.2 {
			fmt.Fprintf(&b, "- ours opens %.2f files %s, the floor %.2f: ours reads files the floor does not need (the per-op file choice of the library; see the strace files in bench/out/ for which).\n", o.openat, unit, f.openat)
		}
		if o.read > f.read*1.3 {
			fmt.Fprintf(&b, "- ours issues %.2f read() %s against the floor's %.2f: the library reads every /proc file to EOF (a last read() returning 0), while the floor stops after a read that did not fill its buffer on single-record files (stat, statm, status). That is one extra syscall per such file.\n", o.read, unit, f.read)
		}
		if extra := o.total - o.openat - o.read - o.close - (f.total - f.openat - f.read - f.close); extra > 0.2 {
			fmt.Fprintf(&b, "- %.2f other syscalls %s (%s): ", extra, unit, strings.Join(o.other, ", "))
			fmt.Fprintf(&b, "the Go runtime, most likely sysmon (nanosleep) handing the P off during cgo calls that get descheduled or run longer than ~20 µs (futex wake-ups), plus the GC and scheduler threads.\n")
		}
	}
	return b.String()
}

// straceW5 counts the syscalls of one start-up of each W5 program and
// says how each binary is linked.
func (r *run) straceW5() string {
	progs := [][2]string{
		{"floor", filepath.Join(r.cfg.bin, "vmfloor")},
		{"ours", filepath.Join(r.cfg.bin, "vmours")},
		{"gopsutil", filepath.Join(r.cfg.bin, "vmgopsutil")},
		{"psutil", "/usr/bin/python3"},
	}
	var b strings.Builder
	b.WriteString("W5: syscalls of one start-up (`strace -f -c`) and how each program is linked:\n\n")
	b.WriteString("| implementation | linking | all syscalls | threads (clone/clone3) | mmap | openat | rt_sigaction |\n|---|---|---|---|---|---|---|\n")
	for _, pr := range progs {
		argv := []string{pr[1]}
		if pr[0] == "psutil" {
			argv = append(argv, filepath.Join(r.cfg.py, "vm.py"))
		}
		sf := filepath.Join(r.cfg.out, "strace-W5-"+pr[0]+".txt")
		args := append([]string{"-f", "-c", "-o", sf}, argv...)
		if _, err := r.exec(exec.Command("strace", args...), nil); err != nil {
			fmt.Fprintf(&b, "| %s | | — | | | | %v |\n", pr[0], err)
			continue
		}
		m := parseStraceC(sf)
		total := 0.0
		for _, n := range m {
			total += n
		}
		fmt.Fprintf(&b, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |\n", pr[0], linking(pr[1]), total,
			m["clone"]+m["clone3"], m["mmap"], m["openat"], m["rt_sigaction"])
	}
	b.WriteString("\nA cgo binary (ours) is dynamically linked: the kernel maps ld.so, which loads libc, then the Go runtime starts its threads through pthread_create; a pure-Go binary (gopsutil) is static and skips the loader. Both pay the Go runtime start-up (signal handlers for every signal, GC and scheduler threads), which the C floor does not.\n")
	return b.String()
}

// linking says whether an ELF file has an interpreter (dynamic) or not.
func linking(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return "?"
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return "dynamic"
		}
	}
	return "static"
}

// parseStraceC reads the summary table of strace -c: syscall -> calls.
func parseStraceC(path string) map[string]float64 {
	m := map[string]float64{}
	f, err := os.Open(path)
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 5 || len(fs) > 6 {
			continue
		}
		if _, err := strconv.ParseFloat(fs[0], 64); err != nil {
			continue
		}
		name := fs[len(fs)-1]
		if name == "total" {
			continue
		}
		n, err := strconv.ParseFloat(fs[3], 64)
		if err != nil {
			continue
		}
		m[name] += n
	}
	return m
}

// pprof profiles our worker on one workload and returns the top functions.
func (r *run) pprof(w string, count int) string {
	bin := filepath.Join(r.cfg.bin, "wours")
	prof := filepath.Join(r.cfg.out, "pprof-"+w+".prof")
	cmd := exec.Command(bin, w, strconv.Itoa(count))
	if _, err := r.exec(cmd, []string{"BENCH_CPUPROFILE=" + prof}); err != nil {
		return fmt.Sprintf("pprof of ours %s failed: %v", w, err)
	}
	out, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=18", bin, prof).Output()
	if err != nil {
		return fmt.Sprintf("go tool pprof failed on %s: %v", prof, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	summary := ""
	for _, l := range lines {
		fs := strings.Fields(l)
		if len(fs) == 6 && fs[5] == "runtime.cgocall" {
			summary = fmt.Sprintf(" %s of the CPU samples are inside cgo calls (the C core: syscalls and parsing); the rest is Go-side work (conversion, allocation, GC, scheduling).", fs[1])
		}
	}
	// keep from the "Showing nodes" summary on
	for i, l := range lines {
		if strings.HasPrefix(l, "Showing nodes") {
			lines = lines[i:]
			break
		}
	}
	if len(lines) > 14 {
		lines = lines[:14]
	}
	return fmt.Sprintf("pprof of ours %s (%d iterations, `go tool pprof -top`, raw profile in bench/out/).%s\n\n```\n%s\n```", w, count, summary, strings.Join(lines, "\n"))
}
