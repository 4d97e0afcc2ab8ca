/* SPDX-License-Identifier: BSD-2-Clause */
# PMP (privileged spec 1.12, 3.7): pmpcfg/pmpaddr write and read-back (granularity rule, WARL
# fields, unimplemented entries), TOR/NAPOT boundaries, priority, default deny for S/U, MPRV,
# fetch/load/store/AMO faults with cause and mtval, page-table walks checked as S-mode (access
# fault, not page fault), and the L bit last (locked until reset). Faults from S-mode go to M
# (mtrap_skip records mcause/mepc/mtval in s9/s10/s11 and resumes after the instruction).
#include "test.h"
#define PR 0x01
#define PW 0x02
#define PX 0x04
#define TOR 0x08
#define NA4 0x10
#define NAPOT 0x18
#define LOCK 0x80
#define RWX (PR | PW | PX)
#define CFG(i, v) ((v) << (8 * (i)))
#define ALL7 CFG(7, NAPOT | RWX)	/* entry 7: all memory, RWX (as TEST_BEGIN sets it) */

/* pmpaddr i = (label + off) >> 2, ORed with o (NAPOT size bits) */
#define SETADDR(i, label, off, o)		\
	la t0, label;				\
	li t1, off;				\
	add t0, t0, t1;				\
	srli t0, t0, 2;				\
	ori t0, t0, o;				\
	csrw pmpaddr##i, t0;
/* pmpcfg0 = v; sfence.vma as the spec asks after a PMP change (QEMU drops cached rights) */
#define SETCFG(v)				\
	li t0, v;				\
	csrw pmpcfg0, t0;			\
	sfence.vma;
/* s1 = label + off */
#define AT(label, off)				\
	la s1, label;				\
	li t0, off;				\
	add s1, s1, t0;
/* the last instruction did not trap */
#define NO_TRAP(n)				\
	li gp, n;				\
	li t6, -1;				\
	bne s9, t6, fail;
/* the last instruction trapped with cause c and mtval = register r */
#define FAULT(n, c, r)				\
	li gp, n;				\
	bne s11, r, fail;			\
	EXPECT_CAUSE(n, c)
#define MPRV_S					\
	li t0, 3 << 11;				\
	csrc mstatus, t0;			\
	li t0, (1 << 11) | (1 << 17);		\
	csrs mstatus, t0;
#define MPRV_OFF				\
	li t0, 1 << 17;				\
	csrc mstatus, t0;

TEST_BEGIN
	SET_MTVEC(pmp_handler)
	li s7, 0
	li s8, 0
	li s9, -1
	li a7, 0

	# ---------------------------------------------------------------- CSRs
	# pmpaddr of an OFF entry reads back 4 KiB aligned (bits 9:0 zero): OpenSBI's granularity
	# probe writes all ones and reads 0x3ffffc00 (G = 10: 4 KiB; 30 address bits = 32-bit PA)
	SKIP_ON_QEMU(8f)
	SETCFG(ALL7)
	li a0, -1
	csrw pmpaddr0, a0
	csrr a1, pmpaddr0
	CHECK(1, a1, 0x3ffffc00)
	# NAPOT: bits 8:0 read as ones; bit 9 is stored and reads in NAPOT mode only
	SETCFG(ALL7 | CFG(0, NAPOT))
	csrr a1, pmpaddr0
	CHECK(2, a1, 0x3fffffff)
	li a0, 0x20000000
	csrw pmpaddr0, a0
	csrr a1, pmpaddr0
	CHECK(3, a1, 0x200001ff)
	li a0, 0x20000200
	csrw pmpaddr0, a0
	SETCFG(ALL7 | CFG(0, TOR))
	csrr a1, pmpaddr0
	CHECK(4, a1, 0x20000000)
	SETCFG(ALL7 | CFG(0, NAPOT))
	csrr a1, pmpaddr0
	CHECK(5, a1, 0x200003ff)
	SETCFG(ALL7)
	csrr a1, pmpaddr0
	CHECK(6, a1, 0x20000000)
	# NA4 is not selectable with 4 KiB granularity: stored as OFF; R=0 W=1 (reserved) stores
	# neither; the reserved bits 6:5 read 0
	SETCFG(ALL7 | CFG(0, NA4 | RWX) | CFG(1, PW | TOR) | CFG(2, 0x60 | PR) | CFG(3, PW | PR))
	csrr a1, pmpcfg0
	CHECK(7, a1, ALL7 | CFG(0, RWX) | CFG(1, TOR) | CFG(2, PR) | CFG(3, PW | PR))
	# entries 8..15 are not implemented: their CSRs exist and read 0 (OpenSBI counts 8)
	li a0, -1
	csrw pmpcfg2, a0
	csrr a1, pmpcfg2
	CHECK(8, a1, 0)
	li a0, 0x12345000
	csrw pmpaddr6, a0
	csrr a1, pmpaddr6
	CHECK(9, a1, 0x12345000)
	csrw pmpaddr8, a0
	csrr a1, pmpaddr8
	CHECK(10, a1, 0)
	csrw pmpaddr15, a0
	csrr a1, pmpaddr15
	CHECK(11, a1, 0)
	# pmpaddr bits above the 32-bit physical address space read 0
	li a0, 0x003fffff00000000
	csrw pmpaddr1, a0
	csrr a1, pmpaddr1
	CHECK(12, a1, 0)
8:
	# every implementation: 4 KiB aligned TOR addresses read back as written
	li a0, 0x20001000
	csrw pmpaddr3, a0
	csrr a1, pmpaddr3
	CHECK(13, a1, 0x20001000)
	li a0, -1
	csrw pmpaddr7, a0
	SETCFG(ALL7 | CFG(1, TOR | PR))
	csrr a1, pmpcfg0
	CHECK(14, a1, ALL7 | CFG(1, TOR | PR))

	# ---------------------------------------------------------------- TOR boundaries (S-mode)
	# entry 1 TOR [pg1, pg3) with no permission, entry 0 OFF holding the lower bound
	SETADDR(0, pg1, 0, 0)
	SETADDR(1, pg3, 0, 0)
	SETCFG(ALL7 | CFG(1, TOR))
	GOTO_MODE(1)
	AT(pg1, -8)
	ld a0, 0(s1)
	NO_TRAP(20)
	AT(pg1, 0)
	ld a0, 0(s1)
	FAULT(21, 5, s1)
	AT(pg3, -8)
	sd a0, 0(s1)
	FAULT(22, 7, s1)
	AT(pg3, 0)
	ld a0, 0(s1)
	NO_TRAP(23)
	AT(pg2, 0x7f8)
	lw a0, 4(s1)
	addi t0, s1, 4
	FAULT(24, 5, t0)
	TO_M
	# entry 0 in TOR mode starts at address 0; a lower bound above the top matches nothing
	SETADDR(0, pg1, 0, 0)
	SETCFG(ALL7 | CFG(0, TOR))
	MPRV_S
	AT(pg1, -8)
	ld a0, 0(s1)
	FAULT(25, 5, s1)
	AT(pg1, 0)
	ld a0, 0(s1)
	NO_TRAP(26)
	MPRV_OFF
	SETADDR(0, pg3, 0, 0)
	SETADDR(1, pg1, 0, 0)
	SETCFG(ALL7 | CFG(1, TOR))
	GOTO_MODE(1)
	AT(pg2, 0)
	ld a0, 0(s1)
	NO_TRAP(27)
	TO_M

	# ---------------------------------------------------------------- NAPOT boundaries
	# entry 2: the 8 KiB region at pg4 (8 KiB aligned), read-only
	SETADDR(2, pg4, 0, 0x3ff)
	SETCFG(ALL7 | CFG(2, NAPOT | PR))
	GOTO_MODE(1)
	AT(pg4, -8)
	sd a0, 0(s1)
	NO_TRAP(30)
	AT(pg4, 0)
	ld a0, 0(s1)
	NO_TRAP(31)
	sd a0, 0(s1)
	FAULT(32, 7, s1)
	AT(pg4, 0x1ff8)
	sb a0, 7(s1)
	addi t0, s1, 7
	FAULT(33, 7, t0)
	AT(pg4, 0x2000)
	sd a0, 0(s1)
	NO_TRAP(34)
	# AMOs need write permission (store/AMO access fault); LR needs read, SC write
	AT(pg4, 0x100)
	amoadd.d a0, a0, (s1)
	FAULT(35, 7, s1)
	amoswap.w a0, a0, (s1)
	FAULT(36, 7, s1)
	lr.d a0, (s1)
	NO_TRAP(37)
	sc.d a1, a0, (s1)
	FAULT(38, 7, s1)
	TO_M
	# a 4 KiB NAPOT region (bit 9 clear): pg5 only
	SETADDR(2, pg5, 0, 0x1ff)
	SETCFG(ALL7 | CFG(2, NAPOT))
	GOTO_MODE(1)
	AT(pg5, -8)
	ld a0, 0(s1)
	NO_TRAP(39)
	AT(pg5, 0xff8)
	ld a0, 0(s1)
	FAULT(40, 5, s1)
	AT(pg5, 0x1000)
	ld a0, 0(s1)
	NO_TRAP(41)
	TO_M

	# ---------------------------------------------------------------- priority: lowest wins
	# entry 0: pg4 read-only; entry 1: the 8 KiB at pg4, read-write
	SETADDR(0, pg4, 0, 0x1ff)
	SETADDR(1, pg4, 0, 0x3ff)
	SETCFG(ALL7 | CFG(0, NAPOT | PR) | CFG(1, NAPOT | PR | PW))
	GOTO_MODE(1)
	AT(pg4, 8)
	sd a0, 0(s1)
	FAULT(45, 7, s1)
	AT(pg5, 8)
	sd a0, 0(s1)
	NO_TRAP(46)
	TO_M
	SETCFG(ALL7 | CFG(0, NAPOT | PR | PW) | CFG(1, NAPOT | PR))
	GOTO_MODE(1)
	AT(pg4, 8)
	sd a0, 0(s1)
	NO_TRAP(47)
	AT(pg5, 8)
	sd a0, 0(s1)
	FAULT(48, 7, s1)
	TO_M

	# ---------------------------------------------------------------- M-mode and MPRV
	# an unlocked entry does not bind M-mode; MPRV with MPP = S checks loads/stores as S
	SETADDR(0, pg4, 0, 0x1ff)
	SETCFG(ALL7 | CFG(0, NAPOT))
	AT(pg4, 0)
	ld a0, 0(s1)
	sd a0, 0(s1)
	NO_TRAP(50)
	MPRV_S
	ld a0, 0(s1)
	FAULT(51, 5, s1)
	sd a0, 0(s1)
	FAULT(52, 7, s1)
	li t0, 3 << 11               /* MPP = M: MPRV changes nothing */
	csrs mstatus, t0
	ld a0, 0(s1)
	NO_TRAP(53)
	MPRV_OFF

	# ---------------------------------------------------------------- S/U default deny
	# entry 7 as TOR [0, pg4): nothing matches pg4 and above, so S-mode may not touch them
	li t0, 0
	csrw pmpaddr6, t0
	SETADDR(7, pg4, 0, 0)
	SETCFG(CFG(7, TOR | RWX))
	AT(pg4, 0)
	ld a0, 0(s1)                 /* M-mode: default allow */
	NO_TRAP(55)
	MPRV_S
	ld a0, 0(s1)
	FAULT(56, 5, s1)
	MPRV_OFF
	GOTO_MODE(0)                 /* U-mode fetches and loads below pg4 are fine */
	AT(pg3, 0)
	ld a0, 0(s1)
	NO_TRAP(57)
	AT(pg4, 0)
	ld a0, 0(s1)
	FAULT(58, 5, s1)
	TO_M

	# ---------------------------------------------------------------- instruction fetch
	li t0, -1
	csrw pmpaddr7, t0
	SETADDR(0, xpage, 0, 0x1ff)
	SETCFG(ALL7 | CFG(0, NAPOT | PR))
	GOTO_MODE(1)
	la s1, xfunc
	la s7, 1f
	li a0, 0
	jalr s1
1:	FAULT(60, 1, s1)
	CHECK(61, a0, 0)
	TO_M
	SETCFG(ALL7 | CFG(0, NAPOT | PR | PX))
	GOTO_MODE(1)
	la s1, xfunc
	li a0, 0
	jalr s1
	NO_TRAP(62)
	CHECK(63, a0, 0x55)
	TO_M
	# a 32-bit instruction straddling into a page without X: mtval = the second page,
	# mepc = the instruction
	SETADDR(0, xpage2, 0, 0x1ff)
	SETCFG(ALL7 | CFG(0, NAPOT | PR))
	GOTO_MODE(1)
	AT(xpage, 0xffc)
	li a0, 0
	la s7, 1f
	jalr s1
1:	la t0, xpage2
	FAULT(64, 1, t0)
	AT(xpage, 0xffe)
	li gp, 65
	bne s10, s1, fail
	TO_M
	# M-mode fetches are not checked by an unlocked entry
	SETADDR(0, xpage, 0, 0x1ff)
	SETCFG(ALL7 | CFG(0, NAPOT))
	la s1, xfunc
	li a0, 0
	jalr s1
	NO_TRAP(66)
	CHECK(67, a0, 0x55)

	# ---------------------------------------------------------------- page-table walks
	# Sv39: VA 0x40000000 + i * 4 KiB -> page i of pg6's table; the walker's PTE reads are
	# S-mode accesses: a table the PMP hides gives an access fault of the original access type
	li t1, (0x80000 << 10) | 0xcf        /* identity 1 GiB gigapage 0x80000000, VRWXAD */
	la t2, root
	sd t1, 2 * 8(t2)
	la t1, l1
	srli t1, t1, 12
	slli t1, t1, 10
	ori t1, t1, 1
	sd t1, 1 * 8(t2)                     /* VA 0x40000000: l1 */
	la t1, l0
	srli t1, t1, 12
	slli t1, t1, 10
	ori t1, t1, 1
	la t2, l1
	sd t1, 0(t2)                         /* l1[0] -> l0 */
	la t1, pg6
	srli t1, t1, 12
	slli t1, t1, 10
	ori t1, t1, 0xcf                     /* VRWX A D */
	la t2, l0
	sd t1, 0(t2)                         /* VA 0x40000000 -> pg6 */
	andi t1, t1, ~0xc0                   /* A = D = 0: the walker must write the PTE */
	sd t1, 8(t2)                         /* VA 0x40001000 -> pg6 */
	la t0, root
	srli t0, t0, 12
	li t1, 8 << 60
	or t0, t0, t1
	csrw satp, t0
	SETADDR(0, l0, 0, 0x1ff)
	SETCFG(ALL7 | CFG(0, NAPOT))         /* l0 hidden from S */
	GOTO_MODE(1)
	li s1, 0x40000000
	ld a0, 0(s1)
	FAULT(70, 5, s1)
	sd a0, 0(s1)
	FAULT(71, 7, s1)
	la s7, 1f
	jalr s1
1:	FAULT(72, 1, s1)
	TO_M
	SETCFG(ALL7 | CFG(0, NAPOT | PR))    /* l0 readable: the walk succeeds */
	GOTO_MODE(1)
	li s1, 0x40000000
	ld a0, 0(s1)
	NO_TRAP(73)
	TO_M
	# the A/D update is a write: a read-only table refuses it (QEMU 7.2 does not check it)
	SKIP_ON_QEMU(8f)
	GOTO_MODE(1)
	li s1, 0x40001000
	ld a0, 0(s1)
	FAULT(74, 5, s1)
	TO_M
	SETCFG(ALL7 | CFG(0, NAPOT | PR | PW))
	GOTO_MODE(1)
	li s1, 0x40001000
	ld a0, 0(s1)
	NO_TRAP(75)
	TO_M
8:
	csrw satp, zero
	sfence.vma

	# ---------------------------------------------------------------- L bit (last: until reset)
	# entry 2 locked TOR [pg1, pg2) read-only, entry 3 locked NAPOT xpage read-only (no X):
	# they bind M-mode, ignore writes, and lock pmpaddr1 (the lower bound of entry 2)
	SETADDR(1, pg1, 0, 0)
	SETADDR(2, pg2, 0, 0)
	SETADDR(3, xpage, 0, 0x1ff)
	SETCFG(ALL7 | CFG(2, LOCK | TOR | PR) | CFG(3, LOCK | NAPOT | PR))
	AT(pg1, 0x10)
	ld a0, 0(s1)
	NO_TRAP(80)
	sd a0, 0(s1)
	FAULT(81, 7, s1)
	amoor.d a0, a0, (s1)
	FAULT(82, 7, s1)
	AT(pg2, 0)
	sd a0, 0(s1)
	NO_TRAP(83)
	la s1, xfunc
	la s7, 1f
	jalr s1
1:	FAULT(84, 1, s1)
	# writes to locked entries are ignored: cfg bytes, their pmpaddr and the TOR lower bound
	SETCFG(ALL7)
	csrr a1, pmpcfg0
	CHECK(85, a1, ALL7 | CFG(2, LOCK | TOR | PR) | CFG(3, LOCK | NAPOT | PR))
	li a0, 0
	csrw pmpaddr1, a0
	csrw pmpaddr2, a0
	csrw pmpaddr3, a0
	csrr a1, pmpaddr1
	la t0, pg1
	srli t0, t0, 2
	li gp, 86
	bne a1, t0, fail
	csrr a1, pmpaddr2
	la t0, pg2
	srli t0, t0, 2
	li gp, 87
	bne a1, t0, fail
	csrr a1, pmpaddr3
	la t0, xpage
	srli t0, t0, 2
	ori t0, t0, 0x1ff
	li gp, 88
	bne a1, t0, fail
	# the unlocked entries below still take writes
	li a0, 0x1000
	csrw pmpaddr0, a0
	csrr a1, pmpaddr0
	CHECK(89, a1, 0x1000)
TEST_END

	.align 2
pmp_handler:
	j mtrap_skip

	.data
	.align 14
pg0:	.zero 4096
pg1:	.zero 4096
pg2:	.zero 4096
pg3:	.zero 4096
pg4:	.zero 4096
pg5:	.zero 4096
pg6:	.dword 0x6666
	.zero 4088
	.zero 4096
root:	.zero 4096
l1:	.zero 4096
l0:	.zero 4096
	.align 12
xpage:
xfunc:	.word 0x05500513           /* addi a0, zero, 0x55 */
	.hword 0x8082              /* ret */
	.zero 0xffc - 6
	.hword 0x0001              /* c.nop */
	.hword 0x0513              /* addi a0, zero, 0x77: first half ... */
xpage2:	.hword 0x0770              /* ... second half on the next page */
	.hword 0x8082              /* ret */
	.align 12
