/* bsd_sys.c: system-wide functions that work the same way on FreeBSD,
 * OpenBSD and NetBSD (sysctl by MIB, the routing socket interface list,
 * interface ioctls), and the small helpers of bsd-internal.h. */
#include "bsd-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/param.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <net/if.h>
#include <net/if_dl.h>
#include <net/if_media.h>
#include <net/route.h>


long
psu__bsd_pagesize(void) {
  long p = sysconf(_SC_PAGESIZE);
  return p > 0 ? p : 4096;
}


int
psu__bsd_sysctl(const int *mib, unsigned nmib, void *buf, size_t *len,
                int allow_short, const char *where, psu_err_t *err) {
  size_t want = *len;
  if (sysctl(mib, nmib, buf, len, NULL, 0) == -1)
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s)", where);
  if (!allow_short && *len != want)
    return psu__set_err(err, PSU_EPARSE, 0, "sysctl(%s): size %zu, want %zu",
                        where, *len, want);
  return 0;
}


int
psu__bsd_sysctl_alloc(const int *mib, unsigned nmib, void **out, size_t *len,
                      const char *where, psu_err_t *err) {
  void *buf = NULL;
  size_t size = 0;
  *out = NULL;
  *len = 0;
  for (int tries = 0; tries < 8; tries++) {
    if (sysctl(mib, nmib, NULL, &size, NULL, 0) == -1)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s)", where);
    size += size / 8 + 64; /* the data can grow between the two calls */
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", size);
    if (sysctl(mib, nmib, buf, &size, NULL, 0) == 0) {
      *out = buf;
      *len = size;
      return 0;
    }
    psu__bsd_free_errno(buf);
    buf = NULL;
    if (errno != ENOMEM)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s)", where);
  }
  return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctl(%s): keeps growing",
                      where);
}


void *
psu__bsd_alloc_pool(size_t n, size_t elem, size_t pool, char **poolp) {
  char *p;
  if (n != 0 && elem > (SIZE_MAX - pool) / n)
    return NULL;
  p = psu__calloc(1, n * elem + pool + 1);
  if (p != NULL)
    *poolp = p + n * elem;
  return p;
}


const char *
psu__bsd_pool_put(char **pool, const char *s) {
  char *dst = *pool;
  size_t l = strlen(s) + 1;
  memcpy(dst, s, l);
  *pool += l;
  return dst;
}


int
psu_boot_time(double *out, psu_err_t *err) {
  int mib[2] = {CTL_KERN, KERN_BOOTTIME};
  struct timeval tv;
  size_t len = sizeof(tv);
  int rc = psu__bsd_sysctl(mib, 2, &tv, &len, 0, "kern.boottime", err);
  if (rc != 0)
    return rc;
  *out = (double)tv.tv_sec + tv.tv_usec / 1e6;
  return 0;
}


int
psu_cpu_count_logical(int *out, psu_err_t *err) {
  int mib[2] = {CTL_HW, HW_NCPU};
  int ncpu = 0;
  size_t len = sizeof(ncpu);
  int rc = psu__bsd_sysctl(mib, 2, &ncpu, &len, 0, "hw.ncpu", err);
  if (rc != 0)
    return rc;
  *out = ncpu > 0 ? ncpu : 0;
  return 0;
}


/* ------------------------------------------------------------ network */

static const struct sockaddr_dl *
ifm_sdl(const struct if_msghdr *ifm) {
#if defined(__OpenBSD__)
  return (const struct sockaddr_dl *)((const char *)ifm + ifm->ifm_hdrlen);
#else
  return (const struct sockaddr_dl *)(ifm + 1);
#endif
}


/* Walk NET_RT_IFLIST and call fn for each interface (RTM_IFINFO). */
typedef int (*ifinfo_fn)(const char *name, const struct if_msghdr *ifm,
                         void *arg);

static int
walk_iflist(ifinfo_fn fn, void *arg, psu_err_t *err) {
  int mib[6] = {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST, 0};
  char *buf = NULL;
  size_t len = 0;
  int rc = psu__bsd_sysctl_alloc(mib, 6, (void **)&buf, &len,
                                 "net.route.iflist", err);
  if (rc != 0)
    return rc;
  for (size_t off = 0; off + sizeof(struct if_msghdr) <= len;) {
    const struct if_msghdr *ifm = (const struct if_msghdr *)(buf + off);
    const struct sockaddr_dl *sdl;
    const char *end;
    char name[PSU_NIC_NAME_MAX];
    size_t nl;
    if (ifm->ifm_msglen == 0 || off + ifm->ifm_msglen > len)
      break;
    off += ifm->ifm_msglen;
    if (ifm->ifm_type != RTM_IFINFO)
      continue;
    if ((ifm->ifm_addrs & RTA_IFP) == 0)
      continue;
    sdl = ifm_sdl(ifm);
    end = (const char *)ifm + ifm->ifm_msglen;
    if ((const char *)sdl + offsetof(struct sockaddr_dl, sdl_data) > end ||
        sdl->sdl_data + sdl->sdl_nlen > end)
      continue;
    nl = sdl->sdl_nlen;
    if (nl >= sizeof(name))
      nl = sizeof(name) - 1;
    memcpy(name, sdl->sdl_data, nl);
    name[nl] = '\0';
    rc = fn(name, ifm, arg);
    if (rc != 0)
      break;
  }
  psu__free(buf);
  return rc;
}


typedef struct {
  psu_net_io_t *arr;
  size_t n, cap;
  psu_err_t *err;
} netio_acc_t;


static int
add_netio(const char *name, const struct if_msghdr *ifm, void *arg) {
  netio_acc_t *a = arg;
  psu_net_io_t *o;
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 16;
    psu_net_io_t *p = psu__realloc(a->arr, cap * sizeof(*p));
    if (p == NULL)
      return psu__set_err(a->err, PSU_ENOMEM, 0, "realloc");
    a->arr = p;
    a->cap = cap;
  }
  o = &a->arr[a->n++];
  memset(o, 0, sizeof(*o));
  psu__strlcpy(o->name, name, sizeof(o->name));
  o->bytes_sent = ifm->ifm_data.ifi_obytes;
  o->bytes_recv = ifm->ifm_data.ifi_ibytes;
  o->packets_sent = ifm->ifm_data.ifi_opackets;
  o->packets_recv = ifm->ifm_data.ifi_ipackets;
  o->errin = ifm->ifm_data.ifi_ierrors;
  o->errout = ifm->ifm_data.ifi_oerrors;
  o->dropin = ifm->ifm_data.ifi_iqdrops;
  o->dropout = 0; /* psutil: always 0 on BSD */
  return 0;
}


int
psu_net_io_counters(psu_net_io_t **out, size_t *n, psu_err_t *err) {
  netio_acc_t a = {NULL, 0, 0, err};
  int rc = walk_iflist(add_netio, &a, err);
  *out = NULL;
  *n = 0;
  if (rc != 0) {
    psu__free(a.arr);
    return rc;
  }
  *out = a.arr;
  *n = a.n;
  return 0;
}


static const struct {
  int flag;
  const char *name;
} if_flag_names[] = {
    {IFF_UP, "up"},
    {IFF_BROADCAST, "broadcast"},
    {IFF_DEBUG, "debug"},
    {IFF_LOOPBACK, "loopback"},
    {IFF_POINTOPOINT, "pointopoint"},
#ifdef IFF_NOTRAILERS
    {IFF_NOTRAILERS, "notrailers"},
#endif
#ifdef IFF_STATICARP
    {IFF_STATICARP, "staticarp"},
#endif
    {IFF_RUNNING, "running"},
    {IFF_NOARP, "noarp"},
    {IFF_PROMISC, "promisc"},
    {IFF_ALLMULTI, "allmulti"},
    {IFF_OACTIVE, "oactive"},
    {IFF_SIMPLEX, "simplex"},
    {IFF_LINK0, "link0"},
    {IFF_LINK1, "link1"},
    {IFF_LINK2, "link2"},
    {IFF_MULTICAST, "multicast"},
#ifdef IFF_MONITOR
    {IFF_MONITOR, "monitor"},
#endif
#ifdef IFF_DYING
    {IFF_DYING, "dying"},
#endif
#ifdef IFF_RENAMING
    {IFF_RENAMING, "renaming"},
#endif
};


typedef struct {
  psu_net_if_stats_t *arr;
  size_t n, cap;
  int sock;
  psu_err_t *err;
} ifstats_acc_t;


static int
add_ifstats(const char *name, const struct if_msghdr *ifm, void *arg) {
  ifstats_acc_t *a = arg;
  psu_net_if_stats_t *o;
  struct ifreq ifr;
  struct ifmediareq ifmr;
  int flags;
  size_t len = 0;
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 16;
    psu_net_if_stats_t *p = psu__realloc(a->arr, cap * sizeof(*p));
    if (p == NULL)
      return psu__set_err(a->err, PSU_ENOMEM, 0, "realloc");
    a->arr = p;
    a->cap = cap;
  }
  o = &a->arr[a->n];
  memset(o, 0, sizeof(*o));
  psu__strlcpy(o->name, name, sizeof(o->name));

  memset(&ifr, 0, sizeof(ifr));
  psu__strlcpy(ifr.ifr_name, name, sizeof(ifr.ifr_name));
  if (ioctl(a->sock, SIOCGIFFLAGS, &ifr) == -1) {
    if (errno == ENXIO || errno == ENODEV)
      return 0; /* gone meanwhile: skipped, as psutil does */
    return psu__set_err(a->err, PSU_ESYS, errno, "ioctl(SIOCGIFFLAGS, %s)",
                        name);
  }
  flags = ifr.ifr_flags & 0xffff;
  for (size_t i = 0; i < PSU__ARRAY_SIZE(if_flag_names); i++) {
    size_t nl = strlen(if_flag_names[i].name);
    if ((flags & if_flag_names[i].flag) == 0)
      continue;
    if (len + nl + 2 > sizeof(o->flags))
      break;
    if (len > 0)
      o->flags[len++] = ',';
    memcpy(o->flags + len, if_flag_names[i].name, nl + 1);
    len += nl;
  }
  o->isup = (flags & IFF_RUNNING) != 0;

  memset(&ifr, 0, sizeof(ifr));
  psu__strlcpy(ifr.ifr_name, name, sizeof(ifr.ifr_name));
  if (ioctl(a->sock, SIOCGIFMTU, &ifr) == 0)
    o->mtu = ifr.ifr_mtu;
  else
    o->mtu = (int)ifm->ifm_data.ifi_mtu;

  /* Duplex from the active media word; no media support (loopback,
   * tunnels) means unknown. The speed is the link's line rate. */
  memset(&ifmr, 0, sizeof(ifmr));
  psu__strlcpy(ifmr.ifm_name, name, sizeof(ifmr.ifm_name));
  o->duplex = PSU_NIC_DUPLEX_UNKNOWN;
  if (ioctl(a->sock, SIOCGIFMEDIA, &ifmr) == 0 &&
      (ifmr.ifm_status & IFM_AVALID) != 0) {
    if ((ifmr.ifm_active & IFM_FDX) != 0)
      o->duplex = PSU_NIC_DUPLEX_FULL;
    else if ((ifmr.ifm_active & IFM_HDX) != 0)
      o->duplex = PSU_NIC_DUPLEX_HALF;
    o->speed = (int)(ifm->ifm_data.ifi_baudrate / 1000000);
  }
  a->n++;
  return 0;
}


int
psu_net_if_stats(psu_net_if_stats_t **out, size_t *n, psu_err_t *err) {
  ifstats_acc_t a = {NULL, 0, 0, -1, err};
  int rc;
  *out = NULL;
  *n = 0;
  a.sock = socket(AF_INET, SOCK_DGRAM, 0);
  if (a.sock == -1)
    return psu__set_err(err, PSU_ESYS, errno, "socket(AF_INET)");
  rc = walk_iflist(add_ifstats, &a, err);
  close(a.sock);
  if (rc != 0) {
    psu__free(a.arr);
    return rc;
  }
  *out = a.arr;
  *n = a.n;
  return 0;
}
