/* psu_sys.h: System-wide API: CPU, memory, disks, network, sensors, users, boot time.
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_SYS_H
#define PSU_SYS_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* PSU_SYS_H */
