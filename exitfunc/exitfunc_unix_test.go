//go:build unix

package exitfunc

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests re-execute the test binary as a child with EXITFUNC_CHILD set
// to a scenario name; the child appends lines to the file EXITFUNC_OUT,
// prints "ready" once it is set up and waits for the parent's signal.

func TestMain(m *testing.M) {
	if mode := os.Getenv("EXITFUNC_CHILD"); mode != "" {
		child(mode, os.Getenv("EXITFUNC_OUT"))
		fmt.Fprintln(os.Stderr, "child returned") // not reached
		os.Exit(99)
	}
	os.Exit(m.Run())
}

func appendLine(path, line string) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		panic(err)
	}
	fmt.Fprintln(f, line)
	f.Close()
}

func ready() { fmt.Println("ready") }

func waitForever() {
	for {
		time.Sleep(time.Hour)
	}
}

func child(mode, out string) {
	fn := func() { appendLine(out, "fn") }
	switch mode {
	case "term": // default signal set
		must(Register(fn))
		ready()
		waitForever()
	case "int":
		must(Register(fn, os.Interrupt))
		ready()
		waitForever()
	case "usr1": // default action of SIGUSR1 in Go does not kill: 128+10
		must(Register(fn, syscall.SIGUSR1))
		ready()
		waitForever()
	case "other": // another Notify user still gets the signal
		c := make(chan os.Signal, 1)
		signal.Notify(c, syscall.SIGTERM)
		got := make(chan struct{})
		go func() {
			<-c
			appendLine(out, "other")
			close(got)
		}()
		must(Register(func() {
			select {
			case <-got:
			case <-time.After(10 * time.Second):
			}
			appendLine(out, "fn")
		}))
		ready()
		waitForever()
	case "lifo":
		must(Register(func() { appendLine(out, "first") }))
		must(Register(func() { appendLine(out, "second") }, syscall.SIGHUP))
		must(Register(func() { panic("boom") }))
		ready()
		waitForever()
	case "ignored": // an ignored signal (nohup) stays ignored
		signal.Ignore(syscall.SIGHUP)
		must(Register(fn, syscall.SIGHUP))
		ready()
		waitForever()
	case "runthenterm": // after an explicit Run, SIGTERM still ends the process
		must(Register(fn))
		Run()
		ready()
		waitForever()
	case "main":
		must(Register(fn))
		Main(func() int { return 7 })
	case "mainpanic":
		must(Register(fn))
		Main(func() int { panic("main panicked") })
	case "concurrent": // many goroutines race to Run/Exit and a signal
		must(Register(fn))
		var wg sync.WaitGroup
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); Run() }()
		}
		go func() { _ = syscall.Kill(os.Getpid(), syscall.SIGTERM) }()
		wg.Wait()
		Exit(4)
	case "second": // a second signal interrupts a hung exit function
		must(Register(func() {
			appendLine(out, "start")
			time.Sleep(30 * time.Second)
			appendLine(out, "end")
		}))
		ready()
		waitForever()
	}
	os.Exit(98)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(97)
	}
}

type childProc struct {
	cmd *exec.Cmd
	out string
}

func startChild(t *testing.T, mode string, wantReady bool) *childProc {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "EXITFUNC_CHILD="+mode, "EXITFUNC_OUT="+out)
	cmd.Stderr = os.Stderr
	if mode == "mainpanic" || mode == "lifo" {
		cmd.Stderr = nil // the expected panic traces
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if wantReady {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err != nil || strings.TrimSpace(line) != "ready" {
			_ = cmd.Process.Kill()
			t.Fatalf("child %s: got %q, %v before ready", mode, line, err)
		}
	}
	return &childProc{cmd: cmd, out: out}
}

// wait returns the child's wait status within the timeout.
func (c *childProc) wait(t *testing.T, timeout time.Duration) syscall.WaitStatus {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- c.cmd.Wait() }()
	select {
	case err := <-errc:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
	case <-time.After(timeout):
		_ = c.cmd.Process.Kill()
		<-errc
		t.Fatalf("child did not exit within %v", timeout)
	}
	return c.cmd.ProcessState.Sys().(syscall.WaitStatus)
}

func (c *childProc) lines(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(c.out)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("output lines = %q, want %q", got, want)
	}
}

func wantSignaled(t *testing.T, ws syscall.WaitStatus, sig syscall.Signal) {
	t.Helper()
	if !ws.Signaled() || ws.Signal() != sig {
		t.Errorf("wait status %#x: signaled=%v signal=%v exit=%d, want killed by %v",
			uint32(ws), ws.Signaled(), ws.Signal(), ws.ExitStatus(), sig)
	}
}

func wantExit(t *testing.T, ws syscall.WaitStatus, code int) {
	t.Helper()
	if !ws.Exited() || ws.ExitStatus() != code {
		t.Errorf("wait status %#x: exited=%v code=%d signaled=%v, want exit %d",
			uint32(ws), ws.Exited(), ws.ExitStatus(), ws.Signaled(), code)
	}
}

func TestSIGTERMRunsOnceAndReraises(t *testing.T) {
	c := startChild(t, "term", true)
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	ws := c.wait(t, 10*time.Second)
	wantSignaled(t, ws, syscall.SIGTERM)
	wantLines(t, c.lines(t), "fn")
}

func TestSIGINTListed(t *testing.T) {
	c := startChild(t, "int", true)
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	ws := c.wait(t, 10*time.Second)
	wantSignaled(t, ws, syscall.SIGINT)
	wantLines(t, c.lines(t), "fn")
}

func TestNonFatalSignalExits128Plus(t *testing.T) {
	c := startChild(t, "usr1", true)
	_ = c.cmd.Process.Signal(syscall.SIGUSR1)
	ws := c.wait(t, 10*time.Second)
	wantExit(t, ws, 128+int(syscall.SIGUSR1))
	wantLines(t, c.lines(t), "fn")
}

func TestOtherNotifyChannelStillGetsSignal(t *testing.T) {
	c := startChild(t, "other", true)
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	ws := c.wait(t, 20*time.Second)
	wantSignaled(t, ws, syscall.SIGTERM)
	wantLines(t, c.lines(t), "other", "fn")
}

func TestAllFunctionsRunLIFOOnAnyListedSignal(t *testing.T) {
	// SIGHUP was listed by one registration only; every function runs,
	// newest first, and a panicking one does not stop the others.
	c := startChild(t, "lifo", true)
	_ = c.cmd.Process.Signal(syscall.SIGHUP)
	ws := c.wait(t, 10*time.Second)
	wantSignaled(t, ws, syscall.SIGHUP)
	wantLines(t, c.lines(t), "second", "first")
}

func TestMainExitCode(t *testing.T) {
	c := startChild(t, "main", false)
	ws := c.wait(t, 10*time.Second)
	wantExit(t, ws, 7)
	wantLines(t, c.lines(t), "fn")
}

func TestMainPanicRunsFunctions(t *testing.T) {
	c := startChild(t, "mainpanic", false)
	ws := c.wait(t, 10*time.Second)
	wantExit(t, ws, 2) // Go's exit status for an unrecovered panic
	wantLines(t, c.lines(t), "fn")
}

func TestConcurrentRunExitSignal(t *testing.T) {
	c := startChild(t, "concurrent", false)
	ws := c.wait(t, 10*time.Second)
	// Either Exit(4) or the SIGTERM path ended it; fn ran exactly once.
	if !(ws.Exited() && ws.ExitStatus() == 4) && !(ws.Signaled() && ws.Signal() == syscall.SIGTERM) {
		t.Errorf("wait status %#x: want exit 4 or SIGTERM", uint32(ws))
	}
	wantLines(t, c.lines(t), "fn")
}

func TestSecondSignalInterruptsHungFunction(t *testing.T) {
	c := startChild(t, "second", true)
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	deadline := time.Now().Add(10 * time.Second)
	for len(c.lines(t)) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	start := time.Now()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	ws := c.wait(t, 10*time.Second)
	wantExit(t, ws, 128+int(syscall.SIGTERM))
	wantLines(t, c.lines(t), "start")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second signal took %v to end the process", d)
	}
}

func TestRegisterRejectsUncatchable(t *testing.T) {
	for _, s := range []os.Signal{syscall.SIGKILL, syscall.SIGSTOP} {
		if err := Register(func() {}, s); !errors.Is(err, ErrUncatchable) {
			t.Errorf("Register(%v) = %v, want ErrUncatchable", s, err)
		}
	}
	if err := Register(nil); err == nil {
		t.Error("Register(nil) = nil, want an error")
	}
}

func TestIgnoredSignalStaysIgnored(t *testing.T) {
	c := startChild(t, "ignored", true)
	_ = c.cmd.Process.Signal(syscall.SIGHUP)
	time.Sleep(300 * time.Millisecond)
	if err := c.cmd.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("child died from an ignored SIGHUP: %v", err)
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	ws := c.wait(t, 10*time.Second)
	wantSignaled(t, ws, syscall.SIGKILL)
	wantLines(t, c.lines(t)) // SIGKILL can't be caught: nothing ran
}

func TestSignalAfterRunStillTerminates(t *testing.T) {
	c := startChild(t, "runthenterm", true)
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	ws := c.wait(t, 10*time.Second)
	wantSignaled(t, ws, syscall.SIGTERM)
	wantLines(t, c.lines(t), "fn")
}
