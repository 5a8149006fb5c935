/* windows_util.c: helpers shared by the Windows sources: error mapping,
 * UTF-16 <-> UTF-8, time conversion, string pools. */
#include "windows-internal.h"
#include "windows-ntapi.h"


int
psu__win_code(DWORD code) {
  switch (code) {
  case ERROR_ACCESS_DENIED:
  case ERROR_PRIVILEGE_NOT_HELD:
    return PSU_EACCESS;
  case ERROR_NOT_ENOUGH_MEMORY:
  case ERROR_OUTOFMEMORY:
    return PSU_ENOMEM;
  }
  return PSU_ESYS;
}


int
psu__win_err(psu_err_t *err, DWORD code, const char *fmt, ...) {
  va_list ap;
  int rc = psu__win_code(code);

  if (err == NULL)
    return rc;
  err->code = rc;
  err->sys = (int64_t)code;
  err->where[0] = '\0';
  va_start(ap, fmt);
  vsnprintf(err->where, sizeof(err->where), fmt, ap);
  va_end(ap);
  return rc;
}


size_t
psu__win_utf8n_size(const wchar_t *w, size_t nchars) {
  int n;

  if (w == NULL || nchars == 0)
    return 1;
  if (nchars > INT_MAX)
    nchars = INT_MAX;
  n = WideCharToMultiByte(CP_UTF8, 0, w, (int)nchars, NULL, 0, NULL, NULL);
  return n > 0 ? (size_t)n + 1 : 1;
}


size_t
psu__win_utf8n_to(const wchar_t *w, size_t nchars, char *dst, size_t cap) {
  int n;

  if (cap == 0)
    return 0;
  dst[0] = '\0';
  if (w == NULL || nchars == 0)
    return 0;
  if (nchars > INT_MAX)
    nchars = INT_MAX;
  if (cap - 1 > INT_MAX)
    cap = (size_t)INT_MAX + 1;
  n = WideCharToMultiByte(CP_UTF8, 0, w, (int)nchars, dst, (int)(cap - 1),
                          NULL, NULL);
  if (n <= 0) {
    /* Too small: convert into a temporary and truncate. */
    size_t need = psu__win_utf8n_size(w, nchars);
    char *tmp = psu__malloc(need);
    if (tmp == NULL)
      return 0;
    n = WideCharToMultiByte(CP_UTF8, 0, w, (int)nchars, tmp, (int)need, NULL,
                            NULL);
    if (n < 0)
      n = 0;
    if ((size_t)n > cap - 1)
      n = (int)(cap - 1);
    memcpy(dst, tmp, (size_t)n);
    psu__free(tmp);
  }
  dst[n] = '\0';
  return (size_t)n;
}


size_t
psu__win_utf8_size(const wchar_t *w) {
  return w == NULL ? 1 : psu__win_utf8n_size(w, wcslen(w));
}


size_t
psu__win_utf8_to(const wchar_t *w, char *dst, size_t cap) {
  return psu__win_utf8n_to(w, w == NULL ? 0 : wcslen(w), dst, cap);
}


char *
psu__win_utf8_dup(const wchar_t *w) {
  size_t n = psu__win_utf8_size(w);
  char *s = psu__malloc(n);

  if (s == NULL) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
  }
  psu__win_utf8_to(w, s, n);
  return s;
}


wchar_t *
psu__win_wide_dup(const char *s) {
  int n;
  wchar_t *w;

  n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  if (n <= 0)
    return NULL;
  w = psu__malloc((size_t)n * sizeof(wchar_t));
  if (w == NULL) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
  }
  if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) <= 0) {
    DWORD e = GetLastError();
    psu__free(w);
    SetLastError(e);
    return NULL;
  }
  return w;
}


double
psu__win_filetime_to_unix(uint64_t t) {
  /* 100 ns ticks between 1601-01-01 and 1970-01-01. */
  const uint64_t epoch = 116444736000000000ULL;

  if (t < epoch)
    return 0.0;
  return (double)(t - epoch) / 1e7;
}


const char *
psu__pool_widen(psu__pool_t *p, const wchar_t *w, size_t nchars) {
  char *start = p->next;
  size_t n;

  if (p->next >= p->end) /* cannot happen when sizes were counted */
    return "";
  n = psu__win_utf8n_to(w, nchars, p->next, (size_t)(p->end - p->next));
  p->next += n + 1;
  return start;
}


const char *
psu__pool_wide(psu__pool_t *p, const wchar_t *w) {
  return psu__pool_widen(p, w, w == NULL ? 0 : wcslen(w));
}


const char *
psu__pool_str(psu__pool_t *p, const char *s) {
  char *start = p->next;
  size_t n;

  if (p->next >= p->end)
    return "";
  n = psu__strlcpy(p->next, s, (size_t)(p->end - p->next));
  if (n >= (size_t)(p->end - p->next))
    n = (size_t)(p->end - p->next) - 1;
  p->next += n + 1;
  return start;
}


/* ntdll, resolved once. */
static psu__ntapi_t psu__ntapi;
static INIT_ONCE psu__ntapi_once = INIT_ONCE_STATIC_INIT;


static BOOL CALLBACK
ntapi_init(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  HMODULE h = GetModuleHandleW(L"ntdll.dll");

  (void)once;
  (void)param;
  (void)ctx;
  if (h == NULL)
    return TRUE;
#define PSU__LOAD(name)                                                    \
  psu__ntapi.name = (psu__##name##_t)(void (*)(void))GetProcAddress(h, #name)
  PSU__LOAD(NtQuerySystemInformation);
  PSU__LOAD(NtQueryInformationProcess);
  PSU__LOAD(NtSetInformationProcess);
  PSU__LOAD(NtQueryVirtualMemory);
  PSU__LOAD(RtlNtStatusToDosError);
  PSU__LOAD(wine_get_version);
#undef PSU__LOAD
  psu__ntapi.NtSuspendProcess =
      (psu__NtProcess_t)(void (*)(void))GetProcAddress(h, "NtSuspendProcess");
  psu__ntapi.NtResumeProcess =
      (psu__NtProcess_t)(void (*)(void))GetProcAddress(h, "NtResumeProcess");
  return TRUE;
}


const psu__ntapi_t *
psu__nt(void) {
  InitOnceExecuteOnce(&psu__ntapi_once, ntapi_init, NULL, NULL);
  return &psu__ntapi;
}


int
psu__nt_err(psu_err_t *err, psu__ntstatus st, const char *fmt, ...) {
  const psu__ntapi_t *nt = psu__nt();
  va_list ap;
  int rc;

  if (st == PSU__STATUS_ACCESS_DENIED)
    rc = PSU_EACCESS;
  else if (nt->RtlNtStatusToDosError != NULL)
    rc = psu__win_code(nt->RtlNtStatusToDosError(st));
  else
    rc = PSU_ESYS;
  if (err == NULL)
    return rc;
  err->code = rc;
  err->sys = (int64_t)(uint32_t)st;
  err->where[0] = '\0';
  va_start(ap, fmt);
  vsnprintf(err->where, sizeof(err->where), fmt, ap);
  va_end(ap);
  return rc;
}


int
psu__nt_query_system(ULONG cls, void **out, ULONG *len, psu_err_t *err) {
  const psu__ntapi_t *nt = psu__nt();
  ULONG size = 0x10000, need = 0;
  void *buf = NULL;
  psu__ntstatus st;
  int tries;

  if (nt->NtQuerySystemInformation == NULL)
    return psu__set_err(err, PSU_ENOTSUP, 0, "NtQuerySystemInformation");
  for (tries = 0; tries < 16; tries++) {
    buf = psu__malloc(size);
    if (buf == NULL)
      return psu__set_err(err, PSU_ENOMEM, 0, "NtQuerySystemInformation");
    need = 0;
    st = nt->NtQuerySystemInformation(cls, buf, size, &need);
    if (PSU__NT_SUCCESS(st)) {
      *out = buf;
      if (len != NULL)
        *len = need != 0 && need <= size ? need : size;
      return PSU_OK;
    }
    psu__free(buf);
    buf = NULL;
    if (st != PSU__STATUS_INFO_LENGTH_MISMATCH &&
        st != PSU__STATUS_BUFFER_TOO_SMALL)
      return psu__nt_err(err, st, "NtQuerySystemInformation(%lu)",
                         (unsigned long)cls);
    /* The data grows between calls (new processes): add some slack. */
    size = (need > size ? need : size * 2) + 0x4000;
  }
  return psu__set_err(err, PSU_ESYS, 0, "NtQuerySystemInformation(%lu): "
                      "buffer keeps growing", (unsigned long)cls);
}
