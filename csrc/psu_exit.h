/* psu_exit.h: Always-run exit functions for C tools (atexit plus signal chaining).
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_EXIT_H
#define PSU_EXIT_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Unix only (csrc/posix_exitfunc.c); not built on Windows.
 *
 * psu_exit_register(fn, arg, err) arranges for fn(arg) to run exactly once
 * when the process ends through exit() / return from main (atexit) or
 * through SIGTERM. psu_exit_register_signals() does the same for the listed
 * signals instead of SIGTERM (signals == NULL or n == 0 means SIGTERM).
 *
 * When a registered signal arrives, every registered function runs once, in
 * reverse order of registration. Then the handler that was installed before
 * psu_exit is chained: a function handler is called and, if it returns, so
 * does psu_exit's handler (the program goes on; a later exit() does not run
 * the functions again). If the old disposition was SIG_DFL, it is restored
 * and the signal raised again, so the exit status is "killed by SIGTERM";
 * should the default action not terminate, the process _exit()s with
 * 128 + signal. A signal whose disposition is SIG_IGN at registration stays
 * ignored (nohup keeps working).
 *
 * Limits, stated plainly:
 *  - SIGKILL and SIGSTOP cannot be caught (PSU_EINVAL), nor can _exit(),
 *    abort() or a crash run the functions.
 *  - On a signal the functions run inside the signal handler: they must only
 *    make async-signal-safe calls (write, close, unlink, rename, _exit...;
 *    not printf or malloc).
 *  - At most PSU_EXIT_MAX functions and PSU_EXIT_MAX_SIGNALS distinct
 *    signals (PSU_ENOMEM beyond that). A function registered after the
 *    functions started to run is not run.
 *  - A signal that arrives while the functions already run (started by
 *    exit() or by another signal) does not wait for them: it goes straight
 *    to the chained or default action.
 *
 * Thread-safety: registration takes a lock; the handler takes none (it reads
 * the table through C11 atomics, so it is async-signal-safe) and a single
 * atomic flag makes the functions run once across threads and signals. */
#if !defined(_WIN32)

#define PSU_EXIT_MAX 32
#define PSU_EXIT_MAX_SIGNALS 16

typedef void (*psu_exit_fn)(void *arg);

PSU_EXTERN int psu_exit_register(psu_exit_fn fn, void *arg, psu_err_t *err);
PSU_EXTERN int psu_exit_register_signals(psu_exit_fn fn, void *arg,
                                         const int *signals, size_t n,
                                         psu_err_t *err);

#endif /* !_WIN32 */

#ifdef __cplusplus
}
#endif

#endif /* PSU_EXIT_H */
