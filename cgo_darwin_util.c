//go:build darwin

#include "csrc/darwin_util.c"
