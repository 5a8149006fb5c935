//go:build netbsd

#include "csrc/netbsd_sys.c"
