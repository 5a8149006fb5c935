/* /proc/PID/smaps and smaps_rollup sums. */
#include "../linux-proc-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_smaps_sum_t s;

  psu__linux_parse_smaps_sum(buf, size, &s);
  free(buf);
  return 0;
}
