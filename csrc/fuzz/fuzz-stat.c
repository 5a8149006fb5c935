/* /proc/stat (system CPU times) and /proc/PID/stat. */
#include "../linux-internal.h"
#include "../linux-proc-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_stat_t st;
  psu_cpu_times_t percpu[8];
  psu__linux_pid_stat_t ps;
  psu_err_t err;

  psu__linux_parse_stat(buf, size, 100.0, &st, percpu, 8, &err);
  psu__linux_parse_stat(buf, size, 100.0, &st, NULL, 0, &err);
  psu__linux_parse_pid_stat(buf, size, &ps);
  free(buf);
  return 0;
}
