/* psu_cgroup.h: Linux extras: cgroups v1/v2, pressure stall information, netlink sockets.
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_CGROUP_H
#define PSU_CGROUP_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* PSU_CGROUP_H */
