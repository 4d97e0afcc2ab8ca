/* SPDX-License-Identifier: BSD-2-Clause */
# Start-up for the CPI benchmark: stack at the top of a 64 KiB area, clear .bss, call main.
	.section .text.init
	.globl _start
_start:
	la sp, stack_top
	la t0, __bss_start
	la t1, _end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	call main
3:	j 3b
	.bss
	.align 4
	.space 65536
stack_top:
