/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * unsigned long read_hpmcounter(unsigned int n): hpmcounterN for N in 3..31, else 0.
 *
 * csrr takes the counter's number in the instruction, so a variable N needs one csrr per counter.
 * A C switch compiles to a jump table in .rodata, and the benchmarks read counters around every
 * timed operation: that table's D$ line was one more line among the few the 4 KiB 2-way D$ holds
 * per set, and it evicted the allocator's data in the loops it timed (docs/memory.md "Where the
 * allocator's data sit in the D$"). Here the jump goes into the text: 8-byte stubs, no data.
 */
	.section .text.bench, "ax"
	.globl	read_hpmcounter
	.type	read_hpmcounter, @function
read_hpmcounter:
	addi	a0, a0, -3
	li	t0, 31 - 3
	bgtu	a0, t0, 1f
	lla	t0, 2f
	slli	a0, a0, 3
	add	t0, t0, a0
	jr	t0
1:	li	a0, 0
	ret
	.balign	8
.option push
.option norvc
2:
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, \
		24, 25, 26, 27, 28, 29, 30, 31
	csrr	a0, hpmcounter\n
	ret
	.endr
.option pop
	.size	read_hpmcounter, . - read_hpmcounter
