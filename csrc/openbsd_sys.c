/* openbsd_sys.c: OpenBSD system-wide functions (sysctl by MIB, swapctl,
 * getfsstat, hw.diskstats, the utmp file). */
#include "bsd-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/param.h>
#include <sys/disk.h>
#include <sys/mount.h>
#include <sys/sched.h>
#include <sys/swap.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/vmmeter.h>
#include <uvm/uvmexp.h>
#include <utmp.h>


static double
ticks_per_sec(void) {
  int mib[2] = {CTL_KERN, KERN_CLOCKRATE};
  struct clockinfo ci;
  size_t len = sizeof(ci);
  if (sysctl(mib, 2, &ci, &len, NULL, 0) == 0 && ci.stathz > 0)
    return ci.stathz;
  return CLOCKS_PER_SEC;
}


static void
fill_times(const uint64_t *t, double hz, psu_cpu_times_t *o) {
  memset(o, 0, sizeof(*o));
  o->user = t[CP_USER] / hz;
  o->nice = t[CP_NICE] / hz;
  o->system = t[CP_SYS] / hz; /* CP_SPIN is left out, as psutil does */
  o->irq = t[CP_INTR] / hz;
  o->idle = t[CP_IDLE] / hz;
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  int mib[2] = {CTL_KERN, KERN_CPTIME};
  long t[CPUSTATES];
  uint64_t u[CPUSTATES];
  size_t len = sizeof(t);
  int rc = psu__bsd_sysctl(mib, 2, t, &len, 0, "kern.cp_time", err);
  if (rc != 0)
    return rc;
  for (int i = 0; i < CPUSTATES; i++)
    u[i] = (uint64_t)t[i];
  fill_times(u, ticks_per_sec(), out);
  return 0;
}


int
psu_per_cpu_times(psu_cpu_times_t **out, size_t *n, psu_err_t *err) {
  psu_cpu_times_t *arr;
  double hz = ticks_per_sec();
  int ncpu = 0;
  int rc = psu_cpu_count_logical(&ncpu, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__calloc(ncpu > 0 ? (size_t)ncpu : 1, sizeof(*arr));
  if (arr == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  for (int i = 0; i < ncpu; i++) {
    int mib[3] = {CTL_KERN, KERN_CPTIME2, i};
    uint64_t t[CPUSTATES];
    size_t len = sizeof(t);
    if (sysctl(mib, 3, t, &len, NULL, 0) == -1) {
      if (errno == ENODEV) /* offline CPU (SMT disabled): all zero */
        continue;
      psu__free(arr);
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(kern.cp_time2.%d)",
                          i);
    }
    fill_times(t, hz, &arr[i]);
  }
  *out = arr;
  *n = (size_t)ncpu;
  return 0;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  /* Unknown on OpenBSD (psutil: None), except with a single CPU. */
  int ncpu = 0;
  int rc = psu_cpu_count_logical(&ncpu, err);
  if (rc != 0)
    return rc;
  *out = ncpu == 1 ? 1 : 0;
  return 0;
}


static int
uvmexp(struct uvmexp *uv, psu_err_t *err) {
  int mib[2] = {CTL_VM, VM_UVMEXP};
  size_t len = sizeof(*uv);
  return psu__bsd_sysctl(mib, 2, uv, &len, 1, "vm.uvmexp", err);
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  struct uvmexp uv;
  int rc = uvmexp(&uv, err);
  if (rc != 0)
    return rc;
  out->ctx_switches = (uint32_t)uv.swtch;
  out->interrupts = (uint32_t)uv.intrs;
  out->soft_interrupts = (uint32_t)uv.softs;
  out->syscalls = (uint32_t)uv.syscalls;
  return 0;
}


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  int mib[2] = {CTL_HW, HW_CPUSPEED};
  int mhz = 0;
  size_t len = sizeof(mhz);
  psu_cpu_freq_t *f;
  *out = NULL;
  *n = 0;
  if (sysctl(mib, 2, &mhz, &len, NULL, 0) == -1) {
    if (errno == EOPNOTSUPP)
      return 0; /* no frequency: CPUFreq says not implemented */
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(hw.cpuspeed)");
  }
  f = psu__calloc(1, sizeof(*f));
  if (f == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  f->current = mhz;
  *out = f;
  *n = 1;
  return 0;
}


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  int physmem_mib[2] = {CTL_HW, HW_PHYSMEM64};
  int bc_mib[3] = {CTL_VFS, VFS_GENERIC, VFS_BCACHESTAT};
  int meter_mib[2] = {CTL_VM, VM_METER};
  int64_t total;
  struct uvmexp uv;
  struct bcachestats bc;
  struct vmtotal vm;
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  size_t len;
  int rc;
  len = sizeof(total);
  if ((rc = psu__bsd_sysctl(physmem_mib, 2, &total, &len, 0, "hw.physmem",
                            err)) != 0)
    return rc;
  if ((rc = uvmexp(&uv, err)) != 0)
    return rc;
  len = sizeof(bc);
  if ((rc = psu__bsd_sysctl(bc_mib, 3, &bc, &len, 1, "vfs.generic.bcachestat",
                            err)) != 0)
    return rc;
  len = sizeof(vm);
  if ((rc = psu__bsd_sysctl(meter_mib, 2, &vm, &len, 0, "vm.vmmeter", err)) !=
      0)
    return rc;
  memset(out, 0, sizeof(*out));
  out->total = (uint64_t)total;
  out->free = (uint64_t)(uint32_t)uv.free * ps;
  out->active = (uint64_t)(uint32_t)uv.active * ps;
  out->inactive = (uint64_t)(uint32_t)uv.inactive * ps;
  out->wired = (uint64_t)(uint32_t)uv.wired * ps;
  out->shared = (uint64_t)vm.t_rmshr * ps;
  /* The buffer cache is both "buffers" and "cached" (psutil #2813). */
  out->buffers = (uint64_t)bc.numbufpages * ps;
  out->cached = out->buffers;
  out->available = out->inactive + out->cached + out->free;
  out->used = out->active + out->wired + out->cached;
  return 0;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  struct swapent *sw = NULL;
  struct uvmexp uv;
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  int nswap, rc;
  memset(out, 0, sizeof(*out));
  nswap = swapctl(SWAP_NSWAP, NULL, 0);
  if (nswap < 0)
    return psu__set_err(err, PSU_ESYS, errno, "swapctl(SWAP_NSWAP)");
  if (nswap > 0) {
    sw = psu__calloc((size_t)nswap, sizeof(*sw));
    if (sw == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
    nswap = swapctl(SWAP_STATS, sw, nswap);
    if (nswap < 0) {
      psu__free(sw);
      return psu__set_err(err, PSU_ESYS, errno, "swapctl(SWAP_STATS)");
    }
    for (int i = 0; i < nswap; i++) {
      if ((sw[i].se_flags & SWF_ENABLE) == 0)
        continue;
      out->total += (uint64_t)sw[i].se_nblks * DEV_BSIZE;
      out->used += (uint64_t)sw[i].se_inuse * DEV_BSIZE;
    }
    psu__free(sw);
    out->free = out->total - out->used;
  }
  if ((rc = uvmexp(&uv, err)) != 0)
    return rc;
  out->sin = (uint64_t)(uint32_t)uv.pgswapin * ps;
  out->sout = (uint64_t)(uint32_t)uv.pgswapout * ps;
  return 0;
}


static const psu__bsd_flag_name_t mnt_flags[] = {
    {MNT_SYNCHRONOUS, "sync"}, {MNT_NOEXEC, "noexec"},
    {MNT_NOSUID, "nosuid"},    {MNT_NODEV, "nodev"},
    {MNT_ASYNC, "async"},      {MNT_SOFTDEP, "softdep"},
    {MNT_NOATIME, "noatime"},  {MNT_WXALLOWED, "wxallowed"},
};


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  /* psutil ignores all on BSD: every mount is returned. */
  struct statfs *fs;
  psu_disk_partition_t *arr;
  char *pool, opts[256];
  size_t poolsz = 0;
  int cnt, got;
  (void)all;
  *out = NULL;
  *n = 0;
  cnt = getfsstat(NULL, 0, MNT_NOWAIT);
  if (cnt == -1)
    return psu__set_err(err, PSU_ESYS, errno, "getfsstat");
  cnt += 4;
  fs = psu__malloc((size_t)cnt * sizeof(*fs));
  if (fs == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  got = getfsstat(fs, (size_t)cnt * sizeof(*fs), MNT_NOWAIT);
  if (got == -1) {
    psu__free(fs);
    return psu__set_err(err, PSU_ESYS, errno, "getfsstat");
  }
  for (int i = 0; i < got; i++) {
    psu__bsd_flags_str(fs[i].f_flags, MNT_RDONLY, mnt_flags,
                       PSU__ARRAY_SIZE(mnt_flags), opts, sizeof(opts));
    poolsz += strlen(fs[i].f_mntfromname) + strlen(fs[i].f_mntonname) +
              strlen(fs[i].f_fstypename) + strlen(opts) + 4;
  }
  arr = psu__bsd_alloc_pool((size_t)got, sizeof(*arr), poolsz, &pool);
  if (arr == NULL) {
    psu__free(fs);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (int i = 0; i < got; i++) {
    psu__bsd_flags_str(fs[i].f_flags, MNT_RDONLY, mnt_flags,
                       PSU__ARRAY_SIZE(mnt_flags), opts, sizeof(opts));
    arr[i].device = psu__bsd_pool_put(&pool, fs[i].f_mntfromname);
    arr[i].mountpoint = psu__bsd_pool_put(&pool, fs[i].f_mntonname);
    arr[i].fstype = psu__bsd_pool_put(&pool, fs[i].f_fstypename);
    arr[i].opts = psu__bsd_pool_put(&pool, opts);
  }
  psu__free(fs);
  *out = arr;
  *n = (size_t)got;
  return 0;
}


int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  /* hw.diskstats: whole disks only; no read/write times (psutil). */
  int cnt_mib[2] = {CTL_HW, HW_DISKCOUNT};
  int ds_mib[2] = {CTL_HW, HW_DISKSTATS};
  struct diskstats *ds;
  psu_disk_io_t *arr;
  int ndisk = 0;
  size_t len = sizeof(ndisk), cnt;
  int rc;
  (void)perdisk;
  *out = NULL;
  *n = 0;
  if ((rc = psu__bsd_sysctl(cnt_mib, 2, &ndisk, &len, 0, "hw.diskcount",
                            err)) != 0)
    return rc;
  len = (size_t)(ndisk > 0 ? ndisk : 0) * sizeof(*ds);
  ds = psu__malloc(len ? len : 1);
  if (ds == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  if (len > 0 && sysctl(ds_mib, 2, ds, &len, NULL, 0) == -1) {
    psu__free(ds);
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(hw.diskstats)");
  }
  cnt = len / sizeof(*ds);
  arr = psu__calloc(cnt ? cnt : 1, sizeof(*arr));
  if (arr == NULL) {
    psu__free(ds);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    snprintf(arr[i].name, sizeof(arr[i].name), "%.*s",
             (int)strnlen(ds[i].ds_name, sizeof(ds[i].ds_name)),
             ds[i].ds_name);
    arr[i].read_count = ds[i].ds_rxfer;
    arr[i].write_count = ds[i].ds_wxfer;
    arr[i].read_bytes = ds[i].ds_rbytes;
    arr[i].write_bytes = ds[i].ds_wbytes;
  }
  psu__free(ds);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_sensors_temperatures(psu_temperature_t **out, size_t *n, psu_err_t *err) {
  *out = NULL;
  *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "sensors_temperatures: Linux and FreeBSD only");
}


int
psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err) {
  *out = NULL;
  *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "sensors_fans: Linux only");
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  memset(out, 0, sizeof(*out));
  *present = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "sensors_battery: not available on OpenBSD");
}


int
psu_users(psu_user_t **out, size_t *n, psu_err_t *err) {
  /* OpenBSD has utmp, not utmpx: read the records of _PATH_UTMP. There is
   * no pid (psutil: None, here -1). */
  char *buf = NULL;
  size_t len = 0, cnt = 0, k = 0;
  psu_user_t *arr;
  const struct utmp *ut;
  *out = NULL;
  *n = 0;
  if (psu__read_file(_PATH_UTMP, &buf, &len, 0) == -1) {
    if (errno == ENOENT)
      return 0;
    return psu__set_err(err, PSU_ESYS, errno, "open(%s)", _PATH_UTMP);
  }
  cnt = len / sizeof(struct utmp);
  arr = psu__calloc(cnt ? cnt : 1, sizeof(*arr));
  if (arr == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    struct utmp u;
    memcpy(&u, buf + i * sizeof(u), sizeof(u));
    ut = &u;
    if (ut->ut_name[0] == '\0')
      continue;
    snprintf(arr[k].name, sizeof(arr[k].name), "%.*s",
             (int)strnlen(ut->ut_name, sizeof(ut->ut_name)), ut->ut_name);
    snprintf(arr[k].terminal, sizeof(arr[k].terminal), "%.*s",
             (int)strnlen(ut->ut_line, sizeof(ut->ut_line)), ut->ut_line);
    snprintf(arr[k].host, sizeof(arr[k].host), "%.*s",
             (int)strnlen(ut->ut_host, sizeof(ut->ut_host)), ut->ut_host);
    arr[k].started = (double)ut->ut_time;
    arr[k].pid = -1;
    k++;
  }
  psu__free(buf);
  *out = arr;
  *n = k;
  return 0;
}
