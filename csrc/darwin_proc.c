/* darwin_proc.c: the process API of psu_proc.h on macOS: sysctl
 * (KERN_PROC_*, KERN_PROCARGS2) and libproc (proc_pidinfo, proc_pidfdinfo,
 * proc_pidpath). psutil has no memory_maps, cpu_affinity, ionice, rlimit
 * or io_counters on macOS: those return PSU_ENOTSUP. */
#include "darwin-internal.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/param.h>
#include <sys/proc.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#include <libproc.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <sys/proc_info.h>
#if __has_include(<mach/shared_region.h>) /* not in zig's macOS headers */
#include <mach/shared_region.h>
#endif

/* The shared (dyld cache) region per CPU type, from <mach/shared_region.h>. */
#ifndef SHARED_REGION_BASE_I386
#define SHARED_REGION_BASE_I386 0x90000000ULL
#define SHARED_REGION_SIZE_I386 0x20000000ULL
#define SHARED_REGION_BASE_X86_64 0x00007FF800000000ULL
#define SHARED_REGION_SIZE_X86_64 0x00000007FE000000ULL
#define SHARED_REGION_BASE_ARM 0x40000000ULL
#define SHARED_REGION_SIZE_ARM 0x40000000ULL
#define SHARED_REGION_BASE_ARM64 0x180000000ULL
#define SHARED_REGION_SIZE_ARM64 0x100000000ULL
#endif


static int
check_pid(int64_t pid, psu_err_t *err) {
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "pid %lld out of range",
                        (long long)pid);
  return 0;
}


/* proc_pidinfo that must return exactly size bytes. */
static int
pidinfo(int64_t pid, int flavor, uint64_t arg, void *buf, int size,
        const char *where, psu_err_t *err) {
  int ret;

  errno = 0;
  ret = proc_pidinfo((int)pid, flavor, arg, buf, size);
  if (ret <= 0)
    return psu__darwin_proc_err(pid, errno, where, err);
  if (ret < size)
    return psu__darwin_proc_err(pid, 0, where, err);
  return 0;
}



/* The identity of a process: its start time in microseconds. */
static uint64_t
ident_of(const struct kinfo_proc *kp) {
  return (uint64_t)kp->kp_proc.p_starttime.tv_sec * 1000000u +
         (uint64_t)kp->kp_proc.p_starttime.tv_usec;
}


/* PSU_ENOSUCHPROC if pid no longer has the identity ident (0: no check). */
static int
check_ident(int64_t pid, uint64_t ident, psu_err_t *err) {
  struct kinfo_proc kp;
  int rc;

  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (ident == 0)
    return 0;
  if ((rc = psu__darwin_kinfo(pid, &kp, err)) != 0)
    return rc;
  if (ident_of(&kp) != ident)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid %lld was reused",
                        (long long)pid);
  return 0;
}


static int
int64_cmp(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}


/* Every kinfo_proc (KERN_PROC_ALL), psu__malloc'd. */
static int
all_kinfo(struct kinfo_proc **out, size_t *n, psu_err_t *err) {
  int mib[3] = {CTL_KERN, KERN_PROC, KERN_PROC_ALL};
  char *buf = NULL;
  size_t len = 0;
  int rc;

  *out = NULL;
  *n = 0;
  if ((rc = psu__darwin_sysctl_malloc(mib, 3, &buf, &len, "KERN_PROC_ALL",
                                      err)) != 0)
    return rc;
  *out = (struct kinfo_proc *)(void *)buf;
  *n = len / sizeof(struct kinfo_proc);
  return 0;
}


int
psu_pids(int64_t **out, size_t *n, psu_err_t *err) {
  struct kinfo_proc *kp;
  size_t cnt, i;
  int64_t *res;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_pids: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = all_kinfo(&kp, &cnt, err)) != 0)
    return rc;
  res = psu__calloc(cnt ? cnt : 1, sizeof(*res));
  if (res == NULL) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (i = 0; i < cnt; i++)
    res[i] = kp[i].kp_proc.p_pid;
  psu__free(kp);
  qsort(res, cnt, sizeof(*res), int64_cmp);
  *out = res;
  *n = cnt;
  return 0;
}


int
psu_pid_exists(int64_t pid, int *exists, psu_err_t *err) {
  struct kinfo_proc kp;
  int rc;

  if (exists == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_pid_exists: NULL out");
  *exists = 0;
  if (pid < 0 || pid > INT32_MAX)
    return 0;
  if (pid == 0) { /* kernel_task; kill(0, 0) would mean our group */
    rc = psu__darwin_kinfo(0, &kp, NULL);
    *exists = rc == 0 || rc == PSU_EACCESS;
    return 0;
  }
  if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
    *exists = 1;
  else if (errno != ESRCH)
    return psu__set_err(err, PSU_ESYS, errno, "kill(%lld, 0)",
                        (long long)pid);
  return 0;
}


int
psu_proc_ppid_map(int64_t **out, size_t *n, psu_err_t *err) {
  struct kinfo_proc *kp;
  size_t cnt, i;
  int64_t *res;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_ppid_map: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = all_kinfo(&kp, &cnt, err)) != 0)
    return rc;
  res = psu__calloc(cnt ? 2 * cnt : 1, sizeof(*res));
  if (res == NULL) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (i = 0; i < cnt; i++) {
    res[2 * i] = kp[i].kp_proc.p_pid;
    res[2 * i + 1] = kp[i].kp_eproc.e_ppid;
  }
  psu__free(kp);
  *out = res;
  *n = cnt;
  return 0;
}

static double
ticks_to_sec(uint64_t ticks) {
  uint64_t f = psu__darwin_tbfreq();
  mach_timebase_info_data_t tb;

  if (f != 0)
    return (double)ticks / (double)f;
  /* No hw.tbfrequency: Mach time units → ns → s. */
  if (mach_timebase_info(&tb) != KERN_SUCCESS || tb.denom == 0)
    return (double)ticks / 1e9;
  return (double)ticks * tb.numer / tb.denom / 1e9;
}



/* PSU_PROC_PART_STAT and PSU_PROC_PART_STATUS (ids) come from the
 * kinfo_proc, which sysctl gives for every process, zombies included.
 * CPU times, faults, threads, context switches (PSU_PROC_PART_TASK) and
 * memory (PSU_PROC_PART_MEM) come from PROC_PIDTASKINFO, which needs the
 * same user (or root) and fails for zombies: it is called only when TASK
 * or MEM is asked for, and then fills every part. When it fails, the
 * kinfo parts keep their bits. */
int
psu_proc_info(int64_t pid, uint32_t want, psu_proc_info_t *out,
              psu_err_t *err) {
  struct kinfo_proc kp;
  struct proc_taskinfo pti;
  uint32_t need;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_info: NULL out");
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  need = want & ~out->have &
         (PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS | PSU_PROC_PART_MEM |
          PSU_PROC_PART_TASK);
  if (need == 0)
    return 0;
  if ((rc = psu__darwin_kinfo(pid, &kp, err)) != 0)
    return rc;

  psu__strlcpy(out->name, kp.kp_proc.p_comm, sizeof(out->name));
  out->name_len = (uint32_t)strlen(out->name);
  out->state = psu__darwin_state_letter(psu__darwin_status(
      kp.kp_proc.p_stat, kp.kp_proc.p_flag, kp.kp_eproc.e_flag));
  out->ppid = kp.kp_eproc.e_ppid;
  out->tty_nr = kp.kp_eproc.e_tdev == NODEV
                    ? 0
                    : (uint64_t)(uint32_t)kp.kp_eproc.e_tdev;
  out->ident = ident_of(&kp);
  out->create_time = (double)kp.kp_proc.p_starttime.tv_sec +
                     (double)kp.kp_proc.p_starttime.tv_usec / 1e6;
  out->cpu_num = -1; /* not on macOS */
  out->uid[0] = kp.kp_eproc.e_pcred.p_ruid;
  out->uid[1] = kp.kp_eproc.e_ucred.cr_uid;
  out->uid[2] = kp.kp_eproc.e_pcred.p_svuid;
  out->gid[0] = kp.kp_eproc.e_pcred.p_rgid;
  out->gid[1] = kp.kp_eproc.e_ucred.cr_groups[0];
  out->gid[2] = kp.kp_eproc.e_pcred.p_svgid;
  out->have |= PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS;
  if ((need & (PSU_PROC_PART_TASK | PSU_PROC_PART_MEM)) == 0)
    return 0;

  /* A zombie has no task any more: psutil raises ZombieProcess for what
   * needs PROC_PIDTASKINFO, AccessDenied for another user's process. */
  rc = pidinfo(pid, PROC_PIDTASKINFO, 0, &pti, sizeof(pti),
               "proc_pidinfo(PROC_PIDTASKINFO)", err);
  if (rc != 0)
    return rc;
  out->user = ticks_to_sec(pti.pti_total_user);
  out->system = ticks_to_sec(pti.pti_total_system);
  out->children_user = out->children_system = out->iowait = 0;
  /* As getrusage(): major = page-ins, minor = the other faults. */
  out->majflt = (uint32_t)pti.pti_pageins;
  out->minflt = (uint32_t)pti.pti_faults >= (uint32_t)pti.pti_pageins
                    ? (uint32_t)pti.pti_faults - (uint32_t)pti.pti_pageins
                    : 0;
  out->num_threads = (uint32_t)pti.pti_threadnum;
  /* pti_csw counts both kinds; psutil reports it as voluntary. */
  out->vol_ctxsw = (uint32_t)pti.pti_csw;
  out->nonvol_ctxsw = 0;

  out->rss = pti.pti_resident_size;
  out->vms = pti.pti_virtual_size;
  out->shared = out->text = out->lib = out->data = out->dirty = 0;
  out->have |= PSU_PROC_PART_TASK | PSU_PROC_PART_MEM;
  return 0;
}


int
psu__darwin_terminal(uint64_t tty_nr, char *out, size_t cap,
                     psu_err_t *err) {
  char name[64];

  if (out == NULL || cap == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "terminal: no buffer");
  out[0] = '\0';
  if (tty_nr == 0)
    return 0;
  if (devname_r((dev_t)(uint32_t)tty_nr, S_IFCHR, name, (int)sizeof(name)) ==
          NULL ||
      name[0] == '\0' || name[0] == '?')
    return 0;
  if (psu__path(out, cap, "/dev/%s", name) < 0)
    out[0] = '\0';
  return 0;
}

static int
dup_string(const char *s, char **out, psu_err_t *err) {
  size_t l = strlen(s) + 1;

  *out = psu__malloc(l);
  if (*out == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", l);
  memcpy(*out, s, l);
  return 0;
}



static int
dup_out(const char *s, char **out, size_t *len, psu_err_t *err) {
  int rc = dup_string(s, out, err);
  if (rc == 0 && len != NULL)
    *len = strlen(s);
  return rc;
}


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  char buf[PROC_PIDPATHINFO_MAXSIZE];
  int rc, ret;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_exe: NULL out");
  *out = NULL;
  if (len != NULL)
    *len = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  errno = 0;
  ret = proc_pidpath((int)pid, buf, sizeof(buf));
  if (ret <= 0) {
    int e = errno;
    if (pid == 0)
      return psu__set_err(err, PSU_EACCESS, e, "proc_pidpath(0)");
    /* The executable was deleted while the process runs (psutil 1738). */
    if (e == ENOENT)
      return dup_out("", out, len, err);
    return psu__darwin_proc_err(pid, e, "proc_pidpath", err);
  }
  buf[ret < (int)sizeof(buf) ? ret : (int)sizeof(buf) - 1] = '\0';
  return dup_out(buf, out, len, err);
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  struct proc_vnodepathinfo vpi;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_cwd: NULL out");
  *out = NULL;
  if (len != NULL)
    *len = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if ((rc = pidinfo(pid, PROC_PIDVNODEPATHINFO, 0, &vpi, sizeof(vpi),
                    "proc_pidinfo(PROC_PIDVNODEPATHINFO)", err)) != 0)
    return rc;
  vpi.pvi_cdir.vip_path[sizeof(vpi.pvi_cdir.vip_path) - 1] = '\0';
  return dup_out(vpi.pvi_cdir.vip_path, out, len, err);
}

/* KERN_PROCARGS2 of pid into a psu__malloc'd buffer of *len bytes. */
static int
procargs(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  int mib[3] = {CTL_KERN, KERN_PROCARGS2, (int)pid};
  int amib[2] = {CTL_KERN, KERN_ARGMAX};
  int argmax = 0;
  size_t size;
  char *buf;
  int rc;

  *out = NULL;
  *len = 0;
  if ((rc = psu__darwin_sysctl(amib, 2, &argmax, sizeof(argmax),
                               "KERN_ARGMAX", err)) != 0)
    return rc;
  if (argmax <= 0)
    return psu__set_err(err, PSU_EPARSE, 0, "KERN_ARGMAX = %d", argmax);
  size = (size_t)argmax;
  buf = psu__malloc(size);
  if (buf == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", size);
  errno = 0;
  if (sysctl(mib, 3, buf, &size, NULL, 0) != 0) {
    int e = errno;
    psu__free(buf);
    /* psutil: gone → NSP, zombie → ZP; EINVAL, EIO or no errno mean the
     * kernel refused (another user's process, a protected one): AD. */
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
      return psu__set_err(err, PSU_ENOSUCHPROC, e, "sysctl(KERN_PROCARGS2)");
    if (psu__darwin_is_zombie(pid))
      return psu__set_err(err, PSU_EZOMBIE, e, "sysctl(KERN_PROCARGS2)");
    if (e == EINVAL || e == EIO || e == 0 || e == EPERM || e == EACCES)
      return psu__set_err(err, PSU_EACCESS, e, "sysctl(KERN_PROCARGS2)");
    return psu__darwin_proc_err(pid, e, "sysctl(KERN_PROCARGS2)", err);
  }
  *out = buf;
  *len = size;
  return 0;
}



/* argv (env = 0) or the environment (env = 1) of pid as NUL-terminated
 * strings back to back. */
static int
proc_args(int64_t pid, int env, char **out, size_t *len, psu_err_t *err) {
  psu__procargs_t pa;
  char *buf = NULL, *res;
  size_t blen = 0, off, n;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "proc args: NULL out");
  *out = NULL;
  if (len != NULL)
    *len = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  memset(&pa, 0, sizeof(pa));
  if (pid != 0) { /* kernel_task has no arguments */
    if ((rc = procargs(pid, &buf, &blen, err)) != 0)
      return rc;
    if ((rc = psu__darwin_parse_procargs(buf, blen, &pa)) != 0) {
      psu__free(buf);
      return psu__set_err(err, rc, 0, "KERN_PROCARGS2: %zu bytes", blen);
    }
  }
  off = env ? pa.env_off : pa.argv_off;
  n = env ? pa.env_len : pa.argv_len;
  res = psu__malloc(n + 1);
  if (res == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", n + 1);
  }
  if (n > 0)
    memcpy(res, buf + off, n);
  res[n] = '\0';
  psu__free(buf);
  *out = res;
  if (len != NULL)
    *len = n;
  return 0;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return proc_args(pid, 0, out, len, err);
}


/* Since Big Sur the kernel only gives the environment of our own process
 * (unless SIP is off); others come back empty, as in psutil. */
int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return proc_args(pid, 1, out, len, err);
}


int
psu_proc_io_counters(int64_t pid, psu_proc_io_t *out, psu_err_t *err) {
  (void)pid;
  if (out != NULL)
    memset(out, 0, sizeof(*out));
  return psu__set_err(err, PSU_ENOTSUP, 0, "io_counters: not on macOS");
}

/* Is addr in the dyld shared region of a process of this CPU type? */
static int
in_shared_region(uint64_t addr, cpu_type_t type) {
  uint64_t base, size;

  switch (type) {
  case CPU_TYPE_ARM:
    base = SHARED_REGION_BASE_ARM;
    size = SHARED_REGION_SIZE_ARM;
    break;
  case CPU_TYPE_ARM64:
    base = SHARED_REGION_BASE_ARM64;
    size = SHARED_REGION_SIZE_ARM64;
    break;
  case CPU_TYPE_I386:
    base = SHARED_REGION_BASE_I386;
    size = SHARED_REGION_SIZE_I386;
    break;
  case CPU_TYPE_X86_64:
    base = SHARED_REGION_BASE_X86_64;
    size = SHARED_REGION_SIZE_X86_64;
    break;
  default:
    return 0;
  }
  return addr >= base && addr < base + size;
}


static int
proc_uss(int64_t pid, uint64_t *out, psu_err_t *err) {
  struct proc_regioninfo ri;
  cpu_type_t cputype = 0;
  uint64_t addr = 0, next, pages = 0;
  size_t nregions = 0;
  int rc, ret;

  *out = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if ((rc = psu__darwin_sysctlbyname("sysctl.proc_cputype", &cputype,
                                     sizeof(cputype), err)) != 0)
    return rc;
  /* Sum the resident pages that only this process maps, region by region
   * (what top's libtop does): private regions, large pages, and
   * copy-on-write regions referenced once; the shared region is skipped
   * unless private. */
  for (;;) {
    errno = 0;
    ret = proc_pidinfo((int)pid, PROC_PIDREGIONINFO, addr, &ri, sizeof(ri));
    if (ret <= 0) {
      /* Failing on the first region: gone or denied; later: the end. */
      if (nregions == 0)
        return psu__darwin_proc_err(pid, errno,
                                    "proc_pidinfo(PROC_PIDREGIONINFO)", err);
      break;
    }
    if (ret != (int)sizeof(ri))
      return psu__darwin_proc_err(pid, 0,
                                  "proc_pidinfo(PROC_PIDREGIONINFO): short",
                                  err);
    nregions++;
    if (!(in_shared_region(ri.pri_address, cputype) &&
          ri.pri_share_mode != SM_PRIVATE)) {
      switch (ri.pri_share_mode) {
#ifdef SM_LARGE_PAGE
      case SM_LARGE_PAGE:
#endif
      case SM_PRIVATE:
        pages += ri.pri_private_pages_resident;
        pages += ri.pri_shared_pages_resident;
        break;
      case SM_COW:
        pages += ri.pri_private_pages_resident;
        if (ri.pri_ref_count == 1)
          pages += ri.pri_shared_pages_resident;
        break;
      default:
        break;
      }
    }
    next = ri.pri_address + ri.pri_size;
    if (ri.pri_size == 0 || next <= addr)
      break; /* not advancing: stop rather than loop */
    addr = next;
  }
  *out = pages * (uint64_t)getpagesize();
  return 0;
}



int
psu_proc_footprint(int64_t pid, psu_proc_footprint_t *out, psu_err_t *err) {
  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_footprint: NULL out");
  memset(out, 0, sizeof(*out)); /* no PSS or swap on macOS */
  return proc_uss(pid, &out->uss, err);
}


int
psu_proc_memory_maps(int64_t pid, int grouped, psu_proc_mmap_t **out,
                     size_t *n, psu_err_t *err) {
  (void)pid;
  (void)grouped;
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "memory_maps: not on macOS");
}

int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  struct proc_taskinfo pti;
  struct proc_threadinfo ti;
  uint64_t *tids = NULL;
  psu_proc_thread_t *res = NULL;
  size_t cap, cnt, i, k = 0;
  int rc, ret;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_threads: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if ((rc = pidinfo(pid, PROC_PIDTASKINFO, 0, &pti, sizeof(pti),
                    "proc_pidinfo(PROC_PIDTASKINFO)", err)) != 0)
    return rc;
  cap = (size_t)(uint32_t)pti.pti_threadnum + 32;
  tids = psu__calloc(cap, sizeof(*tids));
  if (tids == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  errno = 0;
  ret = proc_pidinfo((int)pid, PROC_PIDLISTTHREADS, 0, tids,
                     (int)(cap * sizeof(*tids)));
  if (ret <= 0) {
    rc = psu__darwin_proc_err(pid, errno, "proc_pidinfo(PROC_PIDLISTTHREADS)",
                              err);
    goto error;
  }
  cnt = (size_t)ret / sizeof(*tids);
  res = psu__calloc(cnt ? cnt : 1, sizeof(*res));
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "calloc");
    goto error;
  }
  for (i = 0; i < cnt; i++) {
    errno = 0;
    ret = proc_pidinfo((int)pid, PROC_PIDTHREADINFO, tids[i], &ti,
                       sizeof(ti));
    if (ret < (int)sizeof(ti))
      continue; /* the thread exited meanwhile */
    res[k].id = (int64_t)tids[i];
    /* Unlike the task totals, these are nanoseconds. */
    res[k].user_time = (double)ti.pth_user_time / 1e9;
    res[k].system_time = (double)ti.pth_system_time / 1e9;
    k++;
  }
  psu__free(tids);
  *out = res;
  *n = k;
  return 0;

error:
  psu__free(tids);
  psu__free(res);
  return rc;
}


/* PROC_PIDLISTFDS into a psu__malloc'd array. */
static int
list_fds(int64_t pid, struct proc_fdinfo **out, size_t *n, psu_err_t *err) {
  struct proc_fdinfo *fds = NULL;
  int size, ret, tries;

  *out = NULL;
  *n = 0;
  errno = 0;
  ret = proc_pidinfo((int)pid, PROC_PIDLISTFDS, 0, NULL, 0);
  if (ret <= 0)
    return psu__darwin_proc_err(pid, errno, "proc_pidinfo(PROC_PIDLISTFDS)",
                                err);
  /* Grow until the answer leaves a free slot: fds may be opened between
   * the size query and the read. */
  for (tries = 0; tries < 16; tries++) {
    size = ret + 32 * (int)PROC_PIDLISTFD_SIZE;
    if (size > 24 * 1024 * 1024)
      return psu__set_err(err, PSU_ENOMEM, 0, "PROC_PIDLISTFDS: %d bytes",
                          size);
    psu__free(fds);
    fds = psu__malloc((size_t)size);
    if (fds == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%d)", size);
    errno = 0;
    ret = proc_pidinfo((int)pid, PROC_PIDLISTFDS, 0, fds, size);
    if (ret <= 0) {
      psu__free(fds);
      return psu__darwin_proc_err(pid, errno,
                                  "proc_pidinfo(PROC_PIDLISTFDS)", err);
    }
    if (ret + (int)PROC_PIDLISTFD_SIZE < size) {
      *out = fds;
      *n = (size_t)ret / PROC_PIDLISTFD_SIZE;
      return 0;
    }
  }
  psu__free(fds);
  return psu__set_err(err, PSU_ESYS, 0, "PROC_PIDLISTFDS: keeps growing");
}



int
psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err) {
  struct proc_fdinfo *fds;
  size_t n;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_num_fds: NULL out");
  *out = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if ((rc = list_fds(pid, &fds, &n, err)) != 0)
    return rc;
  psu__free(fds);
  *out = (int64_t)n;
  return 0;
}


int
psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out, size_t *n,
                    psu_err_t *err) {
  struct proc_fdinfo *fds = NULL;
  struct vnode_fdinfowithpath vi;
  psu_proc_open_file_t *res = NULL, *tmp;
  size_t nfds = 0, i, k = 0, used, cap;
  char *pool;
  int rc, ret;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_open_files: NULL");
  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid != 0) { /* kernel_task: nothing to list (psutil 2116) */
    if ((rc = list_fds(pid, &fds, &nfds, err)) != 0)
      return rc;
  }
  /* Structs first, then the paths; the block is shrunk at the end. */
  cap = (nfds ? nfds : 1) * (sizeof(*res) + sizeof(vi.pvip.vip_path));
  res = psu__malloc(cap);
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", cap);
    goto error;
  }
  pool = (char *)(res + (nfds ? nfds : 1));
  used = 0;
  for (i = 0; i < nfds; i++) {
    size_t l;

    if (fds[i].proc_fdtype != PROX_FDTYPE_VNODE)
      continue;
    errno = 0;
    ret = proc_pidfdinfo((int)pid, fds[i].proc_fd, PROC_PIDFDVNODEPATHINFO,
                         &vi, sizeof(vi));
    if (ret < (int)sizeof(vi)) {
      int e = errno;
      if (e == ENOENT || e == EBADF)
        continue; /* closed meanwhile */
      rc = psu__darwin_proc_err(pid, e,
                                "proc_pidfdinfo(PROC_PIDFDVNODEPATHINFO)", err);
      goto error;
    }
    vi.pvip.vip_path[sizeof(vi.pvip.vip_path) - 1] = '\0';
    l = strlen(vi.pvip.vip_path);
    memcpy(pool + used, vi.pvip.vip_path, l + 1);
    memset(&res[k], 0, sizeof(res[k]));
    res[k].path = pool + used; /* fixed up below */
    res[k].path_len = l;
    res[k].fd = fds[i].proc_fd;
    res[k].position = 0; /* Linux only */
    used += l + 1;
    k++;
  }
  psu__free(fds);
  fds = NULL;
  /* Compact: move the pool right after the k structs. */
  {
    char *dst = (char *)(res + k);
    size_t off = 0;
    memmove(dst, pool, used);
    for (i = 0; i < k; i++) {
      res[i].path = dst + off;
      off += res[i].path_len + 1;
    }
  }
  tmp = psu__realloc(res, k * sizeof(*res) + used + 1);
  if (tmp != NULL && tmp != res) {
    char *dst = (char *)(tmp + k);
    size_t off = 0;
    for (i = 0; i < k; i++) {
      tmp[i].path = dst + off;
      off += tmp[i].path_len + 1;
    }
  }
  if (tmp != NULL)
    res = tmp;
  *out = res;
  *n = k;
  return 0;

error:
  psu__free(fds);
  psu__free(res);
  return rc;
}


int
psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n, psu_err_t *err) {
  (void)pid;
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "cpu_affinity: not on macOS");
}


int
psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident, const int32_t *cpus,
                          size_t n, psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)cpus;
  (void)n;
  return psu__set_err(err, PSU_ENOTSUP, 0, "cpu_affinity: not on macOS");
}


int
psu_proc_ionice(int64_t pid, int *ioclass, int *value, psu_err_t *err) {
  (void)pid;
  if (ioclass != NULL)
    *ioclass = 0;
  if (value != NULL)
    *value = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ionice: not on macOS");
}


int
psu_proc_set_ionice(int64_t pid, uint64_t ident, int ioclass, int value,
                    psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)ioclass;
  (void)value;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ionice: not on macOS");
}


int
psu_proc_rlimit(int64_t pid, int resource, int64_t *soft, int64_t *hard,
                psu_err_t *err) {
  (void)pid;
  (void)resource;
  if (soft != NULL)
    *soft = 0;
  if (hard != NULL)
    *hard = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: not on macOS");
}


int
psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource, int64_t soft,
                    int64_t hard, psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)resource;
  (void)soft;
  (void)hard;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: not on macOS");
}


int
psu_proc_nice(int64_t pid, int *out, psu_err_t *err) {
  int rc;

  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  return psu_posix_getpriority(pid, out, err);
}


int
psu_proc_set_nice(int64_t pid, uint64_t ident, int value, psu_err_t *err) {
  int rc;

  if ((rc = check_ident(pid, ident, err)) != 0)
    return rc;
  return psu_posix_setpriority(pid, value, err);
}


int
psu_proc_signal(int64_t pid, uint64_t ident, int sig, psu_err_t *err) {
  int rc;

  /* kill(0, sig) would signal our own process group (psutil: ValueError). */
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "signal to pid 0");
  if ((rc = check_ident(pid, ident, err)) != 0)
    return rc;
  return psu_posix_kill(pid, sig, err);
}


int
psu_proc_wait(int64_t pid, uint64_t ident, int64_t timeout_ms, int32_t *code,
              psu_err_t *err) {
  int rc;

  /* Waiting never acts on the process, so no identity check: a pid that
   * is gone (or reused) just ends the wait. */
  (void)ident;
  if (code != NULL)
    *code = PSU_EXIT_UNKNOWN;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "wait for pid 0");
  return psu_posix_wait(pid, timeout_ms, code, err);
}


/* Sockets of one process, appended to *res (grown as needed). */
static int
proc_conns(int64_t pid, unsigned kind, psu_conn_t **res, size_t *cnt,
           size_t *cap, psu_err_t *err) {
  struct proc_fdinfo *fds = NULL;
  struct socket_fdinfo si;
  size_t nfds = 0, i;
  int rc, ret;

  if (pid == 0) /* kernel_task (psutil 2116) */
    return 0;
  if ((rc = list_fds(pid, &fds, &nfds, err)) != 0)
    return rc;
  for (i = 0; i < nfds; i++) {
    psu_conn_t *c;
    struct in_sockinfo *ini;
    int fam, type;
    unsigned bit;

    if (fds[i].proc_fdtype != PROX_FDTYPE_SOCKET)
      continue;
    errno = 0;
    ret = proc_pidfdinfo((int)pid, fds[i].proc_fd, PROC_PIDFDSOCKETINFO, &si,
                         sizeof(si));
    if (ret < (int)sizeof(si)) {
      int e = errno;
      /* Closed meanwhile, or a socket libproc can't describe (psutil
       * 1512). */
      if (e == EBADF || e == EOPNOTSUPP)
        continue;
      rc = psu__darwin_proc_err(pid, e, "proc_pidfdinfo(PROC_PIDFDSOCKETINFO)",
                                err);
      goto done;
    }
    fam = si.psi.soi_family;
    type = si.psi.soi_type;
    if (fam == AF_UNIX)
      bit = (type == SOCK_STREAM || type == SOCK_DGRAM) ? PSU_CONN_UNIX : 0;
    else if (fam == AF_INET)
      bit = type == SOCK_STREAM  ? PSU_CONN_TCP4
            : type == SOCK_DGRAM ? PSU_CONN_UDP4
                                 : 0;
    else if (fam == AF_INET6)
      bit = type == SOCK_STREAM  ? PSU_CONN_TCP6
            : type == SOCK_DGRAM ? PSU_CONN_UDP6
                                 : 0;
    else
      bit = 0;
    if ((bit & kind) == 0)
      continue;
    if (*cnt == *cap) {
      size_t ncap = *cap ? *cap * 2 : 16;
      psu_conn_t *tmp = psu__realloc(*res, ncap * sizeof(**res));
      if (tmp == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, 0, "realloc");
        goto done;
      }
      *res = tmp;
      *cap = ncap;
    }
    c = &(*res)[*cnt];
    memset(c, 0, sizeof(*c));
    c->fd = fds[i].proc_fd;
    c->pid = pid;
    c->family = fam;
    c->type = type;
    if (fam == AF_UNIX) {
      struct un_sockinfo *un = &si.psi.soi_proto.pri_un;
      size_t l = sizeof(un->unsi_addr.ua_sun.sun_path);

      if (l >= sizeof(c->laddr))
        l = sizeof(c->laddr) - 1;
      memcpy(c->laddr, un->unsi_addr.ua_sun.sun_path, l);
      c->laddr[l] = '\0';
      memcpy(c->raddr, un->unsi_caddr.ua_sun.sun_path, l);
      c->raddr[l] = '\0';
      (*cnt)++;
      continue;
    }
    /* UDP's in_sockinfo is also the head of the TCP union arm. */
    ini = &si.psi.soi_proto.pri_tcp.tcpsi_ini;
    if (inet_ntop(fam,
                  fam == AF_INET ? (const void *)&ini->insi_laddr.ina_46.i46a_addr4
                                 : (const void *)&ini->insi_laddr.ina_6,
                  c->laddr, sizeof(c->laddr)) == NULL ||
        inet_ntop(fam,
                  fam == AF_INET ? (const void *)&ini->insi_faddr.ina_46.i46a_addr4
                                 : (const void *)&ini->insi_faddr.ina_6,
                  c->raddr, sizeof(c->raddr)) == NULL) {
      rc = psu__set_err(err, PSU_ESYS, errno, "inet_ntop");
      goto done;
    }
    c->lport = ntohs((uint16_t)ini->insi_lport);
    c->rport = ntohs((uint16_t)ini->insi_fport);
    if (c->rport == 0)
      c->raddr[0] = '\0'; /* no peer: psutil's () */
    if (type == SOCK_STREAM)
      c->status = psu__darwin_tcp_state(si.psi.soi_proto.pri_tcp.tcpsi_state);
    (*cnt)++;
  }
  rc = 0;

done:
  psu__free(fds);
  return rc;
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  psu_conn_t *res = NULL;
  size_t cnt = 0, cap = 0;
  int64_t *pids = NULL;
  size_t np = 0, i;
  int rc = 0;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_connections: NULL");
  *out = NULL;
  *n = 0;
  if (pid >= 0) {
    if ((rc = check_pid(pid, err)) != 0)
      return rc;
    rc = proc_conns(pid, kind, &res, &cnt, &cap, err);
  } else {
    /* Every process, as psutil on macOS: those that vanish are skipped;
     * access denied (not root) is an error. */
    if ((rc = psu_pids(&pids, &np, err)) != 0)
      return rc;
    for (i = 0; i < np; i++) {
      psu_err_t e1;
      rc = proc_conns(pids[i], kind, &res, &cnt, &cap, &e1);
      if (rc == PSU_ENOSUCHPROC || rc == PSU_EZOMBIE) {
        rc = 0;
        continue;
      }
      if (rc != 0) {
        if (err != NULL)
          *err = e1;
        break;
      }
    }
    psu__free(pids);
  }
  if (rc != 0) {
    psu__free(res);
    return rc;
  }
  if (res == NULL) {
    res = psu__calloc(1, sizeof(*res));
    if (res == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  *out = res;
  *n = cnt;
  return 0;
}
