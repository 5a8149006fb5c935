/* fuzz.h: shared helper for the libFuzzer targets. The parsers' contract is
 * a buffer with a NUL at buf[len] (psu__read_file and psu__read_small both
 * guarantee it), so each input is copied into such a buffer. Lines are fed
 * one at a time to the line parsers, as the readers do. */
#ifndef PSU_FUZZ_H
#define PSU_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char *
fuzz_dup(const uint8_t *data, size_t size) {
  char *buf = malloc(size + 1);
  if (buf == NULL)
    abort();
  memcpy(buf, data, size);
  buf[size] = '\0';
  return buf;
}

/* Call fn on each '\n'-separated line [line, end). */
#define FUZZ_FOR_EACH_LINE(buf, size, line, end)                           \
  for (const char *line = (buf), *end = NULL;                             \
       line < (buf) + (size) &&                                            \
       ((end = memchr(line, '\n', (size_t)((buf) + (size) - line))) ||     \
        (end = (buf) + (size)));                                           \
       line = end + 1)

#endif
