//go:build !(linux || darwin || freebsd || openbsd || netbsd)

package main

import "os"

// terminal is not supported here: top runs in batch mode.
type terminal struct{}

func openTerminal(in, out *os.File) *terminal { return nil }
func (t *terminal) makeRaw() func()           { return func() {} }
func (t *terminal) size() (int, int)          { return 0, 0 }
