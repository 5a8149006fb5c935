/* test-linux-leak.c: psutil's test_memleaks idea for the C core. Every
 * public read-only function of psu_sys.h, psu_proc.h and psu_cgroup.h
 * (process functions on getpid() and on pid 1) is called many times, each
 * result freed with psu_free, and then:
 *   (a) psu_debug_heap_blocks() must be back at its starting value (per
 *       function, so a leak names its culprit);
 *   (b) the bytes in use by malloc must not grow by more than
 *       LEAK_HEAP_BOUND (glibc mallinfo2().uordblks; under ASan the
 *       sanitizer allocator's own counter, since ASan replaces malloc);
 *   (c) the resident set size (/proc/self/statm) must not grow by more than
 *       LEAK_RSS_BOUND over the whole run (not checked under ASan, whose
 *       quarantine holds freed memory by design, nor under valgrind).
 * Expected errors (PSU_EACCESS, PSU_ENOTSUP, ...: no sensors, no cgroup
 * file, unprivileged) are counted and printed, any other error code, a
 * return code that differs from err.code, or an array result left non-NULL
 * on error fails the test.
 *
 * Iterations: LEAK_ITERS (10000) per function. The slow ones run fewer
 * (the divisor in the table, with the reason): 1/10 for those that walk
 * all of /proc (pids, ppid map), parse big files (smaps, memory maps) or
 * many files (cgroup stats, the fds and threads of pid 1), 1/100 for
 * socket tables with owner lookup (net_connections of every process,
 * netlink). To stay under ~20 s on a loaded machine, a function also stops
 * after LEAK_TIME_CAP seconds once it has made at least LEAK_MIN_CALLS
 * calls (0.3 s under ASan); the log shows the real count. Under valgrind
 * (detected by "vgpreload" in /proc/self/maps) the base count is 1000 and
 * there is no time cap, because valgrind is ~50x slower and reports leaks
 * itself. The environment variable PSU_LEAK_ITERS overrides the base
 * count. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "psu.h"
#include "psu-internal.h"
#include "task.h"

#include <malloc.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define LEAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_ASAN 1
#endif
#endif

#ifdef LEAK_ASAN
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

#define LEAK_ITERS 10000
#define LEAK_HEAP_BOUND (64 * 1024)
#define LEAK_RSS_BOUND (4 * 1024 * 1024)
#define LEAK_WARMUP 3
#define LEAK_MIN_CALLS 20
#ifdef LEAK_ASAN
#define LEAK_TIME_CAP 0.3 /* ASan makes smaps of this process huge */
#else
#define LEAK_TIME_CAP 0.5
#endif

static int64_t self_pid;
static int under_valgrind;
static char unified_dir[PSU_CGROUP_PATH_MAX];

/* ------------------------------------------------------------ measuring */

static size_t
heap_bytes(void) {
#ifdef LEAK_ASAN
  return __sanitizer_get_current_allocated_bytes();
#else
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
#endif
}


static long
rss_bytes(void) {
  char buf[128];
  long size = 0, resident = 0;
  ASSERT(psu__read_small("/proc/self/statm", buf, sizeof(buf)) > 0);
  ASSERT(sscanf(buf, "%ld %ld", &size, &resident) == 2);
  return resident * sysconf(_SC_PAGESIZE);
}


static int
detect_valgrind(void) {
  char *buf = NULL;
  size_t len = 0;
  int found;
  if (psu__read_file("/proc/self/maps", &buf, &len, 0) != 0)
    return 0;
  found = strstr(buf, "vgpreload") != NULL;
  psu__free(buf);
  return found;
}


static double
now_sec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------ checks */

static const char *cur_name;
static int bad_contract;

/* An array result must be NULL/0 on error (psu.h conventions). */
static void
check_arr(int rc, const void *out, size_t n) {
  if (rc != 0 && (out != NULL || n != 0)) {
    fprintf(stderr, "%s: error %d but out=%p n=%zu\n", cur_name, rc, out, n);
    bad_contract = 1;
  }
}

/* ------------------------------------------------------------ the calls */

/* Each call function makes one call, frees what it got and returns the
 * code; e is the error record to fill. */
typedef int (*call_fn)(psu_err_t *e);

#define ARR_CALL(fname, T, expr)                                           \
  static int fname(psu_err_t *e) {                                         \
    T *out = NULL;                                                         \
    size_t n = 0;                                                          \
    int rc = (expr);                                                       \
    check_arr(rc, out, n);                                                 \
    psu_free(out);                                                         \
    return rc;                                                             \
  }

#define STR_CALL(fname, func, pid)                                         \
  static int fname(psu_err_t *e) {                                         \
    char *out = NULL;                                                      \
    size_t n = 0;                                                          \
    int rc = func((pid), &out, &n, e);                                     \
    check_arr(rc, out, n);                                                 \
    psu_free(out);                                                         \
    return rc;                                                             \
  }

#define FIX_CALL(fname, T, expr)                                           \
  static int fname(psu_err_t *e) {                                         \
    T out;                                                                 \
    memset(&out, 0, sizeof(out));                                          \
    return (expr);                                                         \
  }

/* psu_sys.h */
FIX_CALL(c_cpu_times, psu_cpu_times_t, psu_cpu_times(&out, e))
ARR_CALL(c_per_cpu_times, psu_cpu_times_t, psu_per_cpu_times(&out, &n, e))
FIX_CALL(c_cpu_count_logical, int, psu_cpu_count_logical(&out, e))
FIX_CALL(c_cpu_count_physical, int, psu_cpu_count_physical(&out, e))
FIX_CALL(c_cpu_stats, psu_cpu_stats_t, psu_cpu_stats(&out, e))
ARR_CALL(c_cpu_freq, psu_cpu_freq_t, psu_cpu_freq(&out, &n, e))
FIX_CALL(c_getloadavg, psu_loadavg_t, psu_getloadavg(&out, e))
FIX_CALL(c_virtual_memory, psu_virtual_memory_t, psu_virtual_memory(&out, e))
FIX_CALL(c_swap_memory, psu_swap_memory_t, psu_swap_memory(&out, e))
ARR_CALL(c_disk_partitions, psu_disk_partition_t,
         psu_disk_partitions(0, &out, &n, e))
ARR_CALL(c_disk_partitions_all, psu_disk_partition_t,
         psu_disk_partitions(1, &out, &n, e))
FIX_CALL(c_disk_usage, psu_disk_usage_t, psu_disk_usage("/", &out, e))
ARR_CALL(c_disk_io, psu_disk_io_t, psu_disk_io_counters(0, &out, &n, e))
ARR_CALL(c_disk_io_perdisk, psu_disk_io_t, psu_disk_io_counters(1, &out, &n, e))
ARR_CALL(c_net_io, psu_net_io_t, psu_net_io_counters(&out, &n, e))
ARR_CALL(c_net_if_addrs, psu_net_if_addr_t, psu_net_if_addrs(&out, &n, e))
ARR_CALL(c_net_if_stats, psu_net_if_stats_t, psu_net_if_stats(&out, &n, e))
ARR_CALL(c_temperatures, psu_temperature_t,
         psu_sensors_temperatures(&out, &n, e))
ARR_CALL(c_fans, psu_fan_t, psu_sensors_fans(&out, &n, e))
static int
c_battery(psu_err_t *e) {
  psu_battery_t b;
  int present = 0;
  return psu_sensors_battery(&b, &present, e);
}
FIX_CALL(c_boot_time, double, psu_boot_time(&out, e))
ARR_CALL(c_users, psu_user_t, psu_users(&out, &n, e))

/* psu_proc.h, on this process and on pid 1 */
/* Every part that psu_proc.h defines. */
#ifdef PSU_PROC_PART_FOOTPRINT
#define PART_FOOT PSU_PROC_PART_FOOTPRINT
#else
#define PART_FOOT 0u
#endif
#ifdef PSU_PROC_PART_TASK
#define PART_TASK PSU_PROC_PART_TASK
#else
#define PART_TASK 0u
#endif
#define PARTS_ALL                                                          \
  (PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS | PSU_PROC_PART_MEM |         \
   PART_FOOT | PART_TASK)
static int
c_info_self(psu_err_t *e) {
  psu_proc_info_t in;
  memset(&in, 0, sizeof(in));
  return psu_proc_info(self_pid, PARTS_ALL, &in, e);
}
static int
c_info_1(psu_err_t *e) {
  psu_proc_info_t in;
  memset(&in, 0, sizeof(in));
  return psu_proc_info(1, PARTS_ALL, &in, e);
}
static int
c_info_basic(psu_err_t *e) {
  psu_proc_info_t in;
  memset(&in, 0, sizeof(in));
  return psu_proc_info(self_pid,
                       PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS |
                           PSU_PROC_PART_MEM,
                       &in, e);
}
static int
c_info_statm_only(psu_err_t *e) {
  psu_proc_info_t in;
  memset(&in, 0, sizeof(in));
  return psu_proc_info(self_pid, PSU_PROC_PART_MEM, &in, e);
}
ARR_CALL(c_pids, int64_t, psu_pids(&out, &n, e))
FIX_CALL(c_pid_exists, int, psu_pid_exists(self_pid, &out, e))
FIX_CALL(c_pid_exists_no, int, psu_pid_exists(INT32_MAX, &out, e))
ARR_CALL(c_ppid_map, int64_t, psu_proc_ppid_map(&out, &n, e))
STR_CALL(c_exe_self, psu_proc_exe, self_pid)
STR_CALL(c_exe_1, psu_proc_exe, 1)
STR_CALL(c_cwd_self, psu_proc_cwd, self_pid)
STR_CALL(c_cwd_1, psu_proc_cwd, 1)
STR_CALL(c_cmdline_self, psu_proc_cmdline, self_pid)
STR_CALL(c_cmdline_1, psu_proc_cmdline, 1)
STR_CALL(c_environ_self, psu_proc_environ, self_pid)
STR_CALL(c_environ_1, psu_proc_environ, 1)
FIX_CALL(c_io_self, psu_proc_io_t, psu_proc_io_counters(self_pid, &out, e))
FIX_CALL(c_io_1, psu_proc_io_t, psu_proc_io_counters(1, &out, e))
FIX_CALL(c_num_fds_self, int64_t, psu_proc_num_fds(self_pid, &out, e))
FIX_CALL(c_num_fds_1, int64_t, psu_proc_num_fds(1, &out, e))
ARR_CALL(c_threads_self, psu_proc_thread_t,
         psu_proc_threads(self_pid, &out, &n, e))
ARR_CALL(c_threads_1, psu_proc_thread_t, psu_proc_threads(1, &out, &n, e))
FIX_CALL(c_footprint_self, psu_proc_footprint_t,
         psu_proc_footprint(self_pid, &out, e))
FIX_CALL(c_footprint_1, psu_proc_footprint_t, psu_proc_footprint(1, &out, e))
ARR_CALL(c_maps_self, psu_proc_mmap_t,
         psu_proc_memory_maps(self_pid, 0, &out, &n, e))
ARR_CALL(c_maps_grouped_self, psu_proc_mmap_t,
         psu_proc_memory_maps(self_pid, 1, &out, &n, e))
ARR_CALL(c_maps_grouped_1, psu_proc_mmap_t,
         psu_proc_memory_maps(1, 1, &out, &n, e))
ARR_CALL(c_open_files_self, psu_proc_open_file_t,
         psu_proc_open_files(self_pid, &out, &n, e))
ARR_CALL(c_open_files_1, psu_proc_open_file_t,
         psu_proc_open_files(1, &out, &n, e))
ARR_CALL(c_affinity_self, int32_t,
         psu_proc_cpu_affinity(self_pid, &out, &n, e))
ARR_CALL(c_affinity_1, int32_t, psu_proc_cpu_affinity(1, &out, &n, e))
static int
c_ionice_self(psu_err_t *e) {
  int cls = 0, val = 0;
  return psu_proc_ionice(self_pid, &cls, &val, e);
}
static int
c_ionice_1(psu_err_t *e) {
  int cls = 0, val = 0;
  return psu_proc_ionice(1, &cls, &val, e);
}
static int
c_rlimit_self(psu_err_t *e) {
  int64_t soft = 0, hard = 0;
  return psu_proc_rlimit(self_pid, RLIMIT_NOFILE, &soft, &hard, e);
}
static int
c_rlimit_1(psu_err_t *e) {
  int64_t soft = 0, hard = 0;
  return psu_proc_rlimit(1, RLIMIT_NOFILE, &soft, &hard, e);
}
FIX_CALL(c_nice_self, int, psu_proc_nice(self_pid, &out, e))
FIX_CALL(c_nice_1, int, psu_proc_nice(1, &out, e))
/* Signal 0 is an existence check: it sends nothing. */
static int
c_signal0_self(psu_err_t *e) {
  return psu_proc_signal(self_pid, 0, 0, e);
}
static int
c_signal0_1(psu_err_t *e) {
  return psu_proc_signal(1, 0, 0, e);
}
/* A zero timeout polls: pid 1 is running, so PSU_ETIMEOUT. */
static int
c_wait_1(psu_err_t *e) {
  int32_t code = 0;
  return psu_proc_wait(1, 0, 0, &code, e);
}
FIX_CALL(c_posix_getpriority, int, psu_posix_getpriority(self_pid, &out, e))
static int
c_posix_kill0(psu_err_t *e) {
  return psu_posix_kill(self_pid, 0, e);
}
static int
c_posix_wait_1(psu_err_t *e) {
  int32_t code = 0;
  return psu_posix_wait(1, 0, &code, e);
}
static int
c_posix_username(psu_err_t *e) {
  char buf[256];
  return psu_posix_username(0, buf, sizeof(buf), e);
}
static int
c_posix_username_none(psu_err_t *e) {
  char buf[256];
  return psu_posix_username(INT32_MAX - 7, buf, sizeof(buf), e);
}
#define CONN_ALL                                                           \
  (PSU_CONN_TCP4 | PSU_CONN_TCP6 | PSU_CONN_UDP4 | PSU_CONN_UDP6 |         \
   PSU_CONN_UNIX)
ARR_CALL(c_conn_self, psu_conn_t,
         psu_net_connections(self_pid, CONN_ALL, &out, &n, e))
ARR_CALL(c_conn_all, psu_conn_t,
         psu_net_connections(-1, CONN_ALL, &out, &n, e))

/* psu_cgroup.h */
ARR_CALL(c_cgroup_of_self, psu_cgroup_entry_t, psu_cgroup_of(0, &out, &n, e))
ARR_CALL(c_cgroup_of_1, psu_cgroup_entry_t, psu_cgroup_of(1, &out, &n, e))
FIX_CALL(c_cgroup_stat, psu_cgroup_stat_t, psu_cgroup_stat(0, &out, e))
FIX_CALL(c_cgroup_stat_1, psu_cgroup_stat_t, psu_cgroup_stat(1, &out, e))
static int
c_cgroup_stat_dir(psu_err_t *e) {
  static psu_cgroup_stat_t st;
  return psu_cgroup_stat_dir(unified_dir[0] ? unified_dir : "/sys/fs/cgroup",
                             &st, e);
}
static int
c_cgroup_io(psu_err_t *e) {
  psu_cgroup_io_t *out = NULL;
  size_t n = 0;
  int version = 0;
  int rc = psu_cgroup_io(0, &out, &n, &version, e);
  check_arr(rc, out, n);
  psu_free(out);
  return rc;
}
static int
c_cgroup_io_dir(psu_err_t *e) {
  psu_cgroup_io_t *out = NULL;
  size_t n = 0;
  int version = 0;
  int rc = psu_cgroup_io_dir(unified_dir[0] ? unified_dir : "/sys/fs/cgroup",
                             &out, &n, &version, e);
  check_arr(rc, out, n);
  psu_free(out);
  return rc;
}
FIX_CALL(c_cgroup_affinity, int, psu_cgroup_affinity_count(0, &out, e))
FIX_CALL(c_cgroup_memtotal, uint64_t, psu_cgroup_host_memtotal(&out, e))
FIX_CALL(c_pressure_cpu, psu_pressure_t, psu_pressure("cpu", &out, e))
FIX_CALL(c_pressure_memory, psu_pressure_t, psu_pressure("memory", &out, e))
FIX_CALL(c_pressure_io, psu_pressure_t, psu_pressure("io", &out, e))
FIX_CALL(c_pressure_bad, psu_pressure_t, psu_pressure("bogus", &out, e))
static int
c_cgroup_pressure_dir(psu_err_t *e) {
  psu_pressure_t p;
  return psu_cgroup_pressure_dir(
      unified_dir[0] ? unified_dir : "/sys/fs/cgroup", "memory", &p, e);
}
static int
c_unified_dir(psu_err_t *e) {
  char buf[PSU_CGROUP_PATH_MAX];
  return psu_cgroup_unified_dir(0, buf, sizeof(buf), e);
}
ARR_CALL(c_netlink_self, psu_sockdiag_conn_t,
         psu_net_connections_netlink(0x1f, self_pid, &out, &n, e))
ARR_CALL(c_netlink_noowner, psu_sockdiag_conn_t,
         psu_net_connections_netlink(0x1f, PSU_SOCKDIAG_NO_OWNER, &out, &n,
                                     e))
ARR_CALL(c_netlink_all, psu_sockdiag_conn_t,
         psu_net_connections_netlink(0x1f, -1, &out, &n, e))

/* ------------------------------------------------------------ the table */

/* Allowed error codes, as bits of -code. */
#define OKB(c) (1u << (unsigned)(-(c)))
#define A_DEF (OKB(PSU_EACCESS) | OKB(PSU_ENOTSUP))
#define A_WAIT (A_DEF | OKB(PSU_ETIMEOUT))
/* Cgroup files that a container or kernel may lack. */
#define A_CG (A_DEF | OKB(PSU_ENOTFOUND) | OKB(PSU_ESYS))

typedef struct {
  const char *name;
  call_fn fn;
  int div;          /* iterations = base / div */
  unsigned allowed; /* besides PSU_OK */
} leak_case_t;

static const leak_case_t cases[] = {
    {"cpu_times", c_cpu_times, 1, A_DEF},
    {"per_cpu_times", c_per_cpu_times, 1, A_DEF},
    {"cpu_count_logical", c_cpu_count_logical, 1, A_DEF},
    {"cpu_count_physical", c_cpu_count_physical, 1, A_DEF},
    {"cpu_stats", c_cpu_stats, 1, A_DEF},
    {"cpu_freq", c_cpu_freq, 10, A_DEF},
    {"getloadavg", c_getloadavg, 1, A_DEF},
    {"virtual_memory", c_virtual_memory, 1, A_DEF},
    {"swap_memory", c_swap_memory, 1, A_DEF},
    {"disk_partitions", c_disk_partitions, 1, A_DEF},
    {"disk_partitions(all)", c_disk_partitions_all, 1, A_DEF},
    {"disk_usage(/)", c_disk_usage, 1, A_DEF},
    {"disk_io_counters", c_disk_io, 10, A_DEF},
    {"disk_io_counters(perdisk)", c_disk_io_perdisk, 1, A_DEF},
    {"net_io_counters", c_net_io, 1, A_DEF},
    {"net_if_addrs", c_net_if_addrs, 1, A_DEF},
    {"net_if_stats", c_net_if_stats, 1, A_DEF},
    {"sensors_temperatures", c_temperatures, 1, A_DEF},
    {"sensors_fans", c_fans, 1, A_DEF},
    {"sensors_battery", c_battery, 1, A_DEF},
    {"boot_time", c_boot_time, 1, A_DEF},
    {"users", c_users, 1, A_DEF},

    /* All parts read smaps_rollup (FOOTPRINT): 1/10. */
    {"proc_info(self, all)", c_info_self, 10, A_DEF},
    {"proc_info(1, all)", c_info_1, 10, A_DEF},
    {"proc_info(self, STAT|STATUS|MEM)", c_info_basic, 1, A_DEF},
    {"proc_info(self, MEM)", c_info_statm_only, 1, A_DEF},
    /* These walk every /proc/PID: 1/10 of the iterations. */
    {"pids", c_pids, 10, A_DEF},
    {"proc_ppid_map", c_ppid_map, 10, A_DEF},
    {"pid_exists(self)", c_pid_exists, 1, A_DEF},
    {"pid_exists(INT32_MAX)", c_pid_exists_no, 1, A_DEF},
    {"proc_exe(self)", c_exe_self, 1, A_DEF},
    {"proc_exe(1)", c_exe_1, 1, A_DEF},
    {"proc_cwd(self)", c_cwd_self, 1, A_DEF},
    {"proc_cwd(1)", c_cwd_1, 1, A_DEF},
    {"proc_cmdline(self)", c_cmdline_self, 1, A_DEF},
    {"proc_cmdline(1)", c_cmdline_1, 1, A_DEF},
    {"proc_environ(self)", c_environ_self, 1, A_DEF},
    {"proc_environ(1)", c_environ_1, 1, A_DEF},
    {"proc_io_counters(self)", c_io_self, 1, A_DEF},
    {"proc_io_counters(1)", c_io_1, 1, A_DEF},
    {"proc_num_fds(self)", c_num_fds_self, 1, A_DEF},
    {"proc_num_fds(1)", c_num_fds_1, 10, A_DEF},
    {"proc_threads(self)", c_threads_self, 1, A_DEF},
    {"proc_threads(1)", c_threads_1, 10, A_DEF},
    /* smaps parsing: 1/10. */
    {"proc_footprint(self)", c_footprint_self, 10, A_DEF},
    {"proc_footprint(1)", c_footprint_1, 10, A_DEF},
    {"proc_memory_maps(self)", c_maps_self, 10, A_DEF},
    {"proc_memory_maps(self, grouped)", c_maps_grouped_self, 10, A_DEF},
    {"proc_memory_maps(1, grouped)", c_maps_grouped_1, 10, A_DEF},
    {"proc_open_files(self)", c_open_files_self, 1, A_DEF},
    {"proc_open_files(1)", c_open_files_1, 10, A_DEF},
    {"proc_cpu_affinity(self)", c_affinity_self, 1, A_DEF},
    {"proc_cpu_affinity(1)", c_affinity_1, 1, A_DEF},
    {"proc_ionice(self)", c_ionice_self, 1, A_DEF},
    {"proc_ionice(1)", c_ionice_1, 1, A_DEF},
    {"proc_rlimit(self)", c_rlimit_self, 1, A_DEF},
    {"proc_rlimit(1)", c_rlimit_1, 1, A_DEF},
    {"proc_nice(self)", c_nice_self, 1, A_DEF},
    {"proc_nice(1)", c_nice_1, 1, A_DEF},
    {"proc_signal(self, 0)", c_signal0_self, 1, A_DEF},
    {"proc_signal(1, 0)", c_signal0_1, 1, A_DEF},
    {"proc_wait(1, 0 ms)", c_wait_1, 1, A_WAIT},
    {"posix_getpriority", c_posix_getpriority, 1, A_DEF},
    {"posix_kill(self, 0)", c_posix_kill0, 1, A_DEF},
    {"posix_wait(1, 0 ms)", c_posix_wait_1, 1, A_WAIT},
    {"posix_username(0)", c_posix_username, 1, A_DEF},
    /* An unknown uid scans the whole passwd database (NSS): 1/10. */
    {"posix_username(unknown)", c_posix_username_none, 10,
     A_DEF | OKB(PSU_ENOTFOUND)},
    /* net_connections(self) reads the five /proc/net tables: 1/10; of every
     * process it also scans every /proc/PID/fd: 1/100. */
    {"net_connections(self)", c_conn_self, 10, A_DEF},
    {"net_connections(all)", c_conn_all, 100, A_DEF},

    {"cgroup_of(self)", c_cgroup_of_self, 10, A_DEF},
    {"cgroup_of(1)", c_cgroup_of_1, 10, A_DEF},
    {"cgroup_stat(self)", c_cgroup_stat, 10, A_CG},
    {"cgroup_stat(1)", c_cgroup_stat_1, 10, A_CG},
    {"cgroup_stat_dir", c_cgroup_stat_dir, 1, A_CG},
    {"cgroup_io(self)", c_cgroup_io, 1, A_CG},
    {"cgroup_io_dir", c_cgroup_io_dir, 1, A_CG},
    {"cgroup_affinity_count", c_cgroup_affinity, 1, A_DEF},
    {"cgroup_host_memtotal", c_cgroup_memtotal, 1, A_DEF},
    {"pressure(cpu)", c_pressure_cpu, 1, A_DEF},
    {"pressure(memory)", c_pressure_memory, 1, A_DEF},
    {"pressure(io)", c_pressure_io, 1, A_DEF},
    {"pressure(bogus)", c_pressure_bad, 1, A_DEF | OKB(PSU_EINVAL)},
    {"cgroup_pressure_dir", c_cgroup_pressure_dir, 1, A_CG},
    {"cgroup_unified_dir", c_unified_dir, 10, A_DEF},
    {"net_connections_netlink(self)", c_netlink_self, 100, A_DEF},
    {"net_connections_netlink(no owner)", c_netlink_noowner, 100, A_DEF},
    {"net_connections_netlink(all)", c_netlink_all, 100, A_DEF},
};

/* ------------------------------------------------------------ main */

int
main(void) {
  const char *env = getenv("PSU_LEAK_ITERS");
  size_t ncases = sizeof(cases) / sizeof(cases[0]);
  long base = LEAK_ITERS;
  long rss0, rss1;
  size_t heap_all0, heap_all1;
  double t_all = now_sec();
  int failed = 0;
  psu_err_t e;

  /* Unbuffered stdout: no stdio buffer gets allocated in the middle of a
   * measurement. */
  setvbuf(stdout, NULL, _IONBF, 0);
  self_pid = (int64_t)getpid();
  under_valgrind = detect_valgrind();
  if (under_valgrind)
    base = 1000;
  if (env != NULL && atol(env) > 0)
    base = atol(env);
  if (psu_cgroup_unified_dir(0, unified_dir, sizeof(unified_dir), &e) != 0)
    unified_dir[0] = '\0';
  printf("leak: %ld iterations per function%s%s\n", base,
         under_valgrind ? " (valgrind)" : "",
#ifdef LEAK_ASAN
         " (ASan: heap = sanitizer allocator bytes, RSS not checked)"
#else
         ""
#endif
  );

  /* Warm-up: one-time tables (pthread_once), NSS modules loaded by
   * getpwuid, stdio, glibc's dynamic mmap threshold. */
  for (size_t i = 0; i < ncases; i++) {
    cur_name = cases[i].name;
    for (int k = 0; k < LEAK_WARMUP; k++)
      (void)cases[i].fn(&e);
  }
  rss0 = rss_bytes();
  heap_all0 = heap_bytes();

  for (size_t i = 0; i < ncases; i++) {
    const leak_case_t *c = &cases[i];
    long iters = base / c->div;
    long counts[16];
    int64_t blocks0, blocks1;
    size_t heap0, heap1;
    long growth;
    double t0;
    char codes[256];
    size_t off = 0;

    if (iters < 10)
      iters = 10;
    memset(counts, 0, sizeof(counts));
    cur_name = c->name;
    blocks0 = psu_debug_heap_blocks();
    heap0 = heap_bytes();
    t0 = now_sec();
    for (long k = 0; k < iters; k++) {
      int rc;
      if (k >= LEAK_MIN_CALLS && !under_valgrind &&
          now_sec() - t0 > LEAK_TIME_CAP) {
        iters = k;
        break;
      }
      memset(&e, 0, sizeof(e));
      rc = c->fn(&e);
      if (rc > 0 || rc < PSU__ERR_MIN) {
        fprintf(stderr, "%s: bad return code %d\n", c->name, rc);
        return 1;
      }
      if (rc != e.code && rc != 0) {
        fprintf(stderr, "%s: rc %d but err.code %d\n", c->name, rc, e.code);
        return 1;
      }
      if (rc != 0 && !(c->allowed & OKB(rc))) {
        fprintf(stderr, "%s: unexpected %s (sys %lld, %s)\n", c->name,
                psu_err_name(rc), (long long)e.sys, e.where);
        return 1;
      }
      counts[-rc]++;
    }
    blocks1 = psu_debug_heap_blocks();
    heap1 = heap_bytes();
    growth = (long)heap1 - (long)heap0;
    codes[0] = '\0';
    for (int k = 1; k < 16; k++)
      if (counts[k] && off < sizeof(codes))
        off += (size_t)snprintf(codes + off, sizeof(codes) - off, " %s=%ld",
                                psu_err_name(-k), counts[k]);
    printf("%-36s %6ld calls %7.3f s  blocks %+lld  heap %+ld B  ok=%ld%s\n",
           c->name, iters, now_sec() - t0, (long long)(blocks1 - blocks0),
           growth, counts[0], codes);
    if (blocks1 != blocks0) {
      fprintf(stderr, "LEAK %s: %lld psu blocks not freed after %ld calls\n",
              c->name, (long long)(blocks1 - blocks0), iters);
      failed = 1;
    }
    if (growth > LEAK_HEAP_BOUND) {
      fprintf(stderr, "LEAK %s: heap grew by %ld bytes after %ld calls\n",
              c->name, growth, iters);
      failed = 1;
    }
  }
  ASSERT(!bad_contract);

  rss1 = rss_bytes();
  heap_all1 = heap_bytes();
  printf("leak: total %.1f s; heap in use %+ld B; RSS %+ld KiB (%ld -> %ld "
         "KiB)\n",
         now_sec() - t_all, (long)heap_all1 - (long)heap_all0,
         (rss1 - rss0) / 1024, rss0 / 1024, rss1 / 1024);
  if ((long)heap_all1 - (long)heap_all0 > LEAK_HEAP_BOUND) {
    fprintf(stderr, "LEAK: heap grew by %ld bytes over the run\n",
            (long)heap_all1 - (long)heap_all0);
    failed = 1;
  }
#ifndef LEAK_ASAN
  if (!under_valgrind && rss1 - rss0 > LEAK_RSS_BOUND) {
    fprintf(stderr, "LEAK: RSS grew by %ld KiB (bound %d KiB)\n",
            (rss1 - rss0) / 1024, LEAK_RSS_BOUND / 1024);
    failed = 1;
  }
#endif
  ASSERT(!failed);
  return 0;
}
