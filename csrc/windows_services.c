/* windows_services.c: Windows services through the Service Control Manager
 * (psutil's win_service_iter / win_service_get). */
#include "windows-internal.h"

#include <winsvc.h>

#ifndef ERROR_MUI_FILE_NOT_FOUND
#define ERROR_MUI_FILE_NOT_FOUND 15100L
#endif


/* Service-specific mapping: a missing service is PSU_ENOTFOUND. */
static int
svc_err(psu_err_t *err, DWORD code, const char *call, const char *name) {
  int rc;

  switch (code) {
  case ERROR_SERVICE_DOES_NOT_EXIST:
  case ERROR_INVALID_NAME:
    rc = PSU_ENOTFOUND;
    break;
  default:
    rc = psu__win_code(code);
  }
  if (name != NULL)
    return psu__set_err(err, rc, (int64_t)code, "%s(%s)", call, name);
  return psu__set_err(err, rc, (int64_t)code, "%s", call);
}


/* Open one service with the given access; the SCM handle is closed again. */
static SC_HANDLE
svc_open(const char *name, DWORD access, psu_err_t *err, int *rc) {
  SC_HANDLE scm = NULL, svc = NULL;
  wchar_t *wname;

  if (name == NULL) {
    *rc = psu__set_err(err, PSU_EINVAL, 0, "service name is NULL");
    return NULL;
  }
  wname = psu__win_wide_dup(name);
  if (wname == NULL) {
    DWORD e = GetLastError();
    if (e == ERROR_NOT_ENOUGH_MEMORY)
      *rc = psu__set_err(err, PSU_ENOMEM, (int64_t)e, "service name");
    else
      *rc = psu__set_err(err, PSU_EINVAL, (int64_t)e,
                         "service name is not UTF-8");
    return NULL;
  }
  scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
  if (scm == NULL) {
    *rc = svc_err(err, GetLastError(), "OpenSCManagerW", NULL);
    goto done;
  }
  svc = OpenServiceW(scm, wname, access);
  if (svc == NULL)
    *rc = svc_err(err, GetLastError(), "OpenServiceW", name);
  CloseServiceHandle(scm);
done:
  psu__free(wname);
  return svc;
}


int
psu_win_service_list(psu_win_service_t **out, size_t *n, psu_err_t *err) {
  SC_HANDLE scm = NULL;
  BYTE *buf = NULL;
  DWORD size = 0, needed = 0, count = 0, resume, i;
  ENUM_SERVICE_STATUS_PROCESSW *ents;
  psu_win_service_t *res = NULL;
  psu__pool_t pool;
  size_t strsize = 0;
  int rc;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_service_list: NULL out");
  scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_ENUMERATE_SERVICE);
  if (scm == NULL)
    return svc_err(err, GetLastError(), "OpenSCManagerW", NULL);
  /* Ask for everything at once; on ERROR_MORE_DATA grow the buffer and
   * start over, so the result is one consistent snapshot. */
  for (;;) {
    resume = 0;
    if (EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32,
                              SERVICE_STATE_ALL, buf, size, &needed, &count,
                              &resume, NULL))
      break;
    DWORD e = GetLastError();
    if (e != ERROR_MORE_DATA && e != ERROR_INSUFFICIENT_BUFFER) {
      rc = svc_err(err, e, "EnumServicesStatusExW", NULL);
      goto error;
    }
    psu__free(buf);
    size = size + needed + 4096; /* room for services added meanwhile */
    buf = psu__malloc(size);
    if (buf == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "EnumServicesStatusExW");
      goto error;
    }
  }
  ents = (ENUM_SERVICE_STATUS_PROCESSW *)buf;
  for (i = 0; i < count; i++) {
    strsize += psu__win_utf8_size(ents[i].lpServiceName);
    strsize += psu__win_utf8_size(ents[i].lpDisplayName);
  }
  res = psu__malloc(count * sizeof(*res) + strsize);
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_win_service_list");
    goto error;
  }
  pool.next = (char *)(res + count);
  pool.end = pool.next + strsize;
  for (i = 0; i < count; i++) {
    res[i].name = psu__pool_wide(&pool, ents[i].lpServiceName);
    res[i].display_name = psu__pool_wide(&pool, ents[i].lpDisplayName);
  }
  psu__free(buf);
  CloseServiceHandle(scm);
  *out = res;
  *n = count;
  return PSU_OK;

error:
  psu__free(buf);
  CloseServiceHandle(scm);
  return rc;
}


static const char *
start_type_str(DWORD t) {
  switch (t) {
  case SERVICE_AUTO_START:
    return "automatic";
  case SERVICE_DEMAND_START:
    return "manual";
  case SERVICE_DISABLED:
    return "disabled";
  }
  return "unknown";
}


static const char *
state_str(DWORD s) {
  switch (s) {
  case SERVICE_RUNNING:
    return "running";
  case SERVICE_PAUSED:
    return "paused";
  case SERVICE_START_PENDING:
    return "start_pending";
  case SERVICE_PAUSE_PENDING:
    return "pause_pending";
  case SERVICE_CONTINUE_PENDING:
    return "continue_pending";
  case SERVICE_STOP_PENDING:
    return "stop_pending";
  case SERVICE_STOPPED:
    return "stopped";
  }
  return "unknown";
}


int
psu_win_service_config(const char *name, psu_win_service_config_t **out,
                       psu_err_t *err) {
  SC_HANDLE svc;
  QUERY_SERVICE_CONFIGW *cfg = NULL;
  DWORD size = 0, needed = 0;
  psu_win_service_config_t *res;
  psu__pool_t pool;
  size_t strsize;
  int rc = PSU_OK;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_service_config: NULL");
  svc = svc_open(name, SERVICE_QUERY_CONFIG, err, &rc);
  if (svc == NULL)
    return rc;
  for (;;) {
    if (QueryServiceConfigW(svc, cfg, size, &needed))
      break;
    DWORD e = GetLastError();
    if (e != ERROR_INSUFFICIENT_BUFFER || needed <= size) {
      rc = svc_err(err, e, "QueryServiceConfigW", name);
      goto error;
    }
    psu__free(cfg);
    size = needed;
    cfg = psu__malloc(size);
    if (cfg == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "QueryServiceConfigW");
      goto error;
    }
  }
  strsize = psu__win_utf8_size(cfg->lpDisplayName) +
            psu__win_utf8_size(cfg->lpBinaryPathName) +
            psu__win_utf8_size(cfg->lpServiceStartName);
  res = psu__malloc(sizeof(*res) + strsize);
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_win_service_config");
    goto error;
  }
  pool.next = (char *)(res + 1);
  pool.end = pool.next + strsize;
  res->display_name = psu__pool_wide(&pool, cfg->lpDisplayName);
  res->binpath = psu__pool_wide(&pool, cfg->lpBinaryPathName);
  res->username = psu__pool_wide(&pool, cfg->lpServiceStartName);
  res->start_type_raw = cfg->dwStartType;
  psu__strlcpy(res->start_type, start_type_str(cfg->dwStartType),
               sizeof(res->start_type));
  *out = res;

error:
  psu__free(cfg);
  CloseServiceHandle(svc);
  return rc;
}


int
psu_win_service_status(const char *name, psu_win_service_status_t *out,
                       psu_err_t *err) {
  SC_HANDLE svc;
  SERVICE_STATUS_PROCESS st;
  DWORD needed = 0;
  int rc = PSU_OK;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_service_status: NULL");
  svc = svc_open(name, SERVICE_QUERY_STATUS, err, &rc);
  if (svc == NULL)
    return rc;
  /* SERVICE_STATUS_PROCESS has a fixed size: no probe call is needed. */
  if (!QueryServiceStatusEx(svc, SC_STATUS_PROCESS_INFO, (BYTE *)&st,
                            sizeof(st), &needed)) {
    rc = svc_err(err, GetLastError(), "QueryServiceStatusEx", name);
    goto done;
  }
  memset(out, 0, sizeof(*out));
  psu__strlcpy(out->status, state_str(st.dwCurrentState),
               sizeof(out->status));
  out->state_raw = st.dwCurrentState;
  out->pid = (int64_t)st.dwProcessId;

done:
  CloseServiceHandle(svc);
  return rc;
}


int
psu_win_service_description(const char *name, char **out, psu_err_t *err) {
  SC_HANDLE svc;
  BYTE *buf = NULL;
  DWORD size = 0, needed = 0;
  const wchar_t *descr = NULL;
  char *s;
  int rc = PSU_OK;

  if (out == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_win_service_description");
  svc = svc_open(name, SERVICE_QUERY_CONFIG, err, &rc);
  if (svc == NULL)
    return rc;
  for (;;) {
    if (QueryServiceConfig2W(svc, SERVICE_CONFIG_DESCRIPTION, buf, size,
                             &needed)) {
      descr = ((SERVICE_DESCRIPTIONW *)buf)->lpDescription;
      break;
    }
    DWORD e = GetLastError();
    if (e == ERROR_NOT_FOUND || e == ERROR_FILE_NOT_FOUND ||
        e == ERROR_MUI_FILE_NOT_FOUND)
      break; /* no description: "" as psutil */
    if (e != ERROR_INSUFFICIENT_BUFFER || needed <= size) {
      rc = svc_err(err, e, "QueryServiceConfig2W", name);
      goto done;
    }
    psu__free(buf);
    size = needed;
    buf = psu__malloc(size);
    if (buf == NULL) {
      rc = psu__set_err(err, PSU_ENOMEM, 0, "QueryServiceConfig2W");
      goto done;
    }
  }
  s = psu__win_utf8_dup(descr); /* NULL descr gives "" */
  if (s == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "psu_win_service_description");
    goto done;
  }
  *out = s;

done:
  psu__free(buf);
  CloseServiceHandle(svc);
  return rc;
}
