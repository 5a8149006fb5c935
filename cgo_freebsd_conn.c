//go:build freebsd

#include "csrc/freebsd_conn.c"
