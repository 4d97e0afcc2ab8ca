/* SPDX-License-Identifier: BSD-2-Clause */
/* Fails as riscv-tests test 256 does (tohost = 256 << 1 | 1), for tests/core/run_isa.sh: the core
 * harness must fail the run, though the number's low byte is 0, and report the whole number. */
	.section .text.init
	.globl _start
_start:
	li t0, (256 << 1) | 1
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b

	.section .tohost, "aw"
	.align 3
	.globl tohost
tohost:
	.dword 0
	.globl fromhost
fromhost:
	.dword 0
