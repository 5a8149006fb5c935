//go:build linux && cgo

// These tests need the C core: without cgo every library call is
// ErrNotImplemented (main_test.go covers that build).

package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY returns the master and the slave of a new pseudo-terminal.
func openPTY(t *testing.T) (*os.File, *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatalf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatalf("ptsname: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("open slave: %v", err)
	}
	_ = unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Row: 30, Col: 100})
	return m, s
}

// lockedBuffer collects the terminal output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startTopInPTY runs `psutil top` on a new pseudo-terminal and waits for
// its first frame.
func startTopInPTY(t *testing.T) (*os.File, *lockedBuffer, chan error, *os.Process) {
	t.Helper()
	master, slave := openPTY(t)
	t.Cleanup(func() { master.Close() })
	cmd := cliCommand("top", "-d", "0.2")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out lockedBuffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			out.mu.Lock()
			out.b.Write(buf[:n])
			out.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(out.String(), "TIME+") {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no frame from top within 15s; output:\n%q", out.String())
		}
		select {
		case err := <-done:
			t.Fatalf("top exited early: %v; output:\n%q", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	return master, &out, done, cmd.Process
}

func TestTopPTYQuitsOnQ(t *testing.T) {
	master, out, done, proc := startTopInPTY(t)
	if !strings.Contains(out.String(), "\x1b[?1049h") {
		t.Errorf("top did not switch to the alternate screen")
	}
	start := time.Now()
	if _, err := master.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("top after q: %v", err)
		}
	case <-time.After(3 * time.Second):
		_ = proc.Kill()
		t.Fatal("top did not exit within 3s of q")
	}
	// One process scan at most (slow under -race on a busy machine).
	t.Logf("top quit %v after q", time.Since(start))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("top took %v to quit", d)
	}
	time.Sleep(50 * time.Millisecond) // let the reader drain
	if s := out.String(); !strings.Contains(s, "\x1b[?1049l") || !strings.Contains(s, "\x1b[?25h") {
		t.Errorf("terminal not restored (no leave-alternate-screen / show-cursor)")
	}
}

// On SIGTERM, exitfunc restores the terminal before the process dies from
// the signal.
func TestTopPTYRestoresTerminalOnSIGTERM(t *testing.T) {
	_, out, done, proc := startTopInPTY(t)
	_ = proc.Signal(syscall.SIGTERM)
	var err error
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		_ = proc.Kill()
		t.Fatal("top did not die from SIGTERM")
	}
	ee, ok := err.(interface{ Sys() any })
	if !ok {
		t.Fatalf("top exit: %v, want killed by SIGTERM", err)
	}
	if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("wait status %v, want killed by SIGTERM", ws)
	}
	time.Sleep(50 * time.Millisecond)
	if !strings.Contains(out.String(), "\x1b[?1049l") {
		t.Errorf("terminal not restored on SIGTERM")
	}
}
