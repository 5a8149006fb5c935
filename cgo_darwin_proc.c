//go:build darwin

#include "csrc/darwin_proc.c"
