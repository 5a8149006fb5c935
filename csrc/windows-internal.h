/* windows-internal.h: helpers shared by the csrc/windows*.c files. */
#ifndef PSU_WINDOWS_INTERNAL_H
#define PSU_WINDOWS_INTERNAL_H

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0601 /* Windows 7 */
#endif

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <limits.h>
#include <wchar.h>

#include "psu-internal.h"

/* Map a Win32 error code to a PSU code: ERROR_ACCESS_DENIED and
 * ERROR_PRIVILEGE_NOT_HELD give PSU_EACCESS, out-of-memory PSU_ENOMEM,
 * anything else PSU_ESYS. */
int psu__win_code(DWORD code);

/* Fill err from a Win32 error code (mapped by psu__win_code). */
int psu__win_err(psu_err_t *err, DWORD code, const char *fmt, ...)
    PSU__PRINTF(3, 4);

/* UTF-16 -> UTF-8. psu__win_utf8_size is the byte count including the NUL
 * (1 for NULL or ""); psu__win_utf8_to writes at most cap bytes, always
 * NUL-terminated, and returns the bytes written without the NUL.
 * psu__win_utf8_dup returns a psu__malloc'd copy (NULL on failure). */
size_t psu__win_utf8_size(const wchar_t *w);
size_t psu__win_utf8_to(const wchar_t *w, char *dst, size_t cap);
char *psu__win_utf8_dup(const wchar_t *w);
/* The same for a counted UTF-16 string (nchars code units, no NUL needed). */
size_t psu__win_utf8n_size(const wchar_t *w, size_t nchars);
size_t psu__win_utf8n_to(const wchar_t *w, size_t nchars, char *dst,
                         size_t cap);

/* UTF-8 -> UTF-16, psu__malloc'd; NULL on failure (invalid UTF-8 or no
 * memory; GetLastError tells). */
wchar_t *psu__win_wide_dup(const char *s);

/* FILETIME-style 100 ns units since 1601 -> seconds since the Unix epoch. */
double psu__win_filetime_to_unix(uint64_t t);

/* A bump allocator over one block: structs first, then the strings. */
typedef struct psu__pool_s {
  char *next;
  char *end;
} psu__pool_t;

/* Copy a UTF-16 string into the pool as UTF-8; returns its start. */
const char *psu__pool_wide(psu__pool_t *p, const wchar_t *w);
const char *psu__pool_widen(psu__pool_t *p, const wchar_t *w, size_t nchars);
const char *psu__pool_str(psu__pool_t *p, const char *s);

#endif /* PSU_WINDOWS_INTERNAL_H */
