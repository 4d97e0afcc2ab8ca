/* SPDX-License-Identifier: BSD-2-Clause */
/* Reports failure code 3 through tohost: the simulator must exit with status 3. */
	.section .text.init
	.globl _start
_start:
	li t0, (3 << 1) | 1
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost:
	.dword 0
