/* linux-cgroup-internal.h: buffer parsers of linux_cgroup.c and
 * linux_pressure.c, exposed for fixture tests and fuzzing. Not installed. */
#ifndef PSU_LINUX_CGROUP_INTERNAL_H
#define PSU_LINUX_CGROUP_INTERNAL_H

#include "psu-internal.h"

/* One line of /proc/PID/cgroup: "id:controllers:path". */
typedef struct psu__cg_line_s {
  int64_t id;
  char controllers[256];
  char path[PSU_CGROUP_PATH_MAX];
} psu__cg_line_t;

/* One cgroup or cgroup2 mount of mountinfo. */
typedef struct psu__cg_mount_s {
  int v2;
  char root[PSU_CGROUP_PATH_MAX];  /* field 4, unescaped */
  char point[PSU_CGROUP_PATH_MAX]; /* field 5, unescaped */
  char opts[256];                  /* super options (v1 controllers) */
} psu__cg_mount_t;

/* Parse /proc/PID/cgroup into out[cap]; *n gets the line count (lines
 * beyond cap are dropped). PSU_EPARSE on a malformed line. */
int psu__linux_parse_cgroup_procfile(const char *buf, size_t len,
                                     psu__cg_line_t *out, size_t cap,
                                     size_t *n);
/* Keep the cgroup/cgroup2 mounts of a mountinfo buffer. */
int psu__linux_parse_cgroup_mountinfo(const char *buf, size_t len,
                                      psu__cg_mount_t *out, size_t cap,
                                      size_t *n);
/* Resolve one line to a directory ("" if no mount matches). sysroot is the
 * sysfs root: a mount point under "/sys" is moved below it. */
void psu__linux_cgroup_resolve(const psu__cg_line_t *line,
                               const psu__cg_mount_t *mounts, size_t nm,
                               const char *sysroot, char *dir, size_t cap);

/* Flat "key value" files (memory.stat, cpu.stat, memory.events,
 * memory.oom_control): the value of key, or -1 if absent (*out untouched). */
int psu__linux_parse_cgroup_kv(const char *buf, size_t len, const char *key,
                               uint64_t *out);
/* A single-number limit file: "max" or v1's >= 2^62 values give
 * PSU_CGROUP_UNLIMITED; a negative number (cfs_quota_us) too. */
int psu__linux_parse_cgroup_limit(const char *buf, size_t len, int64_t *out);
/* cpu.max: "<quota|max> <period>". */
int psu__linux_parse_cgroup_cpumax(const char *buf, size_t len,
                                   int64_t *quota, uint64_t *period);
/* io.stat lines into out[cap] (*n = lines seen, may exceed cap). */
int psu__linux_parse_cgroup_iostat(const char *buf, size_t len,
                                   psu_cgroup_io_t *out, size_t cap,
                                   size_t *n);
/* v1 blkio "MAJ:MIN Read N" lines: add the values into out[] (matching or
 * appending devices); bytes selects rbytes/wbytes, else rios/wios. */
int psu__linux_parse_cgroup_blkio(const char *buf, size_t len, int bytes,
                                  psu_cgroup_io_t *out, size_t cap,
                                  size_t *n);

/* A PSI file ("some avg10=... total=N" and maybe "full ..."). */
int psu__linux_parse_pressure(const char *buf, size_t len,
                              psu_pressure_t *out);

#endif /* PSU_LINUX_CGROUP_INTERNAL_H */
