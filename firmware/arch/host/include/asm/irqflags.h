// SPDX-License-Identifier: BSD-2-Clause
/* Host build: "interrupts" are a per-thread flag, so code can assert it runs with them off. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

extern __thread unsigned long host_irqs_off;

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long old = host_irqs_off;

	host_irqs_off = 1;
	return old;
}

static inline void arch_local_irq_restore(unsigned long flags) { host_irqs_off = flags; }
static inline void arch_local_irq_disable(void) { host_irqs_off = 1; }
static inline void arch_local_irq_enable(void) { host_irqs_off = 0; }
static inline int arch_irqs_disabled(void) { return host_irqs_off != 0; }

#endif
