// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel register interface (docs/pgaccel.md, docs/registers.md). The numbers come from the one
 * description, rtl/regs/pgaccel.rdl, through the headers the build generates: regs/pagoda_map.h
 * (offsets, and the encodings PGACCEL_OP_xxx and PGACCEL_ERR_xxx under the names used here) and
 * regs/pgaccel.h (peakrdl-cheader: field masks _bm and positions _bp). This file only names them
 * for the drivers.
 *
 * Every register is 64 bits wide at an 8-byte aligned offset. Driver sequence: write CMD_ADDR,
 * CMD_LEN, CMD_ARG, then CMD_POST (this queues the command, or sets STATUS.REJECTED when all slots
 * are taken); wait for STATUS.DONE or the interrupt; read COMP, which returns and removes the oldest
 * completion (VALID clear when there is none). A slot stays taken until its completion is read.
 */
#ifndef PAGODA_PGACCEL_REGS_H
#define PAGODA_PGACCEL_REGS_H

#include <regs/pagoda_map.h>
#include <regs/pgaccel.h>

/* Field f of register reg in value v (shift, then mask: no 64-bit mask constant to load). */
#define PGACCEL_FIELD(reg, f, v) \
	((unsigned)(((v) >> PGACCEL__##reg##__##f##_bp) & \
		    (PGACCEL__##reg##__##f##_bm >> PGACCEL__##reg##__##f##_bp)))

#define PGACCEL_REG_ID		PGACCEL_ID_OFFSET	/* RO: PGACCEL_ID_MAGIC | version << 32 */
#define PGACCEL_REG_CAPS	PGACCEL_CAPS_OFFSET	/* RO: see PGACCEL_CAPS_* */
#define PGACCEL_REG_RAM_BASE	PGACCEL_RAM_BASE_OFFSET	/* RO: start of the RAM the engine accepts */
#define PGACCEL_REG_RAM_SIZE	PGACCEL_RAM_SIZE_OFFSET	/* RO: its size in bytes */
#define PGACCEL_REG_IRQ_EN	PGACCEL_IRQ_EN_OFFSET	/* RW: PGACCEL_IRQ_* */
#define PGACCEL_REG_STATUS	PGACCEL_STATUS_OFFSET	/* RO, REJECTED is write-1-to-clear */
#define PGACCEL_REG_CMD_ADDR	PGACCEL_CMD_ADDR_OFFSET	/* WO: ZERO/FILL start; SCAN bitmap address */
#define PGACCEL_REG_CMD_LEN	PGACCEL_CMD_LEN_OFFSET	/* WO: ZERO/FILL bytes; SCAN end bit (size) */
#define PGACCEL_REG_CMD_ARG	PGACCEL_CMD_ARG_OFFSET	/* WO: FILL pattern; SCAN start bit, nr */
#define PGACCEL_REG_CMD_POST	PGACCEL_CMD_POST_OFFSET	/* WO: op, alignment, polarity, tag: queues */
#define PGACCEL_REG_COMP	PGACCEL_COMP_OFFSET	/* RO, read pops: oldest completion */
#define PGACCEL_REG_CNT_BUSY	PGACCEL_CNT_BUSY_OFFSET	/* RO: cycles with a command in the engine */
#define PGACCEL_REG_CNT_BYTES	PGACCEL_CNT_BYTES_OFFSET	/* RO: bytes written without error */
#define PGACCEL_REG_CNT_WORDS	PGACCEL_CNT_WORDS_OFFSET	/* RO: bitmap words read */
#define PGACCEL_REG_CNT_OPS	PGACCEL_CNT_OPS_OFFSET	/* RO: commands completed (errors included) */
/* DMA window (version 1.1): every command must lie in [WIN_BASE, WIN_END). Writable only whole,
 * unlocked, with nothing queued or running; any other write is answered with err (a store access
 * fault) and changes nothing. The boot ROM sets it and sets LOCK, which clears only at reset. */
#define PGACCEL_REG_WIN_BASE	PGACCEL_WIN_BASE_OFFSET	/* RW until locked: first byte DMA may touch */
#define PGACCEL_REG_WIN_END	PGACCEL_WIN_END_OFFSET	/* RW until locked: end (exclusive) */
#define PGACCEL_REG_WIN_CTRL	PGACCEL_WIN_CTRL_OFFSET	/* RW until locked: PGACCEL_WIN_LOCK */

#define PGACCEL_WIN_LOCK	((unsigned)PGACCEL__WIN_CTRL__LOCK_bm)	/* frozen until reset */

#define PGACCEL_ID_MAGIC	((unsigned)PGACCEL_ID_MAGIC_RESET)	/* "PGAC" */
#define PGACCEL_ID_VERSION(id)	PGACCEL_FIELD(ID, VERSION, id)	/* 0x101 = 1.1 */
#define PGACCEL_VERSION_WINDOW	0x101	/* first version with the DMA window registers */

#define PGACCEL_CAPS_QDEPTH(c)	PGACCEL_FIELD(CAPS, QDEPTH, c)	/* command slots */
#define PGACCEL_CAPS_RDEPTH(c)	PGACCEL_FIELD(CAPS, RDEPTH, c)
#define PGACCEL_CAPS_CNT_W(c)	PGACCEL_FIELD(CAPS, CNT_W, c)	/* counter bits */
#define PGACCEL_CAPS_OPS(c)	PGACCEL_FIELD(CAPS, OPS, c)	/* bit per opcode 1..3 */

#define PGACCEL_IRQ_DONE	((unsigned)PGACCEL__IRQ_EN__DONE_bm)	/* while a completion waits */
#define PGACCEL_IRQ_REJECTED	((unsigned)PGACCEL__IRQ_EN__REJECTED_bm)	/* while REJECTED */

#define PGACCEL_ST_BUSY		((unsigned)PGACCEL__STATUS__BUSY_bm)	/* queued or running */
#define PGACCEL_ST_FULL		((unsigned)PGACCEL__STATUS__FULL_bm)	/* a post would be rejected */
#define PGACCEL_ST_DONE		((unsigned)PGACCEL__STATUS__DONE_bm)	/* a completion waits */
#define PGACCEL_ST_REJECTED	((unsigned)PGACCEL__STATUS__REJECTED_bm)	/* sticky; W1C */
#define PGACCEL_ST_FREE(s)	PGACCEL_FIELD(STATUS, FREE, s)	/* free slots */
#define PGACCEL_ST_NCOMP(s)	PGACCEL_FIELD(STATUS, NCOMP, s)	/* completions waiting */
#define PGACCEL_ST_NCMD(s)	PGACCEL_FIELD(STATUS, NCMD, s)	/* commands queued or running */

/* CMD_POST word. Polarity 0: free bits are 0 (Linux's find_next_zero_area); 1: free bits are 1. */
#define PGACCEL_POST_FIELD(f, v) \
	(((unsigned long)(v) << PGACCEL__CMD_POST__##f##_bp) & PGACCEL__CMD_POST__##f##_bm)
#define PGACCEL_POST(op, align_order, pol, tag) \
	(PGACCEL_POST_FIELD(OP, op) | PGACCEL_POST_FIELD(ALIGN, align_order) | \
	 PGACCEL_POST_FIELD(POL, pol) | PGACCEL_POST_FIELD(TAG, tag))

/* SCAN argument: start bit and run length nr. */
#define PGACCEL_SCAN_ARG(start, nr) \
	((unsigned long)(unsigned int)(start) << PGACCEL__CMD_ARG__START_bp | \
	 (unsigned long)(unsigned int)(nr) << PGACCEL__CMD_ARG__NR_bp)

/* COMP fields. */
#define PGACCEL_COMP_VALID	((unsigned long)PGACCEL__COMP__VALID_bm)
#define PGACCEL_COMP_FOUND	((unsigned long)PGACCEL__COMP__FOUND_bm)
#define PGACCEL_COMP_RESULT(c)	PGACCEL_FIELD(COMP, RESULT, c)
#define PGACCEL_COMP_ERR(c)	PGACCEL_FIELD(COMP, ERR, c)
#define PGACCEL_COMP_TAG(c)	PGACCEL_FIELD(COMP, TAG, c)

/* Completion error codes PGACCEL_ERR_* (regs/pagoda_map.h); the checks run in that order and the
 * first that applies is reported. */
#define PGACCEL_NR_ERR		(1u << PGACCEL__COMP__ERR_bw)	/* the ERR field's values */

#endif
