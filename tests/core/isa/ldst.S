/* SPDX-License-Identifier: BSD-2-Clause */
# Loads and stores: LB/LH/LW/LD sign-extend, LBU/LHU/LWU zero-extend, at every byte position of
# a dword and with negative offsets; SB/SH/SW/SD write only their bytes. Expected values follow
# the unprivileged spec (chapters 2.6 and 5.3) from the data laid out below.
#include "test.h"
#define LOAD(n, insn, off, res)			\
	insn a0, off(s0);			\
	CHECK(n, a0, res)
TEST_BEGIN
	la s0, d0			/* d0: ff ee dd cc bb aa 99 88, d1: ef cd ab 89 67 45 23 01 */
	LOAD(1, lb, 0, 0xffffffffffffffff)
	LOAD(2, lbu, 0, 0xff)
	LOAD(3, lb, 3, 0xffffffffffffffcc)
	LOAD(4, lbu, 3, 0xcc)
	LOAD(5, lb, 7, 0xffffffffffffff88)
	LOAD(6, lbu, 7, 0x88)
	LOAD(7, lb, 15, 0x01)
	LOAD(8, lbu, 15, 0x01)
	LOAD(9, lb, 12, 0x67)
	LOAD(10, lh, 0, 0xffffffffffffeeff)
	LOAD(11, lhu, 0, 0xeeff)
	LOAD(12, lh, 6, 0xffffffffffff8899)
	LOAD(13, lhu, 6, 0x8899)
	LOAD(14, lh, 14, 0x0123)
	LOAD(15, lhu, 14, 0x0123)
	LOAD(16, lh, 10, 0xffffffffffff89ab)
	LOAD(17, lw, 0, 0xffffffffccddeeff)
	LOAD(18, lwu, 0, 0xccddeeff)
	LOAD(19, lw, 4, 0xffffffff8899aabb)
	LOAD(20, lwu, 4, 0x8899aabb)
	LOAD(21, lw, 12, 0x01234567)
	LOAD(22, lwu, 12, 0x01234567)
	LOAD(23, ld, 0, 0x8899aabbccddeeff)
	LOAD(24, ld, 8, 0x0123456789abcdef)
	# negative offsets
	la s0, d1
	LOAD(25, lb, -1, 0xffffffffffffff88)
	LOAD(26, lhu, -2, 0x8899)
	LOAD(27, lw, -8, 0xffffffffccddeeff)
	LOAD(28, ld, -8, 0x8899aabbccddeeff)
	# stores write only their own bytes
	la s0, st
	li a1, 0x1122334455667788
	sd zero, 0(s0)
	sb a1, 1(s0)
	LOAD(30, ld, 0, 0x8800)
	sh a1, 2(s0)
	LOAD(31, ld, 0, 0x77888800)
	sw a1, 4(s0)
	LOAD(32, ld, 0, 0x5566778877888800)
	li a1, -1
	sb a1, 0(s0)
	LOAD(33, ld, 0, 0x55667788778888ff)
	sh a1, 6(s0)
	LOAD(34, ld, 0, 0xffff7788778888ff)
	sw zero, 0(s0)
	LOAD(35, ld, 0, 0xffff778800000000)
	sd a1, 8(s0)
	LOAD(36, ld, 8, 0xffffffffffffffff)
	LOAD(37, ld, 0, 0xffff778800000000)	/* the neighbour is untouched */
	addi s0, s0, 16
	li a1, 0x0102030405060708
	sd a1, -16(s0)
	sb zero, -1(s0)
	addi s0, s0, -16
	LOAD(38, ld, 0, 0x0102030405060708)
	LOAD(39, ld, 8, 0x00ffffffffffffff)
	# a load right after a store to the same address sees the store
	li a1, 0x5a
	sb a1, 3(s0)
	lbu a0, 3(s0)
	CHECK(40, a0, 0x5a)
TEST_END
	.data
	.align 3
d0:	.dword 0x8899aabbccddeeff
d1:	.dword 0x0123456789abcdef
st:	.dword 0, 0
