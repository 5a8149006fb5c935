/* linux-internal.h: helpers and buffer parsers shared by the Linux sources
 * (csrc/linux_*.c). Not installed. Parsers take (buf, len) so that they can
 * be fixture-tested and fuzzed without a file system; they never allocate
 * per line and never read past buf + len. */
#ifndef PSU_LINUX_INTERNAL_H
#define PSU_LINUX_INTERNAL_H

#include "psu-internal.h"

#include <stdint.h>

/* ------------------------------------------------------------ helpers */

/* Read <root>/<rel> (root is the procfs or sysfs root) into a malloc'd
 * buffer. On failure sets err (PSU_ESYS with errno, so that ENOENT maps to
 * fs.ErrNotExist in Go) and returns its code. */
int psu__linux_read(const char *root, const char *rel, char **buf,
                    size_t *len, psu_err_t *err);

/* Read a small sysfs-style file <path> into buf (cap bytes), strip the
 * trailing newline/space. Returns the length or -1 (errno set). */
ssize_t psu__linux_cat(const char *path, char *buf, size_t cap);
/* Read an integer file; 0 on success, -1 when missing or not a number. */
int psu__linux_cat_i64(const char *path, int64_t *out);

/* Scanning: skip blanks (space, tab) / parse an unsigned decimal. They
 * never pass end. psu__scan_u64 returns 0 or -1 (no digits, overflow). */
const char *psu__skip_blanks(const char *p, const char *end);
int psu__scan_u64(const char **p, const char *end, uint64_t *out);
int psu__scan_i64(const char **p, const char *end, int64_t *out);
/* Next line: returns the start of the line after p (or end). */
const char *psu__next_line(const char *p, const char *end);

/* Clock ticks per second (sysconf(_SC_CLK_TCK), cached once). */
double psu__linux_clk_tck(void);
/* Page size in bytes (cached once). */
uint64_t psu__linux_pagesize(void);

/* ------------------------------------------------------------ /proc/stat */

typedef struct {
  psu_cpu_times_t total;
  psu_cpu_stats_t stats;
  uint64_t btime;     /* 0 if absent */
  size_t ncpu;        /* number of cpuN lines seen */
  int has_total;      /* a "cpu " line was found */
} psu__linux_stat_t;

/* Parse /proc/stat. percpu (may be NULL) receives up to cap cpuN lines;
 * out->ncpu counts them all. Times are divided by clk_tck. Missing trailing
 * columns (old kernels: no steal/guest/guest_nice) read as 0. Returns 0 or
 * PSU_EPARSE (with err set). */
int psu__linux_parse_stat(const char *buf, size_t len, double clk_tck,
                          psu__linux_stat_t *out, psu_cpu_times_t *percpu,
                          size_t cap, psu_err_t *err);

/* "0.52 0.58 0.59 1/467 12345" -> the three averages. */
int psu__linux_parse_loadavg(const char *buf, size_t len, psu_loadavg_t *out);

/* ------------------------------------------------------------ memory */

/* Values of /proc/meminfo in bytes; has_* says whether the key exists. */
typedef struct {
  uint64_t mem_total, mem_free, mem_available, buffers, cached,
      sreclaimable, shmem, mem_shared, active, inactive, inact_dirty,
      inact_clean, inact_laundry, slab, active_file, inactive_file,
      swap_total, swap_free;
  unsigned has_total : 1, has_free : 1, has_available : 1, has_buffers : 1,
      has_cached : 1, has_sreclaimable : 1, has_shmem : 1,
      has_mem_shared : 1, has_active : 1, has_inactive : 1,
      has_inact_dirty : 1, has_inact_clean : 1, has_inact_laundry : 1,
      has_slab : 1, has_active_file : 1, has_inactive_file : 1,
      has_swap_total : 1, has_swap_free : 1;
} psu__linux_meminfo_t;

/* "Key: N kB" lines, split at the first ':' (the space may be missing). */
int psu__linux_parse_meminfo(const char *buf, size_t len,
                             psu__linux_meminfo_t *out, psu_err_t *err);
/* Sum of the "low" watermarks of /proc/zoneinfo, in pages. */
int psu__linux_parse_zoneinfo_low(const char *buf, size_t len,
                                  uint64_t *pages, psu_err_t *err);
/* pswpin / pswpout of /proc/vmstat (pages; 0 if absent). */
int psu__linux_parse_vmstat(const char *buf, size_t len, uint64_t *pswpin,
                            uint64_t *pswpout, psu_err_t *err);
/* psutil's virtual_memory formulas. have_wmark = 0 when zoneinfo could not
 * be read; wmark_low is in bytes. */
void psu__linux_calc_vmem(const psu__linux_meminfo_t *m, int have_wmark,
                          uint64_t wmark_low, psu_virtual_memory_t *out);

/* ------------------------------------------------------------ disks */

/* Decode \ooo octal escapes in place (mounts files). */
void psu__linux_unescape_octal(char *s);

typedef struct {
  const char *name; /* into the buffer, not NUL-terminated */
  size_t name_len;
  uint64_t reads, reads_merged, rsectors, rtime, writes, writes_merged,
      wsectors, wtime, busy_time;
} psu__linux_diskstat_t;
/* One /proc/diskstats line [line, end): 7, 14, 15, 18 or 20 fields.
 * Returns 0, or PSU_EPARSE for an unknown layout or a bad number. */
int psu__linux_parse_diskstats_line(const char *line, const char *end,
                                    psu__linux_diskstat_t *out);

/* ------------------------------------------------------------ network */

typedef struct {
  const char *name; /* into the buffer, not NUL-terminated */
  size_t name_len;
  uint64_t bytes_recv, packets_recv, errin, dropin, bytes_sent,
      packets_sent, errout, dropout;
} psu__linux_netdev_t;
/* One /proc/net/dev data line [line, end). Returns 0 or PSU_EPARSE. */
int psu__linux_parse_netdev_line(const char *line, const char *end,
                                 psu__linux_netdev_t *out);

/* ------------------------------------------------------------ cpuinfo */

/* Count "processor" lines, sum "cpu cores" per unique "physical id", and
 * collect "cpu MHz" values (up to cap into mhz). */
typedef struct {
  int processors;
  int cores; /* sum over physical ids; 0 if unknown */
  size_t nmhz;
} psu__linux_cpuinfo_t;
int psu__linux_parse_cpuinfo(const char *buf, size_t len,
                             psu__linux_cpuinfo_t *out, double *mhz,
                             size_t cap);

#endif /* PSU_LINUX_INTERNAL_H */
