/* SPDX-License-Identifier: BSD-2-Clause */
# CSR file: misa, IDs, WARL fields, counters, and an illegal-instruction trap (mcause 2,
# mtval = instruction bits) for every CSR the core does not implement.
#include "test.h"
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	li s7, 0
	li s8, 0
	csrr a0, misa
	CHECK(1, a0, 0x8000000000141105)
	csrr a0, mhartid
	CHECK(2, a0, 0)
	csrr a0, mvendorid
	CHECK(3, a0, 0)
	# mstatus: UXL = SXL = 2, MPP WARL (2 is not a mode: keeps old value)
	csrr a0, mstatus
	srli a0, a0, 32
	CHECK(4, a0, 0xa)
	li a0, 3 << 11
	csrs mstatus, a0
	li a0, 1 << 12
	csrc mstatus, a0          # try MPP = 1 (S): legal
	csrr a1, mstatus
	srli a1, a1, 11
	andi a1, a1, 3
	CHECK(5, a1, 1)
	SKIP_ON_QEMU(8f)          /* QEMU 7.2 stores the reserved value 2 */
	li a0, 3 << 11
	csrc mstatus, a0
	li a0, 2 << 11
	csrs mstatus, a0          # csrs of 2 onto 0: value 2 illegal -> unchanged (0)
	csrr a1, mstatus
	srli a1, a1, 11
	andi a1, a1, 3
	CHECK(6, a1, 0)
8:
	# FS/XS/VS stay zero (no F/D/V; QEMU keeps FS writable, also legal)
	SKIP_ON_QEMU(8f)
	li a0, 0x7e00
	csrs mstatus, a0
	csrr a1, mstatus
	li a2, 0x6600
	and a1, a1, a2
	CHECK(7, a1, 0)
8:
	# sstatus is a view of mstatus
	li a0, 1 << 18
	csrs sstatus, a0
	csrr a1, mstatus
	and a1, a1, a0
	CHECK(8, a1, 1 << 18)
	csrc mstatus, a0
	csrr a1, sstatus
	and a1, a1, a0
	CHECK(9, a1, 0)
	# medeleg / mideleg masks (which exceptions are delegable is WARL: QEMU differs)
	li a0, -1
	SKIP_ON_QEMU(8f)
	csrw medeleg, a0
	csrr a1, medeleg
	CHECK(10, a1, 0xb3ff)
	csrw mideleg, a0
	csrr a1, mideleg
	CHECK(11, a1, 0x222)
	csrw mie, a0
	csrr a1, mie
	CHECK(12, a1, 0xaaa)
	csrr a1, sie
	CHECK(13, a1, 0x222)
8:
	csrw medeleg, zero
	csrw mideleg, zero
	csrw mie, zero
	# satp: a write with an unsupported mode (Sv48 here) is ignored (QEMU has Sv48)
	SKIP_ON_QEMU(8f)
	li a0, (8 << 60) | 0x12345
	csrw satp, a0
	li a0, (9 << 60) | 0x777
	csrw satp, a0
	csrr a1, satp
	CHECK(14, a1, (8 << 60) | 0x12345)
8:
	csrw satp, zero
	# scratch registers
	li a0, 0x0123456789abcdef
	csrw mscratch, a0
	csrrw a1, mscratch, zero
	CHECK(15, a1, 0x0123456789abcdef)
	csrrsi a1, mscratch, 5
	CHECK(16, a1, 0)
	csrrci a1, mscratch, 4
	CHECK(17, a1, 5)
	csrr a1, mscratch
	CHECK(18, a1, 1)
	# mepc bit 0 is always zero (QEMU 7.2 does not clear it)
	SKIP_ON_QEMU(8f)
	li a0, 0x80000003
	csrw mepc, a0
	csrr a1, mepc
	CHECK(19, a1, 0x80000002)
8:
	# counters advance; mcountinhibit stops them; time follows the CLINT (QEMU counts differently)
	SKIP_ON_QEMU(8f)
	csrr a0, mcycle
	csrr a1, mcycle
	sltu a2, a0, a1
	CHECK(20, a2, 1)
	csrr a0, minstret
	nop
	nop
	csrr a1, minstret
	sub a2, a1, a0
	CHECK(21, a2, 3)
	csrwi mcountinhibit, 5
	csrr a0, mcycle
	csrr a1, mcycle
	li gp, 22
	bne a1, a0, fail
	csrwi mcountinhibit, 0
	rdtime a0
	li a1, 0
1:	addi a1, a1, 1
	li a2, 20
	bne a1, a2, 1b
	rdtime a2
	sltu a3, a0, a2
	CHECK(23, a3, 1)
	li a0, 1000
	csrw minstret, a0
	csrr a1, minstret
	CHECK(24, a1, 1000)
8:

	# unimplemented CSRs: illegal instruction, mtval = the instruction
#define ABSENT(n, bits)				\
	li s9, -1;				\
	.word bits;				\
	EXPECT_CAUSE(n, 2)			\
	EXPECT_TVAL(n, bits)
	ABSENT(30, 0x3a102573)    /* pmpcfg1: odd pmpcfg CSRs do not exist in RV64 */
	ABSENT(31, 0x3c051073)    /* pmpaddr16: 16 PMP CSRs (entries 8-15 read 0, pmp.S) */
	ABSENT(32, 0xb8302573)    /* mhpmcounter3h: RV32 only (mhpmcounter3.. exist: hpm.S) */
	SKIP_ON_QEMU(8f)          /* QEMU 7.2 implements several of these */
	ABSENT(33, 0x7b002573)    /* dcsr: debug mode only */
	ABSENT(34, 0x14d02573)
	ABSENT(35, 0xfb002573)
	ABSENT(36, 0x30c02573)
	ABSENT(37, 0xda002573)
	ABSENT(38, 0xc8002573)
	ABSENT(39, 0x7a002573)
	ABSENT(40, 0xc8302573)    /* hpmcounter3h: RV32 only */
	ABSENT(41, 0x00302573)
8:
	# read-only CSR written: illegal; read-only CSR read with csrrs x0: fine
	ABSENT(42, 0xf1451073)
	li s9, -1
	csrrs a0, mhartid, zero
	CHECK(43, s9, -1)
	# implemented but "write" forms of csrrs with rs1 = x0 never write
	csrrc a0, cycle, zero
	CHECK(44, s9, -1)
	ABSENT(45, 0xc0001573)
	# menvcfg/senvcfg/mconfigptr exist and read zero
	csrr a0, menvcfg
	CHECK(46, a0, 0)
	csrr a0, mconfigptr
	CHECK(47, a0, 0)
	CHECK(48, s9, -1)
TEST_END
