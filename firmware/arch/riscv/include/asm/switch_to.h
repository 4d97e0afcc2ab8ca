// SPDX-License-Identifier: BSD-2-Clause
/* What a context switch keeps of a task (Linux arch/riscv struct thread_struct): only what the
 * calling convention says a callee preserves, since a task leaves the CPU only by calling
 * schedule(). tp is the hart and gp the global pointer; neither changes (tasks never migrate). */
#ifndef ASM_SWITCH_TO_H
#define ASM_SWITCH_TO_H

#define THREAD_RA	0
#define THREAD_SP	8
#define THREAD_S0	16	/* s0..s11 */

#ifndef __ASSEMBLER__
struct thread_struct {
	unsigned long ra, sp;
	unsigned long s[12];
};

/* Save the callee-saved registers in prev, load next's, return on next's stack. */
void __switch_to(struct thread_struct *prev, struct thread_struct *next);

static inline void arch_task_first_run(void) {}
/* A dead task's stack about to be freed (the host build tells its sanitizer). */
static inline void arch_thread_release(struct thread_struct *t) { (void)t; }

/* A new task's first switch "returns" to entry with sp at the top of its stack. */
static inline void arch_thread_init(struct thread_struct *t, void (*entry)(void), void *stack,
				    unsigned long size)
{
	for (int i = 0; i < 12; i++)
		t->s[i] = 0;	/* s0 = fp = 0 ends a backtrace */
	t->ra = (unsigned long)entry;
	t->sp = ((unsigned long)stack + size) & ~15UL;
}
#endif

#endif
