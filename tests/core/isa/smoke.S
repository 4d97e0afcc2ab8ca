/* SPDX-License-Identifier: BSD-2-Clause */
#include "test.h"
TEST_BEGIN
	TEST_RR(1, add, 1, 2, 3)
	TEST_RR(2, sub, 1, 2, -1)
	TEST_RI(3, addi, 5, -7, -2)
	la a3, data
	ld a4, 0(a3)
	CHECK(4, a4, 0x1122334455667788)
	lw a4, 4(a3)
	CHECK(5, a4, 0x11223344)
	sd a4, 8(a3)
	ld a5, 8(a3)
	CHECK(6, a5, 0x11223344)
	li a0, 0
	li a1, 10
1:	addi a0, a0, 1
	bne a0, a1, 1b
	CHECK(7, a0, 10)
	c.li a0, 3
	c.addi a0, 4
	CHECK(8, a0, 7)
	# JALR clears bit 0 of its target: landing on an auipc shows the PC it really ran at
	la a2, 2f
	jalr ra, 1(a2)
	j fail
2:	auipc a0, 0
	li gp, 9
	bne a0, a2, fail
TEST_END
	.data
data:	.dword 0x1122334455667788
	.dword 0
