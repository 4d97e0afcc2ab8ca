/* SPDX-License-Identifier: BSD-2-Clause */
/* Never ends: the simulator must stop at +max-cycles and exit with status 124. */
#include "htif.h"
	.section .text.init
	.globl _start
_start:
1:	j 1b

	HTIF_MAILBOXES
