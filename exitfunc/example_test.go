package exitfunc_test

import (
	"fmt"
	"os"
	"syscall"

	"github.com/psutil-go/psutil/exitfunc"
)

func run() int {
	fmt.Println("working")
	return 0
}

// A program that removes its pid file however it ends: by returning from
// run, by exitfunc.Exit, or by SIGTERM/SIGINT.
func Example() {
	pidfile := "/tmp/example.pid"
	_ = os.WriteFile(pidfile, []byte(fmt.Sprint(os.Getpid())), 0o644)
	if err := exitfunc.Register(func() { os.Remove(pidfile) }, syscall.SIGTERM, os.Interrupt); err != nil {
		panic(err)
	}
	exitfunc.Main(run) // exits with run's result
}
