//go:build linux && cgo

package psutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// hostileRoot copies testdata/linux/proc-hostile to a temp dir and adds
// the symlinks (exe, cwd, fd/N) that plain fixture trees can't hold. Their
// targets hold invalid UTF-8. The procfs root points there until the test
// ends.
func hostileRoot(t *testing.T) (root, openPath string) {
	t.Helper()
	root = t.TempDir()
	src := filepath.Join("testdata", "linux", "proc-hostile")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(root, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	openPath = filepath.Join(files, "data \xff\xfe.txt")
	if err := os.WriteFile(openPath, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"100/exe":  "/usr/bin/hostile\xfe\xff",
		"100/cwd":  "/home/\xff",
		"100/fd/3": openPath,
		"100/fd/4": "socket:[12345]",
		"100/fd/5": files, // a directory: not an open file
		"400/exe":  "/opt/averyveryverylongname (deleted)",
	}
	for l, target := range links {
		p := filepath.Join(root, l)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "100", "fdinfo"), 0o755); err != nil {
		t.Fatal(err)
	}
	// O_RDWR|O_APPEND|O_LARGEFILE, position 5.
	if err := os.WriteFile(filepath.Join(root, "100", "fdinfo", "3"), []byte("pos:\t5\nflags:\t0102002\nmnt_id:\t1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := ProcfsPath()
	if err := SetProcfsPath(root); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = SetProcfsPath(old)
		ClearProcessCache()
	})
	ClearProcessCache()
	return root, openPath
}

func mustProc(t *testing.T, pid int) *Process {
	t.Helper()
	p, err := NewProcess(pid)
	if err != nil {
		t.Fatalf("NewProcess(%d): %v", pid, err)
	}
	return p
}

func TestProcessHostileFixture(t *testing.T) {
	_, openPath := hostileRoot(t)
	pids, err := Pids()
	if err != nil || !reflect.DeepEqual(pids, []int{100, 200, 300, 400, 401}) {
		t.Fatalf("Pids = %v, %v", pids, err)
	}
	p := mustProc(t, 100)
	const comm = "a) (b c\nd\xff"
	if n, err := p.Name(); err != nil || n != comm {
		t.Errorf("Name = %q, %v; want %q", n, err, comm)
	}
	if pp, err := p.PPID(); err != nil || pp != 1 {
		t.Errorf("PPID = %d, %v", pp, err)
	}
	if st, err := p.Status(); err != nil || st != StatusSleeping {
		t.Errorf("Status = %q, %v", st, err)
	}
	ct, err := p.CreateTime()
	if err != nil || ct.Unix() != 1700000123 || ct.Nanosecond()/1e6 != 450 {
		t.Errorf("CreateTime = %v (%d), %v; want 1700000123.45", ct, ct.UnixNano(), err)
	}
	times, err := p.CPUTimes()
	want := ProcessCPUTimesStat{User: 1.5, System: 0.5, ChildrenUser: 0.3, ChildrenSystem: 0.2, IOWait: 0.07}
	if err != nil || times != want {
		t.Errorf("CPUTimes = %+v, %v; want %+v", times, err, want)
	}
	if c, err := p.CPUNum(); err != nil || c != 1 {
		t.Errorf("CPUNum = %d, %v", c, err)
	}
	if u, err := p.UIDs(); err != nil || u != (IDsStat{1000, 1001, 1002}) {
		t.Errorf("UIDs = %+v, %v", u, err)
	}
	if g, err := p.GIDs(); err != nil || g != (IDsStat{1000, 1001, 1002}) {
		t.Errorf("GIDs = %+v, %v", g, err)
	}
	if n, err := p.NumThreads(); err != nil || n != 3 {
		t.Errorf("NumThreads = %d, %v", n, err)
	}
	if c, err := p.NumCtxSwitches(); err != nil || c != (NumCtxSwitchesStat{42, 7}) {
		t.Errorf("NumCtxSwitches = %+v, %v", c, err)
	}
	const pg = 4096
	wantMem := MemoryInfoStat{RSS: 1000 * pg, VMS: 4000 * pg, Shared: 750 * pg, Text: 25 * pg, Data: 783 * pg}
	if m, err := p.MemoryInfo(); err != nil || m != wantMem {
		t.Errorf("MemoryInfo (statm) = %+v, %v; want %+v", m, err, wantMem)
	}
	cmd, err := p.Cmdline()
	if err != nil || len(cmd) != 3001 || cmd[0] != "/usr/bin/hostile\xfe\xffname" || cmd[3000] != "--arg02999="+string(make([]byte, 0))+"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" {
		t.Errorf("Cmdline: %d args, first %q, %v", len(cmd), cmd[:1], err)
	}
	env, err := p.Environ()
	wantEnv := map[string]string{"HOME": "/home/\xff\xfeuser", "EMPTY": "", "LANG": "C.UTF-8"}
	if err != nil || !reflect.DeepEqual(env, wantEnv) {
		t.Errorf("Environ = %q, %v; want %q", env, err, wantEnv)
	}
	if e, err := p.Exe(); err != nil || e != "/usr/bin/hostile\xfe\xff" {
		t.Errorf("Exe = %q, %v", e, err)
	}
	if c, err := p.Cwd(); err != nil || c != "/home/\xff" {
		t.Errorf("Cwd = %q, %v", c, err)
	}
	io, err := p.IOCounters()
	if err != nil || io != (ProcessIOCountersStat{ReadCount: 3, WriteCount: 4, ReadBytes: 4096, WriteBytes: 8192, ReadChars: 100, WriteChars: 200}) {
		t.Errorf("IOCounters = %+v, %v", io, err)
	}
	full, err := p.MemoryFullInfo()
	if err != nil || full.USS != 1210*1024 || full.PSS != 1500*1024 || full.Swap != 64*1024 || full.MemoryInfoStat != wantMem {
		t.Errorf("MemoryFullInfo = %+v, %v", full, err)
	}
	maps, err := p.MemoryMaps(true)
	var paths []string
	for _, m := range maps {
		paths = append(paths, m.Path)
	}
	if err != nil || !reflect.DeepEqual(paths, []string{"/usr/bin/hostile name", "[heap]", "[anon]", "/tmp/gone"}) || maps[0].RSS != 12*1024 {
		t.Errorf("MemoryMaps(grouped) paths %q, %+v, %v", paths, maps, err)
	}
	flat, err := p.MemoryMaps(false)
	if err != nil || len(flat) != 5 || flat[1].Addr != "00600000-00601000" || flat[1].Perms != "rw-p" || flat[1].Path != "/usr/bin/hostile name" {
		t.Errorf("MemoryMaps(flat) = %+v, %v", flat, err)
	}
	th, err := p.Threads()
	if err != nil || len(th) != 2 {
		t.Errorf("Threads = %+v, %v", th, err)
	}
	files, err := p.OpenFiles()
	wantFiles := []OpenFileStat{{Path: openPath, FD: 3, Position: 5, Mode: "a+", Flags: 0o102002}}
	if err != nil || !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("OpenFiles = %+v, %v; want %+v", files, err, wantFiles)
	}
	if _, err := p.Terminal(); err != nil {
		t.Errorf("Terminal: %v", err)
	}

	// The scan path derives memory_info from status instead of statm: it
	// must give the same numbers.
	for q, err := range Processes("memory_info", "username", "name") {
		if err != nil {
			t.Fatal(err)
		}
		if q.PID() != 100 {
			continue
		}
		if m, err := q.MemoryInfo(); err != nil || m != wantMem {
			t.Errorf("prefetched MemoryInfo (status) = %+v, %v; want %+v", m, err, wantMem)
		}
		if n, _ := q.Name(); n != comm {
			t.Errorf("prefetched Name = %q", n)
		}
	}

	// The USS scan batches smaps_rollup with statm.
	for q, err := range Processes("memory_full_info") {
		if err != nil {
			t.Fatal(err)
		}
		if q.PID() != 100 {
			continue
		}
		if m, err := q.MemoryFullInfo(); err != nil || m != full {
			t.Errorf("prefetched MemoryFullInfo = %+v, %v; want %+v", m, err, full)
		}
	}

	// Zombie: stat says Z, the rest is gone.
	z := mustProc(t, 200)
	if st, err := z.Status(); err != nil || st != StatusZombie {
		t.Errorf("zombie Status = %q, %v", st, err)
	}
	for name, f := range map[string]func() error{
		"Cmdline":    func() error { _, err := z.Cmdline(); return err },
		"Exe":        func() error { _, err := z.Exe(); return err },
		"Cwd":        func() error { _, err := z.Cwd(); return err },
		"MemoryMaps": func() error { _, err := z.MemoryMaps(true); return err },
	} {
		if err := f(); !errors.Is(err, ErrZombieProcess) {
			t.Errorf("zombie %s err = %v, want ErrZombieProcess", name, err)
		}
	}

	// Kernel thread: no exe, empty cmdline, no maps.
	k := mustProc(t, 300)
	if e, err := k.Exe(); err != nil || e != "" {
		t.Errorf("kthread Exe = %q, %v", e, err)
	}
	if c, err := k.Cmdline(); err != nil || len(c) != 0 {
		t.Errorf("kthread Cmdline = %q, %v", c, err)
	}
	if n, err := k.Name(); err != nil || n != "kworker/0:1-events_unbound" {
		t.Errorf("kthread Name = %q, %v", n, err)
	}
	if m, err := k.MemoryMaps(true); err != nil || len(m) != 0 {
		t.Errorf("kthread MemoryMaps = %v, %v", m, err)
	}
	if m, err := k.MemoryFullInfo(); err != nil || m != (MemoryFullInfoStat{}) {
		t.Errorf("kthread MemoryFullInfo = %+v, %v", m, err)
	}
	if st, err := k.Status(); err != nil || st != StatusIdle {
		t.Errorf("kthread Status = %q, %v", st, err)
	}

	// setproctitle-style cmdline and 15-byte names extended from argv[0].
	s := mustProc(t, 400)
	if c, err := s.Cmdline(); err != nil || !reflect.DeepEqual(c, []string{"/opt/averyveryverylongname", "--flag", "value"}) {
		t.Errorf("space-separated Cmdline = %q, %v", c, err)
	}
	if n, err := s.Name(); err != nil || n != "averyveryverylongname" {
		t.Errorf("extended Name = %q, %v", n, err)
	}
	if e, err := s.Exe(); err != nil || e != "/opt/averyveryverylongname" {
		t.Errorf("Exe with (deleted) = %q, %v", e, err)
	}
	if n, err := mustProc(t, 401).Name(); err != nil || n != "averyveryverylongname" {
		t.Errorf("extended Name = %q, %v", n, err)
	}

	// A pid that is not in the tree.
	if _, err := NewProcess(999); !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("NewProcess(999) err = %v", err)
	}
	gone := &Process{pid: 999, valid: true}
	for name, f := range procGetters {
		if name == "SendSignal0" || name == "WaitPoll" || name == "Rlimit" || name == "Nice" ||
			name == "IONice" || name == "CPUAffinity" || name == "Children" {
			continue // these ask the live kernel, not the fixture
		}
		if err := f(gone); !errors.Is(err, ErrNoSuchProcess) && name != "Parent" && name != "Parents" {
			t.Errorf("gone pid %s err = %v, want ErrNoSuchProcess", name, err)
		}
	}
}
