// SPDX-License-Identifier: BSD-2-Clause
/* Spinlocks and interrupt masking. The arch layer (asm/spinlock.h, asm/irqflags.h) supplies the
 * primitives: RISC-V AMOs and sstatus.SIE in firmware, C11 atomics and a per-thread flag on the host. */
#ifndef PAGODA_SPINLOCK_H
#define PAGODA_SPINLOCK_H

#include <asm/irqflags.h>
#include <asm/spinlock.h>

typedef struct {
	arch_spinlock_t raw;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { ARCH_SPIN_LOCK_UNLOCKED }

static inline void spin_lock_init(spinlock_t *l) { arch_spin_lock_init(&l->raw); }
static inline void spin_lock(spinlock_t *l) { arch_spin_lock(&l->raw); }
static inline void spin_unlock(spinlock_t *l) { arch_spin_unlock(&l->raw); }
static inline int spin_trylock(spinlock_t *l) { return arch_spin_trylock(&l->raw); }
static inline int spin_is_locked(spinlock_t *l) { return arch_spin_is_locked(&l->raw); }

#define local_irq_save(flags) do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_disable() arch_local_irq_disable()
#define local_irq_enable() arch_local_irq_enable()
#define irqs_disabled() arch_irqs_disabled()

#define spin_lock_irqsave(l, flags) do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { spin_unlock(l); local_irq_restore(flags); } while (0)

#endif
