/* /proc/meminfo, /proc/zoneinfo, /proc/vmstat and the vmem formulas. */
#include "../linux-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_meminfo_t m;
  psu_virtual_memory_t vm;
  psu_err_t err;
  uint64_t low = 0, a, b;

  memset(&m, 0, sizeof(m));
  if (psu__linux_parse_meminfo(buf, size, &m, &err) == 0) {
    int have = psu__linux_parse_zoneinfo_low(buf, size, &low, &err) == 0;
    psu__linux_calc_vmem(&m, have, low * 4096, &vm);
  }
  psu__linux_parse_vmstat(buf, size, &a, &b, &err);
  free(buf);
  return 0;
}
