//go:build psutil_vendor

// Package csrc is a placeholder that is never built. It exists so that
// `go mod vendor` copies the C sources, which cgo reaches through the
// cgo_*.c shims in the parent package (golang/go#26366).
package csrc
