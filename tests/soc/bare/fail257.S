/* SPDX-License-Identifier: BSD-2-Clause */
/* Fails as riscv-tests test 257 does (tohost = 257 << 1 | 1): the simulator must report the whole
 * number, not its low byte (1), though the process status can only carry that byte. */
	.section .text.init
	.globl _start
_start:
	li t0, (257 << 1) | 1
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost:
	.dword 0
