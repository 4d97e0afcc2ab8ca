// SPDX-License-Identifier: BSD-2-Clause
/* Offsets shared by assembly and C (checked by BUILD_BUG_ON in arch/riscv/smp.c). */
#ifndef ASM_ASM_OFFSETS_H
#define ASM_ASM_OFFSETS_H

#define STACK_SIZE 16384
#define HART_STATE_SIZE 32
#define HART_STATE_CPU 0
#define HART_STATE_HARTID 8
#define HART_STATE_IRQ_DEPTH 16
#define HART_STATE_CURRENT 24

/* struct pt_regs: x1..x31 at 8*(n-1), then sepc, sstatus, scause, stval. */
#define PT_SEPC (31 * 8)
#define PT_SSTATUS (32 * 8)
#define PT_SCAUSE (33 * 8)
#define PT_STVAL (34 * 8)
#define PT_SIZE (36 * 8)

#endif
