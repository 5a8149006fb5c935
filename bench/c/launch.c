/* W5 launcher: runs PROG once with fork + execv + wait4 and prints
 * {"wall":ns,"cpu":ns,"maxrss_kib":n,"status":s} on stdout.
 *
 * Why a C launcher: ru_maxrss is the high-water RSS of the child across
 * exec, and a Go parent starts children with vfork (CLONE_VM), so the
 * child's maxrss would start at the parent's RSS. A real fork() of this
 * small process keeps the measurement to the program itself.
 *
 * usage: launch PROG [ARGS...]   (PROG's stdout and stderr go to /dev/null)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: launch PROG [ARGS...]\n");
    return 2;
  }
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    return 1;
  }
  if (pid == 0) {
    if (devnull >= 0) {
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0)
    ;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  int64_t wall = (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000000 + (t1.tv_nsec - t0.tv_nsec);
  int64_t cpu = ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
                ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
  printf("{\"wall\":%lld,\"cpu\":%lld,\"maxrss_kib\":%ld,\"status\":%d}\n",
         (long long)wall, (long long)cpu, ru.ru_maxrss,
         WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  return 0;
}
