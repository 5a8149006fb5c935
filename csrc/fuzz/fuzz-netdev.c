/* /proc/net/dev lines and /proc/cpuinfo. */
#include "../linux-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_netdev_t d;
  psu__linux_cpuinfo_t ci;
  double mhz[4];

  FUZZ_FOR_EACH_LINE(buf, size, line, end)
    psu__linux_parse_netdev_line(line, end, &d);
  psu__linux_parse_cpuinfo(buf, size, &ci, mhz, 4);
  free(buf);
  return 0;
}
