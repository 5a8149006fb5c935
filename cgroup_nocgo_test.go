//go:build !linux || !cgo

package psutil

import (
	"errors"
	"testing"
)

func TestCgroupNoCgo(t *testing.T) {
	if _, err := CgroupOf(1); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("CgroupOf = %v", err)
	}
	if _, err := CgroupStats(1); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("CgroupStats = %v", err)
	}
	if _, err := EffectiveCPUCount(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("EffectiveCPUCount = %v", err)
	}
	if _, err := ContainerVirtualMemory(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("ContainerVirtualMemory = %v", err)
	}
	if _, err := Pressure(); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("Pressure = %v", err)
	}
	if _, err := netConnectionsNetlink(-1, ConnAll); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("netConnectionsNetlink = %v", err)
	}
}
