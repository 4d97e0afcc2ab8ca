/* SPDX-License-Identifier: BSD-2-Clause */
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
	/* The hart lottery (Linux head.S has one too): only the first hart through here boots. A
	 * later one is a secondary that OpenSBI sent to its stale start address, the firmware's
	 * entry with the FDT, instead of the hart_start() one: it must neither clear .bss under
	 * the running system nor boot a second time (.Llate_entry). */
	la	t0, boot_lottery
.option pop
	li	t1, 1
	amoswap.w.aqrl t1, t1, (t0)
	bnez	t1, .Llate_entry
.Lboot_won:
	/* Clear .bss: nothing else runs yet, the other harts are stopped in OpenSBI. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	li	a2, 0
	j	hart_setup

/*
 * Boot-hart hand-over (bootargs boot_hart=, kernel/main.c). The hart OpenSBI picked calls
 * boot_park() after starting the wanted hart at _boot_handoff: it says so in boot_handoff_parked
 * and, touching neither stack nor .bss from then on, sleeps until smp_boot_secondaries() writes
 * its cpu number to boot_handoff_release (and sends an IPI); then it enters as a secondary. It
 * never goes back to OpenSBI: an HSM stop and restart of that hart proved unreliable under load.
 * The wanted hart waits at _boot_handoff until the other is parked, so that nothing of it runs
 * any more when .bss is cleared, then boots as if OpenSBI had picked it (a0 = hartid, a1 = FDT).
 * The flags live in .data, which _start leaves alone.
 */
	.globl boot_park
boot_park:
	csrw	sie, zero
	csrsi	sie, 2		/* SSIE: only an IPI ends the wfi */
	mv	s0, a0
.option push
.option norelax
	la	t0, boot_handoff_parked
	la	t1, boot_handoff_release
.option pop
	li	t2, 1
	fence	rw, rw
	sd	t2, 0(t0)
1:	csrci	sip, 2
	ld	a1, 0(t1)
	bnez	a1, 2f
	wfi
	j	1b
2:	fence	rw, rw
	addi	a1, a1, -1
	mv	a0, s0
	j	_secondary_start

	.globl _boot_handoff
_boot_handoff:
	csrw	sie, zero
.option push
.option norelax
	la	t0, boot_handoff_parked
.option pop
1:	ld	t1, 0(t0)
	beqz	t1, 1b
	fence	rw, rw
.option push
.option norelax
	la	gp, __global_pointer$
.option pop
	j	.Lboot_won	/* the lottery's winner handed its win over */

/*
 * A late entry at _start (a0 = hartid). The hart the boot is handed to (boot_handoff_to, with
 * its FDT in boot_handoff_fdt, .data) goes on as from _boot_handoff: without this it would wait
 * here while the hart that handed the boot over is parked, and nothing would run.
 * smp_boot_secondaries() names the hart it is starting and its cpu number
 * (secondary_start_hartid/_cpu, .data) before it calls hart_start(); when that hart is this one
 * it enters as the secondary it was meant to be. Any other hart was never asked for: it stays
 * here, and the boot hart reports it when it does not come online.
 */
.Llate_entry:
.option push
.option norelax
	la	t0, boot_handoff_to
	la	t1, boot_handoff_fdt
.option pop
	fence	rw, rw
	ld	t2, 0(t0)
	bne	t2, a0, 2f
	ld	a1, 0(t1)
	j	_boot_handoff
2:
.option push
.option norelax
	la	t0, secondary_start_hartid
	la	t1, secondary_start_cpu
.option pop
	ld	t2, 0(t0)
	bne	t2, a0, 1f
	ld	a1, 0(t1)
	j	_secondary_start
1:	wfi
	j	1b

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
	sd	zero, HART_STATE_CURRENT(tp)
	la	t0, trap_entry
	csrw	stvec, t0
	bnez	a2, 3f
	call	kernel_main
	j	hang
3:	call	secondary_main
hang:
	wfi
	j	hang
