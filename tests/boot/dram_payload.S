/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The image of uart-boot-litedram's `dram` case: loaded by litex_term into DDR3 (LiteDRAM and its
 * PHY model, after the serial-boot ROM's sdram_init) and run from there. It writes 64 words spread
 * over every bank and many rows of the 256 MiB (the controller maps byte offset bits 13:11 to the
 * bank and 27:14 to the row, docs/memory.md), plus the last word of RAM, then reads them back, so
 * that rows open, close and conflict between the writes and the reads; then it says so on the UART
 * and ends the run through the test device: pass, or fail with the number of the first word
 * (1..65) that read back wrong.
 */
#define UART_BASE	0x10000000	/* ns16550a, reg-shift 0 */
#define UART_LSR	5
#define LSR_THRE	0x20
#define TESTDEV_BASE	0x100000	/* sifive,test1 */
#define RAM_BASE	0x80000000
#define RAM_SIZE	0x10000000
#define STRIDE		0x400800	/* next bank (bit 11) and four rows on (bit 22) */
#define FIRST		0x10000		/* above this image */
#define NWORDS		64

	.section .text.init
	.globl _start
_start:
	li s0, RAM_BASE + FIRST
	li s1, STRIDE
	li s2, NWORDS
	li s3, 0x5a5a5a5a5a5a5a5a

	/* write: word k at FIRST + k * STRIDE holds its own address ^ pattern */
	mv t0, s0
	li t1, 0
1:	xor t2, t0, s3
	sd t2, 0(t0)
	add t0, t0, s1
	addi t1, t1, 1
	blt t1, s2, 1b
	li t0, RAM_BASE + RAM_SIZE - 8
	xor t2, t0, s3
	sd t2, 0(t0)

	/* read back in the same order */
	mv t0, s0
	li t1, 0
2:	ld t2, 0(t0)
	xor t2, t2, s3
	addi t1, t1, 1
	bne t2, t0, fail
	add t0, t0, s1
	blt t1, s2, 2b
	li t0, RAM_BASE + RAM_SIZE - 8
	ld t2, 0(t0)
	xor t2, t2, s3
	addi t1, t1, 1
	bne t2, t0, fail

	la a0, msg_ok
	call puts
	li t0, TESTDEV_BASE
	li t1, 0x5555
	sw t1, 0(t0)
3:	j 3b

fail:	/* t1 = the word's number, 1..NWORDS + 1 */
	la a0, msg_fail
	call puts
	li t0, TESTDEV_BASE
	slli t1, t1, 16
	li t2, 0x3333
	or t1, t1, t2
	sw t1, 0(t0)
4:	j 4b

/* puts(a0): the string, polled on THRE */
puts:
	li t0, UART_BASE
5:	lbu t1, 0(a0)
	beqz t1, 7f
6:	lbu t2, UART_LSR(t0)
	andi t2, t2, LSR_THRE
	beqz t2, 6b
	sb t1, 0(t0)
	addi a0, a0, 1
	j 5b
7:	ret

	.section .rodata
msg_ok:
	.asciz "dram payload: 65 words over every bank read back\n"
msg_fail:
	.asciz "dram payload: a word read back wrong\n"
