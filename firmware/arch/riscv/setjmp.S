/* SPDX-License-Identifier: BSD-2-Clause */
/* arch_setjmp()/arch_longjmp(): asm/setjmp.h says what they keep and why. */
#include <asm/setjmp.h>

	.section .text
	.align 2
	.globl arch_setjmp
	.type arch_setjmp, @function
arch_setjmp:
	sd	ra, JB_RA*8(a0)
	sd	sp, JB_SP*8(a0)
	sd	s0, (JB_S0+0)*8(a0)
	sd	s1, (JB_S0+1)*8(a0)
	sd	s2, (JB_S0+2)*8(a0)
	sd	s3, (JB_S0+3)*8(a0)
	sd	s4, (JB_S0+4)*8(a0)
	sd	s5, (JB_S0+5)*8(a0)
	sd	s6, (JB_S0+6)*8(a0)
	sd	s7, (JB_S0+7)*8(a0)
	sd	s8, (JB_S0+8)*8(a0)
	sd	s9, (JB_S0+9)*8(a0)
	sd	s10, (JB_S0+10)*8(a0)
	sd	s11, (JB_S0+11)*8(a0)
	li	a0, 0
	ret
	.size arch_setjmp, . - arch_setjmp

	.globl arch_longjmp
	.type arch_longjmp, @function
arch_longjmp:
	ld	ra, JB_RA*8(a0)
	ld	sp, JB_SP*8(a0)
	ld	s0, (JB_S0+0)*8(a0)
	ld	s1, (JB_S0+1)*8(a0)
	ld	s2, (JB_S0+2)*8(a0)
	ld	s3, (JB_S0+3)*8(a0)
	ld	s4, (JB_S0+4)*8(a0)
	ld	s5, (JB_S0+5)*8(a0)
	ld	s6, (JB_S0+6)*8(a0)
	ld	s7, (JB_S0+7)*8(a0)
	ld	s8, (JB_S0+8)*8(a0)
	ld	s9, (JB_S0+9)*8(a0)
	ld	s10, (JB_S0+10)*8(a0)
	ld	s11, (JB_S0+11)*8(a0)
	/* setjmp's caller tells a jump from the first return by a nonzero value */
	seqz	a0, a1
	add	a0, a0, a1
	ret
	.size arch_longjmp, . - arch_longjmp
