/* SPDX-License-Identifier: BSD-2-Clause */
# Interrupts: machine software/timer (CLINT) and external (harness irq-control device, not on QEMU),
# priorities, MIE/SIE gating, WFI wake-up, mepc after WFI, vectored mtvec, delegation to S.
#include "test.h"
#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME    0x200bff8
#define IRQCTL         0x20000000
/* give a pending interrupt time to arrive (QEMU only checks between translation blocks) */
#define SETTLE					\
	li t3, 200;				\
7:	addi t3, t3, -1;			\
	bnez t3, 7b;
TEST_BEGIN
	SET_MTVEC(irq_handler)
	la t0, s_irq_handler
	csrw stvec, t0
	li s7, 0
	li s8, 0
	li s9, -1
	li s5, CLINT_MSIP
	li s4, CLINT_MTIMECMP
	li s3, CLINT_MTIME
	li t0, -1
	sd t0, 0(s4)

	# 1. machine software interrupt
	li t0, 1 << 3
	csrw mie, t0
	csrsi mstatus, 8
	li t0, 1
	sw t0, 0(s5)
	SETTLE
	EXPECT_CAUSE(1, 0x8000000000000003)
	CHECK(2, s8, 1)

	# 2. masked by MIE = 0: pending in mip, no trap, WFI still wakes up
	csrci mstatus, 8
	li t0, 1
	sw t0, 0(s5)
	wfi
	csrr a0, mip
	andi a0, a0, 8
	CHECK(3, a0, 8)
	CHECK(4, s8, 1)
	sw zero, 0(s5)
	csrr a0, mip
	andi a0, a0, 8
	CHECK(5, a0, 0)

	# 3. timer interrupt through WFI: mepc is the instruction after the WFI
	li t0, 1 << 7
	csrw mie, t0
	csrsi mstatus, 8
	ld t0, 0(s3)
	addi t0, t0, 200
	sd t0, 0(s4)
	la a1, 1f
	wfi
1:	EXPECT_CAUSE(6, 0x8000000000000007)
	li gp, 7
	bne s10, a1, fail

	# 4. priority: software before timer when both are pending
	csrci mstatus, 8
	li t0, (1 << 7) | (1 << 3)
	csrw mie, t0
	li t0, 1
	sw t0, 0(s5)
	sd zero, 0(s4)
	csrsi mstatus, 8
	SETTLE
	EXPECT_CAUSE(8, 0x8000000000000003)
	csrci mstatus, 8

	# 5. vectored mode: cause 3 lands at base + 12
	la t0, vec_table
	ori t0, t0, 1
	csrw mtvec, t0
	li s6, 0
	li t0, 1
	sw t0, 0(s5)
	csrsi mstatus, 8
	SETTLE
	CHECK(9, s6, 3)
	EXPECT_CAUSE(10, 0x8000000000000003)
	csrci mstatus, 8
	SET_MTVEC(irq_handler)

	# 6. external interrupts from the harness device (not on QEMU)
	SKIP_ON_QEMU(8f)
	li t0, (1 << 11) | (1 << 7) | (1 << 3)
	csrw mie, t0
	li t0, 1
	sw t0, 0(s5)
	sd zero, 0(s4)
	li t1, IRQCTL
	li t0, 1
	sw t0, 0(t1)
	csrsi mstatus, 8
	SETTLE
	EXPECT_CAUSE(11, 0x800000000000000b)  /* MEI first of three */
	csrci mstatus, 8
8:
	# 7. delegation: SSIP to S; M-level interrupts reach M from S even with MIE = 0
	li t0, (1 << 1) | (1 << 9)
	csrw mideleg, t0
	li t0, (1 << 1) | (1 << 3) | (1 << 9)
	csrw mie, t0
	csrci mstatus, 8
	li a7, 0
	GOTO_MODE(1)
	csrsi sstatus, 2          /* SIE */
	csrsi sip, 2              /* software interrupt to ourselves */
	SETTLE
	EXPECT_CAUSE(12, 0x8000000000000001)
	li t0, 1
	sw t0, 0(s5)              /* MSI: taken in S although mstatus.MIE = 0 */
	SETTLE
	EXPECT_CAUSE(13, 0x8000000000000003)
	csrci sstatus, 2
	csrsi sip, 2              /* SIE = 0 in S: stays pending */
	SETTLE
	CHECK(14, s9, -1)
	csrci sip, 2
	TO_M
	# in U an S-level interrupt is taken whatever SIE says
	csrsi mip, 2
	GOTO_MODE(0)
	SETTLE
	EXPECT_CAUSE(15, 0x8000000000000001)
	TO_M
	# an S-level interrupt is never taken in M
	csrsi mip, 2
	csrsi mstatus, 8
	SETTLE
	CHECK(16, s9, -1)
	csrci mip, 2
	csrci mstatus, 8
	# an M-level interrupt is taken in S whatever mstatus.MIE says (it only gates M-mode)
	li t0, 1 << 3
	csrs mie, t0
	li t0, 1
	sw t0, 0(s5)              /* MSIP pending with MIE = 0: waits while in M */
	SETTLE
	CHECK(18, s9, -1)
	li t0, 1 << 7
	csrc mstatus, t0          /* MPIE = 0: MIE stays 0 after the mret into S */
	GOTO_MODE(1)
	SETTLE
	EXPECT_CAUSE(19, 0x8000000000000003)
	TO_M
	li t0, 1 << 3
	csrc mie, t0
	# SEIP from the harness device, delegated (not on QEMU)
	SKIP_ON_QEMU(8f)
	GOTO_MODE(1)
	csrsi sstatus, 2
	li t1, IRQCTL
	li t0, 2
	sw t0, 0(t1)
	SETTLE
	EXPECT_CAUSE(17, 0x8000000000000009)
	TO_M
8:
TEST_END

	.align 2
irq_handler:                      /* M: record, silence every source, return */
	csrr s9, mcause
	csrr s10, mepc
	addi s8, s8, 1
	bgez s9, to_m
	li t5, CLINT_MSIP
	sw zero, 0(t5)
	li t5, CLINT_MTIMECMP
	li t4, -1
	sd t4, 0(t5)
	csrr t5, mimpid
	bnez t5, 1f
	li t5, IRQCTL
	sw zero, 0(t5)
1:	mret
to_m:                             /* ecall with a7 = 77: continue in M */
	li t5, 77
	bne a7, t5, fail
	li a7, 0
	li s9, -1
	addi s8, s8, -1
	addi t5, s10, 4
	jr t5

	.align 2
s_irq_handler:
	csrr s9, scause
	csrr s10, sepc
	addi s8, s8, 1
	csrci sip, 2
	li t5, 0x8000000000000009
	bne s9, t5, 1f
	li t5, IRQCTL              /* only reached on Pagoda: SEIP comes from this device */
	sw zero, 0(t5)
1:	sret

	.align 8
	.option push
	.option norvc
vec_table:
	j fail
	j fail
	j fail
	j vec3
	j fail
	j fail
	j fail
	j fail
vec3:	li s6, 3
	j irq_handler
	.option pop
