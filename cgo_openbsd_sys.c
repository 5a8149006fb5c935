//go:build openbsd

#include "csrc/openbsd_sys.c"
