/* SPDX-License-Identifier: BSD-2-Clause */
# Instruction cache (docs/core.md "Instruction cache"):
#  1. a whole 64-byte line of code written by stores, executed (now cached), rewritten, fence.i,
#     executed again: the new code runs (without the invalidate the cached line would);
#  5. every index of the cache: 256 lines (16 KiB, the largest I$) of code run, rewritten, fence.i,
#     run again: fence.i's walk must clear each line's entry (one left valid runs stale code);
#  2. (Pagoda's core harness only, not the SoC: it fails fetch reads of the lane "ifetch_err") a refill that gets an error
#     on one beat allocates nothing: the line's good lane still runs (fetched uncached), one refill
#     was started (mhpmcounter3 counting I$ misses), and the bad lane gives an instruction access
#     fault with mtval = its address (an allocated line would have run it), also after a second
#     failing line ("ifetch_err2") has taken the cache's one "uncached line" mark.
#include "test.h"
#define IRQCTL    0x20000000       /* core harness: interrupt-control device */
#define ADDI_A0_1 0x00150513       /* addi a0, a0, 1 */
#define ADDI_A0_2 0x00250513       /* addi a0, a0, 2 */
#define RET       0x00008067       /* jalr zero, 0(ra) */
TEST_BEGIN
	SET_MTVEC(mtrap_skip)
	la s0, codebuf
	li s1, 1
	li a1, ADDI_A0_1
	jal write_lines
	fence.i
	li a0, 0
	jalr s0
	CHECK(1, a0, 15)
	jalr s0                    /* again: from the cache */
	CHECK(2, a0, 30)
	li a1, ADDI_A0_2
	jal write_lines
	fence.i
	li a0, 0
	jalr s0
	CHECK(3, a0, 30)
	# the same line rewritten at once after running it, twice in a row
	li a1, ADDI_A0_1
	jal write_lines
	fence.i
	li a0, 0
	jalr s0
	CHECK(4, a0, 15)

	la s0, bigbuf
	li s1, 256
	li a1, ADDI_A0_1
	jal write_lines
	fence.i
	li a0, 0
	jal run_lines
	CHECK(5, a0, 3840)         /* 256 lines x 15 */
	li a1, ADDI_A0_2
	jal write_lines
	fence.i
	li a0, 0
	jal run_lines
	CHECK(6, a0, 7680)

	SKIP_ON_QEMU(2f)
	# the fetch errors come from the core harness (ifetch_err*), which also has the irq-control
	# device: where a store to it faults (the SoC, soc-bare) the refill-error part is skipped
	li s9, -1
	li t1, IRQCTL
	sw zero, 0(t1)
	bgez s9, 2f
	li t0, 2                   /* HPM_EV_IC_MISS */
	csrw mhpmevent3, t0
	la t1, errline
	li s9, -1
	j 1f
	.align 6                   /* the measured block fits in one line, cached once it runs */
1:	csrw mhpmcounter3, zero
	jalr t1                    /* errline's lane 0: a0 = 5 */
	csrr t2, mhpmcounter3
	CHECK(10, a0, 5)
	CHECK(11, t2, 1)           /* one refill started (and failed) */
	CHECK(12, s9, -1)          /* no trap */
	jalr t1                    /* again: the line stays uncached */
	CHECK(13, a0, 5)
	la s7, 3f                  /* the fault resumes at 3f */
	addi t1, t1, 8
	jalr t1                    /* the failing lane: instruction access fault */
	j fail
3:	EXPECT_CAUSE(14, 1)
	li gp, 15
	bne s11, t1, fail          /* mtval: the lane's address */
	la t1, errline
	jalr t1                    /* the good lane still runs */
	CHECK(16, a0, 5)
	# a second failing line takes the "uncached" mark: the first one's bad lane must still fault
	# (it was never allocated), now through a refill that fails again
	la t1, errline2
	jalr t1
	CHECK(17, a0, 7)
	la s7, 4f
	la t1, ifetch_err
	jalr t1
	j fail
4:	EXPECT_CAUSE(18, 1)
	li gp, 19
	bne s11, t1, fail
2:
TEST_END

	.text
	.align 6
errline:
	li a0, 5
	ret
	.align 3
	.globl ifetch_err
ifetch_err:
	li a0, 6
	ret
	.align 6
errline2:
	li a0, 7
	ret
	.align 3
	.globl ifetch_err2
ifetch_err2:
	li a0, 8
	ret
	.align 6

/* After the failing lines: fetch runs ahead of a ret, and running ahead of these into errline's
 * line would fail its refill and mark it uncached before case 11 counts that refill. */
/* write 15 copies of the instruction in a1 and a ret into each of the s1 lines from s0 */
write_lines:
	mv t3, s0
	slli t4, s1, 6
	add t4, t4, s0
1:	addi t1, t3, 60
2:	sw a1, 0(t3)
	addi t3, t3, 4
	bne t3, t1, 2b
	li t2, RET
	sw t2, 0(t3)
	addi t3, t3, 4
	bne t3, t4, 1b
	ret

/* call each of the s1 lines from s0 in turn (a0 adds up) */
run_lines:
	mv s2, ra
	mv t5, s0
	slli t4, s1, 6
	add t4, t4, s0
1:	jalr t5
	addi t5, t5, 64
	bne t5, t4, 1b
	mv ra, s2
	ret

	.data
	.align 6
codebuf:
	.fill 16, 4, 0
	.align 6
bigbuf:
	.fill 4096, 4, 0
