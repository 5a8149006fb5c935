//go:build windows

#include "csrc/windows_proc.c"
