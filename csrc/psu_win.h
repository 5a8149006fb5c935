/* psu_win.h: Windows-only API: services.
 * Included by psu.h; follows the conventions written there. */
#ifndef PSU_WIN_H
#define PSU_WIN_H

#include "psu.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* PSU_WIN_H */
