// SPDX-License-Identifier: BSD-2-Clause
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

/* Saved by trap_entry; layout fixed by asm-offsets.h. regs[n-1] holds xn. */
struct pt_regs {
	unsigned long regs[31];
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long scause;
	unsigned long stval;
	unsigned long pad;
};

#define PT_REG_A0(r) ((r)->regs[9])

long probe_read64(unsigned long addr, unsigned long *val);
long probe_write64(unsigned long addr, unsigned long val);
long probe_read32(unsigned long addr, unsigned int *val);
long probe_write32(unsigned long addr, unsigned int val);
long probe_csr_mstatus(void);	/* 0, or -2 (illegal instruction) as S-mode must get */
long probe_amoor64(unsigned long addr, unsigned long *old);
/* Jump to addr (code there must return 0 to come back normally); an exception raised at addr
 * itself, such as an instruction access fault, returns -scause instead. */
long probe_exec(unsigned long addr);
unsigned long probe_fault_tval(void);	/* stval of this hart's last probe that faulted */

#endif
