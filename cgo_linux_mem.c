//go:build linux

#include "csrc/linux_mem.c"
