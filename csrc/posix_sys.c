/* posix_sys.c: system functions shared by every Unix (Linux, macOS, the
 * BSDs): load average (not Linux), disk usage (statvfs), users (utmpx; not OpenBSD,
 * which has no utmpx and provides psu_users itself) and NIC addresses
 * (getifaddrs). Keep Linux-only code in linux_*.c. */
#include "psu-internal.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/types.h>

#if defined(__linux__)
#include <netpacket/packet.h>
#define PSU__LINK_FAMILY AF_PACKET
#else
#include <net/if_dl.h>
#define PSU__LINK_FAMILY AF_LINK
#endif

#if !defined(__OpenBSD__)
#include <utmpx.h>
#endif


#if !defined(__linux__) /* Linux reads <procfs>/loadavg (linux_cpu.c) */
int
psu_getloadavg(psu_loadavg_t *out, psu_err_t *err) {
  double l[3];

  if (getloadavg(l, 3) != 3)
    return psu__set_err(err, PSU_ESYS, errno, "getloadavg");
  out->load1 = l[0];
  out->load5 = l[1];
  out->load15 = l[2];
  return PSU_OK;
}
#endif


int
psu_disk_usage(const char *path, psu_disk_usage_t *out, psu_err_t *err) {
  struct statvfs st;
  int rc;

  memset(out, 0, sizeof(*out));
  if (path == NULL || path[0] == '\0')
    return psu__set_err(err, PSU_EINVAL, 0, "disk_usage: empty path");
  do {
    rc = statvfs(path, &st);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0)
    return psu__set_err(err, errno == EACCES ? PSU_EACCESS : PSU_ESYS, errno,
                        "statvfs(%s)", path);
  out->total = (uint64_t)st.f_blocks * (uint64_t)st.f_frsize;
  out->used = ((uint64_t)st.f_blocks - (uint64_t)st.f_bfree) *
              (uint64_t)st.f_frsize;
  out->free = (uint64_t)st.f_bavail * (uint64_t)st.f_frsize;
  return PSU_OK;
}


#if !defined(__OpenBSD__)
/* getutxent keeps its position in hidden libc state: serialize. */
static pthread_mutex_t psu__utmp_lock = PTHREAD_MUTEX_INITIALIZER;


static void
psu__copy_field(char *dst, size_t cap, const char *src, size_t srclen) {
  size_t n = 0;
  while (n < srclen && src[n] != '\0')
    n++;
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}


int
psu_users(psu_user_t **out, size_t *n, psu_err_t *err) {
  psu_user_t *arr = NULL, *na;
  size_t cnt = 0, cap = 0;
  struct utmpx *ut;

  *out = NULL;
  *n = 0;
  pthread_mutex_lock(&psu__utmp_lock);
  setutxent();
  while ((ut = getutxent()) != NULL) {
    psu_user_t *u;
    if (ut->ut_type != USER_PROCESS)
      continue;
#if !defined(__linux__)
    if (ut->ut_line[0] == '~') /* BSD/macOS: shutdown/reboot records */
      continue;
#endif
    if (cnt == cap) {
      cap = cap ? cap * 2 : 8;
      na = psu__realloc(arr, cap * sizeof(*arr));
      if (na == NULL) {
        endutxent();
        pthread_mutex_unlock(&psu__utmp_lock);
        psu__free(arr);
        return psu__set_err(err, PSU_ENOMEM, ENOMEM, "realloc");
      }
      arr = na;
    }
    u = &arr[cnt++];
    memset(u, 0, sizeof(*u));
    psu__copy_field(u->name, sizeof(u->name), ut->ut_user,
                    sizeof(ut->ut_user));
    psu__copy_field(u->terminal, sizeof(u->terminal), ut->ut_line,
                    sizeof(ut->ut_line));
    psu__copy_field(u->host, sizeof(u->host), ut->ut_host,
                    sizeof(ut->ut_host));
#if defined(__linux__)
    /* psutil maps the X display to localhost on Linux. */
    if (strcmp(u->host, ":0") == 0 || strcmp(u->host, ":0.0") == 0)
      psu__strlcpy(u->host, "localhost", sizeof(u->host));
#endif
    u->started = (double)ut->ut_tv.tv_sec + (double)ut->ut_tv.tv_usec / 1e6;
    u->pid = (int64_t)ut->ut_pid;
  }
  endutxent();
  pthread_mutex_unlock(&psu__utmp_lock);
  *out = arr;
  *n = cnt;
  return PSU_OK;
}
#endif /* !__OpenBSD__ */


/* Format a link-layer address as "aa:bb:..."; 0 on success, -1 if none. */
static int
psu__link_addr(const struct sockaddr *sa, char *buf, size_t cap) {
  const unsigned char *a;
  size_t len, i, w = 0;

#if defined(__linux__)
  const struct sockaddr_ll *ll = (const struct sockaddr_ll *)(const void *)sa;
  a = ll->sll_addr;
  len = ll->sll_halen;
  if (len > sizeof(ll->sll_addr))
    len = sizeof(ll->sll_addr);
#else
  const struct sockaddr_dl *dl = (const struct sockaddr_dl *)(const void *)sa;
  a = (const unsigned char *)LLADDR(dl);
  len = dl->sdl_alen;
#endif
  if (len == 0)
    return -1;
  for (i = 0; i < len && w + 3 < cap; i++) {
    static const char hex[] = "0123456789abcdef";
    if (i > 0)
      buf[w++] = ':';
    buf[w++] = hex[a[i] >> 4];
    buf[w++] = hex[a[i] & 15];
  }
  buf[w] = '\0';
  return 0;
}


/* Address of sa as text (IPv4, IPv6 with %scope, or MAC). */
static int
psu__addr_str(const struct sockaddr *sa, char *buf, size_t cap) {
  socklen_t sl;

  buf[0] = '\0';
  if (sa == NULL)
    return -1;
  if (sa->sa_family == AF_INET)
    sl = sizeof(struct sockaddr_in);
  else if (sa->sa_family == AF_INET6)
    sl = sizeof(struct sockaddr_in6);
  else if (sa->sa_family == PSU__LINK_FAMILY)
    return psu__link_addr(sa, buf, cap);
  else
    return -1;
  if (getnameinfo(sa, sl, buf, (socklen_t)cap, NULL, 0, NI_NUMERICHOST) != 0) {
    buf[0] = '\0';
    return -1;
  }
  return 0;
}


int
psu_net_if_addrs(psu_net_if_addr_t **out, size_t *n, psu_err_t *err) {
  struct ifaddrs *ifs = NULL, *ifa;
  psu_net_if_addr_t *arr;
  size_t cnt = 0, total = 0;

  *out = NULL;
  *n = 0;
  if (getifaddrs(&ifs) != 0)
    return psu__set_err(err, PSU_ESYS, errno, "getifaddrs");
  for (ifa = ifs; ifa != NULL; ifa = ifa->ifa_next)
    total++;
  arr = psu__calloc(total ? total : 1, sizeof(*arr));
  if (arr == NULL) {
    freeifaddrs(ifs);
    return psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
  }
  for (ifa = ifs; ifa != NULL; ifa = ifa->ifa_next) {
    psu_net_if_addr_t *o = &arr[cnt];
    int fam;
    if (ifa->ifa_addr == NULL || ifa->ifa_name == NULL)
      continue;
    fam = ifa->ifa_addr->sa_family;
    if (psu__addr_str(ifa->ifa_addr, o->address, sizeof(o->address)) != 0)
      continue; /* family we don't report, or no address */
    psu__strlcpy(o->name, ifa->ifa_name, sizeof(o->name));
    o->family = fam;
    if (ifa->ifa_netmask != NULL && fam != PSU__LINK_FAMILY) {
      /* The netmask's sa_family may be unset (BSD): use the address's. */
      struct sockaddr_storage ss;
      size_t sl = fam == AF_INET ? sizeof(struct sockaddr_in)
                                 : sizeof(struct sockaddr_in6);
#if !defined(__linux__)
      if (ifa->ifa_netmask->sa_len < sl) /* BSD: masks may be short */
        sl = ifa->ifa_netmask->sa_len;
#endif
      memset(&ss, 0, sizeof(ss));
      memcpy(&ss, ifa->ifa_netmask, sl);
      ((struct sockaddr *)&ss)->sa_family = (sa_family_t)fam;
      if (fam == AF_INET6)
        ((struct sockaddr_in6 *)&ss)->sin6_scope_id = 0;
      psu__addr_str((struct sockaddr *)&ss, o->netmask, sizeof(o->netmask));
    }
    if ((ifa->ifa_flags & IFF_BROADCAST) && ifa->ifa_broadaddr != NULL)
      psu__addr_str(ifa->ifa_broadaddr, o->broadcast, sizeof(o->broadcast));
    else if ((ifa->ifa_flags & IFF_POINTOPOINT) && ifa->ifa_dstaddr != NULL)
      psu__addr_str(ifa->ifa_dstaddr, o->ptp, sizeof(o->ptp));
    cnt++;
  }
  freeifaddrs(ifs);
  *out = arr;
  *n = cnt;
  return PSU_OK;
}
