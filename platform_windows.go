package psutil

// The Windows side of the platform contract: thin cgo wrappers over
// csrc/windows*.c (see also platform_windows_*.go). This file holds the
// package's only Windows link flags.

/*
#cgo windows LDFLAGS: -ladvapi32 -lpsapi -liphlpapi -lpdh -lws2_32 -lntdll -lpowrprof -lwtsapi32 -lsecur32
#include <stdlib.h>
#include "psu.h"
*/
import "C"
