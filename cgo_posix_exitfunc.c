//go:build unix

// cgo shim: compiles csrc/posix_exitfunc.c as its own translation unit,
// exactly as the CMake build does.
#include "csrc/posix_exitfunc.c"
