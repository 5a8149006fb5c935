/* posix_exitfunc.c: always-run exit functions for C tools (psu_exit.h).
 *
 * Design for async-signal-safety: the table of functions and the saved
 * previous sigactions are append-only. A registrant takes reg_lock, fills a
 * slot completely and only then publishes it with an atomic release store
 * of the count (for signals: of the slot's "ready" flag, before sigaction()
 * installs our handler). The handler never locks: it reads the counts with
 * acquire loads, so it sees only fully written slots. "started" is an
 * atomic flag swapped to 1 by whoever runs the functions first (atexit or a
 * handler on any thread), which is what makes them run exactly once. */
#include "psu-internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct {
  psu_exit_fn fn;
  void *arg;
} exit_slot_t;

typedef struct {
  int signo;
  struct sigaction prev; /* the disposition before ours */
} sig_slot_t;

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t atexit_once = PTHREAD_ONCE_INIT;
static int atexit_rc; /* written once under atexit_once */

static exit_slot_t fns[PSU_EXIT_MAX];
static atomic_size_t nfns;
static sig_slot_t sigs[PSU_EXIT_MAX_SIGNALS];
static atomic_size_t nsigs;
static atomic_int started;


static void
run_all(void) {
  size_t n = atomic_load_explicit(&nfns, memory_order_acquire);
  while (n > 0) {
    n--;
    fns[n].fn(fns[n].arg);
  }
}


static void
on_exit_path(void) {
  if (atomic_exchange(&started, 1) == 0)
    run_all();
}


static void
install_atexit(void) {
  atexit_rc = atexit(on_exit_path);
}


static const struct sigaction *
find_prev(int signo) {
  size_t n = atomic_load_explicit(&nsigs, memory_order_acquire);
  size_t i;

  for (i = 0; i < n; i++)
    if (sigs[i].signo == signo)
      return &sigs[i].prev;
  return NULL;
}


static void
on_signal(int signo, siginfo_t *info, void *uctx) {
  const struct sigaction *prev;
  struct sigaction dfl;
  sigset_t set;
  int saved_errno = errno;

  if (atomic_exchange(&started, 1) == 0)
    run_all();

  prev = find_prev(signo);
  if (prev != NULL && (prev->sa_flags & SA_SIGINFO) &&
      prev->sa_sigaction != NULL) {
    prev->sa_sigaction(signo, info, uctx);
    errno = saved_errno;
    return;
  }
  if (prev != NULL && !(prev->sa_flags & SA_SIGINFO) &&
      prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
    prev->sa_handler(signo);
    errno = saved_errno;
    return;
  }

  /* The old disposition was the default: die from the signal, so the
   * parent sees WIFSIGNALED with the right number. */
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(signo, &dfl, NULL);
  sigemptyset(&set);
  sigaddset(&set, signo);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  raise(signo);
  /* The default action does not terminate (SIGCHLD, SIGWINCH...). */
  _exit(128 + signo);
}


/* Install on_signal for signo, saving the previous disposition. Called with
 * reg_lock held. */
static int
hook_signal(int signo, psu_err_t *err) {
  struct sigaction sa, old;
  size_t n = atomic_load_explicit(&nsigs, memory_order_relaxed);
  size_t i;

  for (i = 0; i < n; i++)
    if (sigs[i].signo == signo)
      return 0; /* already hooked (or left ignored) */
  if (n == PSU_EXIT_MAX_SIGNALS)
    return psu__set_err(err, PSU_ENOMEM, 0,
                        "psu_exit_register: more than %d signals",
                        PSU_EXIT_MAX_SIGNALS);

  if (sigaction(signo, NULL, &old) != 0)
    return psu__set_err(err, PSU_EINVAL, errno, "sigaction(%d)", signo);
  sigs[n].signo = signo;
  sigs[n].prev = old;
  atomic_store_explicit(&nsigs, n + 1, memory_order_release);
  if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN)
    return 0; /* respect an inherited "ignore" (nohup) */

  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  /* No other signal interrupts the exit functions. */
  sigfillset(&sa.sa_mask);
  if (sigaction(signo, &sa, NULL) != 0)
    return psu__set_err(err, PSU_ESYS, errno, "sigaction(%d)", signo);
  return 0;
}


int
psu_exit_register_signals(psu_exit_fn fn, void *arg, const int *signals,
                          size_t n, psu_err_t *err) {
  static const int def_signals[] = {SIGTERM};
  size_t i, k;
  int rc = 0;

  if (fn == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_exit_register: NULL fn");
  if (signals == NULL || n == 0) {
    signals = def_signals;
    n = 1;
  }
  for (i = 0; i < n; i++) {
    if (signals[i] == SIGKILL || signals[i] == SIGSTOP)
      return psu__set_err(err, PSU_EINVAL, 0,
                          "psu_exit_register: signal %d cannot be caught",
                          signals[i]);
    if (signals[i] <= 0)
      return psu__set_err(err, PSU_EINVAL, 0,
                          "psu_exit_register: bad signal %d", signals[i]);
  }

  pthread_once(&atexit_once, install_atexit);
  if (atexit_rc != 0)
    return psu__set_err(err, PSU_ESYS, 0, "atexit");

  pthread_mutex_lock(&reg_lock);
  if (atomic_load(&started)) {
    rc = psu__set_err(err, PSU_EINVAL, 0,
                      "psu_exit_register: exit functions already ran");
    goto out;
  }
  k = atomic_load_explicit(&nfns, memory_order_relaxed);
  if (k == PSU_EXIT_MAX) {
    rc = psu__set_err(err, PSU_ENOMEM, 0,
                      "psu_exit_register: more than %d functions",
                      PSU_EXIT_MAX);
    goto out;
  }
  /* Publish the function before any handler that could run it exists. */
  fns[k].fn = fn;
  fns[k].arg = arg;
  atomic_store_explicit(&nfns, k + 1, memory_order_release);
  for (i = 0; i < n; i++) {
    rc = hook_signal(signals[i], err);
    if (rc != 0)
      goto out; /* fn stays registered for the exit path */
  }

out:
  pthread_mutex_unlock(&reg_lock);
  return rc;
}


int
psu_exit_register(psu_exit_fn fn, void *arg, psu_err_t *err) {
  return psu_exit_register_signals(fn, arg, NULL, 0, err);
}
