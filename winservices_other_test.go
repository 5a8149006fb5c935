//go:build !windows || !cgo

package psutil

import (
	"errors"
	"testing"
)

func TestWinServicesNoCgoOrNotWindows(t *testing.T) {
	n := 0
	for s, err := range WinServiceIter() {
		n++
		if s != nil || !errors.Is(err, ErrNotImplemented) {
			t.Errorf("WinServiceIter yielded %v, %v; want ErrNotImplemented", s, err)
		}
	}
	if n != 1 {
		t.Errorf("WinServiceIter yielded %d times, want 1 (the error)", n)
	}
	if _, err := WinServices(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("WinServices: %v", err)
	}
	if _, err := WinServiceGet("RpcSs"); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("WinServiceGet: %v", err)
	}
	s := &WindowsService{name: "RpcSs"}
	if _, err := s.AsDict(); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("AsDict: %v", err)
	}
}

func TestNumHandlesNoCgoOrNotWindows(t *testing.T) {
	if _, err := procNumHandles(1); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("num_handles: %v", err)
	}
}
