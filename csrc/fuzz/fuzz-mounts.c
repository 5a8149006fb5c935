/* Mount-table fields: octal-escape decoding, and cgroup mountinfo. */
#include "../linux-internal.h"
#include "../linux-cgroup-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  static psu__cg_mount_t mounts[4];
  size_t n;

  psu__linux_parse_cgroup_mountinfo(buf, size, mounts, 4, &n);
  psu__linux_unescape_octal(buf);
  free(buf);
  return 0;
}
