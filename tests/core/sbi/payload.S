/* SPDX-License-Identifier: BSD-2-Clause */
# S-mode payload for the OpenSBI boot test: checks it runs in S-mode with a0 = hartid and
# a1 = the FDT, prints a line through the legacy SBI console, checks that a load from OpenSBI's
# memory and a store to the CLINT fault (OpenSBI's PMP regions), that OpenSBI's menvcfg lets S-mode
# run cbo.zero/clean/flush/inval (docs/core.md "Cache-block operations"), then shuts down through
# SBI SRST.
	.option arch, +zicbom, +zicboz
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
	/* OpenSBI's PMP regions hold: its own memory and the CLINT fault from S-mode (access
	   faults are not delegated: OpenSBI redirects them to stvec with scause/stval) */
	la t0, strap
	csrw stvec, t0
	li s3, 0x80000000
	li s4, -1
	.option push
	.option norvc
	ld t0, 0(s3)               /* load access fault */
	li t1, 5
	bne s4, t1, fail
	bne s5, s3, fail
	li s3, 0x02004000          /* CLINT mtimecmp of hart 0 */
	li s4, -1
	sd zero, 0(s3)             /* store access fault */
	.option pop
	li t1, 7
	bne s4, t1, fail
	bne s5, s3, fail
	la a0, msg2
	call puts
	/* the CBOs are legal in S-mode only if OpenSBI set menvcfg; an illegal instruction would be
	   redirected to stvec (scause 2). cbo.zero clears the whole 64-byte block. */
	li s4, -1
	la s3, block
	addi t0, s3, 0x11
	cbo.clean (t0)
	cbo.flush (t0)
	cbo.inval (t0)
	cbo.zero (t0)
	bgez s4, fail
	li t1, 0
1:	add t2, s3, t1
	ld t2, 0(t2)
	bnez t2, fail
	addi t1, t1, 8
	li t2, 64
	bltu t1, t2, 1b
	la a0, msg3
	call puts
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
msg2:	.asciz "pagoda payload: OpenSBI memory and CLINT refused to S-mode\n"
msg3:	.asciz "pagoda payload: cbo.clean/flush/inval/zero allowed to S-mode\n"
	.align 6
block:	.fill 8, 8, 0x5a5a5a5a5a5a5a5a
	.align 2
/* scause -> s4, stval -> s5; resume after the (4-byte) faulting instruction */
strap:	csrr s4, scause
	csrr s5, stval
	csrr t0, sepc
	addi t0, t0, 4
	csrw sepc, t0
	sret
/* print the string at a0 through the legacy SBI console */
puts:	mv s2, a0
1:	lbu a0, 0(s2)
	beqz a0, 2f
	li a7, 1
	ecall
	addi s2, s2, 1
	j 1b
2:	ret
