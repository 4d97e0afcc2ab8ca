/* SPDX-License-Identifier: BSD-2-Clause */
# Control transfer: BEQ/BNE/BLT/BGE/BLTU/BGEU each taken and not taken on signed and unsigned
# edges (equal operands, -1 against 1, the most negative against the most positive), backward
# branches, JAL and JALR link values (pc + 4), JALR's target with bit 0 cleared, an offset, and
# rd = rs1. Expected outcomes follow the unprivileged spec (chapter 2.5).
#include "test.h"
/* the branch must be taken */
#define TAKEN(n, insn, a, b)			\
	li gp, n;				\
	li a0, a;				\
	li a1, b;				\
	insn a0, a1, 1f;			\
	j fail;					\
1:
/* the branch must fall through */
#define NOT_TAKEN(n, insn, a, b)		\
	li gp, n;				\
	li a0, a;				\
	li a1, b;				\
	insn a0, a1, fail;
#define MAX 0x7fffffffffffffff
#define MIN 0x8000000000000000
TEST_BEGIN
	TAKEN(1, beq, 0, 0)
	TAKEN(2, beq, -1, -1)
	TAKEN(3, beq, MIN, MIN)
	NOT_TAKEN(4, beq, 0, 1)
	NOT_TAKEN(5, beq, 0x100000000, 0)	/* only the upper half differs */
	NOT_TAKEN(6, beq, -1, 0x7fffffffffffffff)
	TAKEN(7, bne, 0, 1)
	TAKEN(8, bne, 0x100000000, 0)
	TAKEN(9, bne, MIN, MAX)
	NOT_TAKEN(10, bne, 5, 5)
	NOT_TAKEN(11, bne, -1, -1)
	TAKEN(12, blt, -1, 1)
	TAKEN(13, blt, MIN, MAX)
	TAKEN(14, blt, MIN, -1)
	TAKEN(15, blt, 0, 1)
	NOT_TAKEN(16, blt, 1, -1)
	NOT_TAKEN(17, blt, MAX, MIN)
	NOT_TAKEN(18, blt, 3, 3)
	NOT_TAKEN(19, blt, -1, MIN)
	TAKEN(20, bge, 1, -1)
	TAKEN(21, bge, MAX, MIN)
	TAKEN(22, bge, 3, 3)
	TAKEN(23, bge, -1, MIN)
	NOT_TAKEN(24, bge, -1, 1)
	NOT_TAKEN(25, bge, MIN, MAX)
	NOT_TAKEN(26, bge, MIN, -1)
	TAKEN(27, bltu, 1, -1)
	TAKEN(28, bltu, MAX, MIN)
	TAKEN(29, bltu, 0, 1)
	TAKEN(30, bltu, 0xfffffffe, 0xffffffff)
	NOT_TAKEN(31, bltu, -1, 1)
	NOT_TAKEN(32, bltu, MIN, MAX)
	NOT_TAKEN(33, bltu, 7, 7)
	TAKEN(34, bgeu, -1, 1)
	TAKEN(35, bgeu, MIN, MAX)
	TAKEN(36, bgeu, 7, 7)
	TAKEN(37, bgeu, 0, 0)
	NOT_TAKEN(38, bgeu, 1, -1)
	NOT_TAKEN(39, bgeu, MAX, MIN)
	NOT_TAKEN(40, bgeu, 0, 1)

	# a backward branch loops exactly as often as counted
	li gp, 41
	li a0, 0
	li a1, 5
2:	addi a0, a0, 1
	blt a0, a1, 2b
	CHECK(41, a0, 5)

	.option push
	.option norvc
	# jal: rd = pc + 4
	li gp, 42
	jal a0, 3f
4:	j fail
3:	la t0, 4b
	bne a0, t0, fail
	# jal with rd = x0 (j) leaves x0 zero
	j 5f
	j fail
5:	CHECK(43, x0, 0)
	# jalr: target = (rs1 + imm) with bit 0 cleared, rd = pc + 4
	li gp, 44
	la t0, 6f
	addi t0, t0, 1
	jalr a0, 0(t0)
7:	j fail
6:	la t1, 7b
	bne a0, t1, fail
	li gp, 45
	la t0, 8f
	addi t0, t0, -16
	jalr a0, 16(t0)
9:	j fail
8:	la t1, 9b
	bne a0, t1, fail
	li gp, 46
	la t0, 10f
	addi t0, t0, 2047
	jalr a0, -2047(t0)
	j fail
10:
	# rd = rs1: the target comes from the old rs1
	li gp, 47
	la a0, 11f
	jalr a0, 0(a0)
12:	j fail
11:	la t1, 12b
	bne a0, t1, fail
	.option pop
TEST_END
