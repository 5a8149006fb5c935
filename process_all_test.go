//go:build linux && cgo

package psutil

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"
)

// allowedProcErr reports whether err is one of the outcomes a getter may
// have for an arbitrary pid: nil, ErrNoSuchProcess, ErrZombieProcess or
// ErrAccessDenied, always as a *ProcessError.
func allowedProcErr(err error) bool {
	if err == nil {
		return true
	}
	var pe *ProcessError
	if !errors.As(err, &pe) {
		return false
	}
	return errors.Is(err, ErrNoSuchProcess) || errors.Is(err, ErrAccessDenied)
}

// procGetters calls every read-only method once.
var procGetters = map[string]func(p *Process) error{
	"PPID":           func(p *Process) error { _, err := p.PPID(); return err },
	"Name":           func(p *Process) error { _, err := p.Name(); return err },
	"Exe":            func(p *Process) error { _, err := p.Exe(); return err },
	"Cmdline":        func(p *Process) error { _, err := p.Cmdline(); return err },
	"Environ":        func(p *Process) error { _, err := p.Environ(); return err },
	"CreateTime":     func(p *Process) error { _, err := p.CreateTime(); return err },
	"Status":         func(p *Process) error { _, err := p.Status(); return err },
	"Username":       func(p *Process) error { _, err := p.Username(); return err },
	"UIDs":           func(p *Process) error { _, err := p.UIDs(); return err },
	"GIDs":           func(p *Process) error { _, err := p.GIDs(); return err },
	"Terminal":       func(p *Process) error { _, err := p.Terminal(); return err },
	"Cwd":            func(p *Process) error { _, err := p.Cwd(); return err },
	"Nice":           func(p *Process) error { _, err := p.Nice(); return err },
	"IONice":         func(p *Process) error { _, err := p.IONice(); return err },
	"Rlimit":         func(p *Process) error { _, err := p.Rlimit(RLIMIT_NOFILE); return err },
	"IOCounters":     func(p *Process) error { _, err := p.IOCounters(); return err },
	"NumCtxSwitches": func(p *Process) error { _, err := p.NumCtxSwitches(); return err },
	"NumFDs":         func(p *Process) error { _, err := p.NumFDs(); return err },
	"NumThreads":     func(p *Process) error { _, err := p.NumThreads(); return err },
	"Threads":        func(p *Process) error { _, err := p.Threads(); return err },
	"CPUTimes":       func(p *Process) error { _, err := p.CPUTimes(); return err },
	"CPUPercent": func(p *Process) error {
		_, err := p.CPUPercent(context.Background(), 0)
		return err
	},
	"CPUNum":         func(p *Process) error { _, err := p.CPUNum(); return err },
	"CPUAffinity":    func(p *Process) error { _, err := p.CPUAffinity(); return err },
	"MemoryInfo":     func(p *Process) error { _, err := p.MemoryInfo(); return err },
	"MemoryFullInfo": func(p *Process) error { _, err := p.MemoryFullInfo(); return err },
	"MemoryPercent":  func(p *Process) error { _, err := p.MemoryPercent("uss"); return err },
	"MemoryMaps":     func(p *Process) error { _, err := p.MemoryMaps(true); return err },
	"MemoryMapsFlat": func(p *Process) error { _, err := p.MemoryMaps(false); return err },
	"OpenFiles":      func(p *Process) error { _, err := p.OpenFiles(); return err },
	"NetConnections": func(p *Process) error { _, err := p.NetConnections(ConnAll); return err },
	"Parent":         func(p *Process) error { _, err := p.Parent(); return err },
	"Parents":        func(p *Process) error { _, err := p.Parents(); return err },
	"Children":       func(p *Process) error { _, err := p.Children(true); return err },
	"AsDict":         func(p *Process) error { _, err := p.AsDict(nil, nil); return err },
	"SendSignal0":    func(p *Process) error { return p.SendSignal(0) },
	"WaitPoll": func(p *Process) error {
		ctx, cancel := context.WithTimeout(context.Background(), 0)
		defer cancel()
		_, err := p.Wait(ctx)
		if errors.Is(err, ErrTimeoutExpired) {
			return nil
		}
		return err
	},
	"Oneshot": func(p *Process) error {
		return p.Oneshot(func() error {
			for _, f := range []func() error{
				func() error { _, err := p.PPID(); return err },
				func() error { _, err := p.UIDs(); return err },
				func() error { _, err := p.MemoryInfo(); return err },
			} {
				if err := f(); err != nil {
					return err
				}
			}
			return nil
		})
	},
}

// TestProcessAllPidsContract calls every method on every pid (plus pids
// that do not exist) and accepts only a value, ErrNoSuchProcess,
// ErrZombieProcess or ErrAccessDenied. `make proc-unpriv` runs it again
// as uid 65534.
func TestProcessAllPidsContract(t *testing.T) {
	pids, err := Pids()
	if err != nil {
		t.Fatal(err)
	}
	if len(pids) < 2 {
		t.Fatalf("Pids() = %v: too few", pids)
	}
	self := false
	for _, pid := range pids {
		if pid == os.Getpid() {
			self = true
		}
	}
	if !self {
		t.Fatalf("Pids() lacks our own pid %d", os.Getpid())
	}
	counts := map[string]int{}
	var mu sync.Mutex
	check := func(pid int) {
		p, err := NewProcess(pid)
		if err != nil {
			if !errors.Is(err, ErrNoSuchProcess) {
				t.Errorf("NewProcess(%d): %v", pid, err)
			}
			return
		}
		for name, f := range procGetters {
			err := f(p)
			if !allowedProcErr(err) {
				t.Errorf("pid %d %s: unexpected error %v", pid, name, err)
			}
			mu.Lock()
			switch {
			case err == nil:
				counts["ok"]++
			case errors.Is(err, ErrZombieProcess):
				counts["zombie"]++
			case errors.Is(err, ErrNoSuchProcess):
				counts["nsp"]++
			case errors.Is(err, ErrAccessDenied):
				counts["ad"]++
			}
			mu.Unlock()
		}
	}
	for _, pid := range pids {
		check(pid)
	}
	t.Logf("uid %d, %d pids: %v", os.Getuid(), len(pids), counts)
	if counts["ok"] == 0 {
		t.Fatal("no method succeeded on any pid")
	}
	if os.Getuid() != 0 && counts["ad"] == 0 {
		t.Error("unprivileged run saw no AccessDenied at all")
	}
}

func TestNewProcessInvalid(t *testing.T) {
	for _, tc := range []struct {
		pid  int
		want error
	}{
		{-1, ErrInvalidArgument},
		{0, ErrNoSuchProcess},
		{1 << 31, ErrNoSuchProcess},
		{1<<31 - 1, ErrNoSuchProcess},
	} {
		p, err := NewProcess(tc.pid)
		if !errors.Is(err, tc.want) || p != nil {
			t.Errorf("NewProcess(%d) = %v, %v; want %v", tc.pid, p, err, tc.want)
		}
		var pe *ProcessError
		if !errors.As(err, &pe) || pe.PID != tc.pid {
			t.Errorf("NewProcess(%d): error %T %v is not a *ProcessError with the pid", tc.pid, err, err)
		}
		if ok, err := PIDExists(tc.pid); ok || err != nil {
			t.Errorf("PIDExists(%d) = %v, %v", tc.pid, ok, err)
		}
	}
	if ok, err := PIDExists(os.Getpid()); !ok || err != nil {
		t.Errorf("PIDExists(self) = %v, %v", ok, err)
	}
}

func TestProcessSelfValues(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if ppid, err := p.PPID(); err != nil || ppid != os.Getppid() {
		t.Errorf("PPID = %d, %v; want %d", ppid, err, os.Getppid())
	}
	exe, _ := os.Executable()
	if got, err := p.Exe(); err != nil || got != exe {
		t.Errorf("Exe = %q, %v; want %q", got, err, exe)
	}
	wd, _ := os.Getwd()
	if got, err := p.Cwd(); err != nil || got != wd {
		t.Errorf("Cwd = %q, %v; want %q", got, err, wd)
	}
	if cmd, err := p.Cmdline(); err != nil || len(cmd) != len(os.Args) || cmd[0] != os.Args[0] {
		t.Errorf("Cmdline = %q, %v; want %q", cmd, err, os.Args)
	}
	if env, err := p.Environ(); err != nil || env["PATH"] != os.Getenv("PATH") {
		t.Errorf("Environ[PATH] = %q, %v", env["PATH"], err)
	}
	if u, err := p.UIDs(); err != nil || u.Real != os.Getuid() || u.Effective != os.Geteuid() {
		t.Errorf("UIDs = %+v, %v", u, err)
	}
	if g, err := p.GIDs(); err != nil || g.Real != os.Getgid() {
		t.Errorf("GIDs = %+v, %v", g, err)
	}
	ct, err := p.CreateTime()
	if err != nil || time.Since(ct) < 0 || time.Since(ct) > time.Hour {
		t.Errorf("CreateTime = %v, %v", ct, err)
	}
	if st, err := p.Status(); err != nil || (st != StatusRunning && st != StatusSleeping) {
		t.Errorf("Status = %q, %v", st, err)
	}
	m, err := p.MemoryFullInfo()
	if err != nil || m.RSS == 0 || m.VMS < m.RSS || m.USS == 0 || m.USS > m.RSS || m.PSS == 0 {
		t.Errorf("MemoryFullInfo = %+v, %v", m, err)
	}
	f, err := os.CreateTemp(t.TempDir(), "open")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString("hello")
	files, err := p.OpenFiles()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, of := range files {
		if of.Path == f.Name() && of.FD == int(f.Fd()) {
			found = true
			if of.Position != 5 || of.Mode != "r+" {
				t.Errorf("open file %+v: want position 5, mode r+", of)
			}
		}
	}
	if !found {
		t.Errorf("OpenFiles = %+v lacks %s", files, f.Name())
	}
	n, err := p.NumFDs()
	if err != nil || n < 3 {
		t.Errorf("NumFDs = %d, %v", n, err)
	}
	th, err := p.Threads()
	nt, err2 := p.NumThreads()
	if err != nil || err2 != nil || len(th) == 0 || nt == 0 {
		t.Errorf("Threads = %d, %v; NumThreads = %d, %v", len(th), err, nt, err2)
	}
	if pct, err := p.MemoryPercent("rss"); err != nil || pct <= 0 || pct > 100 {
		t.Errorf("MemoryPercent = %v, %v", pct, err)
	}
	if _, err := p.MemoryPercent("bogus"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("MemoryPercent(bogus) err = %v", err)
	}
	if _, err := p.NetConnections("bogus"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("NetConnections(bogus) err = %v", err)
	}
	if _, err := NetConnections("bogus"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("NetConnections(bogus) err = %v", err)
	}
	if _, err := p.CPUPercent(context.Background(), -1); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("CPUPercent(-1) err = %v", err)
	}
	if !p.IsRunning() {
		t.Error("IsRunning = false for self")
	}
	lim, err := p.Rlimit(RLIMIT_NOFILE)
	if err != nil || lim.Soft == 0 {
		t.Errorf("Rlimit(NOFILE) = %+v, %v", lim, err)
	}
	if err := p.SetRlimit(RLIMIT_NOFILE, lim); err != nil {
		t.Errorf("SetRlimit(same) = %v", err)
	}
	nice, err := p.Nice()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetNice(nice); err != nil {
		t.Errorf("SetNice(same) = %v", err)
	}
	aff, err := p.CPUAffinity()
	if err != nil || len(aff) == 0 {
		t.Fatalf("CPUAffinity = %v, %v", aff, err)
	}
	if err := p.SetCPUAffinity(aff); err != nil {
		t.Errorf("SetCPUAffinity(same) = %v", err)
	}
	if err := p.SetCPUAffinity([]int{-1}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("SetCPUAffinity(-1) = %v", err)
	}
	if err := p.SetIONice(IOPrioClassIdle, 3); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("SetIONice(idle, 3) = %v", err)
	}
}

func TestOneshotReadsOnce(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	err = p.Oneshot(func() error {
		a, _ := p.CPUTimes()
		time.Sleep(20 * time.Millisecond)
		for i := 0; i < 1000000; i++ { // burn CPU: a fresh read would differ
			_ = i * i
		}
		b, _ := p.CPUTimes()
		if a != b {
			t.Errorf("inside Oneshot CPUTimes changed: %+v -> %+v", a, b)
		}
		if p.osSt.have != procPartStat|procPartTask {
			t.Errorf("have = %b, want only the stat (and task) part", p.osSt.have)
		}
		_, _ = p.UIDs()
		_, _ = p.MemoryInfo()
		if p.osSt.have != procPartAll {
			t.Errorf("have = %b, want all parts", p.osSt.have)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.osSt.have != 0 {
		t.Error("cache kept after Oneshot")
	}
}

// TestProcessesKeepsLiveOnGetterNoSuchProcess: a getter that says
// NoSuchProcess for a live process (kernel threads have no smaps) must
// not make Processes drop it.
func TestProcessesKeepsLiveOnGetterNoSuchProcess(t *testing.T) {
	want := []int{os.Getpid()}
	if ok, _ := PIDExists(2); ok {
		if p, err := NewProcess(2); err == nil {
			if ppid, _ := p.PPID(); ppid == 0 { // a kernel thread (kthreadd)
				want = append(want, 2)
			}
		}
	}
	seen := map[int]bool{}
	for p, err := range Processes("memory_full_info", "net_connections") {
		if err != nil {
			t.Fatal(err)
		}
		seen[p.PID()] = true
	}
	for _, pid := range want {
		if !seen[pid] {
			t.Errorf("Processes(memory_full_info) dropped live pid %d", pid)
		}
	}
	self, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := self.Rlimit(RLIMIT_SWAP); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Rlimit(RLIMIT_SWAP) on Linux = %v, want ErrInvalidArgument", err)
	}
	if _, err := self.CPUNum(); err != nil {
		t.Errorf("CPUNum on Linux: %v", err)
	}
	if _, err := self.NumHandles(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("NumHandles on Linux = %v, want ErrNotImplemented", err)
	}
	if _, err := self.Cgroup(); err != nil && !errors.Is(err, ErrNotImplemented) {
		t.Errorf("Cgroup: %v", err)
	}
}
