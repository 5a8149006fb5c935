/* darwin-internal.h: helpers shared by the macOS sources (darwin*.c) and
 * the portable macOS parsers (posix_darwin_parse.c). Not installed.
 *
 * The first part is portable: it compiles on every Unix so that Linux
 * tests (csrc/test/test-posix-darwin-parse.c) cover the pure logic. The
 * second part is macOS-only. */
#ifndef PSU_DARWIN_INTERNAL_H
#define PSU_DARWIN_INTERNAL_H

#include "psu-internal.h"

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ portable */

/* The numeric values of macOS <sys/proc.h> and <netinet/tcp_fsm.h> that the
 * parsers need; darwin_*.c checks them against the real headers with
 * _Static_assert, so the parsers can be tested on Linux. */
#define PSU__DARWIN_SIDL 1
#define PSU__DARWIN_SRUN 2
#define PSU__DARWIN_SSLEEP 3
#define PSU__DARWIN_SSTOP 4
#define PSU__DARWIN_SZOMB 5
#define PSU__DARWIN_P_PPWAIT 0x00000010
#define PSU__DARWIN_P_SYSTEM 0x00000200
#define PSU__DARWIN_P_WEXIT 0x00002000
#define PSU__DARWIN_EPROC_SLEADER 0x00000002
#define PSU__DARWIN_TCPS_CLOSED 0
#define PSU__DARWIN_TCPS_TIME_WAIT 10
#define PSU__DARWIN_IFM_FDX 0x00100000
#define PSU__DARWIN_IFM_HDX 0x00200000

/* The layout of a sysctl(KERN_PROCARGS2) buffer, as offsets into it:
 *   int argc | exec path NUL | NUL padding | argv[0] NUL ... argv[argc-1] NUL
 *   | env[0] NUL ... env[n-1] NUL | NUL | more (apple strings)
 * argv_len and env_len count the bytes of the NUL-terminated strings, so
 * buf[argv_off .. argv_off+argv_len) is a Linux-style cmdline block. An
 * argument that is cut off by the end of the buffer is dropped. */
typedef struct psu__procargs_s {
  size_t exe_off, exe_len; /* exec path (exe_len excludes the NUL) */
  size_t argv_off, argv_len, argc;
  size_t env_off, env_len, envc;
} psu__procargs_t;

/* Parse a KERN_PROCARGS2 buffer. PSU_EPARSE if it is shorter than the
 * leading int; a buffer holding only the exec path gives argc = envc = 0. */
int psu__darwin_parse_procargs(const char *buf, size_t len,
                               psu__procargs_t *out);

/* psutil's process status for a kinfo_proc: p_stat, p_flag and the eproc
 * e_flag. macOS' p_stat says SRUN for most idle processes, so psutil
 * derives idle/sleeping from the flags. Returns a static string ("running",
 * "sleeping", "idle", "stopped", "zombie" or "?"). */
const char *psu__darwin_status(int p_stat, int p_flag, int e_flag);

/* A macOS TCPS_* state as the Linux TCP_* number of psu_conn_t.status
 * (1 = ESTABLISHED .. 11 = CLOSING; 0 = NONE when unknown). */
int psu__darwin_tcp_state(int state);

/* The Linux-style state letter of psu_proc_info_t.state for a
 * psu__darwin_status name: R S T Z I, or '?'. */
char psu__darwin_state_letter(const char *status);

/* NIC speed in Mbit/s (0 = unknown) and PSU_NIC_DUPLEX_* of an
 * ifmediareq.ifm_active word (SIOCGIFMEDIA), with psutil's table. */
int psu__darwin_media_speed(int active);
int psu__darwin_media_duplex(int active);

/* ------------------------------------------------------------ macOS */
#if defined(__APPLE__)
#include <sys/types.h>
#include <sys/sysctl.h>

/* sysctl / sysctlbyname into a fixed buffer. A short read is PSU_EPARSE. */
int psu__darwin_sysctl(int *mib, unsigned n, void *buf, size_t len,
                       const char *name, psu_err_t *err);
int psu__darwin_sysctlbyname(const char *name, void *buf, size_t len,
                             psu_err_t *err);
/* sysctl into a psu__malloc'd buffer that grows while the data does. */
int psu__darwin_sysctl_malloc(int *mib, unsigned n, char **out, size_t *len,
                              const char *name, psu_err_t *err);

/* kinfo_proc of pid: PSU_ENOSUCHPROC when sysctl returns no data. */
int psu__darwin_kinfo(int64_t pid, struct kinfo_proc *kp, psu_err_t *err);

/* Classify a failed per-process call as psutil does (raise_for_pid):
 * ESRCH → no such process, EPERM/EACCES → access denied; without a
 * telling errno, a vanished pid → no such process, a zombie → PSU_EZOMBIE.
 * sys is the saved errno (0 if the call did not set one). */
int psu__darwin_proc_err(int64_t pid, int sys, const char *where,
                         psu_err_t *err);

/* 1 if pid is a zombie (kinfo p_stat == SZOMB), 0 otherwise or unknown. */
int psu__darwin_is_zombie(int64_t pid);

/* hw.tbfrequency (Mach absolute-time ticks per second; right under
 * Rosetta 2 too, unlike mach_timebase_info). Cached behind pthread_once.
 * 0 on failure. */
uint64_t psu__darwin_tbfreq(void);

/* The space used on the volume of path (getattrlist ATTR_VOL_SPACEUSED),
 * which psutil prefers to statvfs' total - free (APFS volumes share their
 * container's free space). */
int psu__darwin_disk_space_used(const char *path, uint64_t *used,
                                psu_err_t *err);

/* --- processes (darwin_proc.c) */

/* The controlling terminal of a psu_proc_info_t.tty_nr on macOS:
 * "/dev/ttys001", or "" when there is none. */
int psu__darwin_terminal(uint64_t tty_nr, char *out, size_t cap,
                         psu_err_t *err);
#endif /* __APPLE__ */

#endif /* PSU_DARWIN_INTERNAL_H */
