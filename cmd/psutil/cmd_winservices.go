package main

import (
	"errors"
	"runtime"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "winservices",
		Usage:   "winservices [--json]",
		Summary: "Windows services (Windows only)",
		Run:     runWinservices,
	})
}

func runWinservices(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if runtime.GOOS != "windows" {
		return errors.New("winservices is only available on Windows (psutil.win_service_iter)")
	}
	var out []psutil.WindowsServiceInfo
	t := newTable("Name", "Display name", "Status", "Start", "PID", "User")
	for s, err := range psutil.WinServiceIter() {
		if err != nil {
			return err
		}
		d, err := s.AsDict()
		if err != nil {
			if errors.Is(err, psutil.ErrNotFound) {
				continue // deleted meanwhile
			}
			t.row(s.Name(), s.DisplayName(), "?", "?", "", err.Error())
			continue
		}
		out = append(out, d)
		pid := ""
		if d.PID > 0 {
			pid = itoa(d.PID)
		}
		t.row(d.Name, truncate(d.DisplayName, 40), string(d.Status), string(d.StartType), pid, d.Username)
	}
	if ctx.JSON {
		if out == nil {
			out = []psutil.WindowsServiceInfo{}
		}
		return ctx.printJSON(out)
	}
	t.write(ctx.Stdout)
	return nil
}
