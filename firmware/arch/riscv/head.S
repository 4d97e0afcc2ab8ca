/*
 * S-mode entry. OpenSBI enters the boot hart at _start with a0 = hartid, a1 = FDT, satp = 0;
 * secondary harts come in through _secondary_start from SBI HSM hart_start with a1 = their cpu
 * number (the opaque argument). Each cpu gets its own stack and a struct hart_state in tp.
 */
#include <asm/asm-offsets.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	sie, zero
	csrw	sip, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	/* Clear .bss: nothing else runs yet, the other harts are stopped in OpenSBI. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	li	a2, 0
	j	hart_setup

	.globl _secondary_start
_secondary_start:
	csrw	sie, zero
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	mv	a2, a1

/* a0 = hartid, a1 = fdt or opaque, a2 = cpu number: set sp, tp and stvec, then enter C. */
hart_setup:
	la	sp, hart_stacks
	addi	t0, a2, 1
	li	t1, STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	la	tp, hart_states
	li	t1, HART_STATE_SIZE
	mul	t0, a2, t1
	add	tp, tp, t0
	sd	a2, HART_STATE_CPU(tp)
	sd	a0, HART_STATE_HARTID(tp)
	sd	zero, HART_STATE_IRQ_DEPTH(tp)
	la	t0, trap_entry
	csrw	stvec, t0
	bnez	a2, 3f
	call	kernel_main
	j	hang
3:	call	secondary_main
hang:
	wfi
	j	hang
