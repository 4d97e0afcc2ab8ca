/* SPDX-License-Identifier: BSD-2-Clause */
# mip.SEIP is the OR of a software bit and the external line (issue 18): csrs/csrc/csrrw of mip in
# M-mode, while the S-mode external line is high, must leave the line out of the software bit.
# After the line drops, mip.SEIP and sip.SEIP read 0 and S-mode takes no external interrupt.
# The line comes from the core harness's interrupt-control device (bit 1), which QEMU -M spike
# and the SoC lack: there only the software-bit checks run (the SoC's self-test
# seip_not_latched_by_mtimer covers it through the real PLIC).
#include "test.h"
#define IRQCTL 0x20000000
#define SEIP   (1 << 9)
#define STIP   (1 << 5)
#define SSIP   (1 << 1)
/* give a pending interrupt time to arrive (QEMU only checks between translation blocks) */
#define SETTLE					\
	li t3, 200;				\
7:	addi t3, t3, -1;			\
	bnez t3, 7b;
/* set the S external line to v (0 or 1) */
#define SEXT_LINE(v)				\
	li t1, IRQCTL;				\
	li t0, (v) << 1;			\
	sw t0, 0(t1);
/* check that mip & m reads v (case n) */
#define CHECK_MIP(n, m, v)			\
	csrr a0, mip;				\
	li t0, m;				\
	and a0, a0, t0;				\
	CHECK(n, a0, v)
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	la t0, s_irq
	csrw stvec, t0
	li s7, 0
	li s8, 0
	li s9, -1
	li a7, 0
	# SEIP delegated and enabled for S, so a stuck bit would show as an S-mode interrupt
	li t0, SEIP | SSIP | STIP
	csrw mideleg, t0
	li t0, SEIP
	csrw mie, t0

	# 1. the software bit alone (runs on QEMU too)
	CHECK_MIP(1, SEIP, 0)
	li t0, SEIP
	csrs mip, t0
	CHECK_MIP(2, SEIP, SEIP)
	csrr a0, sip
	andi a0, a0, 0x200
	CHECK(3, a0, SEIP)
	li t0, SEIP
	csrc mip, t0
	CHECK_MIP(4, SEIP, 0)
	li t0, SEIP | STIP
	csrw mip, t0
	CHECK_MIP(5, SEIP | STIP, SEIP | STIP)
	csrw mip, zero
	CHECK_MIP(6, SEIP | STIP, 0)

	# the device is only in the core harness (a store elsewhere faults: recorded, skipped)
	li t1, IRQCTL
	sw zero, 0(t1)
	bgez s9, 8f
	li s8, 0
	# 2. line high: the read shows it, and csrs of another bit must not latch it
	SEXT_LINE(1)
	CHECK_MIP(10, SEIP, SEIP)
	li t0, STIP
	csrrs a1, mip, t0             /* OpenSBI's timer handler */
	andi a1, a1, SEIP
	CHECK(11, a1, SEIP)           /* rd is the OR */
	li t0, STIP
	csrrc a1, mip, t0             /* OpenSBI's sbi_set_timer */
	andi a1, a1, SEIP
	CHECK(12, a1, SEIP)
	csrsi mip, SSIP
	csrci mip, SSIP
	SEXT_LINE(0)
	CHECK_MIP(13, SEIP | STIP | SSIP, 0)

	# 3. csrrw with SEIP clear while the line is high: the line still reads, nothing latches
	SEXT_LINE(1)
	li t0, STIP
	csrrw a1, mip, t0
	andi a1, a1, SEIP
	CHECK(14, a1, SEIP)
	CHECK_MIP(15, SEIP | STIP, SEIP | STIP)
	SEXT_LINE(0)
	CHECK_MIP(16, SEIP | STIP, STIP)
	csrw mip, zero

	# 4. csrc of SEIP itself with the line high clears the software bit: after the drop, 0
	li t0, SEIP
	csrs mip, t0
	SEXT_LINE(1)
	li t0, SEIP
	csrc mip, t0
	CHECK_MIP(17, SEIP, SEIP)     /* the line */
	SEXT_LINE(0)
	CHECK_MIP(18, SEIP, 0)

	# 5. csrs of SEIP with the line high sets the software bit, which outlives the line
	SEXT_LINE(1)
	li t0, SEIP
	csrs mip, t0
	SEXT_LINE(0)
	CHECK_MIP(19, SEIP, SEIP)
	csrw mip, zero
	CHECK_MIP(20, SEIP, 0)

	# 6. the same read-modify-writes through sip and sie from M: no latching either
	SEXT_LINE(1)
	csrsi sip, SSIP
	csrci sip, SSIP
	li t0, STIP
	csrs sie, t0
	csrc sie, t0
	SEXT_LINE(0)
	CHECK_MIP(21, SEIP, 0)

	# 7. in S with SIE and SEIE: no external interrupt is taken once the line is low
	SEXT_LINE(1)
	li t0, STIP
	csrs mip, t0
	csrc mip, t0
	SEXT_LINE(0)
	GOTO_MODE(1)
	csrsi sstatus, 2
	SETTLE
	csrci sstatus, 2
	CHECK(22, s8, 0)
	csrr a0, sip
	andi a0, a0, 0x200
	CHECK(23, a0, 0)
	TO_M
	# and with the line high it is taken (the check above is not blind)
	GOTO_MODE(1)
	SEXT_LINE(1)
	csrsi sstatus, 2
	SETTLE
	EXPECT_CAUSE(24, 0x8000000000000009)
	TO_M
8:
TEST_END

	.align 2
s_irq:                            /* S: record, drop the line, return with SIE still 0 */
	csrr s9, scause
	addi s8, s8, 1
	li t5, 1 << 5                 /* SPIE = 0: a stuck SEIP cannot loop */
	csrc sstatus, t5
	li t5, IRQCTL
	sw zero, 0(t5)                /* drop the line */
	sret
