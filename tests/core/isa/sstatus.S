/* SPDX-License-Identifier: BSD-2-Clause */
# sstatus is a restricted view of mstatus: no write to it, from M or from S, may change an M-only
# field (MIE, MPIE, MPP, MPRV, TVM, TW, TSR); that would be a privilege escalation. Also sepc
# bit 0 reads 0 whatever is written (IALIGN = 16). Issue 20, survivors 1-3.
#include "test.h"
#define MONLY   0x721888   /* TSR TW TVM MPRV MPP MPIE MIE */
#define M_SET   0x720888   /* all of them set, MPP = S (so a change either way shows) */
#define TVM_TW_TSR 0x700000
#define MPP_S   0x800
#define MPIE    0x80
/* from M: set the M-only fields to `fields`, run "op sstatus, val", require them unchanged */
#define FROM_M(n, fields, op, val)		\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	li t0, fields;				\
	csrs mstatus, t0;			\
	li a0, val;				\
	op a1, sstatus, a0;			\
	csrr a1, mstatus;			\
	li t0, MONLY;				\
	and a1, a1, t0;				\
	CHECK(n, a1, fields)			\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	csrw sstatus, zero;
/* the same with an immediate form */
#define FROM_M_IMM(n, fields, op, imm)		\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	li t0, fields;				\
	csrs mstatus, t0;			\
	op a1, sstatus, imm;			\
	csrr a1, mstatus;			\
	li t0, MONLY;				\
	and a1, a1, t0;				\
	CHECK(n, a1, fields)			\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	csrw sstatus, zero;
/*
 * from S: mret to S with TVM/TW/TSR = `tvm` and MIE = MPIE = `mpie` (mret moves MPIE into MIE,
 * sets MPIE, MPP = U, MPRV = 0); run "op sstatus, val"; ecall back to M. The trap stores MIE in
 * MPIE and S in MPP, so mstatus then holds tvm | MPP_S | mpie: an S-mode write that set or
 * cleared MIE, MPRV, TVM, TW or TSR shows. (MPP written from S is overwritten by that trap before
 * anything can see it; FROM_M checks the MPP path.)
 */
#define FROM_S(n, tvm, mpie, op, val)		\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	li t0, (tvm) | (mpie);			\
	csrs mstatus, t0;			\
	GOTO_MODE(1)				\
	li a0, val;				\
	op a1, sstatus, a0;			\
	TO_M					\
	csrr a1, mstatus;			\
	li t0, MONLY;				\
	and a1, a1, t0;				\
	CHECK(n, a1, (tvm) | MPP_S | (mpie))	\
	li t0, MONLY;				\
	csrc mstatus, t0;			\
	csrw sstatus, zero;
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	li s7, 0
	li s8, 0
	li a7, 0
	csrw mie, zero

	# 1. from M with every M-only field set, then with every one clear
	FROM_M(1, M_SET, csrrw, -1)
	FROM_M(2, M_SET, csrrw, 0)
	FROM_M(3, M_SET, csrrs, -1)
	FROM_M(4, M_SET, csrrc, -1)
	FROM_M_IMM(5, M_SET, csrrci, 8)     /* bit 3 is MIE in mstatus */
	FROM_M_IMM(6, M_SET, csrrwi, 0)
	FROM_M(7, 0, csrrw, -1)
	FROM_M(8, 0, csrrs, -1)
	FROM_M(9, 0, csrrc, -1)
	FROM_M_IMM(10, 0, csrrsi, 8)
	FROM_M_IMM(11, 0, csrrwi, 31)
	FROM_M(12, 0x1800, csrrw, 0)        /* MPP = M */
	FROM_M(13, 0x1800, csrrc, -1)
	FROM_M(14, 0, csrrw, 0x1800)        /* MPP bits in the written value */

	# the S fields do change through sstatus (the checks above are not blind)
	li a0, 0x122
	csrw sstatus, a0
	csrr a1, mstatus
	andi a1, a1, 0x1aa
	CHECK(15, a1, 0x122)
	csrw sstatus, zero

	# 2. from S: fields set (TVM TW TSR, MIE = 1 in S) against clearing writes, and clear
	# against setting writes
	FROM_S(20, TVM_TW_TSR, MPIE, csrrw, 0)
	FROM_S(21, TVM_TW_TSR, MPIE, csrrc, -1)
	FROM_S(22, TVM_TW_TSR, MPIE, csrrs, -1)
	FROM_S(23, TVM_TW_TSR, MPIE, csrrw, -1)
	FROM_S(24, 0, 0, csrrw, -1)
	FROM_S(25, 0, 0, csrrs, -1)
	FROM_S(26, 0, 0, csrrs, 8)
	FROM_S(27, 0, 0, csrrc, -1)
	FROM_S(28, 0, 0, csrrw, 0x7e1888)

	# 3. sepc bit 0 reads 0 (QEMU 7.2 keeps it, as for mepc)
	SKIP_ON_QEMU(8f)
	li a0, 0x80000003
	csrw sepc, a0
	csrr a1, sepc
	CHECK(30, a1, 0x80000002)
	csrsi sepc, 1
	csrr a1, sepc
	CHECK(31, a1, 0x80000002)
	li a0, -1
	csrrw a1, sepc, a0
	csrr a1, sepc
	CHECK(32, a1, -2)
	GOTO_MODE(1)
	li a0, 0x12345
	csrw sepc, a0
	csrr a2, sepc
	TO_M
	CHECK(33, a2, 0x12344)
8:
TEST_END
