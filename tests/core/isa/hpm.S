/* SPDX-License-Identifier: BSD-2-Clause */
# Hardware performance monitor (docs/core.md "Performance counters"): mhpmcounter3..8 count the
# event their mhpmevent selects (1 I$ access, 2 I$ miss, 3 ITLB miss, 4 DTLB miss), counters
# 9..31 and their selectors are read-only zero, mcountinhibit stops a counter, and S/U reads of
# hpmcounterN trap unless mcounteren (and for U scounteren) has bit N. Pagoda-specific: skipped
# on QEMU (-M spike runs with pmu-num=0).
#include "test.h"
#define EV_IC_ACCESS 1
#define EV_IC_MISS   2
#define EV_ITLB_MISS 3
#define EV_DTLB_MISS 4
TEST_BEGIN
	SKIP_ON_QEMU(7f)
	SET_MTVEC(mtrap_skip)
	li s9, -1
	# absent counters and selectors read 0; WARL bits of the enables and inhibits
	li t0, -1
	csrw mhpmcounter9, t0
	csrr a0, mhpmcounter9
	CHECK(1, a0, 0)
	csrw mhpmevent31, t0
	csrr a0, mhpmevent31
	CHECK(2, a0, 0)
	CHECK(3, s9, -1)
	csrw mcountinhibit, t0
	csrr a0, mcountinhibit
	CHECK(4, a0, 0x1fd)
	csrw mcounteren, t0
	csrr a0, mcounteren
	CHECK(5, a0, 0x1ff)
	csrw mcountinhibit, zero
	# a counter with no event (0) or an unknown one (0xff) keeps what was written
	li t0, 12345
	csrw mhpmcounter8, t0
	call func
	csrr a0, mhpmcounter8
	CHECK(6, a0, 12345)
	li t0, 0xfff
	csrw mhpmevent8, t0
	csrr a0, mhpmevent8
	CHECK(7, a0, 0xff)
	call func
	csrr a0, mhpmcounter8
	CHECK(8, a0, 12345)

	# I$ accesses and misses: fence.i empties the cache, so running code misses
	li t0, EV_IC_ACCESS
	csrw mhpmevent3, t0
	li t0, EV_IC_MISS
	csrw mhpmevent4, t0
	csrw mhpmcounter3, zero
	csrw mhpmcounter4, zero
	fence.i
	call func
	csrr a0, mhpmcounter3
	csrr a1, mhpmcounter4
	li gp, 10
	beqz a0, fail
	li gp, 11
	beqz a1, fail
	li gp, 12
	bltu a0, a1, fail          /* every miss is also an access */
	# inhibited: no count across the same run; uninhibited: counts again
	li t0, 0x18
	csrw mcountinhibit, t0
	csrr a0, mhpmcounter3
	csrr a1, mhpmcounter4
	fence.i
	call func
	csrr a2, mhpmcounter3
	csrr a3, mhpmcounter4
	li gp, 13
	bne a0, a2, fail
	li gp, 14
	bne a1, a3, fail
	csrw mcountinhibit, zero
	fence.i
	call func
	csrr a2, mhpmcounter4
	li gp, 15
	bgeu a1, a2, fail

	# S/U reads of hpmcounterN: mcounteren bit N (then scounteren bit N for U)
	csrw mcounteren, zero
	csrw scounteren, zero
	GOTO_MODE(1)
	csrr a0, hpmcounter3
	EXPECT_CAUSE(20, 2)
	TO_M
	li t0, 8
	csrw mcounteren, t0
	GOTO_MODE(1)
	csrr a0, hpmcounter3
	CHECK(21, s9, -1)
	csrr a0, hpmcounter4
	EXPECT_CAUSE(22, 2)
	csrw hpmcounter3, zero     /* read-only */
	EXPECT_CAUSE(23, 2)
	TO_M
	li t0, -1
	csrw mcounteren, t0
	GOTO_MODE(1)
	csrr a0, hpmcounter9       /* absent counter: its enable bit reads 0 */
	EXPECT_CAUSE(24, 2)
	csrr a0, hpmcounter8
	CHECK(25, s9, -1)
	TO_M
	GOTO_MODE(0)
	csrr a0, hpmcounter3       /* scounteren = 0 */
	EXPECT_CAUSE(26, 2)
	TO_M
	li t0, 8
	csrw scounteren, t0
	GOTO_MODE(0)
	csrr a0, hpmcounter3
	CHECK(27, s9, -1)
	TO_M

	# TLB misses: one 1 GiB identity page; S-mode's first fetch and first load each walk once
	li t0, EV_ITLB_MISS
	csrw mhpmevent5, t0
	li t0, EV_DTLB_MISS
	csrw mhpmevent6, t0
	la t0, root_pt
	li t1, 0x200000cf          /* PPN 0x80000 (0x8000_0000), D A X W R V */
	sd t1, 16(t0)              /* VPN[2] = 2 */
	srli t0, t0, 12
	li t1, 8 << 60
	or t0, t0, t1
	csrw satp, t0
	sfence.vma
	csrw mhpmcounter5, zero
	csrw mhpmcounter6, zero
	GOTO_MODE(1)
	la t0, root_pt
	ld a0, 16(t0)
	ld a0, 8(t0)               /* same page: no second walk */
	TO_M
	csrw satp, zero
	csrr a0, mhpmcounter5
	csrr a1, mhpmcounter6
	CHECK(30, a0, 1)
	CHECK(31, a1, 1)
7:
TEST_END

	.text
	.align 6
func:
	addi a5, a5, 1
	addi a5, a5, 1
	ret

	.data
	.align 12
root_pt:
	.fill 512, 8, 0
