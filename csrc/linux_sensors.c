/* linux_sensors.c: temperatures and fans (<sysfs>/class/hwmon, fallback
 * <sysfs>/class/thermal) and the battery (<sysfs>/class/power_supply).
 * No hardware gives an empty result, not an error. */
#include "linux-internal.h"

#include <dirent.h>
#include <errno.h>
#include <strings.h>

#define PSU__SPATH (PSU_ROOT_MAX + 192)

typedef struct {
  char path[PSU__SPATH]; /* ".../hwmonN[/device]/tempM" */
} psu__sbase_t;

typedef struct {
  psu__sbase_t *v;
  size_t n, cap;
} psu__sbases_t;


static int
psu__sbases_add(psu__sbases_t *b, const char *dir, const char *name,
                size_t nlen) {
  psu__sbase_t *nv;
  int off;

  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 16;
    nv = psu__realloc(b->v, cap * sizeof(*nv));
    if (nv == NULL)
      return -1;
    b->v = nv;
    b->cap = cap;
  }
  off = psu__path(b->v[b->n].path, PSU__SPATH, "%s/", dir);
  if (off < 0 || (size_t)off + nlen + 1 > PSU__SPATH)
    return 0; /* too long: ignore */
  memcpy(b->v[b->n].path + off, name, nlen);
  b->v[b->n].path[off + (int)nlen] = '\0';
  b->n++;
  return 0;
}


static int
psu__cmp_sbase(const void *a, const void *b) {
  return strcmp(((const psu__sbase_t *)a)->path,
                ((const psu__sbase_t *)b)->path);
}


/* Add dir/<prefix>N for every file dir/<prefix>N_* . */
static int
psu__scan_prefix(psu__sbases_t *b, const char *dir, const char *prefix) {
  size_t pl = strlen(prefix);
  struct dirent *de;
  DIR *d = opendir(dir);

  if (d == NULL)
    return 0;
  while ((de = readdir(d)) != NULL) {
    const char *q = de->d_name + pl;
    if (strncmp(de->d_name, prefix, pl) != 0 || *q < '0' || *q > '9')
      continue;
    while (*q >= '0' && *q <= '9')
      q++;
    if (*q != '_')
      continue;
    if (psu__sbases_add(b, dir, de->d_name, (size_t)(q - de->d_name)) != 0) {
      closedir(d);
      return -1;
    }
  }
  closedir(d);
  return 0;
}


/* Bases of <sysfs>/class/hwmon/hwmon* (and their device/ subdirs), sorted
 * and unique. device_only_if_none: fans look in device/ only when the
 * hwmon dirs themselves have none (as psutil). */
static int
psu__hwmon_bases(const char *prefix, int device_only_if_none,
                 psu__sbases_t *b) {
  char sysroot[PSU_ROOT_MAX], cls[PSU_ROOT_MAX + 32], dir[PSU__SPATH];
  struct dirent *de;
  size_t i, w;
  int pass;
  DIR *d;

  memset(b, 0, sizeof(*b));
  psu__sysfs_root(sysroot);
  psu__path(cls, sizeof(cls), "%s/class/hwmon", sysroot);
  for (pass = 0; pass < 2; pass++) {
    if (pass == 1 && device_only_if_none && b->n > 0)
      break;
    d = opendir(cls);
    if (d == NULL)
      return 0;
    while ((de = readdir(d)) != NULL) {
      if (strncmp(de->d_name, "hwmon", 5) != 0)
        continue;
      if (psu__path(dir, sizeof(dir), pass ? "%s/%s/device" : "%s/%s", cls,
                    de->d_name) < 0)
        continue;
      if (psu__scan_prefix(b, dir, prefix) != 0) {
        closedir(d);
        return -1;
      }
    }
    closedir(d);
  }
  if (b->n > 1)
    qsort(b->v, b->n, sizeof(*b->v), psu__cmp_sbase);
  for (i = 0, w = 0; i < b->n; i++)
    if (w == 0 || strcmp(b->v[i].path, b->v[w - 1].path) != 0)
      b->v[w++] = b->v[i];
  b->n = w;
  return 0;
}


/* The "name" file next to a base path. */
static int
psu__unit_name(const char *base, char *out, size_t cap) {
  char path[PSU__SPATH + 8];
  const char *slash = strrchr(base, '/');

  if (slash == NULL ||
      psu__path(path, sizeof(path), "%.*s/name", (int)(slash - base), base) < 0)
    return -1;
  return psu__linux_cat(path, out, cap) < 0 ? -1 : 0;
}


static int
psu__cat_suffix(const char *base, const char *suffix, char *out, size_t cap) {
  char path[PSU__SPATH + 16];

  if (psu__path(path, sizeof(path), "%s%s", base, suffix) < 0)
    return -1;
  return psu__linux_cat(path, out, cap) < 0 ? -1 : 0;
}


static int
psu__cat_suffix_i64(const char *base, const char *suffix, int64_t *v) {
  char path[PSU__SPATH + 16];

  if (psu__path(path, sizeof(path), "%s%s", base, suffix) < 0)
    return -1;
  return psu__linux_cat_i64(path, v);
}


static int
psu__temps_grow(psu_temperature_t **arr, size_t *cap, size_t n) {
  psu_temperature_t *na;
  if (n < *cap)
    return 0;
  *cap = *cap ? *cap * 2 : 16;
  na = psu__realloc(*arr, *cap * sizeof(**arr));
  if (na == NULL)
    return -1;
  *arr = na;
  return 0;
}


/* Fallback: <sysfs>/class/thermal/thermal_zone*. */
static int
psu__thermal_zones(psu_temperature_t **arr, size_t *cap, size_t *n) {
  char sysroot[PSU_ROOT_MAX], cls[PSU_ROOT_MAX + 32], base[PSU__SPATH];
  char tp[PSU__SPATH + 64], type[64];
  psu__sbases_t b;
  struct dirent *de;
  int64_t v;
  size_t i;
  DIR *d;

  memset(&b, 0, sizeof(b));
  psu__sysfs_root(sysroot);
  psu__path(cls, sizeof(cls), "%s/class/thermal", sysroot);
  d = opendir(cls);
  if (d == NULL)
    return 0;
  while ((de = readdir(d)) != NULL) {
    if (strncmp(de->d_name, "thermal_zone", 12) != 0)
      continue;
    if (psu__sbases_add(&b, cls, de->d_name, strlen(de->d_name)) != 0) {
      closedir(d);
      psu__free(b.v);
      return -1;
    }
  }
  closedir(d);
  if (b.n > 1)
    qsort(b.v, b.n, sizeof(*b.v), psu__cmp_sbase);
  for (i = 0; i < b.n; i++) {
    psu_temperature_t *t;
    DIR *zd;
    psu__strlcpy(base, b.v[i].path, sizeof(base));
    if (psu__cat_suffix_i64(base, "/temp", &v) != 0 ||
        psu__cat_suffix(base, "/type", type, sizeof(type)) != 0)
      continue;
    if (psu__temps_grow(arr, cap, *n) != 0) {
      psu__free(b.v);
      return -1;
    }
    t = &(*arr)[*n];
    memset(t, 0, sizeof(*t));
    psu__strlcpy(t->name, type, sizeof(t->name));
    t->current = (double)v / 1000.0;
    zd = opendir(base);
    if (zd != NULL) {
      while ((de = readdir(zd)) != NULL) {
        size_t l = strlen(de->d_name);
        char ttype[32];
        int64_t tv;
        if (strncmp(de->d_name, "trip_point_", 11) != 0 || l < 5 ||
            strcmp(de->d_name + l - 5, "_type") != 0)
          continue;
        if (psu__path(tp, sizeof(tp), "%s/%s", base, de->d_name) < 0 ||
            psu__linux_cat(tp, ttype, sizeof(ttype)) < 0)
          continue;
        /* ".../trip_point_N_type" -> ".../trip_point_N_temp" */
        memcpy(tp + strlen(tp) - 4, "temp", 4);
        if (psu__linux_cat_i64(tp, &tv) != 0)
          continue;
        if (strcmp(ttype, "critical") == 0)
          t->critical = (double)tv / 1000.0;
        else if (strcmp(ttype, "high") == 0)
          t->high = (double)tv / 1000.0;
      }
      closedir(zd);
    }
    (*n)++;
  }
  psu__free(b.v);
  return 0;
}


int
psu_sensors_temperatures(psu_temperature_t **out, size_t *n, psu_err_t *err) {
  psu_temperature_t *arr = NULL;
  size_t cap = 0, cnt = 0, i;
  psu__sbases_t b;
  char name[PSU_SENSOR_NAME_MAX];
  int64_t v;

  *out = NULL;
  *n = 0;
  if (psu__hwmon_bases("temp", 0, &b) != 0)
    goto nomem;
  for (i = 0; i < b.n; i++) {
    const char *base = b.v[i].path;
    psu_temperature_t *t;
    if (psu__cat_suffix_i64(base, "_input", &v) != 0 ||
        psu__unit_name(base, name, sizeof(name)) != 0)
      continue;
    if (psu__temps_grow(&arr, &cap, cnt) != 0)
      goto nomem;
    t = &arr[cnt++];
    memset(t, 0, sizeof(*t));
    psu__strlcpy(t->name, name, sizeof(t->name));
    t->current = (double)v / 1000.0;
    if (psu__cat_suffix_i64(base, "_max", &v) == 0)
      t->high = (double)v / 1000.0;
    if (psu__cat_suffix_i64(base, "_crit", &v) == 0)
      t->critical = (double)v / 1000.0;
    if (psu__cat_suffix(base, "_label", t->label, sizeof(t->label)) != 0)
      t->label[0] = '\0';
  }
  if (b.n == 0 && psu__thermal_zones(&arr, &cap, &cnt) != 0)
    goto nomem;
  psu__free(b.v);
  *out = arr;
  *n = cnt;
  return PSU_OK;
nomem:
  psu__free(b.v);
  psu__free(arr);
  return psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
}


int
psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err) {
  psu_fan_t *arr = NULL;
  size_t cnt = 0, i;
  psu__sbases_t b;
  int64_t v;

  *out = NULL;
  *n = 0;
  if (psu__hwmon_bases("fan", 1, &b) != 0)
    goto nomem;
  arr = psu__calloc(b.n ? b.n : 1, sizeof(*arr));
  if (arr == NULL)
    goto nomem;
  for (i = 0; i < b.n; i++) {
    const char *base = b.v[i].path;
    psu_fan_t *f = &arr[cnt];
    if (psu__cat_suffix_i64(base, "_input", &v) != 0 ||
        psu__unit_name(base, f->name, sizeof(f->name)) != 0)
      continue;
    f->current = v;
    if (psu__cat_suffix(base, "_label", f->label, sizeof(f->label)) != 0)
      f->label[0] = '\0';
    cnt++;
  }
  psu__free(b.v);
  *out = arr;
  *n = cnt;
  return PSU_OK;
nomem:
  psu__free(b.v);
  psu__free(arr);
  return psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
}


/* First existing integer file among two; 0 found, -1 none. */
static int
psu__bat_i64(const char *dir, const char *a, const char *b, int64_t *v) {
  char path[PSU__SPATH + 64];

  if (psu__path(path, sizeof(path), "%s/%s", dir, a) >= 0 &&
      psu__linux_cat_i64(path, v) == 0)
    return 0;
  if (b != NULL && psu__path(path, sizeof(path), "%s/%s", dir, b) >= 0 &&
      psu__linux_cat_i64(path, v) == 0)
    return 0;
  return -1;
}


static int
psu__has_battery_name(const char *s) {
  size_t i, l = strlen(s);
  if (strncmp(s, "BAT", 3) == 0)
    return 1;
  for (i = 0; i + 7 <= l; i++)
    if (strncasecmp(s + i, "battery", 7) == 0)
      return 1;
  return 0;
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  char sysroot[PSU_ROOT_MAX], ps[PSU_ROOT_MAX + 32], dir[PSU__SPATH];
  char best[256] = "", status[32];
  int64_t energy_now, power_now, energy_full, tte, online, cap;
  int has_en, has_pn, has_ef, has_tte, plugged = -1;
  struct dirent *de;
  DIR *d;

  (void)err;
  memset(out, 0, sizeof(*out));
  *present = 0;
  psu__sysfs_root(sysroot);
  psu__path(ps, sizeof(ps), "%s/class/power_supply", sysroot);
  d = opendir(ps);
  if (d == NULL)
    return PSU_OK;
  while ((de = readdir(d)) != NULL) {
    if (!psu__has_battery_name(de->d_name) || strlen(de->d_name) >= 256)
      continue;
    if (best[0] == '\0' || strcmp(de->d_name, best) < 0)
      psu__strlcpy(best, de->d_name, sizeof(best));
  }
  closedir(d);
  if (best[0] == '\0')
    return PSU_OK;
  if (psu__path(dir, sizeof(dir), "%s/%s", ps, best) < 0)
    return PSU_OK;

  has_en = psu__bat_i64(dir, "energy_now", "charge_now", &energy_now) == 0;
  has_pn = psu__bat_i64(dir, "power_now", "current_now", &power_now) == 0;
  has_ef = psu__bat_i64(dir, "energy_full", "charge_full", &energy_full) == 0;
  has_tte = psu__bat_i64(dir, "time_to_empty_now", NULL, &tte) == 0;

  if (has_en && has_ef) {
    out->percent =
        energy_full == 0 ? 0.0 : 100.0 * (double)energy_now / (double)energy_full;
  } else {
    if (psu__bat_i64(dir, "capacity", NULL, &cap) != 0 || cap == -1)
      return PSU_OK; /* nothing usable: like psutil, no battery */
    out->percent = (double)cap;
  }

  if (psu__bat_i64(ps, "AC0/online", "AC/online", &online) == 0) {
    plugged = online == 1;
  } else {
    char path[PSU__SPATH + 16];
    if (psu__path(path, sizeof(path), "%s/status", dir) >= 0 &&
        psu__linux_cat(path, status, sizeof(status)) >= 0) {
      if (strcasecmp(status, "discharging") == 0)
        plugged = 0;
      else if (strcasecmp(status, "charging") == 0 ||
               strcasecmp(status, "full") == 0)
        plugged = 1;
    }
  }
  out->power_plugged = plugged;
  if (plugged == 1)
    out->secsleft = PSU_POWER_TIME_UNLIMITED;
  else if (has_en && has_pn)
    out->secsleft = power_now == 0
                        ? PSU_POWER_TIME_UNKNOWN
                        : (int64_t)((double)energy_now / (double)power_now *
                                    3600.0);
  else if (has_tte)
    out->secsleft = tte * 60 < 0 ? PSU_POWER_TIME_UNKNOWN : tte * 60;
  else
    out->secsleft = PSU_POWER_TIME_UNKNOWN;
  *present = 1;
  return PSU_OK;
}
