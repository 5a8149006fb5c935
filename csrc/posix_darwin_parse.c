/* posix_darwin_parse.c: the pure logic of the macOS port (KERN_PROCARGS2
 * buffer layout, status and TCP state names). It has no macOS dependency,
 * so it is compiled on every Unix and tested on Linux by
 * csrc/test/test-posix-darwin-parse.c. */
#include "darwin-internal.h"

#include <string.h>


int
psu__darwin_parse_procargs(const char *buf, size_t len, psu__procargs_t *out) {
  int nargs;
  size_t i, start, end;

  memset(out, 0, sizeof(*out));
  if (buf == NULL || len < sizeof(int))
    return PSU_EPARSE;
  memcpy(&nargs, buf, sizeof(nargs));

  /* The exec path. */
  i = sizeof(int);
  out->exe_off = i;
  while (i < len && buf[i] != '\0')
    i++;
  out->exe_len = i - out->exe_off;
  if (i >= len) {
    out->argv_off = out->env_off = len;
    return 0;
  }
  /* The NUL padding up to argv[0]. */
  while (i < len && buf[i] == '\0')
    i++;

  /* argv: nargs NUL-terminated strings (empty ones included). */
  start = end = i;
  out->argv_off = start;
  while (i < len && nargs > 0 && out->argc < (size_t)nargs) {
    if (buf[i++] == '\0') {
      out->argc++;
      end = i;
    }
  }
  out->argv_len = end - start;

  /* env: NUL-terminated strings up to the first empty one. */
  i = end;
  out->env_off = i;
  while (i < len && buf[i] != '\0') {
    const char *nul = memchr(buf + i, '\0', len - i);
    if (nul == NULL)
      break; /* cut off: drop it */
    i = (size_t)(nul - buf) + 1;
    out->envc++;
    out->env_len = i - out->env_off;
  }
  return 0;
}


const char *
psu__darwin_status(int p_stat, int p_flag, int e_flag) {
  int st = p_stat;

  /* Only zombie and stopped are reliable in p_stat; the rest is guessed
   * from the flags (psutil issue 2675). */
  if (p_stat != PSU__DARWIN_SZOMB && p_stat != PSU__DARWIN_SSTOP) {
    if (p_flag & (PSU__DARWIN_P_SYSTEM | PSU__DARWIN_P_WEXIT |
                  PSU__DARWIN_P_PPWAIT))
      st = PSU__DARWIN_SIDL;
    else if (e_flag & PSU__DARWIN_EPROC_SLEADER)
      st = PSU__DARWIN_SSLEEP;
  }
  switch (st) {
  case PSU__DARWIN_SIDL:
    return "idle";
  case PSU__DARWIN_SRUN:
    return "running";
  case PSU__DARWIN_SSLEEP:
    return "sleeping";
  case PSU__DARWIN_SSTOP:
    return "stopped";
  case PSU__DARWIN_SZOMB:
    return "zombie";
  }
  return "?";
}


int
psu__darwin_tcp_state(int state) {
  /* macOS TCPS_* (BSD order: CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED,
   * ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK, FIN_WAIT_2,
   * TIME_WAIT) → Linux TCP_* numbers (ESTABLISHED 1 .. CLOSING 11), the
   * numbering of psu_conn_t.status. */
  static const int linux_state[] = {7, 10, 2, 3, 1, 8, 4, 11, 9, 5, 6};
  if (state < 0 || (size_t)state >= PSU__ARRAY_SIZE(linux_state))
    return 0;
  return linux_state[state];
}


char
psu__darwin_state_letter(const char *status) {
  /* psutil status name → the Linux-style letter of psu_proc_info_t. */
  if (strcmp(status, "running") == 0)
    return 'R';
  if (strcmp(status, "sleeping") == 0)
    return 'S';
  if (strcmp(status, "stopped") == 0)
    return 'T';
  if (strcmp(status, "zombie") == 0)
    return 'Z';
  if (strcmp(status, "idle") == 0)
    return 'I';
  return '?';
}


int
psu__darwin_media_speed(int active) {
  /* <net/if_media.h>: network type in bits 5-7, compatible subtype in
   * bits 0-4 (what SIOCGIFMEDIA reports). Mbit/s as psutil; 0 unknown. */
  int sub = active & 0x1f;

  switch (active & 0xe0) {
  case 0x20: /* IFM_ETHER */
    switch (sub) {
    case 17: /* HPNA_1 */
      return 1;
    case 3: case 4: case 5: case 12: case 13: /* 10_T 10_2 10_5 10_STP 10_FL */
      return 10;
    case 6: case 7: case 8: case 9: case 10: /* 100_TX FX T4 VG T2 */
      return 100;
    case 11: case 14: case 15: case 16: /* 1000_SX LX CX T */
      return 1000;
    case 18: case 19: case 20: case 21: /* 10G_SR LR CX4 T */
      return 10000;
    }
    return 0;
  case 0x40: /* IFM_TOKEN */
    switch (sub) {
    case 3: case 5: /* STP4 UTP4 */
      return 4;
    case 4: case 6: /* STP16 UTP16 */
      return 16;
    case 7: case 8: /* STP100 UTP100 */
      return 100;
    }
    return 0;
  case 0x80: /* IFM_IEEE80211 */
    switch (sub) {
    case 3: case 8: /* FH1 DS1 */
      return 1;
    case 4: case 5: /* FH2 DS2 */
      return 2;
    case 6: /* DS5 */
      return 5;
    case 7: /* DS11 */
      return 11;
    case 9: /* DS22 */
      return 22;
    }
    return 0;
  }
  return 0;
}


int
psu__darwin_media_duplex(int active) {
  if (active & PSU__DARWIN_IFM_FDX)
    return PSU_NIC_DUPLEX_FULL;
  if (active & PSU__DARWIN_IFM_HDX)
    return PSU_NIC_DUPLEX_HALF;
  return PSU_NIC_DUPLEX_UNKNOWN;
}
