/* netbsd_proc.c: NetBSD process functions (sysctl kern.proc2, kern.lwp,
 * kern.proc_args, kern.file2). */
#include "bsd-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/param.h>
#include <sys/file.h>
#include <sys/lwp.h>
#include <sys/proc.h>
#include <sys/sysctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/vnode.h>

#include <arpa/inet.h>
#include <netinet/in.h>

/* NetBSD >= 8 (pathname) and >= 9 (cwd) define these; the values are
 * fixed ABI, so older headers still build code for current kernels. */
#ifndef KERN_PROC_PATHNAME
#define KERN_PROC_PATHNAME 5
#endif
#ifndef KERN_PROC_CWD
#define KERN_PROC_CWD 6
#endif
#ifndef DTYPE_VNODE
#define DTYPE_VNODE 1
#endif
#ifndef DTYPE_SOCKET
#define DTYPE_SOCKET 2
#endif


static void
kinfo_convert(const struct kinfo_proc2 *kp, psu__bsd_kinfo_t *k) {
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  memset(k, 0, sizeof(*k));
  k->pid = kp->p_pid;
  k->ppid = kp->p_ppid;
  /* p_stat is the LWP state; a dying process shows its process state
   * there instead, and the two sets overlap (SDYING == LSSLEEP): report
   * any dying process as a zombie. */
  k->zombie = kp->p_realstat == SZOMB || kp->p_realstat == SDYING ||
              kp->p_realstat == SDEAD;
  k->stat = k->zombie ? LSZOMB : kp->p_stat;
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
  k->vms = (uint64_t)kp->p_vm_msize * ps; /* as top(1) */
  k->text = (uint64_t)kp->p_vm_tsize * ps;
  k->data = (uint64_t)kp->p_vm_dsize * ps;
  k->stack = (uint64_t)kp->p_vm_ssize * ps;
  k->peak_rss = kp->p_uru_maxrss * 1024;
  k->cpunum = -1;
  k->nthreads = (int64_t)kp->p_nlwps;
}


int
psu__bsd_kinfo(int64_t pid, psu__bsd_kinfo_t *out, psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_PROC2, KERN_PROC_PID, (int)pid,
                sizeof(struct kinfo_proc2), 1};
  struct kinfo_proc2 kp;
  size_t len = sizeof(kp);
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid %lld", (long long)pid);
  if (sysctl(mib, 6, &kp, &len, NULL, 0) == -1) {
    if (errno == ESRCH)
      return psu__set_err(err, PSU_ENOSUCHPROC, errno,
                          "sysctl(kern.proc2.pid)");
    if (errno == EPERM || errno == EACCES)
      return psu__set_err(err, PSU_EACCESS, errno, "sysctl(kern.proc2.pid)");
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc2.pid)");
  }
  if (len == 0)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0,
                        "sysctl(kern.proc2.pid): size 0");
  if (len != sizeof(kp))
    return psu__set_err(err, PSU_EPARSE, 0,
                        "sysctl(kern.proc2.pid): size %zu", len);
  kinfo_convert(&kp, out);
  return 0;
}


int
psu__bsd_kinfo_all(psu__bsd_kinfo_t **out, size_t *n, psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_PROC2, KERN_PROC_ALL, 0,
                sizeof(struct kinfo_proc2), 0};
  struct kinfo_proc2 *kp = NULL;
  psu__bsd_kinfo_t *arr;
  size_t size = 0, cnt = 0;
  *out = NULL;
  *n = 0;
  for (int tries = 0;; tries++) {
    mib[5] = 0;
    if (tries == 8)
      return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctl(kern.proc2): grows");
    if (sysctl(mib, 6, NULL, &size, NULL, 0) == -1)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc2)");
    size += size / 4 + sizeof(*kp);
    mib[5] = (int)(size / sizeof(*kp));
    kp = psu__malloc(size);
    if (kp == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 6, kp, &size, NULL, 0) == 0)
      break;
    psu__bsd_free_errno(kp);
    kp = NULL;
    if (errno != ENOMEM)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.proc2)");
  }
  cnt = size / sizeof(*kp);
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


int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  /* kern.lwp.<pid>: only the run time of each LWP exists; it is reported
   * as both user and system time, as psutil does. */
  int mib[5] = {CTL_KERN, KERN_LWP, (int)pid, sizeof(struct kinfo_lwp), 0};
  struct kinfo_lwp *kl = NULL;
  psu_proc_thread_t *arr;
  size_t size = 0, cnt;
  *out = NULL;
  *n = 0;
  for (int tries = 0;; tries++) {
    mib[4] = 0;
    if (tries == 8)
      return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctl(kern.lwp): grows");
    if (sysctl(mib, 5, NULL, &size, NULL, 0) == -1)
      return psu__bsd_proc_fail(pid, errno, "sysctl(kern.lwp)", err);
    size += size / 4 + sizeof(*kl);
    mib[4] = (int)(size / sizeof(*kl));
    kl = psu__malloc(size);
    if (kl == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 5, kl, &size, NULL, 0) == 0)
      break;
    psu__bsd_free_errno(kl);
    kl = NULL;
    if (errno != ENOMEM)
      return psu__bsd_proc_fail(pid, errno, "sysctl(kern.lwp)", err);
  }
  cnt = size / sizeof(*kl);
  if (cnt == 0) {
    psu__free(kl);
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "kern.lwp: size 0");
  }
  arr = psu__malloc(cnt * sizeof(*arr));
  if (arr == NULL) {
    psu__free(kl);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    arr[i].id = kl[i].l_lid;
    arr[i].user_time = kl[i].l_rtime_sec + kl[i].l_rtime_usec / 1e6;
    arr[i].system_time = arr[i].user_time;
  }
  psu__free(kl);
  *out = arr;
  *n = cnt;
  return 0;
}


/* kern.proc_args.<pid>.<what>: bytes into a malloc'd, NUL-terminated
 * block. */
static int
proc_args(int64_t pid, int what, const char *where, char **out, size_t *len,
          psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC_ARGS, (int)pid, what};
  size_t size = 0;
  char *buf = NULL;
  int e = 0;
  *out = NULL;
  *len = 0;
  for (int tries = 0;; tries++) {
    if (tries == 8)
      return psu__set_err(err, PSU_ESYS, ENOMEM, "%s: grows", where);
    if (sysctl(mib, 4, NULL, &size, NULL, 0) == -1) {
      e = errno;
      break;
    }
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
      break;
  }
  if (e == EINVAL || e == EFAULT || e == EBUSY) {
    /* Exiting, zombie or system process, or exec in progress. */
    psu__bsd_kinfo_t k;
    int rc = psu__bsd_kinfo(pid, &k, err);
    if (rc != 0)
      return rc;
    if (k.zombie)
      return psu__set_err(err, PSU_EZOMBIE, e, "%s", where);
    if (what == KERN_PROC_ARGV || what == KERN_PROC_ENV) {
      *out = psu__calloc(1, 1);
      return *out ? 0 : psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    }
    return psu__set_err(err, PSU_ESYS, e, "%s", where);
  }
  if (e == ENOENT)
    return psu__set_err(err, PSU_ENOSUCHPROC, e, "%s", where);
  return psu__bsd_proc_fail(pid, e, where, err);
}


static int
args_block(int64_t pid, int what, const char *where, char **out, size_t *len,
           psu_err_t *err) {
  int rc = proc_args(pid, what, where, out, len, err);
  if (rc == 0 && *len > 0 && (*out)[*len - 1] == '\0')
    (*len)--;
  return rc;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return args_block(pid, KERN_PROC_ARGV, "sysctl(kern.proc_args.argv)", out,
                    len, err);
}


int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return args_block(pid, KERN_PROC_ENV, "sysctl(kern.proc_args.env)", out,
                    len, err);
}


static int
path_arg(int64_t pid, int what, const char *where, char **out, size_t *len,
         psu_err_t *err) {
  int rc = proc_args(pid, what, where, out, len, err);
  if (rc == 0)
    *len = strlen(*out);
  return rc;
}


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return path_arg(pid, KERN_PROC_PATHNAME, "sysctl(kern.proc_args.pathname)",
                  out, len, err);
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return path_arg(pid, KERN_PROC_CWD, "sysctl(kern.proc_args.cwd)", out, len,
                  err);
}


/* kern.file2.bypid.<pid>: kinfo_file records. */
static int
file_list(int64_t pid, struct kinfo_file **out, size_t *cnt, psu_err_t *err) {
  int mib[6] = {CTL_KERN, KERN_FILE2, KERN_FILE_BYPID, (int)pid,
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
                        "sysctl(kern.file2)");
  return psu__bsd_proc_fail(pid, e, "sysctl(kern.file2)", err);
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
    if (kf[i].ki_fd >= 0)
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
    if (kf[i].ki_fd < 0 || kf[i].ki_ftype != DTYPE_VNODE ||
        kf[i].ki_vtype != VREG)
      continue;
    arr[k].path = pool; /* "" */
    arr[k].path_len = 0;
    arr[k].fd = kf[i].ki_fd;
    arr[k].position = (int64_t)kf[i].ki_foffset;
    arr[k].flags = (int32_t)kf[i].ki_flag;
    k++;
  }
  psu__free(kf);
  *out = arr;
  *n = k;
  return 0;
}


/* One PCB list (net.inet.tcp.pcblist ...): an array of kinfo_pcb. The
 * name is followed by {PCB_ALL, 0, element size, element count}. */
static int
pcb_list(const char *name, struct kinfo_pcb **out, size_t *cnt,
         psu_err_t *err) {
  int mib[8];
  size_t namelen = 4, size = 0;
  struct kinfo_pcb *kp = NULL;
  int e = ENOMEM;
  *out = NULL;
  *cnt = 0;
  memset(mib, 0, sizeof(mib));
  if (sysctlnametomib(name, mib, &namelen) == -1 || namelen != 4) {
    if (errno == ENOENT)
      return 0; /* no such protocol (e.g. no INET6 kernel) */
    return psu__set_err(err, PSU_ESYS, errno, "sysctlnametomib(%s)", name);
  }
  mib[6] = sizeof(*kp);
  for (int tries = 0; tries < 8; tries++) {
    mib[7] = 0;
    if (sysctl(mib, 8, NULL, &size, NULL, 0) == -1) {
      e = errno;
      break;
    }
    size += size / 4 + sizeof(*kp);
    mib[7] = (int)(size / sizeof(*kp));
    kp = psu__malloc(size);
    if (kp == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctl(mib, 8, kp, &size, NULL, 0) == 0) {
      *out = kp;
      *cnt = size / sizeof(*kp);
      return 0;
    }
    e = errno;
    psu__free(kp);
    kp = NULL;
    if (e != ENOMEM)
      break;
  }
  return psu__set_err(err, e == EPERM ? PSU_EACCESS : PSU_ESYS, e,
                      "sysctl(%s)", name);
}


static int
cmp_fdata(const void *a, const void *b) {
  const struct kinfo_file *x = a, *y = b;
  if (x->ki_fdata != y->ki_fdata)
    return x->ki_fdata < y->ki_fdata ? -1 : 1;
  return 0;
}


static void
sa_text(const struct sockaddr *sa, char *buf, size_t cap, int32_t *port) {
  buf[0] = '\0';
  *port = 0;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
    inet_ntop(AF_INET, &sin->sin_addr, buf, (socklen_t)cap);
    *port = ntohs(sin->sin_port);
  } else if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
    inet_ntop(AF_INET6, &sin6->sin6_addr, buf, (socklen_t)cap);
    *port = ntohs(sin6->sin6_port);
  } else if (sa->sa_family == AF_UNIX) {
    const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
    size_t pl = strnlen(sun->sun_path, sizeof(sun->sun_path));
    if (pl >= cap)
      pl = cap - 1;
    memcpy(buf, sun->sun_path, pl);
    buf[pl] = '\0';
  }
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  /* The PCB lists joined with the descriptor table kern.file2 (pid -1 =
   * every process) on the socket address, as psutil does. */
  static const struct {
    const char *name;
    unsigned bit;
  } lists[] = {
      {"net.inet.tcp.pcblist", PSU_CONN_TCP4},
      {"net.inet.udp.pcblist", PSU_CONN_UDP4},
      {"net.inet6.tcp6.pcblist", PSU_CONN_TCP6},
      {"net.inet6.udp6.pcblist", PSU_CONN_UDP6},
      {"net.local.stream.pcblist", PSU_CONN_UNIX},
      {"net.local.seqpacket.pcblist", PSU_CONN_UNIX},
      {"net.local.dgram.pcblist", PSU_CONN_UNIX},
  };
  struct kinfo_file *kf = NULL;
  psu_conn_t *arr = NULL;
  size_t nkf = 0, cnt = 0, cap = 0;
  int rc;
  *out = NULL;
  *n = 0;
  rc = file_list(pid < 0 ? -1 : pid, &kf, &nkf, err);
  if (rc != 0)
    return rc;
  qsort(kf, nkf, sizeof(*kf), cmp_fdata);
  for (size_t l = 0; l < PSU__ARRAY_SIZE(lists); l++) {
    struct kinfo_pcb *pcb;
    size_t npcb;
    if ((lists[l].bit & kind) == 0)
      continue;
    rc = pcb_list(lists[l].name, &pcb, &npcb, err);
    if (rc != 0)
      goto error;
    for (size_t i = 0; i < npcb; i++) {
      const struct kinfo_pcb *p = &pcb[i];
      size_t lo = 0, hi = nkf;
      /* Every descriptor of the socket: one entry per (pid, fd). */
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (kf[mid].ki_fdata < p->ki_sockaddr)
          lo = mid + 1;
        else
          hi = mid;
      }
      for (size_t j = lo; j < nkf && kf[j].ki_fdata == p->ki_sockaddr; j++) {
        const struct kinfo_file *f = &kf[j];
        psu_conn_t *c;
        if (f->ki_ftype != DTYPE_SOCKET)
          continue;
        if (cnt == cap) {
          size_t ncap = cap ? cap * 2 : 64;
          psu_conn_t *na = psu__realloc(arr, ncap * sizeof(*na));
          if (na == NULL) {
            psu__free(pcb);
            rc = psu__set_err(err, PSU_ENOMEM, 0, "realloc");
            goto error;
          }
          arr = na;
          cap = ncap;
        }
        c = &arr[cnt++];
        memset(c, 0, sizeof(*c));
        c->fd = f->ki_fd;
        c->pid = f->ki_pid;
        c->family = (int32_t)p->ki_family;
        c->type = (int32_t)p->ki_type;
        sa_text(&p->ki_src, c->laddr, sizeof(c->laddr), &c->lport);
        if (p->ki_family == AF_UNIX) {
          int32_t dummy;
          sa_text(&p->ki_dst, c->raddr, sizeof(c->raddr), &dummy);
          c->lport = 0;
          continue;
        }
        sa_text(&p->ki_dst, c->raddr, sizeof(c->raddr), &c->rport);
        if (c->rport == 0)
          c->raddr[0] = '\0'; /* unconnected: psutil's () */
        if (p->ki_type == SOCK_STREAM)
          c->status = psu__bsd_tcp_state(p->ki_tstate);
      }
    }
    psu__free(pcb);
  }
  psu__free(kf);
  *out = arr;
  *n = cnt;
  return 0;

error:
  psu__free(kf);
  psu__free(arr);
  return rc;
}


/* Documented gaps on NetBSD (psutil: FreeBSD only). */
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
