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
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (JB_S0+\n)*8(a0)
	.endr
	li	a0, 0
	ret
	.size arch_setjmp, . - arch_setjmp

	.globl arch_longjmp
	.type arch_longjmp, @function
arch_longjmp:
	ld	ra, JB_RA*8(a0)
	ld	sp, JB_SP*8(a0)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (JB_S0+\n)*8(a0)
	.endr
	/* setjmp's caller tells a jump from the first return by a nonzero value */
	seqz	a0, a1
	add	a0, a0, a1
	ret
	.size arch_longjmp, . - arch_longjmp
