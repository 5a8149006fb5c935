//go:build linux

#include "csrc/linux_cpu.c"
