// SPDX-License-Identifier: BSD-2-Clause
/* Cycle, retired-instruction and time counters (Zicntr). On QEMU, cycle and instret both count
 * instructions; on the Pagoda SoC they are exact core cycles and retired instructions. */
#ifndef ASM_TIMEX_H
#define ASM_TIMEX_H

static inline unsigned long get_cycles(void)
{
	unsigned long v;

	__asm__ volatile("rdcycle %0" : "=r"(v));
	return v;
}

static inline unsigned long get_instret(void)
{
	unsigned long v;

	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

static inline unsigned long get_time(void)
{
	unsigned long v;

	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

#endif
