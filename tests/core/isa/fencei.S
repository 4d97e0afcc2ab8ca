/* SPDX-License-Identifier: BSD-2-Clause */
# Zifencei and fetch: self-modifying code becomes visible after fence.i; instructions straddling
# 8-byte lanes; compressed and 32-bit instructions mixed at every alignment.
#include "test.h"
TEST_BEGIN
	la s0, patch
	li a0, 0
	jalr s0                    /* original: a0 = 1 */
	CHECK(1, a0, 1)
	lw t0, new_insn
	sw t0, 0(s0)
	fence.i
	jalr s0                    /* patched: a0 = 2 */
	CHECK(2, a0, 2)
	# 32-bit instructions at offsets 2, 4, 6 within a lane
	.align 3
	c.nop
	li a1, 0x111               /* addi at offset 2 */
	c.nop
	c.nop
	addi a1, a1, 0x222         /* offset 6: straddles the lane */
	c.nop
	addi a1, a1, 0x444
	CHECK(3, a1, 0x777)
	# a taken jump to a 32-bit instruction that straddles a lane
	j 1f
	.align 3
	.hword 0x0001, 0x0001, 0x0001     /* c.nop x3 */
1:	addi a2, zero, 99                 /* offset 6 */
	CHECK(4, a2, 99)
TEST_END
	.align 2
	.option push
	.option norvc
patch:
	addi a0, zero, 1
	jalr zero, 0(ra)
new_insn:
	addi a0, zero, 2
	.option pop
