// SPDX-License-Identifier: BSD-2-Clause
/* Interrupt masking through sstatus.SIE. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <asm/csr.h>

static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

static inline void arch_local_irq_disable(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline void arch_local_irq_enable(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline int arch_irqs_disabled(void) { return !(csr_read(sstatus) & SSTATUS_SIE); }

#endif
