/* The portable helpers of the BSD ports (posix_bsd_parse.c). */
#include "bsd-internal.h"
#include "task.h"

#include <string.h>


int
main(void) {
  int mn, mx;
  char buf[64];
  char *blk = NULL;
  size_t len = 0;
  psu_err_t e;

  psu__bsd_parse_freq_levels("2400/45000 2000/30000 1600/20000 800/8000",
                             &mn, &mx);
  ASSERT_EQ(mx, 2400);
  ASSERT_EQ(mn, 800);
  psu__bsd_parse_freq_levels("3000/-1\n", &mn, &mx);
  ASSERT_EQ(mx, 3000);
  ASSERT_EQ(mn, 3000);
  psu__bsd_parse_freq_levels("", &mn, &mx);
  ASSERT_EQ(mx, -1);
  ASSERT_EQ(mn, -1);
  psu__bsd_parse_freq_levels("abc 100/1", &mn, &mx);
  ASSERT_EQ(mx, -1);
  ASSERT_EQ(mn, 100);
  psu__bsd_parse_freq_levels(NULL, &mn, &mx);
  ASSERT_EQ(mx, -1);

  static const psu__bsd_flag_name_t tab[] = {
      {0x2, "sync"}, {0x4, "noexec"}, {0, "never"}, {0x8, "nosuid"}};
  psu__bsd_flags_str(0x1 | 0x4 | 0x8, 0x1, tab, 4, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "ro,noexec,nosuid");
  psu__bsd_flags_str(0x2, 0x1, tab, 4, buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "rw,sync");
  psu__bsd_flags_str(0x2 | 0x4, 0x1, tab, 4, buf, 8); /* truncated */
  ASSERT_STR_EQ(buf, "rw,sync");

  ASSERT_EQ(psu__bsd_tcp_state(4), 1);   /* ESTABLISHED */
  ASSERT_EQ(psu__bsd_tcp_state(1), 10);  /* LISTEN */
  ASSERT_EQ(psu__bsd_tcp_state(10), 6);  /* TIME_WAIT */
  ASSERT_EQ(psu__bsd_tcp_state(0), 7);   /* CLOSED -> CLOSE */
  ASSERT_EQ(psu__bsd_tcp_state(7), 11);  /* CLOSING */
  ASSERT_EQ(psu__bsd_tcp_state(11), 0);
  ASSERT_EQ(psu__bsd_tcp_state(-1), 0);

  ASSERT(psu__bsd_dk_to_celsius(3231) == 50.0);
  ASSERT(psu__bsd_dk_to_celsius(2731) == 0.0);

  char *argv[] = {"ls", "", "-l", NULL};
  ASSERT_OK(psu__bsd_join_argv(argv, &blk, &len, &e));
  ASSERT_EQ(len, 7);
  ASSERT(memcmp(blk, "ls\0\0-l\0", 7) == 0);
  psu_free(blk);
  char *none[] = {NULL};
  ASSERT_OK(psu__bsd_join_argv(none, &blk, &len, &e));
  ASSERT_EQ(len, 0);
  psu_free(blk);
  return 0;
}
