// SPDX-License-Identifier: BSD-2-Clause
/* Host build: spinlock on C11 atomics, so SMP stress tests run on threads. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <stdatomic.h>

typedef struct {
	atomic_int locked;
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { atomic_init(&l->locked, 0); }

static inline int arch_spin_trylock(arch_spinlock_t *l)
{
	return atomic_exchange_explicit(&l->locked, 1, memory_order_acquire) == 0;
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	while (!arch_spin_trylock(l))
		while (atomic_load_explicit(&l->locked, memory_order_relaxed))
			;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	atomic_store_explicit(&l->locked, 0, memory_order_release);
}

static inline int arch_spin_is_locked(arch_spinlock_t *l) { return atomic_load(&l->locked) != 0; }

#endif
