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

// ScanTop reads stat and status of every process once and returns how
// many processes it read.
func ScanTop() int {
	var s C.floor_top_t
	return int(C.floor_scan_top(&s))
}

// ScanUSS reads smaps_rollup of every process once and returns how many
// it read.
func ScanUSS() int {
	var s C.floor_uss_t
	return int(C.floor_scan_uss(&s))
}
