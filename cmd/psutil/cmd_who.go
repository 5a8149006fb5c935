package main

import (
	"time"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "who",
		Usage:   "who [--json]",
		Summary: "users logged in, like who(1)",
		Run:     runWho,
	})
}

func runWho(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	users, err := psutil.Users()
	if err != nil {
		return err
	}
	if ctx.JSON {
		if users == nil {
			users = []psutil.UserStat{}
		}
		return ctx.printJSON(users)
	}
	t := newTable()
	for _, u := range users {
		started := time.Unix(int64(u.Started), 0).Format("2006-01-02 15:04")
		host := ""
		if u.Host != "" {
			host = "(" + u.Host + ")"
		}
		proc := ""
		if u.PID > 0 {
			proc = "pid " + itoa(u.PID)
			if p, err := psutil.NewProcess(u.PID); err == nil {
				if n, err := p.Name(); err == nil {
					proc += " (" + n + ")"
				}
			}
		}
		t.row(u.Name, u.Terminal, started, host, proc)
	}
	t.write(ctx.Stdout)
	return nil
}
