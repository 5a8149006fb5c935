// Package cfloor is the C baseline of the process-scan benchmarks (Linux
// with cgo only; elsewhere it is empty).
package cfloor
