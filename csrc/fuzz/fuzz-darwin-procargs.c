/* macOS KERN_PROCARGS2 buffers (posix_darwin_parse.c), plus the status and
 * NIC media tables. The buffer is copied without a trailing NUL: the
 * parser must stay inside [buf, buf+size). */
#include "../darwin-internal.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = malloc(size ? size : 1);
  psu__procargs_t pa;
  int v = 0;

  if (buf == NULL)
    abort();
  memcpy(buf, data, size);
  if (psu__darwin_parse_procargs(buf, size, &pa) == 0) {
    if (pa.exe_off + pa.exe_len > size || pa.argv_off + pa.argv_len > size ||
        pa.env_off + pa.env_len > size || pa.argc > pa.argv_len ||
        pa.envc > pa.env_len)
      abort();
    /* Each block is NUL-terminated strings back to back. */
    if ((pa.argv_len && buf[pa.argv_off + pa.argv_len - 1] != '\0') ||
        (pa.env_len && buf[pa.env_off + pa.env_len - 1] != '\0'))
      abort();
  }
  if (size >= sizeof(int)) {
    memcpy(&v, data, sizeof(v));
    (void)psu__darwin_status(v & 0xff, v, v >> 8);
    (void)psu__darwin_tcp_state(v);
    (void)psu__darwin_media_speed(v);
    (void)psu__darwin_media_duplex(v);
  }
  free(buf);
  return 0;
}
