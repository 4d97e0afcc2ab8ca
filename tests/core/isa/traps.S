/* SPDX-License-Identifier: BSD-2-Clause */
# Exceptions and privilege: ecall/ebreak, illegal encodings, misaligned and faulting accesses,
# instruction access faults, M/S/U transitions with MRET/SRET, medeleg delegation, per-mode CSR and
# instruction access rules (TSR, TW, TVM, counter enables).
#include "test.h"
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	la t0, strap_skip
	csrw stvec, t0
	li s7, 0
	li s8, 0
	li s9, -1

	ecall
	EXPECT_CAUSE(1, 11)
	ebreak
	EXPECT_CAUSE(2, 3)
	# ebreak: mepc = its address, mtval = 0 (as on QEMU; the spec allows the address or 0)
	la t0, 1f
1:	ebreak
	li gp, 2
	bne s10, t0, fail
	bnez s11, fail
	EXPECT_CAUSE(2, 3)
	c.ebreak
	EXPECT_CAUSE(3, 3)
	.word 0x00000000         # 16-bit all-zero: illegal, mtval = 0
	EXPECT_CAUSE(4, 2)
	EXPECT_TVAL(4, 0)
	.word 0xffffffff
	EXPECT_CAUSE(5, 2)
	.word 0x0000707f         # opcode with funct3 = 7 on MISC-MEM: illegal
	EXPECT_CAUSE(6, 2)
	EXPECT_TVAL(6, 0x707f)
	.word 0x02008033         # OP with funct7 = 1, funct3 = 0 on rd=0: mul x0, x1, x0 (legal)
	CHECK(7, s9, -1)
	.word 0x04000033         # OP with funct7 = 2: illegal
	EXPECT_CAUSE(8, 2)
	.hword 0x8000            # quadrant 0 funct3=4 (reserved): illegal
	EXPECT_CAUSE(9, 2)
	EXPECT_TVAL(9, 0x8000)
	.hword 0x2002            # c.fldsp (no D): illegal
	EXPECT_CAUSE(10, 2)

	# misaligned data accesses trap with the address in mtval (QEMU performs them instead)
	la a0, data
	addi a2, a0, 1
	SKIP_ON_QEMU(8f)
	lw a1, 1(a0)
	EXPECT_CAUSE(11, 4)
	addi a2, a0, 1
	li gp, 11
	bne s11, a2, fail
	sh a1, 3(a0)
	EXPECT_CAUSE(12, 6)
	ld a1, 4(a0)
	EXPECT_CAUSE(13, 4)
	amoadd.w a1, a1, (a2)
	EXPECT_CAUSE(14, 6)
	lr.d a1, (a2)
	EXPECT_CAUSE(15, 4)
8:

	# access faults from the bus (no device at 0x30000000)
	li a0, 0x30000000
	ld a1, 8(a0)
	EXPECT_CAUSE(16, 5)
	EXPECT_TVAL(16, 0x30000008)
	sw a1, 4(a0)
	EXPECT_CAUSE(17, 7)
	EXPECT_TVAL(17, 0x30000004)
	# physical addresses at or above 2^32 are access faults
	li a0, 0x100000000
	lb a1, 0(a0)
	EXPECT_CAUSE(18, 5)
	# instruction access fault: mepc = mtval = target
	la s7, 1f
	li a0, 0x30000000
	jalr a0
1:	EXPECT_CAUSE(19, 1)
	EXPECT_TVAL(19, 0x30000000)
	li gp, 19
	li t6, 0x30000000
	bne s10, t6, fail

	# ---- U-mode: ecall, privileged CSR, mret/sret/wfi illegal
	GOTO_MODE(0)
	ecall
	EXPECT_CAUSE(20, 8)
	csrr a0, mstatus
	EXPECT_CAUSE(21, 2)
	csrr a0, sstatus
	EXPECT_CAUSE(22, 2)
	mret
	EXPECT_CAUSE(23, 2)
	sret
	EXPECT_CAUSE(24, 2)
	wfi
	EXPECT_CAUSE(25, 2)
	rdcycle a0               # mcounteren = 0: illegal
	EXPECT_CAUSE(26, 2)
	TO_M
	# enable cycle for S only
	csrwi mcounteren, 7
	csrwi scounteren, 0
	GOTO_MODE(0)
	rdtime a0
	EXPECT_CAUSE(27, 2)
	TO_M
	csrwi scounteren, 1
	GOTO_MODE(0)
	rdcycle a0
	CHECK(28, s9, -1)
	rdinstret a0
	EXPECT_CAUSE(29, 2)
	TO_M

	# ---- S-mode: ecall, sstatus ok, mstatus illegal, TSR/TW/TVM
	GOTO_MODE(1)
	ecall
	EXPECT_CAUSE(30, 9)
	csrr a0, sstatus
	CHECK(31, s9, -1)
	csrr a0, mstatus
	EXPECT_CAUSE(32, 2)
	mret
	EXPECT_CAUSE(33, 2)
	csrr a0, satp
	CHECK(34, s9, -1)
	sfence.vma
	CHECK(35, s9, -1)
	rdinstret a0
	CHECK(36, s9, -1)
	TO_M
	li t0, (1 << 20) | (1 << 21) | (1 << 22)   # TVM TW TSR
	csrs mstatus, t0
	GOTO_MODE(1)
	csrr a0, satp
	EXPECT_CAUSE(37, 2)
	sfence.vma
	EXPECT_CAUSE(38, 2)
	wfi
	EXPECT_CAUSE(39, 2)
	sret
	EXPECT_CAUSE(40, 2)
	TO_M
	li t0, (1 << 20) | (1 << 21) | (1 << 22)
	csrc mstatus, t0
	li t0, 1 << 22            # TSR alone (each bit is its own field)
	csrs mstatus, t0
	GOTO_MODE(1)
	la t0, 1f
	csrw sepc, t0
	sret                      /* illegal, skipped by the M handler; else it lands at 1f, untrapped */
1:	EXPECT_CAUSE(53, 2)
	TO_M
	li t0, 1 << 22
	csrc mstatus, t0

	# ---- delegation: U ecall and illegal go to S (scause/sepc/stval, SPP = 0)
	li t0, (1 << 8) | (1 << 2)
	csrw medeleg, t0
	li s8, 0
	GOTO_MODE(0)
	ecall
	csrr a0, sscratch         /* still U after the handler's sret (SPP was 0): illegal */
	.word 0xffffffff
	li a7, 77                 /* ecall is delegated now: return to M through ebreak */
	ebreak
	CHECK(41, s8, 3)               /* three S traps */
	csrr a0, scause
	CHECK(42, a0, 2)
	csrr a0, stval
	CHECK(43, a0, 0xffffffff)
	csrr a0, sstatus
	andi a0, a0, 1 << 8
	CHECK(44, a0, 0)
	# S-mode ecall is not delegated (bit 9 clear): goes to M
	GOTO_MODE(1)
	ecall
	EXPECT_CAUSE(45, 9)
	csrr a0, mstatus        /* still S: illegal, delegated to S itself */
	EXPECT_CAUSE(46, 2)
	csrr a0, sstatus        /* the S handler's sret went back to S (SPP was 1): no trap */
	CHECK(47, s9, -1)
	TO_M
	csrw medeleg, zero
	# M-mode traps are never delegated
	li t0, 1 << 2
	csrw medeleg, t0
	.word 0xffffffff
	EXPECT_CAUSE(48, 2)
	csrr a0, mcause
	CHECK(49, a0, 2)
	csrw medeleg, zero

	# ---- mret restores MPIE/MPP: after mret MPP = U, MPIE = 1
	li t0, 1 << 7
	csrc mstatus, t0
	li t0, 3 << 11
	csrs mstatus, t0
	la t0, 1f
	csrw mepc, t0
	mret
1:	csrr a0, mstatus
	srli a1, a0, 11
	andi a1, a1, 3
	CHECK(50, a1, 0)
	srli a1, a0, 7
	andi a1, a1, 1
	CHECK(51, a1, 1)
	# MPRV is cleared by an mret to a mode below M (priv 1.12; QEMU 7.2 keeps it)
	SKIP_ON_QEMU(8f)
	li t0, 1 << 17
	csrs mstatus, t0
	GOTO_MODE(1)
	TO_M
	csrr a0, mstatus
	li t0, 1 << 17
	and a0, a0, t0
	CHECK(52, a0, 0)
8:
TEST_END
	.data
	.align 3
data:	.dword 0x1122334455667788, 0
