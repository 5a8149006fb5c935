//go:build !unix

package main

import "syscall"

var signalNames = map[string]syscall.Signal{
	"INT": syscall.SIGINT, "KILL": syscall.SIGKILL, "TERM": syscall.SIGTERM,
}
