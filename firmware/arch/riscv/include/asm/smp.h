// SPDX-License-Identifier: BSD-2-Clause
/* Per-hart state, reached through the tp register (set at hart entry, never changed). */
#ifndef ASM_SMP_H
#define ASM_SMP_H

struct task_struct;

struct hart_state {
	unsigned long cpu;	/* dense number 0..NR_CPUS-1 */
	unsigned long hartid;	/* the SBI/mhartid number */
	unsigned long irq_depth;	/* >0 while in a trap handler */
	struct task_struct *curr_task;	/* the task running on this hart (kernel/sched.c) */
};

static inline struct hart_state *this_hart(void)
{
	struct hart_state *h;

	/* Not volatile: tp never changes on a hart, so the compiler may reuse one read. */
	__asm__("mv %0, tp" : "=r"(h));
	return h;
}

#define arch_smp_processor_id() ((unsigned int)this_hart()->cpu)
#define arch_in_interrupt() (this_hart()->irq_depth != 0)
/* Linux riscv keeps current in tp; here tp is the hart, whose state names its task. */
#define arch_get_current() (this_hart()->curr_task)
#define arch_set_current(t) (this_hart()->curr_task = (t))

#endif
