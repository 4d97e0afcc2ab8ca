// SPDX-License-Identifier: BSD-2-Clause
/* Host build: each thread plays one hart; tests set host_cpu_id before using per-CPU state. */
#ifndef ASM_SMP_H
#define ASM_SMP_H

extern __thread unsigned int host_cpu_id;
extern __thread unsigned int host_irq_depth;

#define arch_smp_processor_id() (host_cpu_id)
#define arch_in_interrupt() (host_irq_depth != 0)

#endif
