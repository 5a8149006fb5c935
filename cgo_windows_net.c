//go:build windows

#include "csrc/windows_net.c"
