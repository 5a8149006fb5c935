//go:build freebsd

#include "csrc/freebsd_proc.c"
