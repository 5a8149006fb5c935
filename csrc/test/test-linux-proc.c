/* test-linux-proc.c: the Linux process parsers on fixture buffers, then
 * the live API on this process and on the hostile fixture tree. */
#include "linux-proc-internal.h"
#include "task.h"

#include <errno.h>
#include <unistd.h>

static char *
slurp(const char *rel, size_t *len) {
  char path[1024];
  char *buf = NULL;
  snprintf(path, sizeof(path), "%s/linux/proc-hostile/%s", PSU_TESTDATA, rel);
  ASSERT(psu__read_file(path, &buf, len, 0) == 0);
  return buf;
}


static void
test_parsers(void) {
  size_t len;
  char *b;
  psu__linux_pid_stat_t st;
  psu__linux_pid_status_t s;
  psu__linux_smaps_sum_t sm;
  psu_proc_io_t io;
  uint64_t m[7];
  int64_t pos;
  int32_t flags;

  b = slurp("100/stat", &len);
  ASSERT_OK(psu__linux_parse_pid_stat(b, len, &st));
  ASSERT_EQ(st.name_len, 10u);
  ASSERT(memcmp(st.name, "a) (b c\nd\xff", 10) == 0);
  ASSERT_EQ(st.state, 'S');
  ASSERT_EQ(st.ppid, 1);
  ASSERT_EQ(st.tty_nr, 34816u);
  ASSERT_EQ(st.utime, 150u);
  ASSERT_EQ(st.stime, 50u);
  ASSERT_EQ(st.cutime, 30);
  ASSERT_EQ(st.starttime, 12345u);
  ASSERT_EQ(st.processor, 1);
  ASSERT_EQ(st.blkio_ticks, 7u);
  /* Every truncation of the buffer parses or fails cleanly. */
  for (size_t i = 0; i < len; i++)
    (void)psu__linux_parse_pid_stat(b, i, &st);
  psu__free(b);
  ASSERT_EQ(psu__linux_parse_pid_stat("1 (x S", 6, &st), PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_pid_stat("", 0, &st), PSU_EPARSE);

  b = slurp("100/status", &len);
  ASSERT_OK(psu__linux_parse_pid_status(b, len, &s));
  ASSERT_EQ(s.uid[0], 1000);
  ASSERT_EQ(s.uid[2], 1002);
  ASSERT_EQ(s.gid[1], 1001);
  ASSERT_EQ(s.threads, 3);
  ASSERT_EQ(s.tgid, 100);
  ASSERT_EQ(s.vm_rss, 4000u);
  ASSERT_EQ(s.rss_file + s.rss_shmem, 3000u);
  ASSERT_EQ(s.vol_ctxsw, 42u);
  ASSERT_EQ(s.nonvol_ctxsw, 7u);
  for (size_t i = 0; i < len; i++)
    (void)psu__linux_parse_pid_status(b, i, &s);
  psu__free(b);

  b = slurp("100/statm", &len);
  ASSERT_OK(psu__linux_parse_statm(b, len, m));
  ASSERT_EQ(m[0], 4000u);
  ASSERT_EQ(m[5], 783u);
  psu__free(b);

  b = slurp("100/smaps_rollup", &len);
  psu__linux_parse_smaps_sum(b, len, &sm);
  ASSERT_EQ(sm.uss, 1210u);
  ASSERT_EQ(sm.pss, 1500u);
  ASSERT_EQ(sm.swap, 64u);
  psu__free(b);

  b = slurp("100/io", &len);
  ASSERT_OK(psu__linux_parse_io(b, len, &io));
  ASSERT_EQ(io.read_chars, 100u);
  ASSERT_EQ(io.write_bytes, 8192u);
  psu__free(b);
  ASSERT_EQ(psu__linux_parse_io("", 0, &io), PSU_EPARSE);

  ASSERT_OK(psu__linux_parse_fdinfo("pos:\t5\nflags:\t0102002\n", 22, &pos,
                                    &flags));
  ASSERT_EQ(pos, 5);
  ASSERT_EQ(flags, 0102002);

  {
    psu__linux_inet_line_t l;
    const char *v4 = "   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 "
                     "00:00000000 00000000     0        0 12345 1 0000";
    const char *v6 = "   0: 00000000000000000000000001000000:1F90 "
                     "0000000000000000FFFF00000100007F:C350 01 00000000:00000000 "
                     "00:00000000 00000000  1000        0 777 1";
    ASSERT_OK(psu__linux_parse_inet_line(v4, strlen(v4), 0, &l));
    ASSERT_STR_EQ(l.laddr, "127.0.0.1");
    ASSERT_EQ(l.lport, 631);
    ASSERT_EQ(l.state, 10);
    ASSERT_EQ(l.inode, 12345u);
    ASSERT_OK(psu__linux_parse_inet_line(v6, strlen(v6), 1, &l));
    ASSERT_STR_EQ(l.laddr, "::1");
    ASSERT_EQ(l.lport, 8080);
    ASSERT_STR_EQ(l.raddr, "::ffff:127.0.0.1");
    ASSERT_EQ(l.rport, 50000);
    ASSERT_EQ(l.inode, 777u);
    ASSERT_EQ(psu__linux_parse_inet_line(v4, 20, 0, &l), PSU_EPARSE);
  }
  {
    psu__linux_unix_line_t u;
    const char *line = "0000000000000000: 00000002 00000000 00010000 0001 01 "
                       "4242 /run/my socket\n";
    ASSERT_OK(psu__linux_parse_unix_line(line, strlen(line), &u));
    ASSERT_EQ(u.type, 1);
    ASSERT_EQ(u.inode, 4242u);
    ASSERT_EQ(u.path_len, 14u);
    ASSERT(memcmp(u.path, "/run/my socket", 14) == 0);
  }
}


static void
test_live(void) {
  psu_proc_info_t info;
  psu_err_t err;
  int64_t *pids;
  size_t n, len;
  char *s;
  int exists, found = 0;

  memset(&info, 0, sizeof(info));
  ASSERT_OK(psu_proc_info(getpid(), PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS |
                                        PSU_PROC_PART_MEM,
                          &info, &err));
  ASSERT_EQ(info.ppid, getppid());
  ASSERT_EQ(info.uid[0], (int64_t)getuid());
  ASSERT_GT(info.rss, 0u);
  ASSERT_GT(info.create_time, 1e9);
  /* Linux fills the task fields with their parts: TASK is always set. */
  ASSERT_EQ(info.have, PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS |
                           PSU_PROC_PART_MEM | PSU_PROC_PART_TASK);
  /* Parts already there are not read again. */
  info.ppid = -42;
  ASSERT_OK(psu_proc_info(getpid(), PSU_PROC_PART_STAT, &info, &err));
  ASSERT_EQ(info.ppid, -42);

  ASSERT_OK(psu_pids(&pids, &n, &err));
  for (size_t i = 0; i < n; i++) {
    if (pids[i] == getpid())
      found = 1;
    if (i)
      ASSERT(pids[i - 1] < pids[i]);
  }
  ASSERT(found);
  psu_free(pids);

  ASSERT_OK(psu_pid_exists(getpid(), &exists, &err));
  ASSERT_EQ(exists, 1);
  ASSERT_OK(psu_pid_exists(0x7ffffffe, &exists, &err));
  ASSERT_EQ(exists, 0);

  ASSERT_OK(psu_proc_exe(getpid(), &s, &len, &err));
  ASSERT(len > 0 && s[0] == '/');
  psu_free(s);

  {
    int64_t bp[3] = {getpid(), 0x7ffffffe, getppid()};
    psu_proc_info_t bi[3];
    psu_err_t be[3];
    memset(bi, 0, sizeof(bi));
    ASSERT_EQ(psu_proc_info_batch(bp, 3,
                                  PSU_PROC_PART_STAT | PSU_PROC_PART_MEM |
                                      PSU_PROC_PART_FOOTPRINT,
                                  bi, be),
              1);
    ASSERT_EQ(be[0].code, 0);
    ASSERT_EQ(be[1].code, PSU_ENOSUCHPROC);
    ASSERT_EQ(be[2].code, 0);
    ASSERT_EQ(bi[0].ppid, getppid());
    ASSERT(bi[0].have & PSU_PROC_PART_FOOTPRINT);
    ASSERT_GT(bi[0].uss, 0u);
    ASSERT(bi[0].uss <= bi[0].rss);
  }

  memset(&info, 0, sizeof(info));
  ASSERT_EQ(psu_proc_info(-1, PSU_PROC_PART_STAT, &info, &err), PSU_EINVAL);
  ASSERT_EQ(psu_proc_info(0x7ffffffe, PSU_PROC_PART_STAT, &info, &err),
            PSU_ENOSUCHPROC);
  ASSERT_EQ(err.code, PSU_ENOSUCHPROC);
  ASSERT_EQ(psu_proc_signal(0x7ffffffe, 0, 0, &err), PSU_ENOSUCHPROC);
  /* A wrong identity is refused without signalling. */
  ASSERT_EQ(psu_proc_signal(getpid(), 1, 0, &err), PSU_ENOSUCHPROC);
  ASSERT_OK(psu_proc_signal(getpid(), 0, 0, &err));
}


static void
test_fixture_tree(void) {
  char root[1024];
  psu_proc_info_t info;
  psu_err_t err;
  psu_proc_mmap_t *maps;
  psu_proc_footprint_t fp;
  psu_proc_thread_t *th;
  size_t n, len;
  char *s;

  snprintf(root, sizeof(root), "%s/linux/proc-hostile", PSU_TESTDATA);
  ASSERT_OK(psu_set_procfs_path(root, &err));

  memset(&info, 0, sizeof(info));
  ASSERT_OK(psu_proc_info(100, PSU_PROC_PART_STAT | PSU_PROC_PART_MEM, &info,
                          &err));
  ASSERT_EQ(info.name_len, 10u);
  ASSERT(info.create_time > 1700000123.44 && info.create_time < 1700000123.46);
  ASSERT_EQ(info.rss, 1000 * (uint64_t)sysconf(_SC_PAGESIZE));

  ASSERT_OK(psu_proc_memory_maps(100, 1, &maps, &n, &err));
  ASSERT_EQ(n, 4u);
  ASSERT_STR_EQ(maps[0].path, "/usr/bin/hostile name");
  ASSERT_STR_EQ(maps[2].path, "[anon]");
  ASSERT_STR_EQ(maps[3].path, "/tmp/gone");
  ASSERT_EQ(maps[0].rss, 12 * 1024u);
  psu_free(maps);

  ASSERT_OK(psu_proc_footprint(100, &fp, &err));
  ASSERT_EQ(fp.uss, 1210 * 1024u);

  ASSERT_OK(psu_proc_threads(100, &th, &n, &err));
  ASSERT_EQ(n, 2u);
  psu_free(th);

  ASSERT_OK(psu_proc_cmdline(100, &s, &len, &err));
  ASSERT(len > 100000);
  psu_free(s);

  /* Zombie: data gone. */
  ASSERT_EQ(psu_proc_cmdline(200, &s, &len, &err), PSU_EZOMBIE);
  ASSERT_EQ(psu_proc_exe(200, &s, &len, &err), PSU_EZOMBIE);
  /* Kernel thread: no exe, alive. */
  ASSERT_OK(psu_proc_exe(300, &s, &len, &err));
  ASSERT_EQ(len, 0u);
  psu_free(s);
  /* Not in the tree. */
  ASSERT_EQ(psu_proc_exe(999, &s, &len, &err), PSU_ENOSUCHPROC);

  ASSERT_OK(psu_set_procfs_path("/proc", &err));
}


int
main(void) {
  test_parsers();
  test_live();
  test_fixture_tree();
  printf("ok\n");
  return 0;
}
