// SPDX-License-Identifier: BSD-2-Clause
/* Test-and-test-and-set spinlock on amoswap.w with acquire/release ordering. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

typedef struct {
	volatile int locked;
} arch_spinlock_t;

#define ARCH_SPIN_LOCK_UNLOCKED { 0 }

static inline void arch_spin_lock_init(arch_spinlock_t *l) { l->locked = 0; }

static inline int arch_spin_trylock(arch_spinlock_t *l)
{
	long old;	/* amoswap.w sign-extends: no extra sext.w before the test */

	__asm__ volatile("amoswap.w.aq %0, %2, %1" : "=r"(old), "+A"(l->locked) : "r"(1) : "memory");
	return old == 0;
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	for (;;) {
		if (arch_spin_trylock(l))
			return;
		while (l->locked)
			;
	}
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__asm__ volatile("amoswap.w.rl zero, zero, %0" : "+A"(l->locked) :: "memory");
}

static inline int arch_spin_is_locked(arch_spinlock_t *l) { return l->locked != 0; }

#endif
