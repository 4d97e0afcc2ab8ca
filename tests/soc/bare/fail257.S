/* SPDX-License-Identifier: BSD-2-Clause */
/* Fails as riscv-tests test 257 does (tohost = 257 << 1 | 1): the simulator must report the whole
 * number, not its low byte (1), though the process status can only carry that byte. */
#include "htif.h"
	.section .text.init
	.globl _start
_start:
	HTIF_WRITE_AND_SPIN (257 << 1) | 1

	HTIF_MAILBOXES
