// SPDX-License-Identifier: BSD-2-Clause
/* Host build: each thread plays one hart; tests set host_cpu_id before using per-CPU state. */
#ifndef ASM_SMP_H
#define ASM_SMP_H

extern __thread unsigned int host_cpu_id;
extern __thread unsigned int host_irq_depth;

#define arch_smp_processor_id() (host_cpu_id)
#define arch_in_interrupt() (host_irq_depth != 0)

/* Each thread starts with a task of its own (host.c), so memalloc scopes are per thread, as they
 * are per task in the firmware; kernel/sched.c switches it when it runs tasks on the thread. */
struct task_struct;
extern __thread struct task_struct *host_current;
struct task_struct *host_thread_task(void);
#define arch_get_current() (host_current ? host_current : host_thread_task())
#define arch_set_current(t) (host_current = (t))

#endif
