//go:build unix

#include "csrc/posix_exitfunc.c"
