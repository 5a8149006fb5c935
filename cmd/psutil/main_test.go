package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/psutil-go/psutil"
	"github.com/psutil-go/psutil/exitfunc"
)

// With PSUTIL_CLI_MAIN=1 the test binary is the psutil command itself, so
// tests that need a separate process (top in a pty, signals) re-execute it
// instead of building the binary with the go tool.
func TestMain(m *testing.M) {
	if os.Getenv("PSUTIL_CLI_MAIN") == "1" {
		exitfunc.Main(func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) })
	}
	os.Exit(m.Run())
}

// cliCommand returns an exec.Cmd running the psutil command with args.
func cliCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	// Under -race the runtime sleeps 1 s at exit unless told otherwise.
	cmd.Env = append(os.Environ(), "PSUTIL_CLI_MAIN=1",
		strings.TrimSpace("GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	return cmd
}

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command in-process.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// mustRun runs args and fails the test unless the exit status is 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	r := runCLI(t, args...)
	if r.code != 0 {
		t.Fatalf("psutil %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// mustJSON runs args with --json and decodes the output into v.
func mustJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	out := mustRun(t, append([]string{"--json"}, args...)...)
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("psutil --json %v: bad JSON: %v\n%s", args, err, out)
	}
}

func TestBytes2Human(t *testing.T) {
	// Expected values are psutil._common.bytes2human's.
	for _, c := range []struct {
		n    uint64
		want string
	}{
		{0, "0B"}, {1, "1B"}, {1023, "1023B"}, {1024, "1.0K"}, {10000, "9.8K"},
		{100001221, "95.4M"}, {1 << 30, "1.0G"}, {3 << 40, "3.0T"},
		{1<<64 - 1, "16.0E"},
	} {
		if got := bytes2human(c.n); got != c.want {
			t.Errorf("bytes2human(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestTableAlignment(t *testing.T) {
	tb := newTable("PID", "Name", "RSS")
	tb.row(1, "init", "12.0M")
	tb.row(12345, "a-much-longer-name", "900B")
	var b strings.Builder
	tb.write(&b)
	want := "" +
		"  PID  Name                  RSS\n" +
		"    1  init                12.0M\n" +
		"12345  a-much-longer-name   900B\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"no-such-command"}, 2, `unknown command "no-such-command"`},
		{[]string{"--bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"-n", "x"}, 2, `invalid value "x" for flag -n`},
		{[]string{"procinfo"}, 2, "expected one PID"},
		{[]string{"procinfo", "abc"}, 2, `invalid PID "abc"`},
		{[]string{"pmap", "-5"}, 2, `invalid PID "-5"`},
		{[]string{"free", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"killall"}, 2, "expected one process NAME"},
		{[]string{"killall", "-s", "NOPE", "x"}, 2, `unknown signal "NOPE"`},
		{[]string{"top", "-d", "0"}, 2, "-d must be positive"},
		{[]string{"procinfo", "2147483647"}, 2, "no such process (pid 2147483647)"},
		{[]string{"pmap", "2147483647"}, 2, "no such process (pid 2147483647)"},
	} {
		if _, err := psutil.VirtualMemory(); errors.Is(err, errors.ErrUnsupported) && strings.HasPrefix(c.msg, "no such process") {
			// Without the C core (CGO_ENABLED=0) a pid can't be looked up:
			// the command must say so plainly and exit 1.
			c.code, c.msg = 1, "not implemented"
		}
		r := runCLI(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("psutil %v: exit %d, stderr %q; want exit %d and %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
		if c.code == 2 && !strings.Contains(r.stderr, "usage:") {
			t.Errorf("psutil %v: no usage in stderr %q", c.args, r.stderr)
		}
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	out := mustRun(t, "--help")
	for name := range commands {
		if !strings.Contains(out, "  "+name) {
			t.Errorf("--help does not list %q", name)
		}
	}
}
