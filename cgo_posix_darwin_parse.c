//go:build darwin

#include "csrc/posix_darwin_parse.c"
