package main

import (
	"path/filepath"
	"strings"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "pidof",
		Usage:   "pidof [--json] NAME",
		Summary: "PIDs of the processes named NAME, like pidof(1)",
		Run:     runPidof,
	})
}

// matchName is killall's and pidof's rule: the process name, or argv[0]
// (or its basename when NAME has no slash).
func matchName(p *psutil.Process, name string) bool {
	if n, _ := p.Name(); n == name {
		return true
	}
	cmd, _ := p.Cmdline()
	if len(cmd) == 0 {
		return false
	}
	return cmd[0] == name || (!strings.Contains(name, "/") && filepath.Base(cmd[0]) == name)
}

func runPidof(ctx *runCtx, args []string) error {
	if len(args) != 1 || args[0] == "" {
		return usageErrorf("expected one process NAME")
	}
	var pids []int
	for p, err := range psutil.Processes("name", "cmdline") {
		if err != nil {
			return err
		}
		if matchName(p, args[0]) {
			pids = append(pids, p.PID())
		}
	}
	if ctx.JSON {
		if err := ctx.printJSON(nonNil(pids)); err != nil {
			return err
		}
	} else if len(pids) > 0 {
		s := make([]string, len(pids))
		for i, pid := range pids {
			s[i] = itoa(pid)
		}
		ctx.printf("%s\n", strings.Join(s, " "))
	}
	if len(pids) == 0 {
		return errQuietExit // like pidof(1): nothing printed, exit 1
	}
	return nil
}
