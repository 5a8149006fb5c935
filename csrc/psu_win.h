/* psu_win.h: Windows-only API: services.
 * Included by psu.h; follows the conventions written there. On other
 * systems these functions are not compiled (the Go API returns
 * ErrNotImplemented there).
 *
 * Service names are UTF-8. Errors: an unknown or invalid service name gives
 * PSU_ENOTFOUND (Win32 ERROR_SERVICE_DOES_NOT_EXIST / ERROR_INVALID_NAME in
 * err->sys; psutil raises NoSuchProcess), ERROR_ACCESS_DENIED and
 * ERROR_PRIVILEGE_NOT_HELD give PSU_EACCESS. */
#ifndef PSU_WIN_H
#define PSU_WIN_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One entry of psu_win_service_list. The strings point into the same
 * block. */
typedef struct psu_win_service_s {
  const char *name;
  const char *display_name;
} psu_win_service_t;

/* All Win32 services (SERVICE_WIN32, any state), as psutil's
 * win_service_iter(): EnumServicesStatusExW(SC_ENUM_PROCESS_INFO). *out is
 * one block, freed with psu_free. */
PSU_EXTERN int psu_win_service_list(psu_win_service_t **out, size_t *n,
                                    psu_err_t *err);

/* QueryServiceConfigW. Strings point into the same block (freed with
 * psu_free); a missing one is "". start_type is psutil's string:
 * "automatic", "manual", "disabled" or "unknown" (boot/system drivers);
 * start_type_raw is dwStartType. */
typedef struct psu_win_service_config_s {
  const char *display_name;
  const char *binpath;
  const char *username; /* lpServiceStartName */
  uint32_t start_type_raw;
  char start_type[16];
} psu_win_service_config_t;

PSU_EXTERN int psu_win_service_config(const char *name,
                                      psu_win_service_config_t **out,
                                      psu_err_t *err);

/* QueryServiceStatusEx(SC_STATUS_PROCESS_INFO). status is psutil's string:
 * "running", "paused", "start_pending", "pause_pending",
 * "continue_pending", "stop_pending", "stopped" or "unknown"; pid is 0 when
 * no process runs the service. */
typedef struct psu_win_service_status_s {
  char status[24];
  uint32_t state_raw; /* dwCurrentState */
  int64_t pid;
} psu_win_service_status_t;

PSU_EXTERN int psu_win_service_status(const char *name,
                                      psu_win_service_status_t *out,
                                      psu_err_t *err);

/* QueryServiceConfig2W(SERVICE_CONFIG_DESCRIPTION). *out is a malloc'd
 * UTF-8 string freed with psu_free; "" when the service has no description
 * (a NULL lpDescription, or ERROR_NOT_FOUND / ERROR_FILE_NOT_FOUND /
 * ERROR_MUI_FILE_NOT_FOUND, as psutil). */
PSU_EXTERN int psu_win_service_description(const char *name, char **out,
                                           psu_err_t *err);


/* ---------------------------------------------------------- processes
 * Windows-only process data, beyond psu_proc.h (which Windows implements
 * too). pids are DWORDs. */

/* One process of the NT process table (SystemProcessInformation), as
 * psutil's proc_oneshot, with the memory counters of GetProcessMemoryInfo
 * when the process can be opened (they replace the table values, as
 * psutil's memory_info does). Sizes in bytes, times in seconds. */
typedef struct psu_win_proc_s {
  int64_t pid;
  int64_t ppid;
  char name[128];         /* image name, UTF-8 */
  uint64_t create_ticks;  /* FILETIME units: the identity */
  double create_time;     /* seconds since the epoch */
  double user, system;
  uint32_t num_threads;
  uint32_t num_handles;
  uint64_t ctx_switches;  /* sum over the threads */
  int suspended;          /* every thread waits with reason Suspended */
  uint64_t read_count, write_count, other_count;
  uint64_t read_bytes, write_bytes, other_bytes;
  /* PROCESS_MEMORY_COUNTERS_EX */
  uint64_t num_page_faults, peak_wset, wset, peak_paged_pool, paged_pool,
      peak_nonpaged_pool, nonpaged_pool, pagefile, peak_pagefile, private_bytes;
  uint64_t virtual_size, peak_virtual_size;
} psu_win_proc_t;

/* flags: PSU_WIN_PROC_MEMINFO also opens the process for
 * GetProcessMemoryInfo; without it the memory fields come from the table
 * (the same kernel counters; private_bytes is PrivatePageCount). */
#define PSU_WIN_PROC_MEMINFO 0x1u
PSU_EXTERN int psu_win_proc_oneshot(int64_t pid, unsigned flags,
                                    psu_win_proc_t *out, psu_err_t *err);

/* "DOMAIN\user" of the process token, UTF-8. */
PSU_EXTERN int psu_win_proc_username(int64_t pid, char *buf, size_t cap,
                                     psu_err_t *err);

/* NtSuspendProcess / NtResumeProcess, identity-checked (ident =
 * create_ticks; 0 = don't check). */
PSU_EXTERN int psu_win_proc_suspend(int64_t pid, uint64_t ident,
                                    psu_err_t *err);
PSU_EXTERN int psu_win_proc_resume(int64_t pid, uint64_t ident,
                                   psu_err_t *err);

/* GetProcessIoCounters (falling back to the process table on access
 * denied): counts and bytes of read, write and other I/O. */
typedef struct psu_win_proc_io_s {
  uint64_t read_count, write_count, other_count;
  uint64_t read_bytes, write_bytes, other_bytes;
} psu_win_proc_io_t;
PSU_EXTERN int psu_win_proc_io_counters(int64_t pid, psu_win_proc_io_t *out,
                                        psu_err_t *err);

/* 1 when running under wine (ntdll exports wine_get_version). */
PSU_EXTERN int psu_win_is_wine(void);

#ifdef __cplusplus
}
#endif

#endif /* PSU_WIN_H */
