//go:build windows

#include "csrc/windows_sys.c"
