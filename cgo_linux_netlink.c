//go:build linux

#include "csrc/linux_netlink.c"
