//go:build linux && cgo

// Package cfloor is the C "floor" the process benchmarks compare with: a
// minimal hand-written scan of /proc/PID/stat + status (with a cached
// getpwuid) and of /proc/PID/smaps_rollup, in one cgo call per scan.
// It is for benchmarks only.
package cfloor

/*
#cgo CFLAGS: -O2
#include "floor.h"
*/
import "C"

// ScanTop lists /proc and reads stat and status of every process once;
// it returns how many pids it visited.
func ScanTop() int {
	var s C.floor_top_t
	return int(C.floor_scan_top(&s))
}

// ScanUSS lists /proc and reads smaps_rollup of every process once; it
// returns how many pids it visited.
func ScanUSS() int {
	var s C.floor_uss_t
	return int(C.floor_scan_uss(&s))
}
