//go:build linux

#include "csrc/linux_cgroup.c"
