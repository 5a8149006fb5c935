/* windows_net.c: sockets (psutil net_connections) on Windows through the
 * IP Helper owner-PID tables. Families, types and TCP states use the Linux
 * numbering of psu_conn_t (AF_INET6 = 10; states 1..11), plus 12 for
 * Windows' DELETE_TCB. fd is always -1. */
#include "windows-internal.h"

#include <iphlpapi.h>

#define PSU__AF_INET 2
#define PSU__AF_INET6 10
#define PSU__SOCK_STREAM 1
#define PSU__SOCK_DGRAM 2


/* MIB_TCP_STATE -> the Linux TCP state number (0 = none). */
static int32_t
tcp_state(DWORD s) {
  switch (s) {
  case MIB_TCP_STATE_ESTAB:
    return 1;
  case MIB_TCP_STATE_SYN_SENT:
    return 2;
  case MIB_TCP_STATE_SYN_RCVD:
    return 3;
  case MIB_TCP_STATE_FIN_WAIT1:
    return 4;
  case MIB_TCP_STATE_FIN_WAIT2:
    return 5;
  case MIB_TCP_STATE_TIME_WAIT:
    return 6;
  case MIB_TCP_STATE_CLOSED:
    return 7;
  case MIB_TCP_STATE_CLOSE_WAIT:
    return 8;
  case MIB_TCP_STATE_LAST_ACK:
    return 9;
  case MIB_TCP_STATE_LISTEN:
    return 10;
  case MIB_TCP_STATE_CLOSING:
    return 11;
  case MIB_TCP_STATE_DELETE_TCB:
    return 12;
  }
  return 0;
}


typedef struct conns_s {
  psu_conn_t *v;
  size_t n, cap;
} conns_t;


static psu_conn_t *
conns_add(conns_t *c) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    psu_conn_t *nv = psu__realloc(c->v, cap * sizeof(*nv));
    if (nv == NULL)
      return NULL;
    c->v = nv;
    c->cap = cap;
  }
  memset(&c->v[c->n], 0, sizeof(c->v[0]));
  c->v[c->n].fd = -1;
  return &c->v[c->n++];
}


/* GetExtendedTcpTable / GetExtendedUdpTable into a growing buffer. */
static int
get_table(int tcp, ULONG af, void **out, psu_err_t *err) {
  DWORD size = 16384, rc = 0;
  void *buf;
  int tries;

  for (tries = 0; tries < 8; tries++) {
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "net_connections");
    if (tcp)
      rc = GetExtendedTcpTable(buf, &size, FALSE, af, TCP_TABLE_OWNER_PID_ALL,
                               0);
    else
      rc = GetExtendedUdpTable(buf, &size, FALSE, af, UDP_TABLE_OWNER_PID, 0);
    if (rc == NO_ERROR) {
      *out = buf;
      return PSU_OK;
    }
    psu__free(buf);
    if (rc != ERROR_INSUFFICIENT_BUFFER)
      break;
    size += 4096;
  }
  return psu__win_err(err, rc, "%s(%s)",
                      tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable",
                      af == AF_INET ? "AF_INET" : "AF_INET6");
}


static void
addr4(DWORD a, DWORD port, char *ip, size_t cap, int32_t *p) {
  struct in_addr in;
  in.s_addr = a;
  inet_ntop(AF_INET, &in, ip, cap);
  *p = ntohs((u_short)port);
}


static void
addr6(const UCHAR a[16], DWORD port, char *ip, size_t cap, int32_t *p) {
  struct in6_addr in;
  memcpy(&in, a, 16);
  inet_ntop(AF_INET6, &in, ip, cap);
  *p = ntohs((u_short)port);
}


static int
zero16(const UCHAR a[16]) {
  int i;
  for (i = 0; i < 16; i++)
    if (a[i])
      return 0;
  return 1;
}


int
psu_net_connections(int64_t pid, unsigned kind, psu_conn_t **out, size_t *n,
                    psu_err_t *err) {
  conns_t c = {NULL, 0, 0};
  void *t = NULL;
  psu_conn_t *e;
  DWORD i;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_connections: NULL");
  *out = NULL;
  *n = 0;
  if (kind & PSU_CONN_TCP4) {
    MIB_TCPTABLE_OWNER_PID *tb;
    rc = get_table(1, AF_INET, &t, err);
    if (rc != 0)
      goto error;
    tb = t;
    for (i = 0; i < tb->dwNumEntries; i++) {
      MIB_TCPROW_OWNER_PID *r = &tb->table[i];
      if (pid >= 0 && (int64_t)r->dwOwningPid != pid)
        continue;
      if ((e = conns_add(&c)) == NULL)
        goto nomem;
      e->pid = r->dwOwningPid;
      e->family = PSU__AF_INET;
      e->type = PSU__SOCK_STREAM;
      if (r->dwLocalAddr != 0 || r->dwLocalPort != 0)
        addr4(r->dwLocalAddr, r->dwLocalPort, e->laddr, sizeof(e->laddr),
              &e->lport);
      if (r->dwRemoteAddr != 0 || r->dwRemotePort != 0)
        addr4(r->dwRemoteAddr, r->dwRemotePort, e->raddr, sizeof(e->raddr),
              &e->rport);
      e->status = tcp_state(r->dwState);
    }
    psu__free(t);
    t = NULL;
  }
  if (kind & PSU_CONN_TCP6) {
    MIB_TCP6TABLE_OWNER_PID *tb;
    rc = get_table(1, AF_INET6, &t, err);
    if (rc != 0)
      goto error;
    tb = t;
    for (i = 0; i < tb->dwNumEntries; i++) {
      MIB_TCP6ROW_OWNER_PID *r = &tb->table[i];
      if (pid >= 0 && (int64_t)r->dwOwningPid != pid)
        continue;
      if ((e = conns_add(&c)) == NULL)
        goto nomem;
      e->pid = r->dwOwningPid;
      e->family = PSU__AF_INET6;
      e->type = PSU__SOCK_STREAM;
      if (!zero16(r->ucLocalAddr) || r->dwLocalPort != 0)
        addr6(r->ucLocalAddr, r->dwLocalPort, e->laddr, sizeof(e->laddr),
              &e->lport);
      if (!zero16(r->ucRemoteAddr) || r->dwRemotePort != 0)
        addr6(r->ucRemoteAddr, r->dwRemotePort, e->raddr, sizeof(e->raddr),
              &e->rport);
      e->status = tcp_state(r->dwState);
    }
    psu__free(t);
    t = NULL;
  }
  if (kind & PSU_CONN_UDP4) {
    MIB_UDPTABLE_OWNER_PID *tb;
    rc = get_table(0, AF_INET, &t, err);
    if (rc != 0)
      goto error;
    tb = t;
    for (i = 0; i < tb->dwNumEntries; i++) {
      MIB_UDPROW_OWNER_PID *r = &tb->table[i];
      if (pid >= 0 && (int64_t)r->dwOwningPid != pid)
        continue;
      if ((e = conns_add(&c)) == NULL)
        goto nomem;
      e->pid = r->dwOwningPid;
      e->family = PSU__AF_INET;
      e->type = PSU__SOCK_DGRAM;
      if (r->dwLocalAddr != 0 || r->dwLocalPort != 0)
        addr4(r->dwLocalAddr, r->dwLocalPort, e->laddr, sizeof(e->laddr),
              &e->lport);
    }
    psu__free(t);
    t = NULL;
  }
  if (kind & PSU_CONN_UDP6) {
    MIB_UDP6TABLE_OWNER_PID *tb;
    rc = get_table(0, AF_INET6, &t, err);
    if (rc != 0)
      goto error;
    tb = t;
    for (i = 0; i < tb->dwNumEntries; i++) {
      MIB_UDP6ROW_OWNER_PID *r = &tb->table[i];
      if (pid >= 0 && (int64_t)r->dwOwningPid != pid)
        continue;
      if ((e = conns_add(&c)) == NULL)
        goto nomem;
      e->pid = r->dwOwningPid;
      e->family = PSU__AF_INET6;
      e->type = PSU__SOCK_DGRAM;
      if (!zero16(r->ucLocalAddr) || r->dwLocalPort != 0)
        addr6(r->ucLocalAddr, r->dwLocalPort, e->laddr, sizeof(e->laddr),
              &e->lport);
    }
    psu__free(t);
    t = NULL;
  }
  /* PSU_CONN_UNIX: Windows has no UNIX socket table (psutil neither). */
  *out = c.v;
  *n = c.n;
  return PSU_OK;

nomem:
  rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_net_connections");
error:
  psu__free(t);
  psu__free(c.v);
  return rc;
}
