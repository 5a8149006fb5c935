//go:build windows

#include "csrc/windows_util.c"
