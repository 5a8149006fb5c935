package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "sensors",
		Usage:   "sensors [--json] [--fahrenheit]",
		Summary: "temperatures, fans and battery, like sensors(1)",
		Run:     runSensors,
	})
}

// unsupported turns ErrNotImplemented into nil data (psutil omits the
// function on such platforms).
func unsupported(err error) bool { return errors.Is(err, psutil.ErrNotImplemented) }

func runSensors(ctx *runCtx, args []string) error {
	fs := ctx.flagSet("sensors")
	fahr := fs.Bool("fahrenheit", false, "temperatures in Fahrenheit")
	if err := fs.Parse(args); err != nil {
		return usageErrorf("%v", err)
	}
	if err := noArgs(fs.Args()); err != nil {
		return err
	}
	temps, err := psutil.SensorsTemperatures(*fahr)
	if err != nil && !unsupported(err) {
		return err
	}
	fans, err := psutil.SensorsFans()
	if err != nil && !unsupported(err) {
		return err
	}
	batt, err := psutil.SensorsBattery()
	if err != nil && !unsupported(err) {
		return err
	}
	if ctx.JSON {
		if temps == nil {
			temps = map[string][]psutil.TemperatureStat{}
		}
		if fans == nil {
			fans = map[string][]psutil.FanStat{}
		}
		return ctx.printJSON(map[string]any{
			"temperatures": temps,
			"fans":         fans,
			"battery":      batt,
		})
	}
	unit := "°C"
	if *fahr {
		unit = "°F"
	}
	names := map[string]bool{}
	for n := range temps {
		names[n] = true
	}
	for n := range fans {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		ctx.printf("%s\n", n)
		t := newTable()
		for _, e := range temps[n] {
			label := e.Label
			if label == "" {
				label = n
			}
			extra := ""
			if e.High != 0 || e.Critical != 0 {
				extra = fmt.Sprintf("(high = %.1f%s, critical = %.1f%s)", e.High, unit, e.Critical, unit)
			}
			t.row("    "+label+":", fmt.Sprintf("%.1f%s", e.Current, unit), extra)
		}
		for _, f := range fans[n] {
			label := f.Label
			if label == "" {
				label = n
			}
			t.row("    "+label+":", fmt.Sprintf("%d RPM", f.Current), "")
		}
		t.write(ctx.Stdout)
	}
	if len(sorted) == 0 {
		ctx.printf("no temperature or fan sensors found\n")
	}
	ctx.printf("Battery:\n")
	if batt == nil {
		ctx.printf("    no battery is installed\n")
	} else {
		printBattery(ctx, batt, "    ")
	}
	return nil
}
