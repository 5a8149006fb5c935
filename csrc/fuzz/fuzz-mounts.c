/* Mount tables: the whole disk_partitions path on a fuzzed <procfs>/self/
 * mounts (octal escapes, odd fields, /dev/root), plus the cgroup
 * mountinfo parser and the escape decoder on the raw input. */
#include "../linux-internal.h"
#include "../linux-cgroup-internal.h"
#include "fuzz.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void
put(const char *rel, const uint8_t *data, size_t size) {
  char path[128];
  FILE *f;
  snprintf(path, sizeof(path), "%s/%s", root, rel);
  f = fopen(path, "wb");
  if (f == NULL)
    abort();
  if (size > 0 && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
}

static void
cleanup(void) {
  char path[128];
  snprintf(path, sizeof(path), "%s/self/mounts", root);
  unlink(path);
  snprintf(path, sizeof(path), "%s/self", root);
  rmdir(path);
  snprintf(path, sizeof(path), "%s/filesystems", root);
  unlink(path);
  rmdir(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static psu__cg_mount_t mounts[4];
  static const char fs[] = "nodev\tsysfs\nnodev\tproc\n\text4\n\txfs\n";
  psu_disk_partition_t *parts = NULL;
  size_t n, np = 0;
  psu_err_t err;
  char *buf;

  if (root[0] == '\0') {
    char dir[64];
    snprintf(root, sizeof(root), "/tmp/psu-fuzz-mounts-%d", (int)getpid());
    mkdir(root, 0700);
    snprintf(dir, sizeof(dir), "%s/self", root);
    mkdir(dir, 0700);
    put("filesystems", (const uint8_t *)fs, sizeof(fs) - 1);
    atexit(cleanup);
    if (psu_set_procfs_path(root, NULL) != 0 ||
        psu_set_sysfs_path(root, NULL) != 0)
      abort();
  }
  put("self/mounts", data, size);
  if (psu_disk_partitions(1, &parts, &np, &err) == 0)
    psu_free(parts);
  parts = NULL;
  if (psu_disk_partitions(0, &parts, &np, &err) == 0)
    psu_free(parts);

  buf = fuzz_dup(data, size);
  psu__linux_parse_cgroup_mountinfo(buf, size, mounts, 4, &n);
  psu__linux_unescape_octal(buf);
  free(buf);
  return 0;
}
