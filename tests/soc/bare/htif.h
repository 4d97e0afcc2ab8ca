/* SPDX-License-Identifier: BSD-2-Clause */
/* The HTIF mailboxes the simulator watches (sim/pagoda_sim.cpp, riscv-tests' convention), for the
 * bare-metal tests of this folder: HTIF_MAILBOXES places tohost and fromhost, each alone in its
 * 64-byte line; HTIF_WRITE_AND_SPIN value writes one word to tohost and waits to be stopped. */
#ifndef TESTS_SOC_BARE_HTIF_H
#define TESTS_SOC_BARE_HTIF_H

	.macro HTIF_MAILBOXES
	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost:
	.dword 0
	.align 6
	.globl fromhost
fromhost:
	.dword 0
	.endm

	.macro HTIF_WRITE_AND_SPIN value
	li t0, \value
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b
	.endm

#endif
