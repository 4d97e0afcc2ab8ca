// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trap handling. Interrupts: software (IPI from another hart), timer and external are dispatched
 * to their handlers. Exceptions are fatal, except at an address listed in the exception table
 * (probe_read64 and friends), which resumes at the fixup with a0 = -scause, and except at the
 * target of probe_exec() (a fetch that may fault), which returns -scause to its caller. Either
 * way stval is kept for probe_fault_tval().
 */
#include <asm/csr.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/smp.h>
#include <pagoda/irq.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/smp.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_ILLEGAL] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
	[EXC_STORE_ACCESS] = "store/AMO access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
};

const char *trap_cause_name(unsigned long cause)
{
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "reserved";
}

/* Handlers installed by subsystems; a NULL handler makes the interrupt unexpected. */
void (*irq_handler_ipi)(void);
void (*irq_handler_timer)(void);
void (*irq_handler_external)(void);
unsigned long exception_fixups;	/* count, for tests */
static unsigned long fault_tval[NR_CPUS];	/* stval of each hart's last fixed-up exception */
static unsigned long exec_target[NR_CPUS];	/* probe_exec()'s target, 0 when none */

/* Jumps to addr with the caller's ra: code there that returns comes back to probe_exec. */
long __probe_jump(unsigned long addr);

static bool fixup_exception(struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	unsigned long fixup = 0;

	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->sepc) {
			fixup = e->fixup;
			break;
		}
	}
	/* An exception at the probed target (its fetch, or its first instruction) returns to
	 * probe_exec's caller as if __probe_jump had returned -scause. */
	if (!fixup && exec_target[cpu] && regs->sepc == exec_target[cpu])
		fixup = regs->regs[0];	/* ra */
	if (!fixup)
		return false;
	regs->sepc = fixup;
	PT_REG_A0(regs) = -regs->scause;
	fault_tval[cpu] = regs->stval;
	exception_fixups++;
	return true;
}

unsigned long probe_fault_tval(void)
{
	return fault_tval[smp_processor_id()];
}

long probe_exec(unsigned long addr)
{
	unsigned int cpu = smp_processor_id();
	long r;

	exec_target[cpu] = addr;
	r = __probe_jump(addr);
	exec_target[cpu] = 0;
	return r;
}

/* What kind of access faulted, for the report; NULL for exceptions that are no memory fault. */
static const char *fault_kind(unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return "paging request (fetch)";
	case EXC_LOAD_PAGE_FAULT:
		return "paging request (load)";
	case EXC_STORE_PAGE_FAULT:
		return "paging request (store)";
	case EXC_INST_ACCESS:
		return "access (fetch)";
	case EXC_LOAD_ACCESS:
		return "access (load)";
	case EXC_STORE_ACCESS:
		return "access (store)";
	}
	return NULL;
}

/* Which part of the Sv39 layout (asm/pgtable.h) an address falls in. */
static const char *va_region(unsigned long va)
{
	if (va >= VMALLOC_START && va < VMALLOC_END)
		return "vmalloc range";
	if (va >= PKMAP_BASE && va < FIXADDR_START)
		return "pkmap window";
	if (va >= FIXADDR_START && va < FIXADDR_START + PMD_SIZE)
		return "fixmap";
	if (va < (1UL << 38)) {
		unsigned int level;

		if (!sv39_enabled)
			return "bare mode: physical address";
		return pte_present(*lookup_kernel_pte(va, &level)) ? "direct map / devices" :
			"identity half, not mapped";
	}
	return "outside every mapping";
}

static void __noreturn die(struct pt_regs *regs, const char *what)
{
	printk("\n*** %s in S-mode on hart %lu (cpu %lu) ***\n", what, this_hart()->hartid,
	       this_hart()->cpu);
	printk("scause 0x%016lx (%s)\n", regs->scause,
	       (regs->scause & CAUSE_IRQ_FLAG) ? "interrupt" : trap_cause_name(regs->scause));
	if (!(regs->scause & CAUSE_IRQ_FLAG) && fault_kind(regs->scause))
		printk("Unable to handle kernel %s at virtual address 0x%016lx (%s, satp 0x%016lx)\n",
		       fault_kind(regs->scause), regs->stval, va_region(regs->stval),
		       csr_read(satp));
	printk("sepc   0x%016lx  stval 0x%016lx  sstatus 0x%016lx\n", regs->sepc, regs->stval,
	       regs->sstatus);
	printk("ra     0x%016lx  sp    0x%016lx  gp 0x%016lx  tp 0x%016lx\n", regs->regs[0],
	       regs->regs[1], regs->regs[2], regs->regs[3]);
	platform_exit(EXIT_TRAP);
}

static void handle_interrupt(struct pt_regs *regs)
{
	unsigned long irq = regs->scause & ~CAUSE_IRQ_FLAG;
	void (*handler)(void) = NULL;

	switch (irq) {
	case IRQ_S_SOFT:
		csr_clear(sip, SIE_SSIE);
		handler = irq_handler_ipi;
		break;
	case IRQ_S_TIMER:
		handler = irq_handler_timer;
		break;
	case IRQ_S_EXT:
		handler = irq_handler_external;
		break;
	}
	if (!handler)
		die(regs, "unexpected interrupt");
	handler();
}

void handle_trap(struct pt_regs *regs)
{
	struct hart_state *h = this_hart();

	h->irq_depth++;
	if (regs->scause & CAUSE_IRQ_FLAG)
		handle_interrupt(regs);
	else if (!fixup_exception(regs))
		die(regs, "unhandled exception");
	h->irq_depth--;
}
