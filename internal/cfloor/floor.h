#ifndef CFLOOR_H
#define CFLOOR_H
typedef struct {
  unsigned long ppid, state, utime, stime, start, name_len, user_len, rss,
      vms, threads;
} floor_top_t;
typedef struct {
  unsigned long uss, pss, swap;
} floor_uss_t;
long floor_scan_top(floor_top_t *sum);
long floor_scan_uss(floor_uss_t *sum);
#endif
