package main

import (
	"errors"
	"fmt"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "battery",
		Usage:   "battery [--json]",
		Summary: "battery charge, time left and plug status",
		Run:     runBattery,
	})
}

func runBattery(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	b, err := psutil.SensorsBattery()
	if err != nil && !unsupported(err) {
		return err
	}
	if ctx.JSON {
		return ctx.printJSON(b) // null without a battery, as psutil's None
	}
	if b == nil {
		return errors.New("no battery is installed")
	}
	printBattery(ctx, b, "")
	return nil
}

func secs2hours(s int64) string {
	return fmt.Sprintf("%d:%02d:%02d", s/3600, (s/60)%60, s%60)
}

func printBattery(ctx *runCtx, b *psutil.BatteryStat, indent string) {
	ctx.printf("%scharge:     %.1f%%\n", indent, b.Percent)
	switch {
	case b.PowerPlugged:
		status := "charging"
		if b.Percent >= 100 {
			status = "fully charged"
		}
		ctx.printf("%splugged in: yes\n%sstatus:     %s\n", indent, indent, status)
	default:
		left := "unknown"
		if b.Secsleft >= 0 {
			left = secs2hours(b.Secsleft)
		} else if b.Secsleft == psutil.POWER_TIME_UNLIMITED {
			left = "unlimited"
		}
		ctx.printf("%splugged in: no\n%sleft:       %s\n%sstatus:     discharging\n",
			indent, indent, left, indent)
	}
}
