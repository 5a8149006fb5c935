/* linux_conn.c: sockets from /proc/net/{tcp,tcp6,udp,udp6,unix}, mapped to
 * their owning (pid, fd) through the "socket:[inode]" links of
 * /proc/PID/fd (psutil's _pslinux.NetConnections). */
#include "linux-proc-internal.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define PATH_CAP (PSU_ROOT_MAX + 96)

static int
hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}


/* Parse n hex digits into *v. */
static int
hex_u32(const char *p, const char *end, int n, uint32_t *v) {
  uint32_t x = 0;
  if (end - p < n)
    return -1;
  for (int i = 0; i < n; i++) {
    int h = hexval(p[i]);
    if (h < 0)
      return -1;
    x = (x << 4) | (uint32_t)h;
  }
  *v = x;
  return 0;
}


/* "ADDR:PORT" in the kernel's hex: each 32-bit word printed as a host
 * integer, so copying the words back in host order restores the bytes. */
static int
decode_addr(const char *p, const char *end, int ipv6, char *ip, size_t cap,
            int32_t *port) {
  uint32_t w[4], pt;
  int nw = ipv6 ? 4 : 1;
  for (int i = 0; i < nw; i++) {
    if (hex_u32(p + 8 * i, end, 8, &w[i]) != 0)
      return -1;
  }
  p += 8 * nw;
  if (p >= end || *p != ':')
    return -1;
  p++;
  if (hex_u32(p, end, 4, &pt) != 0)
    return -1;
  *port = (int32_t)pt;
  if (ipv6) {
    struct in6_addr a;
    memcpy(&a, w, 16);
    if (inet_ntop(AF_INET6, &a, ip, (socklen_t)cap) == NULL)
      return -1;
  } else {
    struct in_addr a;
    memcpy(&a, w, 4);
    if (inet_ntop(AF_INET, &a, ip, (socklen_t)cap) == NULL)
      return -1;
  }
  return 0;
}


/* Next whitespace-separated token of [*pp, end). */
static int
token(const char **pp, const char *end, const char **t, size_t *tl) {
  const char *p = *pp;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p >= end || *p == '\n')
    return -1;
  *t = p;
  while (p < end && *p != ' ' && *p != '\t' && *p != '\n')
    p++;
  *tl = (size_t)(p - *t);
  *pp = p;
  return 0;
}


static int
dec_u64(const char *t, size_t tl, uint64_t *v) {
  uint64_t x = 0;
  if (tl == 0)
    return -1;
  for (size_t i = 0; i < tl; i++) {
    if (t[i] < '0' || t[i] > '9')
      return -1;
    x = x * 10 + (uint64_t)(t[i] - '0');
  }
  *v = x;
  return 0;
}


int
psu__linux_parse_inet_line(const char *line, size_t len, int ipv6,
                           psu__linux_inet_line_t *out) {
  const char *p = line, *end = line + len, *t;
  size_t tl;
  uint32_t st;

  memset(out, 0, sizeof(*out));
  if (token(&p, end, &t, &tl) != 0) /* sl */
    return PSU_EPARSE;
  if (token(&p, end, &t, &tl) != 0 ||
      decode_addr(t, t + tl, ipv6, out->laddr, sizeof(out->laddr),
                  &out->lport) != 0)
    return PSU_EPARSE;
  if (token(&p, end, &t, &tl) != 0 ||
      decode_addr(t, t + tl, ipv6, out->raddr, sizeof(out->raddr),
                  &out->rport) != 0)
    return PSU_EPARSE;
  if (token(&p, end, &t, &tl) != 0 || tl != 2 ||
      hex_u32(t, t + tl, 2, &st) != 0)
    return PSU_EPARSE;
  out->state = (int32_t)st;
  for (int i = 0; i < 5; i++) /* tx:rx tr:when retrnsmt uid timeout */
    if (token(&p, end, &t, &tl) != 0)
      return PSU_EPARSE;
  if (token(&p, end, &t, &tl) != 0 || dec_u64(t, tl, &out->inode) != 0)
    return PSU_EPARSE;
  return 0;
}


int
psu__linux_parse_unix_line(const char *line, size_t len,
                           psu__linux_unix_line_t *out) {
  const char *p = line, *end = line + len, *t;
  size_t tl;
  uint64_t v;

  memset(out, 0, sizeof(*out));
  for (int i = 0; i < 4; i++) /* Num RefCount Protocol Flags */
    if (token(&p, end, &t, &tl) != 0)
      return PSU_EPARSE;
  if (token(&p, end, &t, &tl) != 0 || dec_u64(t, tl, &v) != 0) /* Type */
    return PSU_EPARSE;
  out->type = (int32_t)v;
  if (token(&p, end, &t, &tl) != 0) /* St */
    return PSU_EPARSE;
  {
    uint32_t s = 0;
    if (hex_u32(t, t + tl, (int)tl > 8 ? 8 : (int)tl, &s) == 0)
      out->state = (int32_t)s;
  }
  if (token(&p, end, &t, &tl) != 0 || dec_u64(t, tl, &out->inode) != 0)
    return PSU_EPARSE;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  out->path = p;
  out->path_len = (size_t)(end - p);
  while (out->path_len > 0 && (out->path[out->path_len - 1] == '\n' ||
                               out->path[out->path_len - 1] == '\r'))
    out->path_len--;
  return 0;
}

/* ------------------------------------------------------------ inode map */

typedef struct {
  uint64_t inode;
  int64_t pid, fd;
} owner_t;

typedef struct {
  owner_t *v;
  size_t n, cap;
} owners_t;


static int
owners_add(owners_t *o, uint64_t inode, int64_t pid, int64_t fd) {
  if (o->n == o->cap) {
    size_t nc = o->cap ? o->cap * 2 : 256;
    owner_t *nv = psu__realloc(o->v, nc * sizeof(*nv));
    if (nv == NULL)
      return -1;
    o->v = nv;
    o->cap = nc;
  }
  o->v[o->n].inode = inode;
  o->v[o->n].pid = pid;
  o->v[o->n].fd = fd;
  o->n++;
  return 0;
}


static int
cmp_owner(const void *a, const void *b) {
  const owner_t *x = a, *y = b;
  if (x->inode != y->inode)
    return x->inode < y->inode ? -1 : 1;
  if (x->pid != y->pid)
    return x->pid < y->pid ? -1 : 1;
  return (x->fd > y->fd) - (x->fd < y->fd);
}


static int
is_num(const char *s, int64_t *v) {
  int64_t x = 0;
  if (*s == '\0')
    return 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return 0;
    x = x * 10 + (*s - '0');
    if (x > INT32_MAX)
      return 0;
  }
  *v = x;
  return 1;
}


/* Socket inodes of one pid. Returns 0, or a PSU code for the fd dir. */
static int
scan_pid_fds(const char *root, int64_t pid, owners_t *o, psu_err_t *err) {
  char path[PATH_CAP], link[64];
  DIR *d;
  struct dirent *de;
  int64_t fd;

  if (psu__path(path, sizeof(path), "%s/%lld/fd", root, (long long)pid) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  d = opendir(path);
  if (d == NULL)
    return psu__linux_proc_err(root, pid, errno, "opendir(fd)", err);
  while ((de = readdir(d)) != NULL) {
    ssize_t r;
    uint64_t ino = 0;
    if (!is_num(de->d_name, &fd))
      continue;
    if (psu__path(path, sizeof(path), "%s/%lld/fd/%s", root, (long long)pid,
                  de->d_name) < 0)
      continue;
    r = readlink(path, link, sizeof(link) - 1);
    if (r < 0 && (errno == EACCES || errno == EPERM)) {
      int e = errno;
      closedir(d);
      return psu__set_err(err, PSU_EACCESS, e, "readlink(fd)");
    }
    if (r < 8)
      continue;
    link[r] = '\0';
    if (memcmp(link, "socket:[", 8) != 0)
      continue;
    for (const char *q = link + 8; *q >= '0' && *q <= '9'; q++)
      ino = ino * 10 + (uint64_t)(*q - '0');
    if (owners_add(o, ino, pid, fd) != 0) {
      closedir(d);
      return psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
    }
  }
  closedir(d);
  return 0;
}

/* ------------------------------------------------------------ output */

typedef struct {
  psu_conn_t *v;
  size_t n, cap;
} conns_t;


static psu_conn_t *
conns_push(conns_t *c) {
  if (c->n == c->cap) {
    size_t nc = c->cap ? c->cap * 2 : 64;
    psu_conn_t *nv = psu__realloc(c->v, nc * sizeof(*nv));
    if (nv == NULL)
      return NULL;
    c->v = nv;
    c->cap = nc;
  }
  memset(&c->v[c->n], 0, sizeof(c->v[0]));
  return &c->v[c->n++];
}


/* Emit one connection per owner of inode (or one with pid/fd -1 when none
 * and all processes are wanted). */
static int
emit(conns_t *c, const owners_t *o, uint64_t inode, int only_owned,
     const psu_conn_t *tmpl) {
  owner_t key = {inode, INT64_MIN, INT64_MIN};
  size_t lo = 0, hi = o->n;
  int found = 0;
  while (lo < hi) { /* first owner with this inode */
    size_t mid = (lo + hi) / 2;
    if (cmp_owner(&o->v[mid], &key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t i = lo; i < o->n && o->v[i].inode == inode; i++) {
    psu_conn_t *d;
    if (i > lo && o->v[i].pid == o->v[i - 1].pid && o->v[i].fd == o->v[i - 1].fd)
      continue;
    d = conns_push(c);
    if (d == NULL)
      return -1;
    *d = *tmpl;
    d->pid = o->v[i].pid;
    d->fd = o->v[i].fd;
    found = 1;
  }
  if (!found && !only_owned) {
    psu_conn_t *d = conns_push(c);
    if (d == NULL)
      return -1;
    *d = *tmpl;
    d->pid = -1;
    d->fd = -1;
  }
  return 0;
}


static int
read_net(const char *root, const char *name, char **buf, size_t *len,
         psu_err_t *err) {
  char path[PATH_CAP];
  if (psu__path(path, sizeof(path), "%s/net/%s", root, name) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  if (psu__read_file(path, buf, len, 0) != 0) {
    if (errno == ENOENT)
      return 1; /* e.g. IPv6 disabled */
    return psu__set_err(err, errno == EACCES ? PSU_EACCESS : PSU_ESYS, errno,
                        "read(%s)", path);
  }
  return 0;
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  static const struct {
    const char *file;
    unsigned bit;
    int family, type, ipv6;
  } inet[] = {
      {"tcp", PSU_CONN_TCP4, AF_INET, SOCK_STREAM, 0},
      {"tcp6", PSU_CONN_TCP6, AF_INET6, SOCK_STREAM, 1},
      {"udp", PSU_CONN_UDP4, AF_INET, SOCK_DGRAM, 0},
      {"udp6", PSU_CONN_UDP6, AF_INET6, SOCK_DGRAM, 1},
  };
  char root[PSU_ROOT_MAX];
  owners_t o = {NULL, 0, 0};
  conns_t c = {NULL, 0, 0};
  char *buf = NULL;
  size_t len;
  int rc;

  *out = NULL;
  *n = 0;
  psu__procfs_root(root);
  if (pid >= 0) {
    if (pid > INT32_MAX)
      return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid out of range");
    if ((rc = scan_pid_fds(root, pid, &o, err)) != 0)
      goto error;
  } else {
    DIR *d = opendir(root);
    struct dirent *de;
    int64_t p;
    psu_err_t ignored;
    if (d == NULL) {
      rc = psu__set_err(err, PSU_ESYS, errno, "opendir(%s)", root);
      goto error;
    }
    while ((de = readdir(d)) != NULL) {
      if (!is_num(de->d_name, &p))
        continue;
      rc = scan_pid_fds(root, p, &o, &ignored);
      if (rc == PSU_ENOMEM) {
        closedir(d);
        if (err)
          *err = ignored;
        goto error;
      }
    }
    closedir(d);
  }
  if (o.n > 1)
    qsort(o.v, o.n, sizeof(*o.v), cmp_owner);
  if (pid >= 0 && o.n == 0)
    goto done; /* no sockets: don't read /proc/net at all */

  for (size_t k = 0; k < PSU__ARRAY_SIZE(inet); k++) {
    const char *p, *end, *nl;
    if (!(kind & inet[k].bit))
      continue;
    rc = read_net(root, inet[k].file, &buf, &len, err);
    if (rc == 1)
      continue;
    if (rc != 0)
      goto error;
    end = buf + len;
    p = memchr(buf, '\n', len); /* skip the header */
    p = p ? p + 1 : end;
    for (; p < end; p = nl + 1) {
      psu__linux_inet_line_t l;
      psu_conn_t t;
      nl = memchr(p, '\n', (size_t)(end - p));
      if (nl == NULL)
        nl = end;
      if (psu__linux_parse_inet_line(p, (size_t)(nl - p), inet[k].ipv6, &l) != 0)
        continue;
      memset(&t, 0, sizeof(t));
      t.family = inet[k].family;
      t.type = inet[k].type;
      if (l.lport != 0) {
        psu__strlcpy(t.laddr, l.laddr, sizeof(t.laddr));
        t.lport = l.lport;
      }
      if (l.rport != 0) {
        psu__strlcpy(t.raddr, l.raddr, sizeof(t.raddr));
        t.rport = l.rport;
      }
      t.status = inet[k].type == SOCK_STREAM ? l.state : 0;
      if (emit(&c, &o, l.inode, pid >= 0, &t) != 0) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
        goto error;
      }
    }
    psu__free(buf);
    buf = NULL;
  }

  if (kind & PSU_CONN_UNIX) {
    const char *p, *end, *nl;
    rc = read_net(root, "unix", &buf, &len, err);
    if (rc < 0)
      goto error;
    if (rc == 0) {
      end = buf + len;
      p = memchr(buf, '\n', len);
      p = p ? p + 1 : end;
      for (; p < end; p = nl + 1) {
        psu__linux_unix_line_t l;
        psu_conn_t t;
        size_t pl;
        nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
          nl = end;
        if (psu__linux_parse_unix_line(p, (size_t)(nl - p), &l) != 0)
          continue;
        memset(&t, 0, sizeof(t));
        t.family = AF_UNIX;
        t.type = l.type;
        pl = l.path_len < sizeof(t.laddr) - 1 ? l.path_len : sizeof(t.laddr) - 1;
        memcpy(t.laddr, l.path, pl);
        t.laddr[pl] = '\0';
        if (emit(&c, &o, l.inode, pid >= 0, &t) != 0) {
          rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
          goto error;
        }
      }
      psu__free(buf);
      buf = NULL;
    }
  }

done:
  psu__free(o.v);
  *out = c.v;
  *n = c.n;
  return 0;

error:
  psu__free(buf);
  psu__free(o.v);
  psu__free(c.v);
  return rc;
}
