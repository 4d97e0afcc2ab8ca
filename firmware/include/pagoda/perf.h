// SPDX-License-Identifier: BSD-2-Clause
/* Hardware performance counters through the SBI PMU extension (arch/riscv/perf.c). */
#ifndef PAGODA_PERF_H
#define PAGODA_PERF_H

#include <pagoda/types.h>

/* event ev's count since boot (false: no counter for it on this platform) */
bool perf_read(unsigned int ev, unsigned long *val);
/* one line of every event's count, and the I$ hit rate */
void perf_show(void);

#endif
