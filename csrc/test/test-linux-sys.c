/* Linux system API: the buffer parsers and the public functions on the
 * fixture trees in testdata/linux/<case>/{proc,sys}. */
#include "linux-internal.h"
#include "task.h"

#include <errno.h>
#include <unistd.h>

#define KB 1024ULL

static void
set_roots(const char *proc_case, const char *sys_case) {
  char p[PSU_ROOT_MAX];
  psu_err_t err;

  snprintf(p, sizeof(p), "%s/linux/%s/proc", PSU_TESTDATA, proc_case);
  ASSERT_OK(psu_set_procfs_path(p, &err));
  snprintf(p, sizeof(p), "%s/linux/%s/sys", PSU_TESTDATA, sys_case);
  ASSERT_OK(psu_set_sysfs_path(p, &err));
}


static double
dabs(double a) {
  return a < 0 ? -a : a;
}


static double
dmin(double a, double b) {
  return a < b ? a : b;
}


static int
near(double a, double b) {
  return dabs(a - b) < 1e-9 * (dabs(b) > 1 ? dabs(b) : 1);
}


/* Copy s into an exact-size heap block (no NUL) so ASan sees overreads. */
static char *
dup_exact(const char *s, size_t n) {
  char *b = malloc(n ? n : 1);
  ASSERT(b != NULL);
  memcpy(b, s, n);
  return b;
}


static void
test_parse_stat(void) {
  const char *full = "cpu  1000 200 300 4000 50 6 7 8 90 10\n"
                     "cpu0 500 100 150 2000 25 3 4 4 45 5\n"
                     "cpu1 500 100 150 2000 25 3 3 4 45 5\n"
                     "intr 12345 1 2\nctxt 67890\nbtime 1700000000\n"
                     "softirq 5555 1 2\n";
  const char *old = "cpu  1000 200 300 4000\ncpu0 1000 200 300 4000 50\n";
  psu__linux_stat_t st;
  psu_cpu_times_t per[4];
  psu_err_t err;

  ASSERT_OK(psu__linux_parse_stat(full, strlen(full), 100, &st, per, 4, &err));
  ASSERT_EQ(st.ncpu, 2);
  ASSERT(near(st.total.user, 10) && near(st.total.nice, 2));
  ASSERT(near(st.total.steal, 0.08) && near(st.total.guest, 0.9));
  ASSERT(near(st.total.guest_nice, 0.1));
  ASSERT(near(per[1].softirq, 0.03));
  ASSERT_EQ(st.stats.ctx_switches, 67890);
  ASSERT_EQ(st.stats.interrupts, 12345);
  ASSERT_EQ(st.stats.soft_interrupts, 5555);
  ASSERT_EQ(st.btime, 1700000000);

  /* No steal/guest columns: zeros. */
  ASSERT_OK(psu__linux_parse_stat(old, strlen(old), 100, &st, per, 4, &err));
  ASSERT(near(st.total.idle, 40) && st.total.iowait == 0 &&
         st.total.steal == 0 && st.total.guest_nice == 0);
  ASSERT(near(per[0].iowait, 0.5));
  /* cap smaller than the CPU count: counted, not written past cap. */
  ASSERT_OK(psu__linux_parse_stat(full, strlen(full), 100, &st, per, 1, &err));
  ASSERT_EQ(st.ncpu, 2);

  ASSERT_EQ(psu__linux_parse_stat("cpu  1 2 x 4\n", 13, 100, &st, NULL, 0,
                                  &err),
            PSU_EPARSE);
  ASSERT_EQ(err.code, PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_stat("cpu  1 2\n", 9, 100, &st, NULL, 0, &err),
            PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_stat("intr 1\n", 7, 100, &st, NULL, 0, &err),
            PSU_EPARSE); /* no cpu line */
  ASSERT_EQ(psu__linux_parse_stat("cpu  99999999999999999999999 1 1 1\n",
                                  35, 100, &st, NULL, 0, &err),
            PSU_EPARSE); /* overflow */
}


static void
test_parse_meminfo(void) {
  const char *no_avail = "MemTotal:        8000000 kB\n"
                         "MemFree:1000000 kB\n" /* no space after ':' */
                         "Cached:          3000000 kB\n"
                         "Active(file):    1500000 kB\n"
                         "Inactive(file):  1400000 kB\n"
                         "SReclaimable:     300000 kB\n";
  const char *zone = "Node 0, zone DMA\n  pages free 3\n        low      1000\n"
                     "        lowmem_reserve_ratio 5\n"
                     "Node 0, zone Normal\n        low 1000\n";
  psu__linux_meminfo_t m;
  psu_virtual_memory_t vm;
  uint64_t pages, in, out;
  double wm, pc, sr, avail;
  psu_err_t err;

  ASSERT_OK(psu__linux_parse_meminfo(no_avail, strlen(no_avail), &m, &err));
  ASSERT(!m.has_available && m.has_active_file);
  ASSERT_EQ(m.mem_free, 1000000 * KB);
  ASSERT_OK(psu__linux_parse_zoneinfo_low(zone, strlen(zone), &pages, &err));
  ASSERT_EQ(pages, 2000);

  psu__linux_calc_vmem(&m, 1, pages * 4096, &vm);
  wm = 2000 * 4096.0;
  pc = (1500000 + 1400000) * 1024.0;
  sr = 300000 * 1024.0;
  avail = 1000000 * 1024.0 - wm + (pc - dmin(pc / 2, wm)) +
          (sr - dmin(sr / 2, wm));
  ASSERT_EQ(vm.available, (uint64_t)avail);
  ASSERT_EQ(vm.used, vm.total - vm.available);
  ASSERT_EQ(vm.cached, 3300000 * KB);
  /* No zoneinfo: free + Cached. */
  psu__linux_calc_vmem(&m, 0, 0, &vm);
  ASSERT_EQ(vm.available, 4000000 * KB);
  /* available > total (LXC): free. */
  m.has_available = 1;
  m.mem_available = 9000000 * KB;
  psu__linux_calc_vmem(&m, 0, 0, &vm);
  ASSERT_EQ(vm.available, vm.free);

  ASSERT_EQ(psu__linux_parse_meminfo("MemTotal: 12x kB\nMemFree: 1 kB\n", 31,
                                     &m, &err),
            PSU_EPARSE);
  ASSERT_EQ(psu__linux_parse_meminfo("MemTotal: 1 kB\n", 15, &m, &err),
            PSU_EPARSE); /* MemFree missing */
  ASSERT_OK(psu__linux_parse_vmstat("pswpin 7\npswpout 9\n", 19, &in, &out,
                                    &err));
  ASSERT(in == 7 && out == 9);
  ASSERT_EQ(psu__linux_parse_vmstat("pswpin -1\n", 10, &in, &out, &err),
            PSU_EPARSE);
}


static void
test_parse_disks(void) {
  const char *l14 = "   8       0 sda 100 10 2000 50 200 20 4000 60 0 70 110\n";
  const char *l18 = "8 1 sda1 40 4 800 20 80 8 1600 30 0 35 50 1 2 3 4\n";
  const char *l20 =
      "259 0 nvme0n1 300 30 6000 150 600 60 12000 180 0 210 330 0 0 0 0 5 6";
  const char *l7 = "   3    1   hda1 35486 38030 38031 38032\n";
  const char *l15 = "8 0 0 sdb 10 1 20 3 40 4 80 5 0 6 7\n";
  psu__linux_diskstat_t d;
  char s[64];

  ASSERT_OK(psu__linux_parse_diskstats_line(l14, l14 + strlen(l14), &d));
  ASSERT(d.name_len == 3 && memcmp(d.name, "sda", 3) == 0);
  ASSERT(d.reads == 100 && d.reads_merged == 10 && d.rsectors == 2000 &&
         d.rtime == 50 && d.writes == 200 && d.wtime == 60 &&
         d.busy_time == 70);
  ASSERT_OK(psu__linux_parse_diskstats_line(l18, l18 + strlen(l18), &d));
  ASSERT(d.name_len == 4 && d.busy_time == 35 && d.wsectors == 1600);
  ASSERT_OK(psu__linux_parse_diskstats_line(l20, l20 + strlen(l20), &d));
  ASSERT(d.name_len == 7 && d.busy_time == 210 && d.writes_merged == 60);
  ASSERT_OK(psu__linux_parse_diskstats_line(l7, l7 + strlen(l7), &d));
  ASSERT(d.reads == 35486 && d.rsectors == 38030 && d.writes == 38031 &&
         d.wsectors == 38032 && d.rtime == 0 && d.busy_time == 0);
  ASSERT_OK(psu__linux_parse_diskstats_line(l15, l15 + strlen(l15), &d));
  ASSERT(d.name_len == 3 && memcmp(d.name, "sdb", 3) == 0 && d.reads == 0 &&
         d.reads_merged == 10 && d.wtime == 80);
  {
    const char *bad = "8 0 sda 1 2 3 4 5 6 7 8 9\n"; /* 12 fields */
    const char *nan = "8 0 sda 1 2 3 4 5 6 7 8 x 0 1\n";
    ASSERT_EQ(psu__linux_parse_diskstats_line(bad, bad + strlen(bad), &d),
              PSU_EPARSE);
    ASSERT_EQ(psu__linux_parse_diskstats_line(nan, nan + strlen(nan), &d),
              PSU_EPARSE);
  }

  strcpy(s, "/mnt/my\\040disk\\011x\\134y\\9z\\");
  psu__linux_unescape_octal(s);
  ASSERT_STR_EQ(s, "/mnt/my disk\tx\\y\\9z\\");
}


static void
test_parse_net_cpuinfo(void) {
  const char *l = "veth:x:  7 1 0 0 0 0 0 0 8 2 3 4 0 0 0 0\n";
  const char *tight = "enp0s31f6:123456 100 0 0 0 0 0 0 6543 50 0 0 0 0 0 0";
  const char *ci = "processor\t: 0\ncpu MHz\t\t: 2400.000\nphysical id\t: 0\n"
                   "cpu cores\t: 2\n\nprocessor\t: 1\ncpu MHz\t\t: 2500.5\n"
                   "physical id\t: 0\ncpu cores\t: 2\n\nprocessor\t: 2\n"
                   "physical id\t: 1\ncpu cores\t: 4\n";
  psu__linux_netdev_t nd;
  psu__linux_cpuinfo_t c;
  double mhz[4];

  ASSERT_OK(psu__linux_parse_netdev_line(l, l + strlen(l), &nd));
  ASSERT(nd.name_len == 6 && memcmp(nd.name, "veth:x", 6) == 0);
  ASSERT(nd.bytes_recv == 7 && nd.bytes_sent == 8 && nd.errout == 3 &&
         nd.dropout == 4);
  ASSERT_OK(psu__linux_parse_netdev_line(tight, tight + strlen(tight), &nd));
  ASSERT(nd.name_len == 9 && nd.bytes_recv == 123456);
  {
    const char *shortl = "eth0: 1 2 3\n";
    ASSERT_EQ(psu__linux_parse_netdev_line(shortl, shortl + strlen(shortl),
                                           &nd),
              PSU_EPARSE);
  }

  {
    psu_loadavg_t la;
    ASSERT_OK(psu__linux_parse_loadavg("0.52 1.58 12.25 2/467 9\n", 24, &la));
    ASSERT(near(la.load1, 0.52) && near(la.load5, 1.58) &&
           near(la.load15, 12.25));
    ASSERT_EQ(psu__linux_parse_loadavg("0.52 x 1\n", 9, &la), PSU_EPARSE);
    ASSERT_EQ(psu__linux_parse_loadavg("0.52 1.5", 8, &la), PSU_EPARSE);
  }
  ASSERT_OK(psu__linux_parse_cpuinfo(ci, strlen(ci), &c, mhz, 4));
  ASSERT_EQ(c.processors, 3);
  ASSERT_EQ(c.cores, 6); /* 2 (id 0) + 4 (id 1) */
  ASSERT_EQ(c.nmhz, 2);
  ASSERT(near(mhz[0], 2400) && near(mhz[1], 2500.5));
}


/* Every prefix of every fixture file through every parser: no crash, no
 * overread (ASan), whatever the verdict. */
static void
test_truncations(void) {
  static const char *files[] = {"full/proc/stat",      "full/proc/meminfo",
                                "full/proc/diskstats", "full/proc/net/dev",
                                "full/proc/cpuinfo",   "old/proc/zoneinfo",
                                "full/proc/vmstat",    "old/proc/diskstats",
                                "bad/proc/cpuinfo",    "full/proc/loadavg"};
  size_t i, n;

  for (i = 0; i < PSU__ARRAY_SIZE(files); i++) {
    char path[PSU_ROOT_MAX], *buf;
    size_t len;
    snprintf(path, sizeof(path), "%s/linux/%s", PSU_TESTDATA, files[i]);
    ASSERT_OK(psu__read_file(path, &buf, &len, 0));
    for (n = 0; n <= len; n++) {
      char *b = dup_exact(buf, n);
      psu__linux_stat_t st;
      psu_cpu_times_t per[2];
      psu__linux_meminfo_t m;
      psu__linux_diskstat_t d;
      psu__linux_netdev_t nd;
      psu__linux_cpuinfo_t c;
      uint64_t a, z;
      double mhz[2];
      (void)psu__linux_parse_stat(b, n, 100, &st, per, 2, NULL);
      (void)psu__linux_parse_meminfo(b, n, &m, NULL);
      (void)psu__linux_parse_zoneinfo_low(b, n, &a, NULL);
      (void)psu__linux_parse_vmstat(b, n, &a, &z, NULL);
      (void)psu__linux_parse_diskstats_line(b, b + n, &d);
      (void)psu__linux_parse_netdev_line(b, b + n, &nd);
      (void)psu__linux_parse_cpuinfo(b, n, &c, mhz, 2);
      {
        psu_loadavg_t la;
        (void)psu__linux_parse_loadavg(b, n, &la);
      }
      free(b);
    }
    psu_free(buf);
  }
}


static void
test_public_full(void) {
  psu_virtual_memory_t vm;
  psu_swap_memory_t sw;
  psu_disk_partition_t *parts;
  psu_disk_io_t *dio;
  psu_net_io_t *nio;
  psu_temperature_t *temps;
  psu_fan_t *fans;
  psu_cpu_freq_t *fq;
  psu_battery_t bat;
  psu_cpu_times_t ct, *pct;
  psu_err_t err;
  size_t n, i;
  double bt;
  int present, cnt;

  set_roots("full", "full");
  ASSERT_OK(psu_cpu_times(&ct, &err));
  ASSERT(ct.user > 0);
  ASSERT_OK(psu_per_cpu_times(&pct, &n, &err));
  ASSERT_EQ(n, 2);
  psu_free(pct);
  ASSERT_OK(psu_boot_time(&bt, &err));
  ASSERT(bt == 1700000000.0);
  {
    psu_loadavg_t la;
    ASSERT_OK(psu_getloadavg(&la, &err));
    ASSERT(near(la.load15, 12.25));
  }
  ASSERT_OK(psu_cpu_count_physical(&cnt, &err));
  ASSERT_EQ(cnt, 1);
  ASSERT_OK(psu_cpu_count_logical(&cnt, &err));
  ASSERT_EQ(cnt, 2);
  ASSERT_OK(psu_cpu_freq(&fq, &n, &err));
  ASSERT(n == 2 && near(fq[1].current, 2500.5) && near(fq[0].max, 3000));
  psu_free(fq);

  ASSERT_OK(psu_virtual_memory(&vm, &err));
  ASSERT(vm.total == 8000000 * KB && vm.available == 5000000 * KB &&
         vm.used == 3000000 * KB && vm.slab == 400000 * KB &&
         vm.shared == 100000 * KB);
  ASSERT_OK(psu_swap_memory(&sw, &err));
  ASSERT(sw.used == 500000 * KB && sw.sin == 409600 && sw.sout == 819200);

  ASSERT_OK(psu_disk_partitions(0, &parts, &n, &err));
  ASSERT_EQ(n, 4);
  ASSERT_STR_EQ(parts[1].mountpoint, "/mnt/my disk");
  ASSERT_STR_EQ(parts[2].fstype, "zfs");
  psu_free(parts);
  ASSERT_OK(psu_disk_partitions(1, &parts, &n, &err));
  ASSERT_EQ(n, 6);
  ASSERT_STR_EQ(parts[3].device, "");
  psu_free(parts);

  ASSERT_OK(psu_disk_io_counters(0, &dio, &n, &err));
  ASSERT_EQ(n, 2); /* sda and nvme0n1 only */
  for (i = 0; i < n; i++)
    ASSERT(strcmp(dio[i].name, "sda") == 0 ||
           strcmp(dio[i].name, "nvme0n1") == 0);
  psu_free(dio);
  ASSERT_OK(psu_disk_io_counters(1, &dio, &n, &err));
  ASSERT_EQ(n, 4);
  ASSERT_EQ(dio[3].read_bytes, 5800 * 512);
  psu_free(dio);

  ASSERT_OK(psu_net_io_counters(&nio, &n, &err));
  ASSERT_EQ(n, 4);
  ASSERT_STR_EQ(nio[2].name, "veth:x");
  psu_free(nio);

  ASSERT_OK(psu_sensors_temperatures(&temps, &n, &err));
  ASSERT_EQ(n, 4);
  ASSERT_STR_EQ(temps[0].name, "coretemp");
  ASSERT_STR_EQ(temps[0].label, "Package id 0");
  ASSERT(near(temps[0].critical, 100) && near(temps[1].current, 40.5));
  ASSERT(temps[2].high == 0 && near(temps[2].critical, 90)); /* raw in C */
  ASSERT_STR_EQ(temps[3].name, "acpitz");
  psu_free(temps);
  ASSERT_OK(psu_sensors_fans(&fans, &n, &err));
  ASSERT(n == 2 && fans[0].current == 2000);
  ASSERT_STR_EQ(fans[0].label, "CPU fan");
  psu_free(fans);
  ASSERT_OK(psu_sensors_battery(&bat, &present, &err));
  ASSERT(present == 1 && near(bat.percent, 50) && bat.secsleft == 10800 &&
         bat.power_plugged == 0);
}


static void
test_public_old_and_bad(void) {
  psu_virtual_memory_t vm;
  psu_temperature_t *temps;
  psu_fan_t *fans;
  psu_cpu_freq_t *fq;
  psu_disk_io_t *dio;
  psu_cpu_times_t ct;
  psu_battery_t bat;
  psu_err_t err;
  size_t n;
  int present;

  /* Old kernel, no sensors at all: empty results, no error. */
  set_roots("old", "old");
  ASSERT_OK(psu_virtual_memory(&vm, &err));
  ASSERT(vm.inactive == 1000000 * KB && vm.shared == 50000 * KB);
  ASSERT_OK(psu_sensors_temperatures(&temps, &n, &err));
  ASSERT_EQ(n, 0);
  psu_free(temps);
  ASSERT_OK(psu_sensors_fans(&fans, &n, &err));
  ASSERT_EQ(n, 0);
  psu_free(fans);
  ASSERT_OK(psu_sensors_battery(&bat, &present, &err));
  ASSERT_EQ(present, 0);
  ASSERT_OK(psu_cpu_freq(&fq, &n, &err));
  ASSERT_EQ(n, 0);
  psu_free(fq);
  ASSERT_OK(psu_disk_io_counters(0, &dio, &n, &err));
  ASSERT_EQ(n, 0);
  psu_free(dio);

  /* /dev/root without <sysfs>/dev/block: kept; a 4-field line is fine. */
  {
    psu_disk_partition_t *parts;
    set_roots("rootdev", "old");
    ASSERT_OK(psu_disk_partitions(1, &parts, &n, &err));
    ASSERT_EQ(n, 3);
    ASSERT_STR_EQ(parts[0].device, "/dev/root");
    ASSERT_STR_EQ(parts[2].opts, "rw");
    ASSERT_STR_EQ(parts[2].mountpoint, "/data");
    psu_free(parts);
  }

  /* No diskstats: <sysfs>/block fallback. */
  set_roots("sysblock", "sysblock");
  ASSERT_OK(psu_disk_io_counters(1, &dio, &n, &err));
  ASSERT_EQ(n, 3);
  psu_free(dio);
  ASSERT_OK(psu_disk_io_counters(0, &dio, &n, &err));
  ASSERT_EQ(n, 2);
  psu_free(dio);

  /* Thermal-zone fallback. */
  set_roots("old", "thermal");
  ASSERT_OK(psu_sensors_temperatures(&temps, &n, &err));
  ASSERT_EQ(n, 1);
  ASSERT(near(temps[0].high, 95) && near(temps[0].critical, 105));
  psu_free(temps);

  /* Garbage and truncation: PSU_EPARSE, never a crash. */
  set_roots("bad", "old");
  ASSERT_EQ(psu_cpu_times(&ct, &err), PSU_EPARSE);
  ASSERT_EQ(psu_virtual_memory(&vm, &err), PSU_EPARSE);
  ASSERT_EQ(psu_disk_io_counters(1, &dio, &n, &err), PSU_EPARSE);
  ASSERT(dio == NULL && n == 0);
  set_roots("truncated", "old");
  ASSERT_EQ(psu_cpu_times(&ct, &err), PSU_EPARSE);
  ASSERT_EQ(psu_virtual_memory(&vm, &err), PSU_EPARSE);

  /* Missing root: PSU_ESYS with ENOENT. */
  set_roots("does-not-exist", "does-not-exist");
  ASSERT_EQ(psu_cpu_times(&ct, &err), PSU_ESYS);
  ASSERT_EQ(err.sys, ENOENT);
  ASSERT(strstr(err.where, "does-not-exist") != NULL);
  ASSERT_EQ(psu_virtual_memory(&vm, NULL), PSU_ESYS); /* err may be NULL */
}


int
main(void) {
  psu_err_t err;

  test_parse_stat();
  test_parse_meminfo();
  test_parse_disks();
  test_parse_net_cpuinfo();
  test_truncations();
  test_public_full();
  test_public_old_and_bad();
  ASSERT_OK(psu_set_procfs_path("/proc", &err));
  ASSERT_OK(psu_set_sysfs_path("/sys", &err));
  printf("ok\n");
  return 0;
}
