/* SPDX-License-Identifier: BSD-2-Clause */
# Zicbom and Zicboz (CMO 1.0, privileged spec 1.12 menvcfg/senvcfg): cbo.zero zeroes exactly its
# 64-byte block whatever the offset in it; clean/flush/inval change nothing without a data cache;
# menvcfg gates S-mode and menvcfg+senvcfg gate U-mode (illegal instruction, mtval = the
# instruction); CBIE's reserved value; faults are store faults (7 and 15) with tval = rs1, where
# clean/flush/inval need only read permission (PMP and Sv39) and cbo.zero needs write; A set by
# every CBO, D only by cbo.zero; reserved encodings of the CBO space are illegal.
# QEMU 7.2 has no Zicbom/Zicboz: on QEMU only the reserved-encoding checks run.
#include "test.h"
	.option arch, +zicbom, +zicboz
#define V 1
#define R 2
#define W 4
#define X 8
#define A 64
#define D 128
#define VA(i) (0x40000000 + (i) * 0x1000)
#define EXPECT_TVAL_REG(n, r)			\
	li gp, n;				\
	bne s11, r, fail;
#define MENV_ALL 0xf1                   /* FIOM, CBIE = 11, CBCFE, CBZE (PBMTE, STCE read 0) */
#define PTE(reg, label, flags)			\
	la reg, label;				\
	srli reg, reg, 12;			\
	slli reg, reg, 10;			\
	ori reg, reg, flags;
#define SETPTE(table, idx, label, flags)	\
	PTE(t1, label, flags)			\
	la t2, table;				\
	sd t1, (idx) * 8(t2);
/* a2 = number of dwords in [a0, a0 + a1) that do not hold their own address */
#define CHECK_FILL(n, base, len)		\
	mv a0, base;				\
	li a1, len;				\
	call check_fill;			\
	CHECK(n, a2, 0)
/* a2 = number of nonzero dwords in [a0, a0 + a1) */
#define CHECK_ZERO(n, base, len)		\
	mv a0, base;				\
	li a1, len;				\
	call count_nonzero;			\
	CHECK(n, a2, 0)
/* run the four CBOs on s0 in the current mode and record which trapped: s6 bit 0 zero, 1 clean,
   2 flush, 3 inval (each with cause 2, illegal instruction) */
#define CBO_ALL					\
	li s6, 0;				\
	mv a0, s0;				\
	cbo.zero (a0);				\
	call note0;				\
	cbo.clean (a0);				\
	call note1;				\
	cbo.flush (a0);				\
	call note2;				\
	cbo.inval (a0);				\
	call note3;

TEST_BEGIN
	SET_MTVEC(cbo_handler)
	li s7, 0
	li s8, 0
	li s9, -1
	li a7, 0
	SKIP_ON_QEMU(qemu_part)

	# ---- menvcfg/senvcfg: reset 0; CBIE, CBCFE, CBZE and FIOM stored; CBIE = 10 is refused
	csrr a0, menvcfg
	CHECK(1, a0, 0)
	csrr a0, senvcfg
	CHECK(2, a0, 0)
	li t0, -1
	csrw menvcfg, t0
	csrr a0, menvcfg
	CHECK(3, a0, MENV_ALL)
	csrw senvcfg, t0
	csrr a0, senvcfg
	CHECK(4, a0, MENV_ALL)
	li t0, 0x20                             /* CBIE = 10: keeps 11, the other fields written */
	csrw menvcfg, t0
	csrr a0, menvcfg
	CHECK(5, a0, 0x30)
	li t0, 0x10
	csrw menvcfg, t0
	csrr a0, menvcfg
	CHECK(6, a0, 0x10)
	csrw menvcfg, zero
	csrw senvcfg, zero
	csrr a0, menvcfg
	CHECK(7, a0, 0)

	# ---- M-mode: cbo.zero zeroes its block and nothing else, from any offset in it
	la s1, buf
	mv a0, s1
	li a1, 4096
	call fill
	addi a0, s1, 0x40 + 0x2b
	cbo.zero (a0)
	CHECK(10, s9, -1)
	CHECK_FILL(11, s1, 0x40)
	addi s2, s1, 0x40
	CHECK_ZERO(12, s2, 0x40)
	addi s2, s1, 0x80
	CHECK_FILL(13, s2, 0x100)
	# clean, flush, inval: nothing is cached, memory stays as it is
	addi a0, s1, 0x80 + 7
	cbo.clean (a0)
	cbo.flush (a0)
	cbo.inval (a0)
	CHECK(14, s8, 0)
	CHECK_FILL(15, s2, 0x100)
	# back to back, and under the previous store's answer
	addi a0, s1, 0x100
	sd a0, 0x40(a0)
	cbo.zero (a0)
	addi a0, a0, 0x40
	cbo.zero (a0)
	ld a1, 0(a0)
	CHECK(16, a1, 0)
	addi s2, s1, 0x100
	CHECK_ZERO(17, s2, 0x80)
	addi s2, s1, 0x180
	CHECK_FILL(18, s2, 0x80)
	# Dirty lines flushed and cleaned back to back all reach memory (a cbo that ended before the
	# write-back of its line did would let the next one's end be taken for its own). Memory is
	# zero first (cbo.zero, a flush each, a load after each flush); the lines then get their
	# pattern (dirty in a data cache), go out by three flushes and three cleans in a row, and are
	# dropped by cbo.inval, dirty or not: the loads read memory.
	addi s2, s1, 0x200
	li t3, 0
1:	add a0, s2, t3
	cbo.zero (a0)
	cbo.flush (a0)
	ld a1, 0(s1)
	addi t3, t3, 0x40
	li t4, 0x180
	bltu t3, t4, 1b
	mv a0, s2
	li a1, 0x180
	call fill
	addi a0, s2, 0x40
	addi a1, s2, 0x80
	addi a2, s2, 0xc0
	addi a3, s2, 0x100
	addi a4, s2, 0x140
	cbo.flush (s2)
	cbo.flush (a0)
	cbo.flush (a1)
	cbo.clean (a2)
	cbo.clean (a3)
	cbo.clean (a4)
	cbo.inval (s2)
	cbo.inval (a0)
	cbo.inval (a1)
	cbo.inval (a2)
	cbo.inval (a3)
	cbo.inval (a4)
	CHECK_FILL(19, s2, 0x180)

	# ---- S-mode: menvcfg's enables (senvcfg does not matter to S)
	li t0, MENV_ALL
	csrw senvcfg, t0
	addi a0, s1, 0x200
	GOTO_MODE(1)
	cbo.zero (a0)
	EXPECT_CAUSE(20, 2)
	EXPECT_TVAL(20, 0x0045200f)             /* mtval = the instruction */
	cbo.clean (a0)
	EXPECT_CAUSE(21, 2)
	EXPECT_TVAL(21, 0x0015200f)
	cbo.flush (a0)
	EXPECT_CAUSE(22, 2)
	EXPECT_TVAL(22, 0x0025200f)
	cbo.inval (a0)
	EXPECT_CAUSE(23, 2)
	EXPECT_TVAL(23, 0x0005200f)
	TO_M
	addi s2, s1, 0x200
	CHECK_FILL(24, s2, 0x40)                /* the trapped cbo.zero wrote nothing */
	li t0, 0x80                             /* CBZE */
	csrw menvcfg, t0
	addi s0, s1, 0x200
	GOTO_MODE(1)
	CBO_ALL
	TO_M
	CHECK(25, s6, 0xe)
	CHECK_ZERO(26, s2, 0x40)
	li t0, 0x40                             /* CBCFE */
	csrw menvcfg, t0
	GOTO_MODE(1)
	CBO_ALL
	TO_M
	CHECK(27, s6, 0x9)
	li t0, 0x10                             /* CBIE = 01: inval performs a flush */
	csrw menvcfg, t0
	GOTO_MODE(1)
	CBO_ALL
	TO_M
	CHECK(28, s6, 0x7)
	li t0, 0x30                             /* CBIE = 11 */
	csrw menvcfg, t0
	GOTO_MODE(1)
	CBO_ALL
	TO_M
	CHECK(29, s6, 0x7)

	# ---- U-mode: both menvcfg and senvcfg
	li t0, MENV_ALL
	csrw menvcfg, t0
	csrw senvcfg, zero
	addi s0, s1, 0x240
	GOTO_MODE(0)
	CBO_ALL
	TO_M
	CHECK(40, s6, 0xf)
	addi s2, s1, 0x240
	CHECK_FILL(41, s2, 0x40)
	li t0, MENV_ALL
	csrw senvcfg, t0
	GOTO_MODE(0)
	CBO_ALL
	TO_M
	CHECK(42, s6, 0)
	CHECK_ZERO(43, s2, 0x40)
	csrw menvcfg, zero
	GOTO_MODE(0)
	CBO_ALL
	TO_M
	CHECK(44, s6, 0xf)
	li t0, 0x40 | 0x10                      /* U: CBCFE in both; CBIE 01 in menvcfg only */
	csrw menvcfg, t0
	li t0, 0x40 | 0x30
	csrw senvcfg, t0
	GOTO_MODE(0)
	CBO_ALL
	TO_M
	CHECK(45, s6, 0x1)
	li t0, 0x30                             /* CBIE 11 in menvcfg, 00 in senvcfg */
	csrw menvcfg, t0
	li t0, 0xc0
	csrw senvcfg, t0
	GOTO_MODE(0)
	CBO_ALL
	TO_M
	CHECK(46, s6, 0xf)
	li t0, MENV_ALL
	csrw menvcfg, t0
	csrw senvcfg, t0

	# ---- access faults: store access fault, mtval = rs1 (not the block's address)
	li a0, 0x30000013                       /* no device there: the bus answers an error */
	cbo.zero (a0)
	EXPECT_CAUSE(50, 7)
	EXPECT_TVAL(50, 0x30000013)
	li a0, 0x100000009                      /* physical address above 2^32 */
	cbo.clean (a0)
	EXPECT_CAUSE(51, 7)
	EXPECT_TVAL(51, 0x100000009)
	cbo.inval (a0)
	EXPECT_CAUSE(52, 7)
	cbo.zero (a0)
	EXPECT_CAUSE(53, 7)
	# PMP entry 0 over pmp_page: no access at all, then read-only
	la s3, pmp_page
	mv a0, s3
	li a1, 4096
	call fill
	srli t0, s3, 2
	ori t0, t0, 0x1ff                       /* NAPOT 4 KiB */
	csrw pmpaddr0, t0
	li t0, 0x18                             /* NAPOT, no R/W/X */
	csrs pmpcfg0, t0
	addi a0, s3, 0x48
	GOTO_MODE(1)
	cbo.clean (a0)
	EXPECT_CAUSE(54, 7)
	EXPECT_TVAL_REG(54, a0)
	cbo.inval (a0)
	EXPECT_CAUSE(55, 7)
	cbo.zero (a0)
	EXPECT_CAUSE(56, 7)
	EXPECT_TVAL_REG(56, a0)
	TO_M
	li t0, 0x19                             /* NAPOT, R only */
	csrs pmpcfg0, t0
	GOTO_MODE(1)
	cbo.clean (a0)                          /* read permission is enough */
	cbo.flush (a0)
	cbo.inval (a0)
	CHECK(57, s9, -1)
	cbo.zero (a0)
	EXPECT_CAUSE(58, 7)
	EXPECT_TVAL_REG(58, a0)
	TO_M
	CHECK_FILL(59, s3, 4096)
	li t0, 0xff
	csrc pmpcfg0, t0

	# ---- Sv39: page faults are store page faults (15); clean needs R, zero needs W; A/D
	la s4, pg_rw
	mv a0, s4
	li a1, 3 * 4096
	call fill
	li t1, (0x80000 << 10) | V | R | W | X | A | D      /* identity 1 GiB page, S only */
	la t2, root
	sd t1, 2 * 8(t2)
	SETPTE(root, 1, l1, V)
	SETPTE(l1, 0, l0, V)
	SETPTE(l0, 0, pg_rw, V | R | W | A | D)
	SETPTE(l0, 1, pg_rw, V | R | A)                     /* read-only alias */
	SETPTE(l0, 2, pg_ad, V | R | W)                     /* A = D = 0 */
	SETPTE(l0, 4, pg_rw, V | X | A)                     /* execute-only alias */
	SETPTE(l0, 5, pg_d, V | R | W | A)                  /* D = 0 */
	la t0, root
	srli t0, t0, 12
	li t1, 8 << 60
	or t0, t0, t1
	csrw satp, t0
	sfence.vma
	GOTO_MODE(1)
	li a0, VA(1) + 0x48
	cbo.clean (a0)
	cbo.flush (a0)
	cbo.inval (a0)
	CHECK(60, s9, -1)
	cbo.zero (a0)
	EXPECT_CAUSE(61, 15)
	EXPECT_TVAL(61, VA(1) + 0x48)
	li a0, VA(3) + 0x10                                 /* invalid PTE: 15, not 13 */
	cbo.clean (a0)
	EXPECT_CAUSE(62, 15)
	EXPECT_TVAL(62, VA(3) + 0x10)
	cbo.inval (a0)
	EXPECT_CAUSE(63, 15)
	cbo.zero (a0)
	EXPECT_CAUSE(64, 15)
	li a0, VA(4) + 0x20                                 /* execute-only: clean needs MXR */
	cbo.clean (a0)
	EXPECT_CAUSE(65, 15)
	li t0, 1 << 19
	csrs sstatus, t0
	cbo.clean (a0)
	CHECK(66, s9, -1)
	cbo.zero (a0)
	EXPECT_CAUSE(67, 15)
	li t0, 1 << 19
	csrc sstatus, t0
	li a0, VA(0) + 0x80 + 0x3f                          /* through translation */
	cbo.zero (a0)
	CHECK(68, s9, -1)
	li a0, VA(2) + 0x100                                /* the walker sets A for clean... */
	cbo.clean (a0)
	CHECK(69, s9, -1)
	TO_M
	la s5, l0
	ld a0, 2 * 8(s5)
	andi a0, a0, A | D
	CHECK(70, a0, A)
	GOTO_MODE(1)
	li a0, VA(2) + 0x100                                /* ... and D for zero */
	cbo.zero (a0)
	CHECK(71, s9, -1)
	li a0, VA(5)                                        /* D = 0: clean leaves it, zero sets it */
	cbo.clean (a0)
	TO_M
	ld a0, 5 * 8(s5)
	andi a0, a0, A | D
	CHECK(72, a0, A)
	ld a0, 2 * 8(s5)
	andi a0, a0, A | D
	CHECK(73, a0, A | D)
	GOTO_MODE(1)
	li a0, VA(5) + 0xc0
	cbo.zero (a0)
	TO_M
	ld a0, 5 * 8(s5)
	andi a0, a0, A | D
	CHECK(74, a0, A | D)
	csrw satp, zero
	sfence.vma
	# what the translated cbo.zeros wrote, and only that
	CHECK_FILL(75, s4, 0x80)
	addi s2, s4, 0x80
	CHECK_ZERO(76, s2, 0x40)
	addi s2, s4, 0xc0
	CHECK_FILL(77, s2, 4096 - 0xc0)
	la s2, pg_ad
	CHECK_FILL(78, s2, 0x100)
	addi s2, s2, 0x100
	CHECK_ZERO(79, s2, 0x40)
	addi s2, s2, 0x40
	CHECK_FILL(80, s2, 4096 - 0x140)
	la s2, pg_d
	CHECK_FILL(81, s2, 0xc0)
	addi s2, s2, 0xc0
	CHECK_ZERO(82, s2, 0x40)

qemu_part:
	# ---- reserved encodings in the CBO space are illegal (everywhere: QEMU has no CBO at all)
	la a0, buf
	.word (3 << 20) | (10 << 15) | (2 << 12) | 0x0f     /* operation 3 */
	EXPECT_CAUSE(90, 2)
	.word (5 << 20) | (10 << 15) | (2 << 12) | 0x0f     /* operation 5 */
	EXPECT_CAUSE(91, 2)
	.word (0x804 << 20) | (10 << 15) | (2 << 12) | 0x0f /* operation 0x804 */
	EXPECT_CAUSE(92, 2)
	.word (4 << 20) | (10 << 15) | (2 << 12) | (1 << 7) | 0x0f   /* cbo.zero with rd = 1 */
	EXPECT_CAUSE(93, 2)
	.word (4 << 20) | (10 << 15) | (3 << 12) | 0x0f     /* funct3 3 */
	EXPECT_CAUSE(94, 2)
TEST_END

/* fill [a0, a0 + a1) with each dword's own address */
fill:
	add a1, a1, a0
1:	sd a0, 0(a0)
	addi a0, a0, 8
	bltu a0, a1, 1b
	ret
check_fill:
	li a2, 0
	add a1, a1, a0
1:	ld t0, 0(a0)
	beq t0, a0, 2f
	addi a2, a2, 1
2:	addi a0, a0, 8
	bltu a0, a1, 1b
	ret
count_nonzero:
	li a2, 0
	add a1, a1, a0
1:	ld t0, 0(a0)
	beqz t0, 2f
	addi a2, a2, 1
2:	addi a0, a0, 8
	bltu a0, a1, 1b
	ret
/* CBO_ALL's bookkeeping: no trap, or an illegal-instruction trap recorded in s6 */
note0:	li t0, 1
	j note
note1:	li t0, 2
	j note
note2:	li t0, 4
	j note
note3:	li t0, 8
note:	li t1, -1
	beq s9, t1, 1f
	li gp, 99
	li t1, 2
	bne s9, t1, fail
	or s6, s6, t0
	li s9, -1
1:	ret

	.align 2
cbo_handler:
	j mtrap_skip

	.data
	.align 12
buf:	.zero 4096
pmp_page:
	.zero 4096
root:	.zero 4096
l1:	.zero 4096
l0:	.zero 4096
pg_rw:	.zero 4096
pg_ad:	.zero 4096
pg_d:	.zero 4096
