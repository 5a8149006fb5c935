/* psu_cgroup.h: Linux extras: cgroups v1/v2, pressure stall information, netlink sockets.
 * Included by psu.h; follows the conventions written there.
 *
 * Every function here exists on Linux only. Paths are read below the
 * configured roots (psu_set_procfs_path / psu_set_sysfs_path): a cgroup
 * mount point "/sys/fs/cgroup/x" from mountinfo becomes "<sysfs root>/fs/
 * cgroup/x", so a fixture tree or a container's /sys can be inspected. */
#ifndef PSU_CGROUP_H
#define PSU_CGROUP_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A limit that reads "max" (v2), -1 (v1 cfs_quota_us) or v1's huge
 * "no limit" value (>= 2^62) is reported as PSU_CGROUP_UNLIMITED. */
#define PSU_CGROUP_UNLIMITED (-1)
#define PSU_CGROUP_PATH_MAX 1024

/* One line of /proc/PID/cgroup, resolved against /proc/self/mountinfo. */
typedef struct psu_cgroup_entry_s {
  int64_t hierarchy_id;          /* 0 for the v2 (unified) hierarchy */
  int version;                   /* 1 or 2 */
  char controllers[256];         /* "cpu,cpuacct", "name=systemd"; "" for v2 */
  char path[PSU_CGROUP_PATH_MAX]; /* path inside the hierarchy, e.g. "/a/b" */
  char dir[PSU_CGROUP_PATH_MAX];  /* directory to read (roots applied); ""
                                    when the hierarchy is not mounted here */
} psu_cgroup_entry_t;

/* The cgroups of pid (one entry per hierarchy, file order); pid 0 means
 * the calling process (<procfs>/self), here and in every pid argument
 * below. One block, free with psu_free. PSU_ENOSUCHPROC if pid is gone,
 * PSU_ENOTSUP when the kernel has no cgroups. */
PSU_EXTERN int psu_cgroup_of(int64_t pid, psu_cgroup_entry_t **out, size_t *n,
                             psu_err_t *err);

/* Limits and usage of one cgroup. For each controller, has_X says whether
 * it was found (0: controller absent, other fields are 0), X_version says
 * whether it came from a v1 or a v2 hierarchy and X_dir where. Limits are
 * PSU_CGROUP_UNLIMITED for "max". Bytes, microseconds. */
typedef struct psu_cgroup_stat_s {
  int has_memory, memory_version;
  char memory_dir[PSU_CGROUP_PATH_MAX];
  int64_t memory_max;      /* v2 memory.max; v1 memory.limit_in_bytes */
  int64_t memory_high;     /* v2 memory.high; v1: unlimited */
  int64_t memory_effective_max; /* min of memory_max over the ancestors */
  uint64_t memory_current; /* v2 memory.current; v1 memory.usage_in_bytes;
                              v2 root: MemTotal - MemAvailable */
  int64_t swap_max;        /* v2 memory.swap.max; v1 memsw limit - limit */
  uint64_t swap_current;   /* v2 memory.swap.current; v1 memsw usage - usage */
  uint64_t inactive_file;  /* memory.stat inactive_file (v1 total_inactive_file) */
  uint64_t oom;            /* memory.events oom (v1: 0, not exposed) */
  uint64_t oom_kill;       /* memory.events oom_kill; v1 memory.oom_control */

  int has_cpu, cpu_version;
  char cpu_dir[PSU_CGROUP_PATH_MAX];
  int64_t cpu_quota_us;    /* cpu.max first field; v1 cpu.cfs_quota_us */
  uint64_t cpu_period_us;  /* cpu.max second field; v1 cpu.cfs_period_us */
  double cpu_limit;        /* quota/period in CPUs, -1 = unlimited */
  double cpu_effective_limit; /* min of cpu_limit over the ancestors */
  uint64_t cpu_usage_usec, cpu_user_usec, cpu_system_usec; /* cpu.stat;
                              v1 cpuacct.usage{,_user,_sys} ns / 1000 */
  uint64_t nr_periods, nr_throttled, throttled_usec; /* cpu.stat (v1:
                              throttled_time ns / 1000) */

  int has_pids, pids_version;
  char pids_dir[PSU_CGROUP_PATH_MAX];
  uint64_t pids_current;
  int64_t pids_max;
} psu_cgroup_stat_t;

/* Stats of the cgroups of pid (hybrid: per controller, v1 wins over v2
 * when a controller is bound to v1). */
PSU_EXTERN int psu_cgroup_stat(int64_t pid, psu_cgroup_stat_t *out,
                               psu_err_t *err);
/* Stats of one cgroup directory: v2 when it holds cgroup.controllers,
 * otherwise the v1 controllers whose files are in it. PSU_ENOTFOUND if
 * dir does not exist. */
PSU_EXTERN int psu_cgroup_stat_dir(const char *dir, psu_cgroup_stat_t *out,
                                   psu_err_t *err);

/* io.stat (v2) or blkio.throttle.io_service{d,_bytes} (v1) per device. */
typedef struct psu_cgroup_io_s {
  uint32_t major, minor;
  uint64_t rbytes, wbytes, rios, wios, dbytes, dios;
} psu_cgroup_io_t;

/* *out is NULL and *n 0 when the io/blkio controller is absent (then
 * *version is 0); one block otherwise, free with psu_free. */
PSU_EXTERN int psu_cgroup_io(int64_t pid, psu_cgroup_io_t **out, size_t *n,
                             int *version, psu_err_t *err);
PSU_EXTERN int psu_cgroup_io_dir(const char *dir, psu_cgroup_io_t **out,
                                 size_t *n, int *version, psu_err_t *err);

/* Number of CPUs in pid's affinity mask (sched_getaffinity; 0 = self). */
PSU_EXTERN int psu_cgroup_affinity_count(int64_t pid, int *out,
                                         psu_err_t *err);
/* MemTotal of <procfs>/meminfo in bytes. */
PSU_EXTERN int psu_cgroup_host_memtotal(uint64_t *out, psu_err_t *err);

/* Pressure stall information: one resource file ("cpu", "memory", "io",
 * "irq"). avg* are percentages, total is microseconds. has_full is 0 when
 * the file has no "full" line; irq has only a "full" line (some is 0). */
typedef struct psu_psi_line_s {
  double avg10, avg60, avg300;
  uint64_t total;
} psu_psi_line_t;

typedef struct psu_pressure_s {
  psu_psi_line_t some, full;
  int has_full;
} psu_pressure_t;

/* System-wide <procfs>/pressure/<resource>. PSU_ENOTSUP when the kernel
 * has no PSI (file missing or EOPNOTSUPP with psi=0), PSU_EINVAL for an
 * unknown resource. */
PSU_EXTERN int psu_pressure(const char *resource, psu_pressure_t *out,
                            psu_err_t *err);
/* <dir>/<resource>.pressure of a v2 cgroup directory; PSU_ENOTSUP when the
 * file is missing. */
PSU_EXTERN int psu_cgroup_pressure_dir(const char *dir, const char *resource,
                                       psu_pressure_t *out, psu_err_t *err);
/* The v2 directory of pid's cgroup ("" and PSU_ENOTSUP without one). */
PSU_EXTERN int psu_cgroup_unified_dir(int64_t pid, char *buf, size_t cap,
                                      psu_err_t *err);

/* Sockets through NETLINK_SOCK_DIAG (inet_diag + unix_diag). */
#define PSU_SOCKDIAG_TCP4 0x01
#define PSU_SOCKDIAG_TCP6 0x02
#define PSU_SOCKDIAG_UDP4 0x04
#define PSU_SOCKDIAG_UDP6 0x08
#define PSU_SOCKDIAG_UNIX 0x10

typedef struct psu_sockdiag_conn_s {
  int fd;          /* -1 when no owner was found */
  int family;      /* AF_INET, AF_INET6, AF_UNIX */
  int type;        /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
  int state;       /* kernel TCP state (1 = ESTABLISHED ... 11 = CLOSING);
                      0 for UDP and UNIX */
  int lport, rport; /* 0 = no address */
  char lip[48], rip[48]; /* inet_ntop text */
  char path[112];  /* AF_UNIX: bound path, '@' + name if abstract; "" */
  uint64_t inode;
  int64_t pid;     /* -1 when unknown */
} psu_sockdiag_conn_t;

/* All sockets of the kinds in mask (PSU_SOCKDIAG_* bits). With pid >= 0,
 * only the sockets that pid holds (pid and fd filled from its fd table);
 * with pid < 0 every socket, with its owner when /proc/<pid>/fd of some
 * process maps its inode (first pid in /proc order; UNIX sockets get one
 * entry per (pid, fd), as psutil does). PSU_ENOTSUP when the kernel or a
 * seccomp filter refuses sock_diag, PSU_EACCESS when it is denied. One
 * block, free with psu_free. pid == PSU_SOCKDIAG_NO_OWNER skips the
 * /proc/<pid>/fd scan (the costly part): every pid and fd is then -1. */
#define PSU_SOCKDIAG_NO_OWNER (-2)
PSU_EXTERN int psu_net_connections_netlink(unsigned mask, int64_t pid,
                                           psu_sockdiag_conn_t **out,
                                           size_t *n, psu_err_t *err);

#ifdef __cplusplus
}
#endif

#endif /* PSU_CGROUP_H */
