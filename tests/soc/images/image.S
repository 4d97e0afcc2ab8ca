/* SPDX-License-Identifier: BSD-2-Clause */
/* A minimal image for the simulator's image checks (tests/soc/sim_inputs.sh): code at the entry
 * and one data word in a section of its own, placed by the link command (--section-start), so
 * that each test image puts a PT_LOAD segment where it must be refused. */
	.section .text
	.globl _start
_start:
	j _start

	.section .extra, "aw", @progbits
	.dword 0x5a5a5a5a5a5a5a5a

	.section .tohost, "aw", @progbits
	.align 3
	.globl tohost
tohost:
	.dword 0
