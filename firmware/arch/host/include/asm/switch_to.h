// SPDX-License-Identifier: BSD-2-Clause
/* Host build: a task's context is a ucontext (swapcontext does what arch/riscv/switch.S does),
 * so kernel/sched.c runs unchanged in host tests; a host thread plays a hart. */
#ifndef ASM_SWITCH_TO_H
#define ASM_SWITCH_TO_H

#include <stddef.h>
#include <ucontext.h>

struct thread_struct {
	ucontext_t uc;
	void *stack_bottom;	/* for the sanitizers' fiber switches: NULL for a thread's own stack */
	size_t stack_size;
};

void __switch_to(struct thread_struct *prev, struct thread_struct *next);
/* A new task's first instructions: the sanitizers learn that the switch landed. */
void arch_task_first_run(void);
void arch_thread_init(struct thread_struct *t, void (*entry)(void), void *stack, unsigned long size);
/* A dead task's stack about to be freed: AddressSanitizer forgets the redzones of the frames it
 * never unwound (the task switched away from them), or a page that was a stack would read as
 * poisoned when it is allocated again. */
void arch_thread_release(struct thread_struct *t);

#endif
