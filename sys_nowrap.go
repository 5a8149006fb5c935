package psutil

import "sync"

// wrapTracker implements psutil's wrap_numbers (the nowrap=True option of
// disk_io_counters and net_io_counters): when a counter goes backwards
// (a 32-bit kernel counter wrapped, or a device was reset) the old value is
// added to a per-(key, field) reminder, so the returned numbers keep
// growing. Reminders of keys that disappeared are dropped. It is safe for
// concurrent use.
type wrapTracker struct {
	mu        sync.Mutex
	cache     map[string][]uint64 // previous raw values
	reminders map[string][]uint64
}

func newWrapTracker() *wrapTracker { return &wrapTracker{} }

func (w *wrapTracker) reset() {
	w.mu.Lock()
	w.cache, w.reminders = nil, nil
	w.mu.Unlock()
}

// run takes raw values per key and returns the adjusted ones (a new map;
// the input is kept as the next baseline).
func (w *wrapTracker) run(in map[string][]uint64) map[string][]uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cache == nil {
		w.cache = in
		w.reminders = make(map[string][]uint64)
		return in
	}
	for k := range w.cache {
		if _, ok := in[k]; !ok {
			delete(w.reminders, k)
		}
	}
	out := make(map[string][]uint64, len(in))
	for k, vals := range in {
		old, ok := w.cache[k]
		if !ok || len(old) != len(vals) {
			out[k] = vals
			continue
		}
		rem := w.reminders[k]
		adj := make([]uint64, len(vals))
		for i, v := range vals {
			if v < old[i] {
				if rem == nil {
					rem = make([]uint64, len(vals))
					w.reminders[k] = rem
				}
				rem[i] += old[i]
			}
			adj[i] = v
			if rem != nil {
				adj[i] += rem[i]
			}
		}
		out[k] = adj
	}
	w.cache = in
	return out
}

func diskVals(d DiskIOCountersStat) []uint64 {
	return []uint64{d.ReadCount, d.WriteCount, d.ReadBytes, d.WriteBytes, d.ReadTime,
		d.WriteTime, d.ReadMergedCount, d.WriteMergedCount, d.BusyTime}
}

func wrapDisk(w *wrapTracker, m map[string]DiskIOCountersStat) map[string]DiskIOCountersStat {
	in := make(map[string][]uint64, len(m))
	for k, d := range m {
		in[k] = diskVals(d)
	}
	out := make(map[string]DiskIOCountersStat, len(m))
	for k, v := range w.run(in) {
		out[k] = DiskIOCountersStat{ReadCount: v[0], WriteCount: v[1], ReadBytes: v[2],
			WriteBytes: v[3], ReadTime: v[4], WriteTime: v[5], ReadMergedCount: v[6],
			WriteMergedCount: v[7], BusyTime: v[8]}
	}
	return out
}

func netVals(n NetIOCountersStat) []uint64 {
	return []uint64{n.BytesSent, n.BytesRecv, n.PacketsSent, n.PacketsRecv, n.Errin,
		n.Errout, n.Dropin, n.Dropout}
}

func wrapNet(w *wrapTracker, m map[string]NetIOCountersStat) map[string]NetIOCountersStat {
	in := make(map[string][]uint64, len(m))
	for k, n := range m {
		in[k] = netVals(n)
	}
	out := make(map[string]NetIOCountersStat, len(m))
	for k, v := range w.run(in) {
		out[k] = NetIOCountersStat{BytesSent: v[0], BytesRecv: v[1], PacketsSent: v[2],
			PacketsRecv: v[3], Errin: v[4], Errout: v[5], Dropin: v[6], Dropout: v[7]}
	}
	return out
}
