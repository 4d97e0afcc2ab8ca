// SPDX-License-Identifier: BSD-2-Clause
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define mb() __asm__ volatile("fence rw, rw" ::: "memory")
#define rmb() __asm__ volatile("fence r, r" ::: "memory")
#define wmb() __asm__ volatile("fence w, w" ::: "memory")
#define barrier() __asm__ volatile("" ::: "memory")
#define cpu_relax() __asm__ volatile("nop" ::: "memory")
/* Order normal memory against device (MMIO) accesses. */
#define iomb() __asm__ volatile("fence iorw, iorw" ::: "memory")

#endif
