// SPDX-License-Identifier: BSD-2-Clause
/* Host builds: the fault-probing accessors the shell's peek and the self-test runner's
 * selftest_check_fault() use (a host harness defines them). */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

long probe_read64(unsigned long addr, unsigned long *val);
long probe_read32(unsigned long addr, unsigned int *val);
unsigned long probe_fault_tval(void);

#endif
