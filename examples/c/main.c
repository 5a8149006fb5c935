/* A C tool using libpsu through the installed CMake package or pkg-config:
 * prints memory, CPU count and the first per-CPU times. */
#include <inttypes.h>
#include <stdio.h>

#include <psu.h>


int
main(void) {
  psu_err_t err;
  psu_virtual_memory_t vm;
  psu_cpu_times_t *cpus = NULL;
  size_t ncpu = 0;
  int logical = 0;

  if (psu_virtual_memory(&vm, &err) != 0) {
    fprintf(stderr, "virtual_memory: %s [%s]\n", psu_strerror(err.code),
            err.where);
    return 1;
  }
  printf("total=%" PRIu64 " available=%" PRIu64 " used=%" PRIu64 "\n",
         vm.total, vm.available, vm.used);
  if (psu_cpu_count_logical(&logical, &err) != 0)
    return 1;
  printf("cpu_count=%d\n", logical);
  if (psu_per_cpu_times(&cpus, &ncpu, &err) != 0)
    return 1;
  if (ncpu > 0)
    printf("cpu0 user=%.2f system=%.2f idle=%.2f\n", cpus[0].user,
           cpus[0].system, cpus[0].idle);
  psu_free(cpus);
  return vm.total > 0 && logical > 0 && ncpu > 0 ? 0 : 1;
}
