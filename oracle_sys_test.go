//go:build oracle && linux && cgo

package psutil

// Oracle: every system function against Python psutil on this machine
// (`go test -tags oracle -run Oracle -count=1 .`, needs /usr/bin/python3
// with python3-psutil). scripts/oracle_sys.py prints psutil's values; Go
// samples the same functions just before and just after it runs.
//
// Tolerances (see README.md):
//   - static values (totals, counts, names, addresses, partitions, users,
//     sensors, NIC stats, boot time): exact;
//   - counters that only grow (CPU times, cpu_stats, disk and NIC I/O,
//     swap sin/sout): before <= psutil <= after, plus 0.02 s of rounding
//     for CPU times;
//   - values that move both ways (memory, disk usage, load average, CPU
//     frequency): between min(before, after) and max(before, after),
//     widened by 1% of total memory / of the disk size, 0.05 load, 5% of
//     the frequency;
//   - cpu_percent and cpu_times_percent over the same 1 s window: 20
//     points (the machine is shared, and two processes cannot sample at
//     exactly the same instant).
// Known differences of psutil 5.9.4 are in testdata/oracle-allowlist.txt.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

const oraclePython = "/usr/bin/python3"

// loadOracleAllowlist reads testdata/oracle-allowlist.txt: key -> reason.
func loadOracleAllowlist(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("testdata/oracle-allowlist.txt")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, reason, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("oracle-allowlist: bad line %q", line)
		}
		m[k] = reason
	}
	return m
}

func needOracle(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(oraclePython); err != nil {
		t.Skipf("no %s: the oracle needs Debian's python3 with python3-psutil", oraclePython)
	}
	if err := exec.Command(oraclePython, "-c", "import psutil").Run(); err != nil {
		t.Skipf("python3-psutil is not installed: %v", err)
	}
}

// sysSnap is one Go sample of every system function.
type sysSnap struct {
	CPUTimes    CPUTimesStat
	PerCPUTimes []CPUTimesStat
	CPUStats    CPUStatsStat
	CPUFreq     CPUFreqStat
	PerCPUFreq  []CPUFreqStat
	LoadAvg     LoadAvgStat
	VM          VirtualMemoryStat
	Swap        SwapMemoryStat
	DiskIO      DiskIOCountersStat
	PerDiskIO   map[string]DiskIOCountersStat
	NetIO       NetIOCountersStat
	PerNICIO    map[string]NetIOCountersStat
	DiskUsage   map[string]DiskUsageStat
	freqErr     error
	mountpoints []string
}

func takeSnap(t *testing.T, mps []string) *sysSnap {
	t.Helper()
	s := &sysSnap{DiskUsage: map[string]DiskUsageStat{}}
	var err error
	must := func(name string, e error) {
		if e != nil {
			t.Fatalf("%s: %v", name, e)
		}
	}
	s.CPUTimes, err = CPUTimes()
	must("CPUTimes", err)
	s.PerCPUTimes, err = PerCPUTimes()
	must("PerCPUTimes", err)
	s.CPUStats, err = CPUStats()
	must("CPUStats", err)
	s.CPUFreq, s.freqErr = CPUFreq()
	s.PerCPUFreq, _ = PerCPUFreq()
	s.LoadAvg, err = LoadAvg()
	must("LoadAvg", err)
	s.VM, err = VirtualMemory()
	must("VirtualMemory", err)
	s.Swap, err = SwapMemory()
	must("SwapMemory", err)
	s.DiskIO, err = DiskIOCounters(true)
	must("DiskIOCounters", err)
	s.PerDiskIO, err = PerDiskIOCounters(true)
	must("PerDiskIOCounters", err)
	s.NetIO, err = NetIOCounters(true)
	must("NetIOCounters", err)
	s.PerNICIO, err = PerNICIOCounters(true)
	must("PerNICIOCounters", err)
	for _, mp := range mps {
		if u, err := DiskUsage(mp); err == nil {
			s.DiskUsage[mp] = u
		}
	}
	return s
}

type sysOracle struct {
	t     *testing.T
	allow map[string]string
	fails int
}

func (o *sysOracle) allowed(key string) bool {
	if r, ok := o.allow[key]; ok {
		o.t.Logf("allowlisted %s: %s", key, r)
		return true
	}
	return false
}

func (o *sysOracle) errorf(format string, args ...any) {
	o.t.Helper()
	o.fails++
	o.t.Errorf(format, args...)
}

// between checks lo-slack <= py <= hi+slack where lo/hi are the Go samples
// before and after (in either order).
func (o *sysOracle) between(key string, before, py, after, slack float64) {
	o.t.Helper()
	if o.allowed(key) {
		return
	}
	lo, hi := math.Min(before, after), math.Max(before, after)
	if py < lo-slack || py > hi+slack {
		o.errorf("%s: psutil %v, Go %v..%v (slack %v)", key, py, before, after, slack)
	}
}

// numFields walks the numeric fields of three values of one struct type.
func (o *sysOracle) structBetween(prefix string, before, py, after any, slack func(field string) float64) {
	o.t.Helper()
	vb, vp, va := reflect.ValueOf(before), reflect.ValueOf(py), reflect.ValueOf(after)
	for i := 0; i < vb.NumField(); i++ {
		f := vb.Type().Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		var b, p, a float64
		switch f.Type.Kind() {
		case reflect.Float64:
			b, p, a = vb.Field(i).Float(), vp.Field(i).Float(), va.Field(i).Float()
		case reflect.Uint64:
			b, p, a = float64(vb.Field(i).Uint()), float64(vp.Field(i).Uint()), float64(va.Field(i).Uint())
		default:
			continue
		}
		o.between(prefix+"."+tag, b, p, a, slack(tag))
	}
}

func (o *sysOracle) equal(key string, goV, py any) {
	o.t.Helper()
	if o.allowed(key) {
		return
	}
	if !reflect.DeepEqual(goV, py) {
		o.errorf("%s:\n  Go     %+v\n  psutil %+v", key, goV, py)
	}
}

func runOracleDump(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	out, err := exec.Command(oraclePython, "scripts/oracle_sys.py", "dump").Output()
	if err != nil {
		t.Fatalf("oracle_sys.py dump: %v", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("oracle output: %v", err)
	}
	return m
}

func pyDecode(t *testing.T, m map[string]json.RawMessage, key string, v any) {
	t.Helper()
	raw, ok := m[key]
	if !ok {
		t.Fatalf("oracle output has no %q", key)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("oracle %s: %v", key, err)
	}
}

func TestOracleSystem(t *testing.T) {
	needOracle(t)
	o := &sysOracle{t: t, allow: loadOracleAllowlist(t)}
	ResetDiskIOCounters()
	ResetNetIOCounters()

	parts, err := DiskPartitions(false)
	if err != nil {
		t.Fatal(err)
	}
	mps := []string{"/"}
	for _, p := range parts {
		mps = append(mps, p.Mountpoint)
	}
	before := takeSnap(t, mps)
	py := runOracleDump(t)
	after := takeSnap(t, mps)
	t.Logf("oracle: psutil %s", py["psutil_version"])

	// ---- CPU
	cpuSlack := func(string) float64 { return 0.02 }
	var pyCT CPUTimesStat
	pyDecode(t, py, "cpu_times", &pyCT)
	o.structBetween("cpu_times", before.CPUTimes, pyCT, after.CPUTimes, cpuSlack)
	var pyPer []CPUTimesStat
	pyDecode(t, py, "per_cpu_times", &pyPer)
	if len(pyPer) != len(before.PerCPUTimes) || len(pyPer) != len(after.PerCPUTimes) {
		o.errorf("per_cpu_times: psutil %d CPUs, Go %d", len(pyPer), len(before.PerCPUTimes))
	} else {
		for i := range pyPer {
			o.structBetween(fmt.Sprintf("per_cpu_times[%d]", i), before.PerCPUTimes[i], pyPer[i], after.PerCPUTimes[i], cpuSlack)
		}
	}
	var pyLogical, pyPhysical *int
	pyDecode(t, py, "cpu_count_logical", &pyLogical)
	pyDecode(t, py, "cpu_count_physical", &pyPhysical)
	for _, c := range []struct {
		key     string
		logical bool
		py      *int
	}{{"cpu_count_logical", true, pyLogical}, {"cpu_count_physical", false, pyPhysical}} {
		n, err := CPUCount(c.logical)
		want := 0
		if c.py != nil {
			want = *c.py
		}
		if err != nil {
			o.errorf("%s: %v", c.key, err)
		}
		o.equal(c.key, n, want)
	}
	var pyStats CPUStatsStat
	pyDecode(t, py, "cpu_stats", &pyStats)
	o.structBetween("cpu_stats", before.CPUStats, pyStats, after.CPUStats, func(string) float64 { return 0 })

	var pyFreq *CPUFreqStat
	pyDecode(t, py, "cpu_freq", &pyFreq)
	if pyFreq == nil {
		if before.freqErr == nil {
			o.errorf("cpu_freq: psutil None, Go %+v", before.CPUFreq)
		}
	} else if before.freqErr != nil {
		o.errorf("cpu_freq: psutil %+v, Go error %v", *pyFreq, before.freqErr)
	} else {
		o.structBetween("cpu_freq", before.CPUFreq, *pyFreq, after.CPUFreq, func(string) float64 { return 0.05 * pyFreq.Current })
		var pyPerFreq []CPUFreqStat
		pyDecode(t, py, "per_cpu_freq", &pyPerFreq)
		if len(pyPerFreq) != len(before.PerCPUFreq) {
			o.errorf("per_cpu_freq: psutil %d entries, Go %d", len(pyPerFreq), len(before.PerCPUFreq))
		}
	}
	var pyLoad []float64
	pyDecode(t, py, "loadavg", &pyLoad)
	if len(pyLoad) != 3 {
		t.Fatalf("loadavg: %v", pyLoad)
	}
	o.structBetween("getloadavg", before.LoadAvg, LoadAvgStat{pyLoad[0], pyLoad[1], pyLoad[2]}, after.LoadAvg,
		func(string) float64 { return 0.05 })

	// ---- memory
	memSlack := func(total uint64) func(string) float64 {
		return func(f string) float64 {
			if f == "percent" {
				return 1
			}
			return 0.01 * float64(total)
		}
	}
	var pyVM VirtualMemoryStat
	pyDecode(t, py, "virtual_memory", &pyVM)
	o.equal("virtual_memory.total", before.VM.Total, pyVM.Total)
	o.structBetween("virtual_memory", before.VM, pyVM, after.VM, memSlack(pyVM.Total))
	var pySwap SwapMemoryStat
	pyDecode(t, py, "swap_memory", &pySwap)
	o.equal("swap_memory.total", before.Swap.Total, pySwap.Total)
	o.structBetween("swap_memory", before.Swap, pySwap, after.Swap, memSlack(pyVM.Total))

	// ---- disks
	for _, all := range []bool{false, true} {
		key := "disk_partitions"
		if all {
			key = "disk_partitions_all"
		}
		got, err := DiskPartitions(all)
		if err != nil {
			o.errorf("%s: %v", key, err)
			continue
		}
		var pyParts []DiskPartitionStat
		pyDecode(t, py, key, &pyParts)
		o.equal(key, sortedParts(got), sortedParts(pyParts))
	}
	var pyUsage map[string]DiskUsageStat
	pyDecode(t, py, "disk_usage", &pyUsage)
	for mp, pu := range pyUsage {
		b, okb := before.DiskUsage[mp]
		a, oka := after.DiskUsage[mp]
		if !okb || !oka {
			o.errorf("disk_usage(%s): psutil %+v, Go failed", mp, pu)
			continue
		}
		o.equal("disk_usage("+mp+").total", b.Total, pu.Total)
		o.structBetween("disk_usage("+mp+")", b, pu, a, func(f string) float64 {
			if f == "percent" {
				return 1
			}
			return 0.01 * float64(pu.Total)
		})
	}
	zero := func(string) float64 { return 0 }
	var pyDIO DiskIOCountersStat
	pyDecode(t, py, "disk_io_counters", &pyDIO)
	o.structBetween("disk_io_counters", before.DiskIO, pyDIO, after.DiskIO, zero)
	var pyPerDIO map[string]DiskIOCountersStat
	pyDecode(t, py, "per_disk_io_counters", &pyPerDIO)
	o.equal("per_disk_io_counters.keys", sysKeysOf(before.PerDiskIO), sysKeysOf(pyPerDIO))
	for k, p := range pyPerDIO {
		if b, ok := before.PerDiskIO[k]; ok {
			o.structBetween("per_disk_io_counters["+k+"]", b, p, after.PerDiskIO[k], zero)
		}
	}

	// ---- network
	var pyNIO NetIOCountersStat
	pyDecode(t, py, "net_io_counters", &pyNIO)
	o.structBetween("net_io_counters", before.NetIO, pyNIO, after.NetIO, zero)
	var pyPerNIO map[string]NetIOCountersStat
	pyDecode(t, py, "per_nic_io_counters", &pyPerNIO)
	o.equal("per_nic_io_counters.keys", sysKeysOf(before.PerNICIO), sysKeysOf(pyPerNIO))
	for k, p := range pyPerNIO {
		if b, ok := before.PerNICIO[k]; ok {
			o.structBetween("per_nic_io_counters["+k+"]", b, p, after.PerNICIO[k], zero)
		}
	}
	addrs, err := NetIfAddrs()
	if err != nil {
		o.errorf("net_if_addrs: %v", err)
	}
	var pyAddrs map[string][]NICAddrStat
	pyDecode(t, py, "net_if_addrs", &pyAddrs)
	o.equal("net_if_addrs", addrs, pyAddrs)
	stats, err := NetIfStats()
	if err != nil {
		o.errorf("net_if_stats: %v", err)
	}
	var pyStatsNIC map[string]NICStatsStat
	pyDecode(t, py, "net_if_stats", &pyStatsNIC)
	o.equal("net_if_stats", stats, pyStatsNIC)

	// ---- sensors
	for _, f := range []bool{false, true} {
		key := "sensors_temperatures"
		if f {
			key = "sensors_temperatures_f"
		}
		temps, err := SensorsTemperatures(f)
		if err != nil {
			o.errorf("%s: %v", key, err)
		}
		var pyT map[string][]TemperatureStat
		pyDecode(t, py, key, &pyT)
		if pyT == nil {
			pyT = map[string][]TemperatureStat{}
		}
		o.equal(key, temps, pyT)
	}
	fans, err := SensorsFans()
	if err != nil {
		o.errorf("sensors_fans: %v", err)
	}
	var pyFans map[string][]FanStat
	pyDecode(t, py, "sensors_fans", &pyFans)
	if pyFans == nil {
		pyFans = map[string][]FanStat{}
	}
	o.equal("sensors_fans", fans, pyFans)
	bat, err := SensorsBattery()
	if err != nil {
		o.errorf("sensors_battery: %v", err)
	}
	var pyBat *BatteryStat
	pyDecode(t, py, "sensors_battery", &pyBat)
	if (bat == nil) != (pyBat == nil) {
		o.errorf("sensors_battery: Go %+v, psutil %+v", bat, pyBat)
	} else if bat != nil {
		o.between("sensors_battery.percent", bat.Percent, pyBat.Percent, bat.Percent, 1)
		o.between("sensors_battery.secsleft", float64(bat.Secsleft), float64(pyBat.Secsleft), float64(bat.Secsleft), 120)
		o.equal("sensors_battery.power_plugged", bat.PowerPlugged, pyBat.PowerPlugged)
	}

	// ---- other
	bt, err := BootTime()
	if err != nil {
		o.errorf("boot_time: %v", err)
	}
	var pyBT float64
	pyDecode(t, py, "boot_time", &pyBT)
	o.between("boot_time", float64(bt.UnixNano())/1e9, pyBT, float64(bt.UnixNano())/1e9, 1)
	us, err := Users()
	if err != nil {
		o.errorf("users: %v", err)
	}
	var pyUsers []UserStat
	pyDecode(t, py, "users", &pyUsers)
	if pyUsers == nil {
		pyUsers = []UserStat{}
	}
	o.equal("users", us, pyUsers)
	t.Logf("oracle: %d mismatches", o.fails)
}

func sortedParts(p []DiskPartitionStat) []DiskPartitionStat {
	out := append([]DiskPartitionStat{}, p...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mountpoint != out[j].Mountpoint {
			return out[i].Mountpoint < out[j].Mountpoint
		}
		return out[i].Device < out[j].Device
	})
	return out
}

func sysKeysOf[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestOracleCPUPercent(t *testing.T) {
	needOracle(t)
	o := &sysOracle{t: t, allow: loadOracleAllowlist(t)}
	cmd := exec.Command(oraclePython, "scripts/oracle_sys.py", "cpu_percent")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stdout)
	if line, err := r.ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("oracle_sys.py cpu_percent: %q, %v", line, err)
	}
	// Start both 1 s windows together.
	s := NewCPUSampler()
	if _, err := s.TimesPercent(); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(stdin, "go")
	goPct, err := CPUPercent(context.Background(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	goTP, err := s.TimesPercent()
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		CPUPercent      float64      `json:"cpu_percent"`
		CPUTimesPercent CPUTimesStat `json:"cpu_times_percent"`
	}
	if err := json.NewDecoder(r).Decode(&res); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	t.Logf("cpu_percent: Go %v, psutil %v; cpu_times_percent: Go %+v, psutil %+v", goPct, res.CPUPercent, goTP, res.CPUTimesPercent)
	const tol = 20
	o.between("cpu_percent", goPct, res.CPUPercent, goPct, tol)
	o.structBetween("cpu_times_percent", goTP, res.CPUTimesPercent, goTP, func(string) float64 { return tol })
}
