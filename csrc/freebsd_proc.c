/* freebsd_proc.c: FreeBSD process functions (sysctl kern.proc.*). */
#include "bsd-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/param.h>
#include <sys/cpuset.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/user.h>


static double
tv2d(struct timeval tv) {
  return (double)tv.tv_sec + tv.tv_usec / 1e6;
}


static void
kinfo_convert(const struct kinfo_proc *kp, psu__bsd_kinfo_t *k) {
  long ps = psu__bsd_pagesize();
  memset(k, 0, sizeof(*k));
  k->pid = kp->ki_pid;
  k->ppid = kp->ki_ppid;
  k->stat = kp->ki_stat;
  k->zombie = kp->ki_stat == SZOMB;
  k->system = (kp->ki_flag & P_SYSTEM) != 0;
  psu__strlcpy(k->comm, kp->ki_comm, sizeof(k->comm));
  k->uid[0] = kp->ki_ruid;
  k->uid[1] = kp->ki_uid;
  k->uid[2] = kp->ki_svuid;
  k->gid[0] = kp->ki_rgid;
  k->gid[1] = kp->ki_ngroups > 0 ? kp->ki_groups[0] : kp->ki_rgid;
  k->gid[2] = kp->ki_svgid;
  k->tdev = kp->ki_tdev == (uint64_t)NODEV ? 0 : kp->ki_tdev;
  k->start_sec = kp->ki_start.tv_sec;
  k->start_usec = kp->ki_start.tv_usec;
  k->utime = tv2d(kp->ki_rusage.ru_utime);
  k->stime = tv2d(kp->ki_rusage.ru_stime);
  k->cutime = tv2d(kp->ki_rusage_ch.ru_utime);
  k->cstime = tv2d(kp->ki_rusage_ch.ru_stime);
  k->nvcsw = (uint64_t)kp->ki_rusage.ru_nvcsw;
  k->nivcsw = (uint64_t)kp->ki_rusage.ru_nivcsw;
  k->inblock = (uint64_t)kp->ki_rusage.ru_inblock;
  k->oublock = (uint64_t)kp->ki_rusage.ru_oublock;
  k->minflt = (uint64_t)kp->ki_rusage.ru_minflt;
  k->majflt = (uint64_t)kp->ki_rusage.ru_majflt;
  k->nice = kp->ki_nice - NZERO;
  k->rss = (uint64_t)kp->ki_rssize * (uint64_t)ps;
  k->vms = (uint64_t)kp->ki_size;
  k->text = (uint64_t)kp->ki_tsize * (uint64_t)ps;
  k->data = (uint64_t)kp->ki_dsize * (uint64_t)ps;
  k->stack = (uint64_t)kp->ki_ssize * (uint64_t)ps;
  k->peak_rss = (uint64_t)kp->ki_rusage.ru_maxrss * 1024;
  /* As top(1): the CPU it runs on, else the last one (-1 for some kernel
   * processes). */
  if (kp->ki_stat == SRUN && kp->ki_oncpu != NOCPU)
    k->cpunum = kp->ki_oncpu;
  else
    k->cpunum = kp->ki_lastcpu;
  k->nthreads = kp->ki_numthreads;
}


int
psu__bsd_kinfo(int64_t pid, psu__bsd_kinfo_t *out, psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid};
  struct kinfo_proc kp;
  size_t len = sizeof(kp);
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid %lld", (long long)pid);
  if (sysctl(mib, 4, &kp, &len, NULL, 0) == -1) {
    if (errno == ESRCH)
      return psu__set_err(err, PSU_ENOSUCHPROC, errno, "sysctl(kern.proc.pid)");
    if (errno == EPERM || errno == EACCES)
      return psu__set_err(err, PSU_EACCESS, errno, "sysctl(kern.proc.pid)");
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc.pid)");
  }
  if (len == 0)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0,
                        "sysctl(kern.proc.pid): size 0");
  if (len != sizeof(kp))
    return psu__set_err(err, PSU_EPARSE, 0, "sysctl(kern.proc.pid): size %zu",
                        len);
  kinfo_convert(&kp, out);
  return 0;
}


int
psu__bsd_kinfo_all(psu__bsd_kinfo_t **out, size_t *n, psu_err_t *err) {
  int mib[3] = {CTL_KERN, KERN_PROC, KERN_PROC_PROC};
  struct kinfo_proc *kp = NULL;
  psu__bsd_kinfo_t *arr;
  size_t len = 0, cnt;
  int rc;
  *out = NULL;
  *n = 0;
  rc = psu__bsd_sysctl_alloc(mib, 3, (void **)&kp, &len, "kern.proc.proc",
                             err);
  if (rc != 0)
    return rc;
  cnt = len / sizeof(*kp);
  arr = psu__malloc((cnt ? cnt : 1) * sizeof(*arr));
  if (arr == NULL) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++)
    kinfo_convert(&kp[i], &arr[i]);
  psu__free(kp);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu__bsd_num_threads(int64_t pid, int64_t *out, psu_err_t *err) {
  psu__bsd_kinfo_t k;
  int rc = psu__bsd_kinfo(pid, &k, err);
  if (rc == 0)
    *out = k.nthreads;
  return rc;
}


/* A kern.proc.<what> string of pid: raw bytes into a malloc'd block. */
static int
proc_sysctl_bytes(int64_t pid, int what, const char *where, char **out,
                  size_t *len, psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC, what, (int)pid};
  char *buf = NULL;
  size_t size = 0;
  int e;
  *out = NULL;
  *len = 0;
  for (int tries = 0; tries < 4; tries++) {
    if (sysctl(mib, 4, NULL, &size, NULL, 0) == -1)
      return psu__bsd_proc_fail(pid, errno, where, err);
    size += 1024;
    buf = psu__malloc(size + 1);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 4, buf, &size, NULL, 0) == 0) {
      buf[size] = '\0';
      *out = buf;
      *len = size;
      return 0;
    }
    e = errno;
    psu__free(buf);
    buf = NULL;
    if (e != ENOMEM)
      return psu__bsd_proc_fail(pid, e, where, err);
  }
  return psu__set_err(err, PSU_ESYS, ENOMEM, "%s: keeps growing", where);
}


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  psu_err_t e2;
  int rc = proc_sysctl_bytes(pid, KERN_PROC_PATHNAME,
                             "sysctl(kern.proc.pathname)", out, len, &e2);
  if (rc != 0 && !(rc == PSU_ESYS && e2.sys == ENOENT)) {
    if (err != NULL)
      *err = e2;
    return rc;
  }
  if (rc != 0) {
    /* No vnode (kernel processes, deleted files): "", as psutil. */
    psu__bsd_kinfo_t k;
    rc = psu__bsd_kinfo(pid, &k, err);
    if (rc != 0)
      return rc;
    if (k.zombie)
      return psu__set_err(err, PSU_EZOMBIE, ENOENT, "kern.proc.pathname");
    *out = psu__calloc(1, 1);
    *len = 0;
    return *out ? 0 : psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  if (rc == 0)
    *len = strlen(*out);
  return rc;
}


static int
args_block(int64_t pid, int what, const char *where, char **out, size_t *len,
           psu_err_t *err) {
  psu_err_t e2;
  int rc = proc_sysctl_bytes(pid, what, where, out, len, &e2);
  if (rc == PSU_ESYS) {
    /* Kernel processes have no user-space arguments or environment, and
     * the data of a swapped-out process is out of reach: empty, as
     * psutil. */
    psu__bsd_kinfo_t k;
    rc = psu__bsd_kinfo(pid, &k, err);
    if (rc != 0)
      return rc;
    if (k.zombie)
      return psu__set_err(err, PSU_EZOMBIE, e2.sys, "%s: zombie", where);
    if (k.system) {
      *out = psu__calloc(1, 1);
      *len = 0;
      return *out ? 0 : psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    }
    return psu__set_err(err, PSU_ESYS, e2.sys, "%s", e2.where);
  }
  if (rc != 0) {
    if (err != NULL)
      *err = e2;
    return rc;
  }
  /* Drop the last NUL, as the Linux /proc block has it counted once. */
  if (*len > 0 && (*out)[*len - 1] == '\0')
    (*len)--;
  if (*len == 0) {
    psu__bsd_kinfo_t k;
    psu_err_t e2;
    if (psu__bsd_kinfo(pid, &k, &e2) == 0 && k.zombie) {
      psu__free(*out);
      *out = NULL;
      return psu__set_err(err, PSU_EZOMBIE, 0, "%s: zombie", where);
    }
  }
  return 0;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return args_block(pid, KERN_PROC_ARGS, "sysctl(kern.proc.args)", out, len,
                    err);
}


int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return args_block(pid, KERN_PROC_ENV, "sysctl(kern.proc.env)", out, len,
                    err);
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_CWD, (int)pid};
  struct kinfo_file kf;
  size_t sz = sizeof(kf);
  *out = NULL;
  *len = 0;
  memset(&kf, 0, sizeof(kf));
  if (sysctl(mib, 4, &kf, &sz, NULL, 0) == -1)
    return psu__bsd_proc_fail(pid, errno, "sysctl(kern.proc.cwd)", err);
  kf.kf_path[sizeof(kf.kf_path) - 1] = '\0';
  *len = sz == 0 ? 0 : strlen(kf.kf_path);
  *out = psu__malloc(*len + 1);
  if (*out == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  memcpy(*out, kf.kf_path, *len);
  (*out)[*len] = '\0';
  return 0;
}


/* kern.proc.filedesc: packed kinfo_file records (kf_structsize each). */
static int
filedesc(int64_t pid, char **buf, size_t *len, psu_err_t *err) {
  return proc_sysctl_bytes(pid, KERN_PROC_FILEDESC,
                           "sysctl(kern.proc.filedesc)", buf, len, err);
}


int
psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err) {
  char *buf;
  size_t len, off = 0;
  int64_t cnt = 0;
  int rc = filedesc(pid, &buf, &len, err);
  if (rc != 0)
    return rc;
  while (off + sizeof(int) <= len) {
    const struct kinfo_file *kf = (const struct kinfo_file *)(buf + off);
    if (kf->kf_structsize <= 0)
      break;
    if (kf->kf_fd >= 0)
      cnt++;
    off += (size_t)kf->kf_structsize;
  }
  psu__free(buf);
  *out = cnt;
  return 0;
}


int
psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out, size_t *n,
                    psu_err_t *err) {
  char *buf, *pool;
  size_t len, off, cnt = 0, poolsz = 0, i = 0;
  psu_proc_open_file_t *arr;
  int rc = filedesc(pid, &buf, &len, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  for (int pass = 0; pass < 2; pass++) {
    for (off = 0; off + sizeof(int) <= len;) {
      const struct kinfo_file *kf = (const struct kinfo_file *)(buf + off);
      if (kf->kf_structsize <= 0)
        break;
      off += (size_t)kf->kf_structsize;
      if (kf->kf_fd < 0 || kf->kf_type != KF_TYPE_VNODE ||
          kf->kf_vnode_type != KF_VTYPE_VREG)
        continue;
      if (pass == 0) {
        cnt++;
        poolsz += strnlen(kf->kf_path, sizeof(kf->kf_path)) + 1;
      } else {
        psu_proc_open_file_t *o = &arr[i++];
        size_t pl = strnlen(kf->kf_path, sizeof(kf->kf_path));
        memcpy(pool, kf->kf_path, pl);
        pool[pl] = '\0';
        o->path = pool;
        o->path_len = pl;
        pool += pl + 1;
        o->fd = kf->kf_fd;
        o->position = kf->kf_offset;
        o->flags = kf->kf_flags;
      }
    }
    if (pass == 0) {
      arr = psu__bsd_alloc_pool(cnt, sizeof(*arr), poolsz, &pool);
      if (arr == NULL) {
        psu__free(buf);
        return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
      }
    }
  }
  psu__free(buf);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID | KERN_PROC_INC_THREAD,
                (int)pid};
  struct kinfo_proc *kp = NULL;
  psu_proc_thread_t *arr;
  psu_err_t e2;
  size_t len = 0, cnt;
  int rc;
  *out = NULL;
  *n = 0;
  rc = psu__bsd_sysctl_alloc(mib, 4, (void **)&kp, &len,
                             "kern.proc.pid.inc_thread", &e2);
  if (rc == PSU_ESYS)
    return psu__bsd_proc_fail(pid, (int)e2.sys, e2.where, err);
  if (rc != 0)
    return psu__set_err(err, rc, e2.sys, "%s", e2.where);
  cnt = len / sizeof(*kp);
  if (cnt == 0) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "kern.proc.pid: size 0");
  }
  arr = psu__malloc(cnt * sizeof(*arr));
  if (arr == NULL) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    arr[i].id = kp[i].ki_tid;
    arr[i].user_time = tv2d(kp[i].ki_rusage.ru_utime);
    arr[i].system_time = tv2d(kp[i].ki_rusage.ru_stime);
  }
  psu__free(kp);
  *out = arr;
  *n = cnt;
  return 0;
}


static const char *
vm_type_name(int type) {
  switch (type) {
  case KVME_TYPE_NONE:
    return "[none]";
  case KVME_TYPE_DEFAULT:
    return "[anon]";
  case KVME_TYPE_VNODE:
    return "[vnode]";
  case KVME_TYPE_SWAP:
    return "[swap]";
  case KVME_TYPE_DEVICE:
    return "[device]";
  case KVME_TYPE_PHYS:
    return "[phys]";
  case KVME_TYPE_DEAD:
    return "[dead]";
  case KVME_TYPE_SG:
    return "[sg]";
  default:
    return "[unknown]";
  }
}


int
psu_proc_memory_maps(int64_t pid, int grouped, psu_proc_mmap_t **out,
                     size_t *n, psu_err_t *err) {
  /* Not grouped here: the Go side sums per path when grouped is asked,
   * so both shapes come from the same list. */
  char *buf, *pool;
  size_t len, off, cnt = 0, poolsz = 0, i = 0;
  psu_proc_mmap_t *arr = NULL;
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  int rc = proc_sysctl_bytes(pid, KERN_PROC_VMMAP, "sysctl(kern.proc.vmmap)",
                             &buf, &len, err);
  (void)grouped;
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  for (int pass = 0; pass < 2; pass++) {
    for (off = 0; off + sizeof(int) <= len;) {
      const struct kinfo_vmentry *kv = (const struct kinfo_vmentry *)(buf + off);
      const char *path;
      size_t pl;
      if (kv->kve_structsize <= 0)
        break;
      off += (size_t)kv->kve_structsize;
      path = kv->kve_path[0] != '\0' ? kv->kve_path : vm_type_name(kv->kve_type);
      pl = strnlen(path, PATH_MAX);
      if (pass == 0) {
        cnt++;
        poolsz += pl + 1;
        continue;
      }
      psu_proc_mmap_t *o = &arr[i++];
      memcpy(pool, path, pl);
      pool[pl] = '\0';
      o->path = pool;
      o->path_len = pl;
      pool += pl + 1;
      snprintf(o->addr, sizeof(o->addr), "%#llx-%#llx",
               (unsigned long long)kv->kve_start,
               (unsigned long long)kv->kve_end);
      o->perms[0] = (kv->kve_protection & KVME_PROT_READ) ? 'r' : '-';
      o->perms[1] = (kv->kve_protection & KVME_PROT_WRITE) ? 'w' : '-';
      o->perms[2] = (kv->kve_protection & KVME_PROT_EXEC) ? 'x' : '-';
      o->perms[3] = '\0';
      o->rss = (uint64_t)kv->kve_resident * ps;
      o->size = kv->kve_end - kv->kve_start;
      o->private_dirty = (uint64_t)kv->kve_private_resident * ps;
    }
    if (pass == 0) {
      arr = psu__bsd_alloc_pool(cnt, sizeof(*arr), poolsz, &pool);
      if (arr == NULL) {
        psu__free(buf);
        return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
      }
    }
  }
  psu__free(buf);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n, psu_err_t *err) {
  cpuset_t mask;
  int32_t *arr;
  size_t cnt = 0;
  *out = NULL;
  *n = 0;
  CPU_ZERO(&mask);
  if (cpuset_getaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID, (id_t)pid,
                         sizeof(mask), &mask) == -1)
    return psu__bsd_proc_fail(pid, errno, "cpuset_getaffinity", err);
  arr = psu__malloc(CPU_SETSIZE * sizeof(*arr));
  if (arr == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  for (int i = 0; i < CPU_SETSIZE; i++)
    if (CPU_ISSET(i, &mask))
      arr[cnt++] = i;
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident, const int32_t *cpus,
                          size_t n, psu_err_t *err) {
  cpuset_t mask;
  psu__bsd_kinfo_t k;
  int rc;
  CPU_ZERO(&mask);
  if (n == 0) {
    /* Every CPU of the root set. */
    if (cpuset_getaffinity(CPU_LEVEL_ROOT, CPU_WHICH_PID, -1, sizeof(mask),
                           &mask) == -1)
      return psu__set_err(err, PSU_ESYS, errno, "cpuset_getaffinity(root)");
  }
  for (size_t i = 0; i < n; i++) {
    if (cpus[i] < 0 || cpus[i] >= CPU_SETSIZE)
      return psu__set_err(err, PSU_EINVAL, 0, "invalid CPU %d", (int)cpus[i]);
    CPU_SET(cpus[i], &mask);
  }
  if (ident != 0) {
    rc = psu__bsd_kinfo(pid, &k, err);
    if (rc != 0)
      return rc;
    if (psu__bsd_kinfo_ident(&k) != ident)
      return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid reused");
  }
  if (cpuset_setaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID, (id_t)pid,
                         sizeof(mask), &mask) == -1) {
    if (errno == EINVAL || errno == EDEADLK)
      return psu__set_err(err, PSU_EINVAL, errno, "cpuset_setaffinity");
    return psu__bsd_proc_fail(pid, errno, "cpuset_setaffinity", err);
  }
  return 0;
}


static int64_t
rlim_out(rlim_t v) {
  return v == RLIM_INFINITY ? -1 : (int64_t)v;
}


static rlim_t
rlim_in(int64_t v) {
  return v < 0 ? RLIM_INFINITY : (rlim_t)v;
}


/* resource is FreeBSD's RLIMIT_* number. */
int
psu_proc_rlimit(int64_t pid, int resource, int64_t *soft, int64_t *hard,
                psu_err_t *err) {
  int mib[5] = {CTL_KERN, KERN_PROC, KERN_PROC_RLIMIT, (int)pid, resource};
  struct rlimit rl;
  size_t len = sizeof(rl);
  if (resource < 0 || resource >= RLIM_NLIMITS)
    return psu__set_err(err, PSU_EINVAL, 0, "rlimit resource %d", resource);
  if (sysctl(mib, 5, &rl, &len, NULL, 0) == -1)
    return psu__bsd_proc_fail(pid, errno, "sysctl(kern.proc.rlimit)", err);
  *soft = rlim_out(rl.rlim_cur);
  *hard = rlim_out(rl.rlim_max);
  return 0;
}


int
psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource, int64_t soft,
                    int64_t hard, psu_err_t *err) {
  int mib[5] = {CTL_KERN, KERN_PROC, KERN_PROC_RLIMIT, (int)pid, resource};
  struct rlimit rl;
  psu__bsd_kinfo_t k;
  int rc;
  if (resource < 0 || resource >= RLIM_NLIMITS)
    return psu__set_err(err, PSU_EINVAL, 0, "rlimit resource %d", resource);
  if (ident != 0) {
    rc = psu__bsd_kinfo(pid, &k, err);
    if (rc != 0)
      return rc;
    if (psu__bsd_kinfo_ident(&k) != ident)
      return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid reused");
  }
  rl.rlim_cur = rlim_in(soft);
  rl.rlim_max = rlim_in(hard);
  if (sysctl(mib, 5, NULL, NULL, &rl, sizeof(rl)) == -1) {
    if (errno == EINVAL)
      return psu__set_err(err, PSU_EINVAL, errno, "sysctl(kern.proc.rlimit)");
    return psu__bsd_proc_fail(pid, errno, "sysctl(kern.proc.rlimit)", err);
  }
  return 0;
}
