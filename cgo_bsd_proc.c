//go:build freebsd || openbsd || netbsd

#include "csrc/bsd_proc.c"
