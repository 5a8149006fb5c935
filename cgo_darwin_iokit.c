//go:build darwin && psutil_iokit

// The IOKit build of csrc/darwin_iokit.c (see the comment there).
#include "csrc/darwin_iokit.c"
