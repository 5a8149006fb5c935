//go:build oracle && linux && cgo

package psutil

// Oracle: every Process method against Debian's Python psutil (5.9.4) for
// live pids: pid 1, this test process and a spawned child. Run with
//
//	go test -tags oracle -run Oracle -count=1 .
//
// Keys listed as "proc.<key>: reason" in testdata/oracle-allowlist.txt are
// skipped (with the reason logged).

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

type oracleVal struct {
	V   json.RawMessage `json:"v"`
	Err string          `json:"err"`
}

func procAllowlist(t *testing.T) map[string]string {
	m := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "oracle-allowlist.txt"))
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, ":"); ok && strings.HasPrefix(k, "proc.") {
			m[strings.TrimPrefix(k, "proc.")] = strings.TrimSpace(v)
		}
	}
	return m
}

func errKind(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrZombieProcess):
		return "zombie"
	case errors.Is(err, ErrNoSuchProcess):
		return "nsp"
	case errors.Is(err, ErrAccessDenied):
		return "ad"
	}
	return "other: " + err.Error()
}

// norm turns a Go value into the shape json gives the Python value.
func norm(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func near(a, b, rel, abs float64) bool {
	d := math.Abs(a - b)
	return d <= abs || d <= rel*math.Max(math.Abs(a), math.Abs(b))
}

// approxEqual compares maps of numbers with a tolerance (volatile pids).
func approxEqual(got, want any, rel, abs float64) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			if !approxEqual(g[k], wv, rel, abs) {
				return false
			}
		}
		return true
	case float64:
		g, ok := got.(float64)
		return ok && near(g, w, rel, abs)
	}
	return reflect.DeepEqual(got, want)
}

func TestOracleProcess(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3 for the oracle")
	}
	if err := exec.Command(py, "-c", "import psutil").Run(); err != nil {
		t.Skip("python3-psutil is not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("/bin/sh", "-c", "exec 3</etc/hostname; exec 4>>"+filepath.Join(dir, "log")+"; exec sleep 60")
	cmd.Dir = dir
	cmd.Env = []string{"ORACLE=1", "PATH=/usr/bin:/bin"}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() }()
	child := cmd.Process.Pid
	time.Sleep(200 * time.Millisecond) // let the shell exec sleep
	allow := procAllowlist(t)

	pids := []int{1, os.Getpid(), child, 2} // 2: kthreadd, a kernel thread
	args := []string{"scripts/oracle_proc.py"}
	for _, p := range pids {
		args = append(args, strconv.Itoa(p))
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	var oracle map[string]map[string]oracleVal
	if err := json.Unmarshal(out, &oracle); err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		volatile := pid != child && pid != 2
		p, err := NewProcess(pid)
		if err != nil {
			t.Fatal(err)
		}
		exp := oracle[strconv.Itoa(pid)]
		got := map[string]func() (any, error){
			"ppid":     func() (any, error) { return p.PPID() },
			"name":     func() (any, error) { return p.Name() },
			"exe":      func() (any, error) { return p.Exe() },
			"cmdline":  func() (any, error) { return p.Cmdline() },
			"environ":  func() (any, error) { return p.Environ() },
			"status":   func() (any, error) { return p.Status() },
			"username": func() (any, error) { return p.Username() },
			"uids":     func() (any, error) { return p.UIDs() },
			"gids":     func() (any, error) { return p.GIDs() },
			"terminal": func() (any, error) {
				s, err := p.Terminal()
				if s == "" && err == nil {
					return nil, nil
				}
				return s, err
			},
			"cwd":    func() (any, error) { return p.Cwd() },
			"nice":   func() (any, error) { return p.Nice() },
			"ionice": func() (any, error) { return p.IONice() },
			"create_time": func() (any, error) {
				return p.createTimeF()
			},
			"io_counters": func() (any, error) {
				c, err := p.IOCounters()
				return map[string]any{"read_count": c.ReadCount, "write_count": c.WriteCount,
					"read_bytes": c.ReadBytes, "write_bytes": c.WriteBytes,
					"read_chars": c.ReadChars, "write_chars": c.WriteChars}, err
			},
			"num_ctx_switches": func() (any, error) { return p.NumCtxSwitches() },
			"num_fds":          func() (any, error) { return p.NumFDs() },
			"num_threads":      func() (any, error) { return p.NumThreads() },
			"threads":          func() (any, error) { return p.Threads() },
			"cpu_times": func() (any, error) {
				c, err := p.CPUTimes()
				return map[string]any{"user": c.User, "system": c.System, "children_user": c.ChildrenUser,
					"children_system": c.ChildrenSystem, "iowait": c.IOWait}, err
			},
			"cpu_affinity": func() (any, error) { return p.CPUAffinity() },
			"memory_info": func() (any, error) {
				m, err := p.MemoryInfo()
				return map[string]any{"rss": m.RSS, "vms": m.VMS, "shared": m.Shared, "text": m.Text,
					"lib": m.Lib, "data": m.Data, "dirty": m.Dirty}, err
			},
			"memory_full_info": func() (any, error) {
				m, err := p.MemoryFullInfo()
				return map[string]any{"rss": m.RSS, "vms": m.VMS, "shared": m.Shared, "text": m.Text,
					"lib": m.Lib, "data": m.Data, "dirty": m.Dirty, "uss": m.USS, "pss": m.PSS, "swap": m.Swap}, err
			},
			"open_files": func() (any, error) { return p.OpenFiles() },
			"memory_maps": func() (any, error) {
				m, err := p.MemoryMaps(true)
				paths := []string{}
				for _, x := range m {
					paths = append(paths, x.Path)
				}
				sort.Strings(paths)
				return paths, err
			},
			"rlimit_nofile": func() (any, error) {
				r, err := p.Rlimit(RLIMIT_NOFILE)
				return []int64{r.Soft, r.Hard}, err
			},
			"connections_all": func() (any, error) {
				c, err := p.NetConnections(ConnAll)
				return len(c), err
			},
			"memory_percent_rss": func() (any, error) { return p.MemoryPercent("rss") },
			"children": func() (any, error) {
				c, err := p.Children(false)
				ids := []int{}
				for _, x := range c {
					ids = append(ids, x.PID())
				}
				sort.Ints(ids)
				return ids, err
			},
		}
		for key, f := range got {
			akey := key
			if pid == 2 {
				akey = "kthread." + key
			}
			if why, ok := allow[akey]; ok {
				t.Logf("pid %d %s: allowlisted (%s)", pid, key, why)
				continue
			}
			e, ok := exp[key]
			if !ok {
				t.Errorf("oracle lacks %s", key)
				continue
			}
			v, err := f()
			if e.Err != "" || err != nil {
				if errKind(err) != e.Err {
					t.Errorf("pid %d %s: psutil error %q, ours %v", pid, key, e.Err, err)
				}
				continue
			}
			var want any
			if err := json.Unmarshal(e.V, &want); err != nil {
				t.Fatal(err)
			}
			gotN := norm(t, v)
			switch key {
			case "memory_maps":
				if volatile {
					continue // mappings come and go in a running Go program
				}
				// psutil returns [path, rss, ...] tuples; compare paths.
				paths := []string{}
				for _, m := range want.([]any) {
					paths = append(paths, m.(map[string]any)["path"].(string))
				}
				sort.Strings(paths)
				want = norm(t, paths)
			case "open_files":
				if volatile {
					continue
				}
			case "threads":
				if volatile {
					if len(gotN.([]any)) == 0 {
						t.Errorf("pid %d threads empty", pid)
					}
					continue
				}
			case "create_time":
				if !near(gotN.(float64), want.(float64), 0, 0.011) {
					t.Errorf("pid %d create_time = %v, psutil %v", pid, gotN, want)
				}
				continue
			case "memory_percent_rss":
				if !near(gotN.(float64), want.(float64), 0.2, 0.01) {
					t.Errorf("pid %d memory_percent = %v, psutil %v", pid, gotN, want)
				}
				continue
			}
			if key == "memory_full_info" {
				if why, ok := allow["memory_full_info.pss"]; ok {
					t.Logf("pid %d memory_full_info.pss: not compared (%s)", pid, why)
					delete(gotN.(map[string]any), "pss")
					delete(want.(map[string]any), "pss")
				}
			}
			if key == "connections_all" {
				want = float64(len(want.([]any)))
			}
			if volatile {
				switch key {
				case "io_counters", "num_ctx_switches":
					// Counters only grow; ours is read after psutil's.
					for k, wv := range want.(map[string]any) {
						if g, _ := gotN.(map[string]any)[k].(float64); g < wv.(float64) {
							t.Errorf("pid %d %s.%s = %v < psutil %v", pid, key, k, g, wv)
						}
					}
					continue
				case "cpu_times", "memory_info", "memory_full_info":
					if !approxEqual(gotN, want, 0.3, 1<<20) {
						t.Errorf("pid %d %s = %v, psutil %v (beyond tolerance)", pid, key, gotN, want)
					}
					continue
				case "num_fds", "num_threads", "connections_all", "children":
					continue // changes while the test runs
				case "status":
					// This test process is running when it reads itself and
					// sleeping while psutil looks; both are live states.
					live := map[any]bool{"running": true, "sleeping": true, "disk-sleep": true}
					if !live[gotN] || !live[want] {
						t.Errorf("pid %d status = %v, psutil %v", pid, gotN, want)
					}
					continue
				}
			}
			if !reflect.DeepEqual(gotN, want) {
				t.Errorf("pid %d %s = %v, psutil %v", pid, key, gotN, want)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = ctx
}
