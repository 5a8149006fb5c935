/* openbsd_proc.c: OpenBSD process functions (sysctl kern.proc, kern.file,
 * kern.proc_args, kern.proc_cwd). */
#include "bsd-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/param.h>
#include <sys/file.h>
#include <sys/proc.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/vnode.h>

#include <arpa/inet.h>
#include <netinet/in.h>

/* kinfo_file.f_type values; <sys/file.h> hides them from userland on
 * some releases. */
#ifndef DTYPE_VNODE
#define DTYPE_VNODE 1
#endif
#ifndef DTYPE_SOCKET
#define DTYPE_SOCKET 2
#endif


static void
kinfo_convert(const struct kinfo_proc *kp, psu__bsd_kinfo_t *k) {
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  memset(k, 0, sizeof(*k));
  k->pid = kp->p_pid;
  k->ppid = kp->p_ppid;
  k->stat = kp->p_stat;
  /* SZOMB is unused; SDEAD is what an exited, unreaped process shows. */
  k->zombie = kp->p_stat == SZOMB || kp->p_stat == SDEAD;
  k->system = (kp->p_flag & P_SYSTEM) != 0;
  psu__strlcpy(k->comm, kp->p_comm, sizeof(k->comm));
  k->uid[0] = kp->p_ruid;
  k->uid[1] = kp->p_uid;
  k->uid[2] = kp->p_svuid;
  k->gid[0] = kp->p_rgid;
  k->gid[1] = kp->p_gid;
  k->gid[2] = kp->p_svgid;
  k->tdev = kp->p_tdev == (uint32_t)NODEV ? 0 : kp->p_tdev;
  k->start_sec = (int64_t)kp->p_ustart_sec;
  k->start_usec = (int64_t)kp->p_ustart_usec;
  k->utime = kp->p_uutime_sec + kp->p_uutime_usec / 1e6;
  k->stime = kp->p_ustime_sec + kp->p_ustime_usec / 1e6;
  /* Only the sum of the children's user and system times exists. */
  k->cutime = kp->p_uctime_sec + kp->p_uctime_usec / 1e6;
  k->cstime = k->cutime;
  k->nvcsw = kp->p_uru_nvcsw;
  k->nivcsw = 0; /* documented gap: involuntary switches are 0 */
  k->inblock = kp->p_uru_inblock;
  k->oublock = kp->p_uru_oublock;
  k->minflt = kp->p_uru_minflt;
  k->majflt = kp->p_uru_majflt;
  k->nice = kp->p_nice - NZERO;
  k->rss = (uint64_t)kp->p_vm_rssize * ps;
  /* As ps(1): data + stack + text. */
  k->vms = ((uint64_t)kp->p_vm_dsize + (uint64_t)kp->p_vm_ssize +
            (uint64_t)kp->p_vm_tsize) * ps;
  k->text = (uint64_t)kp->p_vm_tsize * ps;
  k->data = (uint64_t)kp->p_vm_dsize * ps;
  k->stack = (uint64_t)kp->p_vm_ssize * ps;
  k->peak_rss = kp->p_uru_maxrss * 1024;
  k->cpunum = -1;
  k->nthreads = -1; /* counted with KERN_PROC_SHOW_THREADS when asked */
}


/* kern.proc.<op>.<arg>: an array of kinfo_proc, malloc'd. */
static int
kinfo_list(int op, int arg, struct kinfo_proc **out, size_t *cnt,
           psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_PROC, op, arg, sizeof(struct kinfo_proc), 0};
  struct kinfo_proc *kp = NULL;
  size_t size = 0;
  *out = NULL;
  *cnt = 0;
  for (int tries = 0; tries < 8; tries++) {
    mib[5] = 0;
    if (sysctl(mib, 6, NULL, &size, NULL, 0) == -1)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc)");
    size += size / 4 + sizeof(*kp);
    mib[5] = (int)(size / sizeof(*kp));
    kp = psu__malloc(size);
    if (kp == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 6, kp, &size, NULL, 0) == 0) {
      *out = kp;
      *cnt = size / sizeof(*kp);
      return 0;
    }
    psu__bsd_free_errno(kp);
    kp = NULL;
    if (errno != ENOMEM)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc)");
  }
  return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctl(kern.proc): grows");
}


int
psu__bsd_kinfo(int64_t pid, psu__bsd_kinfo_t *out, psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid,
                sizeof(struct kinfo_proc), 1};
  struct kinfo_proc kp;
  size_t len = sizeof(kp);
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid %lld", (long long)pid);
  if (sysctl(mib, 6, &kp, &len, NULL, 0) == -1) {
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
  struct kinfo_proc *kp;
  psu__bsd_kinfo_t *arr;
  size_t cnt;
  int rc = kinfo_list(KERN_PROC_ALL, 0, &kp, &cnt, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
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


/* The threads of pid: KERN_PROC_SHOW_THREADS adds one record per thread
 * (p_tid != -1) next to the process record. */
static int
thread_list(int64_t pid, struct kinfo_proc **kp, size_t *cnt, psu_err_t *err) {
  psu_err_t e2;
  int rc = kinfo_list(KERN_PROC_PID | KERN_PROC_SHOW_THREADS, (int)pid, kp,
                      cnt, &e2);
  if (rc == PSU_ESYS)
    return psu__bsd_proc_fail(pid, (int)e2.sys, e2.where, err);
  if (rc != 0)
    return psu__set_err(err, rc, e2.sys, "%s", e2.where);
  if (*cnt == 0) {
    psu__free(*kp);
    *kp = NULL;
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "kern.proc.pid: size 0");
  }
  return 0;
}


int
psu__bsd_num_threads(int64_t pid, int64_t *out, psu_err_t *err) {
  struct kinfo_proc *kp;
  size_t cnt;
  int64_t nt = 0;
  int rc = thread_list(pid, &kp, &cnt, err);
  if (rc != 0)
    return rc;
  for (size_t i = 0; i < cnt; i++)
    if (kp[i].p_tid != -1)
      nt++;
  psu__free(kp);
  *out = nt;
  return 0;
}


int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  struct kinfo_proc *kp;
  psu_proc_thread_t *arr;
  size_t cnt, k = 0;
  int rc = thread_list(pid, &kp, &cnt, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__malloc(cnt * sizeof(*arr));
  if (arr == NULL) {
    psu__free(kp);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    if (kp[i].p_tid == -1)
      continue;
    arr[k].id = kp[i].p_tid;
    arr[k].user_time = kp[i].p_uutime_sec + kp[i].p_uutime_usec / 1e6;
    arr[k].system_time = kp[i].p_ustime_sec + kp[i].p_ustime_usec / 1e6;
    k++;
  }
  psu__free(kp);
  *out = arr;
  *n = k;
  return 0;
}


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  /* OpenBSD has no way to get the executable path: the Go side guesses it
   * from the command line, as psutil does. */
  (void)pid;
  *out = NULL;
  *len = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "exe: not available on OpenBSD");
}


/* kern.proc_args.<pid>.<what>: an argv-style pointer array whose strings
 * live in the same buffer; joined into one NUL-separated block. */
static int
proc_args(int64_t pid, int what, const char *where, char **out, size_t *len,
          psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC_ARGS, (int)pid, what};
  size_t size = 64 * 1024;
  char *buf = NULL;
  int rc, e;
  *out = NULL;
  *len = 0;
  for (;;) {
    size_t got = size;
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 4, buf, &got, NULL, 0) == 0)
      break;
    e = errno;
    psu__free(buf);
    buf = NULL;
    if (e == ENOMEM && size < 64u * 1024 * 1024) {
      size *= 4;
      continue;
    }
    if (e == EINVAL || e == EFAULT || e == EBUSY) {
      /* Exiting, zombie or system process, or exec in progress. */
      psu__bsd_kinfo_t k;
      rc = psu__bsd_kinfo(pid, &k, err);
      if (rc != 0)
        return rc;
      if (k.zombie)
        return psu__set_err(err, PSU_EZOMBIE, e, "%s", where);
      *out = psu__calloc(1, 1);
      return *out ? 0 : psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    }
    return psu__bsd_proc_fail(pid, e, where, err);
  }
  rc = psu__bsd_join_argv((char *const *)buf, out, len, err);
  psu__free(buf);
  return rc;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return proc_args(pid, KERN_PROC_ARGV, "sysctl(kern.proc_args.argv)", out,
                   len, err);
}


int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return proc_args(pid, KERN_PROC_ENV, "sysctl(kern.proc_args.env)", out,
                   len, err);
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  int mib[3] = {CTL_KERN, KERN_PROC_CWD, (int)pid};
  char path[PATH_MAX];
  size_t sz = sizeof(path);
  *out = NULL;
  *len = 0;
  if (sysctl(mib, 3, path, &sz, NULL, 0) == -1)
    return psu__bsd_proc_fail(pid, errno, "sysctl(kern.proc_cwd)", err);
  path[sizeof(path) - 1] = '\0';
  *len = strlen(path);
  *out = psu__malloc(*len + 1);
  if (*out == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  memcpy(*out, path, *len + 1);
  return 0;
}


/* kern.file.bypid.<pid> (-1 = every process): kinfo_file records. */
static int
file_list(int64_t pid, struct kinfo_file **out, size_t *cnt, psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_FILE, KERN_FILE_BYPID, (int)pid,
                sizeof(struct kinfo_file), 0};
  struct kinfo_file *kf = NULL;
  size_t size = 0;
  *out = NULL;
  *cnt = 0;
  int e = ENOMEM;
  for (int tries = 0; tries < 8; tries++) {
    mib[5] = 0;
    if (sysctl(mib, 6, NULL, &size, NULL, 0) == -1) {
      e = errno;
      break;
    }
    size += size / 4 + sizeof(*kf);
    mib[5] = (int)(size / sizeof(*kf));
    kf = psu__malloc(size);
    if (kf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 6, kf, &size, NULL, 0) == 0) {
      *out = kf;
      *cnt = size / sizeof(*kf);
      return 0;
    }
    e = errno;
    psu__free(kf);
    kf = NULL;
    if (e != ENOMEM)
      break;
  }
  if (pid < 0)
    return psu__set_err(err, e == EPERM ? PSU_EACCESS : PSU_ESYS, e,
                        "sysctl(kern.file)");
  return psu__bsd_proc_fail(pid, e, "sysctl(kern.file)", err);
}


int
psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err) {
  struct kinfo_file *kf;
  size_t cnt;
  int64_t nfd = 0;
  int rc = file_list(pid, &kf, &cnt, err);
  if (rc != 0)
    return rc;
  for (size_t i = 0; i < cnt; i++)
    if (kf[i].fd_fd >= 0)
      nfd++;
  psu__free(kf);
  *out = nfd;
  return 0;
}


int
psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out, size_t *n,
                    psu_err_t *err) {
  /* Regular files; the kernel gives no path (psutil: path ""). */
  struct kinfo_file *kf;
  psu_proc_open_file_t *arr;
  char *pool;
  size_t cnt, k = 0;
  int rc = file_list(pid, &kf, &cnt, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__bsd_alloc_pool(cnt, sizeof(*arr), 1, &pool);
  if (arr == NULL) {
    psu__free(kf);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    if (kf[i].fd_fd < 0 || kf[i].f_type != DTYPE_VNODE ||
        kf[i].v_type != VREG)
      continue;
    arr[k].path = pool; /* "" */
    arr[k].path_len = 0;
    arr[k].fd = kf[i].fd_fd;
    arr[k].position = (int64_t)kf[i].f_offset;
    arr[k].flags = (int32_t)kf[i].f_flag;
    k++;
  }
  psu__free(kf);
  *out = arr;
  *n = k;
  return 0;
}


static void
inet_text(int family, const uint32_t *a, char *buf, size_t cap) {
  if (inet_ntop(family, a, buf, (socklen_t)cap) == NULL)
    buf[0] = '\0';
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  struct kinfo_file *kf;
  psu_conn_t *arr;
  size_t cnt, k = 0;
  int rc = file_list(pid < 0 ? -1 : pid, &kf, &cnt, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__calloc(cnt ? cnt : 1, sizeof(*arr));
  if (arr == NULL) {
    psu__free(kf);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    const struct kinfo_file *f = &kf[i];
    psu_conn_t *c;
    unsigned bit = 0;
    int fam = (int)f->so_family, stype = (int)f->so_type;
    if (f->f_type != DTYPE_SOCKET || f->fd_fd < 0)
      continue;
    if (fam == AF_INET)
      bit = stype == SOCK_STREAM ? PSU_CONN_TCP4
                                 : (stype == SOCK_DGRAM ? PSU_CONN_UDP4 : 0);
    else if (fam == AF_INET6)
      bit = stype == SOCK_STREAM ? PSU_CONN_TCP6
                                 : (stype == SOCK_DGRAM ? PSU_CONN_UDP6 : 0);
    else if (fam == AF_UNIX)
      bit = PSU_CONN_UNIX;
    if ((bit & kind) == 0)
      continue;
    c = &arr[k++];
    c->fd = f->fd_fd;
    c->pid = f->p_pid;
    c->family = fam;
    c->type = stype;
    if (fam == AF_UNIX) {
      size_t pl = strnlen(f->unp_path, sizeof(f->unp_path));
      if (pl >= sizeof(c->laddr))
        pl = sizeof(c->laddr) - 1;
      memcpy(c->laddr, f->unp_path, pl);
      c->laddr[pl] = '\0';
      continue;
    }
    inet_text(fam, f->inp_laddru, c->laddr, sizeof(c->laddr));
    c->lport = (int32_t)ntohs((uint16_t)f->inp_lport);
    /* An unconnected socket has no remote address (psutil: ()). */
    if (f->inp_fport != 0) {
      inet_text(fam, f->inp_faddru, c->raddr, sizeof(c->raddr));
      c->rport = (int32_t)ntohs((uint16_t)f->inp_fport);
    }
    if (stype == SOCK_STREAM)
      c->status = psu__bsd_tcp_state((int)f->t_state);
  }
  psu__free(kf);
  *out = arr;
  *n = k;
  return 0;
}


/* Documented gaps on OpenBSD (psutil: FreeBSD only). */
int
psu_proc_memory_maps(int64_t pid, int grouped, psu_proc_mmap_t **out,
                     size_t *n, psu_err_t *err) {
  (void)pid;
  (void)grouped;
  *out = NULL;
  *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "memory_maps: FreeBSD only");
}


int
psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n, psu_err_t *err) {
  (void)pid;
  *out = NULL;
  *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "cpu_affinity: FreeBSD only");
}


int
psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident, const int32_t *cpus,
                          size_t n, psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)cpus;
  (void)n;
  return psu__set_err(err, PSU_ENOTSUP, 0, "cpu_affinity: FreeBSD only");
}


int
psu_proc_rlimit(int64_t pid, int resource, int64_t *soft, int64_t *hard,
                psu_err_t *err) {
  (void)pid;
  (void)resource;
  *soft = 0;
  *hard = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: Linux and FreeBSD only");
}


int
psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource, int64_t soft,
                    int64_t hard, psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)resource;
  (void)soft;
  (void)hard;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: Linux and FreeBSD only");
}
