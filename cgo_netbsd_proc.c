//go:build netbsd

#include "csrc/netbsd_proc.c"
