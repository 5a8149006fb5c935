/* /proc/net/{tcp,tcp6,udp,udp6,unix} lines. */
#include "../linux-proc-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_inet_line_t in;
  psu__linux_unix_line_t un;

  FUZZ_FOR_EACH_LINE(buf, size, line, end) {
    psu__linux_parse_inet_line(line, (size_t)(end - line), 0, &in);
    psu__linux_parse_inet_line(line, (size_t)(end - line), 1, &in);
    psu__linux_parse_unix_line(line, (size_t)(end - line), &un);
  }
  free(buf);
  return 0;
}
