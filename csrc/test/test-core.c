/* Error names, the roots config and psu_free: the platform-neutral core. */
#include "psu.h"
#include "task.h"


int
main(void) {
  psu_err_t err;
  char buf[PSU_ROOT_MAX];
  char longpath[PSU_ROOT_MAX + 8];

  ASSERT_STR_EQ(psu_err_name(PSU_ENOSUCHPROC), "PSU_ENOSUCHPROC");
  ASSERT_STR_EQ(psu_strerror(PSU_EACCESS), "access denied");
  ASSERT_STR_EQ(psu_err_name(12345), "PSU_UNKNOWN");
  ASSERT_EQ(psu_version(), PSU_VERSION_HEX);

  psu_get_procfs_path(buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "/proc");
  ASSERT_OK(psu_set_procfs_path("/tmp/x/", &err));
  psu_get_procfs_path(buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "/tmp/x");
  ASSERT_EQ(psu_set_procfs_path("", &err), PSU_EINVAL);
  ASSERT_EQ(err.code, PSU_EINVAL);
  memset(longpath, 'a', sizeof(longpath) - 1);
  longpath[sizeof(longpath) - 1] = '\0';
  ASSERT_EQ(psu_set_procfs_path(longpath, NULL), PSU_EINVAL);
  psu_get_procfs_path(buf, sizeof(buf));
  ASSERT_STR_EQ(buf, "/tmp/x");
  /* A short caller buffer is truncated, never overrun. */
  psu_get_procfs_path(buf, 3);
  ASSERT_STR_EQ(buf, "/t");
  ASSERT_OK(psu_set_procfs_path("/proc", &err));
  psu_free(NULL);
  ASSERT_EQ(psu_debug_heap_blocks(), 0);
  printf("ok\n");
  return 0;
}
