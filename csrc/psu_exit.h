/* psu_exit.h: Always-run exit functions for C tools (atexit plus signal chaining).
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_EXIT_H
#define PSU_EXIT_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* PSU_EXIT_H */
