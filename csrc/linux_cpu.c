/* linux_cpu.c: CPU times, counts, stats and frequency, boot time, from
 * <procfs>/stat, <procfs>/cpuinfo and <sysfs>/devices/system/cpu. */
#include "linux-internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>


/* Parse a non-negative decimal with an optional fraction ("2596.130"). */
static int
psu__scan_double(const char **pp, const char *end, double *out) {
  const char *p = psu__skip_blanks(*pp, end);
  double v = 0, scale = 1;
  int any = 0;

  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + (*p++ - '0');
    any = 1;
  }
  if (p < end && *p == '.') {
    p++;
    while (p < end && *p >= '0' && *p <= '9') {
      scale /= 10;
      v += (*p++ - '0') * scale;
      any = 1;
    }
  }
  if (!any)
    return -1;
  *out = v;
  *pp = p;
  return 0;
}


static int
psu__starts(const char *p, const char *end, const char *lit) {
  size_t n = strlen(lit);
  return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}


/* The numbers of one "cpu..." line, after the label. */
static int
psu__parse_cpu_line(const char *p, const char *eol, double tck,
                    psu_cpu_times_t *t) {
  uint64_t v[10] = {0};
  int i;

  for (i = 0; i < 10; i++) {
    p = psu__skip_blanks(p, eol);
    if (p >= eol || *p == '\n' || *p == '\r')
      break;
    if (psu__scan_u64(&p, eol, &v[i]) != 0)
      return -1;
  }
  if (i < 4)
    return -1;
  t->user = (double)v[0] / tck;
  t->nice = (double)v[1] / tck;
  t->system = (double)v[2] / tck;
  t->idle = (double)v[3] / tck;
  t->iowait = (double)v[4] / tck;
  t->irq = (double)v[5] / tck;
  t->softirq = (double)v[6] / tck;
  t->steal = (double)v[7] / tck;
  t->guest = (double)v[8] / tck;
  t->guest_nice = (double)v[9] / tck;
  t->dpc = 0;
  return 0;
}


int
psu__linux_parse_stat(const char *buf, size_t len, double tck,
                      psu__linux_stat_t *out, psu_cpu_times_t *percpu,
                      size_t cap, psu_err_t *err) {
  const char *p = buf, *end = buf + len, *eol;
  uint64_t v;

  memset(out, 0, sizeof(*out));
  if (tck <= 0)
    tck = 100;
  for (; p < end; p = psu__next_line(p, end)) {
    eol = psu__next_line(p, end);
    if (psu__starts(p, eol, "cpu ")) {
      if (psu__parse_cpu_line(p + 3, eol, tck, &out->total) != 0)
        goto parse_error;
      out->has_total = 1;
    } else if (psu__starts(p, eol, "cpu")) {
      const char *q = p + 3;
      if (psu__scan_u64(&q, eol, &v) != 0)
        goto parse_error;
      if (percpu != NULL && out->ncpu < cap) {
        if (psu__parse_cpu_line(q, eol, tck, &percpu[out->ncpu]) != 0)
          goto parse_error;
      }
      out->ncpu++;
    } else if (psu__starts(p, eol, "ctxt ")) {
      const char *q = p + 5;
      if (psu__scan_u64(&q, eol, &out->stats.ctx_switches) != 0)
        goto parse_error;
    } else if (psu__starts(p, eol, "intr ")) {
      const char *q = p + 5;
      if (psu__scan_u64(&q, eol, &out->stats.interrupts) != 0)
        goto parse_error;
    } else if (psu__starts(p, eol, "softirq ")) {
      const char *q = p + 8;
      if (psu__scan_u64(&q, eol, &out->stats.soft_interrupts) != 0)
        goto parse_error;
    } else if (psu__starts(p, eol, "btime ")) {
      const char *q = p + 6;
      if (psu__scan_u64(&q, eol, &out->btime) != 0)
        goto parse_error;
    }
  }
  if (!out->has_total)
    return psu__set_err(err, PSU_EPARSE, 0, "stat: no \"cpu\" line");
  return PSU_OK;

parse_error:
  return psu__set_err(err, PSU_EPARSE, 0, "stat: bad line \"%.40s\"", p);
}


static int
psu__read_stat(char **buf, size_t *len, psu_err_t *err) {
  char root[PSU_ROOT_MAX];

  psu__procfs_root(root);
  return psu__linux_read(root, "stat", buf, len, err);
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  psu__linux_stat_t st;
  char *buf;
  size_t len;
  int rc;

  if ((rc = psu__read_stat(&buf, &len, err)) != 0)
    return rc;
  rc = psu__linux_parse_stat(buf, len, psu__linux_clk_tck(), &st, NULL, 0,
                             err);
  psu__free(buf);
  if (rc == 0)
    *out = st.total;
  return rc;
}


int
psu_per_cpu_times(psu_cpu_times_t **out, size_t *n, psu_err_t *err) {
  psu__linux_stat_t st;
  psu_cpu_times_t *arr;
  char *buf;
  size_t len;
  int rc;

  *out = NULL;
  *n = 0;
  if ((rc = psu__read_stat(&buf, &len, err)) != 0)
    return rc;
  /* First pass counts the cpuN lines, the second fills them. */
  rc = psu__linux_parse_stat(buf, len, psu__linux_clk_tck(), &st, NULL, 0,
                             err);
  if (rc != 0)
    goto done;
  arr = psu__calloc(st.ncpu ? st.ncpu : 1, sizeof(*arr));
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
    goto done;
  }
  rc = psu__linux_parse_stat(buf, len, psu__linux_clk_tck(), &st, arr,
                             st.ncpu, err);
  if (rc != 0) {
    psu__free(arr);
    goto done;
  }
  *out = arr;
  *n = st.ncpu;
done:
  psu__free(buf);
  return rc;
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  psu__linux_stat_t st;
  char *buf;
  size_t len;
  int rc;

  if ((rc = psu__read_stat(&buf, &len, err)) != 0)
    return rc;
  rc = psu__linux_parse_stat(buf, len, psu__linux_clk_tck(), &st, NULL, 0,
                             err);
  psu__free(buf);
  if (rc == 0)
    *out = st.stats;
  return rc;
}


int
psu_boot_time(double *out, psu_err_t *err) {
  psu__linux_stat_t st;
  char *buf;
  size_t len;
  int rc;

  if ((rc = psu__read_stat(&buf, &len, err)) != 0)
    return rc;
  rc = psu__linux_parse_stat(buf, len, psu__linux_clk_tck(), &st, NULL, 0,
                             err);
  psu__free(buf);
  if (rc != 0)
    return rc;
  if (st.btime == 0)
    return psu__set_err(err, PSU_EPARSE, 0, "stat: no btime line");
  *out = (double)st.btime;
  return PSU_OK;
}


/* ---------------------------------------------------------- loadavg */

int
psu__linux_parse_loadavg(const char *buf, size_t len, psu_loadavg_t *out) {
  const char *p = buf, *end = buf + len;
  double *v[3];
  int i;

  v[0] = &out->load1;
  v[1] = &out->load5;
  v[2] = &out->load15;
  for (i = 0; i < 3; i++) {
    if (psu__scan_double(&p, end, v[i]) != 0)
      return PSU_EPARSE;
    if (p < end && *p != ' ' && *p != '\t' && *p != '\n')
      return PSU_EPARSE;
  }
  return PSU_OK;
}


/* Like glibc's getloadavg, but under the procfs root. */
int
psu_getloadavg(psu_loadavg_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX], path[PSU_ROOT_MAX + 16], buf[256];
  ssize_t len;

  memset(out, 0, sizeof(*out));
  psu__procfs_root(root);
  if (psu__path(path, sizeof(path), "%s/loadavg", root) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long: %s/loadavg", root);
  len = psu__read_small(path, buf, sizeof(buf));
  if (len < 0)
    return psu__set_err(err, PSU_ESYS, errno, "open(%s)", path);
  if (psu__linux_parse_loadavg(buf, (size_t)len, out) != 0)
    return psu__set_err(err, PSU_EPARSE, 0, "loadavg: bad data \"%.40s\"",
                        buf);
  return PSU_OK;
}


/* ---------------------------------------------------------- cpuinfo */

#define PSU__MAX_PHYS 256

int
psu__linux_parse_cpuinfo(const char *buf, size_t len,
                         psu__linux_cpuinfo_t *out, double *mhz, size_t cap) {
  const char *p = buf, *end = buf + len, *eol, *colon;
  uint64_t phys_ids[PSU__MAX_PHYS], phys_cores[PSU__MAX_PHYS];
  size_t nphys = 0, i;
  int64_t cur_phys = -1, cur_cores = -1;

  memset(out, 0, sizeof(*out));
  for (;;) {
    int blank;
    eol = p < end ? psu__next_line(p, end) : end;
    blank = p >= end || *p == '\n' || *p == '\r';
    if (blank) {
      /* End of one processor block. */
      if (cur_phys >= 0 && cur_cores >= 0) {
        for (i = 0; i < nphys; i++)
          if (phys_ids[i] == (uint64_t)cur_phys)
            break;
        if (i == nphys && nphys < PSU__MAX_PHYS) {
          phys_ids[nphys] = (uint64_t)cur_phys;
          nphys++;
        }
        if (i < PSU__MAX_PHYS)
          phys_cores[i] = (uint64_t)cur_cores;
      }
      cur_phys = cur_cores = -1;
      if (p >= end)
        break;
      p = eol;
      continue;
    }
    colon = memchr(p, ':', (size_t)(eol - p));
    if (colon != NULL) {
      const char *q = colon + 1;
      uint64_t v;
      if (psu__starts(p, eol, "processor")) {
        out->processors++;
      } else if (psu__starts(p, eol, "physical id")) {
        if (psu__scan_u64(&q, eol, &v) == 0)
          cur_phys = (int64_t)v;
      } else if (psu__starts(p, eol, "cpu cores")) {
        if (psu__scan_u64(&q, eol, &v) == 0)
          cur_cores = (int64_t)v;
      } else if (psu__starts(p, eol, "cpu MHz")) {
        double d;
        if (psu__scan_double(&q, eol, &d) == 0) {
          if (mhz != NULL && out->nmhz < cap)
            mhz[out->nmhz] = d;
          out->nmhz++;
        }
      }
    }
    p = eol;
  }
  for (i = 0; i < nphys; i++) {
    if (phys_cores[i] > (uint64_t)(INT_MAX - out->cores)) {
      out->cores = 0; /* absurd counts would overflow the int: unknown */
      break;
    }
    out->cores += (int)phys_cores[i];
  }
  return PSU_OK;
}


static int
psu__read_cpuinfo(char **buf, size_t *len, psu_err_t *err) {
  char root[PSU_ROOT_MAX];

  psu__procfs_root(root);
  return psu__linux_read(root, "cpuinfo", buf, len, err);
}


int
psu_cpu_count_logical(int *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu__linux_cpuinfo_t ci;
  psu__linux_stat_t st;
  char *buf;
  size_t len;
  long v;

  *out = 0;
  psu__procfs_root(root);
  /* With the real /proc, ask libc (psutil uses sysconf too). With another
   * root, count what that root says. */
  if (strcmp(root, "/proc") == 0) {
    v = sysconf(_SC_NPROCESSORS_ONLN);
    if (v > 0) {
      *out = (int)v;
      return PSU_OK;
    }
  }
  if (psu__linux_read(root, "cpuinfo", &buf, &len, NULL) == 0) {
    psu__linux_parse_cpuinfo(buf, len, &ci, NULL, 0);
    psu__free(buf);
    if (ci.processors > 0) {
      *out = ci.processors;
      return PSU_OK;
    }
  }
  if (psu__linux_read(root, "stat", &buf, &len, err) != 0)
    return err ? err->code : PSU_ESYS;
  if (psu__linux_parse_stat(buf, len, 100, &st, NULL, 0, NULL) == 0)
    *out = (int)st.ncpu;
  psu__free(buf);
  return PSU_OK;
}


static int
psu__cmp_str64(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}


static int
psu__is_cpu_dir(const char *name) {
  const char *p = name + 3;
  if (strncmp(name, "cpu", 3) != 0 || *p == '\0')
    return 0;
  for (; *p; p++)
    if (*p < '0' || *p > '9')
      return 0;
  return 1;
}


/* Number of distinct <sysfs>/devices/system/cpu/cpuN/topology/<file>
 * contents; -1 when none could be read. */
static int
psu__count_topology(const char *sysroot, const char *file) {
  char dir[PSU_ROOT_MAX + 64], path[PSU_ROOT_MAX + 512];
  char(*vals)[64] = NULL, (*nv)[64];
  size_t n = 0, cap = 0, i, uniq;
  struct dirent *de;
  DIR *d;

  if (psu__path(dir, sizeof(dir), "%s/devices/system/cpu", sysroot) < 0)
    return -1;
  d = opendir(dir);
  if (d == NULL)
    return -1;
  while ((de = readdir(d)) != NULL) {
    if (!psu__is_cpu_dir(de->d_name))
      continue;
    if (psu__path(path, sizeof(path), "%s/%s/topology/%s", dir, de->d_name,
                  file) < 0)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      nv = psu__realloc(vals, cap * sizeof(*vals));
      if (nv == NULL)
        break;
      vals = nv;
    }
    if (psu__linux_cat(path, vals[n], sizeof(vals[n])) < 0)
      continue;
    n++;
  }
  closedir(d);
  if (n == 0) {
    psu__free(vals);
    return -1;
  }
  qsort(vals, n, sizeof(*vals), psu__cmp_str64);
  for (i = 1, uniq = 1; i < n; i++)
    if (strcmp(vals[i], vals[i - 1]) != 0)
      uniq++;
  psu__free(vals);
  return (int)uniq;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  char sysroot[PSU_ROOT_MAX];
  psu__linux_cpuinfo_t ci;
  char *buf;
  size_t len;
  int n, rc;

  *out = 0;
  psu__sysfs_root(sysroot);
  n = psu__count_topology(sysroot, "core_cpus_list");
  if (n < 0)
    n = psu__count_topology(sysroot, "thread_siblings_list");
  if (n > 0) {
    *out = n;
    return PSU_OK;
  }
  if ((rc = psu__read_cpuinfo(&buf, &len, err)) != 0)
    return rc;
  psu__linux_parse_cpuinfo(buf, len, &ci, NULL, 0);
  psu__free(buf);
  *out = ci.cores;
  return PSU_OK;
}


/* ---------------------------------------------------------- frequency */

typedef struct {
  unsigned num;
  char name[32];
} psu__freqdir_t;


static int
psu__cmp_freqdir(const void *a, const void *b) {
  unsigned x = ((const psu__freqdir_t *)a)->num;
  unsigned y = ((const psu__freqdir_t *)b)->num;
  return x < y ? -1 : x > y;
}


/* List <cpu>/cpufreq/policyN (or cpuN/cpufreq) sorted by N. */
static int
psu__freq_dirs(const char *cpudir, psu__freqdir_t **out, size_t *n) {
  const char *prefixes[2] = {"policy", "cpu"};
  char dir[PSU_ROOT_MAX + 128], path[PSU_ROOT_MAX + 256];
  psu__freqdir_t *arr = NULL, *na;
  size_t cnt = 0, cap = 0;
  struct dirent *de;
  int pass;
  DIR *d;

  for (pass = 0; pass < 2 && cnt == 0; pass++) {
    if (pass == 0)
      psu__path(dir, sizeof(dir), "%s/cpufreq", cpudir);
    else
      psu__path(dir, sizeof(dir), "%s", cpudir);
    d = opendir(dir);
    if (d == NULL)
      continue;
    while ((de = readdir(d)) != NULL) {
      size_t pl = strlen(prefixes[pass]);
      const char *q;
      unsigned num = 0;
      if (strncmp(de->d_name, prefixes[pass], pl) != 0 ||
          de->d_name[pl] == '\0' || strlen(de->d_name) >= 32)
        continue;
      for (q = de->d_name + pl; *q >= '0' && *q <= '9'; q++)
        num = num * 10 + (unsigned)(*q - '0');
      if (*q != '\0')
        continue;
      if (pass == 1) {
        if (psu__path(path, sizeof(path), "%s/%s/cpufreq/scaling_max_freq",
                      dir, de->d_name) < 0 ||
            access(path, F_OK) != 0)
          continue;
      }
      if (cnt == cap) {
        cap = cap ? cap * 2 : 16;
        na = psu__realloc(arr, cap * sizeof(*arr));
        if (na == NULL) {
          closedir(d);
          psu__free(arr);
          return -1;
        }
        arr = na;
      }
      arr[cnt].num = num;
      if (pass == 0)
        psu__path(arr[cnt].name, sizeof(arr[cnt].name), "cpufreq/%s",
                  de->d_name);
      else
        psu__path(arr[cnt].name, sizeof(arr[cnt].name), "%s/cpufreq",
                  de->d_name);
      cnt++;
    }
    closedir(d);
  }
  if (cnt > 1)
    qsort(arr, cnt, sizeof(*arr), psu__cmp_freqdir);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  char sysroot[PSU_ROOT_MAX], cpudir[PSU_ROOT_MAX + 64];
  char path[PSU_ROOT_MAX + 256];
  psu__linux_cpuinfo_t ci;
  psu__freqdir_t *dirs = NULL;
  psu_cpu_freq_t *arr = NULL;
  double *mhz = NULL;
  size_t ndirs = 0, i, cnt;
  char *buf = NULL;
  size_t len = 0;
  int64_t v;
  int rc = PSU_OK;

  *out = NULL;
  *n = 0;
  psu__sysfs_root(sysroot);
  psu__path(cpudir, sizeof(cpudir), "%s/devices/system/cpu", sysroot);
  /* cpuinfo "cpu MHz" values (missing cpuinfo is not an error here). */
  memset(&ci, 0, sizeof(ci));
  if (psu__read_cpuinfo(&buf, &len, NULL) == 0) {
    psu__linux_parse_cpuinfo(buf, len, &ci, NULL, 0);
    if (ci.nmhz > 0) {
      mhz = psu__calloc(ci.nmhz, sizeof(double));
      if (mhz == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
        goto done;
      }
      psu__linux_parse_cpuinfo(buf, len, &ci, mhz, ci.nmhz);
    }
  }
  if (psu__freq_dirs(cpudir, &dirs, &ndirs) != 0) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
    goto done;
  }
  cnt = ndirs ? ndirs : ci.nmhz;
  if (cnt == 0)
    goto done;
  arr = psu__calloc(cnt, sizeof(*arr));
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
    goto done;
  }
  if (ndirs == 0) {
    /* No cpufreq in sysfs: /proc/cpuinfo only, min = max = 0. */
    for (i = 0; i < cnt; i++)
      arr[i].current = mhz[i];
  } else {
    for (i = 0; i < ndirs; i++) {
      const char *d = dirs[i].name;
      if (ndirs == ci.nmhz) {
        arr[i].current = mhz[i];
      } else {
        psu__path(path, sizeof(path), "%s/%s/scaling_cur_freq", cpudir, d);
        if (psu__linux_cat_i64(path, &v) != 0) {
          psu__path(path, sizeof(path), "%s/%s/cpuinfo_cur_freq", cpudir, d);
          if (psu__linux_cat_i64(path, &v) != 0) {
            rc = psu__set_err(err, PSU_ENOTSUP, errno,
                              "cpu_freq: no current frequency file in %s/%s",
                              cpudir, d);
            goto done;
          }
        }
        arr[i].current = (double)v / 1000.0;
      }
      psu__path(path, sizeof(path), "%s/%s/scaling_max_freq", cpudir, d);
      if (psu__linux_cat_i64(path, &v) == 0)
        arr[i].max = (double)v / 1000.0;
      psu__path(path, sizeof(path), "%s/%s/scaling_min_freq", cpudir, d);
      if (psu__linux_cat_i64(path, &v) == 0)
        arr[i].min = (double)v / 1000.0;
    }
  }
  *out = arr;
  *n = cnt;
  arr = NULL;
done:
  psu__free(arr);
  psu__free(dirs);
  psu__free(mhz);
  psu__free(buf);
  return rc;
}
