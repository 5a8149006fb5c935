//go:build darwin && !psutil_iokit

// Without the psutil_iokit tag: csrc/darwin_iokit.c without IOKit, whose
// functions return PSU_ENOTSUP (see the comment there).
#define PSU_NO_IOKIT 1
#include "csrc/darwin_iokit.c"
