/* psu_proc.h: Process API.
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_PROC_H
#define PSU_PROC_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* PSU_PROC_H */
