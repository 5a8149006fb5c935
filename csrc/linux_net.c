/* linux_net.c: NIC counters (<procfs>/net/dev) and NIC stats (ioctl
 * SIOCGIFFLAGS, SIOCGIFMTU, SIOCETHTOOL). Connections live elsewhere. */
#include "linux-internal.h"

#include <errno.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>


int
psu__linux_parse_netdev_line(const char *line, const char *end,
                             psu__linux_netdev_t *out) {
  const char *colon = NULL, *p, *s, *e;
  uint64_t v[16];
  int i;

  memset(out, 0, sizeof(*out));
  /* The name is what precedes the LAST ':' (names may contain ':'). */
  for (p = line; p < end && *p != '\n'; p++)
    if (*p == ':')
      colon = p;
  if (colon == NULL)
    return PSU_EPARSE;
  s = psu__skip_blanks(line, colon);
  for (e = colon; e > s && (e[-1] == ' ' || e[-1] == '\t'); e--)
    ;
  if (e == s)
    return PSU_EPARSE;
  out->name = s;
  out->name_len = (size_t)(e - s);
  p = colon + 1;
  for (i = 0; i < 16; i++)
    if (psu__scan_u64(&p, end, &v[i]) != 0)
      return PSU_EPARSE;
  out->bytes_recv = v[0];
  out->packets_recv = v[1];
  out->errin = v[2];
  out->dropin = v[3];
  out->bytes_sent = v[8];
  out->packets_sent = v[9];
  out->errout = v[10];
  out->dropout = v[11];
  return PSU_OK;
}


/* Read and parse <procfs>/net/dev into a psu_net_io_t array. */
static int
psu__netdev(psu_net_io_t **out, size_t *n, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  const char *p, *end, *eol;
  psu_net_io_t *arr = NULL;
  size_t len, nlines = 0, cnt = 0, skip = 2;
  char *buf;
  int rc;

  *out = NULL;
  *n = 0;
  psu__procfs_root(root);
  if ((rc = psu__linux_read(root, "net/dev", &buf, &len, err)) != 0)
    return rc;
  for (p = buf, end = buf + len; p < end; p = psu__next_line(p, end))
    nlines++;
  arr = psu__calloc(nlines ? nlines : 1, sizeof(*arr));
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
    goto done;
  }
  for (p = buf, end = buf + len; p < end; p = eol) {
    psu__linux_netdev_t d;
    psu_net_io_t *o = &arr[cnt];
    eol = psu__next_line(p, end);
    if (skip > 0) { /* two header lines */
      skip--;
      continue;
    }
    if (psu__skip_blanks(p, eol) >= eol || *psu__skip_blanks(p, eol) == '\n')
      continue;
    if (psu__linux_parse_netdev_line(p, eol, &d) != 0) {
      rc = psu__set_err(err, PSU_EPARSE, 0, "net/dev: bad line \"%.60s\"", p);
      goto done;
    }
    if (d.name_len >= sizeof(o->name))
      continue;
    memcpy(o->name, d.name, d.name_len);
    o->name[d.name_len] = '\0';
    o->bytes_sent = d.bytes_sent;
    o->bytes_recv = d.bytes_recv;
    o->packets_sent = d.packets_sent;
    o->packets_recv = d.packets_recv;
    o->errin = d.errin;
    o->errout = d.errout;
    o->dropin = d.dropin;
    o->dropout = d.dropout;
    cnt++;
  }
  *out = arr;
  *n = cnt;
  arr = NULL;
  rc = PSU_OK;
done:
  psu__free(arr);
  psu__free(buf);
  return rc;
}


int
psu_net_io_counters(psu_net_io_t **out, size_t *n, psu_err_t *err) {
  return psu__netdev(out, n, err);
}


static const struct {
  int flag;
  const char *name;
} psu__if_flags[] = {
    {IFF_UP, "up"},
    {IFF_BROADCAST, "broadcast"},
    {IFF_DEBUG, "debug"},
    {IFF_LOOPBACK, "loopback"},
    {IFF_POINTOPOINT, "pointopoint"},
    {IFF_NOTRAILERS, "notrailers"},
    {IFF_RUNNING, "running"},
    {IFF_NOARP, "noarp"},
    {IFF_PROMISC, "promisc"},
    {IFF_ALLMULTI, "allmulti"},
    {IFF_MASTER, "master"},
    {IFF_SLAVE, "slave"},
    {IFF_MULTICAST, "multicast"},
    {IFF_PORTSEL, "portsel"},
    {IFF_AUTOMEDIA, "automedia"},
    {IFF_DYNAMIC, "dynamic"},
};


int
psu_net_if_stats(psu_net_if_stats_t **out, size_t *n, psu_err_t *err) {
  psu_net_io_t *nics = NULL;
  psu_net_if_stats_t *arr = NULL;
  size_t nnics = 0, i, j, cnt = 0;
  int sock = -1, rc;

  *out = NULL;
  *n = 0;
  if ((rc = psu__netdev(&nics, &nnics, err)) != 0)
    return rc;
  arr = psu__calloc(nnics ? nnics : 1, sizeof(*arr));
  if (arr == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, ENOMEM, "calloc");
    goto done;
  }
  sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) {
    rc = psu__set_err(err, PSU_ESYS, errno, "socket(AF_INET, SOCK_DGRAM)");
    goto done;
  }
  for (i = 0; i < nnics; i++) {
    psu_net_if_stats_t *o = &arr[cnt];
    struct ethtool_cmd ecmd;
    struct ifreq ifr;
    size_t fl = 0;
    int flags;

    if (strlen(nics[i].name) >= sizeof(ifr.ifr_name))
      continue;
    memset(&ifr, 0, sizeof(ifr));
    psu__strlcpy(ifr.ifr_name, nics[i].name, sizeof(ifr.ifr_name));
    if (ioctl(sock, SIOCGIFFLAGS, &ifr) != 0) {
      if (errno == ENODEV || errno == ENXIO)
        continue; /* gone, or only in a fixture */
      rc = psu__set_err(err, PSU_ESYS, errno, "ioctl(SIOCGIFFLAGS, %s)",
                        nics[i].name);
      goto done;
    }
    flags = ifr.ifr_flags;
    if (ioctl(sock, SIOCGIFMTU, &ifr) != 0) {
      if (errno == ENODEV || errno == ENXIO)
        continue;
      rc = psu__set_err(err, PSU_ESYS, errno, "ioctl(SIOCGIFMTU, %s)",
                        nics[i].name);
      goto done;
    }
    o->mtu = ifr.ifr_mtu;
    psu__strlcpy(o->name, nics[i].name, sizeof(o->name));
    o->isup = (flags & IFF_RUNNING) != 0;
    for (j = 0; j < PSU__ARRAY_SIZE(psu__if_flags); j++) {
      size_t l;
      if (!(flags & psu__if_flags[j].flag))
        continue;
      l = strlen(psu__if_flags[j].name);
      if (fl + l + 2 > sizeof(o->flags))
        break;
      if (fl > 0)
        o->flags[fl++] = ',';
      memcpy(o->flags + fl, psu__if_flags[j].name, l + 1);
      fl += l;
    }
    /* Duplex and speed; any ethtool failure (EOPNOTSUPP, EINVAL, EBUSY,
     * EPERM...) means unknown, as for virtual NICs. */
    memset(&ecmd, 0, sizeof(ecmd));
    ecmd.cmd = ETHTOOL_GSET;
    ifr.ifr_data = (void *)&ecmd;
    o->duplex = PSU_NIC_DUPLEX_UNKNOWN;
    o->speed = 0;
    if (ioctl(sock, SIOCETHTOOL, &ifr) == 0) {
      uint32_t speed = ((uint32_t)ecmd.speed_hi << 16) | ecmd.speed;
      if (ecmd.duplex == DUPLEX_FULL)
        o->duplex = PSU_NIC_DUPLEX_FULL;
      else if (ecmd.duplex == DUPLEX_HALF)
        o->duplex = PSU_NIC_DUPLEX_HALF;
      if (speed != (uint32_t)-1 && speed != 0xFFFF && speed < 0x7fffffff)
        o->speed = (int)speed;
    }
    cnt++;
  }
  *out = arr;
  *n = cnt;
  arr = NULL;
  rc = PSU_OK;
done:
  if (sock >= 0)
    close(sock);
  psu__free(arr);
  psu__free(nics);
  return rc;
}
