/* psu_sys.h: System-wide API: CPU, memory, disks, network, sensors, users,
 * boot time. Included by psu.h; follows the conventions written there.
 *
 * The structs are OS-neutral: each holds the union of the fields that any
 * platform reports (a comment names the platforms); fields that an OS does
 * not have are 0 / "". Every port implements every prototype below; a
 * function that an OS cannot provide returns PSU_ENOTSUP.
 *
 * Arrays are returned as ONE allocation through (T **out, size_t *n) and
 * freed with psu_free(*out). Strings inside them are either inline
 * (char x[N], always NUL-terminated, truncated if longer) or point into a
 * string pool that lives in the same allocation. On error *out is NULL and
 * *n is 0.
 *
 * Linux: every /proc read honours psu_set_procfs_path and every /sys read
 * psu_set_sysfs_path. */
#ifndef PSU_SYS_H
#define PSU_SYS_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ CPU */

/* Seconds since boot in each CPU mode (psutil scputimes). */
typedef struct {
  double user;
  double system;
  double idle;
  double nice;       /* Linux, macOS, BSD */
  double iowait;     /* Linux */
  double irq;        /* Linux, BSD, Windows ("interrupt") */
  double softirq;    /* Linux */
  double steal;      /* Linux */
  double guest;      /* Linux (already included in user) */
  double guest_nice; /* Linux (already included in nice) */
  double dpc;        /* Windows */
} psu_cpu_times_t;

/* System-wide CPU times. */
PSU_EXTERN int psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err);
/* One entry per logical CPU, in CPU order. */
PSU_EXTERN int psu_per_cpu_times(psu_cpu_times_t **out, size_t *n,
                                 psu_err_t *err);

/* Number of logical CPUs / physical cores; *out = 0 when unknown. */
PSU_EXTERN int psu_cpu_count_logical(int *out, psu_err_t *err);
PSU_EXTERN int psu_cpu_count_physical(int *out, psu_err_t *err);

typedef struct {
  uint64_t ctx_switches;
  uint64_t interrupts;
  uint64_t soft_interrupts; /* 0 on Windows */
  uint64_t syscalls;        /* 0 on Linux */
} psu_cpu_stats_t;
PSU_EXTERN int psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err);

/* MHz; min and max are 0 when unknown. */
typedef struct {
  double current;
  double min;
  double max;
} psu_cpu_freq_t;
/* One entry per CPU (or a single system entry); *n = 0 when unknown. */
PSU_EXTERN int psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err);

typedef struct {
  double load1;
  double load5;
  double load15;
} psu_loadavg_t;
/* Linux reads <procfs>/loadavg; other Unixes use getloadavg(3). */
PSU_EXTERN int psu_getloadavg(psu_loadavg_t *out, psu_err_t *err);

/* ------------------------------------------------------------------ memory */

/* Bytes. percent is computed by the caller: (total-available)/total. */
typedef struct {
  uint64_t total;
  uint64_t available;
  uint64_t used; /* Linux, Windows: total-available; macOS, BSD: active+wired */
  uint64_t free;
  uint64_t active;   /* Linux, macOS, BSD */
  uint64_t inactive; /* Linux, macOS, BSD */
  uint64_t buffers;  /* Linux, BSD */
  uint64_t cached;   /* Linux (Cached+SReclaimable), BSD, Windows */
  uint64_t shared;   /* Linux, BSD */
  uint64_t slab;     /* Linux */
  uint64_t wired;    /* macOS, BSD, Windows */
} psu_virtual_memory_t;
PSU_EXTERN int psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err);

/* Bytes; sin/sout are bytes swapped in/out since boot. */
typedef struct {
  uint64_t total;
  uint64_t used;
  uint64_t free;
  uint64_t sin;
  uint64_t sout;
} psu_swap_memory_t;
PSU_EXTERN int psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err);

/* ------------------------------------------------------------------ disks */

/* The strings point into the pool of the same allocation. */
typedef struct {
  const char *device; /* "" for "none" */
  const char *mountpoint;
  const char *fstype;
  const char *opts;
} psu_disk_partition_t;
/* all = 0 keeps physical file systems only (psutil's all=False). Linux
 * reads <procfs>/self/mounts and <procfs>/filesystems, and resolves a
 * "/dev/root" or "rootfs" device through <sysfs>/dev/block/M:m/uevent. */
PSU_EXTERN int psu_disk_partitions(int all, psu_disk_partition_t **out,
                                   size_t *n, psu_err_t *err);

typedef struct {
  uint64_t total;
  uint64_t used;
  uint64_t free; /* available to unprivileged users */
} psu_disk_usage_t;
PSU_EXTERN int psu_disk_usage(const char *path, psu_disk_usage_t *out,
                              psu_err_t *err);

#define PSU_DISK_NAME_MAX 128
typedef struct {
  char name[PSU_DISK_NAME_MAX];
  uint64_t read_count;
  uint64_t write_count;
  uint64_t read_bytes;
  uint64_t write_bytes;
  uint64_t read_time;          /* ms; not NetBSD, OpenBSD */
  uint64_t write_time;         /* ms; not NetBSD, OpenBSD */
  uint64_t read_merged_count;  /* Linux */
  uint64_t write_merged_count; /* Linux */
  uint64_t busy_time;          /* ms; Linux, FreeBSD */
} psu_disk_io_t;
/* perdisk = 0: whole disks only (the ones to sum); 1: every device and
 * partition. Linux: <procfs>/diskstats (7, 14, 15, 18 or 20 fields; bytes
 * are sectors x 512), else <sysfs>/block/.../stat; whole disks are the
 * names present in <sysfs>/block. */
PSU_EXTERN int psu_disk_io_counters(int perdisk, psu_disk_io_t **out,
                                    size_t *n, psu_err_t *err);

/* ------------------------------------------------------------------ network */

#define PSU_NIC_NAME_MAX 256
typedef struct {
  char name[PSU_NIC_NAME_MAX];
  uint64_t bytes_sent;
  uint64_t bytes_recv;
  uint64_t packets_sent;
  uint64_t packets_recv;
  uint64_t errin;
  uint64_t errout;
  uint64_t dropin;
  uint64_t dropout; /* 0 on macOS, BSD */
} psu_net_io_t;
PSU_EXTERN int psu_net_io_counters(psu_net_io_t **out, size_t *n,
                                   psu_err_t *err);

#define PSU_ADDR_MAX 64
/* One address of one NIC. family: AF_INET, AF_INET6, or the link family
 * (Linux AF_PACKET, BSD/macOS AF_LINK, Windows -1). "" where psutil has
 * None. Entries of one NIC are consecutive, in the OS order. */
typedef struct {
  char name[PSU_NIC_NAME_MAX];
  int family;
  char address[PSU_ADDR_MAX];
  char netmask[PSU_ADDR_MAX];
  char broadcast[PSU_ADDR_MAX];
  char ptp[PSU_ADDR_MAX];
} psu_net_if_addr_t;
PSU_EXTERN int psu_net_if_addrs(psu_net_if_addr_t **out, size_t *n,
                                psu_err_t *err);

#define PSU_NIC_DUPLEX_UNKNOWN 0
#define PSU_NIC_DUPLEX_HALF 1
#define PSU_NIC_DUPLEX_FULL 2
typedef struct {
  char name[PSU_NIC_NAME_MAX];
  int isup;
  int duplex; /* PSU_NIC_DUPLEX_* */
  int speed;  /* Mbit/s, 0 if unknown */
  int mtu;
  char flags[256]; /* comma-separated, e.g. "up,broadcast,running" */
} psu_net_if_stats_t;
PSU_EXTERN int psu_net_if_stats(psu_net_if_stats_t **out, size_t *n,
                                psu_err_t *err);

/* ------------------------------------------------------------------ sensors */

#define PSU_SENSOR_NAME_MAX 64
/* Celsius; high/critical are 0 when unknown. Entries of one sensor name
 * are consecutive. */
typedef struct {
  char name[PSU_SENSOR_NAME_MAX];
  char label[PSU_SENSOR_NAME_MAX];
  double current;
  double high;
  double critical;
} psu_temperature_t;
PSU_EXTERN int psu_sensors_temperatures(psu_temperature_t **out, size_t *n,
                                        psu_err_t *err);

typedef struct {
  char name[PSU_SENSOR_NAME_MAX];
  char label[PSU_SENSOR_NAME_MAX];
  int64_t current; /* RPM */
} psu_fan_t;
PSU_EXTERN int psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err);

#define PSU_POWER_TIME_UNKNOWN (-1)
#define PSU_POWER_TIME_UNLIMITED (-2)
typedef struct {
  double percent;
  int64_t secsleft;  /* or PSU_POWER_TIME_* */
  int power_plugged; /* 1 yes, 0 no, -1 unknown */
} psu_battery_t;
/* *present = 0 (and PSU_OK) when there is no battery. */
PSU_EXTERN int psu_sensors_battery(psu_battery_t *out, int *present,
                                   psu_err_t *err);

/* ------------------------------------------------------------------ other */

/* Seconds since the epoch. */
PSU_EXTERN int psu_boot_time(double *out, psu_err_t *err);

typedef struct {
  char name[128];
  char terminal[64];
  char host[256];
  double started; /* seconds since the epoch */
  int64_t pid;    /* -1 where unknown (Windows, OpenBSD) */
} psu_user_t;
/* No utmp file gives *n = 0 and PSU_OK. */
PSU_EXTERN int psu_users(psu_user_t **out, size_t *n, psu_err_t *err);

#ifdef __cplusplus
}
#endif

#endif /* PSU_SYS_H */
