package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "killall",
		Usage:   "killall [--json] [-s SIGNAL] NAME",
		Summary: "send SIGKILL (or -s SIGNAL) to processes named NAME",
		Run:     runKillall,
	})
}

// signalByName accepts "KILL", "SIGKILL", "kill" or a number.
func signalByName(s string) (syscall.Signal, error) {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return syscall.Signal(n), nil
	}
	name := strings.TrimPrefix(strings.ToUpper(s), "SIG")
	if sig, ok := signalNames[name]; ok {
		return sig, nil
	}
	return 0, usageErrorf("unknown signal %q", s)
}

type killResult struct {
	PID   int    `json:"pid"`
	Name  string `json:"name"`
	Error string `json:"error,omitempty"`
}

func runKillall(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("killall")
	sigName := fs.String("s", "KILL", "signal to send")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if fs.NArg() != 1 || fs.Arg(0) == "" {
		return usageErrorf("expected one process NAME")
	}
	sig, err := signalByName(*sigName)
	if err != nil {
		return err
	}
	name := fs.Arg(0)
	self := os.Getpid()
	var results []killResult
	failed := 0
	for p, err := range psutil.Processes("name", "cmdline") {
		if err != nil {
			return err
		}
		if p.PID() == self {
			continue
		}
		if !matchName(p, name) {
			continue
		}
		n, _ := p.Name()
		r := killResult{PID: p.PID(), Name: n}
		if err := p.SendSignal(sig); err != nil {
			if errors.Is(err, psutil.ErrNoSuchProcess) {
				continue // it exited on its own
			}
			r.Error = err.Error()
			failed++
		}
		results = append(results, r)
	}
	if ctx.JSON {
		if results == nil {
			results = []killResult{}
		}
		if err := ctx.printJSON(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			if r.Error != "" {
				fmt.Fprintf(ctx.Stderr, "psutil killall: %d (%s): %s\n", r.PID, r.Name, r.Error)
			} else {
				ctx.printf("sent SIG%s to %d (%s)\n", signalName(sig), r.PID, r.Name)
			}
		}
	}
	if len(results) == 0 {
		return fmt.Errorf("no process found with name %q", name)
	}
	if failed > 0 {
		return errQuietExit
	}
	return nil
}
