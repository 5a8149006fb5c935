//go:build windows

#include "csrc/windows_services.c"
