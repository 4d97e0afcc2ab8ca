/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The serial-boot ROM's reset vector at BOOTROM.ROM: a stack at the top of the scratch SRAM,
 * .data copied there from the ROM, .bss cleared, then C. Interrupts stay off (mie = 0 at reset).
 */
	.section .text.start, "ax"
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	la	t0, __data_load
	la	t1, __data_start
	la	t2, __data_end
1:	bgeu	t1, t2, 2f
	ld	t3, 0(t0)
	sd	t3, 0(t1)
	addi	t0, t0, 8
	addi	t1, t1, 8
	j	1b
2:	la	t1, __bss_start
	la	t2, __bss_end
3:	bgeu	t1, t2, 4f
	sd	zero, 0(t1)
	addi	t1, t1, 8
	j	3b
4:	call	bootrom_main
5:	wfi
	j	5b
