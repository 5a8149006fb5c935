/* psu_proc.h: Process API.
 * Included by psu.h; follows the conventions written there.
 *
 * Errors of per-process functions are classified in C, per psutil's rules:
 * PSU_ENOSUCHPROC once the process is gone, PSU_EZOMBIE when it is a zombie
 * whose data is gone, PSU_EACCESS on EPERM/EACCES. Functions that act on a
 * process (setters, signals) take `ident`, the identity returned in
 * psu_proc_info_t.ident (0 = don't check), re-check it right before acting
 * and give PSU_ENOSUCHPROC if the PID now belongs to another process.
 *
 * Linux: every /proc read honours psu_set_procfs_path. */
#ifndef PSU_PROC_H
#define PSU_PROC_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parts of psu_proc_info_t (the "oneshot" record). On Linux each part is
 * one file: STAT = /proc/PID/stat, STATUS = /proc/PID/status, MEM =
 * /proc/PID/statm (or derived from status when STATUS is read in the same
 * call: the kernel computes both from the same counters). */
#define PSU_PROC_PART_STAT 0x1u
#define PSU_PROC_PART_STATUS 0x2u
#define PSU_PROC_PART_MEM 0x4u
/* uss/pss/swap, as psu_proc_footprint (Linux: smaps_rollup). Best effort:
 * when it fails its bit stays unset and no error is reported (call
 * psu_proc_footprint for the error). */
#define PSU_PROC_PART_FOOTPRINT 0x8u
/* The "task" fields: user/system/children/iowait times, minflt/majflt
 * (STAT), num_threads and the context switches (STATUS). Ask for it
 * together with STAT or STATUS; its bit in have means the task fields of
 * the parts in have are filled. macOS reads them with PROC_PIDTASKINFO
 * (refused for other users' processes unless root, and for zombies) and
 * calls it only when TASK (or MEM, which needs it too) is asked for; then
 * every part is filled. A read without TASK gets name, state, ppid, tty,
 * create time and the ids from kinfo_proc alone, for every process. The
 * other platforms always set TASK with the parts they fill. On a failure
 * the parts already filled keep their bits. */
#define PSU_PROC_PART_TASK 0x10u

#define PSU_PROC_NAME_MAX 128

typedef struct {
  uint32_t have; /* PSU_PROC_PART_* bits filled */
  /* PSU_PROC_PART_STAT */
  char name[PSU_PROC_NAME_MAX]; /* raw bytes, NUL-terminated (truncated) */
  uint32_t name_len;
  char state;           /* raw state letter: R S D Z T t X x K W P I */
  int64_t ppid;
  uint64_t tty_nr;      /* 0 = no controlling terminal */
  uint64_t ident;       /* Linux: starttime in clock ticks since boot */
  double create_time;   /* seconds since the epoch */
  /* STAT + TASK: */
  double user, system, children_user, children_system, iowait; /* seconds */
  int32_t cpu_num;
  uint64_t minflt, majflt; /* STAT + TASK */
  /* PSU_PROC_PART_STATUS */
  int64_t uid[3], gid[3]; /* real, effective, saved */
  /* STATUS + TASK: */
  int64_t num_threads;
  uint64_t vol_ctxsw, nonvol_ctxsw;
  /* PSU_PROC_PART_MEM, bytes */
  uint64_t rss, vms, shared, text, lib, data, dirty;
  uint64_t stack; /* BSD (appended; BSD state = raw ki_stat/p_stat number) */
  /* PSU_PROC_PART_FOOTPRINT, bytes (Linux) */
  uint64_t uss, pss, swap;
  /* PSU_PROC_PART_MEM (appended): peak RSS in bytes (BSD ru_maxrss) */
  uint64_t peak_rss;
} psu_proc_info_t;

/* Fill the parts in want that are not in out->have; set their bits. */
PSU_EXTERN int psu_proc_info(int64_t pid, uint32_t want, psu_proc_info_t *out,
                             psu_err_t *err);

/* psu_proc_info for n pids at once (one root lookup, one call from Go):
 * out[i] and errs[i] are filled as psu_proc_info would. Returns how many
 * failed (never a negative code). */
PSU_EXTERN int psu_proc_info_batch(const int64_t *pids, size_t n,
                                   uint32_t want, psu_proc_info_t *out,
                                   psu_err_t *errs);

/* All PIDs, sorted. Free *out with psu_free. */
PSU_EXTERN int psu_pids(int64_t **out, size_t *n, psu_err_t *err);
/* *exists = 1 if pid is a process (not a thread), else 0. */
PSU_EXTERN int psu_pid_exists(int64_t pid, int *exists, psu_err_t *err);
/* Every (pid, ppid) pair: out[2*i] = pid, out[2*i+1] = ppid. */
PSU_EXTERN int psu_proc_ppid_map(int64_t **out, size_t *n, psu_err_t *err);

/* Raw bytes, malloc'd, NUL-terminated; *len excludes the final NUL.
 * exe/cwd: "" when unknown (kernel threads). cmdline/environ: the raw
 * NUL-separated block. Free with psu_free. */
PSU_EXTERN int psu_proc_exe(int64_t pid, char **out, size_t *len,
                            psu_err_t *err);
PSU_EXTERN int psu_proc_cwd(int64_t pid, char **out, size_t *len,
                            psu_err_t *err);
PSU_EXTERN int psu_proc_cmdline(int64_t pid, char **out, size_t *len,
                                psu_err_t *err);
PSU_EXTERN int psu_proc_environ(int64_t pid, char **out, size_t *len,
                                psu_err_t *err);

typedef struct {
  uint64_t read_count, write_count, read_bytes, write_bytes, read_chars,
      write_chars;
} psu_proc_io_t;
PSU_EXTERN int psu_proc_io_counters(int64_t pid, psu_proc_io_t *out,
                                    psu_err_t *err);
PSU_EXTERN int psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err);

typedef struct {
  int64_t id;
  double user_time, system_time;
} psu_proc_thread_t;
PSU_EXTERN int psu_proc_threads(int64_t pid, psu_proc_thread_t **out,
                                size_t *n, psu_err_t *err);

/* USS = Private_Clean + Private_Dirty + Private_Hugetlb, PSS, swap (bytes)
 * from smaps_rollup, falling back to smaps. */
typedef struct {
  uint64_t uss, pss, swap;
} psu_proc_footprint_t;
PSU_EXTERN int psu_proc_footprint(int64_t pid, psu_proc_footprint_t *out,
                                  psu_err_t *err);

/* One mapping (grouped: summed per path, addr/perms empty). path points
 * into the same allocation. Sizes in bytes. */
typedef struct {
  const char *path;
  size_t path_len;
  char addr[40];
  char perms[8];
  uint64_t rss, size, pss, shared_clean, shared_dirty, private_clean,
      private_dirty, referenced, anonymous, swap;
} psu_proc_mmap_t;
PSU_EXTERN int psu_proc_memory_maps(int64_t pid, int grouped,
                                    psu_proc_mmap_t **out, size_t *n,
                                    psu_err_t *err);

typedef struct {
  const char *path; /* into the same allocation */
  size_t path_len;
  int64_t fd;
  int64_t position;
  int32_t flags;
  char mode[4];
} psu_proc_open_file_t;
PSU_EXTERN int psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out,
                                   size_t *n, psu_err_t *err);

/* CPU affinity as a sorted list of CPU numbers. */
PSU_EXTERN int psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n,
                                     psu_err_t *err);
/* n == 0 means every eligible CPU (Linux: Cpus_allowed_list of the
 * process, as psutil). An unknown CPU gives PSU_EINVAL. */
PSU_EXTERN int psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident,
                                         const int32_t *cpus, size_t n,
                                         psu_err_t *err);

PSU_EXTERN int psu_proc_ionice(int64_t pid, int *ioclass, int *value,
                               psu_err_t *err);
PSU_EXTERN int psu_proc_set_ionice(int64_t pid, uint64_t ident, int ioclass,
                                   int value, psu_err_t *err);
/* Limits; RLIM_INFINITY is reported as -1. */
PSU_EXTERN int psu_proc_rlimit(int64_t pid, int resource, int64_t *soft,
                               int64_t *hard, psu_err_t *err);
PSU_EXTERN int psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource,
                                   int64_t soft, int64_t hard, psu_err_t *err);
PSU_EXTERN int psu_proc_nice(int64_t pid, int *out, psu_err_t *err);
PSU_EXTERN int psu_proc_set_nice(int64_t pid, uint64_t ident, int value,
                                 psu_err_t *err);

/* Send sig (0 = existence check). Linux uses a pidfd so that the identity
 * check and the kill target the same process. */
PSU_EXTERN int psu_proc_signal(int64_t pid, uint64_t ident, int sig,
                               psu_err_t *err);
/* Wait up to timeout_ms (0 = poll) for pid to exit. *code = exit status,
 * -signal, or PSU_EXIT_UNKNOWN (not our child). PSU_ETIMEOUT if running. */
#define PSU_EXIT_UNKNOWN INT32_MIN
PSU_EXTERN int psu_proc_wait(int64_t pid, uint64_t ident, int64_t timeout_ms,
                             int32_t *code, psu_err_t *err);

/* Portable POSIX pieces (posix_proc.c; also used by the BSD/macOS ports). */
PSU_EXTERN int psu_posix_getpriority(int64_t pid, int *out, psu_err_t *err);
PSU_EXTERN int psu_posix_setpriority(int64_t pid, int value, psu_err_t *err);
PSU_EXTERN int psu_posix_kill(int64_t pid, int sig, psu_err_t *err);
/* waitpid(WNOHANG)/kill(0) loop with backoff (0.1 ms .. 40 ms). */
PSU_EXTERN int psu_posix_wait(int64_t pid, int64_t timeout_ms, int32_t *code,
                              psu_err_t *err);
/* User name of uid into buf; PSU_ENOTFOUND when the uid has no name. */
PSU_EXTERN int psu_posix_username(int64_t uid, char *buf, size_t cap,
                                  psu_err_t *err);

/* Sockets (psutil net_connections). kind: a mask of PSU_CONN_* bits. */
#define PSU_CONN_TCP4 0x01u
#define PSU_CONN_TCP6 0x02u
#define PSU_CONN_UDP4 0x04u
#define PSU_CONN_UDP6 0x08u
#define PSU_CONN_UNIX 0x10u
typedef struct {
  int64_t fd;  /* -1 when unknown */
  int64_t pid; /* -1 when unknown */
  int32_t family, type;
  char laddr[108]; /* IP text, or the AF_UNIX path */
  int32_t lport;
  char raddr[108];
  int32_t rport;
  int32_t status; /* 0 = NONE, 1..11 = kernel TCP state */
} psu_conn_t;
/* pid < 0: every process. */
PSU_EXTERN int psu_net_connections(int64_t pid, unsigned kind,
                                   psu_conn_t **out, size_t *n,
                                   psu_err_t *err);

#ifdef __cplusplus
}
#endif

#endif /* PSU_PROC_H */
