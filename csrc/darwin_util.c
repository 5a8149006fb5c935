/* darwin_util.c: sysctl wrappers, kinfo_proc, per-process error
 * classification and the Mach timebase, shared by the macOS sources. */
#include "darwin-internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/proc.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#if __has_include(<net/if_media.h>) /* not in zig's macOS headers */
#include <net/if_media.h>
_Static_assert(IFM_ETHER == 0x20 && IFM_TOKEN == 0x40 &&
                   IFM_IEEE80211 == 0x80 && IFM_NMASK == 0xe0,
               "IFM network types");
_Static_assert(IFM_TMASK_COMPAT == 0x1f, "IFM_TMASK_COMPAT");
_Static_assert(IFM_1000_T == 16 && IFM_100_TX == 6 && IFM_10G_T == 21 &&
                   IFM_HPNA_1 == 17 && IFM_10_FL == 13,
               "IFM ether subtypes");
_Static_assert(IFM_TOK_STP16 == 4 && IFM_TOK_UTP4 == 5, "IFM token");
_Static_assert(IFM_IEEE80211_DS1 == 8 && IFM_IEEE80211_DS22 == 9,
               "IFM 802.11");
_Static_assert(IFM_FDX == PSU__DARWIN_IFM_FDX && IFM_HDX == PSU__DARWIN_IFM_HDX,
               "IFM duplex");
#endif
#if __has_include(<netinet/tcp_fsm.h>) /* not in zig's macOS headers */
#include <netinet/tcp_fsm.h>
#define PSU__HAVE_TCP_FSM 1
#endif

/* The parsers in posix_darwin_parse.c hard-code these values. */
_Static_assert(SIDL == PSU__DARWIN_SIDL, "SIDL");
_Static_assert(SRUN == PSU__DARWIN_SRUN, "SRUN");
_Static_assert(SSLEEP == PSU__DARWIN_SSLEEP, "SSLEEP");
_Static_assert(SSTOP == PSU__DARWIN_SSTOP, "SSTOP");
_Static_assert(SZOMB == PSU__DARWIN_SZOMB, "SZOMB");
_Static_assert(P_PPWAIT == PSU__DARWIN_P_PPWAIT, "P_PPWAIT");
_Static_assert(P_SYSTEM == PSU__DARWIN_P_SYSTEM, "P_SYSTEM");
_Static_assert(P_WEXIT == PSU__DARWIN_P_WEXIT, "P_WEXIT");
_Static_assert(EPROC_SLEADER == PSU__DARWIN_EPROC_SLEADER, "EPROC_SLEADER");
#ifdef PSU__HAVE_TCP_FSM
_Static_assert(TCPS_CLOSED == PSU__DARWIN_TCPS_CLOSED, "TCPS_CLOSED");
_Static_assert(TCPS_LISTEN == 1 && TCPS_ESTABLISHED == 4 &&
                   TCPS_FIN_WAIT_1 == 6 && TCPS_FIN_WAIT_2 == 9,
               "TCPS_* order");
_Static_assert(TCPS_TIME_WAIT == PSU__DARWIN_TCPS_TIME_WAIT, "TCPS_TIME_WAIT");
#endif


int
psu__darwin_sysctl(int *mib, unsigned n, void *buf, size_t len,
                   const char *name, psu_err_t *err) {
  size_t got = len;

  if (sysctl(mib, n, buf, &got, NULL, 0) != 0)
    return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s)", name);
  if (got != len)
    return psu__set_err(err, PSU_EPARSE, 0, "sysctl(%s): %zu bytes, want %zu",
                        name, got, len);
  return 0;
}


int
psu__darwin_sysctlbyname(const char *name, void *buf, size_t len,
                         psu_err_t *err) {
  size_t got = len;

  if (sysctlbyname(name, buf, &got, NULL, 0) != 0)
    return psu__set_err(err, PSU_ESYS, errno, "sysctlbyname(%s)", name);
  if (got != len)
    return psu__set_err(err, PSU_EPARSE, 0,
                        "sysctlbyname(%s): %zu bytes, want %zu", name, got,
                        len);
  return 0;
}


int
psu__darwin_sysctl_malloc(int *mib, unsigned n, char **out, size_t *len,
                          const char *name, psu_err_t *err) {
  char *buf = NULL;
  size_t size = 0;
  int tries;

  *out = NULL;
  *len = 0;
  /* The data can grow between the size query and the read: retry with
   * headroom while sysctl says ENOMEM. */
  for (tries = 0; tries < 8; tries++) {
    if (sysctl(mib, n, NULL, &size, NULL, 0) != 0)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s, size)", name);
    size += size / 8 + 4096;
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "malloc(%zu)", size);
    if (sysctl(mib, n, buf, &size, NULL, 0) == 0) {
      *out = buf;
      *len = size;
      return 0;
    }
    psu__free(buf);
    buf = NULL;
    if (errno != ENOMEM)
      return psu__set_err(err, PSU_ESYS, errno, "sysctl(%s)", name);
  }
  return psu__set_err(err, PSU_ESYS, ENOMEM, "sysctl(%s): keeps growing",
                      name);
}


int
psu__darwin_kinfo(int64_t pid, struct kinfo_proc *kp, psu_err_t *err) {
  int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid};
  size_t len = sizeof(*kp);

  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "pid %lld out of range",
                        (long long)pid);
  memset(kp, 0, sizeof(*kp));
  if (sysctl(mib, 4, kp, &len, NULL, 0) != 0) {
    int e = errno;
    if (e == ESRCH)
      return psu__set_err(err, PSU_ENOSUCHPROC, e, "sysctl(KERN_PROC_PID)");
    return psu__set_err(err, PSU_ESYS, e, "sysctl(KERN_PROC_PID)");
  }
  /* No data means no such pid. */
  if (len == 0)
    return psu__set_err(err, PSU_ENOSUCHPROC, ESRCH,
                        "sysctl(KERN_PROC_PID): no data");
  return 0;
}


int
psu__darwin_is_zombie(int64_t pid) {
  struct kinfo_proc kp;

  if (psu__darwin_kinfo(pid, &kp, NULL) != 0)
    return 0;
  return kp.kp_proc.p_stat == SZOMB;
}


/* 1 if pid exists (kill(pid, 0) succeeds or says EPERM), 0 if not. */
static int
pid_alive(int64_t pid) {
  if (pid == 0)
    return 1; /* kernel_task: kill(0, 0) would signal our process group */
  if (kill((pid_t)pid, 0) == 0)
    return 1;
  return errno == EPERM;
}


int
psu__darwin_proc_err(int64_t pid, int sys, const char *where,
                     psu_err_t *err) {
  if (sys == EPERM || sys == EACCES)
    return psu__set_err(err, PSU_EACCESS, sys, "%s", where);
  if (sys == ESRCH || !pid_alive(pid)) {
    if (psu__darwin_is_zombie(pid))
      return psu__set_err(err, PSU_EZOMBIE, sys, "%s", where);
    return psu__set_err(err, PSU_ENOSUCHPROC, sys, "%s", where);
  }
  if (psu__darwin_is_zombie(pid))
    return psu__set_err(err, PSU_EZOMBIE, sys, "%s", where);
  return psu__set_err(err, PSU_ESYS, sys, "%s", where);
}


static pthread_once_t tbfreq_once = PTHREAD_ONCE_INIT;
static uint64_t tbfreq;


static void
tbfreq_init(void) {
  uint64_t v = 0;
  size_t len = sizeof(v);

  if (sysctlbyname("hw.tbfrequency", &v, &len, NULL, 0) == 0 &&
      len == sizeof(v))
    tbfreq = v;
}


uint64_t
psu__darwin_tbfreq(void) {
  pthread_once(&tbfreq_once, tbfreq_init);
  return tbfreq;
}
