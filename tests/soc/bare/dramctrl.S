/* SPDX-License-Identifier: BSD-2-Clause */
/* LiteDRAM's CSRs from the core, through the crossbar's DRAMCTRL slave (rtl/mem/pagoda_dram_csr.sv),
 * at the map's window (PAGODA_DRAMCTRL_BASE, rtl/regs/dramctrl.rdl): what the serial-boot ROM's
 * sdram_init() does on the board. On the SoC built with MEM=litedram: init_done reads 1
 * (pagoda_dram_init wrote it: this SoC preloads RAM), init_error 0, and a storage CSR of the
 * DFII (PI0's address, 0x80c in the simulation controller's generated csr.h; 14 bits) reads back
 * what was written, in both halves of a lane. Passes (exit 0). Without the controller the window
 * is nobody's: the first load is an access fault, reported as exit status 5 (mcause), which
 * soc-bare expects of the default SoC. Any other trap: its mcause as the status. */
#include "htif.h"
#include <regs/pagoda_map.h>

#define CSR_INIT_DONE		0x0
#define CSR_INIT_ERROR		0x4
#define CSR_DFII		0x800	/* the bank, as a base: offsets past 2047 need one */
#define CSR_PI0_ADDRESS		0xc	/* from CSR_DFII */
#define CSR_PI0_BADDRESS	0x10

	.section .text.init
	.globl _start
_start:
	la t0, trap
	csrw mtvec, t0
	li s0, PAGODA_DRAMCTRL_BASE
	li s1, PAGODA_DRAMCTRL_BASE + CSR_DFII
	lw t1, CSR_INIT_DONE(s0)
	li t2, 1
	bne t1, t2, fail_10
	lw t1, CSR_INIT_ERROR(s0)
	bnez t1, fail_11
	li t2, 0x2abc
	sw t2, CSR_PI0_ADDRESS(s1)
	li t3, 5
	sw t3, CSR_PI0_BADDRESS(s1)
	lw t1, CSR_PI0_ADDRESS(s1)
	bne t1, t2, fail_12
	lw t1, CSR_PI0_BADDRESS(s1)
	bne t1, t3, fail_13
	HTIF_WRITE_AND_SPIN 1
fail_10:
	HTIF_WRITE_AND_SPIN (10 << 1) | 1
fail_11:
	HTIF_WRITE_AND_SPIN (11 << 1) | 1
fail_12:
	HTIF_WRITE_AND_SPIN (12 << 1) | 1
fail_13:
	HTIF_WRITE_AND_SPIN (13 << 1) | 1

	.align 2
trap:
	csrr t0, mcause
	slli t0, t0, 1
	ori t0, t0, 1
	la t1, tohost
	sd t0, 0(t1)
1:	j 1b

	HTIF_MAILBOXES
