/* linux_pressure.c: pressure stall information (PSI), system-wide and per
 * cgroup. Format (Documentation/accounting/psi.rst):
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0 */
#include "linux-cgroup-internal.h"

#include <errno.h>


/* A decimal like "12.34" without locale dependence. */
static int
parse_fixed(const char *s, const char *e, double *out) {
  double v = 0, scale = 1;
  int digits = 0, frac = 0;

  for (; s < e; s++) {
    if (*s == '.' && !frac) {
      frac = 1;
    } else if (*s >= '0' && *s <= '9') {
      v = v * 10 + (*s - '0');
      if (frac)
        scale *= 10;
      digits++;
    } else {
      return -1;
    }
  }
  if (digits == 0)
    return -1;
  *out = v / scale;
  return 0;
}


static int
parse_line(const char *s, const char *e, psu_psi_line_t *l) {
  int seen = 0;

  while (s < e) {
    const char *k, *eq, *ve;
    size_t kl;
    while (s < e && *s == ' ')
      s++;
    k = s;
    while (s < e && *s != ' ')
      s++;
    ve = s;
    if (k == ve)
      break;
    eq = memchr(k, '=', (size_t)(ve - k));
    if (eq == NULL)
      return PSU_EPARSE;
    kl = (size_t)(eq - k);
    if (kl == 5 && memcmp(k, "avg10", 5) == 0) {
      if (parse_fixed(eq + 1, ve, &l->avg10) != 0)
        return PSU_EPARSE;
      seen |= 1;
    } else if (kl == 5 && memcmp(k, "avg60", 5) == 0) {
      if (parse_fixed(eq + 1, ve, &l->avg60) != 0)
        return PSU_EPARSE;
      seen |= 2;
    } else if (kl == 6 && memcmp(k, "avg300", 6) == 0) {
      if (parse_fixed(eq + 1, ve, &l->avg300) != 0)
        return PSU_EPARSE;
      seen |= 4;
    } else if (kl == 5 && memcmp(k, "total", 5) == 0) {
      const char *p = eq + 1;
      uint64_t v = 0;
      if (p >= ve)
        return PSU_EPARSE;
      for (; p < ve; p++) {
        if (*p < '0' || *p > '9')
          return PSU_EPARSE;
        v = v * 10 + (uint64_t)(*p - '0');
      }
      l->total = v;
      seen |= 8;
    }
    /* unknown keys are ignored: the format may grow */
  }
  return seen == 15 ? 0 : PSU_EPARSE;
}


int
psu__linux_parse_pressure(const char *buf, size_t len, psu_pressure_t *out) {
  const char *p = buf, *end = buf + len;
  int have_some = 0;

  memset(out, 0, sizeof(*out));
  while (p < end) {
    const char *ls = p, *le = memchr(p, '\n', (size_t)(end - p));
    int rc;
    if (le == NULL)
      le = end;
    p = le < end ? le + 1 : end;
    if (le - ls >= 5 && memcmp(ls, "some ", 5) == 0) {
      rc = parse_line(ls + 5, le, &out->some);
      if (rc != 0)
        return rc;
      have_some = 1;
    } else if (le - ls >= 5 && memcmp(ls, "full ", 5) == 0) {
      rc = parse_line(ls + 5, le, &out->full);
      if (rc != 0)
        return rc;
      out->has_full = 1;
    } else if (le != ls) {
      return PSU_EPARSE;
    }
  }
  /* irq has a "full" line only */
  return have_some || out->has_full ? 0 : PSU_EPARSE;
}


static int
valid_resource(const char *r) {
  return r != NULL && (strcmp(r, "cpu") == 0 || strcmp(r, "memory") == 0 ||
                       strcmp(r, "io") == 0 || strcmp(r, "irq") == 0);
}


static int
read_pressure(const char *path, psu_pressure_t *out, psu_err_t *err) {
  char buf[512];
  ssize_t r = psu__read_small(path, buf, sizeof(buf));
  int rc;

  if (r < 0) {
    int e = errno;
    /* ENOENT: no PSI or no such resource (irq needs 6.1);
     * EOPNOTSUPP: CONFIG_PSI with psi=0 on the command line. */
    if (e == ENOENT || e == EOPNOTSUPP || e == ENOTDIR)
      return psu__set_err(err, PSU_ENOTSUP, e, "open(%s)", path);
    if (e == EACCES || e == EPERM)
      return psu__set_err(err, PSU_EACCESS, e, "open(%s)", path);
    return psu__set_err(err, PSU_ESYS, e, "read(%s)", path);
  }
  rc = psu__linux_parse_pressure(buf, (size_t)r, out);
  if (rc != 0)
    return psu__set_err(err, rc, 0, "parse(%s)", path);
  return 0;
}


int
psu_pressure(const char *resource, psu_pressure_t *out, psu_err_t *err) {
  char proc[PSU_ROOT_MAX], path[PSU_ROOT_MAX + 32];

  if (out == NULL || !valid_resource(resource))
    return psu__set_err(err, PSU_EINVAL, 0, "psu_pressure: bad resource");
  psu__procfs_root(proc);
  psu__path(path, sizeof(path), "%s/pressure/%s", proc, resource);
  return read_pressure(path, out, err);
}


int
psu_cgroup_pressure_dir(const char *dir, const char *resource,
                        psu_pressure_t *out, psu_err_t *err) {
  char path[PSU_CGROUP_PATH_MAX + 32];

  if (out == NULL || dir == NULL || !valid_resource(resource))
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cgroup_pressure_dir");
  if (psu__path(path, sizeof(path), "%s/%s.pressure", dir, resource) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "cgroup dir too long");
  return read_pressure(path, out, err);
}
