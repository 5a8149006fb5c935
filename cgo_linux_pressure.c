//go:build linux

#include "csrc/linux_pressure.c"
