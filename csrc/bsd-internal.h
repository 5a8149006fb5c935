/* bsd-internal.h: helpers shared by the FreeBSD, OpenBSD and NetBSD ports
 * (csrc/bsd*.c plus the per-OS files). Not installed. */
#ifndef PSU_BSD_INTERNAL_H
#define PSU_BSD_INTERNAL_H

#include "psu-internal.h"

#include <errno.h>
#include <sys/types.h>

/* sysctl into a fixed buffer. A short read is PSU_EPARSE unless
 * allow_short is set; *len receives the size read. */
int psu__bsd_sysctl(const int *mib, unsigned nmib, void *buf, size_t *len,
                    int allow_short, const char *where, psu_err_t *err);
/* sysctl into a malloc'd buffer (size asked first, retried while the data
 * grows). *out is freed with psu__free. */
int psu__bsd_sysctl_alloc(const int *mib, unsigned nmib, void **out,
                          size_t *len, const char *where, psu_err_t *err);
/* Map errno of a failed call about one process to a PSU code, as psutil
 * does: EPERM/EACCES -> access denied, ESRCH -> no such process, else
 * re-check the process: gone -> no such process, zombie -> zombie,
 * otherwise a system error. */
int psu__bsd_proc_fail(int64_t pid, int sys, const char *where,
                       psu_err_t *err);

/* The fields of kinfo_proc (kinfo_proc2 on NetBSD) that psutil uses,
 * normalized: sizes in bytes, times in seconds. */
typedef struct {
  int64_t pid, ppid;
  int stat;   /* raw ki_stat / p_stat */
  int zombie; /* zombie or dying */
  int system; /* kernel process (P_SYSTEM) */
  char comm[PSU_PROC_NAME_MAX];
  int64_t uid[3], gid[3];  /* real, effective, saved */
  uint64_t tdev;           /* 0 = no controlling terminal */
  int64_t start_sec, start_usec;
  double utime, stime, cutime, cstime;
  uint64_t nvcsw, nivcsw, inblock, oublock, minflt, majflt;
  int nice;
  uint64_t rss, vms, text, data, stack, peak_rss;
  int32_t cpunum;   /* -1 when unknown */
  int64_t nthreads; /* -1 when the kinfo record has no count (OpenBSD) */
} psu__bsd_kinfo_t;

/* The identity of a process (psu_proc_info_t.ident): its start time in
 * microseconds after boot, stable across clock changes (bsd_proc.c). */
uint64_t psu__bsd_kinfo_ident(const psu__bsd_kinfo_t *k);

/* Per-OS (freebsd_proc.c, openbsd_proc.c, netbsd_proc.c). */
int psu__bsd_kinfo(int64_t pid, psu__bsd_kinfo_t *out, psu_err_t *err);
/* Every process (no threads). Free *out with psu__free. */
int psu__bsd_kinfo_all(psu__bsd_kinfo_t **out, size_t *n, psu_err_t *err);
/* Number of threads of pid (OpenBSD, where kinfo has no count). */
int psu__bsd_num_threads(int64_t pid, int64_t *out, psu_err_t *err);

/* psu__free that keeps errno (retry loops test errno after freeing). */
static inline void
psu__bsd_free_errno(void *p) {
  int e = errno;
  psu__free(p);
  errno = e;
}

/* bsd_sys.c */
long psu__bsd_pagesize(void);
/* Array builder for (struct + string pool) results: n entries of size
 * elem, plus pool bytes. Returns the block (zeroed) or NULL. */
void *psu__bsd_alloc_pool(size_t n, size_t elem, size_t pool, char **poolp);
/* Copy s into the pool and return the copy. */
const char *psu__bsd_pool_put(char **pool, const char *s);

/* posix_bsd_parse.c (portable, tested on Linux). */
/* FreeBSD dev.cpu.N.freq_levels ("2400/45000 2000/30000 ..."): the first
 * level is the max, the last the min (MHz). -1 when not parseable. */
void psu__bsd_parse_freq_levels(const char *s, int *min, int *max);
/* Join the mount flags of the table whose bits are set in flags, after
 * "ro" or "rw", with commas into buf. */
typedef struct {
  uint64_t flag;
  const char *name;
} psu__bsd_flag_name_t;
void psu__bsd_flags_str(uint64_t flags, uint64_t rdonly_flag,
                        const psu__bsd_flag_name_t *tab, size_t ntab,
                        char *buf, size_t cap);
/* Map a BSD TCP state (TCPS_*, CLOSED=0 .. TIME_WAIT=10) to the Linux
 * numbering used by psu_conn_t.status (ESTABLISHED=1 .. CLOSING=11). */
int32_t psu__bsd_tcp_state(int bsd_state);
/* Join a NULL-terminated argv (OpenBSD KERN_PROC_ARGV) into one malloc'd
 * block of NUL-terminated strings; *len is the block size. */
int psu__bsd_join_argv(char *const *argv, char **out, size_t *len,
                       psu_err_t *err);
/* Deci-Kelvin (dev.cpu.N.temperature) to Celsius. */
double psu__bsd_dk_to_celsius(int dk);

#endif /* PSU_BSD_INTERNAL_H */
