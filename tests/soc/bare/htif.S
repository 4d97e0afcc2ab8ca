/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * HTIF as bare-metal programs use it (riscv-tests' benchmarks, riscv-pk style consoles): the
 * syscall proxy's write to stdout, a write with a buffer outside RAM (-EFAULT), an unknown
 * syscall (-ENOSYS), the console device's putchar, then exit(0) through the proxy. Each request
 * waits for fromhost as the real clients do. A wrong answer exits with the number of the check.
 */
#include "htif.h"
#define SYS_write 64
#define SYS_exit 93

	.data
msg:	.ascii "htif: write through the syscall proxy\n"
msg_end:
chars:	.asciz "htif: putchar ok\n"
	.balign 64
magic_mem:
	.fill 8, 8, 0
	.equ MSG_LEN, msg_end - msg

	.section .text.init
	.globl _start
_start:
	/* 1: write(1, msg, len) returns len */
	li a0, SYS_write
	li a1, 1
	la a2, msg
	li a3, MSG_LEN
	call syscall
	li t0, MSG_LEN
	li s0, 1
	bne a0, t0, fail
	/* 2: a buffer outside RAM: -EFAULT, nothing printed */
	li a0, SYS_write
	li a1, 1
	li a2, 0x1000
	li a3, 16
	call syscall
	li t0, -14
	li s0, 2
	bne a0, t0, fail
	/* 3: an unknown syscall: -ENOSYS */
	li a0, 1234
	call syscall
	li t0, -38
	li s0, 3
	bne a0, t0, fail
	/* 4: console putchar of "htif putchar ok\n", acknowledged with device 1, command 1 */
	la s1, chars
1:	lbu a0, 0(s1)
	beqz a0, 2f
	li t0, (1 << 56) | (1 << 48)
	or a0, a0, t0
	call htif_request
	li t0, (1 << 56) | (1 << 48)
	li s0, 4
	bne a0, t0, fail
	addi s1, s1, 1
	j 1b
2:	/* 5: exit(0) through the proxy */
	li a0, SYS_exit
	li a1, 0
	call syscall
	li s0, 5
fail:	/* exit(s0) the short way: tohost = (s0 << 1) | 1 */
	slli t0, s0, 1
	ori t0, t0, 1
	la t1, tohost
	sd t0, 0(t1)
3:	j 3b

/* syscall(a0 = number, a1..a3 = arguments): fill magic_mem, post its address, wait, return [0]. */
syscall:
	la t0, magic_mem
	sd a0, 0(t0)
	sd a1, 8(t0)
	sd a2, 16(t0)
	sd a3, 24(t0)
	mv a0, t0
	mv t2, ra
	call htif_request
	la t0, magic_mem
	ld a0, 0(t0)
	mv ra, t2
	ret

/* Write a0 to tohost once it is free, wait for fromhost, clear it; return what it held. */
htif_request:
	la t0, tohost
	la t1, fromhost
1:	ld t3, 0(t0)
	bnez t3, 1b
	fence
	sd a0, 0(t0)
2:	ld a0, 0(t1)
	beqz a0, 2b
	sd zero, 0(t1)
	fence
	ret

	HTIF_MAILBOXES
