// SPDX-License-Identifier: BSD-2-Clause
/* The self-test runner's non-local jump on the host: the C library's (firmware/arch/riscv has its
 * own, same contract: asm/setjmp.h there). */
#ifndef ASM_SETJMP_H
#define ASM_SETJMP_H

#include <setjmp.h>

typedef jmp_buf arch_jmp_buf;

#define arch_setjmp(jb)		setjmp(jb)
#define arch_longjmp(jb, val)	longjmp((jb), (val))

#endif
