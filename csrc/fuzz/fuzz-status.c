/* /proc/PID/status, /proc/PID/io and fdinfo. */
#include "../linux-proc-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = fuzz_dup(data, size);
  psu__linux_pid_status_t st;
  psu_proc_io_t io;
  int64_t pos;
  int32_t flags;

  psu__linux_parse_pid_status(buf, size, &st);
  psu__linux_parse_io(buf, size, &io);
  psu__linux_parse_fdinfo(buf, size, &pos, &flags);
  free(buf);
  return 0;
}
