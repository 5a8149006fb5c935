//go:build reliability && linux && cgo

package psutil

// Reliability tests (issue 9), run by `make test` through mk/reliability.mk
// (owned by the lead; please don't delete):
//   - churn: 8 goroutines iterate processes and call every getter while a
//     helper spawns and kills thousands of short-lived processes;
//   - bad input: every kind of bad argument gives a clear error;
//   - leaks: thousands of calls through cgo leave no C blocks behind and
//     keep RSS flat;
//   - unprivileged: run as uid 65534, root's data is AccessDenied.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// getters lists every read-only Process method, each reduced to its error.
var getters = []struct {
	name string
	call func(p *Process) error
}{
	{"PPID", func(p *Process) error { _, err := p.PPID(); return err }},
	{"Name", func(p *Process) error { _, err := p.Name(); return err }},
	{"Exe", func(p *Process) error { _, err := p.Exe(); return err }},
	{"Cmdline", func(p *Process) error { _, err := p.Cmdline(); return err }},
	{"Environ", func(p *Process) error { _, err := p.Environ(); return err }},
	{"CreateTime", func(p *Process) error { _, err := p.CreateTime(); return err }},
	{"Status", func(p *Process) error { _, err := p.Status(); return err }},
	{"Username", func(p *Process) error { _, err := p.Username(); return err }},
	{"UIDs", func(p *Process) error { _, err := p.UIDs(); return err }},
	{"GIDs", func(p *Process) error { _, err := p.GIDs(); return err }},
	{"Terminal", func(p *Process) error { _, err := p.Terminal(); return err }},
	{"Cwd", func(p *Process) error { _, err := p.Cwd(); return err }},
	{"Nice", func(p *Process) error { _, err := p.Nice(); return err }},
	{"IONice", func(p *Process) error { _, err := p.IONice(); return err }},
	{"Rlimit", func(p *Process) error { _, err := p.Rlimit(RLIMIT_NOFILE); return err }},
	{"IOCounters", func(p *Process) error { _, err := p.IOCounters(); return err }},
	{"NumCtxSwitches", func(p *Process) error { _, err := p.NumCtxSwitches(); return err }},
	{"NumFDs", func(p *Process) error { _, err := p.NumFDs(); return err }},
	{"NumThreads", func(p *Process) error { _, err := p.NumThreads(); return err }},
	{"Threads", func(p *Process) error { _, err := p.Threads(); return err }},
	{"CPUTimes", func(p *Process) error { _, err := p.CPUTimes(); return err }},
	{"CPUPercent", func(p *Process) error { _, err := p.CPUPercent(context.Background(), 0); return err }},
	{"CPUNum", func(p *Process) error { _, err := p.CPUNum(); return err }},
	{"CPUAffinity", func(p *Process) error { _, err := p.CPUAffinity(); return err }},
	{"MemoryInfo", func(p *Process) error { _, err := p.MemoryInfo(); return err }},
	{"MemoryFullInfo", func(p *Process) error { _, err := p.MemoryFullInfo(); return err }},
	{"MemoryPercent", func(p *Process) error { _, err := p.MemoryPercent("rss"); return err }},
	{"MemoryMaps", func(p *Process) error { _, err := p.MemoryMaps(true); return err }},
	{"OpenFiles", func(p *Process) error { _, err := p.OpenFiles(); return err }},
	{"NetConnections", func(p *Process) error { _, err := p.NetConnections(ConnAll); return err }},
	{"Parent", func(p *Process) error { _, err := p.Parent(); return err }},
	{"Parents", func(p *Process) error { _, err := p.Parents(); return err }},
	{"Children", func(p *Process) error { _, err := p.Children(true); return err }},
	{"AsDict", func(p *Process) error { _, err := p.AsDict(nil, nil); return err }},
	{"IsRunning", func(p *Process) error { p.IsRunning(); return nil }},
}

// allowed reports whether err is one of the outcomes psutil allows for a
// process getter: a value, NoSuchProcess, ZombieProcess or AccessDenied.
func allowed(err error) bool {
	return err == nil || errors.Is(err, ErrNoSuchProcess) || errors.Is(err, ErrAccessDenied)
}

func countFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

func TestReliabilityChurn(t *testing.T) {
	spawnTotal := 1500
	if testing.Short() {
		spawnTotal = 200
	}
	fds0 := countFDs(t)
	g0 := runtime.NumGoroutine()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var spawned atomic.Int64
	var spawnWG sync.WaitGroup
	// Four spawners: half the children exit on their own, half get killed.
	for w := 0; w < 4; w++ {
		spawnWG.Add(1)
		go func() {
			defer spawnWG.Done()
			for i := 0; spawned.Load() < int64(spawnTotal); i++ {
				var cmd *exec.Cmd
				if i%2 == 0 {
					cmd = exec.Command("/bin/true")
				} else {
					cmd = exec.Command("/bin/sleep", "5")
				}
				if err := cmd.Start(); err != nil {
					t.Errorf("spawn: %v", err)
					return
				}
				spawned.Add(1)
				if i%2 == 1 {
					time.Sleep(time.Millisecond)
					_ = cmd.Process.Kill()
				}
				_ = cmd.Wait()
			}
		}()
	}

	var calls, bad atomic.Int64
	var badMu sync.Mutex
	var badList []string
	report := func(s string) {
		bad.Add(1)
		badMu.Lock()
		badList = append(badList, s)
		badMu.Unlock()
	}
	var iterWG sync.WaitGroup
	for g := 0; g < 8; g++ {
		iterWG.Add(1)
		go func(g int) {
			defer iterWG.Done()
			for ctx.Err() == nil {
				for p, err := range Processes("name", "ppid", "status") {
					if err != nil {
						if !allowed(err) {
							report("Processes: " + err.Error())
						}
						continue
					}
					// Each goroutine covers a quarter of the getters per
					// process, so all of them run on many pids.
					for i, gt := range getters {
						if (i+g)%4 != 0 {
							continue
						}
						calls.Add(1)
						if err := gt.call(p); !allowed(err) {
							report(fmt.Sprintf("%s(pid %d): %v", gt.name, p.PID(), err))
						}
					}
					if ctx.Err() != nil {
						break
					}
				}
			}
		}(g)
	}
	spawnWG.Wait()
	cancel()
	iterWG.Wait()

	if bad.Load() > 0 {
		badMu.Lock()
		n := len(badList)
		if n > 20 {
			badList = badList[:20]
		}
		t.Errorf("%d disallowed errors, e.g.:\n%s", n, strings.Join(badList, "\n"))
		badMu.Unlock()
	}
	if calls.Load() < 1000 {
		t.Errorf("only %d getter calls ran; the churn test did not exercise the API", calls.Load())
	}
	t.Logf("churn: %d processes spawned, %d getter calls, %d disallowed", spawned.Load(), calls.Load(), bad.Load())

	// No fd or goroutine leaks once everything has settled.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && (countFDs(t) > fds0 || runtime.NumGoroutine() > g0) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := countFDs(t); n > fds0 {
		t.Errorf("fd leak: %d open fds before, %d after", fds0, n)
	}
	if n := runtime.NumGoroutine(); n > g0 {
		t.Errorf("goroutine leak: %d before, %d after", g0, n)
	}
}

func second[T any](_ T, err error) error { return err }

func TestReliabilityBadInput(t *testing.T) {
	self, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	closed := reapedChildPID(t) // process_footprint_test.go

	cases := []struct {
		name string
		err  error
		want error
	}{
		{"NewProcess(0)", second(NewProcess(0)), ErrNoSuchProcess},
		{"NewProcess(-1)", second(NewProcess(-1)), ErrInvalidArgument},
		{"NewProcess(1<<31)", second(NewProcess(1 << 31)), ErrNoSuchProcess},
		{"NewProcess(closed pid)", second(NewProcess(closed)), ErrNoSuchProcess},
		{"MemoryPercent(bogus)", second(self.MemoryPercent("bogus")), ErrInvalidArgument},
		{"MemoryPercent(\"RSS\")", second(self.MemoryPercent("RSS")), ErrInvalidArgument},
		{"Process.NetConnections(bogus)", second(self.NetConnections("bogus")), ErrInvalidArgument},
		{"NetConnections(tcp7)", second(NetConnections("tcp7")), ErrInvalidArgument},
		{"Rlimit(-1)", second(self.Rlimit(-1)), ErrInvalidArgument},
		{"Rlimit(9999)", second(self.Rlimit(9999)), ErrInvalidArgument},
		{"SetCPUAffinity([-1])", self.SetCPUAffinity([]int{-1}), ErrInvalidArgument},
		{"SetCPUAffinity([100000])", self.SetCPUAffinity([]int{100000}), ErrInvalidArgument},
		{"SetIONice(class 99)", self.SetIONice(99, 0), ErrInvalidArgument},
		{"CPUPercent(-1s)", second(self.CPUPercent(context.Background(), -time.Second)), ErrInvalidArgument},
		{"DiskUsage(missing)", second(DiskUsage("/nonexistent/psutil-go")), os.ErrNotExist},
		{"SetProcfsPath(\"\")", SetProcfsPath(""), ErrInvalidArgument},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error, want %v", c.name, c.want)
			continue
		}
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want an error matching %v", c.name, c.err, c.want)
		}
	}

	// A nil or zero Process must give an error, never panic.
	var nilp *Process
	for _, p := range []*Process{nilp, {}} {
		for _, gt := range getters {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s on a nil/zero Process panicked: %v", gt.name, r)
					}
				}()
				if gt.name == "IsRunning" {
					if p.IsRunning() {
						t.Errorf("IsRunning on a nil/zero Process = true")
					}
					return
				}
				if err := gt.call(p); err == nil {
					t.Errorf("%s on a nil/zero Process: no error", gt.name)
				}
			}()
		}
	}
}

func TestReliabilityProcfsRoot(t *testing.T) {
	old := ProcfsPath()
	t.Cleanup(func() { _ = SetProcfsPath(old) })

	// A missing root: errors matching fs.ErrNotExist (or NoSuchProcess for
	// a process), never a panic or a value.
	if err := SetProcfsPath("/nonexistent/psutil-proc"); err != nil {
		t.Fatal(err)
	}
	if _, err := VirtualMemory(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("VirtualMemory with a missing root: %v", err)
	}
	if _, err := CPUTimes(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("CPUTimes with a missing root: %v", err)
	}
	if _, err := Pids(); err == nil {
		t.Error("Pids with a missing root: no error")
	}
	if _, err := NewProcess(os.Getpid()); err == nil {
		t.Error("NewProcess with a missing root: no error")
	}

	// An unreadable root (only meaningful when not root: root reads anyway).
	if os.Geteuid() != 0 {
		d := t.TempDir()
		if err := os.Chmod(d+"/", 0); err != nil {
			t.Fatal(err)
		}
		_ = SetProcfsPath(d)
		if _, err := VirtualMemory(); !errors.Is(err, os.ErrPermission) {
			t.Errorf("VirtualMemory with an unreadable root: %v", err)
		}
		_ = os.Chmod(d, 0o755)
	}

	// Truncated and garbage /proc files: a clear error, not garbage values.
	d := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(d, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("meminfo", "MemTotal: 12")                         // truncated mid-file
	write("stat", "cpu  abc def\nbtime xyz\n")               // garbage numbers
	write("42/stat", "42 (x) R 1 42")                        // truncated stat
	write("43/stat", "43 (x) R notanumber 43 0 0 0 0 0 0 0") // garbage
	write("43/status", "Name:\tx\n")
	_ = SetProcfsPath(d)
	if _, err := VirtualMemory(); err == nil {
		t.Error("VirtualMemory on a truncated meminfo: no error")
	}
	if _, err := CPUTimes(); err == nil {
		t.Error("CPUTimes on a garbage /proc/stat: no error")
	}
	for _, pid := range []int{42, 43} {
		p := &Process{pid: pid}
		if _, err := p.PPID(); err == nil {
			t.Errorf("PPID on a broken stat for pid %d: no error", pid)
		}
	}
}

// rssBytes reads the resident set size of this process.
func rssBytes(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	n, _ := strconv.ParseInt(f[1], 10, 64)
	return n * int64(os.Getpagesize())
}

func TestReliabilityLeaks(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	type call struct {
		name string
		fn   func() error
	}
	calls := []call{
		{"VirtualMemory", func() error { _, err := VirtualMemory(); return err }},
		{"SwapMemory", func() error { _, err := SwapMemory(); return err }},
		{"PerCPUTimes", func() error { _, err := PerCPUTimes(); return err }},
		{"DiskPartitions", func() error { _, err := DiskPartitions(true); return err }},
		{"PerDiskIOCounters", func() error { _, err := PerDiskIOCounters(false); return err }},
		{"PerNICIOCounters", func() error { _, err := PerNICIOCounters(false); return err }},
		{"NetIfAddrs", func() error { _, err := NetIfAddrs(); return err }},
		{"NetIfStats", func() error { _, err := NetIfStats(); return err }},
		{"Users", func() error { _, err := Users(); return err }},
		{"Pids", func() error { _, err := Pids(); return err }},
		{"NetConnections", func() error { _, err := NetConnections(ConnAll); return err }},
	}
	for _, g := range getters {
		if g.name == "Children" || g.name == "Parents" || g.name == "CPUPercent" {
			continue // they allocate Process objects or sleep: covered elsewhere
		}
		g := g
		calls = append(calls, call{"Process." + g.name, func() error { return g.call(p) }})
	}
	iters := 10000
	if testing.Short() {
		iters = 500
	}
	slow := map[string]bool{"NetConnections": true, "Pids": true, "Process.MemoryMaps": true,
		"Process.AsDict": true, "Process.NetConnections": true, "Process.Parent": true}
	for _, c := range calls {
		n := iters
		if slow[c.name] {
			n = iters / 10 // these walk /proc: keep the run short
		}
		for i := 0; i < 50; i++ { // warm caches and pools
			_ = c.fn()
		}
		runtime.GC()
		debug.FreeOSMemory()
		blocks0 := heapBlocks()
		rss0 := rssBytes(t)
		for i := 0; i < n; i++ {
			if err := c.fn(); err != nil && !allowed(err) && !errors.Is(err, ErrNotImplemented) {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		runtime.GC()
		debug.FreeOSMemory()
		blocks1 := heapBlocks()
		rss1 := rssBytes(t)
		if blocks1 != blocks0 {
			t.Errorf("%s: %d C blocks leaked over %d calls", c.name, blocks1-blocks0, n)
		}
		// RSS moves with the Go heap; a real leak of even 100 bytes per
		// call would add about 1 MB over 10k calls and show in the blocks.
		if grow := rss1 - rss0; grow > 4<<20 {
			t.Errorf("%s: RSS grew by %d KiB over %d calls", c.name, grow>>10, n)
		}
		t.Logf("leak %-24s %6d calls: C blocks %+d, RSS %+d KiB", c.name, n, blocks1-blocks0, (rss1-rss0)>>10)
	}
}

// TestReliabilityUnprivileged runs as uid 65534 (mk/reliability.mk starts
// it through setpriv): root's environ, smaps and fds must be AccessDenied,
// and every getter on every pid may only give the allowed outcomes.
func TestReliabilityUnprivileged(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("needs a non-root uid; `make reliability-unpriv` runs it as uid 65534")
	}
	root, err := NewProcess(1)
	if err != nil {
		t.Fatal(err)
	}
	if uids, err := root.UIDs(); err != nil || uids.Real != 0 {
		t.Skipf("pid 1 is not owned by root here (uids %v, %v)", uids, err)
	}
	checks := []struct {
		name string
		err  error
	}{
		{"Environ", second(root.Environ())},
		{"MemoryFullInfo", second(root.MemoryFullInfo())},
		{"MemoryMaps", second(root.MemoryMaps(true))},
		{"OpenFiles", second(root.OpenFiles())},
		{"NumFDs", second(root.NumFDs())},
		{"Cwd", second(root.Cwd())},
		{"Exe", second(root.Exe())},
	}
	for _, c := range checks {
		if !errors.Is(c.err, ErrAccessDenied) {
			t.Errorf("pid 1 %s as uid %d: got %v, want AccessDenied", c.name, os.Geteuid(), c.err)
		}
		var pe *ProcessError
		if c.err != nil && !errors.As(c.err, &pe) {
			t.Errorf("pid 1 %s: error is not a *ProcessError: %T", c.name, c.err)
		}
	}
	n := 0
	for p, err := range Processes() {
		if err != nil {
			t.Fatal(err)
		}
		for _, gt := range getters {
			if err := gt.call(p); !allowed(err) {
				t.Errorf("uid %d: %s(pid %d): %v", os.Geteuid(), gt.name, p.PID(), err)
			}
		}
		n++
	}
	t.Logf("uid %d: %d processes x %d getters checked", os.Geteuid(), n, len(getters))
}
