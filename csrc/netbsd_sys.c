/* netbsd_sys.c: NetBSD system-wide functions (sysctl by MIB, swapctl,
 * getvfsstat, hw.iostats). */
#include "bsd-internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/param.h>
#include <sys/iostat.h>
#include <sys/sched.h>
#include <sys/statvfs.h>
#include <sys/swap.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/vmmeter.h>
#include <uvm/uvm_extern.h>


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
  o->system = t[CP_SYS] / hz;
  o->irq = t[CP_INTR] / hz;
  o->idle = t[CP_IDLE] / hz;
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  int mib[2] = {CTL_KERN, KERN_CP_TIME};
  uint64_t t[CPUSTATES];
  size_t len = sizeof(t);
  int rc = psu__bsd_sysctl(mib, 2, t, &len, 0, "kern.cp_time", err);
  if (rc != 0)
    return rc;
  fill_times(t, ticks_per_sec(), out);
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
    int mib[3] = {CTL_KERN, KERN_CP_TIME, i};
    uint64_t t[CPUSTATES];
    size_t len = sizeof(t);
    rc = psu__bsd_sysctl(mib, 3, t, &len, 0, "kern.cp_time.N", err);
    if (rc != 0) {
      psu__free(arr);
      return rc;
    }
    fill_times(t, hz, &arr[i]);
  }
  *out = arr;
  *n = (size_t)ncpu;
  return 0;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  /* Unknown on NetBSD (psutil: None), except with a single CPU. */
  int ncpu = 0;
  int rc = psu_cpu_count_logical(&ncpu, err);
  if (rc != 0)
    return rc;
  *out = ncpu == 1 ? 1 : 0;
  return 0;
}


static int
uvmexp2(struct uvmexp_sysctl *uv, psu_err_t *err) {
  int mib[2] = {CTL_VM, VM_UVMEXP2};
  size_t len = sizeof(*uv);
  memset(uv, 0, sizeof(*uv));
  return psu__bsd_sysctl(mib, 2, uv, &len, 1, "vm.uvmexp2", err);
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  struct uvmexp_sysctl uv;
  int rc = uvmexp2(&uv, err);
  if (rc != 0)
    return rc;
  out->ctx_switches = (uint64_t)uv.swtch;
  out->interrupts = (uint64_t)uv.intrs;
  out->soft_interrupts = (uint64_t)uv.softs;
  out->syscalls = (uint64_t)uv.syscalls;
  return 0;
}


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  /* psutil has no cpu_freq on NetBSD: an empty list means "not
   * implemented" to the Go side. */
  (void)err;
  *out = NULL;
  *n = 0;
  return 0;
}


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  int meter_mib[2] = {CTL_VM, VM_METER};
  struct uvmexp_sysctl uv;
  struct vmtotal vm;
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  size_t len = sizeof(vm);
  int rc;
  if ((rc = uvmexp2(&uv, err)) != 0)
    return rc;
  if ((rc = psu__bsd_sysctl(meter_mib, 2, &vm, &len, 0, "vm.vmmeter", err)) !=
      0)
    return rc;
  memset(out, 0, sizeof(*out));
  out->total = (uint64_t)uv.npages << uv.pageshift;
  out->free = (uint64_t)uv.free << uv.pageshift;
  out->active = (uint64_t)uv.active << uv.pageshift;
  out->inactive = (uint64_t)uv.inactive << uv.pageshift;
  out->wired = (uint64_t)uv.wired << uv.pageshift;
  out->shared = (uint64_t)vm.t_rmshr * ps;
  out->buffers = (uint64_t)uv.filepages << uv.pageshift;
  out->cached = ((uint64_t)uv.filepages + (uint64_t)uv.execpages) * ps;
  out->used = out->active + out->wired;
  out->available = out->total > out->used ? out->total - out->used : 0;
  return 0;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  struct swapent *sw = NULL;
  struct uvmexp_sysctl uv;
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
  if ((rc = uvmexp2(&uv, err)) != 0)
    return rc;
  out->sin = (uint64_t)uv.pgswapin * ps;
  out->sout = (uint64_t)uv.pgswapout * ps;
  return 0;
}


static const psu__bsd_flag_name_t mnt_flags[] = {
    {ST_SYNCHRONOUS, "sync"},     {ST_NOEXEC, "noexec"},
    {ST_NOSUID, "nosuid"},        {ST_NODEV, "nodev"},
    {ST_UNION, "union"},          {ST_ASYNC, "async"},
    {ST_NOCOREDUMP, "nocoredump"}, {ST_RELATIME, "relatime"},
    {ST_NOATIME, "noatime"},      {ST_SYMPERM, "symperm"},
    {ST_NODEVMTIME, "nodevmtime"}, {ST_SOFTDEP, "softdep"},
    {ST_LOG, "log"},              {ST_EXTATTR, "extattr"},
};


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  /* psutil ignores all on BSD: every mount is returned. */
  struct statvfs *fs;
  psu_disk_partition_t *arr;
  char *pool, opts[256];
  size_t poolsz = 0;
  int cnt, got;
  (void)all;
  *out = NULL;
  *n = 0;
  cnt = getvfsstat(NULL, 0, ST_NOWAIT);
  if (cnt == -1)
    return psu__set_err(err, PSU_ESYS, errno, "getvfsstat");
  cnt += 4;
  fs = psu__malloc((size_t)cnt * sizeof(*fs));
  if (fs == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  got = getvfsstat(fs, (size_t)cnt * sizeof(*fs), ST_NOWAIT);
  if (got == -1) {
    psu__free(fs);
    return psu__set_err(err, PSU_ESYS, errno, "getvfsstat");
  }
  for (int i = 0; i < got; i++) {
    psu__bsd_flags_str(fs[i].f_flag, ST_RDONLY, mnt_flags,
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
    psu__bsd_flags_str(fs[i].f_flag, ST_RDONLY, mnt_flags,
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
  /* hw.iostats: every device the kernel keeps I/O statistics for (as
   * psutil); no read/write times. */
  int mib[3] = {CTL_HW, HW_IOSTATS, sizeof(struct io_sysctl)};
  struct io_sysctl *st = NULL;
  psu_disk_io_t *arr;
  size_t len = 0, cnt;
  int rc;
  (void)perdisk;
  *out = NULL;
  *n = 0;
  rc = psu__bsd_sysctl_alloc(mib, 3, (void **)&st, &len, "hw.iostats", err);
  if (rc != 0)
    return rc;
  cnt = len / sizeof(*st);
  arr = psu__calloc(cnt ? cnt : 1, sizeof(*arr));
  if (arr == NULL) {
    psu__free(st);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    snprintf(arr[i].name, sizeof(arr[i].name), "%.*s",
             (int)strnlen(st[i].name, sizeof(st[i].name)), st[i].name);
    arr[i].read_count = st[i].rxfer;
    arr[i].write_count = st[i].wxfer;
    arr[i].read_bytes = st[i].rbytes;
    arr[i].write_bytes = st[i].wbytes;
  }
  psu__free(st);
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
                      "sensors_battery: not available on NetBSD");
}
