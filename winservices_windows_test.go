package psutil

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// underWine reports whether the test runs under wine (ntdll exports
// wine_get_version). Wine-specific skips and checks use it; on real
// Windows those tests run in full.
func underWine() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// The 16 services of a fresh wine 8 prefix (SERVICE_WIN32 ones).
var wineServices = []string{
	"BITS", "Eventlog", "FontCache", "FontCache3.0.0.0", "LanmanServer",
	"MSIServer", "PlugPlay", "RpcSs", "Schedule", "Spooler", "StiSvc",
	"TermService", "Winedevice1", "Winedevice2", "Winmgmt", "wuauserv",
}

var (
	validStartTypes = []ServiceStartType{ServiceStartAutomatic, ServiceStartManual,
		ServiceStartDisabled, ServiceStartUnknown}
	validStatuses = []ServiceStatus{ServiceRunning, ServicePaused, ServiceStartPending,
		ServicePausePending, ServiceContinuePending, ServiceStopPending, ServiceStopped}
)

// startService starts a service through advapi32 (psutil exposes no
// start); "already running" is fine.
func startService(t *testing.T, name string) {
	t.Helper()
	adv := syscall.NewLazyDLL("advapi32.dll")
	open := adv.NewProc("OpenSCManagerW")
	openSvc := adv.NewProc("OpenServiceW")
	start := adv.NewProc("StartServiceW")
	closeH := adv.NewProc("CloseServiceHandle")
	scm, _, err := open.Call(0, 0, 1) // SC_MANAGER_CONNECT
	if scm == 0 {
		t.Fatalf("OpenSCManagerW: %v", err)
	}
	defer closeH.Call(scm)
	n, _ := syscall.UTF16PtrFromString(name)
	svc, _, err := openSvc.Call(scm, uintptr(unsafe.Pointer(n)), 0x10) // SERVICE_START
	if svc == 0 {
		t.Fatalf("OpenServiceW(%s): %v", name, err)
	}
	defer closeH.Call(svc)
	if ok, _, err := start.Call(svc, 0, 0); ok == 0 && err != syscall.Errno(1056) { // ERROR_SERVICE_ALREADY_RUNNING
		t.Fatalf("StartServiceW(%s): %v", name, err)
	}
}

func lowerSorted(s []string) []string {
	s = slices.Clone(s)
	sort.Slice(s, func(i, j int) bool { return strings.ToLower(s[i]) < strings.ToLower(s[j]) })
	return s
}

func TestWinServiceIter(t *testing.T) {
	var names []string
	for s, err := range WinServiceIter() {
		if err != nil {
			t.Fatalf("WinServiceIter: %v", err)
		}
		if s.Name() == "" {
			t.Errorf("service with an empty name: %v", s)
		}
		names = append(names, s.Name())
	}
	if len(names) == 0 {
		t.Fatal("no services")
	}
	if underWine() {
		if got, want := lowerSorted(names), lowerSorted(wineServices); !slices.Equal(got, want) {
			t.Errorf("wine services:\n got %q\nwant %q", got, want)
		}
	}
	list, err := WinServices()
	if err != nil || len(list) != len(names) {
		t.Errorf("WinServices: %d services, %v; iter gave %d", len(list), err, len(names))
	}
	// Stopping early must not yield again.
	n := 0
	for range WinServiceIter() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break after the first service: %d yields", n)
	}
}

func TestWinServiceEveryProperty(t *testing.T) {
	list, err := WinServices()
	if err != nil {
		t.Fatal(err)
	}
	running, denied := 0, 0
	for _, s := range list {
		d, err := s.AsDict()
		if errors.Is(err, ErrAccessDenied) && !underWine() {
			denied++ // some services deny SERVICE_QUERY_CONFIG to non-admins
			continue
		}
		if err != nil {
			t.Errorf("%s: AsDict: %v", s.Name(), err)
			continue
		}
		if d.Name != s.Name() || d.DisplayName != s.DisplayName() {
			t.Errorf("%s: AsDict name/display %q/%q, service says %q/%q",
				s.Name(), d.Name, d.DisplayName, s.Name(), s.DisplayName())
		}
		if !slices.Contains(validStartTypes, d.StartType) {
			t.Errorf("%s: start type %q", s.Name(), d.StartType)
		}
		if !slices.Contains(validStatuses, d.Status) {
			t.Errorf("%s: status %q", s.Name(), d.Status)
		}
		if d.Status == ServiceStopped && d.PID != 0 {
			t.Errorf("%s: stopped with pid %d", s.Name(), d.PID)
		}
		if d.Status == ServiceRunning {
			running++
			if d.PID <= 0 {
				t.Errorf("%s: running with pid %d", s.Name(), d.PID)
			}
		}
		if d.BinPath == "" {
			t.Errorf("%s: empty binpath", s.Name())
		}
	}
	if running == 0 {
		t.Errorf("no running service (%d access denied)", denied)
	}
}

func TestWinServiceRpcSs(t *testing.T) {
	s, err := WinServiceGet("RpcSs")
	if err != nil {
		t.Fatalf("WinServiceGet(RpcSs): %v", err)
	}
	if s.Name() != "RpcSs" || s.DisplayName() == "" {
		t.Errorf("name %q, display name %q", s.Name(), s.DisplayName())
	}
	// Wine's RpcSs is demand-start: a fresh wine server may not have
	// started it yet, so start it (Windows always runs it).
	if underWine() {
		startService(t, "RpcSs")
	}
	st, err := s.Status()
	for i := 0; i < 100 && err == nil && st != ServiceRunning; i++ {
		time.Sleep(100 * time.Millisecond)
		st, err = s.Status()
	}
	if err != nil || st != ServiceRunning {
		t.Fatalf("RpcSs status %q, %v; want running", st, err)
	}
	pid, err := s.PID()
	if err != nil || pid <= 0 {
		t.Fatalf("RpcSs pid %d, %v", pid, err)
	}
	p, err := NewProcess(pid)
	if err != nil {
		t.Fatalf("RpcSs pid %d is not a live process: %v", pid, err)
	}
	name, err := p.Name()
	if err != nil {
		t.Fatalf("name of RpcSs pid %d: %v", pid, err)
	}
	// Wine runs RpcSs in rpcss.exe; Windows in an svchost.exe.
	want := "svchost.exe"
	if underWine() {
		want = "rpcss.exe"
	}
	if !strings.EqualFold(name, want) {
		t.Errorf("RpcSs runs in %q, want %q", name, want)
	}
	if exe, err := p.Exe(); err == nil && !strings.EqualFold(filepath.Base(exe), want) {
		t.Errorf("RpcSs exe %q", exe)
	}
	bin, err := s.BinPath()
	if err != nil || bin == "" {
		t.Errorf("binpath %q, %v", bin, err)
	}
	stype, err := s.StartType()
	if err != nil || !slices.Contains(validStartTypes, stype) {
		t.Errorf("start type %q, %v", stype, err)
	}
	if _, err := s.Username(); err != nil {
		t.Errorf("username: %v", err)
	}
	descr, err := s.Description()
	if err != nil || descr == "" {
		t.Errorf("description %q, %v", descr, err)
	}
	d, err := s.AsDict()
	if err != nil {
		t.Fatal(err)
	}
	if d.PID != pid || d.Status != ServiceRunning || d.Description != descr {
		t.Errorf("AsDict %+v disagrees with the getters", d)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want2 := []string{"binpath", "description", "display_name", "name", "pid", "start_type", "status", "username"}
	if !slices.Equal(keys, want2) {
		t.Errorf("as_dict keys %q, want psutil's %q", keys, want2)
	}
}

func TestWinServiceNullDescription(t *testing.T) {
	if !underWine() {
		t.Skip("the Winedevice services exist only under wine")
	}
	for _, name := range []string{"Winedevice1", "Winedevice2"} {
		s, err := WinServiceGet(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, err := s.Description()
		if err != nil || d != "" {
			t.Errorf("%s: description %q, %v; want \"\" (NULL lpDescription)", name, d, err)
		}
	}
}

func TestWinServiceNotFound(t *testing.T) {
	for _, name := range []string{"psutil-go-no-such-service", "", "bad\\name"} {
		_, err := WinServiceGet(name)
		if !errors.Is(err, ErrNotFound) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("WinServiceGet(%q) = %v; want ErrNotFound", name, err)
		}
	}
	var errno syscall.Errno
	_, err := WinServiceGet("psutil-go-no-such-service")
	if !errors.As(err, &errno) || errno != 1060 { // ERROR_SERVICE_DOES_NOT_EXIST
		t.Errorf("want ERROR_SERVICE_DOES_NOT_EXIST in %v", err)
	}
	s := &WindowsService{name: "psutil-go-no-such-service"}
	if _, err := s.Status(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Status of a missing service: %v", err)
	}
	if _, err := s.Description(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Description of a missing service: %v", err)
	}
	if _, err := s.AsDict(); !errors.Is(err, ErrNotFound) {
		t.Errorf("AsDict of a missing service: %v", err)
	}
	if _, err := WinServiceGet("a\x00b"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("NUL in name: %v", err)
	}
}
