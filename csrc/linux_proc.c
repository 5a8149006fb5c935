/* linux_proc.c: the Linux process API over /proc (psutil's _pslinux.Process).
 * Every file is read with raw open/read/close into a stack buffer when it
 * is small; per-process errors are classified by psu__linux_proc_err. */
#include "linux-proc-internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PATH_CAP (PSU_ROOT_MAX + 96)

/* ------------------------------------------------------------ parsers */

static const char *
skip_sp(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}


/* Parse a signed decimal; returns 0 or -1 when there is no digit. */
static int
scan_i64(const char **pp, const char *end, int64_t *out) {
  const char *p = skip_sp(*pp, end);
  int neg = 0;
  uint64_t v = 0;
  const char *start;

  if (p < end && (*p == '-' || *p == '+')) {
    neg = *p == '-';
    p++;
  }
  start = p;
  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + (uint64_t)(*p - '0');
    p++;
  }
  if (p == start)
    return -1;
  /* Negate in unsigned arithmetic: -(int64_t)v overflows for INT64_MIN. */
  *out = neg ? (int64_t)(0 - v) : (int64_t)v;
  *pp = p;
  return 0;
}


static int
scan_u64(const char **pp, const char *end, uint64_t *out) {
  int64_t v;
  if (scan_i64(pp, end, &v) != 0)
    return -1;
  *out = (uint64_t)v;
  return 0;
}


int
psu__linux_parse_pid_stat(const char *buf, size_t len,
                          psu__linux_pid_stat_t *out) {
  const char *end = buf + len, *lp = NULL, *rp = NULL, *p;
  int64_t f[40];
  int nf = 0;

  memset(out, 0, sizeof(*out));
  for (p = buf; p < end; p++) {
    if (*p == '(') {
      lp = p;
      break;
    }
  }
  for (p = end; p > buf; p--) {
    if (p[-1] == ')') {
      rp = p - 1;
      break;
    }
  }
  if (lp == NULL || rp == NULL || rp < lp)
    return PSU_EPARSE;
  out->name = lp + 1;
  out->name_len = (size_t)(rp - lp - 1);
  p = skip_sp(rp + 1, end);
  if (p >= end)
    return PSU_EPARSE;
  out->state = *p++;
  /* f[0] = ppid (field 4) ... f[k] = field k+4. */
  while (nf < (int)PSU__ARRAY_SIZE(f)) {
    if (scan_i64(&p, end, &f[nf]) != 0)
      break;
    nf++;
  }
  if (nf < 19) /* up to starttime (field 22) is mandatory */
    return PSU_EPARSE;
  for (int i = nf; i < (int)PSU__ARRAY_SIZE(f); i++)
    f[i] = 0;
  out->ppid = f[0];
  out->tty_nr = (uint64_t)f[3];
  out->minflt = (uint64_t)f[6];
  out->majflt = (uint64_t)f[8];
  out->utime = (uint64_t)f[10];
  out->stime = (uint64_t)f[11];
  out->cutime = f[12];
  out->cstime = f[13];
  out->starttime = (uint64_t)f[18];
  out->processor = f[35];
  out->blkio_ticks = (uint64_t)f[38];
  return 0;
}


static int
key_is(const char *p, const char *end, const char *key, size_t klen) {
  return (size_t)(end - p) > klen && memcmp(p, key, klen) == 0;
}


static void
scan_ids(const char *p, const char *end, int64_t ids[3]) {
  for (int i = 0; i < 3; i++)
    if (scan_i64(&p, end, &ids[i]) != 0)
      break;
}


int
psu__linux_parse_pid_status(const char *buf, size_t len,
                            psu__linux_pid_status_t *out) {
  const char *p = buf, *end = buf + len, *nl, *v;

  memset(out, 0, sizeof(*out));
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
      nl = end;
#define KEY(k) key_is(p, nl, k, sizeof(k) - 1) && ((v = p + sizeof(k) - 1), 1)
    switch (*p) {
    case 'U':
      if (KEY("Uid:")) {
        scan_ids(v, nl, out->uid);
        out->has_uid = 1;
      }
      break;
    case 'G':
      if (KEY("Gid:")) {
        scan_ids(v, nl, out->gid);
        out->has_gid = 1;
      }
      break;
    case 'T':
      if (KEY("Threads:")) {
        out->has_threads = scan_i64(&v, nl, &out->threads) == 0;
      } else if (KEY("Tgid:")) {
        out->has_tgid = scan_i64(&v, nl, &out->tgid) == 0;
      }
      break;
    case 'V':
      if (KEY("VmSize:"))
        scan_u64(&v, nl, &out->vm_size);
      else if (KEY("VmRSS:"))
        scan_u64(&v, nl, &out->vm_rss);
      else if (KEY("VmExe:"))
        scan_u64(&v, nl, &out->vm_exe);
      else if (KEY("VmData:"))
        scan_u64(&v, nl, &out->vm_data);
      else if (KEY("VmStk:"))
        scan_u64(&v, nl, &out->vm_stk);
      break;
    case 'R':
      if (KEY("RssFile:"))
        scan_u64(&v, nl, &out->rss_file);
      else if (KEY("RssShmem:"))
        scan_u64(&v, nl, &out->rss_shmem);
      break;
    case 'v':
      if (KEY("voluntary_ctxt_switches:"))
        scan_u64(&v, nl, &out->vol_ctxsw);
      break;
    case 'n':
      if (KEY("nonvoluntary_ctxt_switches:"))
        scan_u64(&v, nl, &out->nonvol_ctxsw);
      break;
    default:
      break;
    }
#undef KEY
    p = nl + 1;
  }
  return out->has_uid ? 0 : PSU_EPARSE;
}


int
psu__linux_parse_statm(const char *buf, size_t len, uint64_t out[7]) {
  const char *p = buf, *end = buf + len;
  for (int i = 0; i < 7; i++)
    if (scan_u64(&p, end, &out[i]) != 0)
      return PSU_EPARSE;
  return 0;
}


void
psu__linux_parse_smaps_sum(const char *buf, size_t len,
                           psu__linux_smaps_sum_t *out) {
  const char *p = buf, *end = buf + len, *nl, *v;
  uint64_t x;

  memset(out, 0, sizeof(*out));
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
      nl = end;
    if (*p == 'P') {
      if (key_is(p, nl, "Private_", 8)) {
        v = memchr(p, ':', (size_t)(nl - p));
        if (v != NULL) {
          v++;
          if (scan_u64(&v, nl, &x) == 0)
            out->uss += x;
        }
      } else if (key_is(p, nl, "Pss:", 4)) {
        v = p + 4;
        if (scan_u64(&v, nl, &x) == 0)
          out->pss += x;
      }
    } else if (*p == 'S' && key_is(p, nl, "Swap:", 5)) {
      v = p + 5;
      if (scan_u64(&v, nl, &x) == 0)
        out->swap += x;
    }
    p = nl + 1;
  }
}


int
psu__linux_parse_io(const char *buf, size_t len, psu_proc_io_t *out) {
  const char *p = buf, *end = buf + len, *nl, *c;
  int found = 0;
  uint64_t v;

  memset(out, 0, sizeof(*out));
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
      nl = end;
    c = memchr(p, ':', (size_t)(nl - p));
    if (c != NULL) {
      size_t k = (size_t)(c - p);
      const char *q = c + 1;
      if (scan_u64(&q, nl, &v) == 0) {
        if (k == 5 && memcmp(p, "rchar", 5) == 0)
          out->read_chars = v, found++;
        else if (k == 5 && memcmp(p, "wchar", 5) == 0)
          out->write_chars = v, found++;
        else if (k == 5 && memcmp(p, "syscr", 5) == 0)
          out->read_count = v, found++;
        else if (k == 5 && memcmp(p, "syscw", 5) == 0)
          out->write_count = v, found++;
        else if (k == 10 && memcmp(p, "read_bytes", 10) == 0)
          out->read_bytes = v, found++;
        else if (k == 11 && memcmp(p, "write_bytes", 11) == 0)
          out->write_bytes = v, found++;
      }
    }
    p = nl + 1;
  }
  return found ? 0 : PSU_EPARSE;
}


int
psu__linux_parse_fdinfo(const char *buf, size_t len, int64_t *pos,
                        int32_t *flags) {
  const char *p = buf, *end = buf + len, *nl, *v;
  int got = 0;

  *pos = 0;
  *flags = 0;
  while (p < end) {
    nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
      nl = end;
    if (key_is(p, nl, "pos:", 4)) {
      v = p + 4;
      if (scan_i64(&v, nl, pos) == 0)
        got |= 1;
    } else if (key_is(p, nl, "flags:", 6)) {
      uint32_t f = 0;
      v = skip_sp(p + 6, nl);
      if (v < nl && *v >= '0' && *v <= '7') {
        while (v < nl && *v >= '0' && *v <= '7')
          f = f * 8 + (uint32_t)(*v++ - '0');
        *flags = (int32_t)f;
        got |= 2;
      }
    }
    p = nl + 1;
  }
  return got == 3 ? 0 : PSU_EPARSE;
}


int
psu__linux_parse_cpu_list(const char *buf, size_t len,
                          void (*fn)(void *ctx, int cpu), void *ctx) {
  const char *p = buf, *end = buf + len;
  while (p < end) {
    int64_t a, b;
    p = skip_sp(p, end);
    if (p >= end || *p == '\n')
      break;
    /* CPU numbers beyond 2^20 are garbage, and would overflow int. */
    if (scan_i64(&p, end, &a) != 0 || a < 0 || a > 1 << 20)
      return PSU_EPARSE;
    b = a;
    if (p < end && *p == '-') {
      p++;
      if (scan_i64(&p, end, &b) != 0 || b < a || b - a > 1 << 20)
        return PSU_EPARSE;
    }
    for (int64_t c = a; c <= b; c++)
      fn(ctx, (int)c);
    if (p < end && *p == ',')
      p++;
    else
      break;
  }
  return 0;
}

/* ------------------------------------------------------------ helpers */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static double clk_tck = 100.0;
static uint64_t page_size = 4096;

static void
init_once(void) {
  long v = sysconf(_SC_CLK_TCK);
  if (v > 0)
    clk_tck = (double)v;
  v = sysconf(_SC_PAGESIZE);
  if (v > 0)
    page_size = (uint64_t)v;
}


/* Boot time, cached per procfs root (psutil re-reads it each time; caching
 * keeps create_time stable across NTP steps and saves a /proc/stat read). */
static pthread_mutex_t bt_mu = PTHREAD_MUTEX_INITIALIZER;
static char bt_root[PSU_ROOT_MAX];
static double bt_val;
static int bt_ok;

static int
boot_time(const char *root, double *out, psu_err_t *err) {
  char path[PATH_CAP];
  char *buf = NULL, *p;
  size_t len;
  int ok = 0;

  pthread_mutex_lock(&bt_mu);
  if (bt_ok && strcmp(bt_root, root) == 0) {
    *out = bt_val;
    ok = 1;
  }
  pthread_mutex_unlock(&bt_mu);
  if (ok)
    return 0;
  if (psu__path(path, sizeof(path), "%s/stat", root) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  if (psu__read_file(path, &buf, &len, 0) != 0)
    return psu__set_err(err, PSU_ESYS, errno, "open(%s)", path);
  for (p = buf; p != NULL && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    if (strncmp(p, "btime ", 6) == 0) {
      const char *q = p + 6;
      uint64_t v;
      if (scan_u64(&q, buf + len, &v) == 0) {
        *out = (double)v;
        ok = 1;
      }
      break;
    }
  }
  psu__free(buf);
  if (!ok)
    return psu__set_err(err, PSU_EPARSE, 0, "btime in %s", path);
  pthread_mutex_lock(&bt_mu);
  psu__strlcpy(bt_root, root, sizeof(bt_root));
  bt_val = *out;
  bt_ok = 1;
  pthread_mutex_unlock(&bt_mu);
  return 0;
}


char
psu__linux_proc_state(const char *root, int64_t pid) {
  char path[PATH_CAP], buf[1024];
  ssize_t n;
  psu__linux_pid_stat_t st;

  if (psu__path(path, sizeof(path), "%s/%lld/stat", root, (long long)pid) < 0)
    return 0;
  n = psu__read_record(path, buf, sizeof(buf));
  if (n < 0)
    return (errno == ENOENT || errno == ESRCH) ? 0 : '?';
  if (psu__linux_parse_pid_stat(buf, (size_t)n, &st) != 0)
    return '?';
  return st.state;
}


int
psu__linux_proc_err(const char *root, int64_t pid, int e, const char *what,
                    psu_err_t *err) {
  if (e == EACCES || e == EPERM)
    return psu__set_err(err, PSU_EACCESS, e, "%s", what);
  if (e == ENOENT || e == ESRCH) {
    char s = psu__linux_proc_state(root, pid);
    if (s == 0)
      return psu__set_err(err, PSU_ENOSUCHPROC, e, "%s", what);
    if (s == 'Z')
      return psu__set_err(err, PSU_EZOMBIE, e, "%s", what);
    if (e == ESRCH) /* psutil: ProcessLookupError is NoSuchProcess */
      return psu__set_err(err, PSU_ENOSUCHPROC, e, "%s", what);
  }
  if (e == ENOMEM)
    return psu__set_err(err, PSU_ENOMEM, e, "%s", what);
  return psu__set_err(err, PSU_ESYS, e, "%s", what);
}


/* Read <root>/<pid>/<file> into buf; on failure classify. Returns the
 * length or a negative PSU code. A file larger than cap gives -EFBIG in
 * errno and PSU_ESYS; callers that can get big files use read_big. */
static ssize_t
read_pid_file(const char *root, int64_t pid, const char *file, char *buf,
              size_t cap, psu_err_t *err) {
  char path[PATH_CAP];
  ssize_t n;

  if (psu__path(path, sizeof(path), "%s/%lld/%s", root, (long long)pid,
                file) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  n = psu__read_record(path, buf, cap);
  if (n < 0) {
    int e = errno;
    char what[64];
    snprintf(what, sizeof(what), "read(/proc/%lld/%s)", (long long)pid, file);
    return psu__linux_proc_err(root, pid, e, what, err);
  }
  return n;
}


static int
read_big(const char *root, int64_t pid, const char *file, char **out,
         size_t *len, psu_err_t *err) {
  char path[PATH_CAP];
  if (psu__path(path, sizeof(path), "%s/%lld/%s", root, (long long)pid,
                file) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  if (psu__read_file(path, out, len, 0) != 0) {
    int e = errno;
    char what[64];
    snprintf(what, sizeof(what), "read(/proc/%lld/%s)", (long long)pid, file);
    return psu__linux_proc_err(root, pid, e, what, err);
  }
  return 0;
}


/* Small file into buf, falling back to a heap buffer when it is bigger.
 * *heap is set when the fallback was used (free it). */
static int
read_any(const char *root, int64_t pid, const char *file, char *buf,
         size_t cap, const char **data, size_t *len, char **heap,
         psu_err_t *err) {
  char path[PATH_CAP];
  ssize_t n;

  *heap = NULL;
  if (psu__path(path, sizeof(path), "%s/%lld/%s", root, (long long)pid,
                file) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  n = psu__read_record(path, buf, cap);
  if (n >= 0) {
    *data = buf;
    *len = (size_t)n;
    return 0;
  }
  if (errno == EFBIG) {
    int rc = read_big(root, pid, file, heap, len, err);
    if (rc == 0)
      *data = *heap;
    return rc;
  }
  {
    int e = errno;
    char what[64];
    snprintf(what, sizeof(what), "read(/proc/%lld/%s)", (long long)pid, file);
    return psu__linux_proc_err(root, pid, e, what, err);
  }
}


/* Identity check for setters and signals. */
static int
check_ident(const char *root, int64_t pid, uint64_t ident, psu_err_t *err) {
  char buf[1024];
  const char *data;
  size_t len;
  char *heap;
  psu__linux_pid_stat_t st;
  int rc;

  if (ident == 0)
    return 0;
  rc = read_any(root, pid, "stat", buf, sizeof(buf), &data, &len, &heap, err);
  if (rc != 0)
    return rc;
  rc = psu__linux_parse_pid_stat(data, len, &st);
  psu__free(heap);
  if (rc != 0)
    return psu__set_err(err, PSU_EPARSE, 0, "/proc/%lld/stat", (long long)pid);
  if (st.starttime != ident)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0,
                        "pid %lld was reused by another process",
                        (long long)pid);
  return 0;
}


static int
check_pid(int64_t pid, psu_err_t *err) {
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "invalid pid %lld",
                        (long long)pid);
  return 0;
}

/* ------------------------------------------------------------ info */

static int footprint(const char *root, int64_t pid, psu_proc_footprint_t *out,
                     int *no_mm, psu_err_t *err);

static int
proc_info(const char *root, int64_t pid, uint32_t want, psu_proc_info_t *out,
          psu_err_t *err) {
  char buf[8192];
  const char *data;
  size_t len;
  char *heap = NULL;
  int rc, mem_done = 0;

  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  /* Times come with STAT, threads and switches with STATUS. */
  out->have |= PSU_PROC_PART_TASK;
  want &= ~out->have;
  if (want == 0)
    return 0;

  if (want & PSU_PROC_PART_STAT) {
    psu__linux_pid_stat_t st;
    double bt = 0;
    if ((rc = read_any(root, pid, "stat", buf, sizeof(buf), &data, &len,
                       &heap, err)) != 0)
      return rc;
    rc = psu__linux_parse_pid_stat(data, len, &st);
    if (rc != 0) {
      psu__free(heap);
      return psu__set_err(err, PSU_EPARSE, 0, "/proc/%lld/stat",
                          (long long)pid);
    }
    {
      size_t n = st.name_len < PSU_PROC_NAME_MAX - 1 ? st.name_len
                                                     : PSU_PROC_NAME_MAX - 1;
      memcpy(out->name, st.name, n);
      out->name[n] = '\0';
      out->name_len = (uint32_t)n;
    }
    psu__free(heap);
    heap = NULL;
    out->state = st.state;
    out->ppid = st.ppid;
    out->tty_nr = st.tty_nr;
    out->ident = st.starttime;
    out->minflt = st.minflt;
    out->majflt = st.majflt;
    out->user = (double)st.utime / clk_tck;
    out->system = (double)st.stime / clk_tck;
    out->children_user = (double)st.cutime / clk_tck;
    out->children_system = (double)st.cstime / clk_tck;
    out->iowait = (double)st.blkio_ticks / clk_tck;
    out->cpu_num = (int32_t)st.processor;
    if ((rc = boot_time(root, &bt, err)) != 0)
      return rc;
    out->create_time = bt + (double)st.starttime / clk_tck;
    out->have |= PSU_PROC_PART_STAT;
  }

  if (want & PSU_PROC_PART_STATUS) {
    psu__linux_pid_status_t s;
    if ((rc = read_any(root, pid, "status", buf, sizeof(buf), &data, &len,
                       &heap, err)) != 0)
      return rc;
    rc = psu__linux_parse_pid_status(data, len, &s);
    psu__free(heap);
    heap = NULL;
    if (rc != 0)
      return psu__set_err(err, PSU_EPARSE, 0, "/proc/%lld/status",
                          (long long)pid);
    memcpy(out->uid, s.uid, sizeof(s.uid));
    memcpy(out->gid, s.gid, sizeof(s.gid));
    out->num_threads = s.threads;
    out->vol_ctxsw = s.vol_ctxsw;
    out->nonvol_ctxsw = s.nonvol_ctxsw;
    out->have |= PSU_PROC_PART_STATUS;
    if (want & PSU_PROC_PART_MEM) {
      /* Same counters as statm (task_mem vs task_statm). */
      out->rss = s.vm_rss * 1024;
      out->vms = s.vm_size * 1024;
      out->shared = (s.rss_file + s.rss_shmem) * 1024;
      out->text = s.vm_exe * 1024;
      out->lib = 0;
      out->data = (s.vm_data + s.vm_stk) * 1024;
      out->dirty = 0;
      out->have |= PSU_PROC_PART_MEM;
      mem_done = 1;
    }
  }

  if (want & PSU_PROC_PART_FOOTPRINT) {
    /* Best effort: a failure (often access denied) leaves the bit unset
     * and the other parts valid; psu_proc_footprint gives the error. It
     * goes first: a kernel thread found here needs no statm read. */
    psu_proc_footprint_t f;
    psu_err_t ignored;
    int no_mm = 0;
    if (footprint(root, pid, &f, &no_mm, &ignored) == 0) {
      out->uss = f.uss;
      out->pss = f.pss;
      out->swap = f.swap;
      out->have |= PSU_PROC_PART_FOOTPRINT;
      if (no_mm && (want & PSU_PROC_PART_MEM) && !mem_done) {
        out->rss = out->vms = out->shared = out->text = out->lib = 0;
        out->data = out->dirty = 0;
        out->have |= PSU_PROC_PART_MEM;
        mem_done = 1;
      }
    }
  }

  if ((want & PSU_PROC_PART_MEM) && !mem_done) {
    uint64_t m[7];
    ssize_t n;
    char sbuf[256];
    n = read_pid_file(root, pid, "statm", sbuf, sizeof(sbuf), err);
    if (n < 0)
      return (int)n;
    if (psu__linux_parse_statm(sbuf, (size_t)n, m) != 0)
      return psu__set_err(err, PSU_EPARSE, 0, "/proc/%lld/statm",
                          (long long)pid);
    out->vms = m[0] * page_size;
    out->rss = m[1] * page_size;
    out->shared = m[2] * page_size;
    out->text = m[3] * page_size;
    out->lib = m[4] * page_size;
    out->data = m[5] * page_size;
    out->dirty = m[6] * page_size;
    out->have |= PSU_PROC_PART_MEM;
  }

  return 0;
}

int
psu_proc_info(int64_t pid, uint32_t want, psu_proc_info_t *out,
              psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  pthread_once(&once, init_once);
  psu__procfs_root(root);
  return proc_info(root, pid, want, out, err);
}


int
psu_proc_info_batch(const int64_t *pids, size_t n, uint32_t want,
                    psu_proc_info_t *out, psu_err_t *errs) {
  char root[PSU_ROOT_MAX];
  int failed = 0;
  pthread_once(&once, init_once);
  psu__procfs_root(root);
  for (size_t i = 0; i < n; i++) {
    errs[i].code = 0;
    errs[i].sys = 0;
    errs[i].where[0] = '\0';
    if (proc_info(root, pids[i], want, &out[i], &errs[i]) != 0)
      failed++;
  }
  return failed;
}

/* ------------------------------------------------------------ pids */

static int
is_pid_name(const char *s, int64_t *pid) {
  int64_t v = 0;
  if (*s == '\0')
    return 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return 0;
    v = v * 10 + (*s - '0');
    if (v > INT32_MAX)
      return 0;
  }
  *pid = v;
  return 1;
}


static int
cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}


int
psu_pids(int64_t **out, size_t *n, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  DIR *d;
  struct dirent *de;
  int64_t *v = NULL, *nv, pid;
  size_t cap = 0, cnt = 0;

  *out = NULL;
  *n = 0;
  psu__procfs_root(root);
  d = opendir(root);
  if (d == NULL)
    return psu__set_err(err, PSU_ESYS, errno, "opendir(%s)", root);
  while ((de = readdir(d)) != NULL) {
    if (!is_pid_name(de->d_name, &pid))
      continue;
    if (cnt == cap) {
      cap = cap ? cap * 2 : 512;
      nv = psu__realloc(v, cap * sizeof(*v));
      if (nv == NULL) {
        closedir(d);
        psu__free(v);
        return psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
      }
      v = nv;
    }
    v[cnt++] = pid;
  }
  closedir(d);
  if (cnt > 1)
    qsort(v, cnt, sizeof(*v), cmp_i64);
  *out = v;
  *n = cnt;
  return 0;
}


int
psu_pid_exists(int64_t pid, int *exists, psu_err_t *err) {
  char root[PSU_ROOT_MAX], buf[8192];
  const char *data;
  size_t len;
  char *heap;
  psu__linux_pid_status_t s;
  psu_err_t tmp;
  int rc;

  *exists = 0;
  if (pid < 0 || pid > INT32_MAX)
    return 0;
  if (pid == 0)
    return 0; /* Linux has no process 0 in /proc */
  if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
    return 0;
  psu__procfs_root(root);
  rc = read_any(root, pid, "status", buf, sizeof(buf), &data, &len, &heap,
                &tmp);
  if (rc == 0) {
    rc = psu__linux_parse_pid_status(data, len, &s);
    psu__free(heap);
    if (rc == 0 && s.has_tgid) {
      *exists = s.tgid == pid;
      return 0;
    }
  }
  if (rc == PSU_ENOSUCHPROC)
    return 0;
  /* Can't tell a thread from a process: search the listing. */
  {
    int64_t *pids;
    size_t n;
    if ((rc = psu_pids(&pids, &n, err)) != 0)
      return rc;
    *exists = bsearch(&pid, pids, n, sizeof(*pids), cmp_i64) != NULL;
    psu__free(pids);
  }
  return 0;
}


int
psu_proc_ppid_map(int64_t **out, size_t *n, psu_err_t *err) {
  char root[PSU_ROOT_MAX], buf[2048];
  int64_t *pids, *v;
  size_t np, cnt = 0;
  int rc;

  *out = NULL;
  *n = 0;
  if ((rc = psu_pids(&pids, &np, err)) != 0)
    return rc;
  v = psu__malloc((np ? np : 1) * 2 * sizeof(*v));
  if (v == NULL) {
    psu__free(pids);
    return psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
  }
  psu__procfs_root(root);
  for (size_t i = 0; i < np; i++) {
    char path[PATH_CAP];
    ssize_t r;
    psu__linux_pid_stat_t st;
    if (psu__path(path, sizeof(path), "%s/%lld/stat", root,
                  (long long)pids[i]) < 0)
      continue;
    r = psu__read_record(path, buf, sizeof(buf));
    if (r < 0 || psu__linux_parse_pid_stat(buf, (size_t)r, &st) != 0)
      continue;
    v[2 * cnt] = pids[i];
    v[2 * cnt + 1] = st.ppid;
    cnt++;
  }
  psu__free(pids);
  *out = v;
  *n = cnt;
  return 0;
}

/* ------------------------------------------------------------ strings */

static int
readlink_pid(const char *root, int64_t pid, const char *file, char **out,
             size_t *len, psu_err_t *err) {
  char path[PATH_CAP];
  size_t cap = 256;
  char *b = NULL, *nb;
  ssize_t r;

  if (psu__path(path, sizeof(path), "%s/%lld/%s", root, (long long)pid,
                file) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  for (;;) {
    nb = psu__realloc(b, cap);
    if (nb == NULL) {
      psu__free(b);
      return psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
    }
    b = nb;
    r = readlink(path, b, cap);
    if (r < 0) {
      int e = errno;
      char what[64];
      psu__free(b);
      snprintf(what, sizeof(what), "readlink(/proc/%lld/%s)", (long long)pid,
               file);
      return psu__linux_proc_err(root, pid, e, what, err);
    }
    if ((size_t)r < cap)
      break;
    if (cap >= ((size_t)1 << 20)) {
      psu__free(b);
      return psu__set_err(err, PSU_ESYS, ENAMETOOLONG, "readlink(%s)", path);
    }
    cap *= 2;
  }
  b[r] = '\0';
  /* Text after a NUL is garbage (psutil splits on it). */
  *len = strlen(b);
  /* " (deleted)" is the kernel's marker: strip it unless the path with
   * the suffix really exists. */
  if (*len > 10 && strcmp(b + *len - 10, " (deleted)") == 0) {
    struct stat sb;
    if (stat(b, &sb) != 0) {
      *len -= 10;
      b[*len] = '\0';
    }
  }
  *out = b;
  return 0;
}


static int
empty_string(char **out, size_t *len, psu_err_t *err) {
  *out = psu__malloc(1);
  if (*out == NULL)
    return psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
  (*out)[0] = '\0';
  *len = 0;
  return 0;
}


/* readlink of /proc/PID/<file> (exe, cwd). ENOENT/ESRCH on a live process
 * (kernel threads, some low pids) means "no such link": an empty string,
 * as psutil returns "". */
static int
readlink_or_empty(int64_t pid, const char *file, char **out, size_t *len,
                  psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu_err_t e2;
  int rc;

  *out = NULL;
  *len = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  rc = readlink_pid(root, pid, file, out, len, &e2);
  if (rc == 0)
    return 0;
  if (rc == PSU_ESYS && (e2.sys == ENOENT || e2.sys == ESRCH))
    return empty_string(out, len, err);
  if (err)
    *err = e2;
  return rc;
}


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return readlink_or_empty(pid, "exe", out, len, err);
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return readlink_or_empty(pid, "cwd", out, len, err);
}


static int
read_block(int64_t pid, const char *file, int zombie_if_empty, char **out,
           size_t *len, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  int rc;

  *out = NULL;
  *len = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  if ((rc = read_big(root, pid, file, out, len, err)) != 0)
    return rc;
  if (*len == 0 && zombie_if_empty) {
    char s = psu__linux_proc_state(root, pid);
    if (s == 0 || s == 'Z') {
      psu__free(*out);
      *out = NULL;
      return psu__set_err(err, s ? PSU_EZOMBIE : PSU_ENOSUCHPROC, 0,
                          "empty /proc/%lld/%s", (long long)pid, file);
    }
  }
  return 0;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  return read_block(pid, "cmdline", 1, out, len, err);
}


int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu_err_t e2;
  int rc = read_block(pid, "environ", 0, out, len, &e2);
  if (rc == PSU_ENOSUCHPROC && e2.sys == ESRCH) {
    /* Kernel threads have no mm: the read fails with ESRCH although the
     * process is alive (psutil reports NoSuchProcess; we report {}). */
    psu__procfs_root(root);
    {
      char s = psu__linux_proc_state(root, pid);
      if (s != 0 && s != 'Z' && s != '?')
        return empty_string(out, len, err);
    }
  }
  if (rc != 0 && err)
    *err = e2;
  return rc;
}

/* ------------------------------------------------------------ counters */

int
psu_proc_io_counters(int64_t pid, psu_proc_io_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX], buf[1024];
  ssize_t n;
  int rc;

  memset(out, 0, sizeof(*out));
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  n = read_pid_file(root, pid, "io", buf, sizeof(buf), err);
  if (n < 0)
    return (int)n;
  if (psu__linux_parse_io(buf, (size_t)n, out) != 0) {
    char s = psu__linux_proc_state(root, pid);
    if (s == 0)
      return psu__set_err(err, PSU_ENOSUCHPROC, 0, "empty /proc/%lld/io",
                          (long long)pid);
    if (s == 'Z')
      return psu__set_err(err, PSU_EZOMBIE, 0, "empty /proc/%lld/io",
                          (long long)pid);
    return psu__set_err(err, PSU_EPARSE, 0, "/proc/%lld/io", (long long)pid);
  }
  return 0;
}


static int
open_pid_dir(const char *root, int64_t pid, const char *sub, DIR **d,
             psu_err_t *err) {
  char path[PATH_CAP];
  if (psu__path(path, sizeof(path), "%s/%lld/%s", root, (long long)pid,
                sub) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long");
  *d = opendir(path);
  if (*d == NULL) {
    int e = errno;
    char what[64];
    snprintf(what, sizeof(what), "opendir(/proc/%lld/%s)", (long long)pid,
             sub);
    return psu__linux_proc_err(root, pid, e, what, err);
  }
  return 0;
}


int
psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  DIR *d;
  struct dirent *de;
  int64_t n = 0;
  int rc;

  *out = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  if ((rc = open_pid_dir(root, pid, "fd", &d, err)) != 0)
    return rc;
  while ((de = readdir(d)) != NULL)
    if (de->d_name[0] != '.')
      n++;
  closedir(d);
  *out = n;
  return 0;
}


int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  char root[PSU_ROOT_MAX], buf[2048], path[PATH_CAP];
  DIR *d;
  struct dirent *de;
  psu_proc_thread_t *v = NULL, *nv;
  size_t cap = 0, cnt = 0;
  int rc, hit_enoent = 0;
  int64_t tid;

  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  pthread_once(&once, init_once);
  psu__procfs_root(root);
  if ((rc = open_pid_dir(root, pid, "task", &d, err)) != 0)
    return rc;
  while ((de = readdir(d)) != NULL) {
    ssize_t r;
    psu__linux_pid_stat_t st;
    if (!is_pid_name(de->d_name, &tid))
      continue;
    if (psu__path(path, sizeof(path), "%s/%lld/task/%s/stat", root,
                  (long long)pid, de->d_name) < 0)
      continue;
    r = psu__read_record(path, buf, sizeof(buf));
    if (r < 0) {
      if (errno == ENOENT || errno == ESRCH) {
        hit_enoent = 1;
        continue;
      }
      rc = psu__linux_proc_err(root, pid, errno, "read task stat", err);
      goto error;
    }
    if (psu__linux_parse_pid_stat(buf, (size_t)r, &st) != 0)
      continue;
    if (cnt == cap) {
      cap = cap ? cap * 2 : 16;
      nv = psu__realloc(v, cap * sizeof(*v));
      if (nv == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
        goto error;
      }
      v = nv;
    }
    v[cnt].id = tid;
    v[cnt].user_time = (double)st.utime / clk_tck;
    v[cnt].system_time = (double)st.stime / clk_tck;
    cnt++;
  }
  closedir(d);
  d = NULL;
  if (hit_enoent && psu__linux_proc_state(root, pid) == 0) {
    psu__free(v);
    return psu__set_err(err, PSU_ENOSUCHPROC, ENOENT, "task vanished");
  }
  *out = v;
  *n = cnt;
  return 0;

error:
  if (d)
    closedir(d);
  psu__free(v);
  return rc;
}

/* ------------------------------------------------------------ memory */

int
psu_proc_footprint(int64_t pid, psu_proc_footprint_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu__procfs_root(root);
  int no_mm;
  return footprint(root, pid, out, &no_mm, err);
}


static int
footprint(const char *root, int64_t pid, psu_proc_footprint_t *out,
          int *no_mm, psu_err_t *err) {
  char buf[4096];
  const char *data;
  size_t len;
  char *heap = NULL;
  psu__linux_smaps_sum_t s;
  psu_err_t e2;
  int rc;

  memset(out, 0, sizeof(*out));
  *no_mm = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  {
    /* The common case in one read, with no classification work: a kernel
     * thread (ESRCH) then costs one stat read, not two. */
    char path[PATH_CAP];
    ssize_t n = -1;
    if (psu__path(path, sizeof(path), "%s/%lld/smaps_rollup", root,
                  (long long)pid) >= 0)
      n = psu__read_record(path, buf, sizeof(buf));
    if (n >= 0) {
      data = buf;
      len = (size_t)n;
      rc = 0;
    } else if (errno == ESRCH) {
      char st = psu__linux_proc_state(root, pid);
      if (st == 0)
        return psu__set_err(err, PSU_ENOSUCHPROC, ESRCH,
                            "read(/proc/%lld/smaps_rollup)", (long long)pid);
      if (st != 'Z' && st != '?') {
        *no_mm = 1;
        return 0; /* alive without an mm: a kernel thread, no memory */
      }
      rc = read_any(root, pid, "smaps_rollup", buf, sizeof(buf), &data, &len,
                    &heap, &e2);
    } else {
      rc = read_any(root, pid, "smaps_rollup", buf, sizeof(buf), &data, &len,
                    &heap, &e2);
    }
  }
  if (rc != 0) {
    /* smaps_rollup may be missing (kernel < 4.14) or give ESRCH/ENOENT
     * for a live process: fall back to smaps. */
    char st;
    if (rc == PSU_EZOMBIE || (e2.sys != ENOENT && e2.sys != ESRCH) ||
        (st = psu__linux_proc_state(root, pid)) == 0) {
      if (err)
        *err = e2;
      return rc;
    }
    if (e2.sys == ESRCH && st != 'Z' && st != '?') {
      *no_mm = 1;
      return 0; /* alive without an mm: a kernel thread, no memory */
    }
    if ((rc = read_big(root, pid, "smaps", &heap, &len, &e2)) != 0) {
      char st = psu__linux_proc_state(root, pid);
      if ((e2.sys == ENOENT || e2.sys == ESRCH) && st != 0 && st != 'Z' &&
          st != '?')
      {
        *no_mm = 1;
        return 0; /* a kernel thread: no memory of its own */
      }
      if (err)
        *err = e2;
      return rc;
    }
    data = heap;
  }
  psu__linux_parse_smaps_sum(data, len, &s);
  psu__free(heap);
  out->uss = s.uss * 1024;
  out->pss = s.pss * 1024;
  out->swap = s.swap * 1024;
  return 0;
}


typedef struct {
  psu_proc_mmap_t *v;
  size_t n, cap;
} mmap_vec_t;


static psu_proc_mmap_t *
mmap_push(mmap_vec_t *vec) {
  if (vec->n == vec->cap) {
    size_t nc = vec->cap ? vec->cap * 2 : 64;
    psu_proc_mmap_t *nv = psu__realloc(vec->v, nc * sizeof(*nv));
    if (nv == NULL)
      return NULL;
    vec->v = nv;
    vec->cap = nc;
  }
  memset(&vec->v[vec->n], 0, sizeof(vec->v[0]));
  return &vec->v[vec->n++];
}


/* Is [p, end) a smaps header ("addr-addr perms ...")? */
static int
smaps_header(const char *p, const char *end) {
  const char *q = p;
  while (q < end && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f')))
    q++;
  return q > p && q < end && *q == '-';
}


int
psu_proc_memory_maps(int64_t pid, int grouped, psu_proc_mmap_t **out,
                     size_t *n, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  char *buf = NULL, *block = NULL, *pool;
  size_t len, pool_len = 0;
  mmap_vec_t vec = {NULL, 0, 0};
  psu_proc_mmap_t *cur = NULL;
  const char *p, *end, *nl;
  int rc;

  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  if ((rc = read_big(root, pid, "smaps", &buf, &len, err)) != 0)
    return rc;
  if (len == 0) {
    char s = psu__linux_proc_state(root, pid);
    psu__free(buf);
    if (s == 0)
      return psu__set_err(err, PSU_ENOSUCHPROC, 0, "empty smaps");
    if (s == 'Z')
      return psu__set_err(err, PSU_EZOMBIE, 0, "empty smaps");
    return 0;
  }
  end = buf + len;
  /* Pass 1: one entry per mapping; path stays in buf (offset in path). */
  for (p = buf; p < end; p = nl + 1) {
    nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL)
      nl = end;
    if (smaps_header(p, nl)) {
      const char *q = p;
      int nf = 0;
      cur = mmap_push(&vec);
      if (cur == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
        goto error;
      }
      /* addr perms offset dev inode [path] */
      while (nf < 5 && q < nl) {
        const char *t;
        q = skip_sp(q, nl);
        t = q;
        while (q < nl && *q != ' ' && *q != '\t')
          q++;
        if (nf == 0 || nf == 1) {
          size_t tl = (size_t)(q - t);
          char *dst = nf == 0 ? cur->addr : cur->perms;
          size_t cap = nf == 0 ? sizeof(cur->addr) : sizeof(cur->perms);
          if (tl >= cap)
            tl = cap - 1;
          memcpy(dst, t, tl);
          dst[tl] = '\0';
        }
        nf++;
      }
      q = skip_sp(q, nl);
      {
        const char *pe = nl;
        size_t plen;
        plen = (size_t)(pe - q);
        if (plen > 10 && memcmp(pe - 10, " (deleted)", 10) == 0) {
          char tmp[4096];
          struct stat sb;
          if (plen < sizeof(tmp)) {
            memcpy(tmp, q, plen);
            tmp[plen] = '\0';
            if (stat(tmp, &sb) != 0)
              plen -= 10;
          }
        }
        cur->path = q; /* temporarily into buf */
        cur->path_len = plen;
        if (plen == 0)
          cur->path = NULL, cur->path_len = 6; /* "[anon]" */
      }
      continue;
    }
    if (cur == NULL)
      continue;
    {
      const char *c = memchr(p, ':', (size_t)(nl - p));
      uint64_t v;
      size_t k;
      const char *q;
      if (c == NULL)
        continue;
      k = (size_t)(c - p);
      q = c + 1;
      if (scan_u64(&q, nl, &v) != 0)
        continue;
      v *= 1024;
#define K(name) (k == sizeof(name) - 1 && memcmp(p, name, k) == 0)
      if (K("Rss"))
        cur->rss = v;
      else if (K("Size"))
        cur->size = v;
      else if (K("Pss"))
        cur->pss = v;
      else if (K("Shared_Clean"))
        cur->shared_clean = v;
      else if (K("Shared_Dirty"))
        cur->shared_dirty = v;
      else if (K("Private_Clean"))
        cur->private_clean = v;
      else if (K("Private_Dirty"))
        cur->private_dirty = v;
      else if (K("Referenced"))
        cur->referenced = v;
      else if (K("Anonymous"))
        cur->anonymous = v;
      else if (K("Swap"))
        cur->swap = v;
#undef K
    }
  }
  /* Grouping: sum entries with the same path, keeping first-seen order. */
  if (grouped) {
    size_t w = 0;
    for (size_t i = 0; i < vec.n; i++) {
      psu_proc_mmap_t *e = &vec.v[i];
      size_t j;
      for (j = 0; j < w; j++) {
        psu_proc_mmap_t *g = &vec.v[j];
        if (g->path_len == e->path_len &&
            (g->path == e->path ||
             (g->path && e->path && memcmp(g->path, e->path, e->path_len) == 0)))
          break;
      }
      if (j < w) {
        psu_proc_mmap_t *g = &vec.v[j];
        g->rss += e->rss;
        g->size += e->size;
        g->pss += e->pss;
        g->shared_clean += e->shared_clean;
        g->shared_dirty += e->shared_dirty;
        g->private_clean += e->private_clean;
        g->private_dirty += e->private_dirty;
        g->referenced += e->referenced;
        g->anonymous += e->anonymous;
        g->swap += e->swap;
      } else {
        vec.v[w] = *e;
        vec.v[w].addr[0] = '\0';
        vec.v[w].perms[0] = '\0';
        w++;
      }
    }
    vec.n = w;
  }
  /* One block: structs + string pool. */
  for (size_t i = 0; i < vec.n; i++)
    pool_len += vec.v[i].path_len + 1;
  block = psu__malloc(vec.n * sizeof(psu_proc_mmap_t) + pool_len + 1);
  if (block == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
    goto error;
  }
  pool = block + vec.n * sizeof(psu_proc_mmap_t);
  for (size_t i = 0; i < vec.n; i++) {
    psu_proc_mmap_t *d = &((psu_proc_mmap_t *)(void *)block)[i];
    *d = vec.v[i];
    if (vec.v[i].path)
      memcpy(pool, vec.v[i].path, vec.v[i].path_len);
    else
      memcpy(pool, "[anon]", 6);
    pool[vec.v[i].path_len] = '\0';
    d->path = pool;
    pool += vec.v[i].path_len + 1;
  }
  psu__free(vec.v);
  psu__free(buf);
  *out = (psu_proc_mmap_t *)(void *)block;
  *n = vec.n;
  return 0;

error:
  psu__free(vec.v);
  psu__free(buf);
  return rc;
}

/* ------------------------------------------------------------ files */

int
psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out, size_t *n,
                    psu_err_t *err) {
  char root[PSU_ROOT_MAX], path[PATH_CAP], link[4097], info[1024];
  DIR *d;
  struct dirent *de;
  psu_proc_open_file_t *v = NULL, *nv;
  char *pool = NULL, *np;
  size_t cap = 0, cnt = 0, pcap = 0, plen = 0;
  int rc, hit_enoent = 0;
  int64_t fd;

  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  if ((rc = open_pid_dir(root, pid, "fd", &d, err)) != 0)
    return rc;
  while ((de = readdir(d)) != NULL) {
    ssize_t r;
    struct stat sb;
    int64_t pos;
    int32_t flags;
    if (!is_pid_name(de->d_name, &fd))
      continue;
    if (psu__path(path, sizeof(path), "%s/%lld/fd/%s", root, (long long)pid,
                  de->d_name) < 0)
      continue;
    r = readlink(path, link, sizeof(link) - 1);
    if (r < 0) {
      if (errno == ENOENT || errno == ESRCH) {
        hit_enoent = 1;
        continue;
      }
      if (errno == ENAMETOOLONG || errno == EINVAL)
        continue;
      rc = psu__linux_proc_err(root, pid, errno, "readlink fd", err);
      goto error;
    }
    link[r] = '\0';
    if (link[0] != '/' || stat(link, &sb) != 0 || !S_ISREG(sb.st_mode))
      continue;
    if (psu__path(path, sizeof(path), "%s/%lld/fdinfo/%s", root,
                  (long long)pid, de->d_name) < 0)
      continue;
    r = psu__read_record(path, info, sizeof(info));
    if (r < 0) {
      if (errno == ENOENT || errno == ESRCH) {
        hit_enoent = 1;
        continue;
      }
      rc = psu__linux_proc_err(root, pid, errno, "read fdinfo", err);
      goto error;
    }
    if (psu__linux_parse_fdinfo(info, (size_t)r, &pos, &flags) != 0)
      continue;
    if (cnt == cap) {
      cap = cap ? cap * 2 : 16;
      nv = psu__realloc(v, cap * sizeof(*v));
      if (nv == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
        goto error;
      }
      v = nv;
    }
    if (plen + (size_t)r + 1 > pcap) {
      size_t nc = pcap ? pcap * 2 : 1024;
      while (nc < plen + strlen(link) + 1)
        nc *= 2;
      np = psu__realloc(pool, nc);
      if (np == NULL) {
        rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
        goto error;
      }
      pool = np;
      pcap = nc;
    }
    memset(&v[cnt], 0, sizeof(v[cnt]));
    v[cnt].path_len = strlen(link);
    memcpy(pool + plen, link, v[cnt].path_len + 1);
    v[cnt].path = (const char *)(uintptr_t)plen; /* offset for now */
    plen += v[cnt].path_len + 1;
    v[cnt].fd = fd;
    v[cnt].position = pos;
    v[cnt].flags = flags;
    switch (flags & O_ACCMODE) {
    case O_RDONLY:
      strcpy(v[cnt].mode, "r");
      break;
    case O_WRONLY:
      strcpy(v[cnt].mode, (flags & O_APPEND) ? "a" : "w");
      break;
    default:
      strcpy(v[cnt].mode, (flags & O_APPEND) ? "a+" : "r+");
      break;
    }
    cnt++;
  }
  closedir(d);
  d = NULL;
  if (hit_enoent && psu__linux_proc_state(root, pid) == 0) {
    rc = psu__set_err(err, PSU_ENOSUCHPROC, ENOENT, "fd vanished");
    goto error;
  }
  {
    char *block = psu__malloc(cnt * sizeof(*v) + plen + 1);
    if (block == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
      goto error;
    }
    if (cnt)
      memcpy(block, v, cnt * sizeof(*v));
    if (plen)
      memcpy(block + cnt * sizeof(*v), pool, plen);
    for (size_t i = 0; i < cnt; i++) {
      psu_proc_open_file_t *e = &((psu_proc_open_file_t *)(void *)block)[i];
      e->path = block + cnt * sizeof(*v) + (size_t)(uintptr_t)e->path;
    }
    psu__free(v);
    psu__free(pool);
    *out = (psu_proc_open_file_t *)(void *)block;
    *n = cnt;
  }
  return 0;

error:
  if (d)
    closedir(d);
  psu__free(v);
  psu__free(pool);
  return rc;
}

/* ------------------------------------------------------------ sched */

static int
sys_err(int64_t pid, int e, const char *what, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu__procfs_root(root);
  return psu__linux_proc_err(root, pid, e, what, err);
}


int
psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n, psu_err_t *err) {
  size_t ncpu = 1024;
  cpu_set_t *set;
  int32_t *v;
  size_t cnt = 0, sz;
  int rc;

  *out = NULL;
  *n = 0;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  for (;;) {
    set = CPU_ALLOC(ncpu);
    if (set == NULL)
      return psu__set_err(err, PSU_ENOMEM, ENOMEM, "CPU_ALLOC");
    sz = CPU_ALLOC_SIZE(ncpu);
    CPU_ZERO_S(sz, set);
    if (sched_getaffinity((pid_t)pid, sz, set) == 0)
      break;
    CPU_FREE(set);
    if (errno != EINVAL || ncpu > (1u << 20))
      return sys_err(pid, errno, "sched_getaffinity", err);
    ncpu *= 2;
  }
  v = psu__malloc((size_t)CPU_COUNT_S(sz, set) * sizeof(*v) + 1);
  if (v == NULL) {
    CPU_FREE(set);
    return psu__set_err(err, PSU_ENOMEM, ENOMEM, "malloc");
  }
  for (size_t c = 0; c < ncpu; c++)
    if (CPU_ISSET_S(c, sz, set))
      v[cnt++] = (int32_t)c;
  CPU_FREE(set);
  *out = v;
  *n = cnt;
  return 0;
}


typedef struct {
  cpu_set_t *set;
  size_t sz, ncpu;
} cpuset_ctx_t;


static void
cpuset_add(void *ctx, int cpu) {
  cpuset_ctx_t *c = ctx;
  if (cpu >= 0 && (size_t)cpu < c->ncpu)
    CPU_SET_S((size_t)cpu, c->sz, c->set);
}


int
psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident, const int32_t *cpus,
                          size_t n, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  cpuset_ctx_t c;
  long conf = sysconf(_SC_NPROCESSORS_CONF);
  int rc;

  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  c.ncpu = 1024;
  for (size_t i = 0; i < n; i++)
    if (cpus[i] < 0 || (conf > 0 && cpus[i] >= conf))
      return psu__set_err(err, PSU_EINVAL, 0, "invalid CPU %d", cpus[i]);
    else if ((size_t)cpus[i] >= c.ncpu)
      c.ncpu = (size_t)cpus[i] + 1;
  c.set = CPU_ALLOC(c.ncpu);
  if (c.set == NULL)
    return psu__set_err(err, PSU_ENOMEM, ENOMEM, "CPU_ALLOC");
  c.sz = CPU_ALLOC_SIZE(c.ncpu);
  CPU_ZERO_S(c.sz, c.set);
  psu__procfs_root(root);
  if (n == 0) {
    /* Every eligible CPU: Cpus_allowed_list of the process. */
    char buf[8192];
    const char *data, *p, *end;
    size_t len;
    char *heap;
    if ((rc = read_any(root, pid, "status", buf, sizeof(buf), &data, &len,
                       &heap, err)) != 0)
      goto done;
    end = data + len;
    p = data;
    while (p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      if (nl == NULL)
        nl = end;
      if (key_is(p, nl, "Cpus_allowed_list:", 18)) {
        psu__linux_parse_cpu_list(p + 18, (size_t)(nl - p - 18), cpuset_add,
                                  &c);
        break;
      }
      p = nl + 1;
    }
    psu__free(heap);
  } else {
    for (size_t i = 0; i < n; i++)
      CPU_SET_S((size_t)cpus[i], c.sz, c.set);
  }
  if ((rc = check_ident(root, pid, ident, err)) != 0)
    goto done;
  if (sched_setaffinity((pid_t)pid, c.sz, c.set) != 0) {
    if (errno == EINVAL)
      rc = psu__set_err(err, PSU_EINVAL, EINVAL, "sched_setaffinity");
    else
      rc = psu__linux_proc_err(root, pid, errno, "sched_setaffinity", err);
  }
done:
  CPU_FREE(c.set);
  return rc;
}


#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_CLASS_SHIFT 13

int
psu_proc_ionice(int64_t pid, int *ioclass, int *value, psu_err_t *err) {
  long r;
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
#ifdef SYS_ioprio_get
  r = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, (int)pid);
  if (r < 0)
    return sys_err(pid, errno, "ioprio_get", err);
  *ioclass = (int)(r >> IOPRIO_CLASS_SHIFT);
  *value = (int)(r & ((1 << IOPRIO_CLASS_SHIFT) - 1));
  return 0;
#else
  (void)r;
  (void)ioclass;
  (void)value;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ioprio_get");
#endif
}


int
psu_proc_set_ionice(int64_t pid, uint64_t ident, int ioclass, int value,
                    psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (ioclass < 0 || ioclass > 3 || value < 0 || value > 7)
    return psu__set_err(err, PSU_EINVAL, 0, "ioclass %d value %d", ioclass,
                        value);
  psu__procfs_root(root);
  if ((rc = check_ident(root, pid, ident, err)) != 0)
    return rc;
#ifdef SYS_ioprio_set
  if (syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, (int)pid,
              (ioclass << IOPRIO_CLASS_SHIFT) | value) != 0)
    return sys_err(pid, errno, "ioprio_set", err);
  return 0;
#else
  return psu__set_err(err, PSU_ENOTSUP, 0, "ioprio_set");
#endif
}


int
psu_proc_rlimit(int64_t pid, int resource, int64_t *soft, int64_t *hard,
                psu_err_t *err) {
  struct rlimit old;
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "rlimit of pid 0");
  if (prlimit((pid_t)pid, (__rlimit_resource_t)resource, NULL, &old) != 0) {
    if (errno == EINVAL)
      return psu__set_err(err, PSU_EINVAL, EINVAL, "prlimit");
    if (errno == ENOSYS)
      return psu__set_err(err, PSU_ENOTSUP, ENOSYS, "prlimit");
    return sys_err(pid, errno, "prlimit", err);
  }
  *soft = old.rlim_cur == RLIM_INFINITY ? -1 : (int64_t)old.rlim_cur;
  *hard = old.rlim_max == RLIM_INFINITY ? -1 : (int64_t)old.rlim_max;
  return 0;
}


int
psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource, int64_t soft,
                    int64_t hard, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  struct rlimit nl;
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid == 0 || soft < -1 || hard < -1)
    return psu__set_err(err, PSU_EINVAL, 0, "rlimit");
  nl.rlim_cur = soft < 0 ? RLIM_INFINITY : (rlim_t)soft;
  nl.rlim_max = hard < 0 ? RLIM_INFINITY : (rlim_t)hard;
  psu__procfs_root(root);
  if ((rc = check_ident(root, pid, ident, err)) != 0)
    return rc;
  if (prlimit((pid_t)pid, (__rlimit_resource_t)resource, &nl, NULL) != 0) {
    if (errno == EINVAL)
      return psu__set_err(err, PSU_EINVAL, EINVAL, "prlimit");
    return sys_err(pid, errno, "prlimit", err);
  }
  return 0;
}


int
psu_proc_nice(int64_t pid, int *out, psu_err_t *err) {
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  rc = psu_posix_getpriority(pid, out, err);
  if (rc == PSU_ENOSUCHPROC || rc == PSU_ESYS)
    return sys_err(pid, (int)(err ? err->sys : ESRCH), "getpriority", err);
  return rc;
}


int
psu_proc_set_nice(int64_t pid, uint64_t ident, int value, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  int rc;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  psu__procfs_root(root);
  if ((rc = check_ident(root, pid, ident, err)) != 0)
    return rc;
  rc = psu_posix_setpriority(pid, value, err);
  if (rc == PSU_ENOSUCHPROC)
    return sys_err(pid, ESRCH, "setpriority", err);
  return rc;
}

/* ------------------------------------------------------------ signals */

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static int
pidfd_open_(int64_t pid) {
  return (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
}


int
psu_proc_signal(int64_t pid, uint64_t ident, int sig, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  int rc, fd;

  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "signal to pid 0");
  psu__procfs_root(root);
  /* Pin the process first, then check that the pinned process is ours:
   * a pidfd can't be redirected to a new process with the same pid. */
  fd = pidfd_open_(pid);
  if (fd < 0 && errno == ESRCH)
    return psu__set_err(err, PSU_ENOSUCHPROC, ESRCH, "pidfd_open");
  if ((rc = check_ident(root, pid, ident, err)) != 0) {
    if (fd >= 0)
      close(fd);
    return rc;
  }
  if (fd >= 0) {
    long r = syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
    int e = errno;
    close(fd);
    if (r == 0)
      return 0;
    if (e != ENOSYS && e != EINVAL) {
      if (e == ESRCH)
        return psu__set_err(err, PSU_ENOSUCHPROC, e, "pidfd_send_signal");
      if (e == EPERM || e == EACCES)
        return psu__set_err(err, PSU_EACCESS, e, "pidfd_send_signal");
      return psu__set_err(err, PSU_ESYS, e, "pidfd_send_signal");
    }
    if (e == EINVAL && (sig < 0 || sig >= 65))
      return psu__set_err(err, PSU_EINVAL, e, "invalid signal %d", sig);
  }
  return psu_posix_kill(pid, sig, err);
}


int
psu_proc_wait(int64_t pid, uint64_t ident, int64_t timeout_ms, int32_t *code,
              psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  int rc, fd, status;
  pid_t r;

  *code = PSU_EXIT_UNKNOWN;
  if ((rc = check_pid(pid, err)) != 0)
    return rc;
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "wait for pid 0");
  psu__procfs_root(root);
  fd = pidfd_open_(pid);
  if (fd < 0) {
    if (errno == ESRCH) {
      /* Gone; maybe an unreaped child of ours that pidfd can't see? */
      do
        r = waitpid((pid_t)pid, &status, WNOHANG);
      while (r < 0 && errno == EINTR);
      if (r == (pid_t)pid)
        *code = WIFEXITED(status)    ? WEXITSTATUS(status)
                : WIFSIGNALED(status) ? -WTERMSIG(status)
                                      : PSU_EXIT_UNKNOWN;
      return 0;
    }
    return psu_posix_wait(pid, timeout_ms, code, err);
  }
  {
    psu_err_t e2;
    if (check_ident(root, pid, ident, &e2) == PSU_ENOSUCHPROC) {
      close(fd);
      return 0; /* our process is gone; the pid is someone else's */
    }
  }
  {
    struct pollfd pfd = {fd, POLLIN, 0};
    int pr;
    struct timespec t0, t1;
    int64_t left = timeout_ms;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
      pr = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
      if (pr >= 0 || errno != EINTR)
        break;
      clock_gettime(CLOCK_MONOTONIC, &t1);
      left = timeout_ms - ((t1.tv_sec - t0.tv_sec) * 1000 +
                           (t1.tv_nsec - t0.tv_nsec) / 1000000);
      if (left < 0)
        left = 0;
    }
    close(fd);
    if (pr < 0)
      return psu__set_err(err, PSU_ESYS, errno, "poll(pidfd)");
    if (pr == 0)
      return psu__set_err(err, PSU_ETIMEOUT, 0, "pid %lld still running",
                          (long long)pid);
  }
  do
    r = waitpid((pid_t)pid, &status, WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r == (pid_t)pid) {
    if (WIFEXITED(status))
      *code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
      *code = -WTERMSIG(status);
  }
  return 0;
}
