// SPDX-License-Identifier: BSD-2-Clause
/* Hart identity. NR_CPUS bounds every per-hart array (per-CPU page lists, stacks). */
#ifndef PAGODA_SMP_H
#define PAGODA_SMP_H

#include <asm/smp.h>

#ifndef NR_CPUS
#define NR_CPUS 8
#endif

/* CPU number 0..NR_CPUS-1 of the running hart (not its hartid). Online numbers may have holes
 * (a hart the boot gave up on keeps its number, smp.c): walk them with for_each_online_cpu. */
#define smp_processor_id() arch_smp_processor_id()
/* True while running a trap/interrupt handler: allocations there must be GFP_ATOMIC. */
#define in_interrupt() arch_in_interrupt()
unsigned int num_online_cpus(void);

#ifndef __ASSEMBLER__
#include <pagoda/compiler.h>
#include <pagoda/types.h>
extern unsigned long cpu_hartid[NR_CPUS];
bool cpu_online(unsigned int cpu);
/* The lowest online cpu number >= cpu, or NR_CPUS when there is none. */
static inline unsigned int cpu_next_online(unsigned int cpu)
{
	while (cpu < NR_CPUS && !cpu_online(cpu))
		cpu++;
	return cpu;
}
/* A plain for statement (as Linux's for_each_cpu): no trailing if for an else to attach to. */
#define for_each_online_cpu(cpu) \
	for ((cpu) = cpu_next_online(0); (cpu) < NR_CPUS; (cpu) = cpu_next_online((cpu) + 1))
/* Harts of the DT that were started but did not come online in time (reported at boot). */
extern unsigned int smp_nr_abandoned;
/* Run fn(arg) on every online hart, the caller included, and wait until all have returned. */
void smp_call_on_all(void (*fn)(void *), void *arg);
/* On a hart asked by smp_call_on_all(): run the function now, in the current task (the idle loop
 * and cond_resched() call it). smp_call_waiting(): whether one is asked and not yet run here. */
void smp_poll_call(void);
bool smp_call_waiting(void);
unsigned int smp_boot_secondaries(void);
/* Boot-hart hand-over (boot_hart=, head.S): the hart that gave the boot away, parked in the
 * firmware until smp_boot_secondaries() writes its cpu number + 1 to boot_handoff_release. */
extern unsigned long boot_handoff_from, boot_handoff_parked, boot_handoff_release;
extern unsigned long boot_handoff_to, boot_handoff_fdt;
/* head.S's entry points, handed to SBI hart_start: the boot entry (where OpenSBI 1.1 may also
 * send a started hart: its late entry), the hand-over target's and a secondary's. */
extern char _start[], _boot_handoff[], _secondary_start[];
void __noreturn boot_park(unsigned long hartid);
#endif

#endif /* PAGODA_SMP_H */
