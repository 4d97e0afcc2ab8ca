/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * __switch_to(prev, next): the scheduler's context switch (kernel/sched.c). Called only from
 * schedule(), never from a trap, so the callee-saved registers, ra and sp are the whole state of
 * the task that leaves: the caller-saved ones are dead across the call by the ABI.
 */
#include <asm/switch_to.h>

	.section .text
	.align 2
	.globl __switch_to
__switch_to:
	sd	ra, THREAD_RA(a0)
	sd	sp, THREAD_SP(a0)
	sd	s0, THREAD_S0 + 0*8(a0)
	sd	s1, THREAD_S0 + 1*8(a0)
	sd	s2, THREAD_S0 + 2*8(a0)
	sd	s3, THREAD_S0 + 3*8(a0)
	sd	s4, THREAD_S0 + 4*8(a0)
	sd	s5, THREAD_S0 + 5*8(a0)
	sd	s6, THREAD_S0 + 6*8(a0)
	sd	s7, THREAD_S0 + 7*8(a0)
	sd	s8, THREAD_S0 + 8*8(a0)
	sd	s9, THREAD_S0 + 9*8(a0)
	sd	s10, THREAD_S0 + 10*8(a0)
	sd	s11, THREAD_S0 + 11*8(a0)
	ld	ra, THREAD_RA(a1)
	ld	sp, THREAD_SP(a1)
	ld	s0, THREAD_S0 + 0*8(a1)
	ld	s1, THREAD_S0 + 1*8(a1)
	ld	s2, THREAD_S0 + 2*8(a1)
	ld	s3, THREAD_S0 + 3*8(a1)
	ld	s4, THREAD_S0 + 4*8(a1)
	ld	s5, THREAD_S0 + 5*8(a1)
	ld	s6, THREAD_S0 + 6*8(a1)
	ld	s7, THREAD_S0 + 7*8(a1)
	ld	s8, THREAD_S0 + 8*8(a1)
	ld	s9, THREAD_S0 + 9*8(a1)
	ld	s10, THREAD_S0 + 10*8(a1)
	ld	s11, THREAD_S0 + 11*8(a1)
	ret
