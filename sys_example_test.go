package psutil_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/psutil-go/psutil"
)

func ExampleVirtualMemory() {
	vm, err := psutil.VirtualMemory()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("used %.1f%% of %d MiB (available %d MiB)\n",
		vm.Percent, vm.Total>>20, vm.Available>>20)
}

func ExampleCPUPercent() {
	// Blocks for one second (or until ctx is done), like
	// psutil.cpu_percent(interval=1).
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	p, err := psutil.CPUPercent(ctx, time.Second)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("CPU %.1f%%\n", p)
}

func ExampleCPUSampler() {
	// psutil.cpu_percent(interval=None): each caller keeps its own state.
	s := psutil.NewCPUSampler()
	for i := 0; i < 3; i++ {
		time.Sleep(100 * time.Millisecond)
		per, err := s.PerCPUPercent()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(per)
	}
}

func ExampleSensorsBattery() {
	b, err := psutil.SensorsBattery()
	switch {
	case errors.Is(err, psutil.ErrNotImplemented):
		fmt.Println("not supported here")
	case err != nil:
		fmt.Println(err)
	case b == nil:
		fmt.Println("no battery")
	case b.Secsleft == psutil.POWER_TIME_UNLIMITED:
		fmt.Printf("%.0f%%, plugged in\n", b.Percent)
	default:
		fmt.Printf("%.0f%%, %d s left\n", b.Percent, b.Secsleft)
	}
}

func ExampleDiskIOCounters() {
	// nowrap=true: counters never go backwards between calls, even if the
	// kernel's wrap around; psutil.disk_io_counters.cache_clear() is
	// ResetDiskIOCounters.
	io, err := psutil.DiskIOCounters(true)
	if errors.Is(err, psutil.ErrNotFound) {
		fmt.Println("no disks")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(io.ReadBytes, io.WriteBytes, io.BusyTime)
}
