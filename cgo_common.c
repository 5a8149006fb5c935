// cgo shim: compiles csrc/common.c as its own translation unit, exactly as
// the CMake build does.
#include "csrc/common.c"
