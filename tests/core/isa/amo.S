/* SPDX-License-Identifier: BSD-2-Clause */
# A extension: every AMO in .w and .d form (lane offsets, sign extension), LR/SC reservation rules.
#include "test.h"
#define LDW(r, a)  lwu r, 0(a)
TEST_BEGIN
	la s0, wdata
	li a1, 5
	amoadd.w a0, a1, (s0)
	CHECK(1, a0, 0xffffffff80000001)
	LDW(a2, s0)
	CHECK(2, a2, 0x80000006)
	amomin.w a0, a1, (s0)
	CHECK(3, a0, 0xffffffff80000006)
	LDW(a2, s0)
	CHECK(4, a2, 0x80000006)
	amominu.w a0, a1, (s0)
	LDW(a2, s0)
	CHECK(5, a2, 5)
	li a1, -1
	amomax.w a0, a1, (s0)
	CHECK(6, a0, 5)
	LDW(a2, s0)
	CHECK(7, a2, 5)
	amomaxu.w a0, a1, (s0)
	LDW(a2, s0)
	CHECK(8, a2, 0xffffffff)
	li a1, 0x0f0f0f0f
	amoand.w a0, a1, (s0)
	CHECK(9, a0, -1)
	li a1, 0x10000000
	amoor.w a0, a1, (s0)
	CHECK(10, a0, 0x0f0f0f0f)
	li a1, 0x1f0f0f0f
	amoxor.w a0, a1, (s0)
	CHECK(11, a0, 0x1f0f0f0f)
	li a1, 0x12345678
	amoswap.w.aqrl a0, a1, (s0)
	CHECK(12, a0, 0)
	LDW(a2, s0)
	CHECK(13, a2, 0x12345678)
	# upper word of the lane
	li a1, 1
	addi a3, s0, 4
	amoadd.w a0, a1, (a3)
	CHECK(14, a0, 0xffffffffaaaaaaaa)
	ld a2, 0(s0)
	CHECK(15, a2, 0xaaaaaaab12345678)

	la s1, ddata
	li a1, -1
	amoadd.d a0, a1, (s1)
	CHECK(20, a0, 0x8000000000000000)
	amomin.d a0, zero, (s1)
	CHECK(21, a0, 0x7fffffffffffffff)
	ld a2, 0(s1)
	CHECK(22, a2, 0)
	li a1, 0x8000000000000000
	amomaxu.d a0, a1, (s1)
	CHECK(23, a0, 0)
	li a1, 1
	amomin.d a0, a1, (s1)
	ld a2, 0(s1)
	CHECK(24, a2, 0x8000000000000000)
	amominu.d a0, a1, (s1)
	ld a2, 0(s1)
	CHECK(25, a2, 1)
	amomax.d a0, zero, (s1)
	ld a2, 0(s1)
	CHECK(26, a2, 1)
	li a1, -1
	amoswap.d a0, a1, (s1)
	CHECK(27, a0, 1)
	amoadd.d zero, a1, (s1)     /* rd = x0 still updates memory */
	ld a2, 0(s1)
	CHECK(28, a2, -2)
	li a1, 0xf0
	amoxor.d a0, a1, (s1)
	amoor.d a0, a1, (s1)
	amoand.d a0, a1, (s1)
	CHECK(29, a0, 0xffffffffffffff0e | 0xf0)
	ld a2, 0(s1)
	CHECK(30, a2, 0xf0)

	# LR/SC
	la s2, rdata
	li a1, 42
	sc.d a0, a1, (s2)           /* no reservation: fails, no store */
	CHECK(40, a0, 1)
	ld a2, 0(s2)
	CHECK(41, a2, 7)
	lr.d a0, (s2)
	CHECK(42, a0, 7)
	sc.d a0, a1, (s2)
	CHECK(43, a0, 0)
	ld a2, 0(s2)
	CHECK(44, a2, 42)
	sc.d a0, a1, (s2)           /* reservation consumed */
	CHECK(45, a0, 1)
	addi a3, s2, 8
	lr.w a0, (a3)               /* sign-extends */
	CHECK(46, a0, 0xffffffff87654321)
	li a1, 3
	addi a3, s2, 16
	sc.w a0, a1, (a3)           /* other address: fails */
	CHECK(47, a0, 1)
	lw a2, 16(s2)
	CHECK(48, a2, 0)
	addi a3, s2, 8
	lr.w.aq a0, (a3)
	addi a1, a0, 1
	sc.w.rl a0, a1, (a3)
	CHECK(49, a0, 0)
	lw a2, 8(s2)
	CHECK(50, a2, 0xffffffff87654322)
TEST_END
	.data
	.align 3
wdata:	.word 0x80000001, 0xaaaaaaaa
ddata:	.dword 0x8000000000000000
rdata:	.dword 7
	.word 0x87654321, 0
	.dword 0
