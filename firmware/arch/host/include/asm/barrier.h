// SPDX-License-Identifier: BSD-2-Clause
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define barrier() __asm__ volatile("" ::: "memory")
#define cpu_relax() barrier()
#define iomb() mb()

#endif
