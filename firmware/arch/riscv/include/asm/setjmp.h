// SPDX-License-Identifier: BSD-2-Clause
/*
 * A non-local jump for the self-test runner (kernel/selftest.c): an assertion that fails deep in
 * a test jumps back to the runner, as KUnit's KUNIT_ASSERT aborts its test. Only what the calling
 * convention says a callee keeps is saved: ra, sp and s0-s11 (no F/D registers on this core;
 * gp and tp never change in the firmware). arch_setjmp() returns 0 when called and the value given
 * to arch_longjmp() (never 0) when jumped to; the frame that called it must still be live.
 */
#ifndef ASM_SETJMP_H
#define ASM_SETJMP_H

#define JB_RA		0
#define JB_SP		1
#define JB_S0		2	/* s0..s11 in words 2..13 */
#define JB_WORDS	14

#ifndef __ASSEMBLER__
#include <pagoda/compiler.h>

typedef unsigned long arch_jmp_buf[JB_WORDS];

int arch_setjmp(arch_jmp_buf jb) __attribute__((returns_twice));
void arch_longjmp(arch_jmp_buf jb, int val) __noreturn;
#endif

#endif
