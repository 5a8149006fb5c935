/* test-posix-exitfunc.c: psu_exit_register* in forked children. Each child
 * writes one line per event into a pipe; the parent checks the lines and the
 * exit status. */
#include "psu.h"
#include "task.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int out_fd = -1;


static void
say(const char *s) {
  /* async-signal-safe */
  ssize_t r = write(out_fd, s, strlen(s));
  (void)r;
}


static void
exit_fn(void *arg) {
  say((const char *)arg);
}


static void
prev_handler(int signo) {
  (void)signo;
  say("prev\n");
}


static void
prev_siginfo(int signo, siginfo_t *info, void *uctx) {
  (void)signo;
  (void)uctx;
  say(info != NULL ? "prev-info\n" : "prev-noinfo\n");
}


typedef void (*child_fn)(void);

/* Run body in a child; return its wait status and what it wrote. */
static int
in_child(child_fn body, char *buf, size_t cap) {
  int fds[2];
  pid_t pid;
  int status = 0;
  size_t len = 0;
  ssize_t r;

  ASSERT_EQ(pipe(fds), 0);
  pid = fork();
  ASSERT(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    out_fd = fds[1];
    body();
    _exit(99); /* body must not get here */
  }
  close(fds[1]);
  while (len + 1 < cap && (r = read(fds[0], buf + len, cap - 1 - len)) != 0) {
    if (r < 0 && errno == EINTR)
      continue;
    ASSERT(r > 0);
    len += (size_t)r;
  }
  buf[len] = '\0';
  close(fds[0]);
  while (waitpid(pid, &status, 0) < 0)
    ASSERT_EQ(errno, EINTR);
  return status;
}


/* No prior handler: functions run once (LIFO), then the process dies from
 * SIGTERM. */
static void
child_default(void) {
  ASSERT_OK(psu_exit_register(exit_fn, "first\n", NULL));
  ASSERT_OK(psu_exit_register(exit_fn, "second\n", NULL));
  kill(getpid(), SIGTERM);
  say("survived\n");
  exit(0);
}


/* A prior plain handler is chained and returns, so the program goes on;
 * exit() then must not run the function a second time. */
static void
child_chain(void) {
  struct sigaction sa;

  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = prev_handler;
  sigemptyset(&sa.sa_mask);
  ASSERT_EQ(sigaction(SIGTERM, &sa, NULL), 0);
  ASSERT_OK(psu_exit_register(exit_fn, "fn\n", NULL));
  raise(SIGTERM);
  say("after\n");
  exit(3);
}


/* SIGINT with a prior SA_SIGINFO handler. */
static void
child_siginfo(void) {
  struct sigaction sa;
  int sigs[] = {SIGINT};

  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = prev_siginfo;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  ASSERT_EQ(sigaction(SIGINT, &sa, NULL), 0);
  ASSERT_OK(psu_exit_register_signals(exit_fn, "fn\n", sigs, 1, NULL));
  raise(SIGINT);
  raise(SIGINT); /* functions already ran: only the chained handler */
  exit(4);
}


/* Normal exit path. */
static void
child_exit(void) {
  ASSERT_OK(psu_exit_register(exit_fn, "fn\n", NULL));
  exit(5);
}


/* An ignored signal stays ignored. */
static void
child_ignored(void) {
  int sigs[] = {SIGHUP};

  signal(SIGHUP, SIG_IGN);
  ASSERT_OK(psu_exit_register_signals(exit_fn, "fn\n", sigs, 1, NULL));
  raise(SIGHUP);
  say("alive\n");
  exit(6);
}


int
main(void) {
  char buf[256];
  int st;
  psu_err_t err;
  int bad[] = {SIGKILL};

  st = in_child(child_default, buf, sizeof(buf));
  ASSERT(WIFSIGNALED(st));
  ASSERT_EQ(WTERMSIG(st), SIGTERM);
  ASSERT_STR_EQ(buf, "second\nfirst\n");

  st = in_child(child_chain, buf, sizeof(buf));
  ASSERT(WIFEXITED(st));
  ASSERT_EQ(WEXITSTATUS(st), 3);
  ASSERT_STR_EQ(buf, "fn\nprev\nafter\n");

  st = in_child(child_siginfo, buf, sizeof(buf));
  ASSERT(WIFEXITED(st));
  ASSERT_EQ(WEXITSTATUS(st), 4);
  ASSERT_STR_EQ(buf, "fn\nprev-info\nprev-info\n");

  st = in_child(child_exit, buf, sizeof(buf));
  ASSERT(WIFEXITED(st));
  ASSERT_EQ(WEXITSTATUS(st), 5);
  ASSERT_STR_EQ(buf, "fn\n");

  st = in_child(child_ignored, buf, sizeof(buf));
  ASSERT(WIFEXITED(st));
  ASSERT_EQ(WEXITSTATUS(st), 6);
  ASSERT_STR_EQ(buf, "alive\nfn\n");

  /* Argument checks, in this process (registers nothing). */
  ASSERT_EQ(psu_exit_register_signals(exit_fn, "x", bad, 1, &err), PSU_EINVAL);
  ASSERT_EQ(err.code, PSU_EINVAL);
  ASSERT_EQ(psu_exit_register(NULL, NULL, &err), PSU_EINVAL);
  printf("ok\n");
  return 0;
}
