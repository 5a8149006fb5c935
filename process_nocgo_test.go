//go:build !cgo

package psutil

import (
	"errors"
	"testing"
)

func TestProcessNoCgo(t *testing.T) {
	if _, err := Pids(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("Pids err = %v", err)
	}
	p, err := NewProcess(1)
	if err == nil {
		t.Fatalf("NewProcess(1) = %v without cgo", p)
	}
	var pe *ProcessError
	if !errors.As(err, &pe) || !errors.Is(err, ErrNotImplemented) {
		t.Errorf("NewProcess err = %v", err)
	}
	if _, err := NetConnections(ConnAll); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("NetConnections err = %v", err)
	}
	for _, err := range Processes() {
		if !errors.Is(err, ErrNotImplemented) {
			t.Errorf("Processes err = %v", err)
		}
	}
	q := &Process{pid: 1, valid: true}
	for name, f := range map[string]func() error{
		"Name":  func() error { _, err := q.Name(); return err },
		"Kill":  func() error { return q.Kill() },
		"Exe":   func() error { _, err := q.Exe(); return err },
		"Maps":  func() error { _, err := q.MemoryMaps(true); return err },
		"Nice":  func() error { _, err := q.Nice(); return err },
		"Files": func() error { _, err := q.OpenFiles(); return err },
	} {
		err := f()
		if !errors.As(err, &pe) || !errors.Is(err, ErrNotImplemented) {
			t.Errorf("%s err = %v", name, err)
		}
	}
}
