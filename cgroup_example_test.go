package psutil_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/psutil-go/psutil"
)

// Size a worker pool and a cache from what the container really allows.
func ExampleEffectiveCPUCount() {
	n, err := psutil.EffectiveCPUCount()
	if err != nil {
		n = 1 // not Linux, or no cgo
	}
	mem, err := psutil.ContainerVirtualMemory()
	if err == nil && mem.Limited {
		fmt.Printf("%d workers, %d MiB available under the cgroup limit\n", n, mem.Available>>20)
	}
}

func ExampleCgroupStats() {
	st, err := psutil.CgroupStats(os.Getpid())
	if errors.Is(err, psutil.ErrNotImplemented) {
		return // not Linux
	}
	if err != nil {
		panic(err)
	}
	if m := st.Memory; m != nil && m.Max != psutil.CgroupUnlimited {
		fmt.Printf("memory %d of %d bytes, %d OOM kills\n", m.Current, m.Max, m.OOMKill)
	}
	if c := st.CPU; c != nil && c.Limit > 0 {
		fmt.Printf("cpu quota %.2f CPUs, throttled %d times\n", c.Limit, c.NrThrottled)
	}
}

func ExamplePressure() {
	p, err := psutil.Pressure()
	if err != nil {
		return // no PSI on this kernel
	}
	if p.Memory != nil && p.Memory.Some.Avg10 > 10 {
		fmt.Println("memory pressure: shed load")
	}
}
