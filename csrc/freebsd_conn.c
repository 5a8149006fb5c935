/* freebsd_conn.c: FreeBSD sockets (psutil net_connections): the socket
 * PCB lists net.inet.{tcp,udp}.pcblist and net.local.{stream,dgram}.pcblist,
 * joined with the open-file table kern.file for the owning pid and fd. */
#include "bsd-internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/param.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/socketvar.h>
#include <sys/sysctl.h>
#include <sys/un.h>
#include <sys/unpcb.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/in_pcb.h>
#include <netinet/tcp_fsm.h>
#include <netinet/tcp_var.h>


typedef struct {
  uint64_t so; /* kernel address of the socket */
  int64_t pid;
  int64_t fd;
} sockfile_t;


static int
cmp_sockfile(const void *a, const void *b) {
  const sockfile_t *x = a, *y = b;
  if (x->so != y->so)
    return x->so < y->so ? -1 : 1;
  return (x->pid > y->pid) - (x->pid < y->pid);
}


static int
sbn_alloc(const char *name, char **out, size_t *len, psu_err_t *err) {
  char *buf;
  size_t size = 0;
  *out = NULL;
  *len = 0;
  for (int tries = 0; tries < 8; tries++) {
    if (sysctlbyname(name, NULL, &size, NULL, 0) == -1)
      return psu__set_err(err, errno == EPERM ? PSU_EACCESS : PSU_ESYS, errno,
                          "sysctlbyname(%s)", name);
    size += size / 8 + 1024;
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctlbyname(name, buf, &size, NULL, 0) == 0) {
      *out = buf;
      *len = size;
      return 0;
    }
    psu__bsd_free_errno(buf);
    if (errno != ENOMEM)
      return psu__set_err(err, errno == EPERM ? PSU_EACCESS : PSU_ESYS, errno,
                          "sysctlbyname(%s)", name);
  }
  return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctlbyname(%s): grows", name);
}


/* The socket descriptors of every process (or of pid), sorted by socket. */
static int
socket_files(int64_t pid, sockfile_t **out, size_t *n, psu_err_t *err) {
  char *buf;
  size_t len, cnt = 0;
  sockfile_t *arr;
  int rc = sbn_alloc("kern.file", &buf, &len, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__malloc((len / sizeof(struct xfile) + 1) * sizeof(*arr));
  if (arr == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t off = 0; off + sizeof(struct xfile) <= len;) {
    const struct xfile *xf = (const struct xfile *)(buf + off);
    if (xf->xf_size < sizeof(struct xfile))
      break;
    off += xf->xf_size;
    if (xf->xf_type != DTYPE_SOCKET || (pid >= 0 && xf->xf_pid != pid))
      continue;
    arr[cnt].so = (uint64_t)xf->xf_data;
    arr[cnt].pid = xf->xf_pid;
    arr[cnt].fd = xf->xf_fd;
    cnt++;
  }
  psu__free(buf);
  qsort(arr, cnt, sizeof(*arr), cmp_sockfile);
  *out = arr;
  *n = cnt;
  return 0;
}


static const sockfile_t *
find_socket(const sockfile_t *arr, size_t n, uint64_t so) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (arr[mid].so < so)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && arr[lo].so == so ? &arr[lo] : NULL;
}


typedef struct {
  psu_conn_t *arr;
  size_t n, cap;
  const sockfile_t *files;
  size_t nfiles;
  int oom;
  psu_err_t *err;
} conn_acc_t;


static psu_conn_t *
conn_add(conn_acc_t *a, uint64_t so) {
  const sockfile_t *f = find_socket(a->files, a->nfiles, so);
  psu_conn_t *c;
  if (f == NULL)
    return NULL; /* not owned by a process we can see: skipped, as psutil */
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 64;
    psu_conn_t *p = psu__realloc(a->arr, cap * sizeof(*p));
    if (p == NULL) {
      a->oom = 1;
      return NULL;
    }
    a->arr = p;
    a->cap = cap;
  }
  c = &a->arr[a->n++];
  memset(c, 0, sizeof(*c));
  c->pid = f->pid;
  c->fd = f->fd;
  return c;
}


static void
inet_fill(psu_conn_t *c, const struct xinpcb *xi, int type) {
  const struct in_conninfo *inc = &xi->inp_inc;
  c->type = type;
  if (xi->inp_vflag & INP_IPV4) {
    c->family = AF_INET;
    inet_ntop(AF_INET, &inc->inc_laddr, c->laddr, sizeof(c->laddr));
    if (inc->inc_fport != 0)
      inet_ntop(AF_INET, &inc->inc_faddr, c->raddr, sizeof(c->raddr));
  } else {
    c->family = AF_INET6;
    inet_ntop(AF_INET6, &inc->inc6_laddr, c->laddr, sizeof(c->laddr));
    if (inc->inc_fport != 0)
      inet_ntop(AF_INET6, &inc->inc6_faddr, c->raddr, sizeof(c->raddr));
  }
  c->lport = ntohs(inc->inc_lport);
  c->rport = inc->inc_fport != 0 ? ntohs(inc->inc_fport) : 0;
}


static unsigned
inet_bit(const struct xinpcb *xi, int tcp) {
  int v6 = (xi->inp_vflag & INP_IPV4) == 0;
  if (tcp)
    return v6 ? PSU_CONN_TCP6 : PSU_CONN_TCP4;
  return v6 ? PSU_CONN_UDP6 : PSU_CONN_UDP4;
}


static int
walk_tcp(conn_acc_t *a, unsigned kind) {
  char *buf;
  size_t len, off;
  int rc = sbn_alloc("net.inet.tcp.pcblist", &buf, &len, a->err);
  if (rc != 0)
    return rc;
  off = len >= sizeof(struct xinpgen) ? ((struct xinpgen *)buf)->xig_len : len;
  while (off + sizeof(struct xtcpcb) <= len) {
    const struct xtcpcb *xt = (const struct xtcpcb *)(buf + off);
    psu_conn_t *c;
    if (xt->xt_len < sizeof(*xt))
      break; /* the trailing xinpgen */
    off += xt->xt_len;
    if ((inet_bit(&xt->xt_inp, 1) & kind) == 0)
      continue;
    c = conn_add(a, (uint64_t)xt->xt_inp.xi_socket.xso_so);
    if (c == NULL)
      continue;
    inet_fill(c, &xt->xt_inp, SOCK_STREAM);
    c->status = psu__bsd_tcp_state(xt->t_state);
  }
  psu__free(buf);
  return 0;
}


static int
walk_udp(conn_acc_t *a, unsigned kind) {
  char *buf;
  size_t len, off;
  int rc = sbn_alloc("net.inet.udp.pcblist", &buf, &len, a->err);
  if (rc != 0)
    return rc;
  off = len >= sizeof(struct xinpgen) ? ((struct xinpgen *)buf)->xig_len : len;
  while (off + sizeof(struct xinpcb) <= len) {
    const struct xinpcb *xi = (const struct xinpcb *)(buf + off);
    psu_conn_t *c;
    if (xi->xi_len < sizeof(*xi))
      break;
    off += xi->xi_len;
    if ((inet_bit(xi, 0) & kind) == 0)
      continue;
    c = conn_add(a, (uint64_t)xi->xi_socket.xso_so);
    if (c != NULL)
      inet_fill(c, xi, SOCK_DGRAM);
  }
  psu__free(buf);
  return 0;
}


static int
walk_unix(conn_acc_t *a, const char *name, int type) {
  char *buf;
  size_t len, off;
  int rc = sbn_alloc(name, &buf, &len, a->err);
  if (rc != 0)
    return rc;
  off = len >= sizeof(struct xunpgen) ? ((struct xunpgen *)buf)->xug_len : len;
  while (off + sizeof(struct xunpcb) <= len) {
    const struct xunpcb *xu = (const struct xunpcb *)(buf + off);
    psu_conn_t *c;
    if (xu->xu_len < sizeof(*xu))
      break;
    off += xu->xu_len;
    c = conn_add(a, (uint64_t)xu->xu_socket.xso_so);
    if (c == NULL)
      continue;
    c->family = AF_UNIX;
    c->type = type;
    if (xu->xu_addr.sun_family == AF_UNIX) {
      size_t pl = strnlen(xu->xu_addr.sun_path, sizeof(xu->xu_addr.sun_path));
      if (pl >= sizeof(c->laddr))
        pl = sizeof(c->laddr) - 1;
      memcpy(c->laddr, xu->xu_addr.sun_path, pl);
      c->laddr[pl] = '\0';
    }
  }
  psu__free(buf);
  return 0;
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  conn_acc_t a;
  int rc;
  *out = NULL;
  *n = 0;
  memset(&a, 0, sizeof(a));
  a.err = err;
  rc = socket_files(pid, (sockfile_t **)&a.files, &a.nfiles, err);
  if (rc != 0)
    return rc;
  if (kind & (PSU_CONN_TCP4 | PSU_CONN_TCP6))
    rc = walk_tcp(&a, kind);
  if (rc == 0 && (kind & (PSU_CONN_UDP4 | PSU_CONN_UDP6)))
    rc = walk_udp(&a, kind);
  if (rc == 0 && (kind & PSU_CONN_UNIX)) {
    rc = walk_unix(&a, "net.local.stream.pcblist", SOCK_STREAM);
    if (rc == 0)
      rc = walk_unix(&a, "net.local.dgram.pcblist", SOCK_DGRAM);
  }
  psu__free((void *)a.files);
  if (rc == 0 && a.oom)
    rc = psu__set_err(err, PSU_ENOMEM, 0, "realloc");
  if (rc != 0) {
    psu__free(a.arr);
    return rc;
  }
  *out = a.arr;
  *n = a.n;
  return 0;
}
