/* posix_proc.c: process helpers that only need POSIX (Linux, macOS, BSDs):
 * priorities, kill, a waitpid/kill polling wait, and user names. */
#include "psu-internal.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
map_errno(int e, const char *what, psu_err_t *err) {
  switch (e) {
  case ESRCH:
    return psu__set_err(err, PSU_ENOSUCHPROC, e, "%s", what);
  case EPERM:
  case EACCES:
    return psu__set_err(err, PSU_EACCESS, e, "%s", what);
  case EINVAL:
    return psu__set_err(err, PSU_EINVAL, e, "%s", what);
  default:
    return psu__set_err(err, PSU_ESYS, e, "%s", what);
  }
}


int
psu_posix_getpriority(int64_t pid, int *out, psu_err_t *err) {
  int v;
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "invalid pid");
  errno = 0;
  v = getpriority(PRIO_PROCESS, (id_t)pid);
  if (v == -1 && errno != 0)
    return map_errno(errno, "getpriority", err);
  *out = v;
  return 0;
}


int
psu_posix_setpriority(int64_t pid, int value, psu_err_t *err) {
  if (pid < 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "invalid pid");
  if (setpriority(PRIO_PROCESS, (id_t)pid, value) != 0)
    return map_errno(errno, "setpriority", err);
  return 0;
}


int
psu_posix_kill(int64_t pid, int sig, psu_err_t *err) {
  if (pid <= 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "invalid pid %lld",
                        (long long)pid);
  if (kill((pid_t)pid, sig) != 0)
    return map_errno(errno, "kill", err);
  return 0;
}


static int64_t
now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}


int
psu_posix_wait(int64_t pid, int64_t timeout_ms, int32_t *code,
               psu_err_t *err) {
  int64_t deadline = now_us() + timeout_ms * 1000;
  int64_t delay = 100; /* us, doubling up to 40 ms */
  int status;
  pid_t r;

  *code = INT32_MIN;
  if (pid <= 0 || pid > INT32_MAX)
    return psu__set_err(err, PSU_EINVAL, 0, "invalid pid");
  for (;;) {
    r = waitpid((pid_t)pid, &status, WNOHANG);
    if (r == (pid_t)pid) {
      if (WIFEXITED(status)) {
        *code = WEXITSTATUS(status);
        return 0;
      }
      if (WIFSIGNALED(status)) {
        *code = -WTERMSIG(status);
        return 0;
      }
      continue; /* stopped/continued: keep waiting */
    }
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0 && errno == ECHILD) {
      /* Not our child: poll for existence. */
      if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return 0;
    } else if (r < 0) {
      return map_errno(errno, "waitpid", err);
    }
    if (now_us() >= deadline)
      return psu__set_err(err, PSU_ETIMEOUT, 0, "pid %lld still running",
                          (long long)pid);
    {
      int64_t left = deadline - now_us();
      struct timespec ts;
      int64_t d = delay < left ? delay : left;
      if (d < 0)
        d = 0;
      ts.tv_sec = (time_t)(d / 1000000);
      ts.tv_nsec = (long)(d % 1000000) * 1000;
      nanosleep(&ts, NULL);
      delay = delay * 2 > 40000 ? 40000 : delay * 2;
    }
  }
}


int
psu_posix_username(int64_t uid, char *buf, size_t cap, psu_err_t *err) {
  struct passwd pw, *res = NULL;
  char tmp[4096];
  int rc;

  if (cap == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "empty buffer");
  buf[0] = '\0';
  do
    rc = getpwuid_r((uid_t)uid, &pw, tmp, sizeof(tmp), &res);
  while (rc == EINTR);
  if (rc != 0 && rc != ENOENT && rc != ESRCH && rc != EBADF && rc != EPERM)
    return psu__set_err(err, PSU_ESYS, rc, "getpwuid_r");
  if (res == NULL)
    return psu__set_err(err, PSU_ENOTFOUND, 0, "uid %lld has no name",
                        (long long)uid);
  psu__strlcpy(buf, res->pw_name, cap);
  return 0;
}
