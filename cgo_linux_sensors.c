//go:build linux

#include "csrc/linux_sensors.c"
