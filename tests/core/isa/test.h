// SPDX-License-Identifier: BSD-2-Clause
/*
 * Macros for Pagoda core ISA tests (bare metal, M-mode at reset, linked at 0x80000000).
 * A test sets gp to the number of the case it is checking; a failed check ends the run through
 * HTIF tohost with (gp << 1) | 1, PASS writes 1. t6 is reserved for the checks.
 * An unexpected trap fails with case number 0x800 + mcause.
 */
#define TESTNUM gp

/*
 * With PMP implemented, S- and U-mode accesses that match no PMP entry fail (privileged spec
 * 3.7.1), so every test starts with entry 7 (implemented on Pagoda, 8 entries, and on QEMU, 16)
 * covering all memory with RWX, as riscv-tests' reset code does. pmp.S overrides it.
 */
#define PMP_ALLOW_ALL				\
	li t0, -1;				\
	csrw pmpaddr7, t0;			\
	li t0, 0x1f << 56;			\
	csrw pmpcfg0, t0;

#define TEST_BEGIN				\
	.section .text.init;			\
	.globl _start;				\
_start:						\
	la t0, unexpected_trap;			\
	csrw mtvec, t0;				\
	csrr t0, mimpid;			\
	la t1, on_qemu;				\
	sd t0, 0(t1);				\
	PMP_ALLOW_ALL				\
	j test_body;				\
unexpected_trap:				\
	csrr gp, mcause;			\
	addi gp, gp, 0x400;			\
	addi gp, gp, 0x400;			\
	j fail;					\
fail:						\
	slli a0, gp, 1;				\
	ori a0, a0, 1;				\
	la t0, tohost;				\
	sd a0, 0(t0);				\
1:	j 1b;					\
pass:						\
	li a0, 1;				\
	la t0, tohost;				\
	sd a0, 0(t0);				\
1:	j 1b;					\
	TRAP_HANDLERS				\
test_body:

#define TEST_END				\
	j pass;					\
	.section .tohost, "aw";			\
	.align 6;				\
	.globl tohost;				\
tohost:	.dword 0;				\
	.size tohost, 8;			\
	.align 6;				\
	.globl fromhost;			\
fromhost: .dword 0;				\
	.size fromhost, 8;			\
	.align 3;				\
on_qemu: .dword 0;

/* check that register r holds v (case n) */
#define CHECK(n, r, v)				\
	li gp, n;				\
	li t6, v;				\
	bne r, t6, fail;

/* run instruction "insn rd, a, b" on immediates loaded into a0/a1 and check rd */
#define TEST_RR(n, insn, a, b, res)		\
	li a0, a;				\
	li a1, b;				\
	insn a2, a0, a1;			\
	CHECK(n, a2, res)

#define TEST_RI(n, insn, a, imm, res)		\
	li a0, a;				\
	insn a2, a0, imm;			\
	CHECK(n, a2, res)

/* set the trap handler to label h */
#define SET_MTVEC(h)				\
	la t0, h;				\
	csrw mtvec, t0;

/*
 * Recording trap handlers: mcause/scause -> s9, xepc -> s10, xtval -> s11, s8 counts traps.
 * For exceptions the handler resumes after the trapping instruction (2 or 4 bytes, read from
 * xepc, so code must be identity-mapped); if s7 is nonzero it resumes at s7 instead (and clears
 * it), for faults where xepc cannot be read. Interrupts resume at xepc. Clobbers t4, t5.
 */
#define TRAP_HANDLERS				\
	.align 2;				\
mtrap_skip:					\
	li t5, 77;				\
	bne a7, t5, 4f;				\
	li a7, 0;				\
	csrr t5, mepc;				\
	addi t5, t5, 4;				\
	jr t5;					\
4:	csrr s9, mcause;			\
	csrr s10, mepc;				\
	csrr s11, mtval;			\
	addi s8, s8, 1;				\
	bltz s9, 3f;				\
	bnez s7, 2f;				\
	lhu t5, 0(s10);				\
	andi t5, t5, 3;				\
	li t4, 3;				\
	beq t5, t4, 1f;				\
	addi t5, s10, 2;			\
	csrw mepc, t5;				\
	mret;					\
1:	addi t5, s10, 4;			\
	csrw mepc, t5;				\
	mret;					\
2:	csrw mepc, s7;				\
	li s7, 0;				\
3:	mret;					\
	.align 2;				\
strap_skip:					\
	csrr s9, scause;			\
	csrr s10, sepc;				\
	csrr s11, stval;			\
	addi s8, s8, 1;				\
	bltz s9, 3f;				\
	bnez s7, 2f;				\
	lhu t5, 0(s10);				\
	andi t5, t5, 3;				\
	li t4, 3;				\
	beq t5, t4, 1f;				\
	addi t5, s10, 2;			\
	csrw sepc, t5;				\
	sret;					\
1:	addi t5, s10, 4;			\
	csrw sepc, t5;				\
	sret;					\
2:	csrw sepc, s7;				\
	li s7, 0;				\
3:	sret;

/* expect that the last trap had cause c (and clear the record) */
#define EXPECT_CAUSE(n, c)			\
	li gp, n;				\
	li t6, c;				\
	bne s9, t6, fail;			\
	li s9, -1;

#define EXPECT_TVAL(n, v)			\
	li gp, n;				\
	li t6, v;				\
	bne s11, t6, fail;

/* switch to privilege mode "mode" (0 U, 1 S, 3 M from M) continuing at the next instruction */
#define GOTO_MODE(mode)				\
	li t0, 3 << 11;				\
	csrc mstatus, t0;			\
	li t0, (mode) << 11;			\
	csrs mstatus, t0;			\
	la t0, 9f;				\
	csrw mepc, t0;				\
	mret;					\
9:

/* from S or U (with mtvec = mtrap_skip): back to M-mode at the next instruction; not recorded */
#define TO_M					\
	li a7, 77;				\
	ecall;

/* jump to label l when running on QEMU (mimpid, read at start in M-mode, is nonzero there and
   zero on Pagoda): for checks of implementation-specific choices and of the harness-only
   interrupt-control device. Usable in any mode that can read the test's data. */
#define SKIP_ON_QEMU(l)				\
	la t6, on_qemu;				\
	ld t6, 0(t6);				\
	bnez t6, l;
