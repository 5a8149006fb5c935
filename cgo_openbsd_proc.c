//go:build openbsd

#include "csrc/openbsd_proc.c"
