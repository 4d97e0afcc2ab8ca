/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Trap entry: the firmware only runs in S-mode, so a trap keeps the current stack. All integer
 * registers go into a struct pt_regs on the stack; handle_trap() may change sepc (exception-table
 * fixups), and everything is restored with sret.
 */
#include <asm/asm-offsets.h>

	.section .text
	.align 2
	.globl trap_entry
trap_entry:
	addi	sp, sp, -PT_SIZE
	sd	x1, 0*8(sp)
	sd	x3, 2*8(sp)
	sd	x4, 3*8(sp)
	sd	x5, 4*8(sp)
	sd	x6, 5*8(sp)
	sd	x7, 6*8(sp)
	sd	x8, 7*8(sp)
	sd	x9, 8*8(sp)
	sd	x10, 9*8(sp)
	sd	x11, 10*8(sp)
	sd	x12, 11*8(sp)
	sd	x13, 12*8(sp)
	sd	x14, 13*8(sp)
	sd	x15, 14*8(sp)
	sd	x16, 15*8(sp)
	sd	x17, 16*8(sp)
	sd	x18, 17*8(sp)
	sd	x19, 18*8(sp)
	sd	x20, 19*8(sp)
	sd	x21, 20*8(sp)
	sd	x22, 21*8(sp)
	sd	x23, 22*8(sp)
	sd	x24, 23*8(sp)
	sd	x25, 24*8(sp)
	sd	x26, 25*8(sp)
	sd	x27, 26*8(sp)
	sd	x28, 27*8(sp)
	sd	x29, 28*8(sp)
	sd	x30, 29*8(sp)
	sd	x31, 30*8(sp)
	addi	t0, sp, PT_SIZE
	sd	t0, 1*8(sp)
	csrr	t0, sepc
	sd	t0, PT_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, PT_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, PT_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, PT_STVAL(sp)

	mv	a0, sp
	call	handle_trap

	ld	t0, PT_SEPC(sp)
	csrw	sepc, t0
	/* Drop this hart's LR reservation (any SC does, success or not): the handler may have
	 * changed a word that the interrupted code holds between its LR and SC (the slab fast
	 * paths, mm/slab.h), which that SC must not overwrite. The SC, if it succeeds, stores the
	 * value already there. */
	addi	t1, sp, PT_SEPC
	sc.d	zero, t0, (t1)
	ld	t0, PT_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x1, 0*8(sp)
	ld	x3, 2*8(sp)
	ld	x4, 3*8(sp)
	ld	x5, 4*8(sp)
	ld	x6, 5*8(sp)
	ld	x7, 6*8(sp)
	ld	x8, 7*8(sp)
	ld	x9, 8*8(sp)
	ld	x10, 9*8(sp)
	ld	x11, 10*8(sp)
	ld	x12, 11*8(sp)
	ld	x13, 12*8(sp)
	ld	x14, 13*8(sp)
	ld	x15, 14*8(sp)
	ld	x16, 15*8(sp)
	ld	x17, 16*8(sp)
	ld	x18, 17*8(sp)
	ld	x19, 18*8(sp)
	ld	x20, 19*8(sp)
	ld	x21, 20*8(sp)
	ld	x22, 21*8(sp)
	ld	x23, 22*8(sp)
	ld	x24, 23*8(sp)
	ld	x25, 24*8(sp)
	ld	x26, 25*8(sp)
	ld	x27, 26*8(sp)
	ld	x28, 27*8(sp)
	ld	x29, 28*8(sp)
	ld	x30, 29*8(sp)
	ld	x31, 30*8(sp)
	addi	sp, sp, PT_SIZE
	sret

/*
 * Probing accessors: a load or store that may fault (unmapped MMIO, a bad pointer in a test).
 * The exception table maps the access to its fixup, where a0 receives -scause.
 *   long probe_read64(unsigned long addr, u64 *val)   0 or -cause
 *   long probe_write64(unsigned long addr, u64 val)   0 or -cause
 *   long probe_read32 / probe_write32: the same with 32-bit accesses
 *   long probe_amoor64(unsigned long addr, u64 *old)    an AMO that writes the value it read
 * probe_fault_tval() (arch/riscv/trap.c) gives the stval of the last fixed-up fault.
 */
	.globl probe_read64
probe_read64:
1:	ld	t0, 0(a0)
	sd	t0, 0(a1)
	li	a0, 0
	ret
	.globl probe_write64
probe_write64:
2:	sd	a1, 0(a0)
	li	a0, 0
	ret
	.globl probe_read32
probe_read32:
3:	lwu	t0, 0(a0)
	sw	t0, 0(a1)
	li	a0, 0
	ret
	.globl probe_write32
probe_write32:
4:	sw	a1, 0(a0)
	li	a0, 0
	ret
	/* long probe_amoor64(addr, u64 *old): amoor.d of 0, a store/AMO that keeps the value */
	.globl probe_amoor64
probe_amoor64:
6:	amoor.d	t0, zero, (a0)
	sd	t0, 0(a1)
	li	a0, 0
	ret
	/* probe_exec()'s jump (arch/riscv/trap.c): ra stays the caller's */
	.globl __probe_jump
__probe_jump:
	jr	a0
	/* An M-mode CSR read from S-mode: must raise an illegal-instruction exception. */
	.globl probe_csr_mstatus
probe_csr_mstatus:
5:	csrr	t0, mstatus
	li	a0, 0
	ret
probe_fixup:
	ret	/* handle_trap put -scause in a0 */

	.section __ex_table, "a"
	.balign 8
	.dword 1b, probe_fixup
	.dword 2b, probe_fixup
	.dword 3b, probe_fixup
	.dword 4b, probe_fixup
	.dword 5b, probe_fixup
	.dword 6b, probe_fixup
