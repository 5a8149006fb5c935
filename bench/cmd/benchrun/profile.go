package main

import (
	"bufio"
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
		fmt.Fprintln(os.Stderr, "benchrun: strace -c -f of W1 (2 scans + warm-up) per implementation")
		r.prof = append(r.prof, "", r.straceW1())
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

// straceW1 counts syscalls per process per scan.
func (r *run) straceW1() string {
	const scans = 2
	type row struct {
		impl                        string
		total, openat, read, close_ float64
		other                       []string
		ok                          bool
		errMsg                      string
	}
	var rows []row
	for _, impl := range impls {
		cmd, err := r.command(impl, "W1", strconv.Itoa(scans))
		if err != nil {
			rows = append(rows, row{impl: impl, errMsg: err.Error()})
			continue
		}
		sf := filepath.Join(r.cfg.out, "strace-W1-"+impl+".txt")
		args := append([]string{"-f", "-c", "-o", sf, cmd.Path}, cmd.Args[1:]...)
		st := exec.Command("strace", args...)
		out, err := r.exec(st, nil)
		if err != nil {
			rows = append(rows, row{impl: impl, errMsg: err.Error()})
			continue
		}
		var res result
		units := 0.0
		for _, l := range strings.Split(string(out), "\n") {
			if json.Unmarshal([]byte(l), &res) == nil && res.W == "W1" && res.Units > 0 {
				units = float64(res.Units)
			}
		}
		if units == 0 {
			rows = append(rows, row{impl: impl, errMsg: "no W1 result under strace"})
			continue
		}
		procScans := units / scans * (scans + 1) // counted scans + the warm-up scan
		calls := parseStraceC(sf)
		rw := row{impl: impl, ok: true}
		type kv struct {
			k string
			v float64
		}
		var top []kv
		for name, n := range calls {
			rw.total += n
			switch name {
			case "openat", "open":
				rw.openat += n
			case "read", "pread64":
				rw.read += n
			case "close":
				rw.close_ += n
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
		rw.close_ /= procScans
		rows = append(rows, rw)
	}
	var b strings.Builder
	b.WriteString("Syscalls per process per scan in W1 (`strace -f -c`, 2 counted scans + 1 warm-up, whole worker process including start-up, so Python's import adds a little):\n\n")
	b.WriteString("| implementation | all syscalls | openat | read | close | next most frequent |\n|---|---|---|---|---|---|\n")
	for _, rw := range rows {
		if !rw.ok {
			fmt.Fprintf(&b, "| %s | — | | | | %s |\n", rw.impl, rw.errMsg)
			continue
		}
		fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f | %.2f | %s |\n", rw.impl, rw.total, rw.openat, rw.read, rw.close_, strings.Join(rw.other, ", "))
	}
	return b.String()
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
	// keep from the "Showing nodes" summary on
	for i, l := range lines {
		if strings.HasPrefix(l, "Showing nodes") {
			lines = lines[i:]
			break
		}
	}
	return fmt.Sprintf("pprof of ours %s (%d iterations, `go tool pprof -top`, raw profile in bench/out/):\n\n```\n%s\n```", w, count, strings.Join(lines, "\n"))
}
