//go:build linux

#include "csrc/linux_disk.c"
