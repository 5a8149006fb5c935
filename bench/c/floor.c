/* C floor for the psutil-go benchmarks (bench/README.md).
 *
 * Does only what a workload minimally needs: raw open/read/close of the
 * /proc files that hold the data, plus the parsing of the few fields that
 * are asked for. No caching across iterations except what the workload
 * definition allows (uid -> name within one scan, boot time within one
 * scan). Output protocol (shared by every implementation): one JSON object
 * per line, {"impl","w","op","unit","ns","units"}; ns is nanoseconds per
 * unit (per process per scan for W1/W2, per call for W3/W4).
 *
 * usage: floor W1|W2|W3|W4 COUNT
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *g_buf;
static size_t g_cap;
static volatile uint64_t g_sink; /* keeps results alive */

static uint64_t
clock_ns(clockid_t id)
{
  struct timespec ts;
  clock_gettime(id, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t
wall_since(uint64_t t0)
{
  return clock_ns(CLOCK_MONOTONIC) - t0;
}

/* Wall and CPU (user+sys of this process) clocks at the start of a timed
 * loop; emit() reads both again. */
static uint64_t g_cpu0;

static uint64_t
now_ns(void)
{
  g_cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
  return clock_ns(CLOCK_MONOTONIC);
}

/* Reads a whole file into g_buf (grown as needed). Returns length or -1. */
static ssize_t
read_file(const char *path)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t len = 0;
  for (;;) {
    if (g_cap - len < 4096) {
      size_t ncap = g_cap ? g_cap * 2 : 65536;
      char *n = realloc(g_buf, ncap);
      if (n == NULL) {
        close(fd);
        return -1;
      }
      g_buf = n;
      g_cap = ncap;
    }
    ssize_t r = read(fd, g_buf + len, g_cap - len - 1);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      close(fd);
      return -1;
    }
    if (r == 0)
      break;
    len += (size_t)r;
  }
  close(fd);
  g_buf[len] = '\0';
  return (ssize_t)len;
}

/* One-record procfs files (stat, statm, status, meminfo, /proc/stat,
 * vmstat: single_open in the kernel) come whole from one read() when the
 * buffer is big enough, so a read that does not fill the buffer is the
 * whole file: open + 1 read + close, the true minimum. Other files (seq
 * files with a record per line or per mapping, like smaps or /proc/net/tcp)
 * return at most a page per read and are read to EOF by read_file. */
static ssize_t
read_single(const char *path)
{
  if (g_cap < 65536) {
    char *n = realloc(g_buf, 65536);
    if (n == NULL)
      return -1;
    g_buf = n;
    g_cap = 65536;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  ssize_t r;
  do {
    r = read(fd, g_buf, g_cap - 1);
  } while (r < 0 && errno == EINTR);
  if (r == (ssize_t)g_cap - 1) { /* filled: not one record after all */
    close(fd);
    return read_file(path);
  }
  close(fd);
  if (r < 0)
    return -1;
  g_buf[r] = '\0';
  return r;
}

/* Value after "key" at the start of a line ("Pss:" -> kB number). */
static uint64_t
field_kb(const char *buf, const char *key)
{
  size_t kl = strlen(key);
  const char *p = buf;
  while (p && *p) {
    if (strncmp(p, key, kl) == 0)
      return strtoull(p + kl, NULL, 10);
    p = strchr(p, '\n');
    if (p)
      p++;
  }
  return 0;
}

typedef struct {
  int64_t ppid;
  char name[64];
  char state;
  double utime, stime, create;
  long threads;
} stat_t;

static long g_clk;

/* Parses /proc/pid/stat in g_buf. */
static int
parse_stat(stat_t *s, double btime)
{
  char *l = strchr(g_buf, '(');
  char *r = strrchr(g_buf, ')');
  if (!l || !r)
    return -1;
  size_t n = (size_t)(r - l - 1);
  if (n >= sizeof(s->name))
    n = sizeof(s->name) - 1;
  memcpy(s->name, l + 1, n);
  s->name[n] = '\0';
  char *p = r + 2;
  s->state = *p;
  /* fields after state: 4 ppid ... 14 utime 15 stime ... 20 threads ...
   * 22 starttime (1-based field numbers). p points at field 3. */
  unsigned long long f[20];
  int i = 0;
  p += 1;
  while (i < 20 && *p) {
    f[i++] = strtoull(p, &p, 10);
  }
  if (i < 20)
    return -1;
  s->ppid = (int64_t)f[0];        /* field 4 */
  s->utime = (double)f[10] / g_clk; /* field 14 */
  s->stime = (double)f[11] / g_clk; /* field 15 */
  s->threads = (long)f[16];       /* field 20 */
  s->create = btime + (double)f[18] / g_clk; /* field 22 */
  return 0;
}

static double
read_btime(void)
{
  if (read_single("/proc/stat") < 0)
    return 0;
  char *p = strstr(g_buf, "\nbtime ");
  return p ? strtod(p + 7, NULL) : 0;
}

static int
is_pid(const char *s)
{
  if (!*s)
    return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9')
      return 0;
  return 1;
}

static void
emit(const char *w, const char *op, const char *unit, uint64_t ns, uint64_t units)
{
  uint64_t cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - g_cpu0;
  printf("{\"impl\":\"floor\",\"w\":\"%s\",\"op\":\"%s\",\"unit\":\"%s\","
         "\"ns\":%.3f,\"cpu\":%.3f,\"units\":%llu}\n",
         w, op, unit, units ? (double)ns / (double)units : 0.0,
         units ? (double)cpu / (double)units : 0.0, (unsigned long long)units);
  fflush(stdout);
}

/* ---- W1: top-like scan ---------------------------------------------- */

typedef struct {
  unsigned uid;
  char name[64];
} uidname_t;

static uint64_t
w1_scan(void)
{
  uidname_t cache[64];
  int ncache = 0;
  double btime = read_btime();
  DIR *d = opendir("/proc");
  if (!d)
    return 0;
  struct dirent *e;
  char path[300];
  uint64_t n = 0;
  while ((e = readdir(d)) != NULL) {
    if (!is_pid(e->d_name))
      continue;
    n++; /* unit: every pid listed, readable or not (same for all impls) */
    stat_t s;
    snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
    if (read_single(path) < 0 || parse_stat(&s, btime) < 0)
      continue;
    /* psutil's name(): a comm of 15 chars may be truncated, and is then
     * completed from cmdline */
    if (strlen(s.name) >= 15) {
      snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
      if (read_file(path) > 0)
        g_sink += (uint64_t)g_buf[0];
    }
    /* status has the real uid (username) and every memory_info field
     * (statm's size, resident, shared, text, data are VmSize, VmRSS,
     * RssFile+RssShmem, VmExe, VmData+VmStk; lib and dirty are 0 since
     * Linux 2.6), so two files per process are the minimum. */
    snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
    if (read_single(path) < 0)
      continue;
    uint64_t vms = field_kb(g_buf, "VmSize:"), rss = field_kb(g_buf, "VmRSS:");
    uint64_t shared = field_kb(g_buf, "RssFile:") + field_kb(g_buf, "RssShmem:");
    uint64_t text = field_kb(g_buf, "VmExe:");
    uint64_t data = field_kb(g_buf, "VmData:") + field_kb(g_buf, "VmStk:");
    unsigned uid = (unsigned)field_kb(g_buf, "Uid:");
    const char *uname = NULL;
    for (int i = 0; i < ncache; i++)
      if (cache[i].uid == uid)
        uname = cache[i].name;
    if (uname == NULL) {
      struct passwd pw, *res = NULL;
      char pwbuf[1024];
      if (getpwuid_r(uid, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res &&
          ncache < 64) {
        cache[ncache].uid = uid;
        snprintf(cache[ncache].name, sizeof(cache[ncache].name), "%s",
                 pw.pw_name);
        uname = cache[ncache++].name;
      }
    }
    g_sink += (uint64_t)s.ppid + (uint64_t)s.state + s.name[0] +
              (uint64_t)(s.utime + s.stime + s.create) + (uint64_t)s.threads +
              rss + vms + shared + text + data +
              (uname ? (uint64_t)uname[0] : 0);
  }
  closedir(d);
  return n;
}

/* ---- W2: USS/PSS/swap ------------------------------------------------- */

static void
sum_smaps(uint64_t *uss, uint64_t *pss, uint64_t *swap)
{
  const char *p = g_buf;
  *uss = *pss = *swap = 0;
  while (p && *p) {
    if (p[0] == 'P') {
      if (strncmp(p, "Private_", 8) == 0) {
        const char *c = strchr(p, ':');
        if (c)
          *uss += strtoull(c + 1, NULL, 10) * 1024;
      } else if (strncmp(p, "Pss:", 4) == 0) {
        *pss += strtoull(p + 4, NULL, 10) * 1024;
      }
    } else if (p[0] == 'S' && strncmp(p, "Swap:", 5) == 0) {
      *swap += strtoull(p + 5, NULL, 10) * 1024;
    }
    p = strchr(p, '\n');
    if (p)
      p++;
  }
}

static uint64_t
w2_scan(const char *file)
{
  DIR *d = opendir("/proc");
  if (!d)
    return 0;
  struct dirent *e;
  char path[300];
  uint64_t n = 0;
  while ((e = readdir(d)) != NULL) {
    if (!is_pid(e->d_name))
      continue;
    n++; /* unit: every pid listed */
    snprintf(path, sizeof(path), "/proc/%s/%s", e->d_name, file);
    if (read_file(path) < 0)
      continue;
    uint64_t uss, pss, swap;
    sum_smaps(&uss, &pss, &swap);
    g_sink += uss + pss + swap;
  }
  closedir(d);
  return n;
}

/* ---- W3: hot calls on self ------------------------------------------ */

static char g_self_stat[64], g_self_status[64], g_self_statm[64];

static void
w3_call(int op)
{
  stat_t s;
  switch (op) {
  case 0: /* ppid */
  case 1: /* status */
  case 2: /* name */
  case 5: /* cpu_times */
    if (read_single(g_self_stat) >= 0 && parse_stat(&s, 0) == 0)
      g_sink += (uint64_t)s.ppid + (uint64_t)s.state + (uint64_t)s.name[0] +
                (uint64_t)(s.utime + s.stime);
    break;
  case 3: /* num_threads, as psutil: from status */
    if (read_single(g_self_status) >= 0)
      g_sink += field_kb(g_buf, "Threads:");
    break;
  case 4: { /* memory_info */
    unsigned long long v[7];
    if (read_single(g_self_statm) >= 0 &&
        sscanf(g_buf, "%llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
               &v[2], &v[3], &v[4], &v[5], &v[6]) == 7)
      g_sink += v[0] + v[1];
    break;
  }
  }
}

/* Oneshot: the six values from one read of stat (num_threads is its
 * field 20) and one of statm. */
static void
w3_oneshot(void)
{
  stat_t s;
  unsigned long long v[7];
  if (read_single(g_self_stat) >= 0 && parse_stat(&s, 0) == 0)
    g_sink += (uint64_t)s.ppid + (uint64_t)s.state + (uint64_t)s.name[0] +
              (uint64_t)(s.utime + s.stime) + (uint64_t)s.threads;
  if (read_single(g_self_statm) >= 0 &&
      sscanf(g_buf, "%llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
             &v[3], &v[4], &v[5], &v[6]) == 7)
    g_sink += v[0] + v[1];
}

static const char *w3_names[] = {"ppid", "status", "name", "num_threads",
                                 "memory_info", "cpu_times"};

static void
w3(long count)
{
  pid_t me = getpid();
  snprintf(g_self_stat, sizeof(g_self_stat), "/proc/%d/stat", (int)me);
  snprintf(g_self_status, sizeof(g_self_status), "/proc/%d/status", (int)me);
  snprintf(g_self_statm, sizeof(g_self_statm), "/proc/%d/statm", (int)me);
  long warm = count / 50 + 1;
  for (int op = 0; op < 6; op++) {
    for (long i = 0; i < warm; i++)
      w3_call(op);
    uint64_t t0 = now_ns();
    for (long i = 0; i < count; i++)
      w3_call(op);
    emit("W3", w3_names[op], "call", wall_since(t0), (uint64_t)count);
  }
  long blocks = count / 6 + 1;
  uint64_t t0 = now_ns();
  for (long i = 0; i < blocks; i++)
    for (int op = 0; op < 6; op++)
      w3_call(op);
  emit("W3", "seq6", "call", wall_since(t0), (uint64_t)blocks * 6);
  t0 = now_ns();
  for (long i = 0; i < blocks; i++)
    w3_oneshot();
  emit("W3", "oneshot6", "call", wall_since(t0), (uint64_t)blocks * 6);
}

/* ---- W4: system-wide ------------------------------------------------- */

static void
w4_cpu(void)
{
  if (read_single("/proc/stat") < 0)
    return;
  const char *p = strchr(g_buf, '\n'); /* skip the "cpu " total line */
  while (p && strncmp(p + 1, "cpu", 3) == 0) {
    p += 4;
    while (*p >= '0' && *p <= '9')
      p++;
    for (int i = 0; i < 10; i++)
      g_sink += strtoull(p, (char **)&p, 10);
    p = strchr(p, '\n');
  }
}

static void
w4_vm(void)
{
  if (read_single("/proc/meminfo") < 0)
    return;
  g_sink += field_kb(g_buf, "MemTotal:") + field_kb(g_buf, "MemAvailable:") +
            field_kb(g_buf, "MemFree:") + field_kb(g_buf, "Buffers:") +
            field_kb(g_buf, "Cached:") + field_kb(g_buf, "Active:") +
            field_kb(g_buf, "Inactive:") + field_kb(g_buf, "Shmem:") +
            field_kb(g_buf, "Slab:") + field_kb(g_buf, "SReclaimable:");
}

static void
w4_swap(void)
{
  if (read_single("/proc/meminfo") < 0)
    return;
  g_sink += field_kb(g_buf, "SwapTotal:") + field_kb(g_buf, "SwapFree:");
  if (read_single("/proc/vmstat") < 0)
    return;
  g_sink += field_kb(g_buf, "pswpin ") + field_kb(g_buf, "pswpout ");
}

static void
w4_lines(const char *path)
{
  /* per-line records: touch every number of every line */
  if (read_file(path) < 0)
    return;
  for (const char *p = g_buf; *p; p++)
    if (*p == '\n')
      g_sink++;
    else if (*p >= '0' && *p <= '9') {
      g_sink += strtoull(p, (char **)&p, 10);
      p--;
    }
}

static void
w4_conns(void)
{
  w4_lines("/proc/net/tcp");
  w4_lines("/proc/net/tcp6");
  w4_lines("/proc/net/udp");
  w4_lines("/proc/net/udp6");
  /* inode -> pid: readlink every fd of every process (as psutil does) */
  DIR *d = opendir("/proc");
  if (!d)
    return;
  struct dirent *e;
  char path[300], link[128];
  while ((e = readdir(d)) != NULL) {
    if (!is_pid(e->d_name))
      continue;
    snprintf(path, sizeof(path), "/proc/%s/fd", e->d_name);
    int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
      continue;
    DIR *fdd = fdopendir(dfd);
    if (!fdd) {
      close(dfd);
      continue;
    }
    struct dirent *f;
    while ((f = readdir(fdd)) != NULL) {
      if (f->d_name[0] == '.')
        continue;
      ssize_t n = readlinkat(dfd, f->d_name, link, sizeof(link) - 1);
      if (n > 8 && memcmp(link, "socket:[", 8) == 0)
        g_sink += strtoull(link + 8, NULL, 10);
    }
    closedir(fdd);
  }
  closedir(d);
}

static void
w4_parts(void)
{
  w4_lines("/proc/filesystems");
  w4_lines("/proc/self/mounts");
}

static void
w4_boot(void)
{
  g_sink += (uint64_t)read_btime();
}

static void
w4_users(void)
{
  /* the raw utmp records; no parsing beyond a sum */
  ssize_t n = read_file("/var/run/utmp");
  if (n > 0)
    g_sink += (uint64_t)n;
}

typedef struct {
  const char *name;
  void (*fn)(void);
  int div; /* fewer iterations for the expensive call */
} w4op_t;

static const w4op_t w4ops[] = {
    {"cpu_times_percpu", w4_cpu, 1},
    {"virtual_memory", w4_vm, 1},
    {"swap_memory", w4_swap, 1},
    {"disk_io_counters_perdisk", NULL, 1},
    {"net_io_counters_pernic", NULL, 1},
    {"net_connections_inet", w4_conns, 20},
    {"disk_partitions", w4_parts, 1},
    {"boot_time", w4_boot, 1},
    {"users", w4_users, 1},
};

static void
w4_call(int i)
{
  if (i == 3)
    w4_lines("/proc/diskstats");
  else if (i == 4)
    w4_lines("/proc/net/dev");
  else
    w4ops[i].fn();
}

int
main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: floor W1|W2|W3|W4 COUNT\n");
    return 2;
  }
  g_clk = sysconf(_SC_CLK_TCK);
  long count = atol(argv[2]);
  if (count < 1)
    count = 1;
  const char *w = argv[1];
  if (strcmp(w, "W1") == 0) {
    w1_scan(); /* warm-up */
    uint64_t units = 0, t0 = now_ns();
    for (long i = 0; i < count; i++)
      units += w1_scan();
    emit("W1", "scan", "proc", wall_since(t0), units);
  } else if (strcmp(w, "W2") == 0) {
    const char *files[] = {"smaps_rollup", "smaps"};
    const char *ops[] = {"rollup", "smaps"};
    for (int k = 0; k < 2; k++) {
      w2_scan(files[k]);
      uint64_t units = 0, t0 = now_ns();
      for (long i = 0; i < count; i++)
        units += w2_scan(files[k]);
      emit("W2", ops[k], "proc", wall_since(t0), units);
    }
  } else if (strcmp(w, "W3") == 0) {
    w3(count);
  } else if (strcmp(w, "W4") == 0) {
    for (int i = 0; i < (int)(sizeof(w4ops) / sizeof(w4ops[0])); i++) {
      long n = count / w4ops[i].div;
      if (n < 1)
        n = 1;
      w4_call(i);
      uint64_t t0 = now_ns();
      for (long k = 0; k < n; k++)
        w4_call(i);
      emit("W4", w4ops[i].name, "call", wall_since(t0), (uint64_t)n);
    }
  } else {
    fprintf(stderr, "floor: unknown workload %s\n", w);
    return 2;
  }
  return 0;
}
