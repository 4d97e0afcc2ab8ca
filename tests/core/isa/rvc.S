/* SPDX-License-Identifier: BSD-2-Clause */
# Every RV64C instruction in its compressed encoding (written with the c. mnemonics, so the
# assembler cannot pick another form): immediates at their edges and sign extension, the 3-bit
# register forms, SP-relative loads and stores, C.ADDI16SP/C.ADDI4SPN, C.ADDIW/C.ADDW/C.SUBW
# sign extension, shifts by 1..63, C.J/C.JR/C.JALR (link = pc + 2), C.BEQZ/C.BNEZ taken and not
# taken, C.NOP and C.EBREAK. Expected values follow the unprivileged spec (RVC chapter).
#include "test.h"
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	li s7, 0
	li s8, 0
	li a7, 0
	# c.li, c.lui: 6-bit immediates, sign-extended
	c.li a0, -32
	CHECK(1, a0, -32)
	c.li a0, 31
	CHECK(2, a0, 31)
	c.lui a0, 0x1f
	CHECK(3, a0, 0x1f000)
	c.lui a0, 0xfffe0
	CHECK(4, a0, 0xfffffffffffe0000)
	c.lui a0, 1
	CHECK(5, a0, 0x1000)
	# c.addi, c.addiw (sign extension of the 32-bit sum)
	li a0, 100
	c.addi a0, -32
	CHECK(6, a0, 68)
	c.addi a0, 31
	CHECK(7, a0, 99)
	li a0, 0x7fffffff
	c.addiw a0, 1
	CHECK(8, a0, 0xffffffff80000000)
	li a0, 0x1ffffffff
	c.addiw a0, 1
	CHECK(9, a0, 0)
	li a0, 0x80000000
	c.addiw a0, 0			/* sext.w */
	CHECK(10, a0, 0xffffffff80000000)
	li a0, 0
	c.addiw a0, -1
	CHECK(11, a0, -1)
	# c.addi16sp, c.addi4spn
	la sp, stack
	mv a1, sp
	c.addi16sp sp, -512
	sub a2, a1, sp
	CHECK(12, a2, 512)
	c.addi16sp sp, 496
	sub a2, a1, sp
	CHECK(13, a2, 16)
	c.addi4spn a0, sp, 1020
	sub a2, a0, sp
	CHECK(14, a2, 1020)
	c.addi4spn a0, sp, 4
	sub a2, a0, sp
	CHECK(15, a2, 4)
	# c.slli, c.srli, c.srai
	li a0, 1
	c.slli a0, 63
	CHECK(16, a0, 0x8000000000000000)
	li a0, 0x0123456789abcdef
	c.slli a0, 4
	CHECK(17, a0, 0x123456789abcdef0)
	li s0, 0x8000000000000000
	c.srli s0, 1
	CHECK(18, s0, 0x4000000000000000)
	li s0, 0x8000000000000000
	c.srai s0, 1
	CHECK(19, s0, 0xc000000000000000)
	li s0, 0x8000000000000000
	c.srai s0, 63
	CHECK(20, s0, -1)
	li s0, 0xffffffff80000000
	c.srli s0, 32
	CHECK(21, s0, 0xffffffff)
	li s0, 0x7fffffffffffffff
	c.srai s0, 62
	CHECK(22, s0, 1)
	# c.andi (6-bit signed immediate)
	li s0, 0x0123456789abcdef
	c.andi s0, -32
	CHECK(23, s0, 0x0123456789abcde0)
	li s0, 0x0123456789abcdef
	c.andi s0, 5
	CHECK(24, s0, 5)
	# c.mv, c.add (wraps)
	li a1, 0x7fffffffffffffff
	c.mv a0, a1
	CHECK(25, a0, 0x7fffffffffffffff)
	li a1, 1
	c.add a0, a1
	CHECK(26, a0, 0x8000000000000000)
	# c.sub, c.xor, c.or, c.and on x8..x15
	li s0, 5
	li s1, 7
	c.sub s0, s1
	CHECK(27, s0, -2)
	li a4, 0xff00ff00ff00ff00
	li a5, 0x0ff00ff00ff00ff0
	mv a3, a4
	c.xor a3, a5
	CHECK(28, a3, 0xf0f0f0f0f0f0f0f0)
	mv a3, a4
	c.or a3, a5
	CHECK(29, a3, 0xfff0fff0fff0fff0)
	mv a3, a4
	c.and a3, a5
	CHECK(30, a3, 0x0f000f000f000f00)
	# c.addw, c.subw: 32-bit result, sign-extended
	li s0, 0x7fffffff
	li s1, 1
	c.addw s0, s1
	CHECK(31, s0, 0xffffffff80000000)
	li s0, 0xffffffff00000000
	li s1, 1
	c.subw s0, s1
	CHECK(32, s0, -1)
	li s0, 0x80000000
	li s1, 1
	c.subw s0, s1
	CHECK(33, s0, 0x7fffffff)
	# c.lw (sign-extends), c.ld, c.sw, c.sd with the 3-bit base
	la s0, data
	c.lw a0, 0(s0)
	CHECK(34, a0, 0xffffffffccddeeff)
	c.lw a0, 4(s0)
	CHECK(35, a0, 0xffffffff8899aabb)
	c.ld a0, 8(s0)
	CHECK(36, a0, 0x0123456789abcdef)
	li a1, 0x1122334455667788
	c.sd a1, 16(s0)
	c.sw a1, 24(s0)
	ld a0, 16(s0)
	CHECK(37, a0, 0x1122334455667788)
	ld a0, 24(s0)
	CHECK(38, a0, 0x55667788)
	c.lw a0, 124(s0)
	CHECK(39, a0, 0x7eadbeef)
	c.ld a0, 248(s0)
	CHECK(40, a0, 0xfeedfacecafef00d)
	# c.lwsp, c.ldsp, c.swsp, c.sdsp
	la sp, data
	c.lwsp a0, 0(sp)
	CHECK(41, a0, 0xffffffffccddeeff)
	c.ldsp a0, 8(sp)
	CHECK(42, a0, 0x0123456789abcdef)
	c.lwsp a0, 124(sp)
	CHECK(43, a0, 0x7eadbeef)
	c.ldsp a0, 248(sp)
	CHECK(44, a0, 0xfeedfacecafef00d)
	li a1, -2
	c.sdsp a1, 32(sp)
	c.swsp a1, 40(sp)
	ld a0, 32(sp)
	CHECK(45, a0, -2)
	ld a0, 40(sp)
	CHECK(46, a0, 0xfffffffe)
	# c.beqz, c.bnez taken and not taken (the upper half counts)
	li gp, 47
	li s0, 0
	c.beqz s0, 1f
	j fail
1:	li s0, 0x100000000
	c.beqz s0, 10f			/* not taken */
	j 11f
10:	j fail
11:	li gp, 48
	c.bnez s0, 2f
	j fail
2:	li s0, 0
	c.bnez s0, 10b			/* not taken */
	# c.j; c.jr; c.jalr links pc + 2
	li gp, 49
	c.j 3f
	j fail
3:	la t0, 4f
	c.jr t0
	j fail
4:	li gp, 50
	la t0, 5f
	c.jalr t0
6:	j fail
5:	la t1, 6b
	bne ra, t1, fail
	c.nop
	# c.ebreak: breakpoint, mepc = its address (the handler skips 2 bytes)
	li s9, -1
7:	c.ebreak
	EXPECT_CAUSE(51, 3)
	la t1, 7b
	li gp, 52
	bne s10, t1, fail
TEST_END
	.data
	.align 3
data:	.dword 0x8899aabbccddeeff
	.dword 0x0123456789abcdef
	.dword 0, 0
	.fill 11, 8, 0
	.word 0, 0x7eadbeef		/* at data + 120: word at 124 */
	.fill 15, 8, 0
	.dword 0xfeedfacecafef00d	/* at data + 248 */
	.space 1024
stack:
