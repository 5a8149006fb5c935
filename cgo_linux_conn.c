//go:build linux

#include "csrc/linux_conn.c"
