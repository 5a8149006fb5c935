/* darwin_sys.c: the system-wide API on macOS: Mach host statistics,
 * sysctl, getfsstat and the routing socket's interface list.
 * IOKit parts (disk I/O, battery, Apple Silicon CPU frequency) live in
 * darwin_iokit.c. getloadavg, disk_usage, users and net_if_addrs come
 * from posix_sys.c. */
#include "darwin-internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/types.h>
#include <mach/mach.h>
#include <mach/mach_host.h>
#include <mach/processor_info.h>
#include <mach/vm_statistics.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/route.h>
#include <sys/attr.h>
#include <sys/ioctl.h>
#include <sys/sockio.h>


static double
clk_tck(void) {
  long t = sysconf(_SC_CLK_TCK);
  return t > 0 ? (double)t : 100.0;
}


static void
ticks_to_times(const unsigned int *ticks, double hz, psu_cpu_times_t *out) {
  memset(out, 0, sizeof(*out));
  out->user = (double)ticks[CPU_STATE_USER] / hz;
  out->system = (double)ticks[CPU_STATE_SYSTEM] / hz;
  out->idle = (double)ticks[CPU_STATE_IDLE] / hz;
  out->nice = (double)ticks[CPU_STATE_NICE] / hz;
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  host_cpu_load_info_data_t load;
  mach_msg_type_number_t count = HOST_CPU_LOAD_INFO_COUNT;
  mach_port_t host;
  kern_return_t kr;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_times: NULL out");
  host = mach_host_self();
  kr = host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&load, &count);
  mach_port_deallocate(mach_task_self(), host);
  if (kr != KERN_SUCCESS)
    return psu__set_err(err, PSU_ESYS, kr,
                        "host_statistics(HOST_CPU_LOAD_INFO)");
  ticks_to_times(load.cpu_ticks, clk_tck(), out);
  return 0;
}


int
psu_per_cpu_times(psu_cpu_times_t **out, size_t *n, psu_err_t *err) {
  natural_t ncpu = 0;
  processor_info_array_t info = NULL;
  mach_msg_type_number_t info_count = 0;
  processor_cpu_load_info_data_t *load;
  psu_cpu_times_t *res;
  mach_port_t host;
  kern_return_t kr;
  double hz = clk_tck();
  natural_t i;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_per_cpu_times: NULL out");
  *out = NULL;
  *n = 0;
  host = mach_host_self();
  kr = host_processor_info(host, PROCESSOR_CPU_LOAD_INFO, &ncpu, &info,
                           &info_count);
  mach_port_deallocate(mach_task_self(), host);
  if (kr != KERN_SUCCESS || info == NULL)
    return psu__set_err(err, PSU_ESYS, kr, "host_processor_info");
  res = psu__calloc(ncpu ? ncpu : 1, sizeof(*res));
  if (res == NULL) {
    vm_deallocate(mach_task_self(), (vm_address_t)info,
                  info_count * sizeof(integer_t));
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  load = (processor_cpu_load_info_data_t *)info;
  for (i = 0; i < ncpu; i++)
    ticks_to_times(load[i].cpu_ticks, hz, &res[i]);
  vm_deallocate(mach_task_self(), (vm_address_t)info,
                info_count * sizeof(integer_t));
  *out = res;
  *n = ncpu;
  return 0;
}


int
psu_cpu_count_logical(int *out, psu_err_t *err) {
  int v = 0, rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_count_logical: NULL");
  *out = 0;
  if ((rc = psu__darwin_sysctlbyname("hw.logicalcpu", &v, sizeof(v), err)))
    return rc;
  *out = v > 0 ? v : 0;
  return 0;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  int v = 0, rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_count_physical: NULL");
  *out = 0;
  if ((rc = psu__darwin_sysctlbyname("hw.physicalcpu", &v, sizeof(v), err)))
    return rc;
  *out = v > 0 ? v : 0;
  return 0;
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  /* macOS has no public counter of context switches, interrupts or
   * syscalls. psutil reads host_statistics(HOST_VM_INFO) into a struct
   * vmmeter, whose first members v_swtch, v_trap, v_syscall, v_intr and
   * v_soft overlay vm_statistics' free_count, active_count,
   * inactive_count, wire_count and zero_fill_count. We report the same
   * numbers, for parity (README: "cpu_stats on macOS"). */
  vm_statistics_data_t vm;
  mach_msg_type_number_t count = HOST_VM_INFO_COUNT;
  mach_port_t host;
  kern_return_t kr;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_stats: NULL out");
  memset(out, 0, sizeof(*out));
  memset(&vm, 0, sizeof(vm));
  host = mach_host_self();
  kr = host_statistics(host, HOST_VM_INFO, (host_info_t)&vm, &count);
  mach_port_deallocate(mach_task_self(), host);
  if (kr != KERN_SUCCESS)
    return psu__set_err(err, PSU_ESYS, kr, "host_statistics(HOST_VM_INFO)");
  out->ctx_switches = vm.free_count;       /* vmmeter.v_swtch */
  out->syscalls = vm.inactive_count;       /* vmmeter.v_syscall */
  out->interrupts = vm.wire_count;         /* vmmeter.v_intr */
  out->soft_interrupts = vm.zero_fill_count; /* vmmeter.v_soft */
  return 0;
}


#if !defined(__aarch64__) && !defined(__arm64__)
/* Intel Macs: HW_CPU_FREQ and hw.cpufrequency_min/max (Hz). Apple Silicon
 * reads IOKit, see darwin_iokit.c. */
int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  int mib[2] = {CTL_HW, HW_CPU_FREQ};
  unsigned int cur = 0;
  int64_t min = 0, max = 0;
  size_t len;
  psu_cpu_freq_t *res;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_freq: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = psu__darwin_sysctl(mib, 2, &cur, sizeof(cur), "HW_CPU_FREQ",
                               err)))
    return rc;
  len = sizeof(min);
  if (sysctlbyname("hw.cpufrequency_min", &min, &len, NULL, 0) != 0)
    min = 0;
  len = sizeof(max);
  if (sysctlbyname("hw.cpufrequency_max", &max, &len, NULL, 0) != 0)
    max = 0;
  res = psu__calloc(1, sizeof(*res));
  if (res == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  /* Integer MHz, as psutil. */
  res->current = (double)(cur / 1000000u);
  res->min = (double)(min / 1000000);
  res->max = (double)(max / 1000000);
  *out = res;
  *n = 1;
  return 0;
}
#endif


/* HOST_VM_INFO64 statistics, zero-filled past what the kernel returned. */
static int
vm_info64(vm_statistics64_data_t *vm, psu_err_t *err) {
  mach_msg_type_number_t count = HOST_VM_INFO64_COUNT;
  mach_port_t host;
  kern_return_t kr;

  memset(vm, 0, sizeof(*vm));
  host = mach_host_self();
  kr = host_statistics64(host, HOST_VM_INFO64, (host_info64_t)vm, &count);
  mach_port_deallocate(mach_task_self(), host);
  if (kr != KERN_SUCCESS)
    return psu__set_err(err, PSU_ESYS, kr,
                        "host_statistics64(HOST_VM_INFO64)");
  return 0;
}


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  int mib[2] = {CTL_HW, HW_MEMSIZE};
  uint64_t total = 0, pg = (uint64_t)getpagesize();
  uint64_t spec;
  vm_statistics64_data_t vm;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_virtual_memory: NULL out");
  memset(out, 0, sizeof(*out));
  if ((rc = psu__darwin_sysctl(mib, 2, &total, sizeof(total), "HW_MEMSIZE",
                               err)) != 0)
    return rc;
  if ((rc = vm_info64(&vm, err)) != 0)
    return rc;
  out->total = total;
  out->active = (uint64_t)vm.active_count * pg;
  out->inactive = (uint64_t)vm.inactive_count * pg;
  out->wired = (uint64_t)vm.wire_count * pg;
  out->free = (uint64_t)vm.free_count * pg;
  spec = (uint64_t)vm.speculative_count * pg;
  /* psutil (Zabbix's formulas): available = inactive + free, used =
   * active + wired; free excludes speculative pages, as vm_stat. */
  out->available = out->inactive + out->free;
  out->used = out->active + out->wired;
  out->free = out->free > spec ? out->free - spec : 0;
  return 0;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  int mib[2] = {CTL_VM, VM_SWAPUSAGE};
  struct xsw_usage xsu;
  vm_statistics64_data_t vm;
  uint64_t pg = (uint64_t)getpagesize();
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_swap_memory: NULL out");
  memset(out, 0, sizeof(*out));
  if ((rc = psu__darwin_sysctl(mib, 2, &xsu, sizeof(xsu), "VM_SWAPUSAGE",
                               err)) != 0)
    return rc;
  if ((rc = vm_info64(&vm, err)) != 0)
    return rc;
  out->total = xsu.xsu_total;
  out->used = xsu.xsu_used;
  out->free = xsu.xsu_avail;
  out->sin = (uint64_t)vm.pageins * pg;
  out->sout = (uint64_t)vm.pageouts * pg;
  return 0;
}


/* Mount flags → psutil's comma-separated opts. */
static void
mount_opts(uint64_t f, char *buf, size_t cap) {
  static const struct {
    uint64_t flag;
    const char *name;
  } tab[] = {
      {MNT_SYNCHRONOUS, "sync"},
      {MNT_NOEXEC, "noexec"},
      {MNT_NOSUID, "nosuid"},
      {MNT_UNION, "union"},
      {MNT_ASYNC, "async"},
      {MNT_EXPORTED, "exported"},
      {MNT_LOCAL, "local"},
      {MNT_QUOTA, "quota"},
      {MNT_ROOTFS, "rootfs"},
      {MNT_DOVOLFS, "dovolfs"},
      {MNT_DONTBROWSE, "dontbrowse"},
      {MNT_IGNORE_OWNERSHIP, "ignore-ownership"},
      {MNT_AUTOMOUNTED, "automounted"},
      {MNT_JOURNALED, "journaled"},
      {MNT_NOUSERXATTR, "nouserxattr"},
      {MNT_DEFWRITE, "defwrite"},
      {MNT_UPDATE, "update"},
      {MNT_RELOAD, "reload"},
      {MNT_FORCE, "force"},
      {MNT_CMDFLAGS, "cmdflags"},
#ifdef MNT_QUARANTINE
      {MNT_QUARANTINE, "quarantine"},
#endif
#ifdef MNT_MULTILABEL
      {MNT_MULTILABEL, "multilabel"},
#endif
#ifdef MNT_NOATIME
      {MNT_NOATIME, "noatime"},
#endif
  };
  size_t i, len;

  psu__strlcpy(buf, (f & MNT_RDONLY) ? "ro" : "rw", cap);
  len = strlen(buf);
  for (i = 0; i < PSU__ARRAY_SIZE(tab); i++) {
    if ((f & tab[i].flag) != tab[i].flag || tab[i].flag == 0)
      continue;
    if (len + 1 + strlen(tab[i].name) + 1 > cap)
      break;
    buf[len++] = ',';
    len += psu__strlcpy(buf + len, tab[i].name, cap - len);
  }
}


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  struct statfs *fs = NULL;
  psu_disk_partition_t *res = NULL;
  char opts[512];
  int num, i, rc;
  size_t kept = 0, pool = 0, cap;
  char *p;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_disk_partitions: NULL out");
  *out = NULL;
  *n = 0;
  num = getfsstat(NULL, 0, MNT_NOWAIT);
  if (num < 0)
    return psu__set_err(err, PSU_ESYS, errno, "getfsstat(NULL)");
  /* Room for a few mounts that appear between the two calls. */
  num += 8;
  fs = psu__calloc((size_t)num, sizeof(*fs));
  if (fs == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  num = getfsstat(fs, (int)((size_t)num * sizeof(*fs)), MNT_NOWAIT);
  if (num < 0) {
    rc = psu__set_err(err, PSU_ESYS, errno, "getfsstat");
    goto error;
  }
  /* Pool size: every string plus its NUL, plus opts. */
  for (i = 0; i < num; i++)
    pool += strlen(fs[i].f_mntfromname) + strlen(fs[i].f_mntonname) +
            strlen(fs[i].f_fstypename) + sizeof(opts) + 4;
  cap = (size_t)num * sizeof(*res) + pool;
  res = psu__malloc(cap ? cap : 1);
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", cap);
    goto error;
  }
  p = (char *)(res + num);
  for (i = 0; i < num; i++) {
    const char *dev = fs[i].f_mntfromname;
    psu_disk_partition_t *d;
    size_t l;

    if (strcmp(dev, "none") == 0)
      dev = "";
    /* psutil's all=False keeps devices that are existing absolute paths. */
    if (!all && (dev[0] != '/' || access(dev, F_OK) != 0))
      continue;
    d = &res[kept++];
    mount_opts(fs[i].f_flags, opts, sizeof(opts));
    l = strlen(dev) + 1;
    memcpy(p, dev, l);
    d->device = p;
    p += l;
    l = strlen(fs[i].f_mntonname) + 1;
    memcpy(p, fs[i].f_mntonname, l);
    d->mountpoint = p;
    p += l;
    l = strlen(fs[i].f_fstypename) + 1;
    memcpy(p, fs[i].f_fstypename, l);
    d->fstype = p;
    p += l;
    l = strlen(opts) + 1;
    memcpy(p, opts, l);
    d->opts = p;
    p += l;
  }
  psu__free(fs);
  *out = res;
  *n = kept;
  return 0;

error:
  psu__free(fs);
  psu__free(res);
  return rc;
}


int
psu__darwin_disk_space_used(const char *path, uint64_t *used,
                            psu_err_t *err) {
#ifdef ATTR_VOL_SPACEUSED
  struct attrlist al;
  struct {
    uint32_t size;
    uint64_t used;
  } __attribute__((aligned(4), packed)) buf;

  if (path == NULL || used == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "disk_space_used: NULL");
  *used = 0;
  memset(&al, 0, sizeof(al));
  memset(&buf, 0, sizeof(buf));
  al.bitmapcount = ATTR_BIT_MAP_COUNT;
  al.volattr = ATTR_VOL_INFO | ATTR_VOL_SPACEUSED;
  if (getattrlist(path, &al, &buf, sizeof(buf), 0) != 0)
    return psu__set_err(err, PSU_ESYS, errno,
                        "getattrlist(ATTR_VOL_SPACEUSED)");
  if (buf.size < sizeof(buf))
    return psu__set_err(err, PSU_EPARSE, 0,
                        "getattrlist(ATTR_VOL_SPACEUSED): %u bytes",
                        (unsigned)buf.size);
  *used = buf.used;
  return 0;
#else
  (void)path;
  if (used != NULL)
    *used = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "ATTR_VOL_SPACEUSED: old SDK");
#endif
}


int
psu_net_io_counters(psu_net_io_t **out, size_t *n, psu_err_t *err) {
  int mib[6] = {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0};
  char *buf = NULL, *next, *lim;
  psu_net_io_t *res = NULL;
  size_t len = 0, cnt = 0, max = 0;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_io_counters: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = psu__darwin_sysctl_malloc(mib, 6, &buf, &len, "NET_RT_IFLIST2",
                                      err)) != 0)
    return rc;
  lim = buf + len;
  /* Upper bound of the entries: one per message. */
  for (next = buf; next + sizeof(struct if_msghdr) <= lim;) {
    struct if_msghdr *ifm = (struct if_msghdr *)(void *)next;
    if (ifm->ifm_msglen == 0 || next + ifm->ifm_msglen > lim)
      break;
    if (ifm->ifm_type == RTM_IFINFO2)
      max++;
    next += ifm->ifm_msglen;
  }
  res = psu__calloc(max ? max : 1, sizeof(*res));
  if (res == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "calloc");
  }
  for (next = buf; next + sizeof(struct if_msghdr) <= lim && cnt < max;) {
    struct if_msghdr *ifm = (struct if_msghdr *)(void *)next;
    struct if_msghdr2 *if2;
    struct sockaddr_dl *sdl;
    size_t nl;

    if (ifm->ifm_msglen == 0 || next + ifm->ifm_msglen > lim)
      break;
    next += ifm->ifm_msglen;
    if (ifm->ifm_type != RTM_IFINFO2)
      continue;
    if2 = (struct if_msghdr2 *)(void *)ifm;
    sdl = (struct sockaddr_dl *)(void *)(if2 + 1);
    if ((char *)sdl + sizeof(*sdl) > next)
      continue;
    nl = sdl->sdl_nlen;
    if (nl >= PSU_NIC_NAME_MAX)
      nl = PSU_NIC_NAME_MAX - 1;
    if ((char *)sdl->sdl_data + nl > next)
      continue;
    memcpy(res[cnt].name, sdl->sdl_data, nl);
    res[cnt].name[nl] = '\0';
    res[cnt].bytes_sent = if2->ifm_data.ifi_obytes;
    res[cnt].bytes_recv = if2->ifm_data.ifi_ibytes;
    res[cnt].packets_sent = if2->ifm_data.ifi_opackets;
    res[cnt].packets_recv = if2->ifm_data.ifi_ipackets;
    res[cnt].errin = if2->ifm_data.ifi_ierrors;
    res[cnt].errout = if2->ifm_data.ifi_oerrors;
    res[cnt].dropin = if2->ifm_data.ifi_iqdrops;
    res[cnt].dropout = 0; /* not reported on macOS */
    cnt++;
  }
  psu__free(buf);
  *out = res;
  *n = cnt;
  return 0;
}


/* Flag names of SIOCGIFFLAGS, in psutil's order. */
static void
if_flags_str(unsigned f, char *buf, size_t cap) {
  static const struct {
    unsigned flag;
    const char *name;
  } tab[] = {
      {IFF_UP, "up"},           {IFF_BROADCAST, "broadcast"},
      {IFF_DEBUG, "debug"},     {IFF_LOOPBACK, "loopback"},
      {IFF_POINTOPOINT, "pointopoint"},
#ifdef IFF_NOTRAILERS
      {IFF_NOTRAILERS, "notrailers"},
#endif
      {IFF_RUNNING, "running"}, {IFF_NOARP, "noarp"},
      {IFF_PROMISC, "promisc"}, {IFF_ALLMULTI, "allmulti"},
      {IFF_MULTICAST, "multicast"},
      {IFF_OACTIVE, "oactive"}, {IFF_SIMPLEX, "simplex"},
      {IFF_LINK0, "link0"},     {IFF_LINK1, "link1"},
      {IFF_LINK2, "link2"},
  };
  size_t i, len = 0;

  buf[0] = '\0';
  for (i = 0; i < PSU__ARRAY_SIZE(tab); i++) {
    size_t l = strlen(tab[i].name);
    if (!(f & tab[i].flag))
      continue;
    if (len + l + 2 > cap)
      break;
    if (len > 0)
      buf[len++] = ',';
    memcpy(buf + len, tab[i].name, l + 1);
    len += l;
  }
}


/* psutil: the NICs of net_io_counters, with SIOCGIFFLAGS, SIOCGIFMTU and
 * SIOCGIFMEDIA (no media: speed 0, duplex unknown). A NIC that vanished
 * (ENXIO/ENODEV) is skipped. */
int
psu_net_if_stats(psu_net_if_stats_t **out, size_t *n, psu_err_t *err) {
  psu_net_io_t *nics = NULL;
  psu_net_if_stats_t *res = NULL;
  size_t nn = 0, i, k = 0;
  int sock = -1, rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_if_stats: NULL out");
  *out = NULL;
  *n = 0;
  if ((rc = psu_net_io_counters(&nics, &nn, err)) != 0)
    return rc;
  res = psu__calloc(nn ? nn : 1, sizeof(*res));
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "calloc");
    goto error;
  }
  sock = socket(AF_INET, SOCK_DGRAM, 0);
  if (sock < 0) {
    rc = psu__set_err(err, PSU_ESYS, errno, "socket(AF_INET, SOCK_DGRAM)");
    goto error;
  }
  for (i = 0; i < nn; i++) {
    struct ifreq ifr;
    struct ifmediareq ifm;
    psu_net_if_stats_t *s = &res[k];

    memset(&ifr, 0, sizeof(ifr));
    psu__strlcpy(ifr.ifr_name, nics[i].name, sizeof(ifr.ifr_name));
    if (ioctl(sock, SIOCGIFFLAGS, &ifr) != 0) {
      if (errno == ENXIO || errno == ENODEV)
        continue;
      rc = psu__set_err(err, PSU_ESYS, errno, "ioctl(SIOCGIFFLAGS, %s)",
                        nics[i].name);
      goto error;
    }
    psu__strlcpy(s->name, nics[i].name, sizeof(s->name));
    if_flags_str((unsigned)(unsigned short)ifr.ifr_flags, s->flags,
                 sizeof(s->flags));
    s->isup = (ifr.ifr_flags & IFF_RUNNING) != 0;
    memset(&ifr, 0, sizeof(ifr));
    psu__strlcpy(ifr.ifr_name, nics[i].name, sizeof(ifr.ifr_name));
    if (ioctl(sock, SIOCGIFMTU, &ifr) != 0) {
      if (errno == ENXIO || errno == ENODEV)
        continue;
      rc = psu__set_err(err, PSU_ESYS, errno, "ioctl(SIOCGIFMTU, %s)",
                        nics[i].name);
      goto error;
    }
    s->mtu = ifr.ifr_mtu;
    memset(&ifm, 0, sizeof(ifm));
    psu__strlcpy(ifm.ifm_name, nics[i].name, sizeof(ifm.ifm_name));
    if (ioctl(sock, SIOCGIFMEDIA, &ifm) == 0) {
      s->speed = psu__darwin_media_speed(ifm.ifm_active);
      s->duplex = psu__darwin_media_duplex(ifm.ifm_active);
    } else {
      s->speed = 0;
      s->duplex = PSU_NIC_DUPLEX_UNKNOWN;
    }
    k++;
  }
  close(sock);
  psu__free(nics);
  *out = res;
  *n = k;
  return 0;

error:
  if (sock >= 0)
    close(sock);
  psu__free(nics);
  psu__free(res);
  return rc;
}


int
psu_sensors_temperatures(psu_temperature_t **out, size_t *n, psu_err_t *err) {
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "sensors_temperatures: not on macOS");
}


int
psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err) {
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "sensors_fans: not on macOS");
}


int
psu_boot_time(double *out, psu_err_t *err) {
  int mib[2] = {CTL_KERN, KERN_BOOTTIME};
  struct timeval tv;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_boot_time: NULL out");
  *out = 0;
  if ((rc = psu__darwin_sysctl(mib, 2, &tv, sizeof(tv), "KERN_BOOTTIME",
                               err)) != 0)
    return rc;
  /* Whole seconds, as psutil. */
  *out = (double)tv.tv_sec;
  return 0;
}
