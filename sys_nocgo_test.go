//go:build !cgo

package psutil

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSysNoCgo(t *testing.T) {
	errs := map[string]error{}
	_, errs["CPUTimes"] = CPUTimes()
	_, errs["PerCPUTimes"] = PerCPUTimes()
	_, errs["CPUCount"] = CPUCount(true)
	_, errs["CPUStats"] = CPUStats()
	_, errs["CPUFreq"] = CPUFreq()
	_, errs["LoadAvg"] = LoadAvg()
	_, errs["CPUPercent"] = CPUPercent(context.Background(), time.Millisecond)
	_, errs["VirtualMemory"] = VirtualMemory()
	_, errs["SwapMemory"] = SwapMemory()
	_, errs["DiskPartitions"] = DiskPartitions(true)
	_, errs["DiskUsage"] = DiskUsage("/")
	_, errs["DiskIOCounters"] = DiskIOCounters(true)
	_, errs["NetIOCounters"] = NetIOCounters(true)
	_, errs["NetIfAddrs"] = NetIfAddrs()
	_, errs["NetIfStats"] = NetIfStats()
	_, errs["SensorsTemperatures"] = SensorsTemperatures(false)
	_, errs["SensorsFans"] = SensorsFans()
	_, errs["SensorsBattery"] = SensorsBattery()
	_, errs["BootTime"] = BootTime()
	_, errs["Users"] = Users()
	_, errs["Sampler"] = NewCPUSampler().Percent()
	for name, err := range errs {
		if !errors.Is(err, ErrNotImplemented) || !errors.Is(err, errors.ErrUnsupported) {
			t.Errorf("%s: err = %v, want ErrNotImplemented", name, err)
		}
	}
}
