/* windows_proc.c: the process API (psu_proc.h, and the Windows extras in
 * psu_win.h) on Windows. */
#include "windows-internal.h"
#include "windows-ntapi.h"

#include <psapi.h>
#include <shellapi.h>

#define PSU__HNS 1e7 /* 100 ns ticks per second */

/* KWAIT_REASON Suspended and KTHREAD_STATE Waiting. */
#define PSU__THREAD_WAITING 5
#define PSU__WAIT_SUSPENDED 5


int
psu_win_is_wine(void) {
  return psu__nt()->wine_get_version != NULL;
}


/* ------------------------------------------------------------ helpers */


/* The NT process table; *out is psu__malloc'd. */
static int
proc_table(void **out, psu_err_t *err) {
  return psu__nt_query_system(PSU__SystemProcessInformation, out, NULL, err);
}


static psu__spi_t *
table_find(void *table, int64_t pid) {
  psu__spi_t *p = table;

  for (;;) {
    if ((int64_t)(ULONG_PTR)p->UniqueProcessId == pid)
      return p;
    if (p->NextEntryOffset == 0)
      return NULL;
    p = (psu__spi_t *)((char *)p + p->NextEntryOffset);
  }
}


static int
nsp(psu_err_t *err, int64_t pid, const char *where) {
  return psu__set_err(err, PSU_ENOSUCHPROC, 0, "%s(%lld)", where,
                      (long long)pid);
}


/* OpenProcess with psutil's error rules: ERROR_INVALID_PARAMETER means no
 * such process, and a handle to a process that has already exited gives
 * PSU_ENOSUCHPROC too. pid 0 (System Idle Process) cannot be opened:
 * PSU_EACCESS. */
static HANDLE
open_proc(int64_t pid, DWORD access, psu_err_t *err, int *rc) {
  HANDLE h;
  DWORD e, code;

  if (pid < 0 || pid > 0xFFFFFFFFLL) {
    *rc = nsp(err, pid, "OpenProcess");
    return NULL;
  }
  if (pid == 0) {
    *rc = psu__set_err(err, PSU_EACCESS, ERROR_ACCESS_DENIED,
                       "OpenProcess(0): System Idle Process");
    return NULL;
  }
  /* SYNCHRONIZE lets the exit check below wait on the handle. */
  h = OpenProcess(access | PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE,
                  FALSE, (DWORD)pid);
  if (h == NULL && GetLastError() == ERROR_ACCESS_DENIED)
    h = OpenProcess(access | PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
                    (DWORD)pid);
  if (h == NULL) {
    e = GetLastError();
    if (e == ERROR_INVALID_PARAMETER)
      *rc = psu__set_err(err, PSU_ENOSUCHPROC, (int64_t)e, "OpenProcess(%lld)",
                         (long long)pid);
    else
      *rc = psu__win_err(err, e, "OpenProcess(%lld)", (long long)pid);
    return NULL;
  }
  if (GetExitCodeProcess(h, &code) && code != STILL_ACTIVE &&
      WaitForSingleObject(h, 0) == WAIT_OBJECT_0) {
    CloseHandle(h);
    *rc = nsp(err, pid, "OpenProcess: exited");
    return NULL;
  }
  *rc = PSU_OK;
  return h;
}


static uint64_t
ft64(FILETIME f) {
  return ((uint64_t)f.dwHighDateTime << 32) | f.dwLowDateTime;
}


/* PSU_ENOSUCHPROC if the process behind h is not the one with identity
 * ident (its creation time). */
static int
check_ident(HANDLE h, int64_t pid, uint64_t ident, psu_err_t *err) {
  FILETIME c, x, k, u;

  if (ident == 0)
    return PSU_OK;
  if (!GetProcessTimes(h, &c, &x, &k, &u))
    return psu__win_err(err, GetLastError(), "GetProcessTimes(%lld)",
                        (long long)pid);
  if (ft64(c) != ident)
    return psu__set_err(err, PSU_ENOSUCHPROC, 0, "pid %lld was reused",
                        (long long)pid);
  return PSU_OK;
}


/* \Device\HarddiskVolumeN\x -> C:\x (psutil's convert_dos_path). Paths that
 * match no drive are returned unchanged. */
static void
dos_path(const wchar_t *dev, size_t devlen, char *out, size_t cap) {
  wchar_t drive[3] = L"A:", target[MAX_PATH + 1];
  DWORD len;
  size_t tl;

  for (drive[0] = L'A'; drive[0] <= L'Z'; drive[0]++) {
    len = QueryDosDeviceW(drive, target, (DWORD)PSU__ARRAY_SIZE(target));
    if (len == 0)
      continue;
    tl = wcslen(target);
    if (tl > 0 && tl < devlen && wcsncmp(dev, target, tl) == 0 &&
        dev[tl] == L'\\') {
      char d8[3];
      d8[0] = (char)drive[0];
      d8[1] = ':';
      d8[2] = '\0';
      psu__strlcpy(out, d8, cap);
      if (cap > 2)
        psu__win_utf8n_to(dev + tl, devlen - tl, out + 2, cap - 2);
      return;
    }
  }
  psu__win_utf8n_to(dev, devlen, out, cap);
}


/* ------------------------------------------------------------ pids */


static int
cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}


int
psu_pids(int64_t **out, size_t *n, psu_err_t *err) {
  DWORD *buf = NULL, size = 1024 * sizeof(DWORD), got = 0, i, count;
  int64_t *res;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_pids: NULL");
  for (;;) {
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "EnumProcesses");
    if (!EnumProcesses(buf, size, &got)) {
      DWORD e = GetLastError();
      psu__free(buf);
      return psu__win_err(err, e, "EnumProcesses");
    }
    if (got < size)
      break;
    psu__free(buf); /* maybe truncated: try bigger */
    size *= 2;
  }
  count = got / sizeof(DWORD);
  res = psu__malloc((count ? count : 1) * sizeof(*res));
  if (res == NULL) {
    psu__free(buf);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_pids");
  }
  for (i = 0; i < count; i++)
    res[i] = buf[i];
  psu__free(buf);
  qsort(res, count, sizeof(*res), cmp_i64);
  *out = res;
  *n = count;
  return PSU_OK;
}


int
psu_pid_exists(int64_t pid, int *exists, psu_err_t *err) {
  HANDLE h;
  DWORD e;
  int64_t *pids;
  size_t n, i;
  int rc;

  if (exists == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_pid_exists: NULL");
  *exists = 0;
  if (pid < 0 || pid > 0xFFFFFFFFLL)
    return PSU_OK;
  if (pid == 0) {
    *exists = 1;
    return PSU_OK;
  }
  h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
  if (h != NULL) {
    DWORD code;
    *exists = !(GetExitCodeProcess(h, &code) && code != STILL_ACTIVE &&
                WaitForSingleObject(h, 0) == WAIT_OBJECT_0);
    CloseHandle(h);
    return PSU_OK;
  }
  e = GetLastError();
  if (e == ERROR_INVALID_PARAMETER)
    return PSU_OK;
  /* Access denied (or anything else): look it up in the list. */
  rc = psu_pids(&pids, &n, err);
  if (rc != 0)
    return rc;
  for (i = 0; i < n; i++)
    if (pids[i] == pid)
      *exists = 1;
  psu_free(pids);
  return PSU_OK;
}


int
psu_proc_ppid_map(int64_t **out, size_t *n, psu_err_t *err) {
  void *table;
  psu__spi_t *p;
  size_t count = 0, i = 0;
  int64_t *res;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_ppid_map: NULL");
  rc = proc_table(&table, err);
  if (rc != 0)
    return rc;
  for (p = table;; p = (psu__spi_t *)((char *)p + p->NextEntryOffset)) {
    count++;
    if (p->NextEntryOffset == 0)
      break;
  }
  res = psu__malloc(2 * count * sizeof(*res));
  if (res == NULL) {
    psu__free(table);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_ppid_map");
  }
  for (p = table;; p = (psu__spi_t *)((char *)p + p->NextEntryOffset)) {
    res[2 * i] = (int64_t)(ULONG_PTR)p->UniqueProcessId;
    res[2 * i + 1] = (int64_t)(ULONG_PTR)p->InheritedFromUniqueProcessId;
    i++;
    if (p->NextEntryOffset == 0)
      break;
  }
  psu__free(table);
  *out = res;
  *n = count;
  return PSU_OK;
}


/* ------------------------------------------------------------ oneshot */


static void
fill_from_table(const psu__spi_t *p, psu_win_proc_t *out) {
  ULONG i;
  int suspended = p->NumberOfThreads > 0;

  memset(out, 0, sizeof(*out));
  out->pid = (int64_t)(ULONG_PTR)p->UniqueProcessId;
  out->ppid = (int64_t)(ULONG_PTR)p->InheritedFromUniqueProcessId;
  if (out->pid == 0)
    psu__strlcpy(out->name, "System Idle Process", sizeof(out->name));
  else if (p->ImageName.Buffer != NULL)
    psu__win_utf8n_to(p->ImageName.Buffer, p->ImageName.Length / 2,
                      out->name, sizeof(out->name));
  else if (out->pid == 4)
    psu__strlcpy(out->name, "System", sizeof(out->name));
  out->create_ticks = (uint64_t)p->CreateTime.QuadPart;
  out->create_time = psu__win_filetime_to_unix(out->create_ticks);
  if (out->create_ticks == 0) /* System Idle Process: boot time (psutil) */
    psu_boot_time(&out->create_time, NULL);
  out->user = (double)p->UserTime.QuadPart / PSU__HNS;
  out->system = (double)p->KernelTime.QuadPart / PSU__HNS;
  out->num_threads = p->NumberOfThreads;
  out->num_handles = p->HandleCount;
  for (i = 0; i < p->NumberOfThreads; i++) {
    out->ctx_switches += p->Threads[i].ContextSwitches;
    if (p->Threads[i].ThreadState != PSU__THREAD_WAITING ||
        p->Threads[i].WaitReason != PSU__WAIT_SUSPENDED)
      suspended = 0;
  }
  out->suspended = suspended;
  out->read_count = (uint64_t)p->ReadOperationCount.QuadPart;
  out->write_count = (uint64_t)p->WriteOperationCount.QuadPart;
  out->other_count = (uint64_t)p->OtherOperationCount.QuadPart;
  out->read_bytes = (uint64_t)p->ReadTransferCount.QuadPart;
  out->write_bytes = (uint64_t)p->WriteTransferCount.QuadPart;
  out->other_bytes = (uint64_t)p->OtherTransferCount.QuadPart;
  out->num_page_faults = p->PageFaultCount;
  out->peak_wset = p->PeakWorkingSetSize;
  out->wset = p->WorkingSetSize;
  out->peak_paged_pool = p->QuotaPeakPagedPoolUsage;
  out->paged_pool = p->QuotaPagedPoolUsage;
  out->peak_nonpaged_pool = p->QuotaPeakNonPagedPoolUsage;
  out->nonpaged_pool = p->QuotaNonPagedPoolUsage;
  out->pagefile = p->PagefileUsage;
  out->peak_pagefile = p->PeakPagefileUsage;
  out->private_bytes = p->PrivatePageCount;
  out->virtual_size = p->VirtualSize;
  out->peak_virtual_size = p->PeakVirtualSize;
}


int
psu_win_proc_oneshot(int64_t pid, unsigned flags, psu_win_proc_t *out,
                     psu_err_t *err) {
  void *table;
  psu__spi_t *p;
  HANDLE h;
  PROCESS_MEMORY_COUNTERS_EX pmc;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_proc_oneshot: NULL");
  rc = proc_table(&table, err);
  if (rc != 0)
    return rc;
  p = table_find(table, pid);
  if (p == NULL) {
    psu__free(table);
    return nsp(err, pid, "SystemProcessInformation");
  }
  fill_from_table(p, out);
  psu__free(table);
  /* psutil's memory_info: GetProcessMemoryInfo, the table on failure. */
  if (pid != 0 && (flags & PSU_WIN_PROC_MEMINFO)) {
    h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    if (h != NULL) {
      memset(&pmc, 0, sizeof(pmc));
      if (GetProcessMemoryInfo(h, (PROCESS_MEMORY_COUNTERS *)&pmc,
                               sizeof(pmc))) {
        out->num_page_faults = pmc.PageFaultCount;
        out->peak_wset = pmc.PeakWorkingSetSize;
        out->wset = pmc.WorkingSetSize;
        out->peak_paged_pool = pmc.QuotaPeakPagedPoolUsage;
        out->paged_pool = pmc.QuotaPagedPoolUsage;
        out->peak_nonpaged_pool = pmc.QuotaPeakNonPagedPoolUsage;
        out->nonpaged_pool = pmc.QuotaNonPagedPoolUsage;
        out->pagefile = pmc.PagefileUsage;
        out->peak_pagefile = pmc.PeakPagefileUsage;
        out->private_bytes = pmc.PrivateUsage;
      }
      CloseHandle(h);
    }
  }
  return PSU_OK;
}


int
psu_proc_info(int64_t pid, uint32_t want, psu_proc_info_t *out,
              psu_err_t *err) {
  psu_win_proc_t w;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_info: NULL");
  /* One table read gives every part. */
  rc = psu_win_proc_oneshot(
      pid, (want & PSU_PROC_PART_MEM) ? PSU_WIN_PROC_MEMINFO : 0, &w, err);
  if (rc != 0)
    return rc;
  psu__strlcpy(out->name, w.name, sizeof(out->name));
  out->name_len = (uint32_t)strlen(out->name);
  out->state = w.suspended ? 'T' : 'R';
  out->ppid = w.ppid;
  out->tty_nr = 0;
  out->ident = w.create_ticks;
  out->create_time = w.create_time;
  out->user = w.user;
  out->system = w.system;
  out->children_user = out->children_system = out->iowait = 0;
  out->cpu_num = -1;
  out->minflt = w.num_page_faults;
  out->majflt = 0;
  memset(out->uid, 0, sizeof(out->uid));
  memset(out->gid, 0, sizeof(out->gid));
  out->num_threads = w.num_threads;
  out->vol_ctxsw = w.ctx_switches;
  out->nonvol_ctxsw = 0;
  out->rss = w.wset;
  out->vms = w.pagefile;
  out->shared = out->text = out->lib = out->data = out->dirty = 0;
  out->have = PSU_PROC_PART_STAT | PSU_PROC_PART_STATUS | PSU_PROC_PART_MEM |
              PSU_PROC_PART_TASK;
  return PSU_OK;
}


/* ------------------------------------------------------------ exe */


int
psu_proc_exe(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  wchar_t *wbuf = NULL;
  DWORD size = 32768;
  char *res;
  HANDLE h;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_exe: NULL");
  res = psu__malloc(32768 * 3 + 1);
  if (res == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_exe");
  res[0] = '\0';
  if (pid == 0 || pid == 4) /* System Idle Process, System: no file */
    goto done;
  wbuf = psu__malloc(size * sizeof(wchar_t));
  if (wbuf == NULL) {
    psu__free(res);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_exe");
  }
  h = open_proc(pid, 0, err, &rc);
  if (h != NULL) {
    DWORD n = size;
    if (QueryFullProcessImageNameW(h, 0, wbuf, &n)) {
      CloseHandle(h);
      psu__win_utf8n_to(wbuf, n, res, 32768 * 3 + 1);
      goto done;
    }
    CloseHandle(h);
  } else if (rc != PSU_EACCESS) {
    goto error;
  }
  /* No handle (access denied): SystemProcessIdInformation needs none. */
  if (nt->NtQuerySystemInformation != NULL) {
    psu__spidi_t info;
    psu__ntstatus st;
    info.ProcessId = (HANDLE)(ULONG_PTR)pid;
    info.ImageName.Length = 0;
    info.ImageName.MaximumLength = (USHORT)(size * sizeof(wchar_t) > 0xFFFE
                                                ? 0xFFFE
                                                : size * sizeof(wchar_t));
    info.ImageName.Buffer = wbuf;
    st = nt->NtQuerySystemInformation(PSU__SystemProcessIdInformation, &info,
                                      sizeof(info), NULL);
    if (PSU__NT_SUCCESS(st)) {
      dos_path(wbuf, info.ImageName.Length / 2, res, 32768 * 3 + 1);
      goto done;
    }
    if (st == PSU__STATUS_INVALID_CID) {
      rc = nsp(err, pid, "SystemProcessIdInformation");
      goto error;
    }
    rc = psu__nt_err(err, st, "SystemProcessIdInformation(%lld)",
                     (long long)pid);
  }
  goto error;

done:
  psu__free(wbuf);
  *out = res;
  if (len != NULL)
    *len = strlen(res);
  return PSU_OK;

error:
  psu__free(wbuf);
  psu__free(res);
  return rc;
}


/* ------------------------------------------------------------ PEB reads */


/* Offsets in the PEB and RTL_USER_PROCESS_PARAMETERS of a 64-bit and a
 * 32-bit (WOW64) process. */
#define PSU__PEB64_PARAMS 0x20
#define PSU__UPP64_CWD 0x38
#define PSU__UPP64_CMDLINE 0x70
#define PSU__UPP64_ENV 0x80
#define PSU__UPP64_ENVSIZE 0x3F0
#define PSU__PEB32_PARAMS 0x10
#define PSU__UPP32_CWD 0x24
#define PSU__UPP32_CMDLINE 0x40
#define PSU__UPP32_ENV 0x48
#define PSU__UPP32_ENVSIZE 0x290

enum { PEB_CWD, PEB_CMDLINE, PEB_ENV };


/* ReadProcessMemory, retrying ERROR_PARTIAL_COPY for about a second (the
 * process may be starting), then access denied, as psutil does. */
static int
rpm(HANDLE h, int64_t pid, ULONG_PTR addr, void *dst, SIZE_T n,
    psu_err_t *err) {
  SIZE_T got = 0;
  int tries;

  for (tries = 0; tries < 50; tries++) {
    if (ReadProcessMemory(h, (LPCVOID)addr, dst, n, &got) && got == n)
      return PSU_OK;
    DWORD e = GetLastError();
    if (e != ERROR_PARTIAL_COPY)
      return psu__win_err(err, e, "ReadProcessMemory(%lld)", (long long)pid);
    Sleep(20);
  }
  return psu__set_err(err, PSU_EACCESS, ERROR_PARTIAL_COPY,
                      "ReadProcessMemory(%lld)", (long long)pid);
}


/* Read one string (what) of the process parameters into *out (UTF-16,
 * psu__malloc'd, *nchars code units). */
static int
peb_read(int64_t pid, int what, wchar_t **out, size_t *nchars,
         psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  HANDLE h;
  psu__pbi_t pbi;
  ULONG_PTR wow = 0, params = 0, addr = 0;
  SIZE_T size = 0;
  psu__ntstatus st;
  wchar_t *buf = NULL;
  int rc, is32 = 0;

  if (nt->NtQueryInformationProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQueryInformationProcess");
  h = open_proc(pid, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, err, &rc);
  if (h == NULL)
    return rc;
  st = nt->NtQueryInformationProcess(h, PSU__ProcessWow64Information, &wow,
                                     sizeof(wow), NULL);
  if (PSU__NT_SUCCESS(st) && wow != 0)
    is32 = 1;
  if (is32) {
    uint32_t p32 = 0;
    rc = rpm(h, pid, wow + PSU__PEB32_PARAMS, &p32, sizeof(p32), err);
    if (rc != 0)
      goto done;
    params = p32;
  } else {
    st = nt->NtQueryInformationProcess(h, PSU__ProcessBasicInformation, &pbi,
                                       sizeof(pbi), NULL);
    if (!PSU__NT_SUCCESS(st)) {
      rc = psu__nt_err(err, st, "NtQueryInformationProcess(%lld)",
                       (long long)pid);
      goto done;
    }
    if (pbi.PebBaseAddress == NULL) {
      rc = psu__set_err(err, PSU_EACCESS, 0, "no PEB (%lld)", (long long)pid);
      goto done;
    }
    rc = rpm(h, pid, (ULONG_PTR)pbi.PebBaseAddress + PSU__PEB64_PARAMS,
             &params, sizeof(params), err);
    if (rc != 0)
      goto done;
  }
  if (what == PEB_ENV) {
    if (is32) {
      uint32_t a = 0, s = 0;
      rc = rpm(h, pid, params + PSU__UPP32_ENV, &a, sizeof(a), err);
      if (rc == 0)
        rc = rpm(h, pid, params + PSU__UPP32_ENVSIZE, &s, sizeof(s), err);
      addr = a;
      size = s;
    } else {
      ULONG_PTR a = 0, s = 0;
      rc = rpm(h, pid, params + PSU__UPP64_ENV, &a, sizeof(a), err);
      if (rc == 0)
        rc = rpm(h, pid, params + PSU__UPP64_ENVSIZE, &s, sizeof(s), err);
      addr = a;
      size = s;
    }
    if (rc != 0)
      goto done;
    if (size == 0 || size > 64 * 1024 * 1024) {
      /* Unknown size: read what is committed from addr on. */
      MEMORY_BASIC_INFORMATION mbi;
      if (VirtualQueryEx(h, (LPCVOID)addr, &mbi, sizeof(mbi)) == 0) {
        rc = psu__win_err(err, GetLastError(), "VirtualQueryEx(%lld)",
                          (long long)pid);
        goto done;
      }
      size = (SIZE_T)((ULONG_PTR)mbi.BaseAddress + mbi.RegionSize - addr);
    }
  } else {
    ULONG_PTR off;
    USHORT slen;
    if (is32) {
      struct {
        USHORT Length, MaximumLength;
        uint32_t Buffer;
      } us32;
      off = what == PEB_CWD ? PSU__UPP32_CWD : PSU__UPP32_CMDLINE;
      rc = rpm(h, pid, params + off, &us32, sizeof(us32), err);
      slen = us32.Length;
      addr = us32.Buffer;
    } else {
      psu__unicode_string_t us;
      off = what == PEB_CWD ? PSU__UPP64_CWD : PSU__UPP64_CMDLINE;
      rc = rpm(h, pid, params + off, &us, sizeof(us), err);
      slen = us.Length;
      addr = (ULONG_PTR)us.Buffer;
    }
    if (rc != 0)
      goto done;
    size = slen;
  }
  size &= ~(SIZE_T)1;
  buf = psu__malloc(size + sizeof(wchar_t));
  if (buf == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "peb_read");
    goto done;
  }
  if (size > 0) {
    rc = rpm(h, pid, addr, buf, size, err);
    if (rc != 0) {
      psu__free(buf);
      goto done;
    }
  }
  buf[size / 2] = L'\0';
  *out = buf;
  *nchars = size / 2;

done:
  CloseHandle(h);
  return rc;
}


/* ProcessCommandLineInformation (Windows 8.1+): needs only
 * PROCESS_QUERY_LIMITED_INFORMATION; psutil's fallback on access denied. */
static int
cmdline_query(int64_t pid, wchar_t **out, size_t *nchars, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  ULONG size = 4096, need = 0;
  psu__unicode_string_t *us;
  psu__ntstatus st;
  HANDLE h;
  int rc, tries;

  if (nt->NtQueryInformationProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQueryInformationProcess");
  h = open_proc(pid, 0, err, &rc);
  if (h == NULL)
    return rc;
  for (tries = 0; tries < 4; tries++) {
    us = psu__malloc(size);
    if (us == NULL) {
      CloseHandle(h);
      return psu__set_err(err, PSU_ENOMEM, 0, "cmdline_query");
    }
    st = nt->NtQueryInformationProcess(h, PSU__ProcessCommandLineInformation,
                                       us, size, &need);
    if (PSU__NT_SUCCESS(st)) {
      size_t n = us->Length / 2;
      wchar_t *w = psu__malloc((n + 1) * sizeof(wchar_t));
      if (w == NULL) {
        psu__free(us);
        CloseHandle(h);
        return psu__set_err(err, PSU_ENOMEM, 0, "cmdline_query");
      }
      memcpy(w, us->Buffer, n * sizeof(wchar_t));
      w[n] = L'\0';
      psu__free(us);
      CloseHandle(h);
      *out = w;
      *nchars = n;
      return PSU_OK;
    }
    psu__free(us);
    if (st != PSU__STATUS_INFO_LENGTH_MISMATCH &&
        st != PSU__STATUS_BUFFER_TOO_SMALL &&
        st != PSU__STATUS_BUFFER_OVERFLOW)
      break;
    size = need > size ? need : size * 2;
  }
  CloseHandle(h);
  return psu__nt_err(err, st, "ProcessCommandLineInformation(%lld)",
                     (long long)pid);
}


/* A list of UTF-16 strings -> one NUL-separated UTF-8 block. */
static int
join_utf8(wchar_t **items, size_t n, char **out, size_t *len,
          psu_err_t *err) {
  size_t total = 1, i, off = 0;
  char *res;

  for (i = 0; i < n; i++)
    total += psu__win_utf8_size(items[i]);
  res = psu__malloc(total);
  if (res == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "join_utf8");
  for (i = 0; i < n; i++) {
    off += psu__win_utf8_to(items[i], res + off, total - off) + 1;
  }
  res[off] = '\0';
  *out = res;
  if (len != NULL)
    *len = off;
  return PSU_OK;
}


int
psu_proc_cmdline(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  wchar_t *w = NULL, **argv;
  size_t n = 0;
  int argc = 0, rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_cmdline: NULL");
  if (pid == 0 || pid == 4) {
    /* No command line; psutil gives [] */
    return join_utf8(NULL, 0, out, len, err);
  }
  rc = peb_read(pid, PEB_CMDLINE, &w, &n, err);
  if (rc == PSU_EACCESS)
    rc = cmdline_query(pid, &w, &n, err);
  if (rc != 0)
    return rc;
  if (n == 0) {
    psu__free(w);
    return join_utf8(NULL, 0, out, len, err);
  }
  argv = CommandLineToArgvW(w, &argc);
  psu__free(w);
  if (argv == NULL)
    return psu__win_err(err, GetLastError(), "CommandLineToArgvW");
  rc = join_utf8(argv, (size_t)argc, out, len, err);
  LocalFree(argv);
  return rc;
}


int
psu_proc_cwd(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  wchar_t *w = NULL;
  size_t n = 0, cap;
  char *res;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_cwd: NULL");
  rc = peb_read(pid, PEB_CWD, &w, &n, err);
  if (rc != 0)
    return rc;
  cap = psu__win_utf8n_size(w, n);
  res = psu__malloc(cap);
  if (res == NULL) {
    psu__free(w);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_cwd");
  }
  psu__win_utf8n_to(w, n, res, cap);
  psu__free(w);
  *out = res;
  if (len != NULL)
    *len = strlen(res);
  return PSU_OK;
}


int
psu_proc_environ(int64_t pid, char **out, size_t *len, psu_err_t *err) {
  wchar_t *w = NULL;
  size_t n = 0, i, end, cap;
  char *res;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_environ: NULL");
  rc = peb_read(pid, PEB_ENV, &w, &n, err);
  if (rc != 0)
    return rc;
  /* The block ends at the first empty string (two NULs). */
  for (end = 0, i = 0; i < n; i++) {
    if (w[i] == L'\0') {
      if (i == end)
        break;
      end = i + 1;
    }
  }
  cap = psu__win_utf8n_size(w, end) + 1;
  res = psu__malloc(cap);
  if (res == NULL) {
    psu__free(w);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_environ");
  }
  /* NULs inside the range convert as NULs. */
  i = psu__win_utf8n_to(w, end, res, cap);
  psu__free(w);
  res[i] = '\0';
  *out = res;
  if (len != NULL)
    *len = i;
  return PSU_OK;
}


/* ------------------------------------------------------------ user */


int
psu_win_proc_username(int64_t pid, char *buf, size_t cap, psu_err_t *err) {
  HANDLE h, tok = NULL;
  TOKEN_USER *tu = NULL;
  DWORD need = 0, nlen = 256, dlen = 256;
  wchar_t name[256], domain[256];
  SID_NAME_USE use;
  size_t off;
  int rc;

  if (buf == NULL || cap == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_proc_username: NULL");
  buf[0] = '\0';
  if (pid == 0 || pid == 4) {
    psu__strlcpy(buf, "NT AUTHORITY\\SYSTEM", cap);
    return PSU_OK;
  }
  h = open_proc(pid, 0, err, &rc);
  if (h == NULL)
    return rc;
  if (!OpenProcessToken(h, TOKEN_QUERY, &tok)) {
    rc = psu__win_err(err, GetLastError(), "OpenProcessToken(%lld)",
                      (long long)pid);
    goto done;
  }
  GetTokenInformation(tok, TokenUser, NULL, 0, &need);
  tu = psu__malloc(need ? need : 1);
  if (tu == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "GetTokenInformation");
    goto done;
  }
  if (!GetTokenInformation(tok, TokenUser, tu, need, &need)) {
    rc = psu__win_err(err, GetLastError(), "GetTokenInformation(%lld)",
                      (long long)pid);
    goto done;
  }
  if (!LookupAccountSidW(NULL, tu->User.Sid, name, &nlen, domain, &dlen,
                         &use)) {
    rc = psu__win_err(err, GetLastError(), "LookupAccountSidW(%lld)",
                      (long long)pid);
    goto done;
  }
  off = psu__win_utf8_to(domain, buf, cap);
  if (off + 1 < cap) {
    buf[off++] = '\\';
    psu__win_utf8_to(name, buf + off, cap - off);
  }

done:
  psu__free(tu);
  if (tok != NULL)
    CloseHandle(tok);
  CloseHandle(h);
  return rc;
}


/* ------------------------------------------------------------ priorities */


int
psu_proc_nice(int64_t pid, int *out, psu_err_t *err) {
  HANDLE h;
  DWORD c;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_nice: NULL");
  h = open_proc(pid, 0, err, &rc);
  if (h == NULL)
    return rc;
  c = GetPriorityClass(h);
  if (c == 0)
    rc = psu__win_err(err, GetLastError(), "GetPriorityClass(%lld)",
                      (long long)pid);
  else
    *out = (int)c;
  CloseHandle(h);
  return rc;
}


int
psu_proc_set_nice(int64_t pid, uint64_t ident, int value, psu_err_t *err) {
  HANDLE h;
  int rc;

  switch (value) {
  case ABOVE_NORMAL_PRIORITY_CLASS:
  case BELOW_NORMAL_PRIORITY_CLASS:
  case HIGH_PRIORITY_CLASS:
  case IDLE_PRIORITY_CLASS:
  case NORMAL_PRIORITY_CLASS:
  case REALTIME_PRIORITY_CLASS:
    break;
  default:
    return psu__set_err(err, PSU_EINVAL, 0, "not a priority class: %d",
                        value);
  }
  h = open_proc(pid, PROCESS_SET_INFORMATION, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0 && !SetPriorityClass(h, (DWORD)value))
    rc = psu__win_err(err, GetLastError(), "SetPriorityClass(%lld)",
                      (long long)pid);
  CloseHandle(h);
  return rc;
}


int
psu_proc_ionice(int64_t pid, int *ioclass, int *value, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  HANDLE h;
  ULONG prio = 0;
  psu__ntstatus st;
  int rc;

  if (ioclass == NULL || value == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_ionice: NULL");
  if (nt->NtQueryInformationProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQueryInformationProcess");
  h = open_proc(pid, 0, err, &rc);
  if (h == NULL)
    return rc;
  st = nt->NtQueryInformationProcess(h, PSU__ProcessIoPriority, &prio,
                                     sizeof(prio), NULL);
  CloseHandle(h);
  if (!PSU__NT_SUCCESS(st))
    return psu__nt_err(err, st, "NtQueryInformationProcess(ProcessIoPriority)");
  *ioclass = (int)prio; /* 0 very low, 1 low, 2 normal, 3 high */
  *value = 0;
  return PSU_OK;
}


int
psu_proc_set_ionice(int64_t pid, uint64_t ident, int ioclass, int value,
                    psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  HANDLE h;
  ULONG prio;
  psu__ntstatus st;
  int rc;

  if (ioclass < 0 || ioclass > 3 || value != 0)
    return psu__set_err(err, PSU_EINVAL, 0,
                        "ionice: class must be 0..3 and value 0");
  if (nt->NtSetInformationProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtSetInformationProcess");
  h = open_proc(pid, PROCESS_SET_INFORMATION, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0) {
    prio = (ULONG)ioclass;
    st = nt->NtSetInformationProcess(h, PSU__ProcessIoPriority, &prio,
                                     sizeof(prio));
    if (!PSU__NT_SUCCESS(st))
      rc = psu__nt_err(err, st, "NtSetInformationProcess(ProcessIoPriority)");
  }
  CloseHandle(h);
  return rc;
}


int
psu_proc_rlimit(int64_t pid, int resource, int64_t *soft, int64_t *hard,
                psu_err_t *err) {
  (void)pid;
  (void)resource;
  (void)soft;
  (void)hard;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: Linux and FreeBSD only");
}


int
psu_proc_set_rlimit(int64_t pid, uint64_t ident, int resource, int64_t soft,
                    int64_t hard, psu_err_t *err) {
  (void)pid;
  (void)ident;
  (void)resource;
  (void)soft;
  (void)hard;
  return psu__set_err(err, PSU_ENOTSUP, 0, "rlimit: Linux and FreeBSD only");
}


int
psu_proc_num_fds(int64_t pid, int64_t *out, psu_err_t *err) {
  (void)pid;
  (void)out;
  return psu__set_err(err, PSU_ENOTSUP, 0, "num_fds: POSIX only");
}


/* ------------------------------------------------------------ I/O, CPU */


int
psu_win_proc_io_counters(int64_t pid, psu_win_proc_io_t *out,
                         psu_err_t *err) {
  IO_COUNTERS io;
  psu_win_proc_t w;
  HANDLE h;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_proc_io_counters: NULL");
  h = open_proc(pid, 0, err, &rc);
  if (h != NULL) {
    BOOL ok = GetProcessIoCounters(h, &io);
    DWORD e = GetLastError();
    CloseHandle(h);
    if (ok) {
      out->read_count = io.ReadOperationCount;
      out->write_count = io.WriteOperationCount;
      out->other_count = io.OtherOperationCount;
      out->read_bytes = io.ReadTransferCount;
      out->write_bytes = io.WriteTransferCount;
      out->other_bytes = io.OtherTransferCount;
      return PSU_OK;
    }
    if (psu__win_code(e) != PSU_EACCESS)
      return psu__win_err(err, e, "GetProcessIoCounters(%lld)",
                          (long long)pid);
  } else if (rc != PSU_EACCESS) {
    return rc;
  }
  /* Access denied: the process table has the same counters. */
  rc = psu_win_proc_oneshot(pid, 0, &w, err);
  if (rc != 0)
    return rc;
  out->read_count = w.read_count;
  out->write_count = w.write_count;
  out->other_count = w.other_count;
  out->read_bytes = w.read_bytes;
  out->write_bytes = w.write_bytes;
  out->other_bytes = w.other_bytes;
  return PSU_OK;
}


int
psu_proc_io_counters(int64_t pid, psu_proc_io_t *out, psu_err_t *err) {
  psu_win_proc_io_t w;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_io_counters: NULL");
  rc = psu_win_proc_io_counters(pid, &w, err);
  if (rc != 0)
    return rc;
  memset(out, 0, sizeof(*out));
  out->read_count = w.read_count;
  out->write_count = w.write_count;
  out->read_bytes = w.read_bytes;
  out->write_bytes = w.write_bytes;
  return PSU_OK;
}


int
psu_proc_threads(int64_t pid, psu_proc_thread_t **out, size_t *n,
                 psu_err_t *err) {
  void *table;
  psu__spi_t *p;
  psu_proc_thread_t *res;
  ULONG i;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_threads: NULL");
  rc = proc_table(&table, err);
  if (rc != 0)
    return rc;
  p = table_find(table, pid);
  if (p == NULL) {
    psu__free(table);
    return nsp(err, pid, "SystemProcessInformation");
  }
  res = psu__calloc(p->NumberOfThreads ? p->NumberOfThreads : 1,
                    sizeof(*res));
  if (res == NULL) {
    psu__free(table);
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_threads");
  }
  for (i = 0; i < p->NumberOfThreads; i++) {
    res[i].id = (int64_t)(ULONG_PTR)p->Threads[i].ClientId.UniqueThread;
    res[i].user_time = (double)p->Threads[i].UserTime.QuadPart / PSU__HNS;
    res[i].system_time = (double)p->Threads[i].KernelTime.QuadPart / PSU__HNS;
  }
  *out = res;
  *n = p->NumberOfThreads;
  psu__free(table);
  return PSU_OK;
}


int
psu_proc_cpu_affinity(int64_t pid, int32_t **out, size_t *n,
                      psu_err_t *err) {
  DWORD_PTR pmask = 0, smask = 0;
  int32_t *res;
  size_t count = 0;
  HANDLE h;
  int rc, i;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_cpu_affinity: NULL");
  h = open_proc(pid, 0, err, &rc);
  if (h == NULL)
    return rc;
  if (!GetProcessAffinityMask(h, &pmask, &smask)) {
    rc = psu__win_err(err, GetLastError(), "GetProcessAffinityMask(%lld)",
                      (long long)pid);
    CloseHandle(h);
    return rc;
  }
  CloseHandle(h);
  res = psu__calloc(sizeof(DWORD_PTR) * 8, sizeof(*res));
  if (res == NULL)
    return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_cpu_affinity");
  for (i = 0; i < (int)(sizeof(DWORD_PTR) * 8); i++)
    if (pmask & ((DWORD_PTR)1 << i))
      res[count++] = i;
  *out = res;
  *n = count;
  return PSU_OK;
}


int
psu_proc_set_cpu_affinity(int64_t pid, uint64_t ident, const int32_t *cpus,
                          size_t n, psu_err_t *err) {
  DWORD_PTR mask = 0, pmask = 0, smask = 0;
  HANDLE h;
  size_t i;
  int rc;

  for (i = 0; i < n; i++) {
    if (cpus[i] < 0 || cpus[i] >= (int32_t)(sizeof(DWORD_PTR) * 8))
      return psu__set_err(err, PSU_EINVAL, 0, "invalid CPU %d", cpus[i]);
    mask |= (DWORD_PTR)1 << cpus[i];
  }
  h = open_proc(pid, PROCESS_SET_INFORMATION, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0 && !GetProcessAffinityMask(h, &pmask, &smask))
    rc = psu__win_err(err, GetLastError(), "GetProcessAffinityMask(%lld)",
                      (long long)pid);
  if (rc == 0) {
    if (n == 0)
      mask = smask; /* [] = every CPU, as psutil */
    if ((mask & ~smask) != 0)
      rc = psu__set_err(err, PSU_EINVAL, 0, "CPU not in the system mask");
    else if (!SetProcessAffinityMask(h, mask))
      rc = psu__win_err(err, GetLastError(), "SetProcessAffinityMask(%lld)",
                        (long long)pid);
  }
  CloseHandle(h);
  return rc;
}


/* ------------------------------------------------------------ memory */


/* USS as psutil: NtQueryVirtualMemory(MemoryWorkingSetInformation) and
 * count the working-set pages that are not shared or shared by one process
 * only, times the page size. The buffer starts at 32 KiB and doubles up to
 * 256 MiB. Wine does not implement this information class (QueryWorkingSet
 * fails with ERROR_INVALID_PARAMETER there). */
int
psu_proc_footprint(int64_t pid, psu_proc_footprint_t *out, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  SIZE_T size = 32 * 1024;
  psu__mwsi_t *ws = NULL;
  psu__ntstatus st;
  SYSTEM_INFO si;
  ULONG_PTR i, priv = 0;
  HANDLE h;
  int rc;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_footprint: NULL");
  if (nt->NtQueryVirtualMemory == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQueryVirtualMemory");
  h = open_proc(pid, PROCESS_QUERY_INFORMATION, err, &rc);
  if (h == NULL)
    return rc;
  for (;;) {
    ws = psu__malloc(size);
    if (ws == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_footprint");
      goto done;
    }
    st = nt->NtQueryVirtualMemory(h, NULL, PSU__MemoryWorkingSetInformation,
                                  ws, size, NULL);
    if (PSU__NT_SUCCESS(st))
      break;
    psu__free(ws);
    ws = NULL;
    if (st != PSU__STATUS_INFO_LENGTH_MISMATCH || size >= 256 * 1024 * 1024) {
      rc = psu__nt_err(err, st, "NtQueryVirtualMemory(%lld, "
                       "MemoryWorkingSetInformation)", (long long)pid);
      goto done;
    }
    size *= 2;
  }
  /* MEMORY_WORKING_SET_BLOCK: Protection:5 ShareCount:3 Shared:1 ... */
  for (i = 0; i < ws->NumberOfEntries; i++) {
    ULONG_PTR b = ws->WorkingSetInfo[i];
    ULONG_PTR share_count = (b >> 5) & 0x7, shared = (b >> 8) & 0x1;
    if (!shared || share_count <= 1)
      priv++;
  }
  GetSystemInfo(&si);
  out->uss = (uint64_t)priv * si.dwPageSize;
  out->pss = 0;
  out->swap = 0;

done:
  psu__free(ws);
  CloseHandle(h);
  return rc;
}


int
psu_proc_memory_maps(int64_t pid, int grouped, psu_proc_mmap_t **out,
                     size_t *n, psu_err_t *err) {
  MEMORY_BASIC_INFORMATION mbi;
  wchar_t wpath[MAX_PATH * 2];
  char path[MAX_PATH * 6];
  psu_proc_mmap_t *res = NULL, *nr;
  char *pool = NULL, *np;
  size_t count = 0, cap = 0, poolsz = 0, poolcap = 0, i;
  ULONG_PTR addr = 0;
  HANDLE h;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_memory_maps: NULL");
  h = open_proc(pid, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, err, &rc);
  if (h == NULL)
    return rc;
  /* psutil: every committed region backed by a file (GetMappedFileName),
   * its size as rss. */
  while (VirtualQueryEx(h, (LPCVOID)addr, &mbi, sizeof(mbi)) != 0) {
    ULONG_PTR next = (ULONG_PTR)mbi.BaseAddress + mbi.RegionSize;
    if (next <= addr)
      break;
    addr = next;
    if (mbi.State != MEM_COMMIT)
      continue;
    DWORD wl = GetMappedFileNameW(h, mbi.BaseAddress, wpath,
                                  (DWORD)PSU__ARRAY_SIZE(wpath));
    if (wl == 0)
      continue;
    dos_path(wpath, wl, path, sizeof(path));
    if (grouped) {
      for (i = 0; i < count; i++)
        if (strcmp(pool + (size_t)res[i].path, path) == 0)
          break;
      if (i < count) {
        res[i].rss += mbi.RegionSize;
        res[i].size += mbi.RegionSize;
        continue;
      }
    }
    if (count == cap) {
      cap = cap ? cap * 2 : 64;
      nr = psu__realloc(res, cap * sizeof(*res));
      if (nr == NULL)
        goto nomem;
      res = nr;
    }
    size_t pl = strlen(path) + 1;
    if (poolsz + pl > poolcap) {
      poolcap = (poolsz + pl) * 2;
      np = psu__realloc(pool, poolcap);
      if (np == NULL)
        goto nomem;
      pool = np;
    }
    memcpy(pool + poolsz, path, pl);
    memset(&res[count], 0, sizeof(res[count]));
    res[count].path = (const char *)(uintptr_t)poolsz; /* offset for now */
    res[count].path_len = pl - 1;
    if (!grouped) {
      psu__path(res[count].addr, sizeof(res[count].addr), "0x%llx",
                (unsigned long long)(ULONG_PTR)mbi.BaseAddress);
      DWORD p = mbi.Protect & 0xFF;
      psu__strlcpy(res[count].perms,
                   p == PAGE_EXECUTE_READWRITE || p == PAGE_EXECUTE_WRITECOPY
                       ? "xrw"
                   : p == PAGE_EXECUTE_READ    ? "xr"
                   : p == PAGE_EXECUTE         ? "x"
                   : p == PAGE_READWRITE || p == PAGE_WRITECOPY ? "rw"
                   : p == PAGE_READONLY        ? "r"
                                               : "",
                   sizeof(res[count].perms));
    }
    res[count].rss = mbi.RegionSize;
    res[count].size = mbi.RegionSize;
    poolsz += pl;
    count++;
  }
  CloseHandle(h);
  /* One block: the structs, then the strings. */
  {
    psu_proc_mmap_t *blk = psu__malloc(count * sizeof(*blk) + poolsz + 1);
    if (blk == NULL) {
      psu__free(res);
      psu__free(pool);
      return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_memory_maps");
    }
    char *strs = (char *)(blk + count);
    if (poolsz > 0)
      memcpy(strs, pool, poolsz);
    for (i = 0; i < count; i++) {
      blk[i] = res[i];
      blk[i].path = strs + (size_t)(uintptr_t)res[i].path;
    }
    psu__free(res);
    psu__free(pool);
    *out = blk;
    *n = count;
  }
  return PSU_OK;

nomem:
  CloseHandle(h);
  psu__free(res);
  psu__free(pool);
  return psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_memory_maps");
}


/* SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX / SYSTEM_HANDLE_INFORMATION_EX. */
typedef struct psu__she_s {
  PVOID Object;
  ULONG_PTR UniqueProcessId;
  ULONG_PTR HandleValue;
  ULONG GrantedAccess;
  USHORT CreatorBackTraceIndex;
  USHORT ObjectTypeIndex;
  ULONG HandleAttributes;
  ULONG Reserved;
} psu__she_t;

typedef struct psu__shi_s {
  ULONG_PTR NumberOfHandles;
  ULONG_PTR Reserved;
  psu__she_t Handles[1];
} psu__shi_t;

#define PSU__SystemExtendedHandleInformation 64


/* open_files: every handle of the process (SystemExtendedHandleInformation)
 * is duplicated into this process; the ones that are disk files
 * (GetFileType) are named with GetFinalPathNameByHandleW. Unlike psutil,
 * which asks NtQueryObject in a worker thread with a timeout because that
 * call can hang on pipes, GetFileType filters pipes out first and
 * GetFinalPathNameByHandleW does not block on disk files. fd is -1. */
int
psu_proc_open_files(int64_t pid, psu_proc_open_file_t **out, size_t *n,
                    psu_err_t *err) {
  psu__shi_t *hi = NULL;
  HANDLE proc, self = GetCurrentProcess();
  ULONG_PTR i;
  wchar_t *wpath = NULL;
  char **paths = NULL;
  size_t count = 0, cap = 0, strsize = 0, k;
  psu_proc_open_file_t *res;
  char *pool;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_open_files: NULL");
  *out = NULL;
  *n = 0;
  proc = open_proc(pid, PROCESS_DUP_HANDLE, err, &rc);
  if (proc == NULL)
    return rc;
  rc = psu__nt_query_system(PSU__SystemExtendedHandleInformation,
                            (void **)&hi, NULL, err);
  if (rc != 0)
    goto done;
  wpath = psu__malloc(32768 * sizeof(wchar_t));
  if (wpath == NULL)
    goto nomem;
  for (i = 0; i < hi->NumberOfHandles; i++) {
    psu__she_t *e = &hi->Handles[i];
    HANDLE dup = NULL;
    DWORD len;
    char *p;

    if ((int64_t)e->UniqueProcessId != pid)
      continue;
    if (!DuplicateHandle(proc, (HANDLE)e->HandleValue, self, &dup, 0, FALSE,
                         DUPLICATE_SAME_ACCESS))
      continue;
    if (GetFileType(dup) != FILE_TYPE_DISK) {
      CloseHandle(dup);
      continue;
    }
    len = GetFinalPathNameByHandleW(dup, wpath, 32768,
                                    FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    CloseHandle(dup);
    if (len == 0 || len >= 32768)
      continue;
    wpath[len] = L'\0';
    /* Directories are handles too; psutil keeps regular files only. */
    {
      DWORD attrs = GetFileAttributesW(wpath);
      if (attrs == INVALID_FILE_ATTRIBUTES ||
          (attrs & FILE_ATTRIBUTE_DIRECTORY))
        continue;
    }
    {
      const wchar_t *w = wpath;
      /* \\?\C:\x -> C:\x; \\?\UNC\srv\x -> \\srv\x */
      if (wcsncmp(w, L"\\\\?\\UNC\\", 8) == 0) {
        w += 6;
        wpath[6] = L'\\';
      } else if (wcsncmp(w, L"\\\\?\\", 4) == 0) {
        w += 4;
      }
      p = psu__win_utf8_dup(w);
    }
    if (p == NULL)
      goto nomem;
    for (k = 0; k < count; k++) /* one entry per path, as psutil's set */
      if (strcmp(paths[k], p) == 0)
        break;
    if (k < count) {
      psu__free(p);
      continue;
    }
    if (count == cap) {
      char **np;
      cap = cap ? cap * 2 : 32;
      np = psu__realloc(paths, cap * sizeof(*paths));
      if (np == NULL) {
        psu__free(p);
        goto nomem;
      }
      paths = np;
    }
    paths[count++] = p;
    strsize += strlen(p) + 1;
  }
  res = psu__malloc(count * sizeof(*res) + strsize + 1);
  if (res == NULL)
    goto nomem;
  pool = (char *)(res + count);
  for (k = 0; k < count; k++) {
    size_t l = strlen(paths[k]);
    memset(&res[k], 0, sizeof(res[k]));
    memcpy(pool, paths[k], l + 1);
    res[k].path = pool;
    res[k].path_len = l;
    res[k].fd = -1;
    res[k].position = -1;
    pool += l + 1;
  }
  *out = res;
  *n = count;
  rc = PSU_OK;
  goto done;

nomem:
  rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_proc_open_files");
done:
  for (k = 0; k < count; k++)
    psu__free(paths[k]);
  psu__free(paths);
  psu__free(wpath);
  psu__free(hi);
  CloseHandle(proc);
  return rc;
}


/* ------------------------------------------------------------ signals */


int
psu_win_proc_suspend(int64_t pid, uint64_t ident, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  psu__ntstatus st;
  HANDLE h;
  int rc;

  if (nt->NtSuspendProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtSuspendProcess");
  h = open_proc(pid, PROCESS_SUSPEND_RESUME, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0) {
    st = nt->NtSuspendProcess(h);
    if (!PSU__NT_SUCCESS(st))
      rc = psu__nt_err(err, st, "NtSuspendProcess(%lld)", (long long)pid);
  }
  CloseHandle(h);
  return rc;
}


int
psu_win_proc_resume(int64_t pid, uint64_t ident, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  psu__ntstatus st;
  HANDLE h;
  int rc;

  if (nt->NtResumeProcess == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtResumeProcess");
  h = open_proc(pid, PROCESS_SUSPEND_RESUME, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0) {
    st = nt->NtResumeProcess(h);
    if (!PSU__NT_SUCCESS(st))
      rc = psu__nt_err(err, st, "NtResumeProcess(%lld)", (long long)pid);
  }
  CloseHandle(h);
  return rc;
}


/* sig 0: existence check; 9 (SIGKILL) and 15 (SIGTERM): TerminateProcess
 * with exit code sig, as psutil. Others: PSU_EINVAL. */
int
psu_proc_signal(int64_t pid, uint64_t ident, int sig, psu_err_t *err) {
  HANDLE h;
  int rc;

  if (sig != 0 && sig != 9 && sig != 15)
    return psu__set_err(err, PSU_EINVAL, 0,
                        "signal %d: only SIGTERM and SIGKILL on Windows", sig);
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "pid 0");
  h = open_proc(pid, sig == 0 ? 0 : PROCESS_TERMINATE, err, &rc);
  if (h == NULL)
    return rc;
  rc = check_ident(h, pid, ident, err);
  if (rc == 0 && sig != 0 && !TerminateProcess(h, (UINT)sig)) {
    DWORD e = GetLastError();
    /* Already exiting: psutil treats it as gone. */
    if (e == ERROR_ACCESS_DENIED && WaitForSingleObject(h, 0) == WAIT_OBJECT_0)
      rc = nsp(err, pid, "TerminateProcess");
    else
      rc = psu__win_err(err, e, "TerminateProcess(%lld)", (long long)pid);
  }
  CloseHandle(h);
  return rc;
}


int
psu_proc_wait(int64_t pid, uint64_t ident, int64_t timeout_ms, int32_t *code,
              psu_err_t *err) {
  HANDLE h;
  DWORD r, ec = 0, e;
  FILETIME c, x, k, u;

  if (code == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_proc_wait: NULL");
  if (pid == 0)
    return psu__set_err(err, PSU_EINVAL, 0, "pid 0");
  h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
                  (DWORD)pid);
  if (h == NULL) {
    e = GetLastError();
    if (e == ERROR_INVALID_PARAMETER) {
      /* Already gone: psutil returns None. */
      *code = PSU_EXIT_UNKNOWN;
      return PSU_OK;
    }
    return psu__win_err(err, e, "OpenProcess(%lld)", (long long)pid);
  }
  if (ident != 0 && GetProcessTimes(h, &c, &x, &k, &u) && ft64(c) != ident) {
    CloseHandle(h); /* the pid was reused: ours is gone */
    *code = PSU_EXIT_UNKNOWN;
    return PSU_OK;
  }
  r = WaitForSingleObject(h, timeout_ms < 0            ? INFINITE
                             : timeout_ms > 0x7FFFFFFF ? 0x7FFFFFFF
                                                       : (DWORD)timeout_ms);
  if (r == WAIT_TIMEOUT) {
    CloseHandle(h);
    return psu__set_err(err, PSU_ETIMEOUT, 0, "WaitForSingleObject(%lld)",
                        (long long)pid);
  }
  if (r != WAIT_OBJECT_0) {
    e = GetLastError();
    CloseHandle(h);
    return psu__win_err(err, e, "WaitForSingleObject(%lld)", (long long)pid);
  }
  if (!GetExitCodeProcess(h, &ec)) {
    e = GetLastError();
    CloseHandle(h);
    return psu__win_err(err, e, "GetExitCodeProcess(%lld)", (long long)pid);
  }
  CloseHandle(h);
  *code = (int32_t)ec;
  return PSU_OK;
}


/* ------------------------------------------------------------ sockets */
/* See windows_net.c. */
