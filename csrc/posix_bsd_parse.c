/* posix_bsd_parse.c: pure helpers of the BSD ports. They take values or
 * buffers only, so they build on every Unix and are tested on Linux
 * (csrc/test/test-posix-bsd-parse.c). */
#include "bsd-internal.h"

#include <stdlib.h>
#include <string.h>


static int
parse_level(const char *s, const char *end) {
  /* One "MHz/mW" token: digits, then '/' or the end of the token. */
  long v = 0;
  const char *p = s;
  if (p >= end || *p < '0' || *p > '9')
    return -1;
  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + (*p - '0');
    if (v > 10000000)
      return -1;
    p++;
  }
  if (p < end && *p != '/')
    return -1;
  return (int)v;
}


void
psu__bsd_parse_freq_levels(const char *s, int *min, int *max) {
  const char *first = NULL, *first_end = NULL, *last = NULL, *last_end = NULL;
  const char *p = s;
  *min = -1;
  *max = -1;
  if (s == NULL)
    return;
  while (*p != '\0') {
    const char *tok;
    while (*p == ' ' || *p == '\t' || *p == '\n')
      p++;
    if (*p == '\0')
      break;
    tok = p;
    while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
      p++;
    if (first == NULL) {
      first = tok;
      first_end = p;
    }
    last = tok;
    last_end = p;
  }
  if (first == NULL)
    return;
  *max = parse_level(first, first_end);
  *min = parse_level(last, last_end);
}


void
psu__bsd_flags_str(uint64_t flags, uint64_t rdonly_flag,
                   const psu__bsd_flag_name_t *tab, size_t ntab, char *buf,
                   size_t cap) {
  size_t len;
  if (cap == 0)
    return;
  psu__strlcpy(buf, (flags & rdonly_flag) ? "ro" : "rw", cap);
  len = strlen(buf);
  for (size_t i = 0; i < ntab; i++) {
    size_t nl;
    if (tab[i].flag == 0 || (flags & tab[i].flag) == 0)
      continue;
    nl = strlen(tab[i].name);
    if (len + 1 + nl + 1 > cap)
      break;
    buf[len++] = ',';
    memcpy(buf + len, tab[i].name, nl + 1);
    len += nl;
  }
}


int32_t
psu__bsd_tcp_state(int bsd_state) {
  /* BSD TCPS_* (netinet/tcp_fsm.h, the same on the three BSDs) to the
   * Linux order of psu_conn_t.status. CLOSED maps to Linux TCP_CLOSE. */
  static const int32_t map[] = {
      7,  /* TCPS_CLOSED -> CLOSE */
      10, /* TCPS_LISTEN */
      2,  /* TCPS_SYN_SENT */
      3,  /* TCPS_SYN_RECEIVED */
      1,  /* TCPS_ESTABLISHED */
      8,  /* TCPS_CLOSE_WAIT */
      4,  /* TCPS_FIN_WAIT_1 */
      11, /* TCPS_CLOSING */
      9,  /* TCPS_LAST_ACK */
      5,  /* TCPS_FIN_WAIT_2 */
      6,  /* TCPS_TIME_WAIT */
  };
  if (bsd_state < 0 || (size_t)bsd_state >= PSU__ARRAY_SIZE(map))
    return 0;
  return map[bsd_state];
}


double
psu__bsd_dk_to_celsius(int dk) {
  return (dk - 2731) / 10.0;
}


int
psu__bsd_join_argv(char *const *argv, char **out, size_t *len,
                   psu_err_t *err) {
  size_t total = 0, off = 0;
  char *buf;
  for (size_t i = 0; argv != NULL && argv[i] != NULL; i++)
    total += strlen(argv[i]) + 1;
  buf = psu__malloc(total + 1);
  if (buf == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  for (size_t i = 0; argv != NULL && argv[i] != NULL; i++) {
    size_t l = strlen(argv[i]) + 1;
    memcpy(buf + off, argv[i], l);
    off += l;
  }
  buf[off] = '\0';
  *out = buf;
  *len = off;
  return 0;
}
