//go:build linux && cgo

package psutil

// Go fuzz tests over the C buffer parsers (through fuzzhooks_linux.go) and
// the Go-level parse functions. `make gofuzz-smoke` runs each one for a few
// seconds; `go test -run Fuzz .` replays the seeds only. Each target checks
// properties that the parser must keep on every input, not just "no
// crash": values written into a well-formed line come back unchanged, a
// line appended after arbitrary garbage still wins, sums are additive,
// pointers stay inside the input, and the Go splitters agree with each
// other. The seeds are the files in testdata/fuzz/<name>/.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addSeeds adds every file of testdata/fuzz/<dir> through add.
func addSeeds(f *testing.F, dir string, add func(b []byte)) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", dir, "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata/fuzz/%s: %v", dir, err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
}

func finiteNonNeg(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 }

func hasLinePrefix(b []byte, prefix string) bool {
	for _, l := range bytes.Split(b, []byte{'\n'}) {
		if bytes.HasPrefix(l, []byte(prefix)) {
			return true
		}
	}
	return false
}

// ------------------------------------------------------------ /proc/stat

func FuzzParseStat(f *testing.F) {
	addSeeds(f, "stat", func(b []byte) { f.Add(b, uint32(100), uint32(50), uint32(1000), uint64(7)) })
	f.Fuzz(func(t *testing.T, data []byte, user, system, idle uint32, ctxt uint64) {
		// Raw input: both parsers run (the fuzz-stat libFuzzer target does
		// the same), results must be sane.
		st := fuzzParseStat(data)
		if st.rc == 0 {
			if !st.hasTotal {
				t.Fatalf("rc 0 without a cpu line")
			}
			for _, v := range cpuFields(&st.total) {
				if !finiteNonNeg(*v) {
					t.Fatalf("bad total %+v", st.total)
				}
			}
			if len(st.percpu) > st.ncpu {
				t.Fatalf("%d per-CPU entries for ncpu %d", len(st.percpu), st.ncpu)
			}
		} else if st.rc != codeParse {
			t.Fatalf("rc %d, want 0 or EPARSE", st.rc)
		}
		checkPidStatRaw(t, data)

		// A known "cpu " and "ctxt" line before arbitrary lines: the values
		// must come back whenever the garbage has no line of those kinds.
		if hasLinePrefix(data, "cpu ") || hasLinePrefix(data, "ctxt ") {
			return
		}
		in := fmt.Appendf(nil, "cpu  %d 0 %d %d 0 0 0 0 0 0\nctxt %d\n", user, system, idle, ctxt)
		in = append(in, data...)
		st = fuzzParseStat(in)
		if st.rc != 0 {
			return // the garbage has a bad cpuN/intr/btime line: EPARSE is right
		}
		if st.total.User != float64(user)/100 || st.total.System != float64(system)/100 ||
			st.total.Idle != float64(idle)/100 || st.ctx != ctxt {
			t.Fatalf("got %+v ctxt %d, want user %d system %d idle %d ctxt %d",
				st.total, st.ctx, user, system, idle, ctxt)
		}
	})
}

// checkPidStatRaw: on any input, a parsed name lies between the first '('
// and the last ')' of the buffer.
func checkPidStatRaw(t *testing.T, data []byte) {
	ps := fuzzParsePidStat(data)
	if ps.rc != 0 {
		if ps.rc != codeParse {
			t.Fatalf("pid stat rc %d", ps.rc)
		}
		return
	}
	lp, rp := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if ps.nameOff != lp+1 || ps.nameOff+len(ps.name) != rp {
		t.Fatalf("name at %d len %d, want between ( at %d and ) at %d",
			ps.nameOff, len(ps.name), lp, rp)
	}
}

// ------------------------------------------------------------ /proc/PID/stat

const pidStates = "RSDZTtXxKWPI"

func FuzzParsePidStat(f *testing.F) {
	f.Add([]byte("cp"), byte(0), int64(3416), uint64(12), uint64(423234))
	f.Add([]byte("a) b (c"), byte(1), int64(1), uint64(0), uint64(5))
	f.Add([]byte("(sd-pam)"), byte(3), int64(-1), uint64(1<<63), uint64(math.MaxUint64))
	f.Add([]byte(") S 1 2 3 ("), byte(9), int64(math.MinInt64), uint64(1), uint64(2)) // UB before the fix
	f.Add([]byte("new\nline ) 7"), byte(2), int64(0), uint64(99), uint64(1))
	addSeeds(f, "stat", func(b []byte) {
		// The comm of a real line, if it has one.
		if i, j := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')'); i >= 0 && j > i {
			f.Add(b[i+1:j], byte(0), int64(1), uint64(2), uint64(3))
		}
	})
	f.Fuzz(func(t *testing.T, comm []byte, st byte, ppid int64, utime, starttime uint64) {
		if len(comm) > 4096 {
			return
		}
		state := pidStates[int(st)%len(pidStates)]
		// Fields 1..22 and a few more, as the kernel prints them.
		line := fmt.Appendf(nil, "4242 (%s) %c %d 4242 4242 34816 4242 4194304 11 0 22 0 %d 33 -1 -2 20 0 1 0 %d 4136960 546 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 44\n",
			comm, state, ppid, utime, starttime)
		ps := fuzzParsePidStat(line)
		if ps.rc != 0 {
			t.Fatalf("rc %d for %q", ps.rc, line)
		}
		if !bytes.Equal(ps.name, comm) || ps.state != state || ps.ppid != ppid ||
			ps.utime != utime || ps.stime != 33 || ps.starttime != starttime ||
			ps.cutime != -1 || ps.cstime != -2 || ps.minflt != 11 || ps.majflt != 22 ||
			ps.ttyNr != 34816 || ps.processor != 3 || ps.blkio != 44 {
			t.Fatalf("parse of %q:\n got %+v", line, ps)
		}
		// A truncated line (before starttime) is an error, never a value.
		cut := line[:bytes.LastIndexByte(line, ')')+1]
		if ps := fuzzParsePidStat(cut); ps.rc == 0 {
			t.Fatalf("truncated %q parsed", cut)
		}
	})
}

// ------------------------------------------------------------ /proc/PID/status

func FuzzParseStatus(f *testing.F) {
	addSeeds(f, "status", func(b []byte) { f.Add(b, uint32(1000), uint32(0), uint16(4)) })
	f.Fuzz(func(t *testing.T, data []byte, ruid, euid uint32, threads uint16) {
		st := fuzzParseStatus(data)
		// rc 0 exactly when there is a "Uid:" line with something after it.
		want := false
		for _, l := range bytes.Split(data, []byte{'\n'}) {
			if len(l) > 4 && bytes.HasPrefix(l, []byte("Uid:")) {
				want = true
			}
		}
		if (st.rc == 0) != want || st.hasUID != want {
			t.Fatalf("rc %d hasUID %v, want Uid line %v", st.rc, st.hasUID, want)
		}
		// Lines appended after arbitrary content win (the last one counts).
		in := append(append([]byte{}, data...), fmt.Sprintf("\nUid:\t%d\t%d\t%d\t%d\nThreads:\t%d\n",
			ruid, euid, ruid, euid, threads)...)
		st = fuzzParseStatus(in)
		if st.rc != 0 || st.uid != [3]int64{int64(ruid), int64(euid), int64(ruid)} ||
			!st.hasThreads || st.threads != int64(threads) {
			t.Fatalf("got %+v", st)
		}
	})
}

// ------------------------------------------------------------ /proc/meminfo

func FuzzParseMeminfo(f *testing.F) {
	addSeeds(f, "meminfo", func(b []byte) { f.Add(b, uint64(16<<20), uint64(8<<20), uint64(1<<20)) })
	f.Fuzz(func(t *testing.T, data []byte, total, avail, free uint64) {
		m := fuzzParseMeminfo(data)
		if m.rc == 0 && (m.vmTotal != m.total || m.vmUsed > m.vmTotal) {
			t.Fatalf("vmem total %d used %d (meminfo total %d)", m.vmTotal, m.vmUsed, m.total)
		}
		// Known lines after the garbage: they win, unless the garbage holds
		// a bad value for a key we use (then EPARSE).
		total, avail, free = total>>12, avail>>12, free>>12 // kB that fit in bytes
		in := append(append([]byte{}, data...), fmt.Sprintf(
			"\nMemTotal:  %d kB\nMemFree: %d kB\nMemAvailable:%d kB\n", total, free, avail)...)
		m = fuzzParseMeminfo(in)
		if m.rc != 0 {
			if m.rc != codeParse {
				t.Fatalf("rc %d", m.rc)
			}
			return
		}
		if m.total != total*1024 || m.free != free*1024 || m.available != avail*1024 || !m.hasAvailable {
			t.Fatalf("got total %d free %d avail %d, want %d %d %d kB", m.total, m.free, m.available, total, free, avail)
		}
		// psutil's rules: available is MemAvailable when it is > 0 and not
		// above the total (else free); used = total - available.
		if avail > 0 && avail <= total {
			if m.vmAvail != avail*1024 || m.vmUsed != (total-avail)*1024 {
				t.Fatalf("vmem avail %d used %d for total %d avail %d kB", m.vmAvail, m.vmUsed, total, avail)
			}
		}
		if m.vmUsed > m.vmTotal {
			t.Fatalf("used %d > total %d (free %d avail %d)", m.vmUsed, m.vmTotal, free, avail)
		}
	})
}

// ------------------------------------------------------------ smaps

func FuzzParseSmaps(f *testing.F) {
	addSeeds(f, "smaps", func(b []byte) { f.Add(b, uint32(4), uint32(8), uint32(12), uint32(16)) })
	f.Fuzz(func(t *testing.T, data []byte, pc, pd, pss, swap uint32) {
		uss0, pss0, swap0 := fuzzParseSmaps(data)
		// Sums are additive: one more mapping adds exactly its values.
		in := append(append([]byte{}, data...), fmt.Sprintf(
			"\n7f00-7f01 r-xp 00000000 08:01 1 /x\nPss:  %d kB\nPrivate_Clean: %d kB\nPrivate_Dirty:\t%d kB\nSwap: %d kB\n",
			pss, pc, pd, swap)...)
		uss1, pss1, swap1 := fuzzParseSmaps(in)
		if uss1-uss0 != uint64(pc)+uint64(pd) || pss1-pss0 != uint64(pss) || swap1-swap0 != uint64(swap) {
			t.Fatalf("sums %d/%d/%d -> %d/%d/%d after adding uss %d pss %d swap %d",
				uss0, pss0, swap0, uss1, pss1, swap1, uint64(pc)+uint64(pd), pss, swap)
		}
		// statm runs on the same inputs (the fuzz-statm target does too).
		if rc, v := fuzzParseStatm(fmt.Appendf(nil, "%d %d %d 1 0 %d 0\n", pss, pc, pd, swap)); rc != 0 ||
			v != [7]uint64{uint64(pss), uint64(pc), uint64(pd), 1, 0, uint64(swap), 0} {
			t.Fatalf("statm rc %d %v", rc, v)
		}
		fuzzParseStatm(data)
	})
}

// ------------------------------------------------------------ diskstats

func FuzzParseDiskstats(f *testing.F) {
	addSeeds(f, "diskstats", func(b []byte) { f.Add(b, "sda1", uint64(5), uint64(9), byte(14)) })
	f.Add([]byte("8 0 sda 1 2 3"), "nvme0n1p1", uint64(math.MaxUint64), uint64(0), byte(20))
	f.Fuzz(func(t *testing.T, data []byte, name string, reads, wsect uint64, layout byte) {
		// Raw lines: a parsed name is a blank-free span of the line.
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			d := fuzzParseDiskstatsLine(line)
			if d.rc == 0 && (len(d.name) == 0 || bytes.ContainsAny(d.name, " \t") ||
				!bytes.Contains(line, d.name)) {
				t.Fatalf("name %q from %q", d.name, line)
			}
		}
		// A well-formed line of 7, 14, 18 or 20 fields.
		if name == "" || strings.ContainsAny(name, " \t\n\r") {
			return
		}
		nf := []int{7, 14, 18, 20}[int(layout)%4]
		var line []byte
		if nf == 7 {
			line = fmt.Appendf(nil, "   8       1 %s %d 11 12 %d", name, reads, wsect)
		} else {
			line = fmt.Appendf(nil, "   8       0 %s %d 2 3 4 5 6 %d 8 0 10 11", name, reads, wsect)
			for i := 14; i < nf; i++ {
				line = fmt.Appendf(line, " %d", i)
			}
		}
		d := fuzzParseDiskstatsLine(line)
		if d.rc != 0 || string(d.name) != name || d.reads != reads || d.wsectors != wsect {
			t.Fatalf("%q: got %+v", line, d)
		}
		if nf != 7 && (d.readsMerged != 2 || d.rsectors != 3 || d.rtime != 4 ||
			d.writes != 5 || d.writesMerged != 6 || d.wtime != 8 || d.busy != 10) {
			t.Fatalf("%q: got %+v", line, d)
		}
		if nf == 7 && (d.rsectors != 11 || d.writes != 12) {
			t.Fatalf("%q: got %+v", line, d)
		}
	})
}

// ------------------------------------------------------------ /proc/net

func FuzzParseNetTCP(f *testing.F) {
	addSeeds(f, "nettcp", func(b []byte) {
		f.Add(b, uint32(0x0100007F), uint64(0), uint16(8080), byte(0x0A), uint64(1681), false)
	})
	f.Add([]byte("x"), uint32(0), uint64(1<<63|1), uint16(0), byte(1), uint64(math.MaxUint64), true)
	f.Fuzz(func(t *testing.T, data []byte, w0 uint32, w1 uint64, port uint16, state byte, inode uint64, v6 bool) {
		// Raw lines through the three line parsers.
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			for _, six := range []bool{false, true} {
				if in := fuzzParseInetLine(line, six); in.rc == 0 {
					if net.ParseIP(in.laddr) == nil || net.ParseIP(in.raddr) == nil ||
						in.lport < 0 || in.lport > 65535 || in.rport < 0 || in.rport > 65535 {
						t.Fatalf("%q: %+v", line, in)
					}
				}
			}
			if u := fuzzParseUnixLine(line); u.rc == 0 {
				if u.pathOff < 0 || bytes.ContainsAny(u.path, "\n") {
					t.Fatalf("%q: path %q at %d", line, u.path, u.pathOff)
				}
			}
		}
		// A well-formed line: the address words are the kernel's host-order
		// hex of the network-order bytes (little endian here).
		var raw []byte
		var hex string
		words := []uint32{w0, uint32(w1), uint32(w1 >> 32), w0 ^ 0xdeadbeef}
		if !v6 {
			words = words[:1]
		}
		for _, w := range words {
			raw = binary.LittleEndian.AppendUint32(raw, w)
			hex += fmt.Sprintf("%08X", w)
		}
		line := fmt.Appendf(nil, "  12: %s:%04X %s:0000 %02X 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1",
			hex, port, hex, state, inode)
		in := fuzzParseInetLine(line, v6)
		want := net.IP(raw).String()
		if in.rc != 0 || in.laddr != want || in.raddr != want || in.lport != int(port) ||
			in.rport != 0 || in.state != int(state) || in.inode != inode {
			t.Fatalf("%q: got %+v, want %s:%d state %d inode %d", line, in, want, port, state, inode)
		}
		if in := fuzzParseInetLine(line, !v6); in.rc == 0 {
			t.Fatalf("%q parsed with the wrong family: %+v", line, in)
		}
	})
}

// ------------------------------------------------------------ cgroup files

// cgOracle parses /proc/PID/cgroup the simple way; ok=false when some line
// is malformed or does not fit the C record.
func cgOracle(b []byte) (lines []fuzzCgLine, ok bool) {
	for _, l := range bytes.Split(b, []byte{'\n'}) {
		if len(l) == 0 {
			continue
		}
		parts := bytes.SplitN(l, []byte{':'}, 3)
		if len(parts) != 3 || len(parts[0]) == 0 {
			return nil, false
		}
		var id uint64
		for _, c := range parts[0] {
			if c < '0' || c > '9' {
				return nil, false
			}
			hi, lo := bits.Mul64(id, 10)
			lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
			if hi != 0 || carry != 0 {
				id = math.MaxUint64
			} else {
				id = lo
			}
		}
		if len(parts[1]) >= 256 || len(parts[2]) >= 1024 {
			return nil, false
		}
		lines = append(lines, fuzzCgLine{id: int64(id), controllers: string(parts[1]), path: string(parts[2])})
	}
	return lines, true
}

func FuzzParseCgroup(f *testing.F) {
	addSeeds(f, "cgroup", func(b []byte) { f.Add(b) })
	f.Add([]byte("0::/user.slice/a:b\n\n12:cpu,cpuacct:/\n"))
	f.Add([]byte("99999999999999999999999:x:/\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rc, lines, n := fuzzParseCgroupFile(data)
		want, ok := cgOracle(data)
		if !ok {
			if rc == 0 {
				t.Fatalf("malformed %q parsed: %+v", data, lines)
			}
		} else {
			if rc != 0 || n != len(want) {
				t.Fatalf("%q: rc %d n %d, want %d lines", data, rc, n, len(want))
			}
			for i := range lines {
				// Embedded NULs end the C strings; compare up to them.
				w := want[i]
				w.controllers, _, _ = strings.Cut(w.controllers, "\x00")
				w.path, _, _ = strings.Cut(w.path, "\x00")
				if lines[i] != w {
					t.Fatalf("%q line %d: got %+v, want %+v", data, i, lines[i], w)
				}
			}
		}
		// The flat-file parsers on the same bytes must not fail strangely.
		if rc, v := fuzzParseCgroupLimit(data); rc == 0 && v < 0 && v != -1 {
			t.Fatalf("limit %d", v)
		}
		fuzzParseCgroupKV(data, "oom_kill")
		fuzzParseCgroupCPUMax(data)
		if rc, io, n := fuzzParseCgroupIOStat(data); rc == 0 && len(io) > n {
			t.Fatalf("io.stat %d entries, n %d", len(io), n)
		}
		// Round trips of the small files.
		if rc, v := fuzzParseCgroupLimit([]byte("max\n")); rc != 0 || v != -1 {
			t.Fatalf("max: %d %d", rc, v)
		}
	})
}

// ------------------------------------------------------------ PSI

func FuzzParsePressure(f *testing.F) {
	addSeeds(f, "pressure", func(b []byte) { f.Add(b, uint16(2547), uint16(0), uint64(119075482), true) })
	f.Fuzz(func(t *testing.T, data []byte, a10, a300 uint16, total uint64, full bool) {
		rc, some, fl, hasFull := fuzzParsePressure(data)
		if rc == 0 {
			for _, v := range []float64{some.avg10, some.avg60, some.avg300, fl.avg10, fl.avg60, fl.avg300} {
				if !finiteNonNeg(v) {
					t.Fatalf("%q: avg %v", data, v)
				}
			}
			if !hasFull && fl != (fuzzPSILine{}) {
				t.Fatalf("full without has_full")
			}
		}
		// A well-formed file: values come back to 2 decimals.
		in := fmt.Appendf(nil, "some avg10=%d.%02d avg60=0.00 avg300=%d.%02d total=%d\n",
			a10/100, a10%100, a300/100, a300%100, total)
		if full {
			in = fmt.Appendf(in, "full avg10=0.50 avg60=1.00 avg300=%d.%02d total=%d\n", a300/100, a300%100, total/2)
		}
		rc, some, fl, hasFull = fuzzParsePressure(in)
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
		if rc != 0 || !near(some.avg10, float64(a10)/100) || !near(some.avg300, float64(a300)/100) ||
			some.avg60 != 0 || some.total != total || hasFull != full {
			t.Fatalf("%q: rc %d some %+v full %v", in, rc, some, hasFull)
		}
		if full && (fl.avg10 != 0.5 || fl.avg60 != 1 || !near(fl.avg300, float64(a300)/100) || fl.total != total/2) {
			t.Fatalf("%q: full %+v", in, fl)
		}
	})
}

// ------------------------------------------------------------ Go-level parsers

func FuzzSplitCmdline(f *testing.F) {
	f.Add([]byte("/bin/sh\x00-c\x00echo hi\x00"))
	f.Add([]byte("nginx: worker process"))
	f.Add([]byte("python script.py --x \x00"))
	f.Add([]byte("\x00\x00"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		parts := splitCmdline(b)
		if len(b) == 0 {
			if parts == nil || len(parts) != 0 {
				t.Fatalf("empty block: %#v", parts)
			}
			return
		}
		// The parts put back together give the block (without its final
		// separator): NULs, or spaces for setproctitle-style blocks.
		body := b
		if b[len(b)-1] == 0 || b[len(b)-1] == ' ' {
			body = b[:len(b)-1]
		}
		joined0 := strings.Join(parts, "\x00")
		joinedSp := strings.Join(parts, " ")
		switch {
		case b[len(b)-1] == 0 && len(parts) > 1 && joined0 == string(body):
		case b[len(b)-1] == 0 && bytes.IndexByte(body, 0) < 0 && joinedSp == string(body):
		case b[len(b)-1] != 0 && joinedSp == string(body):
		case len(parts) == 1 && parts[0] == string(body):
		default:
			t.Fatalf("%q split into %q", b, parts)
		}
	})
}

func FuzzParseEnviron(f *testing.F) {
	f.Add([]byte("A=1\x00B=2\x00"))
	f.Add([]byte("A=1\x00\x00B=2"))
	f.Add([]byte("=x\x00noeq\x00K==v\x00"))
	f.Add([]byte("PATH=/bin"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := parseEnvironBlock(b)
		for k, v := range m {
			if k == "" || strings.ContainsAny(k, "=\x00") || strings.Contains(v, "\x00") {
				t.Fatalf("%q: bad entry %q=%q", b, k, v)
			}
			if !bytes.Contains(b, []byte(k+"="+v)) {
				t.Fatalf("%q: entry %q=%q not in the block", b, k, v)
			}
		}
		// The three platform parsers implement the same psutil rule.
		if d := darwinEnviron(b); !sameEnv(m, d) {
			t.Fatalf("%q: linux %v darwin %v", b, m, d)
		}
		if d := bsdEnviron(b); !sameEnv(m, d) {
			t.Fatalf("%q: linux %v bsd %v", b, m, d)
		}
		// Argument splitters: every NUL separates, nothing is lost.
		if a := darwinSplitArgs(b); strings.Join(a, "\x00") != strings.TrimSuffix(string(b), "\x00") {
			t.Fatalf("%q: darwin args %q", b, a)
		}
		if a := bsdSplitArgs(b); strings.Join(a, "\x00") != string(b) {
			t.Fatalf("%q: bsd args %q", b, a)
		}
	})
}

func sameEnv(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func FuzzParseAttrs(f *testing.F) {
	f.Add("pid,name,username")
	f.Add("name,name,bogus")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		var attrs []string
		if s != "" {
			attrs = strings.Split(s, ",")
		}
		known := map[string]bool{}
		for _, a := range ProcessAttrs() {
			known[a] = true
		}
		mask, err := parseAttrs(attrs)
		distinct := map[string]bool{}
		allKnown := true
		for _, a := range attrs {
			distinct[a] = true
			allKnown = allKnown && known[a]
		}
		if allKnown != (err == nil) {
			t.Fatalf("%q: err %v", attrs, err)
		}
		if err == nil && bits.OnesCount64(mask) != len(distinct) {
			t.Fatalf("%q: mask %b for %d names", attrs, mask, len(distinct))
		}
		if err != nil && mask != 0 {
			t.Fatalf("%q: mask %b with error", attrs, mask)
		}
	})
}

// TestFuzzSeedsParse pins the values of the seed files, so that a parser
// that silently returns zeros would not pass the fuzz targets' round trips
// alone.
func TestFuzzSeedsParse(t *testing.T) {
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "fuzz", p))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ps := fuzzParsePidStat(read("stat/pid-stat"))
	if ps.rc != 0 || string(ps.name) != "cp" || ps.state != 'R' || ps.ppid != 3416 || ps.starttime != 423234 {
		t.Errorf("pid-stat: %+v", ps)
	}
	ps = fuzzParsePidStat(read("stat/pid-stat-parens"))
	if ps.rc != 0 || string(ps.name) != "a) b) c" || ps.state != 'S' || ps.ppid != 0 || ps.starttime != 5 {
		t.Errorf("pid-stat-parens: %+v", ps)
	}
	st := fuzzParseStat(read("stat/proc-stat"))
	if st.rc != 0 || st.ncpu != 2 || st.total.User != 346.63 || st.total.Idle != 7921.48 {
		t.Errorf("proc-stat: %+v", st)
	}
	rc, some, full, hasFull := fuzzParsePressure(read("pressure/cpu"))
	if rc != 0 || some.avg10 != 25.47 || some.total != 119075482 || !hasFull || full.total != 0 {
		t.Errorf("pressure/cpu: %d %+v %+v", rc, some, full)
	}
	crc, lines, n := fuzzParseCgroupFile(read("cgroup/cgroup"))
	if crc != 0 || n != 10 || len(lines) != 10 || lines[5].controllers != "memory" ||
		lines[9] != (fuzzCgLine{0, "", "/"}) {
		t.Errorf("cgroup: %d %d %+v", crc, n, lines)
	}
	if rc, q, p := fuzzParseCgroupCPUMax(read("cgroup/cpumax")); rc != 0 || q != -1 || p != 100000 {
		t.Errorf("cpumax: %d %d %d", rc, q, p)
	}
	in := fuzzParseInetLine(bytes.Split(read("nettcp/tcp"), []byte{'\n'})[2], false)
	if in.rc != 0 || in.laddr != "127.0.0.1" || in.lport != 0xCA78 || in.rport != 0x90D5 || in.state != 6 {
		t.Errorf("tcp line: %+v", in)
	}
}
