// Command vmours prints virtual_memory once with this library (W5).
package main

import (
	"fmt"
	"os"

	"github.com/psutil-go/psutil"
)

func main() {
	m, err := psutil.VirtualMemory()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("total=%d available=%d percent=%.1f used=%d free=%d\n",
		m.Total, m.Available, m.Percent, m.Used, m.Free)
}
