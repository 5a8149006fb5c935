//go:build linux || darwin || freebsd || openbsd || netbsd

#include "csrc/posix_sys.c"
