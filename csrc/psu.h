/* psu.h: the public C API of psutil-go's core library (libpsu).
 *
 * Conventions (see README.md, "C library"):
 *  - Every function returns 0 (PSU_OK) or a negative PSU_E* code. When err is
 *    not NULL it is filled with the same code, the OS error (errno, Win32 code
 *    or NTSTATUS) and the name of the call that failed.
 *  - Fixed-size results go in caller-allocated structs. Variable-size results
 *    are one allocation returned through an out pointer and freed with
 *    psu_free().
 *  - No function keeps hidden mutable state without a lock; the procfs/sysfs
 *    roots live in a locked config (psu_set_procfs_path).
 */
#ifndef PSU_H
#define PSU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(PSU_SHARED_BUILD)
#define PSU_EXTERN __declspec(dllexport)
#elif defined(_WIN32) && defined(PSU_SHARED_USE)
#define PSU_EXTERN __declspec(dllimport)
#elif defined(__GNUC__) || defined(__clang__)
#define PSU_EXTERN __attribute__((visibility("default")))
#else
#define PSU_EXTERN
#endif

#define PSU_VERSION_MAJOR 0
#define PSU_VERSION_MINOR 1
#define PSU_VERSION_PATCH 0
#define PSU_VERSION_HEX                                                    \
  ((PSU_VERSION_MAJOR << 16) | (PSU_VERSION_MINOR << 8) | PSU_VERSION_PATCH)

/* Error categories. The Go side maps each one to a sentinel error. */
#define PSU_ERR_MAP(XX)                                                    \
  XX(OK, 0, "success")                                                     \
  XX(ENOSUCHPROC, -1, "no such process")                                   \
  XX(EZOMBIE, -2, "zombie process")                                        \
  XX(EACCESS, -3, "access denied")                                         \
  XX(ENOTSUP, -4, "not implemented on this platform")                      \
  XX(ENOMEM, -5, "out of memory")                                          \
  XX(EINVAL, -6, "invalid argument")                                       \
  XX(EPARSE, -7, "unexpected data format")                                 \
  XX(ESYS, -8, "system call failed")                                       \
  XX(ETIMEOUT, -9, "timeout expired")                                      \
  XX(ENOTFOUND, -10, "not found")

typedef enum {
#define PSU__XX(name, val, msg) PSU_##name = val,
  PSU_ERR_MAP(PSU__XX)
#undef PSU__XX
  PSU__ERR_MIN = -10
} psu_code_t;

/* Caller-allocated error record. There is no thread-local "last error":
 * cgo calls may hop OS threads between two calls. */
typedef struct psu_err_s {
  int code;        /* a PSU_E* code, equal to the function's return value */
  int64_t sys;     /* errno, Win32 error or NTSTATUS; 0 if none */
  char where[128]; /* the failing call, e.g. "open(/proc/1/stat)" */
} psu_err_t;

PSU_EXTERN const char *psu_err_name(int code);
PSU_EXTERN const char *psu_strerror(int code);

/* psu_version returns PSU_VERSION_HEX of the compiled library. */
PSU_EXTERN int psu_version(void);

/* psu_free releases any block that a psu_* function returned. NULL is ok. */
PSU_EXTERN void psu_free(void *p);

/* Number of blocks allocated by the library and not yet freed. Leak tests
 * compare it before and after many calls. */
PSU_EXTERN int64_t psu_debug_heap_blocks(void);

/* Roots of the proc and sys filesystems (Linux; psutil's PROCFS_PATH).
 * Defaults are "/proc" and "/sys". The setting is process-wide and guarded
 * by a lock; each call copies the root once at its start. Paths longer than
 * PSU_ROOT_MAX-1 bytes give PSU_EINVAL. */
#define PSU_ROOT_MAX 1024
PSU_EXTERN int psu_set_procfs_path(const char *path, psu_err_t *err);
PSU_EXTERN int psu_set_sysfs_path(const char *path, psu_err_t *err);
/* Copy the current roots into buf (at least PSU_ROOT_MAX bytes). */
PSU_EXTERN void psu_get_procfs_path(char *buf, size_t len);
PSU_EXTERN void psu_get_sysfs_path(char *buf, size_t len);

#ifdef __cplusplus
}
#endif

/* Topic headers. Each one only declares; all of them use the rules above. */
#include "psu_sys.h"     /* system-wide: cpu, memory, disks, net, sensors */
#include "psu_proc.h"    /* processes */
#include "psu_cgroup.h"  /* Linux cgroups, PSI, netlink sockets */
#include "psu_win.h"     /* Windows-only: services */
#include "psu_exit.h"    /* always-run exit functions for C tools */

#endif /* PSU_H */
