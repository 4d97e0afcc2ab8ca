// SPDX-License-Identifier: BSD-2-Clause
/* Hardware performance counters through the SBI PMU extension (arch/riscv/perf.c). */
#ifndef PAGODA_PERF_H
#define PAGODA_PERF_H

#include <pagoda/types.h>

/* The events the firmware asks for (standard SBI cache events; docs/core.md "Performance
 * counters" maps them to the core's). */
enum perf_event {
	PERF_IC_ACCESS,
	PERF_IC_MISS,
	PERF_ITLB_MISS,
	PERF_DTLB_MISS,
	PERF_DC_MISS,
	PERF_NR
};

/* event ev's count since boot (false: no counter for it on this platform) */
bool perf_read(unsigned int ev, unsigned long *val);
/* Why event ev has no counter: 0 when it has one, else the SBI error of counter_config_matching
 * (SBI_ERR_NOT_SUPPORTED: the platform maps no counter to it), or SBI_ERR_NOT_SUPPORTED when the
 * SBI has no PMU extension at all. */
long perf_error(unsigned int ev);
const char *perf_name(unsigned int ev);
/* Stop / restart event ev's counter through the SBI (its value is kept). 0 or an SBI error. */
long perf_stop(unsigned int ev);
long perf_start(unsigned int ev);
/* one line of every event's count, and the I$ hit rate */
void perf_show(void);

#endif
