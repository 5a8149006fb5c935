package psutil

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestErrorsSentinels(t *testing.T) {
	if !errors.Is(ErrZombieProcess, ErrNoSuchProcess) {
		t.Error("ErrZombieProcess must match ErrNoSuchProcess")
	}
	if errors.Is(ErrNoSuchProcess, ErrZombieProcess) {
		t.Error("ErrNoSuchProcess must not match ErrZombieProcess")
	}
	if !errors.Is(ErrAccessDenied, fs.ErrPermission) {
		t.Error("ErrAccessDenied must match fs.ErrPermission")
	}
	if !errors.Is(ErrNotImplemented, errors.ErrUnsupported) {
		t.Error("ErrNotImplemented must match errors.ErrUnsupported")
	}
	if !errors.Is(ErrNotFound, fs.ErrNotExist) {
		t.Error("ErrNotFound must match fs.ErrNotExist")
	}
}

func TestErrorsFromC(t *testing.T) {
	if makeErr(codeOK, 0, "") != nil {
		t.Fatal("codeOK must be nil")
	}
	err := makeErr(codeSys, int64(syscall.ENOENT), "open(/nope/stat)")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ESYS+ENOENT should match fs.ErrNotExist: %v", err)
	}
	if got, want := err.Error(), "psutil: open(/nope/stat): "+syscall.ENOENT.Error(); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	err = procErr("Process.Exe", 42, "sshd", makeErr(codeAccess, int64(syscall.EACCES), "readlink(/proc/42/exe)"))
	var pe *ProcessError
	if !errors.As(err, &pe) || pe.PID != 42 || pe.Op != "Process.Exe" {
		t.Fatalf("want *ProcessError, got %#v", err)
	}
	if !errors.Is(err, ErrAccessDenied) || !errors.Is(err, fs.ErrPermission) || !errors.Is(err, syscall.EACCES) {
		t.Errorf("AD error does not match its sentinels: %v", err)
	}
	want := "psutil: Process.Exe pid=42 (sshd): access denied: permission denied [readlink(/proc/42/exe): permission denied]"
	if err.Error() != want {
		t.Errorf("message\n got %q\nwant %q", err.Error(), want)
	}
	z := procErr("Process.Cmdline", 7, "", makeErr(codeZombie, 0, "cmdline"))
	if !errors.Is(z, ErrZombieProcess) || !errors.Is(z, ErrNoSuchProcess) {
		t.Errorf("zombie error: %v", z)
	}
	if errors.Is(z, ErrAccessDenied) {
		t.Error("zombie must not match AD")
	}
	if u := makeErr(-99, 0, "x"); u == nil || errors.Is(u, ErrNoSuchProcess) {
		t.Errorf("unknown code: %v", u)
	}
}

func TestErrorsProcfsRoot(t *testing.T) {
	old := ProcfsPath()
	t.Cleanup(func() { _ = SetProcfsPath(old) })
	if err := SetProcfsPath(""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty root: %v", err)
	}
	if err := SetProcfsPath("/tmp/fakeproc/"); err != nil {
		t.Fatal(err)
	}
	if got := ProcfsPath(); got != "/tmp/fakeproc" && got != "/tmp/fakeproc/" {
		t.Errorf("ProcfsPath() = %q", got)
	}
}
