//go:build freebsd

#include "csrc/freebsd_sys.c"
