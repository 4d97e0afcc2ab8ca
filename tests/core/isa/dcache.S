/* SPDX-License-Identifier: BSD-2-Clause */
# The data cache seen from software (rtl/core/pagoda_dcache.sv; any size up to 16 KiB, 64-byte
# lines, direct-mapped or not): dirty lines evicted by conflicting ones come back intact, AMOs and
# LR/SC on cached and just-evicted lines, a refill error is an access fault that loses no dirty
# data, device registers are never cached (mtime moves, a device write is read back), LR/SC
# loops with an aliasing load or store inside make progress, and a store's bypass stays in its way.
# Also runs on QEMU (run_isa.sh), which has no cache: the expectations hold with or without one.
#include "test.h"
#define STRIDE 0x4000			/* 16 KiB: the same set in every configuration */
#define CLINT_MTIME 0x0200bff8
#define CLINT_MTIMECMP 0x02004000

/* case n: lr.d/sc.d on s0 with a load from t1 and `insn` on t2 in between (s0, t1 = s0 + 2 STRIDE
 * and t2 = s0 + 3 STRIDE: three lines of one set, so the reserved line leaves a direct-mapped or
 * 2-way LRU cache); at most 4 tries; then the word is the old value + 1 (case n + 1). On Pagoda
 * mhpmcounter3 counts D$ misses (event 5) over the loop: s0 is cached when it starts (the ld
 * before it), so a third miss besides t1's and t2's is s0's: the reserved line was evicted
 * (case n + 2). No miss at all: a core without a D$ (the SoC's default, suite soc-bare), where
 * nothing is evicted; the loop's progress (case n + 1) is still checked. */
#define LRSC_ALIAS(n, insn...)			\
	li gp, n;				\
	li t3, 2 * STRIDE;			\
	add t1, s0, t3;				\
	li t3, STRIDE;				\
	add t2, t1, t3;				\
	ld a4, 0(s0);				\
	la t6, on_qemu;				\
	ld t6, 0(t6);				\
	bnez t6, 3f;				\
	li t0, 5;				\
	csrw mhpmevent3, t0;			\
	csrw mhpmcounter3, zero;		\
	csrw mcountinhibit, zero;		\
3:	li a5, 0;				\
	li t0, 4;				\
1:	addi t0, t0, -1;			\
	bltz t0, fail;				\
	lr.d a0, (s0);				\
	ld a1, 8(t1);				\
	insn;					\
	addi a0, a0, 1;				\
	sc.d a3, a0, (s0);			\
	bnez a3, 1b;				\
	ld a0, 0(s0);				\
	addi a4, a4, 1;				\
	li gp, n + 1;				\
	bne a0, a4, fail;			\
	la t6, on_qemu;				\
	ld t6, 0(t6);				\
	bnez t6, 2f;				\
	csrr a5, mhpmcounter3;			\
	beqz a5, 2f;				\
	li gp, n + 2;				\
	li t6, 3;				\
	bltu a5, t6, fail;			\
2:
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	li s8, 0
	li s7, 0

	# 1. four conflicting lines, each dirty, written then read back (each read evicts a
	#    dirty line: write-back then refill)
	la s0, area
	li a1, 0x1111111111111111
	li t0, 4
	mv t1, s0
	mv t2, a1
1:	sd t2, 0(t1)
	sd t2, 56(t1)
	add t2, t2, a1
	li t3, STRIDE
	add t1, t1, t3
	addi t0, t0, -1
	bnez t0, 1b
	li gp, 1
	mv t1, s0
	mv t2, a1
	li t0, 4
2:	ld t3, 0(t1)
	bne t3, t2, fail
	ld t3, 56(t1)
	bne t3, t2, fail
	add t2, t2, a1
	li t3, STRIDE
	add t1, t1, t3
	addi t0, t0, -1
	bnez t0, 2b

	# 2. a 64 KiB walk: every set evicted several times, bytes and words mixed
	li gp, 2
	mv t1, s0
	li t0, 8192
3:	sd t1, 0(t1)
	addi t1, t1, 8
	addi t0, t0, -1
	bnez t0, 3b
	mv t1, s0
	li t0, 8192
4:	ld t3, 0(t1)
	bne t3, t1, fail
	addi t1, t1, 8
	addi t0, t0, -1
	bnez t0, 4b
	li gp, 3
	sb zero, 3(s0)		/* store then load the same lane at once (store bypass) */
	lbu t3, 3(s0)
	bnez t3, fail
	ld t3, 0(s0)
	li t2, 0xffffffff00ffffff
	and t2, t2, s0
	bne t3, t2, fail

	# 3. AMOs: on a cached dirty line, on a line just evicted by a dirty conflicting one
	li gp, 4
	li a1, 100
	sd a1, 0(s0)
	li a2, 5
	amoadd.d a0, a2, (s0)
	CHECK(5, a0, 100)
	li t3, STRIDE
	add t1, s0, t3
	sd a2, 0(t1)		/* evicts s0's line (dirty) */
	amoadd.d a0, a2, (s0)	/* misses: refill, then read-modify-write */
	CHECK(6, a0, 105)
	ld a0, 0(t1)
	CHECK(7, a0, 5)
	ld a0, 0(s0)
	CHECK(8, a0, 110)
	amoswap.w a0, a2, (t1)	/* misses again (s0's line is in the set now) */
	CHECK(9, a0, 5)

	# 4. LR/SC on a cached line: the store-conditional succeeds and its value stays
	li gp, 10
	lr.d a0, (s0)
	CHECK(11, a0, 110)
	li a1, 42
	sc.d a3, a1, (s0)
	CHECK(12, a3, 0)
	li t3, STRIDE
	add t1, s0, t3
	ld zero, 0(t1)		/* evict it */
	ld a0, 0(s0)
	CHECK(13, a0, 42)
	lr.w a0, (s0)		/* LR after a miss */
	sc.w a3, a2, (s0)
	CHECK(14, a3, 0)
	lw a0, 0(s0)
	CHECK(15, a0, 5)

	# 5. a refill error is a load access fault, and the dirty line it would have evicted is
	#    written back first, not lost. 0x8800_0000 lies past the 128 MiB of RAM.
	li gp, 16
	li a1, 0x5a5a5a5a5a5a5a5a
	sd a1, 0(s0)
	li t1, 0x88000000
	li t3, STRIDE - 1
	and t3, s0, t3
	add t1, t1, t3		/* same set as s0 */
	li s8, 0
	ld a0, 0(t1)
	CHECK(17, s8, 1)
	CHECK(18, s9, 5)
	bne s11, t1, fail
	ld a0, 0(s0)
	CHECK(19, a0, 0x5a5a5a5a5a5a5a5a)
	li s8, 0
	sd a1, 0(t1)		/* a store there: store access fault */
	CHECK(20, s8, 1)
	CHECK(21, s9, 7)
	ld a0, 0(s0)
	CHECK(22, a0, 0x5a5a5a5a5a5a5a5a)

	# 6. devices are not cached: mtime moves between two loads, a device register reads back
	#    what was just written to it
	li gp, 23
	li t1, CLINT_MTIME
	ld a0, 0(t1)
	li t0, 100000
5:	ld a1, 0(t1)		/* a cached copy would never change */
	bne a0, a1, 6f
	addi t0, t0, -1
	bnez t0, 5b
	j fail
6:
	li gp, 24
	li t1, CLINT_MTIMECMP
	li a2, 0x123456789
	sd a2, 0(t1)
	ld a3, 0(t1)
	bne a3, a2, fail
	li a2, -1
	sd a2, 0(t1)
	ld a3, 0(t1)
	bne a3, a2, fail

	# 7. LR/SC loops whose body loads from or stores to another line of the reserved line's
	#    set succeed: the hart's own accesses never cancel its reservation. The firmware's
	#    kfree pushes onto a per-CPU freelist with lr.d, a store into the freed object and
	#    sc.d; when the object aliased the freelist head, each store evicted the reserved line,
	#    the eviction dropped the reservation and the sc.d failed for ever (a livelock). Four
	#    tries are allowed: an implementation may fail an SC now and then, not every time.
	LRSC_ALIAS(25, sd a0, 16(t2))	/* stores between lr.d and sc.d (kfree's push) */
	LRSC_ALIAS(28, ld a1, 16(t2))	/* loads only (the freelist pop) */

	# 8. a store hit in one way, then at once a load of the same offset in the other line of
	#    the set (2 ways: both cached): the load gets its own line's bytes, the store's bypass
	#    is for its own way only
	li gp, 31
	li t3, STRIDE
	add t1, s0, t3
	li a1, 0x1111
	li a2, 0x2222
	li a3, 0x3333
	sd a1, 0(s0)
	sd a2, 0(t1)
	ld zero, 0(s0)
	sd a3, 0(s0)
	ld a0, 0(t1)		/* granted in the cycle the store writes */
	CHECK(31, a0, 0x2222)
	ld a0, 0(s0)
	CHECK(32, a0, 0x3333)
	TEST_END

	.section .data
	.align 14
area:	.skip 0x10000
