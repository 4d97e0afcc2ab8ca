/* SPDX-License-Identifier: BSD-2-Clause */
# Sv39: translation through 1 GiB and 4 KiB pages, R/W/X/U permissions with SUM and MXR, hardware
# A/D updates, page faults with cause and tval (loads, stores, fetches, invalid PTEs, misaligned
# superpages, non-canonical addresses), sfence.vma, U-mode access, MPRV.
#include "test.h"
#define V 1
#define R 2
#define W 4
#define X 8
#define U 16
#define A 64
#define D 128
#define VA(i) (0x40000000 + (i) * 0x1000)
/* reg = leaf/pointer PTE for the physical page at label */
#define PTE(reg, label, flags)			\
	la reg, label;				\
	srli reg, reg, 12;			\
	slli reg, reg, 10;			\
	ori reg, reg, flags;
/* store PTE for label at table[idx] */
#define SETPTE(table, idx, label, flags)	\
	PTE(t1, label, flags)			\
	la t2, table;				\
	sd t1, (idx) * 8(t2);
/* from U-mode or any trap with a7 = 78: continue in M at s7 */
TEST_BEGIN
	SET_MTVEC(mmu_handler)
	li s7, 0
	li s8, 0
	li s9, -1
	li a7, 0
	# identity 1 GiB page for 0x80000000 (S only, RWX)
	li t1, (0x80000 << 10) | V | R | W | X | A | D
	la t2, root
	sd t1, 2 * 8(t2)
	SETPTE(root, 1, l1, V)
	li t1, (0x30000 << 10) | V                  /* VA 0xc0000000: next table at 0x30000000 */
	la t2, root
	sd t1, 3 * 8(t2)
	SETPTE(l1, 0, l0, V)
	SETPTE(l1, 1, page_a, V | R | A)            /* misaligned 2 MiB superpage */
	li t1, (0x80200 << 10) | V | R | W | A | D  /* VA 0x40400000: 2 MiB page at 0x80200000 */
	la t2, l1
	sd t1, 2 * 8(t2)
	SETPTE(l0, 0, page_a, V | R | W | A | D)
	SETPTE(l0, 1, page_a, V | R | A)
	SETPTE(l0, 2, page_b, V | R | W | U | A | D)
	SETPTE(l0, 3, page_a, V | X | A)
	SETPTE(l0, 4, page_c, V | R | W)            /* A = D = 0: hardware sets them */
	SETPTE(l0, 6, vfunc, V | R | X | A)
	SETPTE(l0, 7, vfunc, V | R | X | U | A)
	SETPTE(l0, 8, ufunc, V | R | X | U | A)
	SETPTE(l0, 9, xpage, V | R | X | A)
	SETPTE(l0, 10, xpage2, V | R | X | A)
	la t0, root
	srli t0, t0, 12
	li t1, 8 << 60
	or t0, t0, t1
	csrw satp, t0
	sfence.vma
	GOTO_MODE(1)

	li s1, VA(0)
	ld a0, 0(s1)
	CHECK(1, a0, 0x1111)
	li a1, 0x5a5a
	sd a1, 8(s1)
	la a2, page_a
	ld a0, 8(a2)
	CHECK(2, a0, 0x5a5a)
	li s1, VA(1)                 /* read-only alias */
	ld a0, 8(s1)
	CHECK(3, a0, 0x5a5a)
	sd a0, 8(s1)
	EXPECT_CAUSE(4, 15)
	EXPECT_TVAL(4, VA(1) + 8)
	amoadd.d a0, a0, (s1)
	EXPECT_CAUSE(5, 15)
	li s1, VA(2)                 /* U page from S: needs SUM */
	ld a0, 0(s1)
	EXPECT_CAUSE(6, 13)
	li t0, 1 << 18
	csrs sstatus, t0
	ld a0, 0(s1)
	CHECK(7, a0, 0x2222)
	csrc sstatus, t0
	li s1, VA(3)                 /* execute-only: readable only with MXR */
	ld a0, 0(s1)
	EXPECT_CAUSE(8, 13)
	li t0, 1 << 19
	csrs sstatus, t0
	ld a0, 0(s1)
	CHECK(9, a0, 0x1111)
	csrc sstatus, t0
	sd a0, 0(s1)
	EXPECT_CAUSE(10, 15)

	# A/D set by the walker
	la s2, l0
	ld a0, 4 * 8(s2)
	andi a0, a0, A | D
	CHECK(11, a0, 0)
	li s1, VA(4)
	ld a0, 0(s1)
	CHECK(12, a0, 0x3333)
	ld a0, 4 * 8(s2)
	andi a0, a0, A | D
	CHECK(13, a0, A)
	sd a0, 16(s1)
	ld a0, 4 * 8(s2)
	andi a0, a0, A | D
	CHECK(14, a0, A | D)

	# 2 MiB page: the offset within it comes from the virtual address
	li s1, 0x40400000 + 0x1ff238
	li a0, 0x7e57
	sd a0, 0(s1)
	li s2, 0x80200000 + 0x1ff238        /* the same memory through the 1 GiB identity page */
	ld a1, 0(s2)
	CHECK(32, a1, 0x7e57)
	li s2, 0x80200000 + 0x1ff240
	li a0, 0x600d
	sd a0, 0(s2)
	ld a1, 8(s1)
	CHECK(33, a1, 0x600d)

	# invalid PTE, misaligned superpage, non-canonical address
	li s1, VA(5)
	ld a0, 0(s1)
	EXPECT_CAUSE(15, 13)
	EXPECT_TVAL(15, VA(5))
	sw a0, 4(s1)
	EXPECT_CAUSE(16, 15)
	EXPECT_TVAL(16, VA(5) + 4)
	li s1, 0x40200000
	lb a0, 3(s1)
	EXPECT_CAUSE(17, 13)
	EXPECT_TVAL(17, 0x40200003)
	li s1, 0x4000000000
	ld a0, 0(s1)
	EXPECT_CAUSE(18, 13)
	EXPECT_TVAL(18, 0x4000000000)
	li s1, 0x100000000          /* VPN[2] = 4: no PTE (zeroed root) */
	ld a0, 0(s1)
	EXPECT_CAUSE(19, 13)

	# a walk that reads a PTE from a hole in the physical map: access fault, not page fault
	# (priv spec 4.3.2; QEMU 7.2 reports a page fault instead)
	SKIP_ON_QEMU(8f)
	li s1, 0xc0000000
	ld a0, 0(s1)
	EXPECT_CAUSE(40, 5)
	EXPECT_TVAL(40, 0xc0000000)
	sd a0, 8(s1)
	EXPECT_CAUSE(41, 7)
8:

	# instruction fetch through the MMU
	li a0, 0
	li s1, VA(6)
	jalr s1
	CHECK(20, a0, 0x55)
	la s7, 1f
	li s1, VA(7)                 /* U page: S may not execute it */
	jalr s1
1:	EXPECT_CAUSE(21, 12)
	EXPECT_TVAL(21, VA(7))
	la s7, 1f
	li s1, VA(5)
	jalr s1
1:	EXPECT_CAUSE(22, 12)
	la s7, 1f
	li s1, VA(1)                 /* not executable */
	jalr s1
1:	EXPECT_CAUSE(23, 12)

	# a 32-bit instruction straddling two pages: both halves translated separately; with the
	# second page unmapped the fetch faults with tval = the second page, epc = the instruction
	li a0, 0
	li s1, VA(9) + 0xffc
	jalr s1
	CHECK(30, a0, 0x77)
	la t2, l0
	sd zero, 10 * 8(t2)
	sfence.vma
	la s7, 1f
	li s1, VA(9) + 0xffe
	jalr s1
1:	EXPECT_CAUSE(31, 12)
	EXPECT_TVAL(31, VA(10))
	li gp, 31
	li t6, VA(9) + 0xffe
	bne s10, t6, fail

	# remap VA(0) to page_b: visible after sfence.vma
	SETPTE(l0, 0, page_b, V | R | W | A | D)
	sfence.vma
	li s1, VA(0)
	ld a0, 0(s1)
	CHECK(24, a0, 0x2222)
	TO_M

	# U-mode: runs ufunc at VA(8) (reads the U page, then tries the S page); every trap from U
	# comes back here (a7 = 78)
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, VA(8)
	csrw mepc, t0
	la s7, 1f
	li a7, 78
	li a0, 0
	li a1, 0
	mret
1:	EXPECT_CAUSE(25, 13)         /* the load from the S page */
	EXPECT_TVAL(25, VA(0))
	CHECK(26, a0, 0x2222)        /* the U page was readable */
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, VA(6)                 /* S-only code page: fetch fault from U */
	csrw mepc, t0
	la s7, 1f
	li a7, 78
	mret
1:	EXPECT_CAUSE(27, 12)
	EXPECT_TVAL(27, VA(6))

	# MPRV: M-mode loads translated with MPP = S
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, (1 << 11) | (1 << 17)
	csrs mstatus, t0
	li s1, VA(2) + 0           /* U page with SUM = 0 from S: fault (to M, recorded) */
	li s1, VA(0)
	ld a0, 0(s1)
	li t0, 1 << 17
	csrc mstatus, t0
	CHECK(28, a0, 0x2222)
	csrw satp, zero
	sfence.vma
TEST_END

	.align 2
mmu_handler:
	li t5, 78
	bne a7, t5, mtrap_skip
	li a7, 0
	csrr s9, mcause
	csrr s10, mepc
	csrr s11, mtval
	jr s7

	.data
	.align 12
root:	.zero 4096
l1:	.zero 4096
l0:	.zero 4096
page_a:	.dword 0x1111
	.zero 4088
page_b:	.dword 0x2222
	.zero 4088
page_c:	.dword 0x3333
	.zero 4088
vfunc:	li a0, 0x55
	ret
	.align 12
ufunc:	li t0, VA(2)
	ld a0, 0(t0)
	li t0, VA(0)
	ld a1, 0(t0)
	ecall
	.align 12
xpage:	.zero 0xffc
	.hword 0x0001              /* c.nop */
	.hword 0x0513              /* addi a0, zero, 0x77: first half ... */
xpage2:	.hword 0x0770              /* ... second half on the next page */
	.hword 0x8082              /* ret */
	.align 12
