/* linux_disk.c: disk_partitions from <procfs>/self/mounts and
 * <procfs>/filesystems; disk_io_counters from <procfs>/diskstats, with
 * whole disks told apart by <sysfs>/block/<name>. */
#include "linux-internal.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>


void
psu__linux_unescape_octal(char *s) {
  char *r = s, *w = s;

  while (*r) {
    if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' &&
        r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
      *w++ = (char)(((r[1] - '0') << 6) | ((r[2] - '0') << 3) | (r[3] - '0'));
      r += 4;
    } else {
      *w++ = *r++;
    }
  }
  *w = '\0';
}


/* Split a line in place into up to max blank-separated fields (NUL
 * terminated). Returns the field count. */
static int
psu__split(char *p, char *end, char **f, int max) {
  int n = 0;

  while (p < end && n < max) {
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    if (p >= end)
      break;
    f[n++] = p;
    while (p < end && *p != ' ' && *p != '\t')
      p++;
    if (p < end)
      *p++ = '\0';
  }
  return n;
}


typedef struct {
  const char *name;
  size_t len;
} psu__span_t;


static int
psu__fstype_known(const psu__span_t *fs, size_t n, const char *t) {
  size_t i, tl = strlen(t);
  for (i = 0; i < n; i++)
    if (fs[i].len == tl && memcmp(fs[i].name, t, tl) == 0)
      return 1;
  return 0;
}


#define PSU__ROOTDEV_MAX 128

/* The device of the file system mounted at mountpoint, from
 * <sysfs>/dev/block/<major>:<minor>/uevent DEVNAME, as "/dev/<name>". */
static int
psu__resolve_rootdev(const char *sysroot, const char *mountpoint, char *out,
                     size_t cap) {
  char path[PSU_ROOT_MAX + 64], buf[1024];
  const char *p, *end;
  struct stat st;
  ssize_t len;

  if (stat(mountpoint, &st) != 0)
    return -1;
  if (psu__path(path, sizeof(path), "%s/dev/block/%u:%u/uevent", sysroot,
                (unsigned)major(st.st_dev), (unsigned)minor(st.st_dev)) < 0)
    return -1;
  len = psu__read_small(path, buf, sizeof(buf));
  if (len <= 0)
    return -1;
  for (p = buf, end = buf + len; p < end; p = psu__next_line(p, end)) {
    const char *eol = psu__next_line(p, end);
    size_t l;
    if (eol - p <= 8 || memcmp(p, "DEVNAME=", 8) != 0)
      continue;
    l = (size_t)(eol - p - 8);
    if (eol[-1] == '\n')
      l--;
    if (l == 0 || l + 6 > cap)
      return -1;
    memcpy(out, "/dev/", 5);
    memcpy(out + 5, p + 8, l);
    out[5 + l] = '\0';
    return 0;
  }
  return -1;
}


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  char *fsbuf = NULL, *mbuf = NULL, *p, *end, *eol, *pool;
  size_t fslen = 0, mlen = 0, nfs = 0, nlines = 0, cnt = 0, i;
  psu__span_t *fstypes = NULL;
  psu_disk_partition_t *arr = NULL;
  char sysroot[PSU_ROOT_MAX], rootdev[PSU__ROOTDEV_MAX];
  size_t nroot = 0, nresolved = 0;
  int rc;

  *out = NULL;
  *n = 0;
  psu__procfs_root(root);
  psu__sysfs_root(sysroot);
  if (!all) {
    const char *q, *qe, *qn;
    if ((rc = psu__linux_read(root, "filesystems", &fsbuf, &fslen, err)) != 0)
      goto done;
    for (q = fsbuf, qe = fsbuf + fslen; q < qe; q = psu__next_line(q, qe))
      nlines++;
    fstypes = psu__calloc(nlines ? nlines : 1, sizeof(*fstypes));
    if (fstypes == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
      goto done;
    }
    for (q = fsbuf, qe = fsbuf + fslen; q < qe; q = qn) {
      const char *s, *t;
      int nodev = 0;
      qn = psu__next_line(q, qe);
      s = psu__skip_blanks(q, qn);
      if (qn - s >= 5 && memcmp(s, "nodev", 5) == 0) {
        nodev = 1;
        s = psu__skip_blanks(s + 5, qn);
      }
      for (t = s; t < qn && *t != '\n' && *t != ' ' && *t != '\t' &&
                  *t != '\r';
           t++)
        ;
      if (t == s)
        continue;
      if (nodev && !((size_t)(t - s) == 3 && memcmp(s, "zfs", 3) == 0))
        continue;
      fstypes[nfs].name = s;
      fstypes[nfs].len = (size_t)(t - s);
      nfs++;
    }
  }
  if ((rc = psu__linux_read(root, "self/mounts", &mbuf, &mlen, err)) != 0)
    goto done;
  nlines = 0;
  for (p = mbuf, end = mbuf + mlen; p < end; p = (char *)psu__next_line(p, end)) {
    nlines++;
    if ((end - p > 10 && memcmp(p, "/dev/root ", 10) == 0) ||
        (end - p > 7 && memcmp(p, "rootfs ", 7) == 0))
      nroot++;
  }
  /* One block: the structs, then a pool as large as the file (every
   * string is a NUL-terminated piece of it, never longer), plus room for
   * the resolved names of /dev/root devices. */
  arr = psu__malloc(nlines * sizeof(*arr) + mlen + 1 +
                    nroot * PSU__ROOTDEV_MAX);
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
    goto done;
  }
  pool = (char *)(arr + nlines);
  for (p = mbuf, end = mbuf + mlen; p < end; p = eol) {
    char *f[4];
    eol = (char *)psu__next_line(p, end);
    if (eol[-1] == '\n')
      eol[-1] = '\0'; /* the last field ends here */
    if (psu__split(p, eol[-1] == '\0' ? eol - 1 : eol, f, 4) < 4)
      continue;
    for (i = 0; i < 4; i++)
      psu__linux_unescape_octal(f[i]);
    if (strcmp(f[0], "none") == 0)
      f[0][0] = '\0';
    if (nresolved < nroot &&
        (strcmp(f[0], "/dev/root") == 0 || strcmp(f[0], "rootfs") == 0)) {
      /* As psutil: the real device of the root file system. The pool has
       * room for nroot such names. */
      if (psu__resolve_rootdev(sysroot, f[1], rootdev, sizeof(rootdev)) == 0) {
        f[0] = rootdev;
        nresolved++;
      }
    }
    if (!all && (f[0][0] == '\0' || !psu__fstype_known(fstypes, nfs, f[2])))
      continue;
    for (i = 0; i < 4; i++) {
      size_t l = strlen(f[i]) + 1;
      memcpy(pool, f[i], l);
      if (i == 0)
        arr[cnt].device = pool;
      else if (i == 1)
        arr[cnt].mountpoint = pool;
      else if (i == 2)
        arr[cnt].fstype = pool;
      else
        arr[cnt].opts = pool;
      pool += l;
    }
    cnt++;
  }
  *out = arr;
  *n = cnt;
  arr = NULL;
  rc = PSU_OK;
done:
  psu__free(arr);
  psu__free(fstypes);
  psu__free(fsbuf);
  psu__free(mbuf);
  return rc;
}


/* ------------------------------------------------------------ diskstats */

int
psu__linux_parse_diskstats_line(const char *line, const char *end,
                                psu__linux_diskstat_t *out) {
  const char *f[24], *fe[24], *p = line;
  uint64_t v[24];
  int nf = 0, i;

  memset(out, 0, sizeof(*out));
  while (end > line && (end[-1] == '\n' || end[-1] == '\r'))
    end--;
  while (p < end) {
    p = psu__skip_blanks(p, end);
    if (p >= end)
      break;
    if (nf == 24)
      return PSU_EPARSE;
    f[nf] = p;
    while (p < end && *p != ' ' && *p != '\t')
      p++;
    fe[nf] = p;
    nf++;
  }
  /* All fields but the name are numbers. */
  for (i = 0; i < nf; i++) {
    const char *q = f[i];
    int name_idx = nf == 15 ? 3 : 2;
    if (i == name_idx)
      continue;
    if (psu__scan_u64(&q, fe[i], &v[i]) != 0 || q != fe[i])
      return PSU_EPARSE;
  }
  if (nf == 15) {
    /* Old 2.6 layout: name in field 3, reads in field 2. */
    out->name = f[3];
    out->name_len = (size_t)(fe[3] - f[3]);
    out->reads = v[2];
    out->reads_merged = v[4];
    out->rsectors = v[5];
    out->rtime = v[6];
    out->writes = v[7];
    out->writes_merged = v[8];
    out->wsectors = v[9];
    out->wtime = v[10];
    out->busy_time = v[12];
  } else if (nf == 14 || nf >= 18) {
    /* 2.6+ (14), 4.18+ discards (18), 5.5+ flushes (20). */
    out->name = f[2];
    out->name_len = (size_t)(fe[2] - f[2]);
    out->reads = v[3];
    out->reads_merged = v[4];
    out->rsectors = v[5];
    out->rtime = v[6];
    out->writes = v[7];
    out->writes_merged = v[8];
    out->wsectors = v[9];
    out->wtime = v[10];
    out->busy_time = v[12];
  } else if (nf == 7) {
    /* 2.6 partition lines: no merges or times. */
    out->name = f[2];
    out->name_len = (size_t)(fe[2] - f[2]);
    out->reads = v[3];
    out->rsectors = v[4];
    out->writes = v[5];
    out->wsectors = v[6];
  } else {
    return PSU_EPARSE;
  }
  return PSU_OK;
}


/* Is <sysfs>/block/<name> there (a whole disk, not a partition)? Slashes in
 * names (cciss/c0d0) are '!' in sysfs. */
static int
psu__is_whole_disk(const char *sysroot, const char *name) {
  char path[PSU_ROOT_MAX + PSU_DISK_NAME_MAX + 16], *q;
  int off = psu__path(path, sizeof(path), "%s/block/", sysroot);

  if (off < 0 || psu__path(path + off, sizeof(path) - (size_t)off, "%s",
                           name) < 0)
    return 0;
  for (q = path + off; *q; q++)
    if (*q == '/')
      *q = '!';
  return access(path, F_OK) == 0;
}


/* Parse one <sysfs>/block/.../stat file into o (name already set). */
static int
psu__sysfs_stat_file(const char *path, psu_disk_io_t *o) {
  char buf[512];
  const char *p, *end;
  uint64_t v[10];
  ssize_t len = psu__read_small(path, buf, sizeof(buf));
  int i;

  if (len <= 0)
    return -1;
  p = buf;
  end = buf + len;
  for (i = 0; i < 10; i++)
    if (psu__scan_u64(&p, end, &v[i]) != 0)
      return -1;
  o->read_count = v[0];
  o->read_merged_count = v[1];
  o->read_bytes = v[2] * 512;
  o->read_time = v[3];
  o->write_count = v[4];
  o->write_merged_count = v[5];
  o->write_bytes = v[6] * 512;
  o->write_time = v[7];
  o->busy_time = v[9];
  return 0;
}


static int
psu__add_sysfs_dev(psu_disk_io_t **arr, size_t *cnt, size_t *cap,
                   const char *dir, const char *name) {
  char path[PSU_ROOT_MAX + 2 * 256 + 16];
  psu_disk_io_t *na, *o;

  if (strlen(name) >= PSU_DISK_NAME_MAX ||
      psu__path(path, sizeof(path), "%s/stat", dir) < 0)
    return 0;
  if (*cnt == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    na = psu__realloc(*arr, *cap * sizeof(**arr));
    if (na == NULL)
      return -1;
    *arr = na;
  }
  o = &(*arr)[*cnt];
  memset(o, 0, sizeof(*o));
  psu__strlcpy(o->name, name, sizeof(o->name));
  if (psu__sysfs_stat_file(path, o) == 0)
    (*cnt)++;
  return 0;
}


/* Fallback of psu_disk_io_counters: <sysfs>/block/<dev>/stat and, with
 * perdisk, <sysfs>/block/<dev>/<partition>/stat. Returns 0 or -1. */
static int
psu__sysfs_block_stats(const char *sysroot, int perdisk, psu_disk_io_t **out,
                       size_t *n) {
  char blk[PSU_ROOT_MAX + 16], dir[PSU_ROOT_MAX + 300], sub[PSU_ROOT_MAX + 600];
  psu_disk_io_t *arr = NULL;
  size_t cnt = 0, cap = 0;
  struct dirent *de, *pe;
  DIR *d, *pd;

  if (psu__path(blk, sizeof(blk), "%s/block", sysroot) < 0)
    return -1;
  d = opendir(blk);
  if (d == NULL)
    return -1;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.' ||
        psu__path(dir, sizeof(dir), "%s/%s", blk, de->d_name) < 0)
      continue;
    if (psu__add_sysfs_dev(&arr, &cnt, &cap, dir, de->d_name) != 0)
      goto nomem;
    if (!perdisk)
      continue;
    pd = opendir(dir);
    if (pd == NULL)
      continue;
    while ((pe = readdir(pd)) != NULL) {
      /* Partitions are subdirs named after the disk (sda -> sda1). */
      if (strncmp(pe->d_name, de->d_name, strlen(de->d_name)) != 0 ||
          psu__path(sub, sizeof(sub), "%s/%s", dir, pe->d_name) < 0)
        continue;
      if (psu__add_sysfs_dev(&arr, &cnt, &cap, sub, pe->d_name) != 0) {
        closedir(pd);
        goto nomem;
      }
    }
    closedir(pd);
  }
  closedir(d);
  if (arr == NULL && (arr = psu__calloc(1, sizeof(*arr))) == NULL)
    return -1;
  *out = arr;
  *n = cnt;
  return 0;
nomem:
  closedir(d);
  psu__free(arr);
  return -1;
}


int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  char root[PSU_ROOT_MAX], sysroot[PSU_ROOT_MAX];
  const char *p, *end, *eol;
  psu_disk_io_t *arr = NULL;
  size_t len, nlines = 0, cnt = 0;
  psu_err_t le;
  char *buf;
  int rc;

  *out = NULL;
  *n = 0;
  psu__procfs_root(root);
  psu__sysfs_root(sysroot);
  if ((rc = psu__linux_read(root, "diskstats", &buf, &len, &le)) != 0) {
    /* No diskstats (very old or trimmed kernels): <sysfs>/block. */
    if (le.sys == ENOENT && psu__sysfs_block_stats(sysroot, perdisk, out, n) == 0)
      return PSU_OK;
    if (err != NULL)
      *err = le;
    return rc;
  }
  for (p = buf, end = buf + len; p < end; p = psu__next_line(p, end))
    nlines++;
  arr = psu__calloc(nlines ? nlines : 1, sizeof(*arr));
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
    goto done;
  }
  for (p = buf, end = buf + len; p < end; p = eol) {
    psu__linux_diskstat_t d;
    psu_disk_io_t *o;
    eol = psu__next_line(p, end);
    if (psu__skip_blanks(p, eol) >= eol || *psu__skip_blanks(p, eol) == '\n')
      continue;
    if (psu__linux_parse_diskstats_line(p, eol, &d) != 0) {
      rc = psu__set_err(err, PSU_EPARSE, 0, "diskstats: bad line \"%.60s\"",
                        p);
      goto done;
    }
    o = &arr[cnt];
    if (d.name_len >= sizeof(o->name))
      continue;
    memcpy(o->name, d.name, d.name_len);
    o->name[d.name_len] = '\0';
    if (!perdisk && !psu__is_whole_disk(sysroot, o->name))
      continue;
    o->read_count = d.reads;
    o->write_count = d.writes;
    o->read_bytes = d.rsectors * 512; /* always 512, whatever the device */
    o->write_bytes = d.wsectors * 512;
    o->read_time = d.rtime;
    o->write_time = d.wtime;
    o->read_merged_count = d.reads_merged;
    o->write_merged_count = d.writes_merged;
    o->busy_time = d.busy_time;
    cnt++;
  }
  *out = arr;
  *n = cnt;
  arr = NULL;
  rc = PSU_OK;
done:
  psu__free(arr);
  psu__free(buf);
  return rc;
}
