/* SPDX-License-Identifier: BSD-2-Clause */
/* An HTIF request the simulator does not serve (device 2): the run must fail at once with a
 * message naming it, instead of leaving the program waiting for an answer. */
	.section .text.init
	.globl _start
_start:
	li t0, (2 << 56) | 0x55
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost:
	.dword 0
	.globl fromhost
fromhost:
	.dword 0
