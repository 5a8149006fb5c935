/* freebsd_sys.c: FreeBSD system-wide functions (sysctlbyname, getfsstat,
 * kern.devstat.all, vm.swap_info). */
#include "bsd-internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/param.h>
#include <sys/devicestat.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/ucred.h>
#include <sys/vmmeter.h>
#include <vm/vm_param.h>


static int
sbn(const char *name, void *buf, size_t want, psu_err_t *err) {
  size_t len = want;
  if (sysctlbyname(name, buf, &len, NULL, 0) == -1)
    return psu__set_err(err, PSU_ESYS, errno, "sysctlbyname(%s)", name);
  if (len != want)
    return psu__set_err(err, PSU_EPARSE, 0, "sysctlbyname(%s): size %zu",
                        name, len);
  return 0;
}


/* An integer sysctl whose width varies (int, long, u_int...). */
static int
sbn_u64(const char *name, uint64_t *out, psu_err_t *err) {
  union {
    uint32_t u32;
    uint64_t u64;
  } v;
  size_t len = sizeof(v);
  memset(&v, 0, sizeof(v));
  if (sysctlbyname(name, &v, &len, NULL, 0) == -1)
    return psu__set_err(err, PSU_ESYS, errno, "sysctlbyname(%s)", name);
  if (len == sizeof(uint32_t))
    *out = v.u32;
  else if (len == sizeof(uint64_t))
    *out = v.u64;
  else
    return psu__set_err(err, PSU_EPARSE, 0, "sysctlbyname(%s): size %zu",
                        name, len);
  return 0;
}


static double
ticks_per_sec(void) {
  struct clockinfo ci;
  size_t len = sizeof(ci);
  if (sysctlbyname("kern.clockrate", &ci, &len, NULL, 0) == 0 &&
      len == sizeof(ci) && ci.stathz > 0)
    return ci.stathz;
  return CLOCKS_PER_SEC;
}


static void
fill_times(const long *t, double hz, psu_cpu_times_t *o) {
  memset(o, 0, sizeof(*o));
  o->user = t[CP_USER] / hz;
  o->nice = t[CP_NICE] / hz;
  o->system = t[CP_SYS] / hz;
  o->irq = t[CP_INTR] / hz;
  o->idle = t[CP_IDLE] / hz;
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  long t[CPUSTATES];
  int rc = sbn("kern.cp_time", t, sizeof(t), err);
  if (rc != 0)
    return rc;
  fill_times(t, ticks_per_sec(), out);
  return 0;
}


int
psu_per_cpu_times(psu_cpu_times_t **out, size_t *n, psu_err_t *err) {
  long *t = NULL;
  size_t len = 0, cnt;
  psu_cpu_times_t *arr;
  double hz = ticks_per_sec();
  *out = NULL;
  *n = 0;
  if (sysctlbyname("kern.cp_times", NULL, &len, NULL, 0) == -1)
    return psu__set_err(err, PSU_ESYS, errno, "sysctlbyname(kern.cp_times)");
  t = psu__malloc(len ? len : 1);
  if (t == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  if (sysctlbyname("kern.cp_times", t, &len, NULL, 0) == -1) {
    psu__free(t);
    return psu__set_err(err, PSU_ESYS, errno, "sysctlbyname(kern.cp_times)");
  }
  cnt = len / (sizeof(long) * CPUSTATES);
  arr = psu__malloc((cnt ? cnt : 1) * sizeof(*arr));
  if (arr == NULL) {
    psu__free(t);
    return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
  }
  for (size_t i = 0; i < cnt; i++)
    fill_times(t + i * CPUSTATES, hz, &arr[i]);
  psu__free(t);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  int cores = 0;
  size_t len = sizeof(cores);
  (void)err;
  *out = 0;
  if (sysctlbyname("kern.smp.cores", &cores, &len, NULL, 0) == 0 &&
      cores > 0)
    *out = cores;
  return 0;
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  uint64_t v[4];
  static const char *const names[4] = {
      "vm.stats.sys.v_swtch", "vm.stats.sys.v_intr", "vm.stats.sys.v_soft",
      "vm.stats.sys.v_syscall"};
  for (int i = 0; i < 4; i++) {
    int rc = sbn_u64(names[i], &v[i], err);
    if (rc != 0)
      return rc;
  }
  out->ctx_switches = v[0];
  out->interrupts = v[1];
  out->soft_interrupts = v[2];
  out->syscalls = v[3];
  return 0;
}


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  /* dev.cpu.N.freq (MHz) and dev.cpu.N.freq_levels ("MHz/mW ...").
   * CPUs without a cpufreq driver are skipped. */
  int ncpu = 0;
  psu_cpu_freq_t *arr;
  size_t cnt = 0;
  int rc = psu_cpu_count_logical(&ncpu, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__calloc(ncpu > 0 ? (size_t)ncpu : 1, sizeof(*arr));
  if (arr == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  for (int i = 0; i < ncpu; i++) {
    char name[64], levels[1024];
    int cur = 0, mn, mx;
    size_t len = sizeof(cur);
    snprintf(name, sizeof(name), "dev.cpu.%d.freq", i);
    if (sysctlbyname(name, &cur, &len, NULL, 0) == -1)
      continue;
    snprintf(name, sizeof(name), "dev.cpu.%d.freq_levels", i);
    len = sizeof(levels) - 1;
    if (sysctlbyname(name, levels, &len, NULL, 0) == -1)
      len = 0;
    levels[len] = '\0';
    psu__bsd_parse_freq_levels(levels, &mn, &mx);
    arr[cnt].current = cur;
    arr[cnt].min = mn > 0 ? mn : 0;
    arr[cnt].max = mx > 0 ? mx : 0;
    cnt++;
  }
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  uint64_t total, active, inactive, wired, freec, cache = 0, bufspace;
  uint64_t ps = (uint64_t)psu__bsd_pagesize();
  int mib[2] = {CTL_VM, VM_METER};
  struct vmtotal vm;
  size_t len = sizeof(vm);
  int rc;
  if ((rc = sbn_u64("hw.physmem", &total, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_active_count", &active, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_inactive_count", &inactive, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_wire_count", &wired, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_free_count", &freec, err)) != 0 ||
      (rc = sbn_u64("vfs.bufspace", &bufspace, err)) != 0)
    return rc;
  (void)sbn_u64("vm.stats.vm.v_cache_count", &cache, NULL); /* optional */
  if ((rc = psu__bsd_sysctl(mib, 2, &vm, &len, 0, "vm.vmtotal", err)) != 0)
    return rc;
  memset(out, 0, sizeof(*out));
  out->total = total;
  out->free = freec * ps;
  out->active = active * ps;
  out->inactive = inactive * ps;
  out->wired = wired * ps;
  out->cached = cache * ps;
  out->buffers = bufspace;
  out->shared = ((uint64_t)vm.t_vmshr + (uint64_t)vm.t_rmshr) * ps;
  out->available = out->inactive + out->cached + out->free;
  out->used = out->active + out->wired + out->cached;
  return 0;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  /* vm.swap_info.N per device (what kvm_getswapinfo reads on a live
   * system). sin/sout keep psutil's quirk: sin = v_swapin + v_swapout and
   * sout = v_vnodein + v_vnodeout, in pages, not bytes. */
  int mib[16];
  size_t miblen = PSU__ARRAY_SIZE(mib) - 1;
  uint64_t ps = (uint64_t)psu__bsd_pagesize(), nblks = 0, used = 0;
  uint64_t swapin, swapout, vnodein, vnodeout;
  int rc;
  memset(out, 0, sizeof(*out));
  if (sysctlnametomib("vm.swap_info", mib, &miblen) == -1)
    return psu__set_err(err, PSU_ESYS, errno, "sysctlnametomib(vm.swap_info)");
  for (int i = 0;; i++) {
    struct xswdev xs;
    size_t len = sizeof(xs);
    mib[miblen] = i;
    if (sysctl(mib, (unsigned)miblen + 1, &xs, &len, NULL, 0) == -1) {
      if (errno == ENOENT)
        break;
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(vm.swap_info.%d)", i);
    }
    if (xs.xsw_version != XSWDEV_VERSION)
      return psu__set_err(err, PSU_EPARSE, 0, "vm.swap_info: version %u",
                          xs.xsw_version);
    nblks += (uint64_t)xs.xsw_nblks;
    used += (uint64_t)xs.xsw_used;
  }
  if ((rc = sbn_u64("vm.stats.vm.v_swapin", &swapin, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_swapout", &swapout, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_vnodein", &vnodein, err)) != 0 ||
      (rc = sbn_u64("vm.stats.vm.v_vnodeout", &vnodeout, err)) != 0)
    return rc;
  out->total = nblks * ps;
  out->used = used * ps;
  out->free = (nblks - used) * ps;
  out->sin = swapin + swapout;
  out->sout = vnodein + vnodeout;
  return 0;
}


static const psu__bsd_flag_name_t mnt_flags[] = {
    {MNT_SYNCHRONOUS, "sync"},     {MNT_NOEXEC, "noexec"},
    {MNT_NOSUID, "nosuid"},        {MNT_UNION, "union"},
    {MNT_ASYNC, "async"},          {MNT_SUIDDIR, "suiddir"},
    {MNT_SOFTDEP, "softdep"},      {MNT_NOSYMFOLLOW, "nosymfollow"},
    {MNT_GJOURNAL, "gjournal"},    {MNT_MULTILABEL, "multilabel"},
    {MNT_ACLS, "acls"},            {MNT_NOATIME, "noatime"},
    {MNT_NOCLUSTERR, "noclusterr"}, {MNT_NOCLUSTERW, "noclusterw"},
    {MNT_NFS4ACLS, "nfsv4acls"},
};


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  /* psutil ignores all on BSD: every mount is returned. */
  struct statfs *fs = NULL;
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
  got = getfsstat(fs, (long)((size_t)cnt * sizeof(*fs)), MNT_NOWAIT);
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


static uint64_t
bt_ms(const struct bintime *bt) {
  return (uint64_t)bt->sec * 1000u +
         (((uint64_t)1000 * (uint32_t)(bt->frac >> 32)) >> 32);
}


int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  /* kern.devstat.all: a generation number (long), then struct devstat[];
   * the data libdevstat's devstat_getdevs() reads. Every devstat device
   * is a whole disk, so perdisk does not change the set. */
  int ver = 0;
  size_t len = sizeof(ver), cnt;
  char *buf = NULL;
  const struct devstat *ds;
  psu_disk_io_t *arr;
  (void)perdisk;
  *out = NULL;
  *n = 0;
  if (sysctlbyname("kern.devstat.version", &ver, &len, NULL, 0) == -1)
    return psu__set_err(err, PSU_ESYS, errno,
                        "sysctlbyname(kern.devstat.version)");
  if (ver != DEVSTAT_VERSION)
    return psu__set_err(err, PSU_EPARSE, 0, "kern.devstat.version %d != %d",
                        ver, DEVSTAT_VERSION);
  for (int tries = 0; tries < 4; tries++) {
    len = 0;
    if (sysctlbyname("kern.devstat.all", NULL, &len, NULL, 0) == -1)
      return psu__set_err(err, PSU_ESYS, errno,
                          "sysctlbyname(kern.devstat.all)");
    len += 4 * sizeof(struct devstat);
    buf = psu__malloc(len);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc");
    if (sysctlbyname("kern.devstat.all", buf, &len, NULL, 0) == 0)
      break;
    psu__bsd_free_errno(buf);
    buf = NULL;
    if (errno != ENOMEM)
      return psu__set_err(err, PSU_ESYS, errno,
                          "sysctlbyname(kern.devstat.all)");
  }
  if (buf == NULL)
    return psu__set_err(err, PSU_ESYS, ENOMEM, "kern.devstat.all: grows");
  if (len < sizeof(long)) {
    psu__free(buf);
    return psu__set_err(err, PSU_EPARSE, 0, "kern.devstat.all: short");
  }
  cnt = (len - sizeof(long)) / sizeof(struct devstat);
  ds = (const struct devstat *)(buf + sizeof(long));
  arr = psu__calloc(cnt ? cnt : 1, sizeof(*arr));
  if (arr == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (size_t i = 0; i < cnt; i++) {
    snprintf(arr[i].name, sizeof(arr[i].name), "%.*s%d",
             (int)strnlen(ds[i].device_name, DEVSTAT_NAME_LEN),
             ds[i].device_name, ds[i].unit_number);
    arr[i].read_count = ds[i].operations[DEVSTAT_READ];
    arr[i].write_count = ds[i].operations[DEVSTAT_WRITE];
    arr[i].read_bytes = ds[i].bytes[DEVSTAT_READ];
    arr[i].write_bytes = ds[i].bytes[DEVSTAT_WRITE];
    arr[i].read_time = bt_ms(&ds[i].duration[DEVSTAT_READ]);
    arr[i].write_time = bt_ms(&ds[i].duration[DEVSTAT_WRITE]);
    arr[i].busy_time = bt_ms(&ds[i].busy_time);
  }
  psu__free(buf);
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_sensors_temperatures(psu_temperature_t **out, size_t *n, psu_err_t *err) {
  /* dev.cpu.N.temperature and dev.cpu.N.coretemp.tjmax, in deci-Kelvin
   * (coretemp or amdtemp loaded); CPUs without them are skipped. */
  int ncpu = 0;
  size_t cnt = 0;
  psu_temperature_t *arr;
  int rc = psu_cpu_count_logical(&ncpu, err);
  *out = NULL;
  *n = 0;
  if (rc != 0)
    return rc;
  arr = psu__calloc(ncpu > 0 ? (size_t)ncpu : 1, sizeof(*arr));
  if (arr == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  for (int i = 0; i < ncpu; i++) {
    char name[64];
    int cur = 0, tj = 0;
    size_t len = sizeof(cur);
    snprintf(name, sizeof(name), "dev.cpu.%d.temperature", i);
    if (sysctlbyname(name, &cur, &len, NULL, 0) == -1)
      continue;
    snprintf(name, sizeof(name), "dev.cpu.%d.coretemp.tjmax", i);
    len = sizeof(tj);
    if (sysctlbyname(name, &tj, &len, NULL, 0) == -1)
      tj = 0;
    psu__strlcpy(arr[cnt].name, "coretemp", sizeof(arr[cnt].name));
    snprintf(arr[cnt].label, sizeof(arr[cnt].label), "Core %d", i);
    arr[cnt].current = psu__bsd_dk_to_celsius(cur);
    if (tj > 0) {
      arr[cnt].high = psu__bsd_dk_to_celsius(tj);
      arr[cnt].critical = arr[cnt].high;
    }
    cnt++;
  }
  *out = arr;
  *n = cnt;
  return 0;
}


int
psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err) {
  *out = NULL;
  *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "sensors_fans: Linux only");
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  int life = 0, mins = 0, acline = 0;
  size_t len = sizeof(life);
  (void)err;
  *present = 0;
  memset(out, 0, sizeof(*out));
  if (sysctlbyname("hw.acpi.battery.life", &life, &len, NULL, 0) == -1)
    return 0; /* no ACPI battery: none, as psutil */
  len = sizeof(mins);
  if (sysctlbyname("hw.acpi.battery.time", &mins, &len, NULL, 0) == -1)
    mins = -1;
  len = sizeof(acline);
  if (sysctlbyname("hw.acpi.acline", &acline, &len, NULL, 0) == -1)
    acline = -1;
  *present = 1;
  out->percent = life;
  out->power_plugged = acline == 1 ? 1 : (acline == 0 ? 0 : -1);
  if (acline == 1)
    out->secsleft = PSU_POWER_TIME_UNLIMITED;
  else if (mins < 0)
    out->secsleft = PSU_POWER_TIME_UNKNOWN;
  else
    out->secsleft = (int64_t)mins * 60;
  return 0;
}
