/* The portable parsers of the macOS port (posix_darwin_parse.c). */
#include "darwin-internal.h"
#include "task.h"

#include <string.h>


static size_t
mkargs(char *buf, int argc, const char *body, size_t body_len) {
  memcpy(buf, &argc, sizeof(argc));
  memcpy(buf + sizeof(argc), body, body_len);
  return sizeof(argc) + body_len;
}


int
main(void) {
  char buf[256];
  size_t n;
  psu__procargs_t pa;

  /* exec path, padding, 3 args (one empty), 2 env vars, end, apple str. */
  static const char body[] = "/bin/ls\0\0\0\0ls\0\0-l\0A=1\0B=x y\0\0ptr=1";
  n = mkargs(buf, 3, body, sizeof(body));
  ASSERT_OK(psu__darwin_parse_procargs(buf, n, &pa));
  ASSERT_EQ(pa.exe_len, 7);
  ASSERT(memcmp(buf + pa.exe_off, "/bin/ls", 7) == 0);
  ASSERT_EQ(pa.argc, 3);
  ASSERT_EQ(pa.argv_len, 7);
  ASSERT(memcmp(buf + pa.argv_off, "ls\0\0-l\0", 7) == 0);
  ASSERT_EQ(pa.envc, 2);
  ASSERT_EQ(pa.env_len, 10);
  ASSERT(memcmp(buf + pa.env_off, "A=1\0B=x y\0", 10) == 0);

  /* Only the exec path (kernel processes, or argc 0). */
  static const char only[] = "/sbin/launchd";
  n = mkargs(buf, 0, only, sizeof(only) - 1);
  ASSERT_OK(psu__darwin_parse_procargs(buf, n, &pa));
  ASSERT_EQ(pa.exe_len, 13);
  ASSERT_EQ(pa.argc, 0);
  ASSERT_EQ(pa.argv_len, 0);
  ASSERT_EQ(pa.envc, 0);

  /* The buffer ends inside argv[1]: the cut argument is dropped. */
  static const char cut[] = "/x\0\0a\0bc";
  n = mkargs(buf, 2, cut, sizeof(cut) - 1);
  ASSERT_OK(psu__darwin_parse_procargs(buf, n, &pa));
  ASSERT_EQ(pa.argc, 1);
  ASSERT_EQ(pa.argv_len, 2);
  ASSERT_EQ(pa.envc, 0);

  /* The buffer ends inside an env var: it is dropped, the first kept. */
  static const char cutenv[] = "/x\0a\0K=1\0L=";
  n = mkargs(buf, 1, cutenv, sizeof(cutenv) - 1);
  ASSERT_OK(psu__darwin_parse_procargs(buf, n, &pa));
  ASSERT_EQ(pa.argc, 1);
  ASSERT_EQ(pa.envc, 1);
  ASSERT_EQ(pa.env_len, 4);

  /* A negative argc yields no args; too short is a parse error. */
  n = mkargs(buf, -5, body, sizeof(body));
  ASSERT_OK(psu__darwin_parse_procargs(buf, n, &pa));
  ASSERT_EQ(pa.argc, 0);
  ASSERT_EQ(psu__darwin_parse_procargs(buf, 2, &pa), PSU_EPARSE);
  ASSERT_EQ(psu__darwin_parse_procargs(NULL, 0, &pa), PSU_EPARSE);

  /* Status: zombie and stopped win; flags make idle or sleeping. */
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SRUN, 0, 0), "running");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SZOMB, PSU__DARWIN_P_SYSTEM, 0),
                "zombie");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SSTOP, 0,
                                   PSU__DARWIN_EPROC_SLEADER),
                "stopped");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SRUN, PSU__DARWIN_P_SYSTEM, 0),
                "idle");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SRUN, PSU__DARWIN_P_WEXIT, 0),
                "idle");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SRUN, PSU__DARWIN_P_PPWAIT, 0),
                "idle");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SRUN, 0,
                                   PSU__DARWIN_EPROC_SLEADER),
                "sleeping");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SSLEEP, 0, 0), "sleeping");
  ASSERT_STR_EQ(psu__darwin_status(PSU__DARWIN_SIDL, 0, 0), "idle");
  ASSERT_STR_EQ(psu__darwin_status(42, 0, 0), "?");

  /* TCP states, as Linux numbers. */
  ASSERT_EQ(psu__darwin_tcp_state(PSU__DARWIN_TCPS_CLOSED), 7);   /* CLOSE */
  ASSERT_EQ(psu__darwin_tcp_state(1), 10);                        /* LISTEN */
  ASSERT_EQ(psu__darwin_tcp_state(2), 2);                         /* SYN_SENT */
  ASSERT_EQ(psu__darwin_tcp_state(3), 3);                         /* SYN_RECV */
  ASSERT_EQ(psu__darwin_tcp_state(4), 1);                    /* ESTABLISHED */
  ASSERT_EQ(psu__darwin_tcp_state(5), 8);                    /* CLOSE_WAIT */
  ASSERT_EQ(psu__darwin_tcp_state(6), 4);                     /* FIN_WAIT1 */
  ASSERT_EQ(psu__darwin_tcp_state(7), 11);                      /* CLOSING */
  ASSERT_EQ(psu__darwin_tcp_state(8), 9);                      /* LAST_ACK */
  ASSERT_EQ(psu__darwin_tcp_state(9), 5);                     /* FIN_WAIT2 */
  ASSERT_EQ(psu__darwin_tcp_state(PSU__DARWIN_TCPS_TIME_WAIT), 6);
  ASSERT_EQ(psu__darwin_tcp_state(11), 0);
  ASSERT_EQ(psu__darwin_tcp_state(-1), 0);

  /* Status names → state letters. */
  ASSERT_EQ(psu__darwin_state_letter("running"), 'R');
  ASSERT_EQ(psu__darwin_state_letter("sleeping"), 'S');
  ASSERT_EQ(psu__darwin_state_letter("stopped"), 'T');
  ASSERT_EQ(psu__darwin_state_letter("zombie"), 'Z');
  ASSERT_EQ(psu__darwin_state_letter("idle"), 'I');
  ASSERT_EQ(psu__darwin_state_letter("?"), '?');
  /* NIC media words: type | subtype | options. */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 16), 1000);           /* 1000_T */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 6 | 0x00100000), 100); /* 100_TX */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 3), 10);               /* 10_T */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 21), 10000);           /* 10G_T */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 17), 1);               /* HPNA_1 */
  ASSERT_EQ(psu__darwin_media_speed(0x20 | 22), 0); /* 2500_T: not psutil's */
  ASSERT_EQ(psu__darwin_media_speed(0x40 | 4), 16);       /* TOKEN STP16 */
  ASSERT_EQ(psu__darwin_media_speed(0x40 | 5), 4);        /* TOKEN UTP4 */
  ASSERT_EQ(psu__darwin_media_speed(0x80 | 7), 11);       /* 802.11 DS11 */
  ASSERT_EQ(psu__darwin_media_speed(0x80 | 8), 1);        /* 802.11 DS1 */
  ASSERT_EQ(psu__darwin_media_speed(0x60 | 3), 0);        /* FDDI */
  ASSERT_EQ(psu__darwin_media_speed(0), 0);
  ASSERT_EQ(psu__darwin_media_duplex(0x20 | 16 | PSU__DARWIN_IFM_FDX),
            PSU_NIC_DUPLEX_FULL);
  ASSERT_EQ(psu__darwin_media_duplex(0x20 | 6 | PSU__DARWIN_IFM_HDX),
            PSU_NIC_DUPLEX_HALF);
  ASSERT_EQ(psu__darwin_media_duplex(0x20 | 16), PSU_NIC_DUPLEX_UNKNOWN);
  printf("ok\n");
  return 0;
}
