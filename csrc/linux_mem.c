/* linux_mem.c: virtual_memory and swap_memory from <procfs>/meminfo,
 * <procfs>/zoneinfo and <procfs>/vmstat. */
#include "linux-internal.h"


#define PSU__MEMKEY(key, field)                                            \
  {key, sizeof(key) - 1, offsetof(psu__linux_meminfo_t, field)}

typedef struct {
  const char *key;
  size_t klen;
  size_t off;
} psu__memkey_t;

static const psu__memkey_t psu__memkeys[] = {
    PSU__MEMKEY("MemTotal", mem_total),
    PSU__MEMKEY("MemFree", mem_free),
    PSU__MEMKEY("MemAvailable", mem_available),
    PSU__MEMKEY("Buffers", buffers),
    PSU__MEMKEY("Cached", cached),
    PSU__MEMKEY("SReclaimable", sreclaimable),
    PSU__MEMKEY("Shmem", shmem),
    PSU__MEMKEY("MemShared", mem_shared),
    PSU__MEMKEY("Active", active),
    PSU__MEMKEY("Inactive", inactive),
    PSU__MEMKEY("Inact_dirty", inact_dirty),
    PSU__MEMKEY("Inact_clean", inact_clean),
    PSU__MEMKEY("Inact_laundry", inact_laundry),
    PSU__MEMKEY("Slab", slab),
    PSU__MEMKEY("Active(file)", active_file),
    PSU__MEMKEY("Inactive(file)", inactive_file),
    PSU__MEMKEY("SwapTotal", swap_total),
    PSU__MEMKEY("SwapFree", swap_free),
};


static void
psu__meminfo_set(psu__linux_meminfo_t *m, size_t i) {
  switch (i) {
  case 0: m->has_total = 1; break;
  case 1: m->has_free = 1; break;
  case 2: m->has_available = 1; break;
  case 3: m->has_buffers = 1; break;
  case 4: m->has_cached = 1; break;
  case 5: m->has_sreclaimable = 1; break;
  case 6: m->has_shmem = 1; break;
  case 7: m->has_mem_shared = 1; break;
  case 8: m->has_active = 1; break;
  case 9: m->has_inactive = 1; break;
  case 10: m->has_inact_dirty = 1; break;
  case 11: m->has_inact_clean = 1; break;
  case 12: m->has_inact_laundry = 1; break;
  case 13: m->has_slab = 1; break;
  case 14: m->has_active_file = 1; break;
  case 15: m->has_inactive_file = 1; break;
  case 16: m->has_swap_total = 1; break;
  case 17: m->has_swap_free = 1; break;
  }
}


int
psu__linux_parse_meminfo(const char *buf, size_t len,
                         psu__linux_meminfo_t *out, psu_err_t *err) {
  const char *p = buf, *end = buf + len, *eol, *colon;
  size_t i;

  memset(out, 0, sizeof(*out));
  for (; p < end; p = eol) {
    uint64_t v;
    const char *q;
    eol = psu__next_line(p, end);
    colon = memchr(p, ':', (size_t)(eol - p));
    if (colon == NULL)
      continue;
    for (i = 0; i < PSU__ARRAY_SIZE(psu__memkeys); i++) {
      if ((size_t)(colon - p) == psu__memkeys[i].klen &&
          memcmp(p, psu__memkeys[i].key, psu__memkeys[i].klen) == 0)
        break;
    }
    if (i == PSU__ARRAY_SIZE(psu__memkeys))
      continue; /* a key we don't use: don't even parse it */
    q = colon + 1;
    if (psu__scan_u64(&q, eol, &v) != 0 || v > UINT64_MAX / 1024)
      return psu__set_err(err, PSU_EPARSE, 0, "meminfo: bad value for %s",
                          psu__memkeys[i].key);
    *(uint64_t *)((char *)out + psu__memkeys[i].off) = v * 1024;
    psu__meminfo_set(out, i);
  }
  if (!out->has_total || !out->has_free)
    return psu__set_err(err, PSU_EPARSE, 0,
                        "meminfo: MemTotal or MemFree missing");
  return PSU_OK;
}


int
psu__linux_parse_zoneinfo_low(const char *buf, size_t len, uint64_t *pages,
                              psu_err_t *err) {
  const char *p = buf, *end = buf + len, *eol;

  *pages = 0;
  for (; p < end; p = eol) {
    const char *q = psu__skip_blanks(p, end);
    uint64_t v;
    eol = psu__next_line(p, end);
    /* "        low      1234" (but not "lowmem_reserve_ratio") */
    if (eol - q > 4 && memcmp(q, "low", 3) == 0 &&
        (q[3] == ' ' || q[3] == '\t')) {
      q += 3;
      if (psu__scan_u64(&q, eol, &v) != 0)
        return psu__set_err(err, PSU_EPARSE, 0, "zoneinfo: bad low value");
      *pages += v;
    }
  }
  return PSU_OK;
}


int
psu__linux_parse_vmstat(const char *buf, size_t len, uint64_t *pswpin,
                        uint64_t *pswpout, psu_err_t *err) {
  const char *p = buf, *end = buf + len, *eol;

  *pswpin = *pswpout = 0;
  for (; p < end; p = eol) {
    const char *q;
    eol = psu__next_line(p, end);
    if (eol - p > 7 && memcmp(p, "pswpin ", 7) == 0) {
      q = p + 7;
      if (psu__scan_u64(&q, eol, pswpin) != 0)
        return psu__set_err(err, PSU_EPARSE, 0, "vmstat: bad pswpin");
    } else if (eol - p > 8 && memcmp(p, "pswpout ", 8) == 0) {
      q = p + 8;
      if (psu__scan_u64(&q, eol, pswpout) != 0)
        return psu__set_err(err, PSU_EPARSE, 0, "vmstat: bad pswpout");
    }
  }
  return PSU_OK;
}


static double
psu__dmin(double a, double b) {
  return a < b ? a : b;
}


void
psu__linux_calc_vmem(const psu__linux_meminfo_t *m, int have_wmark,
                     uint64_t wmark_low, psu_virtual_memory_t *out) {
  double avail;

  memset(out, 0, sizeof(*out));
  out->total = m->mem_total;
  out->free = m->mem_free;
  out->buffers = m->buffers;
  out->cached = m->has_cached ? m->cached + m->sreclaimable : 0;
  out->shared = m->has_shmem ? m->shmem : m->mem_shared;
  out->active = m->active;
  if (m->has_inactive)
    out->inactive = m->inactive;
  else if (m->has_inact_dirty && m->has_inact_clean && m->has_inact_laundry)
    out->inactive = m->inact_dirty + m->inact_clean + m->inact_laundry;
  out->slab = m->slab;

  if (m->has_available && m->mem_available > 0) {
    avail = (double)m->mem_available;
  } else if (!m->has_active_file || !m->has_inactive_file ||
             !m->has_sreclaimable || !have_wmark) {
    /* Very old kernels: free + cached. */
    avail = (double)m->mem_free + (double)m->cached;
  } else {
    /* The kernel 3.14 estimate (si_mem_available). */
    double wm = (double)wmark_low;
    double pagecache = (double)m->active_file + (double)m->inactive_file;
    double sr = (double)m->sreclaimable;
    avail = (double)m->mem_free - wm;
    pagecache -= psu__dmin(pagecache / 2, wm);
    avail += pagecache;
    avail += sr - psu__dmin(sr / 2, wm);
  }
  if (avail < 0)
    avail = 0;
  /* free + cached may exceed 2^64: converting that double is undefined. */
  out->available = avail >= 18446744073709551615.0 ? UINT64_MAX
                                                   : (uint64_t)avail;
  if (out->available > out->total) /* LXC */
    out->available = out->free;
  if (out->available > out->total) /* free > total too: keep used >= 0 */
    out->available = out->total;
  out->used = out->total - out->available;
}


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu__linux_meminfo_t m;
  uint64_t pages = 0;
  int have_wmark = 0, rc;
  char *buf;
  size_t len;

  psu__procfs_root(root);
  if ((rc = psu__linux_read(root, "meminfo", &buf, &len, err)) != 0)
    return rc;
  rc = psu__linux_parse_meminfo(buf, len, &m, err);
  psu__free(buf);
  if (rc != 0)
    return rc;
  if (!(m.has_available && m.mem_available > 0)) {
    if (psu__linux_read(root, "zoneinfo", &buf, &len, NULL) == 0) {
      have_wmark = psu__linux_parse_zoneinfo_low(buf, len, &pages, NULL) == 0;
      psu__free(buf);
    }
  }
  psu__linux_calc_vmem(&m, have_wmark, pages * psu__linux_pagesize(), out);
  return PSU_OK;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  char root[PSU_ROOT_MAX];
  psu__linux_meminfo_t m;
  uint64_t in = 0, ou = 0;
  char *buf;
  size_t len;
  int rc;

  memset(out, 0, sizeof(*out));
  psu__procfs_root(root);
  if ((rc = psu__linux_read(root, "meminfo", &buf, &len, err)) != 0)
    return rc;
  rc = psu__linux_parse_meminfo(buf, len, &m, err);
  psu__free(buf);
  if (rc != 0)
    return rc;
  out->total = m.swap_total;
  out->free = m.swap_free;
  out->used = m.swap_total > m.swap_free ? m.swap_total - m.swap_free : 0;
  /* sin/sout: pages x 4096 (psutil hard-codes 4 KiB). A missing vmstat
   * leaves them 0, as psutil does after its warning. */
  if (psu__linux_read(root, "vmstat", &buf, &len, NULL) == 0) {
    rc = psu__linux_parse_vmstat(buf, len, &in, &ou, err);
    psu__free(buf);
    if (rc != 0)
      return rc;
  }
  out->sin = in * 4096;
  out->sout = ou * 4096;
  return PSU_OK;
}
