package psutil

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary double as a child process: with
// PSU_WIN_CHILD set it sleeps instead of running tests.
func TestMain(m *testing.M) {
	if d := os.Getenv("PSU_WIN_CHILD"); d != "" {
		dur, _ := time.ParseDuration(d)
		time.Sleep(dur)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func startChild(t *testing.T, d string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "PSU_WIN_CHILD="+d)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

func TestWindowsProcessSelf(t *testing.T) {
	pids, err := Pids()
	if err != nil {
		t.Fatal(err)
	}
	self := os.Getpid()
	if !slices.Contains(pids, self) {
		t.Fatalf("own pid %d not in %d pids", self, len(pids))
	}
	if ok, err := PIDExists(self); !ok || err != nil {
		t.Errorf("PIDExists(self) = %v, %v", ok, err)
	}
	if ok, err := PIDExists(0x7ffffff0); ok || err != nil {
		t.Errorf("PIDExists(huge) = %v, %v", ok, err)
	}
	p, err := NewProcess(self)
	if err != nil {
		t.Fatal(err)
	}
	wantExe, _ := os.Executable()
	exe, err := p.Exe()
	if err != nil || !strings.EqualFold(exe, wantExe) {
		t.Errorf("Exe = %q, %v; want %q", exe, err, wantExe)
	}
	name, err := p.Name()
	if err != nil || !strings.EqualFold(name, filepath.Base(wantExe)) {
		t.Errorf("Name = %q, %v", name, err)
	}
	cmd, err := p.Cmdline()
	if err != nil || !slices.Equal(cmd, os.Args) {
		t.Errorf("Cmdline = %q, %v; want %q", cmd, err, os.Args)
	}
	ppid, err := p.PPID()
	if err != nil || ppid != os.Getppid() {
		t.Errorf("PPID = %d, %v; want %d", ppid, err, os.Getppid())
	}
	wd, _ := os.Getwd()
	cwd, err := p.Cwd()
	if err != nil || !strings.EqualFold(cwd, wd) {
		t.Errorf("Cwd = %q, %v; want %q", cwd, err, wd)
	}
	env, err := p.Environ()
	if err != nil || env["PATH"] == "" {
		t.Errorf("Environ: PATH=%q (%d vars), %v", env["PATH"], len(env), err)
	}
	ct, err := p.CreateTime()
	if err != nil || ct.After(time.Now().Add(time.Second)) || time.Since(ct) > time.Hour {
		t.Errorf("CreateTime = %v, %v", ct, err)
	}
	if st, err := p.Status(); err != nil || st != StatusRunning {
		t.Errorf("Status = %q, %v", st, err)
	}
	if u, err := p.Username(); err != nil || !strings.Contains(u, `\`) {
		t.Errorf("Username = %q, %v", u, err)
	}
	if n, err := p.Nice(); err != nil || n != 0x20 { // NORMAL_PRIORITY_CLASS
		t.Errorf("Nice = %#x, %v", n, err)
	}
	if io, err := p.IONice(); err != nil || io.Class < 0 || io.Class > 3 || io.Value != 0 {
		if underWine() && err != nil {
			t.Logf("wine has no ProcessIoPriority: %v", err)
		} else {
			t.Errorf("IONice = %+v, %v", io, err)
		}
	}
	if _, err := p.IOCounters(); err != nil {
		t.Errorf("IOCounters: %v", err)
	}
	nt, err := p.NumThreads()
	if err != nil || nt < 1 {
		t.Errorf("NumThreads = %d, %v", nt, err)
	}
	th, err := p.Threads()
	if err != nil || len(th) < 1 {
		t.Errorf("Threads = %d, %v", len(th), err)
	}
	if h, err := p.NumHandles(); err != nil || h < 1 {
		t.Errorf("num_handles = %d, %v", h, err)
	}
	if _, err := p.CPUTimes(); err != nil {
		t.Errorf("CPUTimes: %v", err)
	}
	if aff, err := p.CPUAffinity(); err != nil || len(aff) < 1 {
		t.Errorf("CPUAffinity = %v, %v", aff, err)
	}
	if _, err := p.NumFDs(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("NumFDs: %v; POSIX only", err)
	}
	if _, err := p.Rlimit(RLIMIT_NOFILE); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("Rlimit: %v; Linux/FreeBSD only", err)
	}
}

func TestWindowsProcessMemory(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.MemoryInfo()
	if err != nil {
		t.Fatal(err)
	}
	if m.RSS == 0 || m.RSS != m.Wset || m.VMS != m.Pagefile || m.PeakWset < m.Wset {
		t.Errorf("memory_info %+v", m)
	}
	if m.NumPageFaults == 0 && !underWine() { // wine reports no page faults
		t.Errorf("no page faults: %+v", m)
	}
	if m.Private == 0 {
		if underWine() {
			t.Log("wine: PROCESS_MEMORY_COUNTERS_EX.PrivateUsage is 0")
		} else {
			t.Errorf("private bytes 0: %+v", m)
		}
	}
	maps, err := p.MemoryMaps(true)
	if err != nil || len(maps) == 0 {
		t.Errorf("memory_maps: %d, %v", len(maps), err)
	}
	found := false
	for _, mm := range maps {
		if strings.EqualFold(filepath.Base(mm.Path), "ntdll.dll") {
			found = true
		}
	}
	if !found {
		t.Errorf("ntdll.dll not mapped: %+v", maps)
	}
}

func TestWindowsProcessUSS(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.MemoryInfo()
	if err != nil {
		t.Fatal(err)
	}
	full, err := p.MemoryFullInfo()
	if err != nil && underWine() {
		t.Skipf("wine implements neither NtQueryVirtualMemory(MemoryWorkingSetInformation) nor QueryWorkingSet (error 87), so no USS: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if full.USS == 0 || full.USS > m.RSS {
		t.Errorf("uss %d, rss %d", full.USS, m.RSS)
	}
}

func TestWindowsProcessChild(t *testing.T) {
	cmd := startChild(t, "30s")
	self, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	kids, err := self.Children(false)
	if err != nil {
		t.Fatal(err)
	}
	var child *Process
	for _, k := range kids {
		if k.PID() == cmd.Process.Pid {
			child = k
		}
	}
	if child == nil {
		t.Fatalf("child %d not among children %v", cmd.Process.Pid, kids)
	}
	if pp, err := child.PPID(); err != nil || pp != os.Getpid() {
		t.Errorf("child PPID = %d, %v", pp, err)
	}
	if env, err := child.Environ(); err != nil || env["PSU_WIN_CHILD"] != "30s" {
		t.Errorf("child environ PSU_WIN_CHILD=%q, %v", env["PSU_WIN_CHILD"], err)
	}
	if err := child.Suspend(); err != nil {
		t.Fatalf("Suspend: %v", err)
	}
	st, err := child.Status()
	if err != nil {
		t.Error(err)
	} else if st != StatusStopped && !underWine() {
		t.Errorf("suspended child status %q", st)
	}
	if err := child.Resume(); err != nil {
		t.Fatalf("Resume: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, err = child.Wait(ctx)
	cancel()
	if !errors.Is(err, ErrTimeoutExpired) {
		t.Errorf("Wait on a running child: %v", err)
	}
	if err := child.Kill(); err != nil {
		t.Fatalf("Kill: %v", err)
	}
	code, err := child.Wait(context.Background())
	if err != nil || code != 9 {
		t.Errorf("Wait after Kill = %d, %v; want 9 (TerminateProcess exit code)", code, err)
	}
	if child.IsRunning() {
		t.Error("killed child still running")
	}
	if err := child.Kill(); !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("Kill of a dead child: %v", err)
	}
}

func TestWindowsProcessNoSuch(t *testing.T) {
	_, err := NewProcess(0x7ffffff0)
	if !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("NewProcess(huge): %v", err)
	}
	pids, err := Pids()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pids, 0) {
		if !underWine() {
			t.Error("pid 0 (System Idle Process) not listed")
		}
		return // wine has no idle process entry
	}
	p, err := NewProcess(0)
	if err != nil {
		t.Fatalf("pid 0: %v", err)
	}
	if n, err := p.Name(); err != nil || n != "System Idle Process" {
		t.Errorf("pid 0 name %q, %v", n, err)
	}
	if _, err := p.Cmdline(); err != nil {
		t.Errorf("pid 0 cmdline: %v", err)
	}
	if _, err := p.Environ(); !errors.Is(err, ErrAccessDenied) {
		t.Errorf("pid 0 environ: %v; want access denied", err)
	}
}

func TestWindowsNetConnections(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	all, err := NetConnections(ConnInet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range all {
		if c.Laddr.Port == port && c.Family == AF_INET && c.Type == SOCK_STREAM {
			found = true
			if c.Status != ConnListen || c.Laddr.IP != "127.0.0.1" || c.Raddr != (ConnAddr{}) {
				t.Errorf("listener %+v", c)
			}
			if c.PID != os.Getpid() && !(underWine() && c.PID == 0) {
				t.Errorf("listener pid %d, want %d", c.PID, os.Getpid())
			}
		}
	}
	if !found {
		t.Errorf("listener on port %d not found in %d connections", port, len(all))
	}
	if _, err := NetConnections("bogus"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bogus kind: %v", err)
	}
}

func TestWindowsOpenFiles(t *testing.T) {
	// Not t.TempDir: wine fails its RemoveAll (unlinkat: Invalid function).
	f, err := os.CreateTemp("", "psutil-open-*.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	files, err := p.OpenFiles()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs(f.Name())
	found := false
	for _, of := range files {
		if of.FD != -1 {
			t.Errorf("fd %d, want -1 on Windows", of.FD)
		}
		if strings.EqualFold(of.Path, want) {
			found = true
		}
	}
	if !found {
		t.Errorf("%s not among the open files %+v", want, files)
	}
}

// The System process (pid 4) can't be fully opened: the getters fall back
// to the process table, as psutil does, and PEB reads are denied.
func TestWindowsProcessSystemFallbacks(t *testing.T) {
	pids, err := Pids()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pids, 4) {
		if underWine() {
			t.Skip("wine has no System process (pid 4) and OpenProcess never denies there")
		}
		t.Fatal("no System process (pid 4)")
	}
	p, err := NewProcess(4)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := p.Name(); err != nil || n != "System" {
		t.Errorf("Name = %q, %v", n, err)
	}
	if exe, err := p.Exe(); err != nil || exe != "" {
		t.Errorf("Exe = %q, %v; want \"\"", exe, err)
	}
	if _, err := p.CPUTimes(); err != nil {
		t.Errorf("CPUTimes: %v", err)
	}
	if _, err := p.MemoryInfo(); err != nil {
		t.Errorf("MemoryInfo: %v", err)
	}
	if _, err := p.IOCounters(); err != nil {
		t.Errorf("IOCounters: %v", err)
	}
	if n, err := p.NumThreads(); err != nil || n < 1 {
		t.Errorf("NumThreads = %d, %v", n, err)
	}
	if _, err := p.Environ(); !errors.Is(err, ErrAccessDenied) {
		t.Errorf("Environ: %v; want ErrAccessDenied", err)
	}
}

// Every getter on every process: only success, no-such-process, access
// denied or not-implemented are acceptable outcomes. Under wine, the
// calls that wine does not implement (ProcessIoPriority, the working-set
// query behind USS) may fail with a plain OS error.
func TestWindowsEveryProcessEveryGetter(t *testing.T) {
	n := 0
	for p, err := range Processes() {
		if err != nil {
			t.Fatal(err)
		}
		n++
		check := func(what string, err error, wineGap bool) {
			t.Helper()
			if err == nil || errors.Is(err, ErrNoSuchProcess) || errors.Is(err, ErrAccessDenied) ||
				errors.Is(err, ErrNotImplemented) {
				return
			}
			if wineGap && underWine() {
				return
			}
			t.Errorf("pid %d: %s: %v", p.PID(), what, err)
		}
		_, err = p.Name()
		check("Name", err, false)
		_, err = p.Exe()
		check("Exe", err, false)
		_, err = p.Cmdline()
		check("Cmdline", err, false)
		_, err = p.Environ()
		check("Environ", err, false)
		_, err = p.Cwd()
		check("Cwd", err, false)
		_, err = p.PPID()
		check("PPID", err, false)
		_, err = p.CreateTime()
		check("CreateTime", err, false)
		_, err = p.Status()
		check("Status", err, false)
		_, err = p.Username()
		check("Username", err, false)
		_, err = p.Nice()
		check("Nice", err, false)
		_, err = p.IONice()
		check("IONice", err, true)
		_, err = p.IOCounters()
		check("IOCounters", err, false)
		_, err = p.NumHandles()
		check("NumHandles", err, false)
		_, err = p.NumThreads()
		check("NumThreads", err, false)
		_, err = p.Threads()
		check("Threads", err, false)
		_, err = p.CPUTimes()
		check("CPUTimes", err, false)
		_, err = p.CPUAffinity()
		check("CPUAffinity", err, false)
		_, err = p.MemoryInfo()
		check("MemoryInfo", err, false)
		_, err = p.MemoryFullInfo()
		check("MemoryFullInfo", err, true)
		_, err = p.MemoryMaps(true)
		check("MemoryMaps", err, false)
		_, err = p.OpenFiles()
		check("OpenFiles", err, false)
		_, err = p.NetConnections(ConnAll)
		check("NetConnections", err, false)
		_, err = p.Children(false)
		check("Children", err, false)
	}
	if n < 3 {
		t.Errorf("only %d processes", n)
	}
}

// TestWindowsNoPosixIDs: psutil has no uids()/gids() on Windows.
func TestWindowsNoPosixIDs(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UIDs(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("UIDs = %v, want ErrNotImplemented", err)
	}
	if _, err := p.GIDs(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("GIDs = %v, want ErrNotImplemented", err)
	}
	if _, err := p.CPUNum(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("CPUNum = %v, want ErrNotImplemented", err)
	}
}
