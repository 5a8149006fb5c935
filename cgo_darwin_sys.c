//go:build darwin

#include "csrc/darwin_sys.c"
