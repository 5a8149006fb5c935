/* windows-ntapi.h: the undocumented / semi-documented NT native API bits
 * that the Windows port uses. Everything is declared here under psu__
 * names (no winternl.h, whose contents differ between mingw-w64 and the
 * Windows SDK) and resolved from ntdll.dll at run time, once. */
#ifndef PSU_WINDOWS_NTAPI_H
#define PSU_WINDOWS_NTAPI_H

#include "windows-internal.h"

typedef LONG psu__ntstatus;

#define PSU__NT_SUCCESS(s) ((s) >= 0)
#define PSU__STATUS_INFO_LENGTH_MISMATCH ((psu__ntstatus)0xC0000004L)
#define PSU__STATUS_BUFFER_TOO_SMALL ((psu__ntstatus)0xC0000023L)
#define PSU__STATUS_BUFFER_OVERFLOW ((psu__ntstatus)0x80000005L)
#define PSU__STATUS_ACCESS_DENIED ((psu__ntstatus)0xC0000022L)
#define PSU__STATUS_INVALID_PARAMETER ((psu__ntstatus)0xC000000DL)
#define PSU__STATUS_INVALID_CID ((psu__ntstatus)0xC000000BL)
#define PSU__STATUS_NOT_FOUND ((psu__ntstatus)0xC0000225L)
#define PSU__STATUS_PARTIAL_COPY ((psu__ntstatus)0x8000000DL)

/* SYSTEM_INFORMATION_CLASS values. */
#define PSU__SystemBasicInformation 0
#define PSU__SystemPerformanceInformation 2
#define PSU__SystemTimeOfDayInformation 3
#define PSU__SystemProcessInformation 5
#define PSU__SystemProcessorPerformanceInformation 8
#define PSU__SystemInterruptInformation 23
#define PSU__SystemProcessIdInformation 88

/* PROCESSINFOCLASS values. */
#define PSU__ProcessBasicInformation 0
#define PSU__ProcessIoPriority 33
#define PSU__ProcessWow64Information 26
#define PSU__ProcessImageFileName 27
#define PSU__ProcessCommandLineInformation 60

/* MEMORY_INFORMATION_CLASS. */
#define PSU__MemoryWorkingSetInformation 1

typedef struct psu__unicode_string_s {
  USHORT Length; /* bytes */
  USHORT MaximumLength;
  PWSTR Buffer;
} psu__unicode_string_t;

typedef struct psu__sppi_s { /* SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION */
  LARGE_INTEGER IdleTime;
  LARGE_INTEGER KernelTime; /* includes IdleTime */
  LARGE_INTEGER UserTime;
  LARGE_INTEGER DpcTime;
  LARGE_INTEGER InterruptTime;
  ULONG InterruptCount;
} psu__sppi_t;

typedef struct psu__stodi_s { /* SYSTEM_TIMEOFDAY_INFORMATION */
  LARGE_INTEGER BootTime;
  LARGE_INTEGER CurrentTime;
  LARGE_INTEGER TimeZoneBias;
  ULONG TimeZoneId;
  ULONG Reserved;
  ULONGLONG BootTimeBias;
  ULONGLONG SleepTimeBias;
} psu__stodi_t;

/* SYSTEM_PERFORMANCE_INFORMATION: the first 312 bytes (the Windows XP
 * layout, a prefix of every later one). Read by offset. */
#define PSU__SPI_MIN_SIZE 312
#define PSU__SPI_CONTEXT_SWITCHES_OFF 296
#define PSU__SPI_SYSTEM_CALLS_OFF 308

typedef struct psu__sti_s { /* SYSTEM_THREAD_INFORMATION */
  LARGE_INTEGER KernelTime;
  LARGE_INTEGER UserTime;
  LARGE_INTEGER CreateTime;
  ULONG WaitTime;
  PVOID StartAddress;
  struct {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
  } ClientId;
  LONG Priority;
  LONG BasePriority;
  ULONG ContextSwitches;
  ULONG ThreadState;
  ULONG WaitReason;
} psu__sti_t;

typedef struct psu__spi_s { /* SYSTEM_PROCESS_INFORMATION */
  ULONG NextEntryOffset;
  ULONG NumberOfThreads;
  LARGE_INTEGER WorkingSetPrivateSize;
  ULONG HardFaultCount;
  ULONG NumberOfThreadsHighWatermark;
  ULONGLONG CycleTime;
  LARGE_INTEGER CreateTime;
  LARGE_INTEGER UserTime;
  LARGE_INTEGER KernelTime;
  psu__unicode_string_t ImageName;
  LONG BasePriority;
  HANDLE UniqueProcessId;
  HANDLE InheritedFromUniqueProcessId;
  ULONG HandleCount;
  ULONG SessionId;
  ULONG_PTR UniqueProcessKey;
  SIZE_T PeakVirtualSize;
  SIZE_T VirtualSize;
  ULONG PageFaultCount;
  SIZE_T PeakWorkingSetSize;
  SIZE_T WorkingSetSize;
  SIZE_T QuotaPeakPagedPoolUsage;
  SIZE_T QuotaPagedPoolUsage;
  SIZE_T QuotaPeakNonPagedPoolUsage;
  SIZE_T QuotaNonPagedPoolUsage;
  SIZE_T PagefileUsage;
  SIZE_T PeakPagefileUsage;
  SIZE_T PrivatePageCount;
  LARGE_INTEGER ReadOperationCount;
  LARGE_INTEGER WriteOperationCount;
  LARGE_INTEGER OtherOperationCount;
  LARGE_INTEGER ReadTransferCount;
  LARGE_INTEGER WriteTransferCount;
  LARGE_INTEGER OtherTransferCount;
  psu__sti_t Threads[1];
} psu__spi_t;

typedef struct psu__pbi_s { /* PROCESS_BASIC_INFORMATION */
  psu__ntstatus ExitStatus;
  PVOID PebBaseAddress;
  ULONG_PTR AffinityMask;
  LONG BasePriority;
  ULONG_PTR UniqueProcessId;
  ULONG_PTR InheritedFromUniqueProcessId;
} psu__pbi_t;

typedef struct psu__spidi_s { /* SYSTEM_PROCESS_ID_INFORMATION */
  HANDLE ProcessId;
  psu__unicode_string_t ImageName;
} psu__spidi_t;

typedef struct psu__mwsi_s { /* MEMORY_WORKING_SET_INFORMATION */
  ULONG_PTR NumberOfEntries;
  ULONG_PTR WorkingSetInfo[1]; /* MEMORY_WORKING_SET_BLOCK bit fields */
} psu__mwsi_t;

typedef psu__ntstatus(NTAPI *psu__NtQuerySystemInformation_t)(ULONG, PVOID,
                                                              ULONG, PULONG);
typedef psu__ntstatus(NTAPI *psu__NtQueryInformationProcess_t)(HANDLE, ULONG,
                                                               PVOID, ULONG,
                                                               PULONG);
typedef psu__ntstatus(NTAPI *psu__NtSetInformationProcess_t)(HANDLE, ULONG,
                                                             PVOID, ULONG);
typedef psu__ntstatus(NTAPI *psu__NtQueryVirtualMemory_t)(HANDLE, PVOID, ULONG,
                                                          PVOID, SIZE_T,
                                                          PSIZE_T);
typedef psu__ntstatus(NTAPI *psu__NtProcess_t)(HANDLE);
typedef ULONG(NTAPI *psu__RtlNtStatusToDosError_t)(psu__ntstatus);
typedef const char *(CDECL *psu__wine_get_version_t)(void);

typedef struct psu__ntapi_s {
  psu__NtQuerySystemInformation_t NtQuerySystemInformation;
  psu__NtQueryInformationProcess_t NtQueryInformationProcess;
  psu__NtSetInformationProcess_t NtSetInformationProcess;
  psu__NtQueryVirtualMemory_t NtQueryVirtualMemory;
  psu__NtProcess_t NtSuspendProcess;
  psu__NtProcess_t NtResumeProcess;
  psu__RtlNtStatusToDosError_t RtlNtStatusToDosError;
  psu__wine_get_version_t wine_get_version; /* NULL on real Windows */
} psu__ntapi_t;

/* The resolved table (resolved once, thread-safe). A function missing from
 * ntdll stays NULL; callers check. */
const psu__ntapi_t *psu__nt(void);

/* Fill err from an NTSTATUS (sys = the NTSTATUS; code from its Win32
 * equivalent). */
int psu__nt_err(psu_err_t *err, psu__ntstatus st, const char *fmt, ...)
    PSU__PRINTF(3, 4);

/* NtQuerySystemInformation into a psu__malloc'd buffer, growing it on
 * STATUS_INFO_LENGTH_MISMATCH. */
int psu__nt_query_system(ULONG cls, void **out, ULONG *len, psu_err_t *err);

#endif /* PSU_WINDOWS_NTAPI_H */
