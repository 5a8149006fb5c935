/* /proc/diskstats lines. */
#include "../linux-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_diskstat_t d;

  FUZZ_FOR_EACH_LINE(buf, size, line, end)
    psu__linux_parse_diskstats_line(line, end, &d);
  free(buf);
  return 0;
}
