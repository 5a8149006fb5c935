//go:build linux

#include "csrc/linux_proc.c"
