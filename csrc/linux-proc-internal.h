/* linux-proc-internal.h: buffer parsers and helpers of the Linux process
 * sources (linux_proc*.c, linux_conn*.c). Not installed. Parsers take
 * (buf, len), never read past buf + len and never allocate, so they can
 * be fixture-tested and fuzzed without a file system. */
#ifndef PSU_LINUX_PROC_INTERNAL_H
#define PSU_LINUX_PROC_INTERNAL_H

#include "psu-internal.h"

#include <stdint.h>

/* /proc/PID/stat. name points into buf (between the first '(' and the
 * LAST ')', so comm may hold spaces, parentheses and newlines). Times are
 * in clock ticks. Fields missing at the end (old kernels) read as 0. */
typedef struct {
  const char *name;
  size_t name_len;
  char state;
  int64_t ppid;
  uint64_t tty_nr;
  uint64_t minflt, majflt;
  uint64_t utime, stime;
  int64_t cutime, cstime;
  uint64_t starttime;
  int64_t processor;
  uint64_t blkio_ticks;
} psu__linux_pid_stat_t;
int psu__linux_parse_pid_stat(const char *buf, size_t len,
                              psu__linux_pid_stat_t *out);

/* /proc/PID/status: the keys the process API uses. Memory in kB. */
typedef struct {
  int64_t uid[3], gid[3];
  int64_t tgid, threads;
  uint64_t vol_ctxsw, nonvol_ctxsw;
  uint64_t vm_size, vm_rss, rss_file, rss_shmem, vm_exe, vm_data, vm_stk;
  unsigned has_uid : 1, has_gid : 1, has_threads : 1, has_tgid : 1;
} psu__linux_pid_status_t;
int psu__linux_parse_pid_status(const char *buf, size_t len,
                                psu__linux_pid_status_t *out);

/* /proc/PID/statm: size resident shared text lib data dt, in pages. */
int psu__linux_parse_statm(const char *buf, size_t len, uint64_t out[7]);

/* smaps / smaps_rollup sums, in kB: uss = Private_Clean + Private_Dirty +
 * Private_Hugetlb. */
typedef struct {
  uint64_t uss, pss, swap;
} psu__linux_smaps_sum_t;
void psu__linux_parse_smaps_sum(const char *buf, size_t len,
                                psu__linux_smaps_sum_t *out);

/* /proc/PID/io. Returns 0, or PSU_EPARSE when no key was found. */
int psu__linux_parse_io(const char *buf, size_t len, psu_proc_io_t *out);

/* fdinfo "pos:" and "flags:" (octal). Returns 0 or PSU_EPARSE. */
int psu__linux_parse_fdinfo(const char *buf, size_t len, int64_t *pos,
                            int32_t *flags);

/* "0-3,5,7-8" → bitmap callback. Returns 0 or PSU_EPARSE. */
int psu__linux_parse_cpu_list(const char *buf, size_t len,
                              void (*fn)(void *ctx, int cpu), void *ctx);

/* One /proc/net/{tcp,udp}[6] line: hex addresses decoded to text. */
typedef struct {
  char laddr[64], raddr[64];
  int32_t lport, rport;
  int32_t state;
  uint64_t inode;
} psu__linux_inet_line_t;
int psu__linux_parse_inet_line(const char *line, size_t len, int ipv6,
                               psu__linux_inet_line_t *out);
/* One /proc/net/unix line. path points into line (may be empty). */
typedef struct {
  int32_t type, state;
  uint64_t inode;
  const char *path;
  size_t path_len;
} psu__linux_unix_line_t;
int psu__linux_parse_unix_line(const char *line, size_t len,
                               psu__linux_unix_line_t *out);

/* Errno of a failed /proc/PID/<file> access → PSU_E* code, per psutil:
 * EACCES/EPERM → EACCESS; ENOENT/ESRCH → ENOSUCHPROC if /proc/PID/stat is
 * gone, EZOMBIE if it shows state Z, else ESYS. */
int psu__linux_proc_err(const char *root, int64_t pid, int e,
                        const char *what, psu_err_t *err);
/* State letter of /proc/PID/stat, 0 if the file is gone. */
char psu__linux_proc_state(const char *root, int64_t pid);

#endif /* PSU_LINUX_PROC_INTERNAL_H */
