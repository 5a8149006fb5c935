/* psu-internal.h: helpers shared by the C sources. Not installed. */
#ifndef PSU_INTERNAL_H
#define PSU_INTERNAL_H

#if !defined(_WIN32) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "psu.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PSU__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__) || defined(__clang__)
#define PSU__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PSU__PRINTF(f, a)
#endif

/* All allocation goes through these, so leak tests can count blocks. */
void *psu__malloc(size_t n);
void *psu__calloc(size_t n, size_t size);
void *psu__realloc(void *p, size_t n);
void psu__free(void *p);

/* Fill err (if not NULL) and return code. where is printf-style. */
int psu__set_err(psu_err_t *err, int code, int64_t sys, const char *fmt, ...)
    PSU__PRINTF(4, 5);

/* Copy the configured roots (see psu_set_procfs_path) into buf, which must
 * hold PSU_ROOT_MAX bytes. Takes the config lock briefly. */
void psu__procfs_root(char *buf);
void psu__sysfs_root(char *buf);

/* Bounded string helpers. Always NUL-terminate when cap > 0; return the
 * length of src (like strlcpy), so truncation is detectable. */
size_t psu__strlcpy(char *dst, const char *src, size_t cap);
/* snprintf that never returns a negative and reports truncation as -1. */
int psu__path(char *dst, size_t cap, const char *fmt, ...) PSU__PRINTF(3, 4);

#ifndef _WIN32
#include <sys/types.h>
/* Read a whole file into a malloc'd buffer (NUL-terminated; *len excludes
 * the NUL). Uses raw open/read/close and grows the buffer, because /proc
 * sizes lie. limit caps the size (0 = 64 MiB). On failure returns -1 with
 * errno set and *out untouched. */
int psu__read_file(const char *path, char **out, size_t *len, size_t limit);
/* Read up to cap-1 bytes of a file into a caller buffer, NUL-terminated.
 * Returns the byte count or -1 with errno set. A file larger than the
 * buffer gives -1 with errno = EFBIG. */
ssize_t psu__read_small(const char *path, char *buf, size_t cap);
/* Like psu__read_small, for single-record pseudo-files only (procfs files
 * made with single_open, such as /proc/PID/stat, status, statm, io,
 * smaps_rollup, fdinfo; sysfs attributes): it stops after a short read.
 * Never use it for multi-record files (maps, net/tcp, mounts), where the
 * kernel may return a short read before the end. */
ssize_t psu__read_record(const char *path, char *buf, size_t cap);
#endif

#endif /* PSU_INTERNAL_H */
