/* bsd_proc.c: process functions built on the normalized kinfo record
 * (psu__bsd_kinfo, filled per OS) and on POSIX calls; the same code for
 * FreeBSD, OpenBSD and NetBSD. */
#include "bsd-internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <sys/param.h>
#include <sys/sysctl.h>
#include <sys/time.h>


uint64_t
psu__bsd_kinfo_ident(const psu__bsd_kinfo_t *k) {
  /* The identity is the start time in microseconds after boot. The kernel
   * reports start times as boot time + uptime at start, and moves the boot
   * time when the clock is set; the difference does not move, so the
   * identity survives clock changes (psutil gives up the PID-reuse check
   * on FreeBSD and OpenBSD for this reason). 0 if the boot time is
   * unknown. */
  int mib[2] = {CTL_KERN, KERN_BOOTTIME};
  struct timeval bt;
  size_t len = sizeof(bt);
  int64_t us;
  if (sysctl(mib, 2, &bt, &len, NULL, 0) == -1 || len != sizeof(bt))
    return 0;
  us = (k->start_sec - (int64_t)bt.tv_sec) * 1000000 +
       (k->start_usec - (int64_t)bt.tv_usec);
  return us > 0 ? (uint64_t)us : 1;
}


int
psu__bsd_proc_fail(int64_t pid, int sys, const char *where, psu_err_t *err) {
  psu__bsd_kinfo_t k;
  psu_err_t e2;
  if (sys == EPERM || sys == EACCES)
    return psu__set_err(err, PSU_EACCESS, sys, "%s", where);
  if (sys == ESRCH)
    return psu__set_err(err, PSU_ENOSUCHPROC, sys, "%s", where);
  if (psu__bsd_kinfo(pid, &k, &e2) != 0) {
    if (e2.code == PSU_ENOSUCHPROC)
      return psu__set_err(err, PSU_ENOSUCHPROC, sys, "%s", where);
  } else if (k.zombie) {
    return psu__set_err(err, PSU_EZOMBIE, sys, "%s", where);
  }
  return psu__set_err(err, PSU_ESYS, sys, "%s", where);
}


/* PSU_ENOSUCHPROC when ident is set and pid is now another process. */
static int
check_ident(int64_t pid, uint64_t ident, psu_err_t *err) {
  psu__bsd_kinfo_t k;
  int rc;
  if (ident == 0)
    return 0;
  rc = psu__bsd_kinfo(pid, &k, err);
  if (rc != 0)
    return rc;
  if (psu__bsd_kinfo_ident(&k) != ident)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0,
                        "pid %lld was reused (identity changed)",
                        (long long)pid);
  return 0;
}


int
psu_proc_info(int64_t pid, uint32_t want, psu_proc_info_t *out,
              psu_err_t *err) {
  psu__bsd_kinfo_t k;
  int rc;
  if (out == NULL || pid < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_info: bad argument");
  if ((want & ~out->have) == 0)
    return 0;
  rc = psu__bsd_kinfo(pid, &k, err);
  if (rc != 0)
    return rc;
  /* One record gives every part: fill them all. */
  psu__strlcpy(out->name, k.comm, sizeof(out->name));
  out->name_len = (uint32_t)strlen(out->name);
  out->state = (char)k.stat;
  out->ppid = k.ppid;
  out->tty_nr = k.tdev;
  out->ident = psu__bsd_kinfo_ident(&k);
  out->create_time = (double)k.start_sec + k.start_usec / 1e6;
  out->user = k.utime;
  out->system = k.stime;
  out->children_user = k.cutime;
  out->children_system = k.cstime;
  out->iowait = 0;
  out->cpu_num = k.cpunum;
  out->minflt = k.minflt;
  out->majflt = k.majflt;
  for (int i = 0; i < 3; i++) {
    out->uid[i] = k.uid[i];
    out->gid[i] = k.gid[i];
  }
  out->vol_ctxsw = k.nvcsw;
  out->nonvol_ctxsw = k.nivcsw;
  out->num_threads = k.nthreads;
  out->rss = k.rss;
  out->vms = k.vms;
  out->shared = 0;
  out->text = k.text;
  out->lib = 0;
  out->data = k.data;
  out->dirty = 0;
  out->stack = k.stack;
  out->peak_rss = k.peak_rss;
  out->have |= PSU_PROC_PART_STAT | PSU_PROC_PART_MEM | PSU_PROC_PART_TASK;
  if (k.nthreads >= 0) {
    out->have |= PSU_PROC_PART_STATUS;
  } else if ((want & PSU_PROC_PART_STATUS) != 0) {
    rc = psu__bsd_num_threads(pid, &out->num_threads, err);
    if (rc != 0)
      return rc;
    out->have |= PSU_PROC_PART_STATUS;
  }
  return 0;
}


static int
cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}


int
psu_pids(int64_t **out, size_t *n, psu_err_t *err) {
  psu__bsd_kinfo_t *all = NULL;
  size_t cnt = 0;
  int64_t *pids;
  int rc;
  *out = NULL;
  *n = 0;
  rc = psu__bsd_kinfo_all(&all, &cnt, err);
  if (rc != 0)
    return rc;
  pids = psu__malloc((cnt ? cnt : 1) * sizeof(*pids));
  if (pids == NULL) {
    psu__free(all);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++)
    pids[i] = all[i].pid;
  psu__free(all);
  qsort(pids, cnt, sizeof(*pids), cmp_i64);
  *out = pids;
  *n = cnt;
  return 0;
}


int
psu_proc_ppid_map(int64_t **out, size_t *n, psu_err_t *err) {
  psu__bsd_kinfo_t *all = NULL;
  size_t cnt = 0;
  int64_t *m;
  int rc;
  *out = NULL;
  *n = 0;
  rc = psu__bsd_kinfo_all(&all, &cnt, err);
  if (rc != 0)
    return rc;
  m = psu__malloc((cnt ? cnt : 1) * 2 * sizeof(*m));
  if (m == NULL) {
    psu__free(all);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    m[2 * i] = all[i].pid;
    m[2 * i + 1] = all[i].ppid;
  }
  psu__free(all);
  *out = m;
  *n = cnt;
  return 0;
}


int
psu_pid_exists(int64_t pid, int *exists, psu_err_t *err) {
  /* The process table, not kill(2): kill lies about zombies on NetBSD
   * and accepts thread ids on OpenBSD (psutil uses pids() there). */
  psu__bsd_kinfo_t k;
  psu_err_t e2;
  *exists = 0;
  if (pid < 0)
    return 0;
  if (psu__bsd_kinfo(pid, &k, &e2) == 0) {
    *exists = 1;
    return 0;
  }
  if (e2.code == PSU_ENOSUCHPROC)
    return 0;
  if (err != NULL)
    *err = e2;
  return e2.code;
}


int
psu_proc_io_counters(int64_t pid, psu_proc_io_t *out, psu_err_t *err) {
  /* Block operations only: psutil's read_bytes/write_bytes are -1 on BSD;
   * here they are 0. */
  psu__bsd_kinfo_t k;
  int rc = psu__bsd_kinfo(pid, &k, err);
  if (rc != 0)
    return rc;
  memset(out, 0, sizeof(*out));
  out->read_count = k.inblock;
  out->write_count = k.oublock;
  return 0;
}


int
psu_proc_nice(int64_t pid, int *out, psu_err_t *err) {
  int rc = psu_posix_getpriority(pid, out, err);
  if (rc == PSU_ENOSUCHPROC || rc == PSU_ESYS) {
    psu__bsd_kinfo_t k;
    psu_err_t e2;
    if (psu__bsd_kinfo(pid, &k, &e2) == 0 && k.zombie)
      return psu__set_err(err, PSU_EZOMBIE, 0, "getpriority: zombie");
  }
  return rc;
}


int
psu_proc_set_nice(int64_t pid, uint64_t ident, int value, psu_err_t *err) {
  int rc = check_ident(pid, ident, err);
  if (rc != 0)
    return rc;
  return psu_posix_setpriority(pid, value, err);
}


int
psu_proc_signal(int64_t pid, uint64_t ident, int sig, psu_err_t *err) {
  int rc;
  if (pid <= 0)
    return psu__set_err(err, PSU_EINVAL, 0, "kill: pid %lld",
                        (long long)pid);
  rc = check_ident(pid, ident, err);
  if (rc != 0)
    return rc;
  return psu_posix_kill(pid, sig, err);
}


int
psu_proc_wait(int64_t pid, uint64_t ident, int64_t timeout_ms,
              int32_t *code, psu_err_t *err) {
  int rc;
  (void)ident; /* waiting never acts on another process */
  rc = psu_posix_wait(pid, timeout_ms, code, err);
  return rc;
}


int
psu_proc_ionice(int64_t pid, int *ioclass, int *value, psu_err_t *err) {
  (void)pid;
  *ioclass = 0;
  *value = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ionice: Linux and Windows only");
}


int
psu_proc_set_ionice(int64_t pid, uint64_t ident, int ioclass, int value,
                    psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)ioclass;
  (void)value;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ionice: Linux and Windows only");
}


int
psu_proc_footprint(int64_t pid, psu_proc_footprint_t *out, psu_err_t *err) {
  (void)pid;
  memset(out, 0, sizeof(*out));
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "memory_footprint: not available on BSD");
}
