//go:build linux && cgo

package psutil

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// startChild starts `sleep` (or a shell snippet) as a direct child.
func startChild(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_, _ = cmd.Process.Wait()
	})
	return cmd
}

func waitStatus(t *testing.T, p *Process, want Status) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if st, err := p.Status(); err == nil && st == want {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	st, err := p.Status()
	t.Fatalf("status = %q, %v; want %q", st, err, want)
}

func TestProcessZombie(t *testing.T) {
	cmd := startChild(t, "/bin/sh", "-c", "exit 3")
	p, err := NewProcess(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, p, StatusZombie) // nobody reaps it: a real zombie
	if !p.IsRunning() {
		t.Error("IsRunning = false for a zombie (psutil: true)")
	}
	if ppid, err := p.PPID(); err != nil || ppid != os.Getpid() {
		t.Errorf("PPID = %d, %v", ppid, err)
	}
	if name, err := p.Name(); err != nil || name != "sh" {
		t.Errorf("Name = %q, %v", name, err)
	}
	// Data that is gone gives ErrZombieProcess (which is also NSP).
	_, err = p.Cmdline()
	var pe *ProcessError
	if !errors.Is(err, ErrZombieProcess) || !errors.As(err, &pe) || pe.PPID != os.Getpid() || pe.Op != "Process.Cmdline" {
		t.Errorf("Cmdline err = %#v, want ErrZombieProcess with PPID %d", err, os.Getpid())
	}
	if _, err := p.Exe(); !errors.Is(err, ErrZombieProcess) {
		t.Errorf("Exe err = %v, want ErrZombieProcess", err)
	}
	if _, err := p.MemoryMaps(true); !errors.Is(err, ErrZombieProcess) {
		t.Errorf("MemoryMaps err = %v, want ErrZombieProcess", err)
	}
	d, err := p.AsDict([]string{"exe", "cmdline", "status", "pid"}, "AD")
	if err != nil {
		t.Fatal(err)
	}
	if d["exe"] != "AD" || d["status"] != StatusZombie || d["pid"] != p.PID() {
		t.Errorf("AsDict = %v", d)
	}
	for name, f := range procGetters {
		if err := f(p); !allowedProcErr(err) {
			t.Errorf("zombie %s: %v", name, err)
		}
	}
	// Wait reaps it and returns the exit code.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	code, err := p.Wait(ctx)
	if err != nil || code != 3 {
		t.Fatalf("Wait = %d, %v; want 3", code, err)
	}
	if c, err := p.Wait(ctx); c != 3 || err != nil {
		t.Errorf("second Wait = %d, %v (cached code)", c, err)
	}
	if p.IsRunning() {
		t.Error("IsRunning after reaping")
	}
	if _, err := p.MemoryInfo(); !errors.Is(err, ErrNoSuchProcess) || errors.Is(err, ErrZombieProcess) {
		t.Errorf("MemoryInfo after exit err = %v, want NSP", err)
	}
	if err := p.Kill(); !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("Kill after exit err = %v, want NSP", err)
	}
}

func TestProcessWaitTimeoutAndSignals(t *testing.T) {
	cmd := startChild(t, "sleep", "30")
	p, err := NewProcess(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := p.Wait(ctx); !errors.Is(err, ErrTimeoutExpired) {
		t.Fatalf("Wait on a sleeping child err = %v, want ErrTimeoutExpired", err)
	}
	if err := p.Suspend(); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, p, StatusStopped)
	if err := p.Resume(); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, p, StatusSleeping)
	parent, err := p.Parent()
	if err != nil || parent == nil || parent.PID() != os.Getpid() {
		t.Errorf("Parent = %v, %v", parent, err)
	}
	self, _ := NewProcess(os.Getpid())
	kids, err := self.Children(false)
	found := false
	for _, k := range kids {
		found = found || k.PID() == p.PID()
	}
	if err != nil || !found {
		t.Errorf("Children = %v, %v; want %d among them", kids, err, p.PID())
	}
	if err := p.Terminate(); err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	code, err := p.Wait(ctx2)
	if err != nil || code != -int(syscall.SIGTERM) {
		t.Fatalf("Wait after SIGTERM = %d, %v; want %d", code, err, -int(syscall.SIGTERM))
	}
}

// A Process whose recorded creation time differs from the live one stands
// for a PID that was reused: setters and signals must refuse to act.
func TestProcessReusedPidNotSignalled(t *testing.T) {
	cmd := startChild(t, "sleep", "30")
	real, err := NewProcess(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, real, StatusSleeping)
	stale := &Process{valid: true, pid: real.pid, ident: real.ident - 1, createTime: real.createTime - 0.01}
	if stale.IsRunning() {
		t.Error("IsRunning = true for a reused pid")
	}
	checks := map[string]error{
		"Kill":           stale.Kill(),
		"Terminate":      stale.Terminate(),
		"SendSignal":     stale.SendSignal(syscall.SIGKILL),
		"Suspend":        stale.Suspend(),
		"Resume":         stale.Resume(),
		"SetNice":        stale.SetNice(10),
		"SetIONice":      stale.SetIONice(IOPrioClassIdle, 0),
		"SetRlimit":      stale.SetRlimit(RLIMIT_NOFILE, RlimitStat{Soft: 64, Hard: 64}),
		"SetCPUAffinity": stale.SetCPUAffinity([]int{0}),
	}
	_, checks["Children"] = stale.Children(false)
	for name, err := range checks {
		if !errors.Is(err, ErrNoSuchProcess) {
			t.Errorf("%s on a reused pid: err = %v, want ErrNoSuchProcess", name, err)
		}
	}
	// The real process was not touched.
	if st, err := real.Status(); err != nil || st != StatusSleeping {
		t.Fatalf("status of the real process = %q, %v", st, err)
	}
	if n, _ := real.Nice(); n != 0 {
		t.Errorf("nice of the real process changed to %d", n)
	}
	if lim, _ := real.Rlimit(RLIMIT_NOFILE); lim.Soft == 64 {
		t.Error("rlimit of the real process changed")
	}
	if !real.IsRunning() {
		t.Error("real process not running")
	}
	// Getters do not check identity (psutil): they read the live pid.
	if _, err := stale.PPID(); err != nil {
		t.Errorf("PPID on the stale Process: %v", err)
	}
}

func TestWaitProcs(t *testing.T) {
	var procs []*Process
	for _, code := range []string{"0", "1", "7"} {
		cmd := startChild(t, "/bin/sh", "-c", "exit "+code)
		p, err := NewProcess(cmd.Process.Pid)
		if err != nil {
			t.Fatal(err)
		}
		procs = append(procs, p)
	}
	sleeper := startChild(t, "sleep", "30")
	ps, err := NewProcess(sleeper.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	procs = append(procs, ps)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	codes := map[int]int{}
	gone, alive, err := WaitProcs(ctx, procs, func(p *Process, code int) { codes[p.PID()] = code })
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 3 || len(alive) != 1 || alive[0] != ps {
		t.Fatalf("gone %v alive %v", gone, alive)
	}
	for i, want := range []int{0, 1, 7} {
		if c, ok := procs[i].ReturnCode(); !ok || c != want || codes[procs[i].PID()] != want {
			t.Errorf("proc %d return code %d %v, callback %d; want %d", i, c, ok, codes[procs[i].PID()], want)
		}
	}
}
