/* The Windows C API end to end: services, processes, memory. Run under
 * wine by scripts/test-windows.sh (ctest with wine as the emulator). */
#include "psu.h"
#include "task.h"

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsvc.h>


static void
start_service(const wchar_t *name) {
  SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT), svc;

  ASSERT(scm != NULL);
  svc = OpenServiceW(scm, name, SERVICE_START);
  ASSERT(svc != NULL);
  ASSERT(StartServiceW(svc, 0, NULL) ||
         GetLastError() == ERROR_SERVICE_ALREADY_RUNNING);
  CloseServiceHandle(svc);
  CloseServiceHandle(scm);
}


static void
test_services(void) {
  psu_win_service_t *list = NULL;
  psu_win_service_status_t st;
  psu_win_service_config_t *cfg = NULL;
  psu_win_proc_t proc;
  psu_err_t err;
  char *descr = NULL;
  size_t n = 0, i;
  int found = 0;

  ASSERT_OK(psu_win_service_list(&list, &n, &err));
  ASSERT_GT(n, 0);
  for (i = 0; i < n; i++) {
    ASSERT(list[i].name != NULL && list[i].name[0] != '\0');
    ASSERT(list[i].display_name != NULL);
    if (strcmp(list[i].name, "RpcSs") == 0)
      found = 1;
  }
  psu_free(list);
  ASSERT(found);

  /* Wine's RpcSs is demand-start, so a fresh wine server may not run it
   * yet: start it there (Windows always runs it), then wait up to 10 s. */
  if (psu_win_is_wine())
    start_service(L"RpcSs");
  for (i = 0; i < 100; i++) {
    ASSERT_OK(psu_win_service_status("RpcSs", &st, &err));
    if (strcmp(st.status, "running") == 0)
      break;
    Sleep(100);
  }
  ASSERT_STR_EQ(st.status, "running");
  ASSERT_GT(st.pid, 0);
  ASSERT_OK(psu_win_proc_oneshot(st.pid, 0, &proc, &err));
  if (psu_win_is_wine())
    ASSERT(_stricmp(proc.name, "rpcss.exe") == 0);
  else
    ASSERT(_stricmp(proc.name, "svchost.exe") == 0);

  ASSERT_OK(psu_win_service_config("RpcSs", &cfg, &err));
  ASSERT(cfg->binpath[0] != '\0');
  ASSERT(strcmp(cfg->start_type, "automatic") == 0 ||
         strcmp(cfg->start_type, "manual") == 0);
  psu_free(cfg);

  ASSERT_OK(psu_win_service_description("RpcSs", &descr, &err));
  ASSERT(descr != NULL);
  psu_free(descr);

  ASSERT_EQ(psu_win_service_status("psutil-go-nope", &st, &err),
            PSU_ENOTFOUND);
  ASSERT_EQ(err.code, PSU_ENOTFOUND);
  ASSERT_EQ(err.sys, 1060); /* ERROR_SERVICE_DOES_NOT_EXIST */
  ASSERT_EQ(psu_win_service_description("psutil-go-nope", &descr, NULL),
            PSU_ENOTFOUND);
  ASSERT_EQ(psu_win_service_config(NULL, &cfg, NULL), PSU_EINVAL);
}


static void
test_self(void) {
  int64_t self = (int64_t)GetCurrentProcessId(), *pids = NULL;
  size_t n = 0, i, len = 0;
  psu_proc_info_t info;
  psu_err_t err;
  char *exe = NULL, *cmd = NULL;
  char want[MAX_PATH * 3];
  wchar_t wexe[MAX_PATH];
  int found = 0, exists = 0;

  ASSERT_OK(psu_pids(&pids, &n, &err));
  for (i = 0; i < n; i++) {
    if (i > 0)
      ASSERT(pids[i - 1] < pids[i]);
    if (pids[i] == self)
      found = 1;
  }
  psu_free(pids);
  ASSERT(found);
  ASSERT_OK(psu_pid_exists(self, &exists, &err));
  ASSERT_EQ(exists, 1);
  ASSERT_OK(psu_pid_exists(0x7ffffff0, &exists, &err));
  ASSERT_EQ(exists, 0);

  memset(&info, 0, sizeof(info));
  ASSERT_OK(psu_proc_info(self, PSU_PROC_PART_STAT, &info, &err));
  ASSERT(info.ppid >= 0); /* 0 under wine when started from Linux */
  ASSERT_GT(info.create_time, 1e9);
  ASSERT_GT(info.num_threads, 0);
  ASSERT_GT(info.rss, 0);

  ASSERT_OK(psu_proc_exe(self, &exe, &len, &err));
  GetModuleFileNameW(NULL, wexe, MAX_PATH);
  WideCharToMultiByte(CP_UTF8, 0, wexe, -1, want, sizeof(want), NULL, NULL);
  ASSERT(_stricmp(exe, want) == 0);
  ASSERT_EQ(len, strlen(exe));
  psu_free(exe);

  ASSERT_OK(psu_proc_cmdline(self, &cmd, &len, &err));
  ASSERT_GT(len, 0);
  psu_free(cmd);

  ASSERT_EQ(psu_proc_info(0x7ffffff0, PSU_PROC_PART_STAT, &info, &err),
            PSU_ENOSUCHPROC);
}


static void
test_memory(void) {
  psu_virtual_memory_t vm;
  psu_swap_memory_t sw;
  psu_err_t err;

  ASSERT_OK(psu_virtual_memory(&vm, &err));
  ASSERT_GT(vm.total, 0);
  ASSERT(vm.available <= vm.total);
  ASSERT_EQ(vm.used, vm.total - vm.available);
  ASSERT_OK(psu_swap_memory(&sw, &err));
  ASSERT(sw.used <= sw.total);
}


int
main(void) {
  test_services();
  test_self();
  test_memory();
  return 0;
}
