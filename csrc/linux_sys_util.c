/* linux_sys_util.c: small helpers of the Linux system code (reading files
 * under the procfs/sysfs roots, number scanning). */
#include "linux-internal.h"

#include <errno.h>
#include <pthread.h>
#include <unistd.h>


int
psu__linux_read(const char *root, const char *rel, char **buf, size_t *len,
                psu_err_t *err) {
  char path[PSU_ROOT_MAX + 256];

  *buf = NULL;
  *len = 0;
  if (psu__path(path, sizeof(path), "%s/%s", root, rel) < 0)
    return psu__set_err(err, PSU_EINVAL, 0, "path too long: %s/%s", root,
                        rel);
  if (psu__read_file(path, buf, len, 0) != 0) {
    int e = errno;
    return psu__set_err(err, e == EACCES || e == EPERM ? PSU_EACCESS
                                                       : PSU_ESYS,
                        e, "open(%s)", path);
  }
  return PSU_OK;
}


ssize_t
psu__linux_cat(const char *path, char *buf, size_t cap) {
  ssize_t n = psu__read_small(path, buf, cap);

  if (n < 0)
    return -1;
  while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
                   buf[n - 1] == '\t' || buf[n - 1] == '\r'))
    buf[--n] = '\0';
  return n;
}


int
psu__linux_cat_i64(const char *path, int64_t *out) {
  char buf[64];
  const char *p;
  ssize_t n = psu__linux_cat(path, buf, sizeof(buf));

  if (n <= 0)
    return -1;
  p = buf;
  if (psu__scan_i64(&p, buf + n, out) != 0)
    return -1;
  p = psu__skip_blanks(p, buf + n);
  return p == buf + n ? 0 : -1;
}


const char *
psu__skip_blanks(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}


int
psu__scan_u64(const char **pp, const char *end, uint64_t *out) {
  const char *p = psu__skip_blanks(*pp, end);
  uint64_t v = 0;
  int any = 0;

  while (p < end && *p >= '0' && *p <= '9') {
    unsigned d = (unsigned)(*p - '0');
    if (v > (UINT64_MAX - d) / 10)
      return -1;
    v = v * 10 + d;
    p++;
    any = 1;
  }
  if (!any)
    return -1;
  /* A number must end at a blank, a newline or the end. */
  if (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
    return -1;
  *out = v;
  *pp = p;
  return 0;
}


int
psu__scan_i64(const char **pp, const char *end, int64_t *out) {
  const char *p = psu__skip_blanks(*pp, end);
  int neg = 0;
  uint64_t v;

  if (p < end && (*p == '-' || *p == '+')) {
    neg = *p == '-';
    p++;
  }
  if (psu__scan_u64(&p, end, &v) != 0 || v > (uint64_t)INT64_MAX)
    return -1;
  *out = neg ? -(int64_t)v : (int64_t)v;
  *pp = p;
  return 0;
}


const char *
psu__next_line(const char *p, const char *end) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  return nl ? nl + 1 : end;
}


static pthread_once_t psu__linux_once = PTHREAD_ONCE_INIT;
static double psu__clk_tck = 100.0;
static uint64_t psu__pagesize = 4096;


static void
psu__linux_init_consts(void) {
  long v = sysconf(_SC_CLK_TCK);
  if (v > 0)
    psu__clk_tck = (double)v;
  v = sysconf(_SC_PAGESIZE);
  if (v > 0)
    psu__pagesize = (uint64_t)v;
}


double
psu__linux_clk_tck(void) {
  pthread_once(&psu__linux_once, psu__linux_init_consts);
  return psu__clk_tck;
}


uint64_t
psu__linux_pagesize(void) {
  pthread_once(&psu__linux_once, psu__linux_init_consts);
  return psu__pagesize;
}
