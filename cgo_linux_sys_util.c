//go:build linux

#include "csrc/linux_sys_util.c"
