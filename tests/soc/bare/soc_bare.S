/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SoC integration test, run bare-metal in M-mode straight from the boot ROM (no OpenSBI):
 * the boot ROM's hand-over registers and fw_dynamic_info, access faults from the error slave for
 * fetch, load and store (never a hang), a store to the ROM, the CLINT timer interrupt and msip,
 * the PLIC and UART registers over the bus, and an AMO on RAM. Test n failing ends with
 * tohost = (n << 1) | 1; all passing writes 1.
 */
#include "htif.h"
#define FAIL(n)	li gp, n; j fail

	.section .text.init
	.globl _start
_start:
	la t0, trap
	csrw mtvec, t0

	/* 1-3: boot ROM hand-over: a0 = hartid 0, a1 = RAM top - 2 MiB, a2 = &fw_dynamic_info */
	li gp, 1
	bnez a0, fail
	li gp, 2
	li t0, 0x87e00000
	bne a1, t0, fail
	li gp, 3
	li t0, 0x1028
	bne a2, t0, fail
	/* 4: fw_dynamic_info {magic, version 2, next_addr, next_mode 1, options 0, boot_hart 0} */
	li gp, 4
	ld t0, 0(a2)
	li t1, 0x4942534f
	bne t0, t1, fail
	ld t0, 8(a2)
	li t1, 2
	bne t0, t1, fail
	ld t0, 16(a2)
	li t1, 0x80200000
	bne t0, t1, fail
	ld t0, 24(a2)
	li t1, 1
	bne t0, t1, fail
	ld t0, 32(a2)
	bnez t0, fail
	ld t0, 40(a2)
	bnez t0, fail

	/* 5: load from an unmapped address: load access fault (5), mtval = address */
	li gp, 5
	li s1, 0x40000000
	la s2, 1f
	li s3, 5
	ld t0, 0(s1)
	j fail
1:
	/* 6: store to an unmapped address: store access fault (7) */
	li gp, 6
	li s1, 0x12345678
	la s2, 1f
	li s3, 7
	sw zero, 0(s1)
	j fail
1:
	/* 7: store to the boot ROM: store access fault */
	li gp, 7
	li s1, 0x1000
	la s2, 1f
	li s3, 7
	sd zero, 0(s1)
	j fail
1:
	/* 8: fetch from a device (UART): instruction access fault (1), mtval = target */
	li gp, 8
	li s1, 0x10000000
	la s2, 1f
	li s3, 1
	jr s1
	j fail
1:
	/* 9: load past the end of RAM */
	li gp, 9
	li s1, 0x88000000
	la s2, 1f
	li s3, 5
	lw t0, 0(s1)
	j fail
1:
	li s3, 0		/* no more traps expected */

	/* 10: CLINT mtime advances */
	li gp, 10
	li s4, 0x200bff8
	ld t0, 0(s4)
	li t2, 200
2:	addi t2, t2, -1
	bnez t2, 2b
	ld t1, 0(s4)
	bleu t1, t0, fail

	/* 11: timer interrupt: mtimecmp = mtime + 50, MTIE, wait */
	li gp, 11
	li s5, 0x2004000
	ld t0, 0(s4)
	addi t0, t0, 50
	sd t0, 0(s5)
	li s3, -1		/* expect an interrupt: mcause MSB set */
	li t0, 0x80
	csrw mie, t0
	csrsi mstatus, 8
	li t2, 100000
3:	addi t2, t2, -1
	bnez t2, 3b
	j fail
timer_done:
	li s3, 0

	/* 12: msip raises the software interrupt */
	li gp, 12
	li t0, 0x2000000
	li t1, 1
	li s3, -2
	li t2, 0x8
	csrw mie, t2
	sw t1, 0(t0)
	csrsi mstatus, 8
	li t2, 10000
4:	addi t2, t2, -1
	bnez t2, 4b
	j fail
msip_done:
	li s3, 0

	/* 13: UART: LSR reads THRE|TEMT, SCR holds a value */
	li gp, 13
	li t0, 0x10000000
	lbu t1, 5(t0)
	andi t1, t1, 0x60
	li t2, 0x60
	bne t1, t2, fail
	li t1, 0x5a
	sb t1, 7(t0)
	lbu t2, 7(t0)
	bne t1, t2, fail

	/* 14: PLIC priority register holds its value, claim with nothing pending is 0 */
	li gp, 14
	li t0, 0x0c000000
	li t1, 6
	sw t1, 40(t0)		/* priority of source 10 */
	lw t2, 40(t0)
	bne t1, t2, fail
	li t0, 0x0c200004
	lw t2, 0(t0)
	bnez t2, fail

	/* 15: AMOs and LR/SC on RAM */
	li gp, 15
	la t0, scratch
	li t1, 5
	sd t1, 0(t0)
	li t2, 7
	amoadd.d t3, t2, (t0)
	bne t3, t1, fail
	ld t3, 0(t0)
	li t4, 12
	bne t3, t4, fail
	lr.d t3, (t0)
	sc.d t5, t2, (t0)
	bnez t5, fail
	ld t3, 0(t0)
	bne t3, t2, fail

	/* 16: byte/half/word stores land in the right lanes */
	li gp, 16
	la t0, scratch
	sd zero, 8(t0)
	li t1, 0xab
	sb t1, 13(t0)
	li t1, 0x1234
	sh t1, 10(t0)
	ld t2, 8(t0)
	li t3, 0x0000ab0012340000
	bne t2, t3, fail

	li t0, 1
	la t1, tohost
	sd t0, 0(t1)
9:	j 9b

fail:
	slli gp, gp, 1
	ori gp, gp, 1
	la t1, tohost
	sd gp, 0(t1)
8:	j 8b

/* s3 = expected mcause (0 = none expected, -1 = timer irq, -2 = soft irq), s1 = expected mtval,
 * s2 = where to resume */
	.align 2
trap:
	csrr t5, mcause
	li t6, -1
	beq s3, t6, trap_timer
	li t6, -2
	beq s3, t6, trap_soft
	beqz s3, fail
	bne t5, s3, fail
	csrr t6, mtval
	bne t6, s1, fail
	csrw mepc, s2
	mret
trap_timer:
	li t6, 0x8000000000000007
	bne t5, t6, fail
	csrw mie, zero
	la t6, timer_done
	csrw mepc, t6
	li t6, 0x1800		/* stay in M-mode, interrupts stay off */
	csrs mstatus, t6
	csrci mstatus, 8
	li t6, 0x80
	csrc mstatus, t6	/* MPIE = 0 */
	mret
trap_soft:
	li t6, 0x8000000000000003
	bne t5, t6, fail
	li t6, 0x2000000
	sw zero, 0(t6)
	csrw mie, zero
	la t6, msip_done
	csrw mepc, t6
	li t6, 0x1800
	csrs mstatus, t6
	li t6, 0x80
	csrc mstatus, t6
	mret

	.data
	.align 3
scratch:
	.dword 0, 0

	HTIF_MAILBOXES
