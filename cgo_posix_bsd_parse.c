//go:build freebsd || openbsd || netbsd

#include "csrc/posix_bsd_parse.c"
