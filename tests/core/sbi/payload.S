/* SPDX-License-Identifier: BSD-2-Clause */
# S-mode payload for the OpenSBI boot test: checks it runs in S-mode with a0 = hartid and
# a1 = the FDT, prints a line through the legacy SBI console, then shuts down through SBI SRST.
	.section .text.init
	.globl _start
_start:
	mv s0, a0
	mv s1, a1
	csrr t0, sstatus           /* legal in S; would trap in U */
	la a0, msg
1:	lbu t0, 0(a0)
	beqz t0, 2f
	mv s2, a0
	mv a0, t0
	li a7, 1                   /* legacy console putchar */
	ecall
	mv a0, s2
	addi a0, a0, 1
	j 1b
2:	bnez s0, fail              /* hart 0 */
	lwu t0, 0(s1)              /* FDT magic, big endian d00dfeed */
	li t1, 0xedfe0dd0
	bne t0, t1, fail
	li a7, 0x53525354          /* SRST: shutdown, no reason */
	li a6, 0
	li a0, 0
	li a1, 0
	ecall
fail:
	li a7, 0x53525354          /* SRST with reason "system failure" */
	li a6, 0
	li a0, 0
	li a1, 1
	ecall
3:	j 3b
msg:	.asciz "pagoda payload: S-mode entered\n"
