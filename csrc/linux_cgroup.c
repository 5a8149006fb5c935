/* linux_cgroup.c: cgroup v1/v2 membership, limits and usage. */
#include "linux-cgroup-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define PSU__CG_V1_HUGE ((uint64_t)1 << 62)
#define PSU__CG_MAX_LINES 64
#define PSU__CG_MAX_DEPTH 64


/* ---- buffer parsers ---------------------------------------------------- */

/* Next line of [p, end): sets ls and le, returns the next start. */
static const char *
next_line(const char *p, const char *end, const char **ls, const char **le) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));

  *ls = p;
  *le = nl ? nl : end;
  return nl ? nl + 1 : end;
}


static int
copy_span(char *dst, size_t cap, const char *s, const char *e) {
  size_t n = (size_t)(e - s);

  if (n >= cap)
    return -1;
  memcpy(dst, s, n);
  dst[n] = '\0';
  return 0;
}


/* Parse an unsigned decimal in [*p, end); advances *p. -1 if none. */
static int
parse_u64(const char **p, const char *end, uint64_t *out) {
  const char *s = *p;
  uint64_t v = 0;

  if (s >= end || *s < '0' || *s > '9')
    return -1;
  while (s < end && *s >= '0' && *s <= '9') {
    unsigned d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10)
      v = UINT64_MAX; /* saturate */
    else
      v = v * 10 + d;
    s++;
  }
  *p = s;
  *out = v;
  return 0;
}


int
psu__linux_parse_cgroup_procfile(const char *buf, size_t len,
                                 psu__cg_line_t *out, size_t cap,
                                 size_t *n) {
  const char *p = buf, *end = buf + len, *ls, *le;
  size_t count = 0;

  while (p < end) {
    const char *c1, *c2, *q;
    uint64_t id;

    p = next_line(p, end, &ls, &le);
    if (ls == le)
      continue;
    c1 = memchr(ls, ':', (size_t)(le - ls));
    if (c1 == NULL)
      return PSU_EPARSE;
    c2 = memchr(c1 + 1, ':', (size_t)(le - c1 - 1));
    if (c2 == NULL)
      return PSU_EPARSE;
    q = ls;
    if (parse_u64(&q, c1, &id) != 0 || q != c1)
      return PSU_EPARSE;
    if (count < cap) {
      psu__cg_line_t *l = &out[count];
      l->id = (int64_t)id;
      if (copy_span(l->controllers, sizeof(l->controllers), c1 + 1, c2) != 0 ||
          copy_span(l->path, sizeof(l->path), c2 + 1, le) != 0)
        return PSU_EPARSE;
    }
    count++;
  }
  *n = count;
  return 0;
}


/* Copy a mountinfo field, decoding the \ooo octal escapes. */
static int
unescape_field(char *dst, size_t cap, const char *s, const char *e) {
  size_t o = 0;

  while (s < e) {
    char c = *s++;
    if (c == '\\' && e - s >= 3 && s[0] >= '0' && s[0] <= '3' &&
        s[1] >= '0' && s[1] <= '7' && s[2] >= '0' && s[2] <= '7') {
      c = (char)((s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0'));
      s += 3;
    }
    if (o + 1 >= cap)
      return -1;
    dst[o++] = c;
  }
  dst[o] = '\0';
  return 0;
}


int
psu__linux_parse_cgroup_mountinfo(const char *buf, size_t len,
                                  psu__cg_mount_t *out, size_t cap,
                                  size_t *n) {
  const char *p = buf, *end = buf + len, *ls, *le;
  size_t count = 0;

  while (p < end) {
    const char *f[64][2];
    size_t nf = 0, dash = 0, i;
    const char *s;

    p = next_line(p, end, &ls, &le);
    s = ls;
    while (s < le && nf < PSU__ARRAY_SIZE(f)) {
      while (s < le && *s == ' ')
        s++;
      if (s >= le)
        break;
      f[nf][0] = s;
      while (s < le && *s != ' ')
        s++;
      f[nf][1] = s;
      nf++;
    }
    for (i = 6; i < nf; i++) {
      if (f[i][1] - f[i][0] == 1 && f[i][0][0] == '-') {
        dash = i;
        break;
      }
    }
    if (dash == 0 || dash + 3 > nf)
      continue; /* not a mountinfo line we understand: skip it */
    {
      const char *ts = f[dash + 1][0];
      size_t tl = (size_t)(f[dash + 1][1] - ts);
      int v2;
      if (tl == 7 && memcmp(ts, "cgroup2", 7) == 0)
        v2 = 1;
      else if (tl == 6 && memcmp(ts, "cgroup", 6) == 0)
        v2 = 0;
      else
        continue;
      if (count < cap) {
        psu__cg_mount_t *m = &out[count];
        m->v2 = v2;
        if (unescape_field(m->root, sizeof(m->root), f[3][0], f[3][1]) != 0 ||
            unescape_field(m->point, sizeof(m->point), f[4][0], f[4][1]) !=
                0)
          continue;
        m->opts[0] = '\0';
        if (dash + 3 < nf)
          copy_span(m->opts, sizeof(m->opts), f[dash + 3][0], f[dash + 3][1]);
      }
      count++;
    }
  }
  *n = count;
  return 0;
}


/* Is tok (length tl) one of the comma-separated items of list? */
static int
list_has(const char *list, const char *tok, size_t tl) {
  const char *s = list;

  while (*s) {
    const char *c = strchr(s, ',');
    size_t l = c ? (size_t)(c - s) : strlen(s);
    if (l == tl && memcmp(s, tok, tl) == 0)
      return 1;
    if (c == NULL)
      break;
    s = c + 1;
  }
  return 0;
}


/* Every controller of a /proc/PID/cgroup line is in the mount options. */
static int
mount_matches(const psu__cg_line_t *line, const psu__cg_mount_t *m) {
  const char *s = line->controllers;

  if (line->controllers[0] == '\0')
    return m->v2;
  if (m->v2)
    return 0;
  while (*s) {
    const char *c = strchr(s, ',');
    size_t l = c ? (size_t)(c - s) : strlen(s);
    if (l > 0 && !list_has(m->opts, s, l))
      return 0;
    if (c == NULL)
      break;
    s = c + 1;
  }
  return 1;
}


void
psu__linux_cgroup_resolve(const psu__cg_line_t *line,
                          const psu__cg_mount_t *mounts, size_t nm,
                          const char *sysroot, char *dir, size_t cap) {
  size_t i;

  dir[0] = '\0';
  /* In a cgroup namespace, cgroups outside it show as "/../x": they are
   * not below any mount we can see. */
  {
    size_t pl = strlen(line->path);
    if (strstr(line->path, "/../") != NULL ||
        (pl >= 3 && strcmp(line->path + pl - 3, "/..") == 0))
      return;
  }
  for (i = 0; i < nm; i++) {
    const psu__cg_mount_t *m = &mounts[i];
    const char *rel, *point = m->point;
    size_t rl = strlen(m->root);
    char prefix[PSU_ROOT_MAX];

    if (!mount_matches(line, m))
      continue;
    if (strcmp(m->root, "/") == 0) {
      rel = line->path;
    } else if (strncmp(line->path, m->root, rl) == 0 &&
               (line->path[rl] == '\0' || line->path[rl] == '/')) {
      rel = line->path + rl;
    } else {
      continue; /* this mount shows another part of the hierarchy */
    }
    prefix[0] = '\0';
    if (strncmp(point, "/sys", 4) == 0 && (point[4] == '/' || !point[4])) {
      psu__strlcpy(prefix, sysroot, sizeof(prefix));
      point += 4;
    }
    if (strcmp(rel, "/") == 0)
      rel = "";
    if (psu__path(dir, cap, "%s%s%s", prefix, point, rel) < 0)
      dir[0] = '\0';
    return;
  }
}


int
psu__linux_parse_cgroup_kv(const char *buf, size_t len, const char *key,
                           uint64_t *out) {
  const char *p = buf, *end = buf + len, *ls, *le;
  size_t kl = strlen(key);

  while (p < end) {
    const char *v;
    p = next_line(p, end, &ls, &le);
    if ((size_t)(le - ls) <= kl || memcmp(ls, key, kl) != 0 || ls[kl] != ' ')
      continue;
    v = ls + kl;
    while (v < le && *v == ' ')
      v++;
    if (parse_u64(&v, le, out) != 0)
      return -1;
    return 0;
  }
  return -1;
}


int
psu__linux_parse_cgroup_limit(const char *buf, size_t len, int64_t *out) {
  const char *p = buf, *end = buf + len;
  uint64_t v;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (end - p >= 3 && memcmp(p, "max", 3) == 0) {
    *out = PSU_CGROUP_UNLIMITED;
    return 0;
  }
  if (p < end && *p == '-') {
    p++;
    if (parse_u64(&p, end, &v) != 0)
      return PSU_EPARSE;
    *out = PSU_CGROUP_UNLIMITED;
    return 0;
  }
  if (parse_u64(&p, end, &v) != 0)
    return PSU_EPARSE;
  *out = v >= PSU__CG_V1_HUGE ? PSU_CGROUP_UNLIMITED : (int64_t)v;
  return 0;
}


int
psu__linux_parse_cgroup_cpumax(const char *buf, size_t len, int64_t *quota,
                               uint64_t *period) {
  const char *p = buf, *end = buf + len, *sp;

  sp = memchr(p, ' ', len);
  if (sp == NULL)
    return PSU_EPARSE;
  if (psu__linux_parse_cgroup_limit(p, (size_t)(sp - p), quota) != 0)
    return PSU_EPARSE;
  p = sp + 1;
  if (parse_u64(&p, end, period) != 0)
    return PSU_EPARSE;
  return 0;
}


/* "MAJ:MIN" at *p; advances past it. */
static int
parse_dev(const char **p, const char *end, uint32_t *maj, uint32_t *min) {
  uint64_t a, b;

  if (parse_u64(p, end, &a) != 0 || *p >= end || **p != ':')
    return -1;
  (*p)++;
  if (parse_u64(p, end, &b) != 0)
    return -1;
  *maj = (uint32_t)a;
  *min = (uint32_t)b;
  return 0;
}


int
psu__linux_parse_cgroup_iostat(const char *buf, size_t len,
                               psu_cgroup_io_t *out, size_t cap,
                               size_t *n) {
  const char *p = buf, *end = buf + len, *ls, *le;
  size_t count = 0;

  while (p < end) {
    psu_cgroup_io_t io;
    const char *s;

    p = next_line(p, end, &ls, &le);
    if (ls == le)
      continue;
    memset(&io, 0, sizeof(io));
    s = ls;
    if (parse_dev(&s, le, &io.major, &io.minor) != 0)
      return PSU_EPARSE;
    while (s < le) {
      const char *k, *eq;
      uint64_t v;
      while (s < le && *s == ' ')
        s++;
      k = s;
      while (s < le && *s != ' ')
        s++;
      eq = memchr(k, '=', (size_t)(s - k));
      if (eq == NULL)
        continue;
      {
        const char *vp = eq + 1;
        size_t kl = (size_t)(eq - k);
        if (parse_u64(&vp, s, &v) != 0)
          continue; /* e.g. cost.* floats: ignored */
        if (kl == 6 && memcmp(k, "rbytes", 6) == 0)
          io.rbytes = v;
        else if (kl == 6 && memcmp(k, "wbytes", 6) == 0)
          io.wbytes = v;
        else if (kl == 4 && memcmp(k, "rios", 4) == 0)
          io.rios = v;
        else if (kl == 4 && memcmp(k, "wios", 4) == 0)
          io.wios = v;
        else if (kl == 6 && memcmp(k, "dbytes", 6) == 0)
          io.dbytes = v;
        else if (kl == 4 && memcmp(k, "dios", 4) == 0)
          io.dios = v;
      }
    }
    if (count < cap)
      out[count] = io;
    count++;
  }
  *n = count;
  return 0;
}


int
psu__linux_parse_cgroup_blkio(const char *buf, size_t len, int bytes,
                              psu_cgroup_io_t *out, size_t cap, size_t *n) {
  const char *p = buf, *end = buf + len, *ls, *le;

  while (p < end) {
    const char *s, *op;
    uint32_t maj, min;
    uint64_t v;
    size_t i, ol;
    psu_cgroup_io_t *io = NULL;

    p = next_line(p, end, &ls, &le);
    s = ls;
    if (s == le || *s < '0' || *s > '9')
      continue; /* blank or the final "Total N" */
    if (parse_dev(&s, le, &maj, &min) != 0 || s >= le || *s != ' ')
      return PSU_EPARSE;
    s++;
    op = s;
    while (s < le && *s != ' ')
      s++;
    ol = (size_t)(s - op);
    while (s < le && *s == ' ')
      s++;
    if (parse_u64(&s, le, &v) != 0)
      return PSU_EPARSE;
    for (i = 0; i < *n && i < cap; i++) {
      if (out[i].major == maj && out[i].minor == min) {
        io = &out[i];
        break;
      }
    }
    if (io == NULL) {
      if (*n >= cap) {
        (*n)++;
        continue;
      }
      io = &out[(*n)++];
      memset(io, 0, sizeof(*io));
      io->major = maj;
      io->minor = min;
    }
    if (ol == 4 && memcmp(op, "Read", 4) == 0)
      *(bytes ? &io->rbytes : &io->rios) += v;
    else if (ol == 5 && memcmp(op, "Write", 5) == 0)
      *(bytes ? &io->wbytes : &io->wios) += v;
    else if (ol == 7 && memcmp(op, "Discard", 7) == 0)
      *(bytes ? &io->dbytes : &io->dios) += v;
  }
  return 0;
}


/* ---- file access -------------------------------------------------------- */

/* Read dir/name into buf. -1 with errno on failure. */
static ssize_t
read_cg(const char *dir, const char *name, char *buf, size_t cap) {
  char path[PSU_CGROUP_PATH_MAX + 64];

  if (psu__path(path, sizeof(path), "%s/%s", dir, name) < 0) {
    errno = ENAMETOOLONG;
    return -1;
  }
  return psu__read_small(path, buf, cap);
}


static int
file_exists(const char *dir, const char *name) {
  char path[PSU_CGROUP_PATH_MAX + 64];
  struct stat st;

  if (psu__path(path, sizeof(path), "%s/%s", dir, name) < 0)
    return 0;
  return stat(path, &st) == 0;
}


/* Limit file: 0 and *out set; absent file gives unlimited. */
static void
read_limit(const char *dir, const char *name, int64_t *out) {
  char buf[64];
  ssize_t r = read_cg(dir, name, buf, sizeof(buf));

  *out = PSU_CGROUP_UNLIMITED;
  if (r > 0)
    psu__linux_parse_cgroup_limit(buf, (size_t)r, out);
}


static int
read_u64(const char *dir, const char *name, uint64_t *out) {
  char buf[64];
  ssize_t r = read_cg(dir, name, buf, sizeof(buf));
  const char *p = buf;

  if (r <= 0)
    return -1;
  return parse_u64(&p, buf + r, out);
}


/* Look up key in a key/value file (memory.stat, cpu.stat...). */
static int
read_kv(const char *dir, const char *name, const char *key, uint64_t *out) {
  char path[PSU_CGROUP_PATH_MAX + 64];
  char *buf = NULL;
  size_t len = 0;
  int rc;

  if (psu__path(path, sizeof(path), "%s/%s", dir, name) < 0)
    return -1;
  if (psu__read_file(path, &buf, &len, 1 << 20) != 0)
    return -1;
  rc = psu__linux_parse_cgroup_kv(buf, len, key, out);
  psu__free(buf);
  return rc;
}


/* The parent directory of a cgroup, if it is a cgroup too. */
static int
parent_cg(char *dir) {
  char *s = strrchr(dir, '/');

  if (s == NULL || s == dir)
    return -1;
  *s = '\0';
  if (!file_exists(dir, "cgroup.procs"))
    return -1;
  return 0;
}


/* MemTotal and MemAvailable of <proc>/meminfo, in bytes (avail 0 when
 * the kernel has no MemAvailable). */
static int
read_meminfo(const char *proc, uint64_t *total, uint64_t *avail,
             psu_err_t *err) {
  char path[PSU_ROOT_MAX + 16];
  char buf[8192];
  ssize_t r;
  uint64_t kb;
  const char *p;

  psu__path(path, sizeof(path), "%s/meminfo", proc);
  r = psu__read_small(path, buf, sizeof(buf));
  if (r < 0)
    return psu__set_err(err, PSU_ESYS, errno, "read(%s)", path);
  *avail = 0;
  p = strstr(buf, "MemTotal:");
  if (p == NULL)
    return psu__set_err(err, PSU_EPARSE, 0, "MemTotal in %s", path);
  for (p += 9; *p == ' '; p++)
    ;
  if (parse_u64(&p, buf + r, &kb) != 0)
    return psu__set_err(err, PSU_EPARSE, 0, "MemTotal in %s", path);
  *total = kb * 1024;
  p = strstr(buf, "MemAvailable:");
  if (p != NULL) {
    for (p += 13; *p == ' '; p++)
      ;
    if (parse_u64(&p, buf + r, &kb) == 0)
      *avail = kb * 1024;
  }
  return 0;
}


/* A cgroup whose parent is no cgroup: the root of its hierarchy. */
static int
is_root_cg(const char *dir) {
  char d[PSU_CGROUP_PATH_MAX];

  psu__strlcpy(d, dir, sizeof(d));
  return parent_cg(d) != 0;
}


/* ---- resolving the directories of a process ---------------------------- */

typedef struct {
  int version; /* 0 = absent */
  char dir[PSU_CGROUP_PATH_MAX];
} psu__cg_slot_t;

enum { CG_MEMORY, CG_CPU, CG_CPUACCT, CG_PIDS, CG_IO, CG_NSLOTS };

typedef struct {
  psu__cg_slot_t s[CG_NSLOTS];
  char unified[PSU_CGROUP_PATH_MAX];
} psu__cg_dirs_t;

static const char *const v1_names[CG_NSLOTS] = {"memory", "cpu", "cpuacct",
                                                "pids", "blkio"};
static const char *const v2_names[CG_NSLOTS] = {"memory", "cpu", NULL,
                                                "pids", "io"};


int
psu_cgroup_of(int64_t pid, psu_cgroup_entry_t **out, size_t *n,
              psu_err_t *err) {
  char proc[PSU_ROOT_MAX], sys[PSU_ROOT_MAX], path[PSU_ROOT_MAX + 64];
  char *cbuf = NULL, *mbuf = NULL;
  size_t clen = 0, mlen = 0, nl = 0, nm = 0, i;
  psu__cg_line_t *lines = NULL;
  psu__cg_mount_t *mounts = NULL;
  psu_cgroup_entry_t *res = NULL;
  int rc;

  if (out == NULL || n == NULL || pid < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_of: bad argument");
  psu__procfs_root(proc);
  psu__sysfs_root(sys);
  if (pid == 0)
    psu__path(path, sizeof(path), "%s/self/cgroup", proc);
  else
    psu__path(path, sizeof(path), "%s/%lld/cgroup", proc, (long long)pid);
  if (psu__read_file(path, &cbuf, &clen, 1 << 20) != 0) {
    int e = errno;
    struct stat st;
    if (e == ENOENT || e == ESRCH) {
      psu__path(path, sizeof(path), "%s/%lld", proc, (long long)pid);
      if (pid != 0 && stat(path, &st) != 0)
        return psu__set_err(err, PSU_ENOSUCHPROC, e, "open(%s/cgroup)", path);
      return psu__set_err(err, PSU_ENOTSUP, e, "no cgroup file in %s", path);
    }
    if (e == EACCES || e == EPERM)
      return psu__set_err(err, PSU_EACCESS, e, "open(%s)", path);
    return psu__set_err(err, PSU_ESYS, e, "open(%s)", path);
  }
  lines = psu__calloc(PSU__CG_MAX_LINES, sizeof(*lines));
  mounts = psu__calloc(PSU__CG_MAX_LINES, sizeof(*mounts));
  if (lines == NULL || mounts == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_of");
    goto error;
  }
  rc = psu__linux_parse_cgroup_procfile(cbuf, clen, lines, PSU__CG_MAX_LINES,
                                        &nl);
  if (rc != 0) {
    rc = psu__set_err(err, rc, 0, "parse(%s)", path);
    goto error;
  }
  if (nl > PSU__CG_MAX_LINES)
    nl = PSU__CG_MAX_LINES;
  psu__path(path, sizeof(path), "%s/self/mountinfo", proc);
  if (psu__read_file(path, &mbuf, &mlen, 0) == 0) {
    psu__linux_parse_cgroup_mountinfo(mbuf, mlen, mounts, PSU__CG_MAX_LINES,
                                      &nm);
    if (nm > PSU__CG_MAX_LINES)
      nm = PSU__CG_MAX_LINES;
  }
  res = psu__calloc(nl ? nl : 1, sizeof(*res));
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_of");
    goto error;
  }
  for (i = 0; i < nl; i++) {
    res[i].hierarchy_id = lines[i].id;
    res[i].version = (lines[i].id == 0 && lines[i].controllers[0] == '\0')
                         ? 2 : 1;
    psu__strlcpy(res[i].controllers, lines[i].controllers,
                 sizeof(res[i].controllers));
    psu__strlcpy(res[i].path, lines[i].path, sizeof(res[i].path));
    psu__linux_cgroup_resolve(&lines[i], mounts, nm, sys, res[i].dir,
                              sizeof(res[i].dir));
  }
  *out = res;
  *n = nl;
  res = NULL;
  rc = 0;

error:
  psu__free(res);
  psu__free(lines);
  psu__free(mounts);
  psu__free(cbuf);
  psu__free(mbuf);
  return rc;
}


static void
fill_v2_slots(psu__cg_dirs_t *d) {
  char ctl[512];
  ssize_t r;
  int i;

  if (d->unified[0] == '\0')
    return;
  r = read_cg(d->unified, "cgroup.controllers", ctl, sizeof(ctl));
  if (r < 0)
    r = 0;
  while (r > 0 && (ctl[r - 1] == '\n' || ctl[r - 1] == ' '))
    ctl[--r] = '\0';
  for (i = 0; i < r; i++)
    if (ctl[i] == ' ')
      ctl[i] = ',';
  ctl[r] = '\0';
  for (i = 0; i < CG_NSLOTS; i++) {
    psu__cg_slot_t *s = &d->s[i];
    const char *name = v2_names[i];
    if (s->version != 0 || name == NULL)
      continue;
    if (list_has(ctl, name, strlen(name)) ||
        (i == CG_CPU && file_exists(d->unified, "cpu.stat"))) {
      s->version = 2;
      psu__strlcpy(s->dir, d->unified, sizeof(s->dir));
    }
  }
}


static int
dirs_of_pid(int64_t pid, psu__cg_dirs_t *d, psu_err_t *err) {
  psu_cgroup_entry_t *ents = NULL;
  size_t n = 0, i;
  int rc, k;

  memset(d, 0, sizeof(*d));
  rc = psu_cgroup_of(pid, &ents, &n, err);
  if (rc != 0)
    return rc;
  for (i = 0; i < n; i++) {
    psu_cgroup_entry_t *e = &ents[i];
    if (e->dir[0] == '\0')
      continue;
    if (e->version == 2) {
      psu__strlcpy(d->unified, e->dir, sizeof(d->unified));
      continue;
    }
    for (k = 0; k < CG_NSLOTS; k++) {
      if (d->s[k].version == 0 &&
          list_has(e->controllers, v1_names[k], strlen(v1_names[k]))) {
        d->s[k].version = 1;
        psu__strlcpy(d->s[k].dir, e->dir, sizeof(d->s[k].dir));
      }
    }
  }
  psu_free(ents);
  fill_v2_slots(d);
  return 0;
}


static int
dirs_of_dir(const char *dir, psu__cg_dirs_t *d, psu_err_t *err) {
  static const char *const probe[CG_NSLOTS] = {
      "memory.usage_in_bytes", "cpu.cfs_period_us", "cpuacct.usage",
      "pids.max", "blkio.throttle.io_service_bytes"};
  struct stat st;
  int k;

  memset(d, 0, sizeof(*d));
  if (dir == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_stat_dir: NULL");
  if (strlen(dir) >= PSU_CGROUP_PATH_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "cgroup dir too long");
  if (stat(dir, &st) != 0)
    return psu__set_err(err, errno == ENOENT ? PSU_ENOTFOUND : PSU_ESYS,
                        errno, "stat(%s)", dir);
  if (file_exists(dir, "cgroup.controllers")) {
    psu__strlcpy(d->unified, dir, sizeof(d->unified));
    fill_v2_slots(d);
    return 0;
  }
  for (k = 0; k < CG_NSLOTS; k++) {
    if (file_exists(dir, probe[k]) ||
        (k == CG_PIDS && file_exists(dir, "pids.current"))) {
      d->s[k].version = 1;
      psu__strlcpy(d->s[k].dir, dir, sizeof(d->s[k].dir));
    }
  }
  return 0;
}


/* Minimum limit of file name over dir and its ancestors. */
static int64_t
effective_limit(const char *dir, const char *name) {
  char d[PSU_CGROUP_PATH_MAX];
  int64_t best = PSU_CGROUP_UNLIMITED, v;
  int depth = 0;

  psu__strlcpy(d, dir, sizeof(d));
  do {
    read_limit(d, name, &v);
    if (v >= 0 && (best < 0 || v < best))
      best = v;
  } while (++depth < PSU__CG_MAX_DEPTH && parent_cg(d) == 0);
  return best;
}


static double
cpu_ratio(int64_t quota, uint64_t period) {
  if (quota < 0 || period == 0)
    return -1;
  return (double)quota / (double)period;
}


/* Quota and period of one directory. */
static void
read_cpu_limit(const char *dir, int version, int64_t *quota,
               uint64_t *period) {
  char buf[64];
  ssize_t r;

  *quota = PSU_CGROUP_UNLIMITED;
  *period = 0;
  if (version == 2) {
    r = read_cg(dir, "cpu.max", buf, sizeof(buf));
    if (r > 0)
      psu__linux_parse_cgroup_cpumax(buf, (size_t)r, quota, period);
  } else {
    read_limit(dir, "cpu.cfs_quota_us", quota);
    read_u64(dir, "cpu.cfs_period_us", period);
  }
}


static double
effective_cpu(const char *dir, int version) {
  char d[PSU_CGROUP_PATH_MAX];
  double best = -1, v;
  int64_t q;
  uint64_t p;
  int depth = 0;

  psu__strlcpy(d, dir, sizeof(d));
  do {
    read_cpu_limit(d, version, &q, &p);
    v = cpu_ratio(q, p);
    if (v >= 0 && (best < 0 || v < best))
      best = v;
  } while (++depth < PSU__CG_MAX_DEPTH && parent_cg(d) == 0);
  return best;
}


static void
read_stat(const psu__cg_dirs_t *d, psu_cgroup_stat_t *out) {
  const psu__cg_slot_t *m = &d->s[CG_MEMORY], *c = &d->s[CG_CPU];
  const psu__cg_slot_t *a = &d->s[CG_CPUACCT], *p = &d->s[CG_PIDS];
  uint64_t v;

  memset(out, 0, sizeof(*out));
  if (m->version == 2) {
    out->has_memory = 1;
    out->memory_version = 2;
    psu__strlcpy(out->memory_dir, m->dir, sizeof(out->memory_dir));
    read_limit(m->dir, "memory.max", &out->memory_max);
    read_limit(m->dir, "memory.high", &out->memory_high);
    read_limit(m->dir, "memory.swap.max", &out->swap_max);
    read_u64(m->dir, "memory.swap.current", &out->swap_current);
    read_kv(m->dir, "memory.stat", "inactive_file", &out->inactive_file);
    if (read_u64(m->dir, "memory.current", &out->memory_current) != 0 &&
        is_root_cg(m->dir)) {
      /* The v2 root has no memory.current: use the host's
       * MemTotal - MemAvailable, as systemd does, with no cache to
       * subtract. */
      char proc[PSU_ROOT_MAX];
      uint64_t total = 0, avail = 0;
      psu__procfs_root(proc);
      if (read_meminfo(proc, &total, &avail, NULL) == 0 && avail <= total)
        out->memory_current = total - avail;
      out->inactive_file = 0;
    }
    read_kv(m->dir, "memory.events", "oom", &out->oom);
    read_kv(m->dir, "memory.events", "oom_kill", &out->oom_kill);
    out->memory_effective_max = effective_limit(m->dir, "memory.max");
  } else if (m->version == 1) {
    int64_t memsw = PSU_CGROUP_UNLIMITED;
    uint64_t swu = 0;
    out->has_memory = 1;
    out->memory_version = 1;
    psu__strlcpy(out->memory_dir, m->dir, sizeof(out->memory_dir));
    read_limit(m->dir, "memory.limit_in_bytes", &out->memory_max);
    out->memory_high = PSU_CGROUP_UNLIMITED;
    read_u64(m->dir, "memory.usage_in_bytes", &out->memory_current);
    read_limit(m->dir, "memory.memsw.limit_in_bytes", &memsw);
    read_u64(m->dir, "memory.memsw.usage_in_bytes", &swu);
    out->swap_max = PSU_CGROUP_UNLIMITED;
    if (memsw >= 0 && out->memory_max >= 0)
      out->swap_max = memsw > out->memory_max ? memsw - out->memory_max : 0;
    out->swap_current = swu > out->memory_current ? swu - out->memory_current
                                                  : 0;
    if (read_kv(m->dir, "memory.stat", "total_inactive_file",
                &out->inactive_file) != 0)
      read_kv(m->dir, "memory.stat", "inactive_file", &out->inactive_file);
    read_kv(m->dir, "memory.oom_control", "oom_kill", &out->oom_kill);
    out->memory_effective_max =
        effective_limit(m->dir, "memory.limit_in_bytes");
  }

  if (c->version != 0 || a->version != 0) {
    out->has_cpu = 1;
    out->cpu_version = c->version ? c->version : a->version;
    psu__strlcpy(out->cpu_dir, c->version ? c->dir : a->dir,
                 sizeof(out->cpu_dir));
    out->cpu_quota_us = PSU_CGROUP_UNLIMITED;
    out->cpu_limit = -1;
    out->cpu_effective_limit = -1;
  }
  if (c->version == 2) {
    read_cpu_limit(c->dir, 2, &out->cpu_quota_us, &out->cpu_period_us);
    out->cpu_limit = cpu_ratio(out->cpu_quota_us, out->cpu_period_us);
    out->cpu_effective_limit = effective_cpu(c->dir, 2);
    read_kv(c->dir, "cpu.stat", "usage_usec", &out->cpu_usage_usec);
    read_kv(c->dir, "cpu.stat", "user_usec", &out->cpu_user_usec);
    read_kv(c->dir, "cpu.stat", "system_usec", &out->cpu_system_usec);
    read_kv(c->dir, "cpu.stat", "nr_periods", &out->nr_periods);
    read_kv(c->dir, "cpu.stat", "nr_throttled", &out->nr_throttled);
    read_kv(c->dir, "cpu.stat", "throttled_usec", &out->throttled_usec);
  } else if (c->version == 1) {
    read_cpu_limit(c->dir, 1, &out->cpu_quota_us, &out->cpu_period_us);
    out->cpu_limit = cpu_ratio(out->cpu_quota_us, out->cpu_period_us);
    out->cpu_effective_limit = effective_cpu(c->dir, 1);
    read_kv(c->dir, "cpu.stat", "nr_periods", &out->nr_periods);
    read_kv(c->dir, "cpu.stat", "nr_throttled", &out->nr_throttled);
    if (read_kv(c->dir, "cpu.stat", "throttled_time", &v) == 0)
      out->throttled_usec = v / 1000;
  }
  if (a->version == 1) {
    v = 0;
    read_u64(a->dir, "cpuacct.usage", &v);
    out->cpu_usage_usec = v / 1000;
    v = 0;
    read_u64(a->dir, "cpuacct.usage_user", &v);
    out->cpu_user_usec = v / 1000;
    v = 0;
    read_u64(a->dir, "cpuacct.usage_sys", &v);
    out->cpu_system_usec = v / 1000;
  }

  if (p->version != 0) {
    out->has_pids = 1;
    out->pids_version = p->version;
    psu__strlcpy(out->pids_dir, p->dir, sizeof(out->pids_dir));
    read_u64(p->dir, "pids.current", &out->pids_current);
    read_limit(p->dir, "pids.max", &out->pids_max);
  }
}


int
psu_cgroup_stat(int64_t pid, psu_cgroup_stat_t *out, psu_err_t *err) {
  psu__cg_dirs_t *d;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_stat: NULL out");
  d = psu__malloc(sizeof(*d));
  if (d == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_stat");
  rc = dirs_of_pid(pid, d, err);
  if (rc == 0)
    read_stat(d, out);
  psu__free(d);
  return rc;
}


int
psu_cgroup_stat_dir(const char *dir, psu_cgroup_stat_t *out,
                    psu_err_t *err) {
  psu__cg_dirs_t *d;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_stat_dir: NULL out");
  d = psu__malloc(sizeof(*d));
  if (d == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_stat_dir");
  rc = dirs_of_dir(dir, d, err);
  if (rc == 0)
    read_stat(d, out);
  psu__free(d);
  return rc;
}


static int
read_io(const psu__cg_dirs_t *d, psu_cgroup_io_t **out, size_t *n,
        int *version, psu_err_t *err) {
  const psu__cg_slot_t *s = &d->s[CG_IO];
  char path[PSU_CGROUP_PATH_MAX + 64];
  char *buf[2] = {NULL, NULL};
  size_t len[2] = {0, 0}, cnt = 0, cap = 0, i;
  psu_cgroup_io_t *res = NULL;
  int rc = 0;

  *out = NULL;
  *n = 0;
  *version = s->version;
  if (s->version == 0)
    return 0;
  if (s->version == 2) {
    psu__path(path, sizeof(path), "%s/io.stat", s->dir);
    if (psu__read_file(path, &buf[0], &len[0], 0) != 0)
      return 0; /* io.stat is absent at the root: no devices */
    psu__linux_parse_cgroup_iostat(buf[0], len[0], NULL, 0, &cap);
    res = psu__calloc(cap ? cap : 1, sizeof(*res));
    if (res == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_io");
      goto done;
    }
    rc = psu__linux_parse_cgroup_iostat(buf[0], len[0], res, cap, &cnt);
    if (rc != 0) {
      rc = psu__set_err(err, rc, 0, "parse(%s)", path);
      goto done;
    }
  } else {
    static const char *const f[2][2] = {
        {"blkio.throttle.io_service_bytes", "blkio.io_service_bytes"},
        {"blkio.throttle.io_serviced", "blkio.io_serviced"}};
    for (i = 0; i < 2; i++) {
      psu__path(path, sizeof(path), "%s/%s", s->dir, f[i][0]);
      if (psu__read_file(path, &buf[i], &len[i], 0) != 0) {
        psu__path(path, sizeof(path), "%s/%s", s->dir, f[i][1]);
        if (psu__read_file(path, &buf[i], &len[i], 0) != 0)
          buf[i] = NULL;
      }
      if (buf[i] != NULL) {
        const char *q;
        for (q = buf[i]; *q; q++)
          cap += *q == '\n';
        cap++;
      }
    }
    res = psu__calloc(cap ? cap : 1, sizeof(*res));
    if (res == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_io");
      goto done;
    }
    for (i = 0; i < 2; i++) {
      if (buf[i] == NULL)
        continue;
      rc = psu__linux_parse_cgroup_blkio(buf[i], len[i], i == 0, res, cap,
                                         &cnt);
      if (rc != 0) {
        rc = psu__set_err(err, rc, 0, "parse(%s/blkio)", s->dir);
        goto done;
      }
    }
  }
  if (cnt > cap)
    cnt = cap;
  *out = res;
  *n = cnt;
  res = NULL;

done:
  psu__free(res);
  psu__free(buf[0]);
  psu__free(buf[1]);
  return rc;
}


int
psu_cgroup_io(int64_t pid, psu_cgroup_io_t **out, size_t *n, int *version,
              psu_err_t *err) {
  psu__cg_dirs_t *d;
  int rc;

  if (out == NULL || n == NULL || version == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_io: NULL out");
  d = psu__malloc(sizeof(*d));
  if (d == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_io");
  rc = dirs_of_pid(pid, d, err);
  if (rc == 0)
    rc = read_io(d, out, n, version, err);
  psu__free(d);
  return rc;
}


int
psu_cgroup_io_dir(const char *dir, psu_cgroup_io_t **out, size_t *n,
                  int *version, psu_err_t *err) {
  psu__cg_dirs_t *d;
  int rc;

  if (out == NULL || n == NULL || version == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_io_dir: NULL out");
  d = psu__malloc(sizeof(*d));
  if (d == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_io_dir");
  rc = dirs_of_dir(dir, d, err);
  if (rc == 0)
    rc = read_io(d, out, n, version, err);
  psu__free(d);
  return rc;
}


int
psu_cgroup_unified_dir(int64_t pid, char *buf, size_t cap, psu_err_t *err) {
  psu__cg_dirs_t *d;
  int rc;

  if (buf == NULL || cap == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_unified_dir");
  buf[0] = '\0';
  d = psu__malloc(sizeof(*d));
  if (d == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cgroup_unified_dir");
  rc = dirs_of_pid(pid, d, err);
  if (rc == 0 && d->unified[0] == '\0')
    rc = psu__set_err(err, PSU_ENOTSUP, 0, "no cgroup v2 hierarchy mounted");
  if (rc == 0 && psu__strlcpy(buf, d->unified, cap) >= cap)
    rc = psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_unified_dir: buffer");
  psu__free(d);
  return rc;
}


int
psu_cgroup_affinity_count(int64_t pid, int *out, psu_err_t *err) {
  int ncpu = 1024;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_affinity_count");
  for (;;) {
    cpu_set_t *set = CPU_ALLOC(ncpu);
    size_t sz = CPU_ALLOC_SIZE(ncpu);
    if (set == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "CPU_ALLOC");
    CPU_ZERO_S(sz, set);
    if (sched_getaffinity((pid_t)pid, sz, set) == 0) {
      *out = CPU_COUNT_S(sz, set);
      CPU_FREE(set);
      return 0;
    }
    CPU_FREE(set);
    if (errno == EINVAL && ncpu < (1 << 20)) {
      ncpu *= 2;
      continue;
    }
    if (errno == ESRCH)
      return psu__set_err(err, PSU_ENOSUCHPROC, errno, "sched_getaffinity");
    if (errno == EPERM)
      return psu__set_err(err, PSU_EACCESS, errno, "sched_getaffinity");
    return psu__set_err(err, PSU_ESYS, errno, "sched_getaffinity");
  }
}


int
psu_cgroup_host_memtotal(uint64_t *out, psu_err_t *err) {
  char proc[PSU_ROOT_MAX];
  uint64_t avail;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_host_memtotal");
  psu__procfs_root(proc);
  return read_meminfo(proc, out, &avail, err);
}
