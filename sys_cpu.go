package psutil

import (
	"context"
	"sync"
	"time"
)

// CPU percent math, as psutil's cpu_percent and cpu_times_percent.

func sampleTwice(ctx context.Context, interval time.Duration, percpu bool) (t1, t2 []CPUTimesStat, err error) {
	if interval <= 0 {
		return nil, nil, makeErr(codeInval, 0, "cpu_percent: interval must be positive (use a CPUSampler for the non-blocking form)")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if t1, err = cpuTimes(percpu); err != nil {
		return nil, nil, err
	}
	tm := time.NewTimer(interval)
	select {
	case <-ctx.Done():
		tm.Stop()
		return nil, nil, ctx.Err()
	case <-tm.C:
	}
	if t2, err = cpuTimes(percpu); err != nil {
		return nil, nil, err
	}
	if len(t1) == 0 || len(t2) == 0 {
		return nil, nil, makeErr(codeParse, 0, "cpu_times: no data")
	}
	return t1, t2, nil
}

func cpuFields(t *CPUTimesStat) [11]*float64 {
	return [11]*float64{&t.User, &t.System, &t.Idle, &t.Nice, &t.Iowait, &t.Irq,
		&t.Softirq, &t.Steal, &t.Guest, &t.GuestNice, &t.DPC}
}

// cpuDelta is t2-t1 per field, negative deltas clamped to 0.
func cpuDelta(t1, t2 CPUTimesStat) CPUTimesStat {
	var d CPUTimesStat
	a, b, o := cpuFields(&t1), cpuFields(&t2), cpuFields(&d)
	for i := range o {
		v := *b[i] - *a[i]
		if v < 0 {
			v = 0
		}
		*o[i] = v
	}
	return d
}

// cpuTotal sums all fields; guest and guest_nice are already counted in
// user and nice on Linux, so they are subtracted (they are 0 elsewhere).
func cpuTotal(t CPUTimesStat) float64 {
	var s float64
	for _, p := range cpuFields(&t) {
		s += *p
	}
	return s - t.Guest - t.GuestNice
}

func cpuBusyPercent(t1, t2 CPUTimesStat) float64 {
	d := cpuDelta(t1, t2)
	all := cpuTotal(d)
	if all <= 0 {
		return 0
	}
	busy := all - d.Idle - d.Iowait
	return clampPercent(round1(busy / all * 100))
}

func cpuTimesPercent(t1, t2 CPUTimesStat) CPUTimesStat {
	d := cpuDelta(t1, t2)
	all := cpuTotal(d)
	// psutil uses 100/max(1, all_delta), which is wrong whenever less than
	// one CPU-second elapsed (short intervals); divide by the real total.
	scale := 0.0
	if all > 0 {
		scale = 100 / all
	}
	for _, p := range cpuFields(&d) {
		*p = clampPercent(round1(*p * scale))
	}
	return d
}

func clampPercent(v float64) float64 {
	if v < 0 {
		return 0
	}
	if v > 100 {
		return 100
	}
	return v
}

func perCPUBusyPercent(t1, t2 []CPUTimesStat) []float64 {
	n := min(len(t1), len(t2))
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		out[i] = cpuBusyPercent(t1[i], t2[i])
	}
	return out
}

func perCPUTimesPercent(t1, t2 []CPUTimesStat) []CPUTimesStat {
	n := min(len(t1), len(t2))
	out := make([]CPUTimesStat, n)
	for i := 0; i < n; i++ {
		out[i] = cpuTimesPercent(t1[i], t2[i])
	}
	return out
}

// CPUSampler holds the "previous call" state of psutil's non-blocking
// cpu_percent(interval=None) and cpu_times_percent(interval=None). psutil
// keeps that state per thread in hidden globals; here each caller owns a
// sampler, so two users never disturb each other. Each of the four methods
// keeps its own previous sample, like psutil keeps cpu_percent and
// cpu_times_percent apart. A CPUSampler is safe for concurrent use.
type CPUSampler struct {
	mu      sync.Mutex
	pct     []CPUTimesStat // last sample of Percent
	pctPer  []CPUTimesStat // of PerCPUPercent
	tpct    []CPUTimesStat // of TimesPercent
	tpctPer []CPUTimesStat // of PerCPUTimesPercent
}

// NewCPUSampler returns a sampler seeded with the current CPU times, so
// that its first call reports the utilization since NewCPUSampler (psutil
// seeds its state at import time).
func NewCPUSampler() *CPUSampler {
	s := &CPUSampler{}
	if t, err := cpuTimes(false); err == nil {
		s.pct, s.tpct = t, t
	}
	if t, err := cpuTimes(true); err == nil {
		s.pctPer, s.tpctPer = t, t
	}
	return s
}

// swap stores the new sample in *last and returns the previous one (nil
// on the first call).
func (s *CPUSampler) swap(last *[]CPUTimesStat, percpu bool) (prev, cur []CPUTimesStat, err error) {
	cur, err = cpuTimes(percpu)
	if err != nil {
		return nil, nil, err
	}
	if len(cur) == 0 {
		return nil, nil, makeErr(codeParse, 0, "cpu_times: no data")
	}
	s.mu.Lock()
	prev = *last
	*last = cur
	s.mu.Unlock()
	return prev, cur, nil
}

// Percent returns the system-wide CPU utilization since the previous call
// of Percent on s (or since NewCPUSampler), as psutil.cpu_percent(None).
func (s *CPUSampler) Percent() (float64, error) {
	prev, cur, err := s.swap(&s.pct, false)
	if err != nil || len(prev) == 0 {
		return 0, err
	}
	return cpuBusyPercent(prev[0], cur[0]), nil
}

// PerCPUPercent is Percent per logical CPU, as
// psutil.cpu_percent(None, percpu=True).
func (s *CPUSampler) PerCPUPercent() ([]float64, error) {
	prev, cur, err := s.swap(&s.pctPer, true)
	if err != nil {
		return nil, err
	}
	if len(prev) == 0 {
		return make([]float64, len(cur)), nil
	}
	return perCPUBusyPercent(prev, cur), nil
}

// TimesPercent returns how the CPU time was spent since the previous call
// of TimesPercent on s, as psutil.cpu_times_percent(None).
func (s *CPUSampler) TimesPercent() (CPUTimesStat, error) {
	prev, cur, err := s.swap(&s.tpct, false)
	if err != nil || len(prev) == 0 {
		return CPUTimesStat{}, err
	}
	return cpuTimesPercent(prev[0], cur[0]), nil
}

// PerCPUTimesPercent is TimesPercent per logical CPU, as
// psutil.cpu_times_percent(None, percpu=True).
func (s *CPUSampler) PerCPUTimesPercent() ([]CPUTimesStat, error) {
	prev, cur, err := s.swap(&s.tpctPer, true)
	if err != nil {
		return nil, err
	}
	if len(prev) == 0 {
		return make([]CPUTimesStat, len(cur)), nil
	}
	return perCPUTimesPercent(prev, cur), nil
}
