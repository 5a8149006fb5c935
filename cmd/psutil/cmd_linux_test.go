//go:build linux && cgo

// These tests need the C core: without cgo every library call is
// ErrNotImplemented (main_test.go covers that build).

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/psutil-go/psutil"
)

// These tests run every subcommand in-process, in human and --json form,
// and compare the output with the library's own values.

func num(t *testing.T, v any) float64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v (%T) is not a JSON number", v, v)
	}
	f, err := n.Float64()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func wantKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	sort.Strings(keys)
	if got := sortedKeys(m); strings.Join(got, ",") != strings.Join(keys, ",") {
		t.Errorf("%s keys = %v, want psutil's %v", what, got, keys)
	}
}

// within reports whether a and b differ by at most frac (relative) or abs.
func within(a, b, frac, abs float64) bool {
	d := math.Abs(a - b)
	return d <= abs || d <= frac*math.Max(math.Abs(a), math.Abs(b))
}

// startSleeper starts a long sleep under a unique name, for killall and
// for a live process with stable memory.
func startSleeper(t *testing.T, name string) *exec.Cmd {
	t.Helper()
	src, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep binary in PATH")
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
	})
	// Wait until it has exec'd (its name is ours).
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if p, err := psutil.NewProcess(cmd.Process.Pid); err == nil {
			if n, _ := p.Name(); n == name {
				if m, err := p.MemoryFullInfo(); err == nil && m.USS > 0 {
					return cmd
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("sleeper %s did not start", name)
	return nil
}

func TestFree(t *testing.T) {
	var j map[string]map[string]any
	mustJSON(t, &j, "free")
	vm, err := psutil.VirtualMemory()
	if err != nil {
		t.Fatal(err)
	}
	sw, err := psutil.SwapMemory()
	if err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "virtual_memory", j["virtual_memory"], "total", "available", "percent", "used",
		"free", "active", "inactive", "buffers", "cached", "shared", "slab")
	wantKeys(t, "swap_memory", j["swap_memory"], "total", "used", "free", "percent", "sin", "sout")
	if got := num(t, j["virtual_memory"]["total"]); got != float64(vm.Total) {
		t.Errorf("total = %v, want %d", got, vm.Total)
	}
	if got := num(t, j["swap_memory"]["total"]); got != float64(sw.Total) {
		t.Errorf("swap total = %v, want %d", got, sw.Total)
	}
	if got := num(t, j["virtual_memory"]["available"]); !within(got, float64(vm.Available), 0.1, 64<<20) {
		t.Errorf("available = %v, library %d", got, vm.Available)
	}
	out := mustRun(t, "free")
	for _, want := range []string{"Mem:", "Swap:", "available", bytes2human(vm.Total)} {
		if !strings.Contains(out, want) {
			t.Errorf("free output lacks %q:\n%s", want, out)
		}
	}
}

func TestMeminfo(t *testing.T) {
	var j map[string]map[string]any
	mustJSON(t, &j, "meminfo")
	vm, _ := psutil.VirtualMemory()
	if got := num(t, j["virtual_memory"]["total"]); got != float64(vm.Total) {
		t.Errorf("total = %v, want %d", got, vm.Total)
	}
	out := mustRun(t, "meminfo")
	for _, want := range []string{"MEMORY", "SWAP", "Total", "Available", "Slab", "Sin",
		"Total      : " + fmt.Sprintf("%7s", bytes2human(vm.Total))} {
		if !strings.Contains(out, want) {
			t.Errorf("meminfo output lacks %q:\n%s", want, out)
		}
	}
}

func TestDisk(t *testing.T) {
	parts, err := psutil.DiskPartitions(false)
	if err != nil {
		t.Fatal(err)
	}
	var j []map[string]any
	mustJSON(t, &j, "disk")
	if len(j) != len(parts) {
		t.Fatalf("disk --json has %d entries, DiskPartitions %d", len(j), len(parts))
	}
	for i, p := range parts {
		if j[i]["mountpoint"] != p.Mountpoint || j[i]["device"] != p.Device || j[i]["fstype"] != p.Fstype {
			t.Errorf("entry %d = %v, want %+v", i, j[i], p)
		}
		u, err := psutil.DiskUsage(p.Mountpoint)
		if err != nil {
			continue
		}
		usage, _ := j[i]["usage"].(map[string]any)
		if usage == nil {
			t.Errorf("%s: no usage in JSON", p.Mountpoint)
			continue
		}
		wantKeys(t, "usage", usage, "total", "used", "free", "percent")
		if num(t, usage["total"]) != float64(u.Total) {
			t.Errorf("%s: total %v, want %d", p.Mountpoint, usage["total"], u.Total)
		}
	}
	out := mustRun(t, "disk")
	if !strings.Contains(out, "Mount") {
		t.Errorf("no header:\n%s", out)
	}
	for _, p := range parts {
		if !strings.Contains(out, p.Mountpoint) {
			t.Errorf("disk output lacks %s", p.Mountpoint)
		}
	}
}

func TestIfconfig(t *testing.T) {
	addrs, err := psutil.NetIfAddrs()
	if err != nil {
		t.Fatal(err)
	}
	var j map[string]map[string]any
	mustJSON(t, &j, "ifconfig")
	for nic, as := range addrs {
		e, ok := j[nic]
		if !ok {
			t.Errorf("ifconfig --json lacks %s", nic)
			continue
		}
		got, _ := e["addrs"].([]any)
		if len(got) != len(as) {
			t.Errorf("%s: %d addresses, library %d", nic, len(got), len(as))
		}
		if st, ok := e["stats"].(map[string]any); ok {
			wantKeys(t, nic+" stats", st, "isup", "duplex", "speed", "mtu", "flags")
		}
	}
	out := mustRun(t, "ifconfig")
	for nic, as := range addrs {
		if !strings.Contains(out, nic+":") {
			t.Errorf("ifconfig output lacks %s", nic)
		}
		for _, a := range as {
			if !strings.Contains(out, a.Address) {
				t.Errorf("ifconfig output lacks %s address %s", nic, a.Address)
			}
		}
	}
}

func TestSensorsAndBattery(t *testing.T) {
	temps, err := psutil.SensorsTemperatures(false)
	if err != nil && !errors.Is(err, psutil.ErrNotImplemented) {
		t.Fatal(err)
	}
	batt, err := psutil.SensorsBattery()
	if err != nil && !errors.Is(err, psutil.ErrNotImplemented) {
		t.Fatal(err)
	}
	var j map[string]any
	mustJSON(t, &j, "sensors")
	wantKeys(t, "sensors", j, "temperatures", "fans", "battery")
	jt, _ := j["temperatures"].(map[string]any)
	if len(jt) != len(temps) {
		t.Errorf("%d temperature groups, library %d", len(jt), len(temps))
	}
	out := mustRun(t, "sensors")
	for name := range temps {
		if !strings.Contains(out, name) {
			t.Errorf("sensors output lacks %s", name)
		}
	}
	var jb any
	mustJSON(t, &jb, "battery")
	if (jb == nil) != (batt == nil) {
		t.Errorf("battery JSON %v, library %v", jb, batt)
	}
	r := runCLI(t, "battery")
	if batt == nil {
		if r.code != 1 || !strings.Contains(r.stderr, "no battery is installed") {
			t.Errorf("battery without one: exit %d, %q", r.code, r.stderr)
		}
	} else if r.code != 0 || !strings.Contains(r.stdout, "charge:") {
		t.Errorf("battery: exit %d, %q", r.code, r.stdout)
	}
}

func TestWho(t *testing.T) {
	users, err := psutil.Users()
	if err != nil {
		t.Fatal(err)
	}
	var j []map[string]any
	mustJSON(t, &j, "who")
	if len(j) != len(users) {
		t.Fatalf("who --json: %d users, library %d", len(j), len(users))
	}
	for i, u := range users {
		wantKeys(t, "user", j[i], "name", "terminal", "host", "started", "pid")
		if j[i]["name"] != u.Name {
			t.Errorf("user %d = %v, want %s", i, j[i]["name"], u.Name)
		}
	}
	out := mustRun(t, "who")
	if got := strings.Count(out, "\n"); got != len(users) {
		t.Errorf("who printed %d lines for %d users:\n%s", got, len(users), out)
	}
}

func TestProcinfoSelf(t *testing.T) {
	pid := os.Getpid()
	var j map[string]any
	mustJSON(t, &j, "procinfo", strconv.Itoa(pid))
	p, err := psutil.NewProcess(pid)
	if err != nil {
		t.Fatal(err)
	}
	name, _ := p.Name()
	if j["name"] != name || num(t, j["pid"]) != float64(pid) {
		t.Errorf("procinfo: name %v pid %v, want %s %d", j["name"], j["pid"], name, pid)
	}
	cmd, _ := j["cmdline"].([]any)
	if len(cmd) != len(os.Args) || cmd[0] != os.Args[0] {
		t.Errorf("cmdline = %v, want %v", cmd, os.Args)
	}
	mi, _ := j["memory_info"].(map[string]any)
	wantKeys(t, "memory_info", mi, "rss", "vms", "shared", "text", "lib", "data", "dirty")
	mfi, _ := j["memory_full_info"].(map[string]any)
	wantKeys(t, "memory_full_info", mfi, "rss", "vms", "shared", "text", "lib", "data", "dirty", "uss", "pss", "swap")
	for _, k := range []string{"ppid", "exe", "cwd", "status", "username", "create_time", "num_threads", "cpu_times"} {
		if _, ok := j[k]; !ok {
			t.Errorf("procinfo --json lacks %q", k)
		}
	}
	out := mustRun(t, "procinfo", strconv.Itoa(pid))
	for _, want := range []string{"name", name, "parent", "memory", "status"} {
		if !strings.Contains(out, want) {
			t.Errorf("procinfo output lacks %q:\n%s", want, out)
		}
	}
}

func TestPmapSelf(t *testing.T) {
	pid := os.Getpid()
	var j []map[string]any
	mustJSON(t, &j, "pmap", strconv.Itoa(pid))
	if len(j) == 0 {
		t.Fatal("no mappings")
	}
	exe, _ := os.Executable()
	found := false
	for _, m := range j {
		if m["path"] == exe {
			found = true
		}
		if m["addr"] == nil || m["perms"] == nil {
			t.Fatalf("mapping without addr/perms: %v", m)
		}
	}
	if !found {
		t.Errorf("pmap --json does not list the executable %s", exe)
	}
	out := mustRun(t, "pmap", strconv.Itoa(pid))
	if !strings.Contains(out, "Total") || !strings.Contains(out, exe) {
		t.Errorf("pmap output lacks Total or %s:\n%s", exe, out)
	}
}

func TestProcsmem(t *testing.T) {
	sl := startSleeper(t, "psutil-cli-smem")
	pid := sl.Process.Pid
	var j struct {
		Processes []struct {
			PID      int            `json:"pid"`
			Username string         `json:"username"`
			Cmdline  []string       `json:"cmdline"`
			Mem      map[string]any `json:"memory_full_info"`
		} `json:"processes"`
		AccessDenied []int `json:"access_denied_pids"`
		NoUserMem    int   `json:"no_user_memory"`
		Gone         int   `json:"gone_while_scanning"`
		Failed       []int `json:"failed_pids"`
	}
	pids, err := psutil.Pids()
	if err != nil {
		t.Fatal(err)
	}
	mustJSON(t, &j, "procsmem")
	// Every process is accounted for, none dropped silently (processes
	// come and go on a busy machine, hence the margin).
	seen := len(j.Processes) + len(j.AccessDenied) + j.NoUserMem + j.Gone + len(j.Failed)
	if !within(float64(seen), float64(len(pids)), 0.1, 5) {
		t.Errorf("procsmem accounts for %d processes, Pids() has %d", seen, len(pids))
	}
	lib, err := psutil.NewProcess(pid)
	if err != nil {
		t.Fatal(err)
	}
	want, err := lib.MemoryFullInfo()
	if err != nil {
		t.Fatal(err)
	}
	var prev float64
	found := false
	for _, p := range j.Processes {
		uss := num(t, p.Mem["uss"])
		if uss < prev {
			t.Errorf("not sorted by USS: %v after %v", uss, prev)
		}
		prev = uss
		if p.PID != pid {
			continue
		}
		found = true
		if !within(uss, float64(want.USS), 0.05, 16<<10) || !within(num(t, p.Mem["rss"]), float64(want.RSS), 0.05, 16<<10) {
			t.Errorf("sleeper: uss %v rss %v, library %d %d", uss, p.Mem["rss"], want.USS, want.RSS)
		}
		if len(p.Cmdline) != 2 || p.Cmdline[1] != "60" {
			t.Errorf("sleeper cmdline = %q", p.Cmdline)
		}
	}
	if !found {
		t.Fatalf("procsmem --json does not list the sleeper %d", pid)
	}
	out := mustRun(t, "procsmem")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "PID") || !strings.Contains(lines[0], "USS") {
		t.Errorf("bad header %q", lines[0])
	}
	if !strings.Contains(out, "psutil-cli-smem 60") || !strings.Contains(out, "processes shown") {
		t.Errorf("procsmem output lacks the sleeper or the summary:\n%s", out)
	}
	if len(j.AccessDenied) > 0 && !strings.Contains(out, "access denied for") {
		t.Errorf("access-denied processes not summarised:\n%s", out)
	}
}

// TestProcsmemMatchesPython compares procsmem's numbers for a live process
// with Python psutil's memory_full_info() (python3-psutil).
func TestProcsmemMatchesPython(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("/usr/bin/python3 not installed")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import psutil").Run(); err != nil {
		t.Skip("Python psutil not installed (apt install python3-psutil)")
	}
	sl := startSleeper(t, "psutil-cli-py")
	pid := sl.Process.Pid
	var j struct {
		Processes []struct {
			PID int            `json:"pid"`
			Mem map[string]any `json:"memory_full_info"`
		} `json:"processes"`
	}
	mustJSON(t, &j, "procsmem")
	py, err := exec.Command("/usr/bin/python3", "-c",
		"import psutil,json,sys; print(json.dumps(psutil.Process(int(sys.argv[1])).memory_full_info()._asdict()))",
		strconv.Itoa(pid)).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want map[string]float64
	if err := json.Unmarshal(py, &want); err != nil {
		t.Fatal(err)
	}
	for _, p := range j.Processes {
		if p.PID != pid {
			continue
		}
		for _, k := range []string{"uss", "pss", "swap", "rss", "vms"} {
			got := num(t, p.Mem[k])
			// PSS moves when other processes map or unmap the same
			// libraries, so it gets a wider margin.
			frac := 0.05
			if k == "pss" {
				frac = 0.25
			}
			if !within(got, want[k], frac, 32<<10) {
				t.Errorf("%s: procsmem %v, Python psutil %v", k, got, want[k])
			}
		}
		return
	}
	t.Fatalf("procsmem does not list pid %d", pid)
}

func TestPstree(t *testing.T) {
	var roots []*treeNode
	mustJSON(t, &roots, "pstree")
	var find func(ns []*treeNode, pid int) *treeNode
	find = func(ns []*treeNode, pid int) *treeNode {
		for _, n := range ns {
			if n.PID == pid {
				return n
			}
			if f := find(n.Children, pid); f != nil {
				return f
			}
		}
		return nil
	}
	self := find(roots, os.Getpid())
	if self == nil {
		t.Fatal("pstree --json does not hold this process")
	}
	parent := find(roots, os.Getppid())
	if parent == nil || find(parent.Children, os.Getpid()) == nil {
		t.Errorf("this process is not under its parent %d", os.Getppid())
	}
	out := mustRun(t, "pstree")
	if !strings.Contains(out, fmt.Sprintf("%d %s", os.Getpid(), self.Name)) {
		t.Errorf("pstree output lacks this process")
	}
	if !strings.Contains(out, "`_ ") {
		t.Errorf("pstree output has no tree drawing:\n%.500s", out)
	}
}

func TestKillall(t *testing.T) {
	sl := startSleeper(t, "psutil-cli-kill")
	done := make(chan error, 1)
	go func() { done <- sl.Wait() }()
	var j []map[string]any
	mustJSON(t, &j, "killall", "psutil-cli-kill")
	if len(j) != 1 || num(t, j[0]["pid"]) != float64(sl.Process.Pid) {
		t.Errorf("killall --json = %v, want the sleeper %d", j, sl.Process.Pid)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("sleeper still alive after killall")
	}
	ws := sl.ProcessState.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Errorf("sleeper wait status %v, want killed by SIGKILL", ws)
	}

	sl2 := startSleeper(t, "psutil-cli-term")
	out := mustRun(t, "killall", "-s", "TERM", "psutil-cli-term")
	if !strings.Contains(out, "sent SIGTERM to "+strconv.Itoa(sl2.Process.Pid)) {
		t.Errorf("killall output %q", out)
	}
	_ = sl2.Wait()
	if ws := sl2.ProcessState.Sys().(syscall.WaitStatus); ws.Signal() != syscall.SIGTERM {
		t.Errorf("sleeper 2 wait status %v, want SIGTERM", ws)
	}

	r := runCLI(t, "killall", "psutil-cli-no-such-name")
	if r.code != 1 || !strings.Contains(r.stderr, "no process found") {
		t.Errorf("killall of nothing: exit %d %q", r.code, r.stderr)
	}
}

func TestNetstat(t *testing.T) {
	if _, err := psutil.NetConnections(psutil.ConnTCP); errors.Is(err, psutil.ErrNotImplemented) {
		t.Skip("psutil.NetConnections returns ErrNotImplemented in this build: the library has no system-wide connections yet")
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var j []map[string]any
	mustJSON(t, &j, "netstat", "--kind", "tcp")
	found := false
	for _, c := range j {
		la, _ := c["laddr"].(map[string]any)
		if la != nil && la["ip"] == "127.0.0.1" && num(t, la["port"]) == float64(port) {
			found = true
			if c["status"] != "LISTEN" || num(t, c["pid"]) != float64(os.Getpid()) {
				t.Errorf("listener entry %v: want LISTEN and pid %d", c, os.Getpid())
			}
			wantKeys(t, "connection", c, "fd", "family", "type", "laddr", "raddr", "status", "pid", "name")
		}
	}
	if !found {
		t.Fatalf("netstat --json lacks 127.0.0.1:%d", port)
	}
	out := mustRun(t, "netstat")
	if !strings.Contains(out, fmt.Sprintf("127.0.0.1:%d", port)) || !strings.Contains(out, "LISTEN") {
		t.Errorf("netstat output lacks the listener:\n%s", out)
	}
	if r := runCLI(t, "netstat", "--kind", "bogus"); r.code == 0 {
		t.Errorf("netstat --kind bogus succeeded")
	}
}

func TestIotop(t *testing.T) {
	// Generate some write traffic of our own during the sample.
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		f, err := os.CreateTemp(t.TempDir(), "io")
		if err != nil {
			return
		}
		defer f.Close()
		buf := make([]byte, 64<<10)
		for {
			select {
			case <-stop:
				return
			default:
			}
			_, _ = f.Write(buf)
			_ = f.Sync()
			_, _ = f.Seek(0, io.SeekStart)
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var j struct {
		Interval  float64 `json:"interval"`
		Processes []struct {
			PID int `json:"pid"`
		} `json:"processes"`
	}
	out := mustRun(t, "--json", "iotop", "-d", "0.3")
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Interval < 0.25 {
		t.Errorf("interval %v, want about 0.3", j.Interval)
	}
	self := false
	for _, p := range j.Processes {
		if p.PID == os.Getpid() {
			self = true
		}
	}
	if !self {
		t.Errorf("iotop --json lacks this process")
	}
	hout := mustRun(t, "iotop", "-d", "0.2", "-n", "5")
	if !strings.Contains(hout, "Total DISK READ") || !strings.Contains(hout, "DISK WRITE") {
		t.Errorf("iotop output:\n%s", hout)
	}
}

func TestTopBatchAndJSON(t *testing.T) {
	var j struct {
		CPUPercent float64          `json:"cpu_percent"`
		Processes  []map[string]any `json:"processes"`
	}
	out := mustRun(t, "--json", "top", "-d", "0.2")
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	self := false
	for _, p := range j.Processes {
		if p["pid"] == float64(os.Getpid()) {
			self = true
			mi, _ := p["memory_info"].(map[string]any)
			wantKeys(t, "memory_info", mi, "rss", "vms", "shared", "text", "lib", "data", "dirty")
		}
	}
	if !self || j.CPUPercent < 0 || j.CPUPercent > 100 {
		t.Errorf("top --json: self listed %v, cpu_percent %v", self, j.CPUPercent)
	}
	// Not a terminal: batch mode, 2 frames.
	hout := mustRun(t, "top", "-d", "0.1", "-n", "2")
	if strings.Count(hout, "psutil top - ") != 2 || !strings.Contains(hout, "TIME+") {
		t.Errorf("top batch output:\n%.2000s", hout)
	}
}

func TestWinservicesElsewhere(t *testing.T) {
	for _, args := range [][]string{{"winservices"}, {"--json", "winservices"}} {
		r := runCLI(t, args...)
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "only available on Windows") {
			t.Errorf("%v on linux: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
}

func TestOverview(t *testing.T) {
	out := mustRun(t)
	for _, want := range []string{"CPU", "Memory", "Swap", "Disks", "Network", "Top processes by USS", "USS"} {
		if !strings.Contains(out, want) {
			t.Errorf("overview lacks %q:\n%s", want, out)
		}
	}
	var j map[string]any
	mustJSON(t, &j)
	for _, k := range []string{"cpu_count", "cpu_percent", "virtual_memory", "swap_memory", "disks",
		"net_io_counters", "processes_by_uss"} {
		if _, ok := j[k]; !ok {
			t.Errorf("overview --json lacks %q", k)
		}
	}
	n, _ := psutil.CPUCount(true)
	cc, _ := j["cpu_count"].(map[string]any)
	if cc == nil || num(t, cc["logical"]) != float64(n) {
		t.Errorf("cpu_count = %v, want logical %d", j["cpu_count"], n)
	}
	procs, _ := j["processes_by_uss"].([]any)
	if len(procs) == 0 || len(procs) > 10 {
		t.Errorf("processes_by_uss has %d entries, want 1..10", len(procs))
	}
}

// TestProcinfoMatchesPython diffs procinfo --json against Python psutil's
// as_dict() for the same live process, field by field.
func TestProcinfoMatchesPython(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import psutil").Run(); err != nil {
		t.Skip("Python psutil not installed (apt install python3-psutil)")
	}
	sl := startSleeper(t, "psutil-cli-info")
	pid := strconv.Itoa(sl.Process.Pid)
	attrs := []string{"pid", "ppid", "name", "exe", "cmdline", "cwd", "username", "status",
		"uids", "gids", "num_threads", "nice", "cpu_affinity", "create_time", "memory_info", "num_fds"}
	py, err := exec.Command("/usr/bin/python3", "-c", `import psutil, json, sys
d = psutil.Process(int(sys.argv[1])).as_dict(attrs=sys.argv[2].split(","))
for k in ("uids", "gids", "memory_info"):
    d[k] = d[k]._asdict()
print(json.dumps(d))`, pid, strings.Join(attrs, ",")).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want, got map[string]any
	if err := json.Unmarshal(py, &want); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--json", "procinfo", pid)
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range attrs {
		g, w := got[k], want[k]
		switch k {
		case "create_time":
			if !within(g.(float64), w.(float64), 0, 0.02) {
				t.Errorf("create_time: procinfo %v, Python psutil %v", g, w)
			}
		case "memory_info":
			gm, wm := g.(map[string]any), w.(map[string]any)
			wantKeys(t, "memory_info", gm, sortedKeys(wm)...)
			for f, wv := range wm {
				if !within(gm[f].(float64), wv.(float64), 0.05, 32<<10) {
					t.Errorf("memory_info.%s: procinfo %v, Python psutil %v", f, gm[f], wv)
				}
			}
		default:
			gb, _ := json.Marshal(g)
			wb, _ := json.Marshal(w)
			if string(gb) != string(wb) {
				t.Errorf("%s: procinfo %s, Python psutil %s", k, gb, wb)
			}
		}
	}
}

func TestPs(t *testing.T) {
	var j []map[string]any
	mustJSON(t, &j, "ps")
	pids, _ := psutil.Pids()
	if !within(float64(len(j)), float64(len(pids)), 0.1, 5) {
		t.Errorf("ps --json lists %d processes, Pids() %d", len(j), len(pids))
	}
	self, _ := psutil.NewProcess(os.Getpid())
	name, _ := self.Name()
	found := false
	for _, p := range j {
		if num(t, p["pid"]) == float64(os.Getpid()) {
			found = true
			if p["name"] != name {
				t.Errorf("ps: name %v, want %s", p["name"], name)
			}
			wantKeys(t, "ps entry", p, "pid", "username", "name", "cmdline", "status", "nice",
				"create_time", "memory_info", "memory_percent", "cpu_times", "terminal")
		}
	}
	if !found {
		t.Error("ps --json lacks this process")
	}
	out := mustRun(t, "ps")
	if !strings.Contains(out, "CMDLINE") || !strings.Contains(out, " "+strconv.Itoa(os.Getpid())+" ") {
		t.Errorf("ps output lacks the header or this process")
	}
}

func TestPidof(t *testing.T) {
	sl := startSleeper(t, "psutil-cli-pidof")
	out := mustRun(t, "pidof", "psutil-cli-pidof")
	if strings.TrimSpace(out) != strconv.Itoa(sl.Process.Pid) {
		t.Errorf("pidof = %q, want %d", out, sl.Process.Pid)
	}
	var j []int
	mustJSON(t, &j, "pidof", "psutil-cli-pidof")
	if len(j) != 1 || j[0] != sl.Process.Pid {
		t.Errorf("pidof --json = %v", j)
	}
	r := runCLI(t, "pidof", "psutil-cli-no-such-name")
	if r.code != 1 || r.stdout != "" || r.stderr != "" {
		t.Errorf("pidof of nothing: exit %d, %q, %q; want 1 and no output", r.code, r.stdout, r.stderr)
	}
}
