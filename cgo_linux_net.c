//go:build linux

#include "csrc/linux_net.c"
