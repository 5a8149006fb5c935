//go:build linux

/* The C "floor" of a top-like process scan and of a USS scan: the least a
 * hand-written C program does (raw open/read/close into static buffers,
 * minimal parsing, cached getpwuid). Benchmarks compare against it. */
#define _GNU_SOURCE
#include "floor.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ssize_t
slurp(const char *path, char *buf, size_t cap) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  ssize_t n = 0, r;
  if (fd < 0)
    return -1;
  while ((size_t)n < cap - 1 && (r = read(fd, buf + n, cap - 1 - (size_t)n)) > 0)
    n += r;
  close(fd);
  buf[n] = 0;
  return n;
}

/* uid -> name cache (tiny, linear). */
static struct {
  long uid;
  char name[64];
} ucache[64];
static int nucache;

static const char *
username(long uid) {
  for (int i = 0; i < nucache; i++)
    if (ucache[i].uid == uid)
      return ucache[i].name;
  struct passwd *pw = getpwuid((uid_t)uid);
  if (nucache < 64) {
    ucache[nucache].uid = uid;
    strncpy(ucache[nucache].name, pw ? pw->pw_name : "?", 63);
    return ucache[nucache++].name;
  }
  return pw ? pw->pw_name : "?";
}

static int
next_pid(DIR *d) {
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
      return atoi(de->d_name);
  }
  return -1;
}

long
floor_scan_top(floor_top_t *sum) {
  static char buf[8192];
  char path[64];
  DIR *d = opendir("/proc");
  int pid;
  long n = 0;
  if (d == NULL)
    return -1;
  while ((pid = next_pid(d)) > 0) {
    char *p, *rp;
    ssize_t len;
    n++; /* every pid visited counts, as in the Go scans */
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    if ((len = slurp(path, buf, sizeof(buf))) <= 0)
      continue;
    rp = strrchr(buf, ')');
    if (rp == NULL)
      continue;
    p = rp + 2;
    char state = *p;
    p += 2;
    long f[20];
    for (int i = 0; i < 20; i++)
      f[i] = strtol(p, &p, 10);
    sum->ppid += f[0];
    sum->state += state;
    sum->utime += (unsigned long)f[10];
    sum->stime += (unsigned long)f[11];
    sum->start += (unsigned long)f[18];
    sum->name_len += (unsigned long)(rp - strchr(buf, '(') - 1);
    snprintf(path, sizeof(path), "/proc/%d/status", pid);
    if ((len = slurp(path, buf, sizeof(buf))) <= 0)
      continue;
    p = strstr(buf, "\nUid:");
    if (p)
      sum->user_len += strlen(username(strtol(p + 5, NULL, 10)));
    p = strstr(buf, "\nVmRSS:");
    if (p)
      sum->rss += (unsigned long)strtol(p + 7, NULL, 10);
    p = strstr(buf, "\nVmSize:");
    if (p)
      sum->vms += (unsigned long)strtol(p + 8, NULL, 10);
    p = strstr(buf, "\nThreads:");
    if (p)
      sum->threads += (unsigned long)strtol(p + 9, NULL, 10);
  }
  closedir(d);
  return n;
}

long
floor_scan_uss(floor_uss_t *sum) {
  static char buf[8192];
  char path[64];
  DIR *d = opendir("/proc");
  int pid;
  long n = 0;
  if (d == NULL)
    return -1;
  while ((pid = next_pid(d)) > 0) {
    char *p;
    n++;
    snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", pid);
    if (slurp(path, buf, sizeof(buf)) < 0)
      continue;
    for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
      if (strncmp(p, "Private_", 8) == 0)
        sum->uss += (unsigned long)strtol(strchr(p, ':') + 1, NULL, 10);
      else if (strncmp(p, "Pss:", 4) == 0)
        sum->pss += (unsigned long)strtol(p + 4, NULL, 10);
      else if (strncmp(p, "Swap:", 5) == 0)
        sum->swap += (unsigned long)strtol(p + 5, NULL, 10);
    }
  }
  closedir(d);
  return n;
}
