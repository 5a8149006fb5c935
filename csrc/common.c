/* common.c: code shared by every platform: errors, allocation, config. */
#include "psu-internal.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#endif


const char *
psu_err_name(int code) {
  switch (code) {
#define PSU__XX(name, val, msg)                                            \
  case val:                                                                \
    return "PSU_" #name;
    PSU_ERR_MAP(PSU__XX)
#undef PSU__XX
  }
  return "PSU_UNKNOWN";
}


const char *
psu_strerror(int code) {
  switch (code) {
#define PSU__XX(name, val, msg)                                            \
  case val:                                                                \
    return msg;
    PSU_ERR_MAP(PSU__XX)
#undef PSU__XX
  }
  return "unknown error";
}


int
psu_version(void) {
  return PSU_VERSION_HEX;
}


/* Live-block counter for leak tests (psu_debug_heap_blocks). Atomic, so
 * it is not "global mutable state without a lock". */
#if defined(_MSC_VER) && !defined(__clang__)
static volatile LONG64 psu__live_blocks;
#define PSU__LIVE_ADD(d) InterlockedExchangeAdd64(&psu__live_blocks, (d))
#define PSU__LIVE_GET() InterlockedCompareExchange64(&psu__live_blocks, 0, 0)
#else
static int64_t psu__live_blocks;
#define PSU__LIVE_ADD(d) __atomic_fetch_add(&psu__live_blocks, (d), __ATOMIC_RELAXED)
#define PSU__LIVE_GET() __atomic_load_n(&psu__live_blocks, __ATOMIC_RELAXED)
#endif


int64_t
psu_debug_heap_blocks(void) {
  return PSU__LIVE_GET();
}


void *
psu__malloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (p != NULL)
    PSU__LIVE_ADD(1);
  return p;
}


void *
psu__calloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (p != NULL)
    PSU__LIVE_ADD(1);
  return p;
}


void *
psu__realloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (q != NULL && p == NULL)
    PSU__LIVE_ADD(1);
  return q;
}


void
psu__free(void *p) {
  if (p == NULL)
    return;
  PSU__LIVE_ADD(-1);
  free(p);
}


void
psu_free(void *p) {
  psu__free(p);
}


int
psu__set_err(psu_err_t *err, int code, int64_t sys, const char *fmt, ...) {
  va_list ap;

  if (err == NULL)
    return code;
  err->code = code;
  err->sys = sys;
  err->where[0] = '\0';
  if (fmt != NULL) {
    va_start(ap, fmt);
    vsnprintf(err->where, sizeof(err->where), fmt, ap);
    va_end(ap);
  }
  return code;
}


size_t
psu__strlcpy(char *dst, const char *src, size_t cap) {
  size_t n = strlen(src);

  if (cap > 0) {
    size_t c = n < cap - 1 ? n : cap - 1;
    memcpy(dst, src, c);
    dst[c] = '\0';
  }
  return n;
}


int
psu__path(char *dst, size_t cap, const char *fmt, ...) {
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(dst, cap, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= cap)
    return -1;
  return n;
}


/* The roots config: two fixed buffers behind one lock. */
#ifdef _WIN32
static SRWLOCK psu__cfg_lock = SRWLOCK_INIT;
#define PSU__CFG_RLOCK() AcquireSRWLockShared(&psu__cfg_lock)
#define PSU__CFG_RUNLOCK() ReleaseSRWLockShared(&psu__cfg_lock)
#define PSU__CFG_WLOCK() AcquireSRWLockExclusive(&psu__cfg_lock)
#define PSU__CFG_WUNLOCK() ReleaseSRWLockExclusive(&psu__cfg_lock)
#else
static pthread_rwlock_t psu__cfg_lock = PTHREAD_RWLOCK_INITIALIZER;
#define PSU__CFG_RLOCK() pthread_rwlock_rdlock(&psu__cfg_lock)
#define PSU__CFG_RUNLOCK() pthread_rwlock_unlock(&psu__cfg_lock)
#define PSU__CFG_WLOCK() pthread_rwlock_wrlock(&psu__cfg_lock)
#define PSU__CFG_WUNLOCK() pthread_rwlock_unlock(&psu__cfg_lock)
#endif

static char psu__procfs[PSU_ROOT_MAX] = "/proc";
static char psu__sysfs[PSU_ROOT_MAX] = "/sys";


static int
psu__set_root(char *root, const char *path, const char *what,
              psu_err_t *err) {
  size_t n;

  if (path == NULL || path[0] == '\0')
    return psu__set_err(err, PSU_EINVAL, 0, "%s: empty path", what);
  n = strlen(path);
  if (n >= PSU_ROOT_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "%s: path too long", what);
  /* A trailing slash would double up in "root/pid/stat". */
  while (n > 1 && path[n - 1] == '/')
    n--;
  PSU__CFG_WLOCK();
  memcpy(root, path, n);
  root[n] = '\0';
  PSU__CFG_WUNLOCK();
  return PSU_OK;
}


int
psu_set_procfs_path(const char *path, psu_err_t *err) {
  return psu__set_root(psu__procfs, path, "psu_set_procfs_path", err);
}


int
psu_set_sysfs_path(const char *path, psu_err_t *err) {
  return psu__set_root(psu__sysfs, path, "psu_set_sysfs_path", err);
}


static void
psu__get_root(const char *root, char *buf, size_t len) {
  PSU__CFG_RLOCK();
  psu__strlcpy(buf, root, len);
  PSU__CFG_RUNLOCK();
}


void
psu_get_procfs_path(char *buf, size_t len) {
  psu__get_root(psu__procfs, buf, len);
}


void
psu_get_sysfs_path(char *buf, size_t len) {
  psu__get_root(psu__sysfs, buf, len);
}


void
psu__procfs_root(char *buf) {
  psu__get_root(psu__procfs, buf, PSU_ROOT_MAX);
}


void
psu__sysfs_root(char *buf) {
  psu__get_root(psu__sysfs, buf, PSU_ROOT_MAX);
}


#ifndef _WIN32
int
psu__read_file(const char *path, char **out, size_t *len, size_t limit) {
  size_t cap = 4096, n = 0;
  char *buf, *nb;
  int fd;
  ssize_t r;

  if (limit == 0)
    limit = (size_t)64 << 20;
  do {
    fd = open(path, O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -1;
  buf = psu__malloc(cap);
  if (buf == NULL) {
    close(fd);
    errno = ENOMEM;
    return -1;
  }
  for (;;) {
    if (n + 1 >= cap) {
      if (cap >= limit) {
        psu__free(buf);
        close(fd);
        errno = EFBIG;
        return -1;
      }
      cap = cap * 2 > limit ? limit : cap * 2;
      nb = psu__realloc(buf, cap);
      if (nb == NULL) {
        psu__free(buf);
        close(fd);
        errno = ENOMEM;
        return -1;
      }
      buf = nb;
    }
    r = read(fd, buf + n, cap - n - 1);
    if (r < 0) {
      int e = errno;
      if (e == EINTR)
        continue;
      psu__free(buf);
      close(fd);
      errno = e;
      return -1;
    }
    if (r == 0)
      break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}


/* Read a file into buf (NUL-terminated). record: the file is a
 * single-record pseudo-file, so a short read is its end. */
static ssize_t
psu__read_into(const char *path, char *buf, size_t cap, int record) {
  size_t n = 0;
  ssize_t r;
  int fd;

  if (cap == 0) {
    errno = EINVAL;
    return -1;
  }
  do {
    fd = open(path, O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -1;
  for (;;) {
    size_t want = cap - n - 1;
    if (want == 0) {
      /* Full: is there more? */
      char extra;
      do {
        r = read(fd, &extra, 1);
      } while (r < 0 && errno == EINTR);
      if (r > 0) {
        close(fd);
        errno = EFBIG;
        return -1;
      }
      break;
    }
    r = read(fd, buf + n, want);
    if (r < 0) {
      int e = errno;
      if (e == EINTR)
        continue;
      close(fd);
      errno = e;
      return -1;
    }
    n += (size_t)r;
    /* A single-record pseudo-file hands out its whole record in one read:
     * a short read is the end, and the usual read() that returns 0 is one
     * syscall per file saved. */
    if (r == 0 || (record && (size_t)r < want))
      break;
  }
  close(fd);
  buf[n] = '\0';
  return (ssize_t)n;
}


ssize_t
psu__read_small(const char *path, char *buf, size_t cap) {
  return psu__read_into(path, buf, cap, 0);
}


ssize_t
psu__read_record(const char *path, char *buf, size_t cap) {
  return psu__read_into(path, buf, cap, 1);
}
#endif
