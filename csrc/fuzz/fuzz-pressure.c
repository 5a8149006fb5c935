/* Pressure stall information files. */
#include "../linux-cgroup-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu_pressure_t p;

  psu__linux_parse_pressure(buf, size, &p);
  free(buf);
  return 0;
}
