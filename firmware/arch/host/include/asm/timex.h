// SPDX-License-Identifier: BSD-2-Clause
/* Host build: counters from the TSC-free clock; only for relative numbers in host benchmarks. */
#ifndef ASM_TIMEX_H
#define ASM_TIMEX_H

#include <time.h>

static inline unsigned long get_cycles(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000000000UL + (unsigned long)ts.tv_nsec;
}

static inline unsigned long get_instret(void) { return 0; }
static inline unsigned long get_time(void) { return get_cycles(); }

#endif
