/* windows_sys.c: the system-wide API (psu_sys.h) on Windows. */
#include "windows-internal.h"
#include "windows-ntapi.h"

#include <iphlpapi.h>
#include <math.h>
#include <netioapi.h>
#include <pdh.h>
#include <powrprof.h>
#include <psapi.h>
#include <winioctl.h>
#include <wtsapi32.h>

#define PSU__HNS 1e7 /* 100 ns ticks per second */


/* ------------------------------------------------------------------ CPU */


static int
per_cpu_raw(psu__sppi_t **out, size_t *n, psu_err_t *err) {
  void *buf;
  ULONG len = 0;
  int rc;

  rc = psu__nt_query_system(PSU__SystemProcessorPerformanceInformation, &buf,
                            &len, err);
  if (rc != 0)
    return rc;
  *out = buf;
  *n = len / sizeof(psu__sppi_t);
  if (*n == 0) {
    psu__free(buf);
    return psu__set_err(err, PSU_EPARSE, 0,
                        "SystemProcessorPerformanceInformation: no CPUs");
  }
  return PSU_OK;
}


int
psu_cpu_times(psu_cpu_times_t *out, psu_err_t *err) {
  FILETIME idle, kernel, user;
  psu__sppi_t *cpus;
  size_t n, i;
  uint64_t ui, uk, uu;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_times: NULL");
  if (!GetSystemTimes(&idle, &kernel, &user))
    return psu__win_err(err, GetLastError(), "GetSystemTimes");
  memset(out, 0, sizeof(*out));
  ui = ((uint64_t)idle.dwHighDateTime << 32) | idle.dwLowDateTime;
  uk = ((uint64_t)kernel.dwHighDateTime << 32) | kernel.dwLowDateTime;
  uu = ((uint64_t)user.dwHighDateTime << 32) | user.dwLowDateTime;
  out->user = (double)uu / PSU__HNS;
  out->system = uk > ui ? (double)(uk - ui) / PSU__HNS : 0.0;
  out->idle = (double)ui / PSU__HNS;
  /* Interrupt and DPC time are only known per CPU: sum them (psutil). */
  if (per_cpu_raw(&cpus, &n, NULL) == 0) {
    for (i = 0; i < n; i++) {
      out->irq += (double)cpus[i].InterruptTime.QuadPart / PSU__HNS;
      out->dpc += (double)cpus[i].DpcTime.QuadPart / PSU__HNS;
    }
    psu__free(cpus);
  }
  return PSU_OK;
}


int
psu_per_cpu_times(psu_cpu_times_t **out, size_t *n, psu_err_t *err) {
  psu__sppi_t *cpus;
  psu_cpu_times_t *res;
  size_t count, i;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_per_cpu_times: NULL");
  *out = NULL;
  *n = 0;
  rc = per_cpu_raw(&cpus, &count, err);
  if (rc != 0)
    return rc;
  res = psu__calloc(count, sizeof(*res));
  if (res == NULL) {
    psu__free(cpus);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_per_cpu_times");
  }
  for (i = 0; i < count; i++) {
    int64_t sys = cpus[i].KernelTime.QuadPart - cpus[i].IdleTime.QuadPart;
    res[i].user = (double)cpus[i].UserTime.QuadPart / PSU__HNS;
    res[i].system = sys > 0 ? (double)sys / PSU__HNS : 0.0;
    res[i].idle = (double)cpus[i].IdleTime.QuadPart / PSU__HNS;
    res[i].irq = (double)cpus[i].InterruptTime.QuadPart / PSU__HNS;
    res[i].dpc = (double)cpus[i].DpcTime.QuadPart / PSU__HNS;
  }
  psu__free(cpus);
  *out = res;
  *n = count;
  return PSU_OK;
}


int
psu_cpu_count_logical(int *out, psu_err_t *err) {
  DWORD n;
  SYSTEM_INFO si;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_count_logical: NULL");
  /* Every processor group, not just ours (psutil). */
  n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
  if (n == 0) {
    GetSystemInfo(&si);
    n = si.dwNumberOfProcessors;
  }
  *out = (int)n;
  return PSU_OK;
}


int
psu_cpu_count_physical(int *out, psu_err_t *err) {
  SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *buf = NULL, *p;
  DWORD len = 0, off;
  int cores = 0;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_count_physical: NULL");
  *out = 0;
  for (;;) {
    if (GetLogicalProcessorInformationEx(RelationProcessorCore, buf, &len))
      break;
    DWORD e = GetLastError();
    psu__free(buf);
    buf = NULL;
    if (e != ERROR_INSUFFICIENT_BUFFER)
      return PSU_OK; /* unknown: 0, as psutil's None */
    buf = psu__malloc(len);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "psu_cpu_count_physical");
  }
  for (off = 0; off < len; off += p->Size) {
    p = (SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *)((char *)buf + off);
    if (p->Size == 0)
      break;
    if (p->Relationship == RelationProcessorCore)
      cores++;
  }
  psu__free(buf);
  *out = cores;
  return PSU_OK;
}


int
psu_cpu_stats(psu_cpu_stats_t *out, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  unsigned char spi[4096];
  ULONG need = 0, size = PSU__SPI_MIN_SIZE;
  psu__ntstatus st;
  psu__sppi_t *cpus;
  size_t n, i;
  ULONG v;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_stats: NULL");
  if (nt->NtQuerySystemInformation == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQuerySystemInformation");
  memset(out, 0, sizeof(*out));
  memset(spi, 0, sizeof(spi));
  /* Newer kernels may want their full struct size: retry with it. */
  st = nt->NtQuerySystemInformation(PSU__SystemPerformanceInformation, spi,
                                    size, &need);
  if (st == PSU__STATUS_INFO_LENGTH_MISMATCH && need > size &&
      need <= sizeof(spi))
    st = nt->NtQuerySystemInformation(PSU__SystemPerformanceInformation, spi,
                                      need, &need);
  if (!PSU__NT_SUCCESS(st))
    return psu__nt_err(err, st,
                       "NtQuerySystemInformation(SystemPerformanceInformation)");
  memcpy(&v, spi + PSU__SPI_CONTEXT_SWITCHES_OFF, sizeof(v));
  out->ctx_switches = v;
  memcpy(&v, spi + PSU__SPI_SYSTEM_CALLS_OFF, sizeof(v));
  out->syscalls = v;
  rc = per_cpu_raw(&cpus, &n, err);
  if (rc != 0)
    return rc;
  for (i = 0; i < n; i++)
    out->interrupts += cpus[i].InterruptCount;
  psu__free(cpus);
  return PSU_OK;
}


/* PROCESSOR_POWER_INFORMATION is documented but in no SDK header. */
typedef struct psu__ppi_s {
  ULONG Number;
  ULONG MaxMhz;
  ULONG CurrentMhz;
  ULONG MhzLimit;
  ULONG MaxIdleState;
  ULONG CurrentIdleState;
} psu__ppi_t;


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  psu__ppi_t *ppi;
  psu_cpu_freq_t *res;
  int ncpus = 0;
  LONG st;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_freq: NULL");
  *out = NULL;
  *n = 0;
  psu_cpu_count_logical(&ncpus, NULL);
  if (ncpus < 1)
    ncpus = 1;
  ppi = psu__calloc((size_t)ncpus, sizeof(*ppi));
  if (ppi == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cpu_freq");
  st = CallNtPowerInformation(ProcessorInformation, NULL, 0, ppi,
                              (ULONG)((size_t)ncpus * sizeof(*ppi)));
  if (st != 0) {
    psu__free(ppi);
    return psu__nt_err(err, st, "CallNtPowerInformation(ProcessorInformation)");
  }
  /* psutil reports the first CPU only, with min = 0. */
  res = psu__calloc(1, sizeof(*res));
  if (res == NULL) {
    psu__free(ppi);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_cpu_freq");
  }
  res->current = (double)ppi[0].CurrentMhz;
  res->max = (double)ppi[0].MaxMhz;
  res->min = 0.0;
  psu__free(ppi);
  if (res->current == 0.0 && res->max == 0.0) {
    psu__free(res); /* nothing known: psutil would report zeros; say so */
    return PSU_OK;
  }
  *out = res;
  *n = 1;
  return PSU_OK;
}


/* getloadavg emulation, as psutil: the PDH counter
 * "\System\Processor Queue Length" sampled every 5 s by a thread-pool wait
 * on the event that PdhCollectQueryDataEx signals, folded into 1, 5 and 15
 * minute exponentially-damped averages (the factors are exp(-5/60),
 * exp(-5/300) and exp(-5/900)). The sampler starts on the first call, so
 * the first 5 seconds read 0.0. Where PDH has no such counter (wine), a
 * thread-pool timer counts the Ready threads of the process table every
 * 5 s instead (the same quantity). */
#define PSU__LOADAVG_INTERVAL 5
static SRWLOCK load_lock = SRWLOCK_INIT;
static double load_avg[3];
static INIT_ONCE load_once = INIT_ONCE_STATIC_INIT;
static PDH_HQUERY load_query;
static PDH_HCOUNTER load_counter;
static HANDLE load_event, load_wait;
static LONG load_status; /* PDH status of the setup, 0 = running */
static char load_where[64];


static HANDLE load_timer;


static void
load_fold(double v) {
  static const double f[3] = {0.9200444146293232, 0.9834714538216174,
                              0.9944598480048967};
  int i;

  AcquireSRWLockExclusive(&load_lock);
  for (i = 0; i < 3; i++)
    load_avg[i] = load_avg[i] * f[i] + v * (1.0 - f[i]);
  ReleaseSRWLockExclusive(&load_lock);
}


static VOID CALLBACK
load_sample(PVOID ctx, BOOLEAN timed_out) {
  PDH_FMT_COUNTERVALUE v;

  (void)ctx;
  (void)timed_out;
  if (PdhGetFormattedCounterValue(load_counter, PDH_FMT_DOUBLE, NULL, &v) !=
      ERROR_SUCCESS)
    return;
  load_fold(v.doubleValue);
}


/* Fallback when PDH lacks the counter (wine, or the performance counters
 * disabled): count the threads in the Ready state (KTHREAD_STATE 1) of the
 * process table, which is what "Processor Queue Length" reports. */
static VOID CALLBACK
load_sample_table(PVOID ctx, BOOLEAN timed_out) {
  void *table;
  psu__spi_t *p;
  ULONG i;
  double ready = 0;

  (void)ctx;
  (void)timed_out;
  if (psu__nt_query_system(PSU__SystemProcessInformation, &table, NULL,
                           NULL) != 0)
    return;
  for (p = table;; p = (psu__spi_t *)((char *)p + p->NextEntryOffset)) {
    for (i = 0; i < p->NumberOfThreads; i++)
      if (p->Threads[i].ThreadState == 1)
        ready++;
    if (p->NextEntryOffset == 0)
      break;
  }
  psu__free(table);
  load_fold(ready);
}


static BOOL CALLBACK
load_init(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  PDH_STATUS s;

  (void)once;
  (void)param;
  (void)ctx;
  s = PdhOpenQueryW(NULL, 0, &load_query);
  if (s != ERROR_SUCCESS) {
    psu__strlcpy(load_where, "PdhOpenQueryW", sizeof(load_where));
    goto fail;
  }
  s = PdhAddEnglishCounterW(load_query, L"\\System\\Processor Queue Length",
                            0, &load_counter);
  if (s != ERROR_SUCCESS) {
    psu__strlcpy(load_where, "PdhAddEnglishCounterW(Processor Queue Length)",
                 sizeof(load_where));
    goto fail;
  }
  load_event = CreateEventW(NULL, FALSE, FALSE, NULL);
  if (load_event == NULL) {
    s = (PDH_STATUS)GetLastError();
    psu__strlcpy(load_where, "CreateEventW", sizeof(load_where));
    goto fail;
  }
  s = PdhCollectQueryDataEx(load_query, PSU__LOADAVG_INTERVAL, load_event);
  if (s != ERROR_SUCCESS) {
    psu__strlcpy(load_where, "PdhCollectQueryDataEx", sizeof(load_where));
    goto fail;
  }
  if (!RegisterWaitForSingleObject(&load_wait, load_event, load_sample, NULL,
                                   INFINITE, WT_EXECUTEDEFAULT)) {
    s = (PDH_STATUS)GetLastError();
    psu__strlcpy(load_where, "RegisterWaitForSingleObject",
                 sizeof(load_where));
    goto fail;
  }
  return TRUE;

fail:
  if (load_query != NULL) {
    PdhCloseQuery(load_query);
    load_query = NULL;
  }
  if (CreateTimerQueueTimer(&load_timer, NULL, load_sample_table, NULL,
                            PSU__LOADAVG_INTERVAL * 1000,
                            PSU__LOADAVG_INTERVAL * 1000,
                            WT_EXECUTEDEFAULT))
    return TRUE;
  load_status = s != 0 ? (LONG)s : -1;
  return TRUE;
}


int
psu_getloadavg(psu_loadavg_t *out, psu_err_t *err) {
  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_getloadavg: NULL");
  InitOnceExecuteOnce(&load_once, load_init, NULL, NULL);
  if (load_status != 0)
    return psu__set_err(err, PSU_ESYS, (int64_t)(uint32_t)load_status, "%s",
                        load_where);
  AcquireSRWLockShared(&load_lock);
  /* psutil rounds to 2 decimals. */
  out->load1 = round(load_avg[0] * 100.0) / 100.0;
  out->load5 = round(load_avg[1] * 100.0) / 100.0;
  out->load15 = round(load_avg[2] * 100.0) / 100.0;
  ReleaseSRWLockShared(&load_lock);
  return PSU_OK;
}


/* ------------------------------------------------------------------ memory */


int
psu_virtual_memory(psu_virtual_memory_t *out, psu_err_t *err) {
  MEMORYSTATUSEX ms;
  PERFORMANCE_INFORMATION pi;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_virtual_memory: NULL");
  ms.dwLength = sizeof(ms);
  if (!GlobalMemoryStatusEx(&ms))
    return psu__win_err(err, GetLastError(), "GlobalMemoryStatusEx");
  memset(out, 0, sizeof(*out));
  out->total = ms.ullTotalPhys;
  out->available = ms.ullAvailPhys;
  out->free = ms.ullAvailPhys; /* psutil: free = available on Windows */
  out->used = out->total > out->available ? out->total - out->available : 0;
  /* cached = system cache, wired = non-paged kernel pool. */
  pi.cb = sizeof(pi);
  if (GetPerformanceInfo(&pi, sizeof(pi))) {
    out->cached = (uint64_t)pi.SystemCache * pi.PageSize;
    out->wired = (uint64_t)pi.KernelNonpaged * pi.PageSize;
  }
  return PSU_OK;
}


/* "\Paging File(_Total)\% Usage", one PDH sample (psutil's swap used). */
static int
paging_file_usage(double *pct) {
  PDH_HQUERY q = NULL;
  PDH_HCOUNTER c;
  PDH_FMT_COUNTERVALUE v;
  int ok = 0;

  if (PdhOpenQueryW(NULL, 0, &q) != ERROR_SUCCESS)
    return 0;
  if (PdhAddEnglishCounterW(q, L"\\Paging File(_Total)\\% Usage", 0, &c) ==
          ERROR_SUCCESS &&
      PdhCollectQueryData(q) == ERROR_SUCCESS &&
      PdhGetFormattedCounterValue(c, PDH_FMT_DOUBLE, NULL, &v) ==
          ERROR_SUCCESS) {
    *pct = v.doubleValue;
    ok = 1;
  }
  PdhCloseQuery(q);
  return ok;
}


int
psu_swap_memory(psu_swap_memory_t *out, psu_err_t *err) {
  MEMORYSTATUSEX ms;
  PERFORMANCE_INFORMATION pi;
  uint64_t limit, commit, phys_used;
  double pct;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_swap_memory: NULL");
  ms.dwLength = sizeof(ms);
  if (!GlobalMemoryStatusEx(&ms))
    return psu__win_err(err, GetLastError(), "GlobalMemoryStatusEx");
  pi.cb = sizeof(pi);
  if (!GetPerformanceInfo(&pi, sizeof(pi)))
    return psu__win_err(err, GetLastError(), "GetPerformanceInfo");
  memset(out, 0, sizeof(*out));
  /* psutil: the page files are the commit limit minus physical memory. */
  limit = (uint64_t)pi.CommitLimit * pi.PageSize;
  commit = (uint64_t)pi.CommitTotal * pi.PageSize;
  out->total = limit > ms.ullTotalPhys ? limit - ms.ullTotalPhys : 0;
  if (out->total > 0) {
    if (paging_file_usage(&pct)) {
      out->used = (uint64_t)(pct / 100.0 * (double)out->total);
    } else {
      /* No PDH counter (wine): the commit charge that does not fit in the
       * RAM in use. */
      phys_used = ms.ullTotalPhys - ms.ullAvailPhys;
      out->used = commit > phys_used ? commit - phys_used : 0;
    }
    if (out->used > out->total)
      out->used = out->total;
  }
  out->free = out->total - out->used;
  return PSU_OK; /* sin and sout: 0, as psutil */
}


/* ------------------------------------------------------------------ disks */


static const char *
drive_type_str(UINT t) {
  switch (t) {
  case DRIVE_REMOVABLE:
    return "removable";
  case DRIVE_FIXED:
    return "fixed";
  case DRIVE_REMOTE:
    return "remote";
  case DRIVE_CDROM:
    return "cdrom";
  case DRIVE_RAMDISK:
    return "ramdisk";
  case DRIVE_NO_ROOT_DIR:
    return "noroot";
  }
  return "unknown";
}


typedef struct drive_s {
  wchar_t root[8];
  char fstype[MAX_PATH + 1];
  char opts[64];
} drive_t;


int
psu_disk_partitions(int all, psu_disk_partition_t **out, size_t *n,
                    psu_err_t *err) {
  wchar_t drives[256 * 4 + 1], *d;
  wchar_t fsw[MAX_PATH + 1];
  drive_t *list = NULL;
  size_t count = 0, i, strsize = 0;
  DWORD len, flags, olderr;
  psu_disk_partition_t *res;
  psu__pool_t pool;
  char root8[8];

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_disk_partitions: NULL");
  *out = NULL;
  *n = 0;
  len = GetLogicalDriveStringsW((DWORD)PSU__ARRAY_SIZE(drives) - 1, drives);
  if (len == 0 || len >= PSU__ARRAY_SIZE(drives))
    return psu__win_err(err, GetLastError(), "GetLogicalDriveStringsW");
  list = psu__calloc(26 + 1, sizeof(*list));
  if (list == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_disk_partitions");
  /* No "insert a disk" dialogs for empty floppy or CD drives. */
  if (!SetThreadErrorMode(SEM_FAILCRITICALERRORS, &olderr))
    olderr = (DWORD)-1;
  for (d = drives; *d != L'\0' && count < 27; d += wcslen(d) + 1) {
    UINT type = GetDriveTypeW(d);
    drive_t *dr = &list[count];
    if (!all && (type == DRIVE_UNKNOWN || type == DRIVE_NO_ROOT_DIR ||
                 type == DRIVE_REMOTE || type == DRIVE_RAMDISK))
      continue;
    if (wcslen(d) >= PSU__ARRAY_SIZE(dr->root))
      continue;
    wcscpy(dr->root, d);
    flags = 0;
    fsw[0] = L'\0';
    /* A drive without media (empty CD, card reader) fails here: it is
     * still listed, with fstype "", as psutil does. */
    if (GetVolumeInformationW(d, NULL, 0, NULL, NULL, &flags, fsw,
                              (DWORD)PSU__ARRAY_SIZE(fsw)))
      psu__win_utf8_to(fsw, dr->fstype, sizeof(dr->fstype));
    psu__path(dr->opts, sizeof(dr->opts), "%s%s,%s",
              (flags & FILE_READ_ONLY_VOLUME) ? "ro" : "rw",
              (flags & FILE_VOLUME_IS_COMPRESSED) ? ",compressed" : "",
              drive_type_str(type));
    psu__win_utf8_to(dr->root, root8, sizeof(root8));
    strsize += 2 * (strlen(root8) + 1) + strlen(dr->fstype) + 1 +
               strlen(dr->opts) + 1;
    count++;
  }
  if (olderr != (DWORD)-1)
    SetThreadErrorMode(olderr, NULL);
  res = psu__malloc(count * sizeof(*res) + strsize);
  if (res == NULL) {
    psu__free(list);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_disk_partitions");
  }
  pool.next = (char *)(res + count);
  pool.end = pool.next + strsize;
  for (i = 0; i < count; i++) {
    res[i].device = psu__pool_wide(&pool, list[i].root);
    res[i].mountpoint = psu__pool_wide(&pool, list[i].root);
    res[i].fstype = psu__pool_str(&pool, list[i].fstype);
    res[i].opts = psu__pool_str(&pool, list[i].opts);
  }
  psu__free(list);
  *out = res;
  *n = count;
  return PSU_OK;
}


int
psu_disk_usage(const char *path, psu_disk_usage_t *out, psu_err_t *err) {
  ULARGE_INTEGER avail, total, freeb;
  wchar_t *w;
  DWORD attrs, e;
  int rc = PSU_OK;

  if (path == NULL || out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_disk_usage: NULL");
  w = psu__win_wide_dup(path);
  if (w == NULL)
    return psu__set_err(err, PSU_EINVAL, (int64_t)GetLastError(),
                        "disk_usage: path is not UTF-8");
  /* A file path means the volume that holds it (psutil 8). */
  attrs = GetFileAttributesW(w);
  if (attrs != INVALID_FILE_ATTRIBUTES && !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
    wchar_t *slash = wcsrchr(w, L'\\'), *fw = wcsrchr(w, L'/');
    if (fw != NULL && (slash == NULL || fw > slash))
      slash = fw;
    if (slash != NULL)
      slash[1] = L'\0';
    else
      wcscpy(w, L".");
  }
  if (!GetDiskFreeSpaceExW(w, &avail, &total, &freeb)) {
    e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ||
        e == ERROR_INVALID_NAME || e == ERROR_BAD_NETPATH)
      rc = psu__set_err(err, PSU_ENOTFOUND, (int64_t)e,
                        "GetDiskFreeSpaceExW(%s)", path);
    else
      rc = psu__win_err(err, e, "GetDiskFreeSpaceExW(%s)", path);
    goto done;
  }
  /* psutil: free = all free bytes, used = total - free. */
  out->total = total.QuadPart;
  out->free = freeb.QuadPart;
  out->used = total.QuadPart > freeb.QuadPart ? total.QuadPart - freeb.QuadPart
                                              : 0;
done:
  psu__free(w);
  return rc;
}


int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  psu_disk_io_t *res;
  size_t count = 0;
  int i;

  (void)perdisk; /* Windows lists whole physical drives only */
  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_disk_io_counters: NULL");
  *out = NULL;
  *n = 0;
  res = psu__calloc(32, sizeof(*res));
  if (res == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_disk_io_counters");
  /* As psutil: \\.\PhysicalDrive0..31 with IOCTL_DISK_PERFORMANCE. A drive
   * that cannot be opened or queried is skipped. */
  for (i = 0; i < 32; i++) {
    wchar_t dev[32];
    DISK_PERFORMANCE dp;
    DWORD got = 0;
    HANDLE h;

    swprintf(dev, PSU__ARRAY_SIZE(dev), L"\\\\.\\PhysicalDrive%d", i);
    h = CreateFileW(dev, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                    OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
      continue;
    memset(&dp, 0, sizeof(dp));
    if (DeviceIoControl(h, IOCTL_DISK_PERFORMANCE, NULL, 0, &dp, sizeof(dp),
                        &got, NULL)) {
      psu_disk_io_t *d = &res[count++];
      psu__path(d->name, sizeof(d->name), "PhysicalDrive%d", i);
      d->read_count = dp.ReadCount;
      d->write_count = dp.WriteCount;
      d->read_bytes = (uint64_t)dp.BytesRead.QuadPart;
      d->write_bytes = (uint64_t)dp.BytesWritten.QuadPart;
      /* 100 ns units -> ms */
      d->read_time = (uint64_t)dp.ReadTime.QuadPart / 10000;
      d->write_time = (uint64_t)dp.WriteTime.QuadPart / 10000;
    }
    CloseHandle(h);
  }
  if (count == 0) {
    psu__free(res);
    return PSU_OK;
  }
  *out = res;
  *n = count;
  return PSU_OK;
}


/* ------------------------------------------------------------------ network */


/* GetAdaptersAddresses into a growing buffer. */
static int
adapters(ULONG family, ULONG flags, IP_ADAPTER_ADDRESSES **out,
         psu_err_t *err) {
  ULONG size = 16384, rc = 0;
  IP_ADAPTER_ADDRESSES *buf = NULL;
  int tries;

  for (tries = 0; tries < 5; tries++) {
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "GetAdaptersAddresses");
    rc = GetAdaptersAddresses(family, flags, NULL, buf, &size);
    if (rc == ERROR_SUCCESS) {
      *out = buf;
      return PSU_OK;
    }
    psu__free(buf);
    buf = NULL;
    if (rc == ERROR_NO_DATA) {
      *out = NULL;
      return PSU_OK;
    }
    if (rc != ERROR_BUFFER_OVERFLOW)
      break;
  }
  return psu__win_err(err, rc, "GetAdaptersAddresses");
}


int
psu_net_io_counters(psu_net_io_t **out, size_t *n, psu_err_t *err) {
  IP_ADAPTER_ADDRESSES *list = NULL, *a;
  psu_net_io_t *res;
  size_t count = 0, cap = 0;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_io_counters: NULL");
  *out = NULL;
  *n = 0;
  rc = adapters(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                               GAA_FLAG_SKIP_DNS_SERVER,
                &list, err);
  if (rc != 0)
    return rc;
  for (a = list; a != NULL; a = a->Next)
    cap++;
  res = psu__calloc(cap, sizeof(*res));
  if (res == NULL) {
    psu__free(list);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_net_io_counters");
  }
  for (a = list; a != NULL; a = a->Next) {
    MIB_IF_ROW2 row;
    psu_net_io_t *r;

    memset(&row, 0, sizeof(row));
    row.InterfaceIndex = a->IfIndex != 0 ? a->IfIndex : a->Ipv6IfIndex;
    if (GetIfEntry2(&row) != NO_ERROR)
      continue; /* vanished meanwhile */
    r = &res[count++];
    psu__win_utf8_to(a->FriendlyName, r->name, sizeof(r->name));
    r->bytes_sent = row.OutOctets;
    r->bytes_recv = row.InOctets;
    r->packets_sent = row.OutUcastPkts + row.OutNUcastPkts;
    r->packets_recv = row.InUcastPkts + row.InNUcastPkts;
    r->errin = row.InErrors;
    r->errout = row.OutErrors;
    r->dropin = row.InDiscards;
    r->dropout = row.OutDiscards;
  }
  psu__free(list);
  if (count == 0) {
    psu__free(res);
    return PSU_OK;
  }
  *out = res;
  *n = count;
  return PSU_OK;
}


static void
sockaddr_str(const SOCKADDR *sa, char *dst, size_t cap) {
  dst[0] = '\0';
  if (sa == NULL)
    return;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, dst, cap);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, dst,
              cap);
}


int
psu_net_if_addrs(psu_net_if_addr_t **out, size_t *n, psu_err_t *err) {
  IP_ADAPTER_ADDRESSES *list = NULL, *a;
  IP_ADAPTER_UNICAST_ADDRESS *u;
  psu_net_if_addr_t *res, *r;
  size_t count = 0, cap = 0;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_if_addrs: NULL");
  *out = NULL;
  *n = 0;
  rc = adapters(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                               GAA_FLAG_SKIP_DNS_SERVER,
                &list, err);
  if (rc != 0)
    return rc;
  for (a = list; a != NULL; a = a->Next) {
    cap++; /* the MAC */
    for (u = a->FirstUnicastAddress; u != NULL; u = u->Next)
      cap++;
  }
  res = psu__calloc(cap ? cap : 1, sizeof(*res));
  if (res == NULL) {
    psu__free(list);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_net_if_addrs");
  }
  for (a = list; a != NULL; a = a->Next) {
    if (a->PhysicalAddressLength > 0) {
      ULONG i;
      size_t off = 0;
      r = &res[count++];
      psu__win_utf8_to(a->FriendlyName, r->name, sizeof(r->name));
      r->family = -1; /* psutil.AF_LINK on Windows */
      /* psutil's Windows format: upper-case hex joined by '-'. */
      for (i = 0; i < a->PhysicalAddressLength && off + 3 < sizeof(r->address);
           i++)
        off += (size_t)snprintf(r->address + off, sizeof(r->address) - off,
                                i ? "-%02X" : "%02X", a->PhysicalAddress[i]);
    }
    for (u = a->FirstUnicastAddress; u != NULL; u = u->Next) {
      int fam = u->Address.lpSockaddr->sa_family;
      if (fam != AF_INET && fam != AF_INET6)
        continue;
      r = &res[count++];
      psu__win_utf8_to(a->FriendlyName, r->name, sizeof(r->name));
      r->family = fam;
      sockaddr_str(u->Address.lpSockaddr, r->address, sizeof(r->address));
      if (fam == AF_INET) {
        ULONG mask = 0;
        if (ConvertLengthToIpv4Mask(u->OnLinkPrefixLength, &mask) ==
            NO_ERROR) {
          struct in_addr m, b;
          m.s_addr = mask;
          inet_ntop(AF_INET, &m, r->netmask, sizeof(r->netmask));
          /* Broadcast = address | ~mask (psutil computes it). */
          b.s_addr =
              ((const struct sockaddr_in *)u->Address.lpSockaddr)
                  ->sin_addr.s_addr |
              ~mask;
          if (u->OnLinkPrefixLength < 32)
            inet_ntop(AF_INET, &b, r->broadcast, sizeof(r->broadcast));
        }
      } else if (u->OnLinkPrefixLength <= 128) {
        /* IPv6 netmask from the prefix length. */
        struct in6_addr m;
        unsigned bits = u->OnLinkPrefixLength, i;
        memset(&m, 0, sizeof(m));
        for (i = 0; i < 16; i++) {
          unsigned take = bits >= 8 ? 8 : bits;
          m.s6_addr[i] = (unsigned char)(0xFF00u >> take);
          bits -= take;
        }
        inet_ntop(AF_INET6, &m, r->netmask, sizeof(r->netmask));
      }
    }
  }
  psu__free(list);
  if (count == 0) {
    psu__free(res);
    return PSU_OK;
  }
  *out = res;
  *n = count;
  return PSU_OK;
}


int
psu_net_if_stats(psu_net_if_stats_t **out, size_t *n, psu_err_t *err) {
  IP_ADAPTER_ADDRESSES *list = NULL, *a;
  psu_net_if_stats_t *res;
  size_t count = 0, cap = 0;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_net_if_stats: NULL");
  *out = NULL;
  *n = 0;
  rc = adapters(AF_UNSPEC, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                               GAA_FLAG_SKIP_DNS_SERVER |
                               GAA_FLAG_SKIP_UNICAST,
                &list, err);
  if (rc != 0)
    return rc;
  for (a = list; a != NULL; a = a->Next)
    cap++;
  res = psu__calloc(cap ? cap : 1, sizeof(*res));
  if (res == NULL) {
    psu__free(list);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_net_if_stats");
  }
  for (a = list; a != NULL; a = a->Next) {
    psu_net_if_stats_t *r = &res[count++];
    uint64_t speed = a->TransmitLinkSpeed;
    psu__win_utf8_to(a->FriendlyName, r->name, sizeof(r->name));
    r->isup = a->OperStatus == IfOperStatusUp;
    r->duplex = PSU_NIC_DUPLEX_FULL; /* psutil assumes full duplex */
    if (speed == (uint64_t)-1) /* unknown */
      speed = 0;
    r->speed = (int)(speed / 1000000);
    r->mtu = a->Mtu == (ULONG)-1 ? 0 : (int)a->Mtu;
    r->flags[0] = '\0'; /* "" on Windows, as psutil */
  }
  psu__free(list);
  if (count == 0) {
    psu__free(res);
    return PSU_OK;
  }
  *out = res;
  *n = count;
  return PSU_OK;
}


/* ------------------------------------------------------------------ sensors */


int
psu_sensors_temperatures(psu_temperature_t **out, size_t *n, psu_err_t *err) {
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  /* psutil has no Windows implementation (WMI MSAcpi_ThermalZone needs
   * admin rights and is unreliable). */
  return psu__set_err(err, PSU_ENOTSUP, 0, "sensors_temperatures: Windows");
}


int
psu_sensors_fans(psu_fan_t **out, size_t *n, psu_err_t *err) {
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0, "sensors_fans: Windows");
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  SYSTEM_POWER_STATUS ps;

  if (out == NULL || present == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_sensors_battery: NULL");
  *present = 0;
  memset(out, 0, sizeof(*out));
  if (!GetSystemPowerStatus(&ps))
    return psu__win_err(err, GetLastError(), "GetSystemPowerStatus");
  /* 128 = no system battery; 255 = unknown status (psutil: None). */
  if ((ps.BatteryFlag & 128) || ps.BatteryFlag == 255)
    return PSU_OK;
  *present = 1;
  out->percent = ps.BatteryLifePercent == 255 ? 0.0
                                              : (double)ps.BatteryLifePercent;
  out->power_plugged = ps.ACLineStatus == 1   ? 1
                       : ps.ACLineStatus == 0 ? 0
                                              : -1;
  if (out->power_plugged == 1)
    out->secsleft = PSU_POWER_TIME_UNLIMITED;
  else if (ps.BatteryLifeTime == (DWORD)-1)
    out->secsleft = PSU_POWER_TIME_UNKNOWN;
  else
    out->secsleft = (int64_t)ps.BatteryLifeTime;
  return PSU_OK;
}


/* ------------------------------------------------------------------ other */


int
psu_boot_time(double *out, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  psu__stodi_t tod;
  ULONG got = 0;
  FILETIME now;
  uint64_t t;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_boot_time: NULL");
  memset(&tod, 0, sizeof(tod));
  if (nt->NtQuerySystemInformation != NULL &&
      PSU__NT_SUCCESS(nt->NtQuerySystemInformation(
          PSU__SystemTimeOfDayInformation, &tod, sizeof(tod), &got)) &&
      tod.BootTime.QuadPart > 0) {
    /* psutil: BootTime minus the time spent asleep. */
    t = (uint64_t)tod.BootTime.QuadPart;
    if (got >= offsetof(psu__stodi_t, SleepTimeBias) + sizeof(ULONGLONG) &&
        tod.SleepTimeBias < t)
      t -= tod.SleepTimeBias;
    *out = psu__win_filetime_to_unix(t);
    return PSU_OK;
  }
  /* Fallback: now minus the uptime. */
  GetSystemTimeAsFileTime(&now);
  t = ((uint64_t)now.dwHighDateTime << 32) | now.dwLowDateTime;
  *out = psu__win_filetime_to_unix(t) - (double)GetTickCount64() / 1000.0;
  return PSU_OK;
}


int
psu_users(psu_user_t **out, size_t *n, psu_err_t *err) {
  WTS_SESSION_INFOW *sessions = NULL;
  DWORD count = 0, i;
  psu_user_t *res;
  size_t used = 0;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_users: NULL");
  *out = NULL;
  *n = 0;
  if (!WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &sessions,
                             &count))
    return psu__win_err(err, GetLastError(), "WTSEnumerateSessionsW");
  res = psu__calloc(count ? count : 1, sizeof(*res));
  if (res == NULL) {
    WTSFreeMemory(sessions);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_users");
  }
  for (i = 0; i < count; i++) {
    DWORD sid = sessions[i].SessionId, bytes = 0;
    wchar_t *user = NULL;
    WTS_CLIENT_ADDRESS *addr = NULL;
    WTSINFOW *info = NULL;
    psu_user_t *u;

    if (!WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, sid,
                                     WTSUserName, &user, &bytes))
      continue;
    if (user == NULL || user[0] == L'\0') {
      WTSFreeMemory(user);
      continue;
    }
    u = &res[used++];
    psu__win_utf8_to(user, u->name, sizeof(u->name));
    WTSFreeMemory(user);
    u->pid = -1;
    if (WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, sid,
                                    WTSClientAddress, (LPWSTR *)&addr,
                                    &bytes) &&
        addr != NULL) {
      /* AF_INET: the IPv4 address sits at Address[2..5]. */
      if (addr->AddressFamily == AF_INET)
        psu__path(u->host, sizeof(u->host), "%u.%u.%u.%u",
                  addr->Address[2], addr->Address[3], addr->Address[4],
                  addr->Address[5]);
    }
    WTSFreeMemory(addr);
    if (WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, sid,
                                    WTSSessionInfo, (LPWSTR *)&info,
                                    &bytes) &&
        info != NULL) {
      LARGE_INTEGER t = info->ConnectTime;
      if (t.QuadPart == 0)
        t = info->LogonTime;
      u->started = psu__win_filetime_to_unix((uint64_t)t.QuadPart);
    }
    WTSFreeMemory(info);
  }
  WTSFreeMemory(sessions);
  if (used == 0) {
    psu__free(res);
    return PSU_OK;
  }
  *out = res;
  *n = used;
  return PSU_OK;
}
