// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secondary harts: started through SBI HSM (hart_start with our entry and their cpu number), they
 * announce themselves and then run the scheduler's idle loop (kernel/sched.c), woken by IPIs to
 * run cross-calls (smp_call_on_all) and kernel threads made runnable from another hart.
 */
#include <asm/asm-offsets.h>
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/timex.h>
#include <pagoda/bitops.h>
#include <pagoda/boot.h>
#include <pagoda/irq.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/sbi.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>

BUILD_BUG_ON(sizeof(struct hart_state) != HART_STATE_SIZE);
BUILD_BUG_ON(offsetof(struct hart_state, hartid) != HART_STATE_HARTID);
BUILD_BUG_ON(offsetof(struct hart_state, irq_depth) != HART_STATE_IRQ_DEPTH);
BUILD_BUG_ON(offsetof(struct hart_state, curr_task) != HART_STATE_CURRENT);

struct hart_state hart_states[NR_CPUS] __cache_hot_rows;
u8 hart_stacks[NR_CPUS][STACK_SIZE] __page_aligned_bss;
unsigned long cpu_hartid[NR_CPUS];
/* In .data: the hart that takes the boot over clears .bss while they are in use (head.S). */
unsigned long boot_handoff_from __section(".data") = ~0UL;
unsigned long boot_handoff_parked __section(".data");
unsigned long boot_handoff_release __section(".data");
/* The hart the boot is handed to and the FDT it boots with, for head.S's late entry: that hart
 * may come in at _start instead of _boot_handoff, as a secondary may (start_secondary()). */
unsigned long boot_handoff_to __section(".data") = ~0UL;
unsigned long boot_handoff_fdt __section(".data");
/* head.S: the hart lottery, and what a hart that entered late at _start looks up (.data: _start
 * clears .bss, and the late hart reads these before it has a stack). */
unsigned int boot_lottery __section(".data");
unsigned long secondary_start_hartid __section(".data") = ~0UL;
unsigned long secondary_start_cpu __section(".data");

static volatile unsigned long online_mask = 1;
/*
 * A started hart's cpu number: the boot hart waits SMP_BOOT_WAIT_S for the hart to claim it (UP)
 * and then gives up on it (ABANDONED); whichever comes first wins the compare-and-swap. A hart that
 * arrives after that stops itself, and its number is never handed to another hart: head.S has
 * already put it on that number's stack and hart_state.
 */
enum { CPU_BOOT_NONE, CPU_BOOT_WAITING, CPU_BOOT_UP, CPU_BOOT_ABANDONED };
/* A hang guard, not a speed check: Linux waits 1 s, but a QEMU hart on a loaded host can take
 * longer to start, and a hart given up on changes the machine the tests see (a node's only hart). */
#define SMP_BOOT_WAIT_S 10
static int cpu_boot_state[NR_CPUS];
unsigned int smp_nr_abandoned;
static spinlock_t call_lock = SPIN_LOCK_UNLOCKED;
static void (*volatile call_fn)(void *);
static void *volatile call_arg;
static volatile int call_pending[NR_CPUS];

void mm_init_secondary(void) __attribute__((weak));

unsigned int num_online_cpus(void)
{
	return (unsigned int)hweight64(online_mask);
}

bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (online_mask & (1UL << cpu));
}

static void ipi_handler(void)
{
	/* The idle loop polls call_pending; an IPI while a hart runs with SIE set needs no work. */
}

static volatile bool call_running[NR_CPUS];

/* The asked function runs once per request even if it reaches a yield point (cond_resched) of
 * its own: call_running keeps that yield from starting it again. */
void smp_poll_call(void)
{
	unsigned int cpu = smp_processor_id();

	if (!call_pending[cpu] || call_running[cpu])
		return;
	call_running[cpu] = true;
	mb();
	call_fn(call_arg);
	mb();
	call_running[cpu] = false;
	call_pending[cpu] = 0;
}

bool smp_call_waiting(void)
{
	unsigned int cpu = smp_processor_id();

	return call_pending[cpu] && !call_running[cpu];
}

/* Scheduler hooks (kernel/sched.c). An IPI (SSIP) or, with a deadline, the timer (STIP) ends the
 * wfi even with interrupts masked: sie enables them as wake-up sources. */
void arch_idle_prepare(void)
{
	/* Clear SSIP before the caller looks for work, so an IPI sent after its look still ends
	 * the wfi. */
	csr_clear(sip, SIE_SSIE);
}

void arch_cpu_idle(u64 deadline)
{
	bool timed = deadline != ~0ULL;

	csr_set(sie, SIE_SSIE);
	if (timed) {
		sbi_set_timer(deadline);
		csr_set(sie, SIE_STIE);
	}
	__asm__ volatile("wfi");
	if (timed) {
		sbi_set_timer(~0ULL);	/* clears STIP: the loop polls the time, no handler runs */
		csr_clear(sie, SIE_STIE);
	}
	/* Device interrupts routed to this hart (a controller in which the boot hart has no
	 * context) are taken here, through the trap handler. */
	local_irq_enable();
	local_irq_disable();
}

void arch_resched_cpu(unsigned int cpu)
{
	if (cpu < NR_CPUS && cpu_online(cpu))
		sbi_send_ipi(1UL << cpu_hartid[cpu], 0);
}

void __noreturn secondary_main(unsigned long hartid, unsigned long unused, unsigned long cpu)
{
	int want = CPU_BOOT_WAITING;

	(void)unused;
	if (smp_late_hart && cpu == 1) {	/* test: arrive after the boot hart gave up */
		u64 t0 = get_time();

		while (READ_ONCE(cpu_boot_state[cpu]) == CPU_BOOT_WAITING &&
		       get_time() - t0 < 2 * SMP_BOOT_WAIT_S * boot_info.timebase_hz)
			cpu_relax();
	}
	if (cpu >= NR_CPUS ||
	    !__atomic_compare_exchange_n(&cpu_boot_state[cpu], &want, CPU_BOOT_UP, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		pr_err("smp: hart %lu came up after the boot hart gave up on it (cpu %lu): stopping it\n",
		       hartid, cpu);
		sbi_hart_stop();
		for (;;)
			__asm__ volatile("wfi");
	}
	cpu_hartid[cpu] = hartid;
	sched_init_secondary();
	if (mm_init_secondary)
		mm_init_secondary();
	printk("cpu %lu: hart %lu online\n", cpu, hartid);
	mb();
	__atomic_or_fetch(&online_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	csr_set(sie, SIE_SSIE);
	/* The boot context becomes this hart's idle task: cross-calls, kernel threads, wfi. */
	cpu_idle_loop();
}

/*
 * hart_start() at _secondary_start with the cpu number. OpenSBI 1.1 has been seen to send a
 * hart to its old start address instead, the firmware's _start with the FDT (a QEMU -smp 4 run
 * where a secondary printed the banner and tried to boot again): head.S's lottery turns such a
 * late entry into the secondary it was meant to be. smp_stale_entry (a test) makes that happen
 * on purpose for the last hart started.
 */
static long start_secondary(unsigned long hartid, unsigned int cpu, bool last)
{
	if (smp_stale_entry && last)
		return sbi_hart_start(hartid, (unsigned long)_start, (unsigned long)boot_info.fdt);
	return sbi_hart_start(hartid, (unsigned long)_secondary_start, cpu);
}

/* Start every hart of the DT through HSM; returns how many came online. */
unsigned int smp_boot_secondaries(void)
{
	unsigned long boot_hartid = this_hart()->hartid;
	unsigned int cpu = 1, last = boot_info.nr_harts - 1;

	cpu_hartid[0] = boot_hartid;
	irq_handler_ipi = ipi_handler;
	if (last && boot_info.hartids[last] == boot_hartid)
		last--;
	if (sbi_probe_extension(SBI_EXT_HSM) <= 0) {
		pr_warn("smp: SBI has no HSM extension, running on one hart\n");
		return 1;
	}
	for (unsigned int i = 0; i < boot_info.nr_harts; i++) {
		unsigned long hartid = boot_info.hartids[i], t0;
		long err;

		if (hartid == boot_hartid)
			continue;
		if (cpu == NR_CPUS) {
			pr_warn("smp: NR_CPUS=%d reached, hart %lu stays stopped\n", NR_CPUS, hartid);
			break;
		}
		cpu_boot_state[cpu] = CPU_BOOT_WAITING;
		mb();
		if (hartid == boot_handoff_from) {
			/* Parked in the firmware, not stopped in OpenSBI (head.S: boot_park). */
			boot_handoff_release = cpu + 1;
			mb();
			err = sbi_send_ipi(1, hartid);
		} else {
			secondary_start_hartid = hartid;
			secondary_start_cpu = cpu;
			mb();
			err = start_secondary(hartid, cpu, i == last);
		}
		if (err) {
			/* Not started: the number is free for the next hart. */
			cpu_boot_state[cpu] = CPU_BOOT_NONE;
			pr_err("smp: hart_start(%lu) failed: %ld\n", hartid, err);
			continue;
		}
		/* A hart that does not come up in time is reported, not waited for. */
		t0 = get_time();
		while (!cpu_online(cpu) && get_time() - t0 < SMP_BOOT_WAIT_S * boot_info.timebase_hz)
			cpu_relax();
		if (!cpu_online(cpu)) {
			int want = CPU_BOOT_WAITING;

			if (__atomic_compare_exchange_n(&cpu_boot_state[cpu], &want,
							CPU_BOOT_ABANDONED, false,
							__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
				pr_err("smp: hart %lu did not come online within %d s: cpu %u stays unused\n",
				       hartid, SMP_BOOT_WAIT_S, cpu);
				smp_nr_abandoned++;
				cpu++;
				continue;
			}
			/* It claimed the number just now: its own set-up is all that is left. */
			while (!cpu_online(cpu))
				cpu_relax();
		}
		cpu++;
	}
	return num_online_cpus();
}

void smp_call_on_all(void (*fn)(void *), void *arg)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned long mask = 0;

	spin_lock(&call_lock);
	call_fn = fn;
	call_arg = arg;
	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		call_pending[cpu] = 1;
		mask |= 1UL << cpu_hartid[cpu];
	}
	mb();
	if (mask)
		sbi_send_ipi(mask, 0);
	fn(arg);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		while (call_pending[cpu])
			cpu_relax();
	spin_unlock(&call_lock);
}
