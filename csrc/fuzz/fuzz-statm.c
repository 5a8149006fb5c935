/* /proc/PID/statm and CPU lists ("0-3,5"). */
#include "../linux-proc-internal.h"
#include "fuzz.h"

static void
count_cpu(void *ctx, int cpu) {
  (void)cpu;
  (*(int *)ctx)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  uint64_t statm[7];
  int n = 0;

  psu__linux_parse_statm(buf, size, statm);
  psu__linux_parse_cpu_list(buf, size, count_cpu, &n);
  free(buf);
  return 0;
}
