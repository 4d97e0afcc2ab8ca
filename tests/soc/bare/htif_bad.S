/* SPDX-License-Identifier: BSD-2-Clause */
/* An HTIF request the simulator does not serve (device 2): the run must fail at once with a
 * message naming it, instead of leaving the program waiting for an answer. */
#include "htif.h"
	.section .text.init
	.globl _start
_start:
	HTIF_WRITE_AND_SPIN (2 << 56) | 0x55

	HTIF_MAILBOXES
