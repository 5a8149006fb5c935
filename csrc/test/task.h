/* task.h: tiny assertion macros for the C tests (libuv's test/task.h idea).
 * A failed assertion prints file:line and the expression, then exits 1.
 * RETURN_SKIP prints the reason and exits 0 with "SKIP" in the output. */
#ifndef PSU_TASK_H
#define PSU_TASK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT(expr)                                                       \
  do {                                                                     \
    if (!(expr)) {                                                         \
      fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, \
              #expr);                                                      \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

#define ASSERT_OK(expr)                                                    \
  do {                                                                     \
    int psu_t_rc_ = (expr);                                                \
    if (psu_t_rc_ != 0) {                                                  \
      fprintf(stderr, "%s:%d: %s returned %d (%s)\n", __FILE__, __LINE__,  \
              #expr, psu_t_rc_, psu_err_name(psu_t_rc_));                  \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

#define ASSERT_EQ(a, b) ASSERT((a) == (b))
#define ASSERT_NE(a, b) ASSERT((a) != (b))
#define ASSERT_GT(a, b) ASSERT((a) > (b))
#define ASSERT_GE(a, b) ASSERT((a) >= (b))
#define ASSERT_STR_EQ(a, b) ASSERT(strcmp((a), (b)) == 0)

#define RETURN_SKIP(why)                                                   \
  do {                                                                     \
    printf("SKIP: %s\n", why);                                             \
    return 0;                                                              \
  } while (0)

#endif
