/* linux_netlink.c: socket listing through NETLINK_SOCK_DIAG (inet_diag for
 * TCP/UDP over IPv4/IPv6, unix_diag for AF_UNIX), joined with an inode ->
 * (pid, fd) map built from /proc/<pid>/fd, like the /proc/net path. */
#include "psu-internal.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define PSU__NL_BUF 32768


/* ---- inode -> (pid, fd) map --------------------------------------------- */

typedef struct {
  uint64_t inode;
  int64_t pid;
  int fd;
  uint32_t seq; /* discovery order, so "first owner" is stable */
} psu__ino_t;

typedef struct {
  psu__ino_t *v;
  size_t n, cap;
} psu__inomap_t;


static int
inomap_add(psu__inomap_t *m, uint64_t inode, int64_t pid, int fd) {
  if (m->n == m->cap) {
    size_t nc = m->cap ? m->cap * 2 : 256;
    psu__ino_t *nv = psu__realloc(m->v, nc * sizeof(*nv));
    if (nv == NULL)
      return -1;
    m->v = nv;
    m->cap = nc;
  }
  m->v[m->n].inode = inode;
  m->v[m->n].pid = pid;
  m->v[m->n].fd = fd;
  m->v[m->n].seq = (uint32_t)m->n;
  m->n++;
  return 0;
}


static int
parse_pos(const char *s, int64_t *out) {
  int64_t v = 0;

  if (*s == '\0')
    return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > INT64_MAX / 10)
      return -1;
    v = v * 10 + (*s - '0');
  }
  *out = v;
  return 0;
}


/* Add the sockets of one process. Returns -1 only on ENOMEM; -2 when the
 * fd directory could not be opened (errno set). */
static int
inomap_scan_pid(psu__inomap_t *m, int procfd, const char *pidname,
                int64_t pid) {
  char sub[64], link[64];
  int dfd;
  DIR *d;
  struct dirent *de;

  psu__path(sub, sizeof(sub), "%s/fd", pidname);
  dfd = openat(procfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    return -2;
  d = fdopendir(dfd);
  if (d == NULL) {
    close(dfd);
    return -2;
  }
  while ((de = readdir(d)) != NULL) {
    int64_t fd;
    ssize_t r;
    uint64_t ino = 0;
    const char *p;

    if (de->d_name[0] == '.' || parse_pos(de->d_name, &fd) != 0)
      continue;
    r = readlinkat(dfd, de->d_name, link, sizeof(link) - 1);
    if (r < 0 && (errno == EACCES || errno == EPERM)) {
      /* The fds of this process are not readable (psutil: AccessDenied
       * for one pid; the system-wide scan ignores -2). */
      int e = errno;
      closedir(d);
      errno = e;
      return -2;
    }
    if (r < 9 || memcmp(link, "socket:[", 8) != 0)
      continue;
    link[r] = '\0';
    for (p = link + 8; *p >= '0' && *p <= '9'; p++)
      ino = ino * 10 + (uint64_t)(*p - '0');
    if (*p != ']')
      continue;
    if (inomap_add(m, ino, pid, (int)fd) != 0) {
      closedir(d);
      return -1;
    }
  }
  closedir(d);
  return 0;
}


static int
ino_cmp(const void *a, const void *b) {
  const psu__ino_t *x = a, *y = b;

  if (x->inode != y->inode)
    return x->inode < y->inode ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}


/* First entry of inode in the sorted map, or NULL. */
static const psu__ino_t *
inomap_find(const psu__inomap_t *m, uint64_t inode) {
  size_t lo = 0, hi = m->n;

  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->v[mid].inode < inode)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < m->n && m->v[lo].inode == inode)
    return &m->v[lo];
  return NULL;
}


static int
inomap_build(psu__inomap_t *m, int64_t pid, psu_err_t *err) {
  char proc[PSU_ROOT_MAX];
  int procfd;

  psu__procfs_root(proc);
  procfd = open(proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (procfd < 0)
    return psu__set_err(err, PSU_ESYS, errno, "open(%s)", proc);
  if (pid >= 0) {
    char name[32];
    int rc;
    psu__path(name, sizeof(name), "%lld", (long long)pid);
    rc = inomap_scan_pid(m, procfd, name, pid);
    if (rc == -2) {
      int e = errno;
      close(procfd);
      if (e == ENOENT || e == ESRCH)
        return psu__set_err(err, PSU_ENOSUCHPROC, e, "open(%s/%s/fd)", proc,
                            name);
      if (e == EACCES || e == EPERM)
        return psu__set_err(err, PSU_EACCESS, e, "open(%s/%s/fd)", proc,
                            name);
      return psu__set_err(err, PSU_ESYS, e, "open(%s/%s/fd)", proc, name);
    }
    if (rc == -1) {
      close(procfd);
      return psu__set_err(err, PSU_ENOMEM, 0, "inode map");
    }
  } else {
    int dfd = dup(procfd);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    struct dirent *de;
    if (d == NULL) {
      int e = errno;
      if (dfd >= 0)
        close(dfd);
      close(procfd);
      return psu__set_err(err, PSU_ESYS, e, "opendir(%s)", proc);
    }
    while ((de = readdir(d)) != NULL) {
      int64_t p;
      if (parse_pos(de->d_name, &p) != 0)
        continue;
      if (inomap_scan_pid(m, procfd, de->d_name, p) == -1) {
        closedir(d);
        close(procfd);
        return psu__set_err(err, PSU_ENOMEM, 0, "inode map");
      }
    }
    closedir(d);
  }
  close(procfd);
  if (m->n > 1)
    qsort(m->v, m->n, sizeof(*m->v), ino_cmp);
  return 0;
}


/* ---- results ------------------------------------------------------------ */

typedef struct {
  psu_sockdiag_conn_t *v;
  size_t n, cap;
} psu__conns_t;


static psu_sockdiag_conn_t *
conns_push(psu__conns_t *c) {
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 64;
    psu_sockdiag_conn_t *nv = psu__realloc(c->v, nc * sizeof(*nv));
    if (nv == NULL)
      return NULL;
    c->v = nv;
    c->cap = nc;
  }
  memset(&c->v[c->n], 0, sizeof(c->v[0]));
  return &c->v[c->n++];
}


/* ---- netlink dump --------------------------------------------------------- */

static int
nl_error(int e, const char *what, psu_err_t *err) {
  /* ENOENT: the *_diag module for this family is missing. EPROTONOSUPPORT,
   * EAFNOSUPPORT, ENOSYS: no sock_diag at all. */
  if (e == ENOENT || e == EPROTONOSUPPORT || e == EAFNOSUPPORT ||
      e == ENOSYS || e == EOPNOTSUPP)
    return psu__set_err(err, PSU_ENOTSUP, e, "%s", what);
  if (e == EACCES || e == EPERM)
    return psu__set_err(err, PSU_EACCESS, e, "%s", what);
  return psu__set_err(err, PSU_ESYS, e, "%s", what);
}


typedef int (*psu__nl_cb)(const struct nlmsghdr *h, void *ctx);


/* Send one dump request and feed every reply message to cb. */
static int
nl_dump(int sock, void *req, size_t reqlen, char *buf, psu__nl_cb cb,
        void *ctx, const char *what, psu_err_t *err) {
  struct sockaddr_nl sa;
  ssize_t r;

  memset(&sa, 0, sizeof(sa));
  sa.nl_family = AF_NETLINK;
  do {
    r = sendto(sock, req, reqlen, 0, (struct sockaddr *)&sa, sizeof(sa));
  } while (r < 0 && errno == EINTR);
  if (r < 0)
    return nl_error(errno, what, err);
  for (;;) {
    struct nlmsghdr *h;
    do {
      r = recv(sock, buf, PSU__NL_BUF, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
      return nl_error(errno, what, err);
    if (r == 0)
      return psu__set_err(err, PSU_EPARSE, 0, "%s: EOF", what);
    for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)r);
         h = NLMSG_NEXT(h, r)) {
      if (h->nlmsg_type == NLMSG_DONE)
        return 0;
      if (h->nlmsg_type == NLMSG_ERROR) {
        const struct nlmsgerr *e = NLMSG_DATA(h);
        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
          return psu__set_err(err, PSU_EPARSE, 0, "%s: short error", what);
        if (e->error == 0)
          continue;
        return nl_error(-e->error, what, err);
      }
      if (cb(h, ctx) != 0)
        return psu__set_err(err, PSU_ENOMEM, 0, "%s", what);
    }
  }
}


typedef struct {
  psu__conns_t *out;
  const psu__inomap_t *map;
  int64_t pid;   /* filter, -1 = none */
  int family;
  int type;
} psu__dump_ctx_t;


static int
inet_cb(const struct nlmsghdr *h, void *vctx) {
  psu__dump_ctx_t *ctx = vctx;
  const struct inet_diag_msg *m = NLMSG_DATA(h);
  const psu__ino_t *own;
  psu_sockdiag_conn_t *c;

  if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
    return 0;
  own = inomap_find(ctx->map, m->idiag_inode);
  if (ctx->pid >= 0 && (own == NULL || m->idiag_inode == 0))
    return 0;
  if (m->idiag_inode == 0)
    own = NULL; /* TIME_WAIT and request sockets have no inode */
  c = conns_push(ctx->out);
  if (c == NULL)
    return -1;
  c->family = ctx->family;
  c->type = ctx->type;
  c->state = ctx->type == SOCK_STREAM ? m->idiag_state : 0;
  c->inode = m->idiag_inode;
  c->fd = own ? own->fd : -1;
  c->pid = own ? own->pid : -1;
  c->lport = ntohs(m->id.idiag_sport);
  c->rport = ntohs(m->id.idiag_dport);
  inet_ntop(ctx->family, m->id.idiag_src, c->lip, sizeof(c->lip));
  inet_ntop(ctx->family, m->id.idiag_dst, c->rip, sizeof(c->rip));
  return 0;
}


static int
unix_cb(const struct nlmsghdr *h, void *vctx) {
  psu__dump_ctx_t *ctx = vctx;
  const struct unix_diag_msg *m = NLMSG_DATA(h);
  const struct rtattr *a;
  const psu__ino_t *own;
  char path[112];
  int alen;

  if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
    return 0;
  path[0] = '\0';
  alen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
  for (a = (const struct rtattr *)(m + 1); RTA_OK(a, alen);
       a = RTA_NEXT(a, alen)) {
    if (a->rta_type == UNIX_DIAG_NAME) {
      const char *s = RTA_DATA(a);
      size_t l = RTA_PAYLOAD(a), i;
      if (l >= sizeof(path))
        l = sizeof(path) - 1;
      memcpy(path, s, l);
      path[l] = '\0';
      if (l > 0 && s[0] == '\0') {
        /* abstract: shown as /proc/net/unix does, NULs become '@' */
        for (i = 0; i < l; i++)
          if (path[i] == '\0')
            path[i] = '@';
      } else {
        path[strnlen(path, l)] = '\0';
      }
    }
  }
  own = inomap_find(ctx->map, m->udiag_ino);
  if (ctx->pid >= 0 && own == NULL)
    return 0;
  do {
    psu_sockdiag_conn_t *c = conns_push(ctx->out);
    if (c == NULL)
      return -1;
    c->family = AF_UNIX;
    c->type = m->udiag_type;
    c->inode = m->udiag_ino;
    c->fd = own ? own->fd : -1;
    c->pid = own ? own->pid : -1;
    memcpy(c->path, path, sizeof(c->path));
    if (own != NULL) {
      own++;
      if (own >= ctx->map->v + ctx->map->n || own->inode != m->udiag_ino)
        own = NULL;
    }
  } while (own != NULL);
  return 0;
}


int
psu_net_connections_netlink(unsigned mask, int64_t pid,
                            psu_sockdiag_conn_t **out, size_t *n,
                            psu_err_t *err) {
  static const struct {
    unsigned bit;
    int family, proto, type;
  } inet[] = {
      {PSU_SOCKDIAG_TCP4, AF_INET, IPPROTO_TCP, SOCK_STREAM},
      {PSU_SOCKDIAG_TCP6, AF_INET6, IPPROTO_TCP, SOCK_STREAM},
      {PSU_SOCKDIAG_UDP4, AF_INET, IPPROTO_UDP, SOCK_DGRAM},
      {PSU_SOCKDIAG_UDP6, AF_INET6, IPPROTO_UDP, SOCK_DGRAM},
  };
  psu__inomap_t map = {NULL, 0, 0};
  psu__conns_t res = {NULL, 0, 0};
  psu__dump_ctx_t ctx;
  char *buf = NULL;
  int sock = -1, rc;
  size_t i;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_connections_netlink");
  sock = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (sock < 0)
    return nl_error(errno, "socket(NETLINK_SOCK_DIAG)", err);
  buf = psu__malloc(PSU__NL_BUF);
  if (buf == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_net_connections_netlink");
    goto error;
  }
  if (pid != PSU_SOCKDIAG_NO_OWNER) {
    rc = inomap_build(&map, pid, err);
    if (rc != 0)
      goto error;
  } else {
    pid = -1;
  }
  ctx.out = &res;
  ctx.map = &map;
  ctx.pid = pid;
  for (i = 0; i < PSU__ARRAY_SIZE(inet); i++) {
    struct {
      struct nlmsghdr nlh;
      struct inet_diag_req_v2 r;
    } req;
    if (!(mask & inet[i].bit))
      continue;
    memset(&req, 0, sizeof(req));
    req.nlh.nlmsg_len = sizeof(req);
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.nlh.nlmsg_seq = (uint32_t)i + 1;
    req.r.sdiag_family = (uint8_t)inet[i].family;
    req.r.sdiag_protocol = (uint8_t)inet[i].proto;
    req.r.idiag_states = ~0u;
    ctx.family = inet[i].family;
    ctx.type = inet[i].type;
    rc = nl_dump(sock, &req, sizeof(req), buf, inet_cb, &ctx,
                 inet[i].proto == IPPROTO_TCP ? "inet_diag(tcp)"
                                              : "inet_diag(udp)",
                 err);
    if (rc != 0)
      goto error;
  }
  if (mask & PSU_SOCKDIAG_UNIX) {
    struct {
      struct nlmsghdr nlh;
      struct unix_diag_req r;
    } req;
    memset(&req, 0, sizeof(req));
    req.nlh.nlmsg_len = sizeof(req);
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.nlh.nlmsg_seq = 100;
    req.r.sdiag_family = AF_UNIX;
    req.r.udiag_states = ~0u;
    req.r.udiag_show = UDIAG_SHOW_NAME;
    ctx.family = AF_UNIX;
    ctx.type = 0;
    rc = nl_dump(sock, &req, sizeof(req), buf, unix_cb, &ctx, "unix_diag",
                 err);
    if (rc != 0)
      goto error;
  }
  *out = res.v;
  *n = res.n;
  res.v = NULL;
  rc = 0;

error:
  if (sock >= 0)
    close(sock);
  psu__free(buf);
  psu__free(map.v);
  psu__free(res.v);
  return rc;
}
