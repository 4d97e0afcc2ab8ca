/* SPDX-License-Identifier: BSD-2-Clause */
/* Reports failure code 3 through tohost: the simulator must exit with status 3. */
#include "htif.h"
	.section .text.init
	.globl _start
_start:
	HTIF_WRITE_AND_SPIN (3 << 1) | 1

	HTIF_MAILBOXES
