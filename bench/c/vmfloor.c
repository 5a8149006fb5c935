/* W5 C floor: print virtual_memory once (total, available, percent, used,
 * free) from one raw read of /proc/meminfo. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long
kb(const char *buf, const char *key)
{
  const char *p = strstr(buf, key);
  return p ? strtoull(p + strlen(key), NULL, 10) * 1024 : 0;
}

int
main(void)
{
  char buf[8192];
  int fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 1;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0)
    return 1;
  buf[n] = '\0';
  unsigned long long total = kb(buf, "MemTotal:"), avail = kb(buf, "MemAvailable:");
  unsigned long long fre = kb(buf, "MemFree:");
  printf("total=%llu available=%llu percent=%.1f used=%llu free=%llu\n", total,
         avail, total ? (double)(total - avail) * 100.0 / (double)total : 0.0,
         total - avail, fre);
  return 0;
}
