//go:build linux && cgo

package psutil

import (
	"errors"
	"os"
	"os/exec"
	"testing"
)

func TestProcessMemoryFootprint(t *testing.T) {
	p, err := NewProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	full, err := p.MemoryFullInfo()
	if err != nil {
		t.Fatal(err)
	}
	fp, err := p.MemoryFootprint()
	if err != nil {
		t.Fatal(err)
	}
	if fp.USS == 0 || fp.PSS == 0 {
		t.Fatalf("MemoryFootprint of self = %+v, want non-zero USS and PSS", fp)
	}
	if fp.USS > full.RSS+(4<<20) {
		t.Errorf("USS %d above RSS %d", fp.USS, full.RSS)
	}
	// Both read smaps_rollup; the heap moves a little between the calls.
	const slack = 8 << 20
	if d := int64(fp.USS) - int64(full.USS); d > slack || d < -slack {
		t.Errorf("MemoryFootprint USS %d vs MemoryFullInfo USS %d", fp.USS, full.USS)
	}
	// Inside a prefetch of memory_full_info the values are the prefetched ones.
	for q, err := range Processes("memory_full_info") {
		if err != nil || q.PID() != os.Getpid() {
			continue
		}
		a, err1 := q.MemoryFullInfo()
		b, err2 := q.MemoryFootprint()
		if err1 != nil || err2 != nil || a.USS != b.USS || a.PSS != b.PSS || a.Swap != b.Swap {
			t.Errorf("prefetched footprint %+v (%v) != full info %+v (%v)", b, err2, a, err1)
		}
	}
	// Gone and invalid processes.
	var nilp *Process
	if _, err := nilp.MemoryFootprint(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil Process: %v", err)
	}
	gone := &Process{pid: reapedChildPID(t), valid: true}
	if _, err := gone.MemoryFootprint(); !errors.Is(err, ErrNoSuchProcess) {
		t.Errorf("reaped pid: %v", err)
	}
}

func reapedChildPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("/bin/true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}
