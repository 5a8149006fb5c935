/* test-linux-cgroup.c: cgroup, PSI and netlink parsers and readers, on
 * buffers, on the testdata/cgroup-* fixture trees and on live sockets. */
#include "psu.h"
#include "linux-cgroup-internal.h"
#include "task.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#define S(lit) lit, sizeof(lit) - 1


static void
test_parse_procfile(void) {
  psu__cg_line_t l[4];
  size_t n = 0;

  ASSERT_OK(psu__linux_parse_cgroup_procfile(
      S("12:pids:/docker/a:b\n5:cpu,cpuacct:/\n0::/user.slice\n"), l, 4, &n));
  ASSERT_EQ(n, 3);
  ASSERT_EQ(l[0].id, 12);
  ASSERT_STR_EQ(l[0].controllers, "pids");
  ASSERT_STR_EQ(l[0].path, "/docker/a:b"); /* the path may hold ':' */
  ASSERT_STR_EQ(l[1].controllers, "cpu,cpuacct");
  ASSERT_EQ(l[2].id, 0);
  ASSERT_STR_EQ(l[2].controllers, "");
  ASSERT_STR_EQ(l[2].path, "/user.slice");
  /* more lines than room: counted, not written */
  ASSERT_OK(psu__linux_parse_cgroup_procfile(S("1:a:/\n2:b:/\n"), l, 1, &n));
  ASSERT_EQ(n, 2);
  ASSERT_EQ(psu__linux_parse_cgroup_procfile(S("garbage\n"), l, 4, &n),
            PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_cgroup_procfile(S("x:memory:/\n"), l, 4, &n),
            PSU_EPARSE);
}


static void
test_parse_mountinfo_resolve(void) {
  static const char mi[] =
      "22 1 0:21 / /proc rw - proc proc rw\n"
      "30 25 0:26 / /sys/fs/cgroup/unified rw shared:1 - cgroup2 cgroup2 rw\n"
      "31 25 0:27 /docker/x /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup "
      "rw,cpu,cpuacct\n"
      "32 25 0:28 / /mnt/my\\040cgroups rw - cgroup cgroup rw,memory\n"
      "33 25 0:29 / /sys/fs/cgroup/systemd rw - cgroup cgroup "
      "rw,xattr,name=systemd\n"
      "broken line\n";
  psu__cg_mount_t m[8];
  psu__cg_line_t line;
  size_t n = 0;
  char dir[PSU_CGROUP_PATH_MAX];

  ASSERT_OK(psu__linux_parse_cgroup_mountinfo(mi, sizeof(mi) - 1, m, 8, &n));
  ASSERT_EQ(n, 4);
  ASSERT_EQ(m[0].v2, 1);
  ASSERT_STR_EQ(m[0].point, "/sys/fs/cgroup/unified");
  ASSERT_STR_EQ(m[1].root, "/docker/x");
  ASSERT_STR_EQ(m[1].opts, "rw,cpu,cpuacct");
  ASSERT_STR_EQ(m[2].point, "/mnt/my cgroups"); /* \040 decoded */

  memset(&line, 0, sizeof(line));
  line.id = 0;
  psu__strlcpy(line.path, "/user.slice/a", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/fix/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "/fix/sys/fs/cgroup/unified/user.slice/a");

  /* mount root /docker/x: the container's own cgroup is the mount point */
  line.id = 4;
  psu__strlcpy(line.controllers, "cpu,cpuacct", sizeof(line.controllers));
  psu__strlcpy(line.path, "/docker/x", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "/sys/fs/cgroup/cpu,cpuacct");
  psu__strlcpy(line.path, "/docker/x/sub", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "/sys/fs/cgroup/cpu,cpuacct/sub");
  /* outside the mounted part: not reachable */
  psu__strlcpy(line.path, "/docker/xy", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "");

  /* outside our cgroup namespace */
  psu__strlcpy(line.path, "/../other", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "");

  /* a mount point outside /sys keeps its path */
  psu__strlcpy(line.controllers, "memory", sizeof(line.controllers));
  psu__strlcpy(line.path, "/", sizeof(line.path));
  psu__linux_cgroup_resolve(&line, m, n, "/fix/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "/mnt/my cgroups");

  /* named hierarchy; and a controller that is not mounted */
  psu__strlcpy(line.controllers, "name=systemd", sizeof(line.controllers));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "/sys/fs/cgroup/systemd");
  psu__strlcpy(line.controllers, "pids", sizeof(line.controllers));
  psu__linux_cgroup_resolve(&line, m, n, "/sys", dir, sizeof(dir));
  ASSERT_STR_EQ(dir, "");
}


static void
test_parse_values(void) {
  int64_t v, q;
  uint64_t u, p;
  psu_cgroup_io_t io[4];
  size_t n;

  ASSERT_OK(psu__linux_parse_cgroup_limit(S("max\n"), &v));
  ASSERT_EQ(v, PSU_CGROUP_UNLIMITED);
  ASSERT_OK(psu__linux_parse_cgroup_limit(S("9223372036854771712\n"), &v));
  ASSERT_EQ(v, PSU_CGROUP_UNLIMITED);
  ASSERT_OK(psu__linux_parse_cgroup_limit(S("-1\n"), &v));
  ASSERT_EQ(v, PSU_CGROUP_UNLIMITED);
  ASSERT_OK(psu__linux_parse_cgroup_limit(S("1048576\n"), &v));
  ASSERT_EQ(v, 1048576);
  ASSERT_EQ(psu__linux_parse_cgroup_limit(S("lots\n"), &v), PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_cgroup_limit(S(""), &v), PSU_EPARSE);

  ASSERT_OK(psu__linux_parse_cgroup_cpumax(S("max 100000\n"), &q, &p));
  ASSERT_EQ(q, PSU_CGROUP_UNLIMITED);
  ASSERT_EQ(p, 100000);
  ASSERT_OK(psu__linux_parse_cgroup_cpumax(S("150000 100000\n"), &q, &p));
  ASSERT_EQ(q, 150000);
  ASSERT_EQ(psu__linux_parse_cgroup_cpumax(S("150000\n"), &q, &p), PSU_EPARSE);

  /* whole-key match: "oom" must not hit "oom_kill" or "oom_group_kill" */
  ASSERT_OK(psu__linux_parse_cgroup_kv(
      S("oom_group_kill 9\noom_kill 5\noom 3\n"), "oom", &u));
  ASSERT_EQ(u, 3);
  ASSERT_OK(psu__linux_parse_cgroup_kv(S("oom_kill 5\noom 3\n"), "oom_kill",
                                       &u));
  ASSERT_EQ(u, 5);
  ASSERT_EQ(psu__linux_parse_cgroup_kv(S("oom 3"), "max", &u), -1);

  ASSERT_OK(psu__linux_parse_cgroup_iostat(
      S("8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=5 dios=6\n"
        "259:0 rbytes=7 cost.usage=1.5 wios=8\n"),
      io, 4, &n));
  ASSERT_EQ(n, 2);
  ASSERT_EQ(io[0].major, 8);
  ASSERT_EQ(io[0].dios, 6);
  ASSERT_EQ(io[1].major, 259);
  ASSERT_EQ(io[1].rbytes, 7);
  ASSERT_EQ(io[1].wios, 8);
  ASSERT_EQ(psu__linux_parse_cgroup_iostat(S("sda rbytes=1\n"), io, 4, &n),
            PSU_EPARSE);

  n = 0;
  ASSERT_OK(psu__linux_parse_cgroup_blkio(
      S("8:0 Read 10\n8:0 Write 20\n8:0 Total 30\n8:16 Discard 4\nTotal 34\n"),
      1, io, 4, &n));
  ASSERT_EQ(n, 2);
  ASSERT_EQ(io[0].rbytes, 10);
  ASSERT_EQ(io[0].wbytes, 20);
  ASSERT_EQ(io[1].minor, 16);
  ASSERT_EQ(io[1].dbytes, 4);
  ASSERT_OK(psu__linux_parse_cgroup_blkio(S("8:0 Read 1\n"), 0, io, 4, &n));
  ASSERT_EQ(n, 2);
  ASSERT_EQ(io[0].rios, 1);
}


static void
test_parse_pressure(void) {
  psu_pressure_t p;

  ASSERT_OK(psu__linux_parse_pressure(
      S("some avg10=1.50 avg60=0.25 avg300=100.00 total=123\n"
        "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
      &p));
  ASSERT(p.some.avg10 == 1.5 && p.some.avg60 == 0.25 && p.some.avg300 == 100);
  ASSERT_EQ(p.some.total, 123);
  ASSERT_EQ(p.has_full, 1);
  ASSERT_OK(psu__linux_parse_pressure(
      S("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"), &p));
  ASSERT_EQ(p.has_full, 0);
  ASSERT_OK(psu__linux_parse_pressure(
      S("full avg10=0.10 avg60=0.00 avg300=0.00 total=9\n"), &p)); /* irq */
  ASSERT_EQ(p.has_full, 1);
  ASSERT_EQ(p.full.total, 9);
  ASSERT_EQ(p.some.total, 0);
  ASSERT_EQ(psu__linux_parse_pressure(S(""), &p), PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_pressure(S("some avg10=x avg60=0 avg300=0 "
                                        "total=1\n"), &p), PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_pressure(S("some avg10=0.00 total=1\n"), &p),
            PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_pressure(S("weird line\n"), &p), PSU_EPARSE);
}


static void
set_fixture(const char *name) {
  char path[1024];
  psu_err_t err;

  snprintf(path, sizeof(path), "%s/%s/proc", PSU_TESTDATA, name);
  ASSERT_OK(psu_set_procfs_path(path, &err));
  snprintf(path, sizeof(path), "%s/%s/sys", PSU_TESTDATA, name);
  ASSERT_OK(psu_set_sysfs_path(path, &err));
}


static void
test_fixture_v2(void) {
  psu_cgroup_stat_t st;
  psu_cgroup_entry_t *e = NULL;
  psu_cgroup_io_t *io = NULL;
  psu_pressure_t p;
  psu_err_t err;
  size_t n = 0;
  int ver = 0;
  char dir[PSU_CGROUP_PATH_MAX];

  set_fixture("cgroup-v2");
  ASSERT_OK(psu_cgroup_of(4242, &e, &n, &err));
  ASSERT_EQ(n, 1);
  ASSERT_EQ(e[0].version, 2);
  ASSERT(strstr(e[0].dir, "/sys/fs/cgroup/kubepods/pod1/ctr") != NULL);
  psu_free(e);
  ASSERT_EQ(psu_cgroup_of(999999, &e, &n, &err), PSU_ENOSUCHPROC);
  ASSERT_EQ(err.code, PSU_ENOSUCHPROC);

  ASSERT_OK(psu_cgroup_stat(4242, &st, &err));
  ASSERT_EQ(st.has_memory, 1);
  ASSERT_EQ(st.memory_version, 2);
  ASSERT_EQ(st.memory_max, 1073741824);
  ASSERT_EQ(st.memory_high, PSU_CGROUP_UNLIMITED);
  ASSERT_EQ(st.memory_effective_max, 805306368);
  ASSERT_EQ(st.memory_current, 536870912);
  ASSERT_EQ(st.inactive_file, 134217728);
  ASSERT_EQ(st.oom, 3);
  ASSERT_EQ(st.oom_kill, 1);
  ASSERT_EQ(st.swap_max, 0);
  ASSERT_EQ(st.has_cpu, 1);
  ASSERT_EQ(st.cpu_quota_us, 150000);
  ASSERT(st.cpu_limit == 1.5 && st.cpu_effective_limit == 1.0);
  ASSERT_EQ(st.throttled_usec, 300000);
  ASSERT_EQ(st.pids_current, 7);
  ASSERT_EQ(st.pids_max, 100);

  ASSERT_OK(psu_cgroup_io(4242, &io, &n, &ver, &err));
  ASSERT_EQ(ver, 2);
  ASSERT_EQ(n, 2);
  ASSERT_EQ(io[1].major, 253);
  ASSERT_EQ(io[1].dbytes, 512);
  psu_free(io);

  ASSERT_OK(psu_cgroup_unified_dir(4242, dir, sizeof(dir), &err));
  ASSERT_OK(psu_cgroup_pressure_dir(dir, "cpu", &p, &err));
  ASSERT_EQ(p.some.total, 42);
  ASSERT_EQ(psu_cgroup_pressure_dir(dir, "irq", &p, &err), PSU_ENOTSUP);
  ASSERT_EQ(psu_cgroup_pressure_dir(dir, "disk", &p, &err), PSU_EINVAL);
}


static void
test_fixture_v1_hybrid(void) {
  psu_cgroup_stat_t st;
  psu_cgroup_io_t *io = NULL;
  psu_err_t err;
  size_t n = 0;
  int ver = 0;
  char dir[PSU_CGROUP_PATH_MAX];
  uint64_t total = 0;

  set_fixture("cgroup-v1");
  ASSERT_OK(psu_cgroup_stat(0, &st, &err));
  ASSERT_EQ(st.memory_version, 1);
  ASSERT_EQ(st.memory_max, 536870912);
  ASSERT_EQ(st.swap_max, 536870912);
  ASSERT_EQ(st.swap_current, 33554432);
  ASSERT_EQ(st.inactive_file, 67108864); /* total_, not the local value */
  ASSERT_EQ(st.oom_kill, 2);
  ASSERT_EQ(st.cpu_version, 1);
  ASSERT_EQ(st.cpu_quota_us, 50000);
  ASSERT(st.cpu_limit == 0.5);
  ASSERT_EQ(st.cpu_usage_usec, 5000000);
  ASSERT_EQ(st.throttled_usec, 2000);
  ASSERT_EQ(st.pids_max, PSU_CGROUP_UNLIMITED);
  ASSERT_OK(psu_cgroup_io(0, &io, &n, &ver, &err));
  ASSERT_EQ(ver, 1);
  ASSERT_EQ(n, 2);
  ASSERT_EQ(io[0].wbytes, 2097152);
  ASSERT_EQ(io[0].wios, 20);
  psu_free(io);
  ASSERT_EQ(psu_cgroup_unified_dir(0, dir, sizeof(dir), &err), PSU_ENOTSUP);
  ASSERT_OK(psu_cgroup_host_memtotal(&total, &err));
  ASSERT_EQ(total, 8388608ULL * 1024);

  set_fixture("cgroup-hybrid");
  ASSERT_OK(psu_cgroup_stat(0, &st, &err));
  ASSERT_EQ(st.memory_version, 1);
  ASSERT_EQ(st.memory_max, 2147483648LL);
  ASSERT_EQ(st.cpu_version, 1);
  ASSERT_EQ(st.cpu_quota_us, PSU_CGROUP_UNLIMITED);
  ASSERT(st.cpu_limit == -1);
  ASSERT_EQ(st.has_pids, 0);
  ASSERT_OK(psu_cgroup_io(0, &io, &n, &ver, &err));
  ASSERT_EQ(ver, 0);
  ASSERT_EQ(n, 0);
  ASSERT(io == NULL);
  ASSERT_OK(psu_cgroup_unified_dir(0, dir, sizeof(dir), &err));
  ASSERT(strstr(dir, "unified/user.slice/session-1.scope") != NULL);

  ASSERT_EQ(psu_cgroup_stat_dir("/nonexistent/cgroup", &st, &err),
            PSU_ENOTFOUND);
}


static void
test_fixture_pressure(void) {
  psu_pressure_t p;
  psu_err_t err;

  set_fixture("pressure");
  ASSERT_OK(psu_pressure("cpu", &p, &err));
  ASSERT_EQ(p.has_full, 0);
  ASSERT_EQ(p.some.total, 987654321);
  ASSERT_OK(psu_pressure("irq", &p, &err));
  ASSERT_EQ(p.full.total, 4567);
  ASSERT_EQ(psu_pressure("gpu", &p, &err), PSU_EINVAL);
  set_fixture("cgroup-hybrid");
  ASSERT_EQ(psu_pressure("cpu", &p, &err), PSU_ENOTSUP);
}


static void
test_netlink_live(void) {
  psu_sockdiag_conn_t *c = NULL;
  psu_err_t err;
  struct sockaddr_in sa;
  socklen_t sl = sizeof(sa);
  size_t n = 0, i;
  int fd, rc, found = 0;

  ASSERT_OK(psu_set_procfs_path("/proc", &err));
  fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT(fd >= 0);
  memset(&sa, 0, sizeof(sa));
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_OK(bind(fd, (struct sockaddr *)&sa, sizeof(sa)));
  ASSERT_OK(listen(fd, 1));
  ASSERT_OK(getsockname(fd, (struct sockaddr *)&sa, &sl));
  rc = psu_net_connections_netlink(PSU_SOCKDIAG_TCP4 | PSU_SOCKDIAG_UNIX,
                                   getpid(), &c, &n, &err);
  if (rc == PSU_ENOTSUP || rc == PSU_EACCESS) {
    close(fd);
    printf("SKIP netlink: sock_diag not usable (%s)\n", err.where);
    return;
  }
  ASSERT_OK(rc);
  for (i = 0; i < n; i++) {
    if (c[i].fd == fd) {
      ASSERT_EQ(c[i].family, AF_INET);
      ASSERT_EQ(c[i].type, SOCK_STREAM);
      ASSERT_EQ(c[i].state, 10); /* TCP_LISTEN */
      ASSERT_EQ(c[i].lport, ntohs(sa.sin_port));
      ASSERT_STR_EQ(c[i].lip, "127.0.0.1");
      ASSERT_EQ(c[i].pid, getpid());
      found = 1;
    }
  }
  ASSERT(found);
  psu_free(c);
  ASSERT_OK(psu_net_connections_netlink(PSU_SOCKDIAG_TCP4,
                                        PSU_SOCKDIAG_NO_OWNER, &c, &n, &err));
  for (i = 0, found = 0; i < n; i++)
    found |= c[i].lport == ntohs(sa.sin_port) && c[i].pid == -1 &&
             c[i].fd == -1;
  ASSERT(found);
  psu_free(c);
  close(fd);
}


int
main(void) {
  test_parse_procfile();
  test_parse_mountinfo_resolve();
  test_parse_values();
  test_parse_pressure();
  test_fixture_v2();
  test_fixture_v1_hybrid();
  test_fixture_pressure();
  test_netlink_live();
  printf("test-linux-cgroup: ok\n");
  return 0;
}
