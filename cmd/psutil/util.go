package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/psutil-go/psutil"
)

// psutilKeys lists the fields of a psutil namedtuple on this OS, so JSON
// output carries exactly psutil's keys (the library structs hold the union
// over all platforms). nil means "keep every field".
func psutilKeys(kind string) []string {
	if l, ok := namedtupleFields[runtime.GOOS][kind]; ok {
		return l
	}
	switch runtime.GOOS {
	case "openbsd", "netbsd":
		return namedtupleFields["freebsd"][kind]
	}
	return nil
}

// namedtupleFields holds psutil 7's field lists per OS.
var namedtupleFields = map[string]map[string][]string{
	"linux": {
		"svmem":     {"total", "available", "percent", "used", "free", "active", "inactive", "buffers", "cached", "shared", "slab"},
		"sswap":     {"total", "used", "free", "percent", "sin", "sout"},
		"pmem":      {"rss", "vms", "shared", "text", "lib", "data", "dirty"},
		"pfullmem":  {"rss", "vms", "shared", "text", "lib", "data", "dirty", "uss", "pss", "swap"},
		"pio":       {"read_count", "write_count", "read_bytes", "write_bytes", "read_chars", "write_chars"},
		"pcputimes": {"user", "system", "children_user", "children_system", "iowait"},
		"pctxsw":    {"voluntary", "involuntary"},
	},
	"darwin": {
		"svmem":     {"total", "available", "percent", "used", "free", "active", "inactive", "wired"},
		"sswap":     {"total", "used", "free", "percent", "sin", "sout"},
		"pmem":      {"rss", "vms", "pfaults", "pageins"},
		"pfullmem":  {"rss", "vms", "pfaults", "pageins", "uss"},
		"pcputimes": {"user", "system", "children_user", "children_system"},
		"pctxsw":    {"voluntary", "involuntary"},
	},
	"windows": {
		"svmem": {"total", "available", "percent", "used", "free"},
		"sswap": {"total", "used", "free", "percent", "sin", "sout"},
		"pmem": {"rss", "vms", "num_page_faults", "peak_wset", "wset", "peak_paged_pool", "paged_pool",
			"peak_nonpaged_pool", "nonpaged_pool", "pagefile", "peak_pagefile", "private"},
		"pfullmem": {"rss", "vms", "num_page_faults", "peak_wset", "wset", "peak_paged_pool", "paged_pool",
			"peak_nonpaged_pool", "nonpaged_pool", "pagefile", "peak_pagefile", "private", "uss"},
		"pio":       {"read_count", "write_count", "read_bytes", "write_bytes", "other_count", "other_bytes"},
		"pcputimes": {"user", "system", "children_user", "children_system"},
		"pctxsw":    {"voluntary", "involuntary"},
	},
	"freebsd": {
		"svmem":     {"total", "available", "percent", "used", "free", "active", "inactive", "buffers", "cached", "shared", "wired"},
		"sswap":     {"total", "used", "free", "percent", "sin", "sout"},
		"pmem":      {"rss", "vms", "text", "data", "stack"},
		"pfullmem":  {"rss", "vms", "text", "data", "stack"},
		"pio":       {"read_count", "write_count", "read_bytes", "write_bytes"},
		"pcputimes": {"user", "system", "children_user", "children_system"},
		"pctxsw":    {"voluntary", "involuntary"},
	},
}

// pick converts v (a struct with psutil json tags) to a map holding only
// the psutil fields of kind on this OS (all fields where psutilKeys has no
// list). Values keep their Go types (see jsonValue).
func pick(v any, kind string) any {
	keys := psutilKeys(kind)
	m, ok := jsonValue(v).(map[string]any)
	if !ok || keys == nil {
		return m
	}
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		if x, ok := m[k]; ok {
			out[k] = x
		}
	}
	return out
}

// parsePID parses a PID argument; a bad one is a usage error.
func parsePID(s string) (int, error) {
	pid, err := strconv.Atoi(s)
	if err != nil || pid < 0 {
		return 0, usageErrorf("invalid PID %q", s)
	}
	return pid, nil
}

// onePID checks that args is exactly one PID.
func onePID(args []string) (int, error) {
	if len(args) != 1 {
		return 0, usageErrorf("expected one PID argument")
	}
	return parsePID(args[0])
}

// openProcess opens pid. A PID that does not exist is a bad argument like
// a malformed one: a usage error (exit 2) "no such process (pid 123)".
func openProcess(pid int) (*psutil.Process, error) {
	p, err := psutil.NewProcess(pid)
	if errors.Is(err, psutil.ErrNoSuchProcess) {
		return nil, usageErrorf("no such process (pid %d)", pid)
	}
	return p, err
}

// noArgs rejects positional arguments.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usageErrorf("unexpected argument %q", args[0])
	}
	return nil
}

// pct formats a percentage with one decimal, as psutil's scripts do.
func pct(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

// cmdlineString joins a command line, falling back to [name].
func cmdlineString(cmd []string, name string) string {
	if len(cmd) == 0 {
		if name == "" {
			return "?"
		}
		return "[" + name + "]"
	}
	return strings.Join(cmd, " ")
}

// truncate shortens s to n runes with a trailing "…" (n <= 0: no limit).
func truncate(s string, n int) string {
	if n <= 0 {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// fmtDuration formats seconds as top's TIME+ ("mm:ss.hh").
func fmtCPUTime(sec float64) string {
	cs := int64(sec * 100)
	return fmt.Sprintf("%d:%02d.%02d", cs/6000, (cs/100)%60, cs%100)
}

// fmtUptime formats a duration as "3 days, 4:05".
func fmtUptime(d time.Duration) string {
	d = d.Truncate(time.Minute)
	days := int(d.Hours()) / 24
	h := int(d.Hours()) % 24
	m := int(d.Minutes()) % 60
	if days > 0 {
		return fmt.Sprintf("%d days, %d:%02d", days, h, m)
	}
	return fmt.Sprintf("%d:%02d", h, m)
}

// secs formats a time as a float of epoch seconds, psutil's representation.
func epoch(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// familyName names an address family the way ifconfig.py does.
func familyName(f int) string {
	switch f {
	case psutil.AF_INET:
		return "IPv4"
	case psutil.AF_INET6:
		return "IPv6"
	case psutil.AF_LINK:
		return "MAC"
	}
	return strconv.Itoa(f)
}

func itoa(i int) string { return strconv.Itoa(i) }

// toMap turns a struct with json tags (or a map) into a map.
func toMap(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

// protoName gives netstat's protocol column: tcp, tcp6, udp, udp6, unix.
func protoName(family, typ int) string {
	proto := "?"
	switch typ {
	case psutil.SOCK_STREAM:
		proto = "tcp"
	case psutil.SOCK_DGRAM:
		proto = "udp"
	}
	switch family {
	case psutil.AF_INET6:
		proto += "6"
	case psutil.AF_UNIX:
		proto = "unix"
	}
	return proto
}

// addrString formats an address as "ip:port" ("[ip6]:port" is not used:
// psutil's netstat.py prints "ip:port" for both).
func addrString(a psutil.ConnAddr) string {
	if a.IP == "" && a.Port == 0 {
		return ""
	}
	if a.Port == 0 {
		return a.IP
	}
	return fmt.Sprintf("%s:%d", a.IP, a.Port)
}

func signalName(s syscall.Signal) string {
	for n, v := range signalNames {
		if v == s {
			return n
		}
	}
	return strconv.Itoa(int(s))
}
