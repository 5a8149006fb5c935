/* cgroup files: /proc/PID/cgroup, flat keyed files, limits, cpu.max,
 * io.stat and v1 blkio. */
#include "../linux-cgroup-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  static psu__cg_line_t lines[4];
  static psu_cgroup_io_t io[4];
  size_t n;
  uint64_t v, period;
  int64_t lim, quota;

  psu__linux_parse_cgroup_procfile(buf, size, lines, 4, &n);
  psu__linux_parse_cgroup_kv(buf, size, "oom_kill", &v);
  psu__linux_parse_cgroup_limit(buf, size, &lim);
  psu__linux_parse_cgroup_cpumax(buf, size, &quota, &period);
  psu__linux_parse_cgroup_iostat(buf, size, io, 4, &n);
  n = 0;
  psu__linux_parse_cgroup_blkio(buf, size, 1, io, 4, &n);
  free(buf);
  return 0;
}
