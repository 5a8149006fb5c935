// Command vmgopsutil prints virtual_memory once with gopsutil (W5).
package main

import (
	"fmt"
	"os"

	"github.com/shirou/gopsutil/v4/mem"
)

func main() {
	m, err := mem.VirtualMemory()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("total=%d available=%d percent=%.1f used=%d free=%d\n",
		m.Total, m.Available, m.UsedPercent, m.Used, m.Free)
}
