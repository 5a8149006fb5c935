//go:build darwin && cgo && psutil_iokit

package psutil

// With the psutil_iokit build tag, csrc/darwin_iokit.c is compiled against
// IOKit and CoreFoundation (DiskIOCounters, SensorsBattery and, on Apple
// Silicon, CPUFreq). Without the tag these return ErrNotImplemented, so
// that the package cross-compiles with a C compiler that has no macOS
// framework headers (CI uses zig).

/*
#cgo LDFLAGS: -framework IOKit -framework CoreFoundation
*/
import "C"
