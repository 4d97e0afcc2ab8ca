// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel register interface (docs/pgaccel.md). The numbers must match rtl/accel/pgaccel_pkg.sv.
 *
 * Every register is 64 bits wide at an 8-byte aligned offset. Driver sequence: write CMD_ADDR,
 * CMD_LEN, CMD_ARG, then CMD_POST (this queues the command, or sets STATUS.REJECTED when all slots
 * are taken); wait for STATUS.DONE or the interrupt; read COMP, which returns and removes the oldest
 * completion (VALID clear when there is none). A slot stays taken until its completion is read.
 */
#ifndef PAGODA_PGACCEL_REGS_H
#define PAGODA_PGACCEL_REGS_H

#define PGACCEL_REG_ID		0x000	/* RO: PGACCEL_ID_MAGIC | version << 32 */
#define PGACCEL_REG_CAPS	0x008	/* RO: see PGACCEL_CAPS_* */
#define PGACCEL_REG_RAM_BASE	0x010	/* RO: start of the RAM window the engine accepts */
#define PGACCEL_REG_RAM_SIZE	0x018	/* RO: its size in bytes */
#define PGACCEL_REG_IRQ_EN	0x020	/* RW: PGACCEL_IRQ_* */
#define PGACCEL_REG_STATUS	0x028	/* RO, REJECTED is write-1-to-clear */
#define PGACCEL_REG_CMD_ADDR	0x040	/* WO: ZERO/FILL start address; SCAN bitmap address */
#define PGACCEL_REG_CMD_LEN	0x048	/* WO: ZERO/FILL length in bytes; SCAN end bit (size) */
#define PGACCEL_REG_CMD_ARG	0x050	/* WO: FILL pattern; SCAN start bit [31:0], nr [63:32] */
#define PGACCEL_REG_CMD_POST	0x058	/* WO: opcode, alignment, polarity, tag: queues */
#define PGACCEL_REG_COMP	0x060	/* RO, read pops: oldest completion */
#define PGACCEL_REG_CNT_BUSY	0x080	/* RO: cycles with a command in the engine */
#define PGACCEL_REG_CNT_BYTES	0x088	/* RO: bytes written without error */
#define PGACCEL_REG_CNT_WORDS	0x090	/* RO: bitmap words read */
#define PGACCEL_REG_CNT_OPS	0x098	/* RO: commands completed (errors included) */
/* DMA window (version 1.1): every command must lie in [WIN_BASE, WIN_END). Writable only whole,
 * unlocked, with nothing queued or running; any other write is answered with err (a store access
 * fault) and changes nothing. The boot ROM sets it and sets LOCK, which clears only at reset. */
#define PGACCEL_REG_WIN_BASE	0x0a0	/* RW until locked: first byte DMA may touch */
#define PGACCEL_REG_WIN_END	0x0a8	/* RW until locked: end of the window (exclusive) */
#define PGACCEL_REG_WIN_CTRL	0x0b0	/* RW until locked: PGACCEL_WIN_LOCK */

#define PGACCEL_WIN_LOCK	(1u << 0)	/* window frozen until reset */

#define PGACCEL_ID_MAGIC	0x50474143u	/* "PGAC" */
#define PGACCEL_ID_VERSION(id)	((unsigned)((id) >> 32))	/* 0x101 = 1.1 */
#define PGACCEL_VERSION_WINDOW	0x101	/* first version with the DMA window registers */

#define PGACCEL_CAPS_QDEPTH(c)	((unsigned)((c) & 0xff))	/* command slots */
#define PGACCEL_CAPS_RDEPTH(c)	((unsigned)(((c) >> 8) & 0xff))
#define PGACCEL_CAPS_CNT_W(c)	((unsigned)(((c) >> 16) & 0xff))	/* counter bits */
#define PGACCEL_CAPS_OPS(c)	((unsigned)(((c) >> 24) & 0x7))	/* bit per opcode 1..3 */

#define PGACCEL_IRQ_DONE	(1u << 0)	/* level while a completion waits */
#define PGACCEL_IRQ_REJECTED	(1u << 1)	/* level while STATUS.REJECTED is set */

#define PGACCEL_ST_BUSY		(1u << 0)	/* a command is queued or running */
#define PGACCEL_ST_FULL		(1u << 1)	/* every slot taken: a post would be rejected */
#define PGACCEL_ST_DONE		(1u << 2)	/* a completion waits in COMP */
#define PGACCEL_ST_REJECTED	(1u << 3)	/* sticky: a post was rejected; write 1 to clear */
#define PGACCEL_ST_FREE(s)	((unsigned)(((s) >> 8) & 0xf))	/* free slots */
#define PGACCEL_ST_NCOMP(s)	((unsigned)(((s) >> 16) & 0xf))	/* completions waiting */
#define PGACCEL_ST_NCMD(s)	((unsigned)(((s) >> 24) & 0xf))	/* commands queued or running */

#define PGACCEL_OP_ZERO		1
#define PGACCEL_OP_FILL		2
#define PGACCEL_OP_SCAN		3

/* CMD_POST word. Polarity 0: free bits are 0 (Linux's find_next_zero_area); 1: free bits are 1. */
#define PGACCEL_POST(op, align_order, pol, tag) \
	((unsigned long)(op) | (unsigned long)((align_order) & 31) << 8 | \
	 (unsigned long)((pol) & 1) << 16 | (unsigned long)((tag) & 0xff) << 24)

/* SCAN argument: start bit and run length nr. */
#define PGACCEL_SCAN_ARG(start, nr) \
	((unsigned long)(unsigned int)(start) | (unsigned long)(unsigned int)(nr) << 32)

/* COMP fields. */
#define PGACCEL_COMP_VALID	(1ul << 63)
#define PGACCEL_COMP_FOUND	(1ul << 32)
#define PGACCEL_COMP_RESULT(c)	((unsigned int)(c))
#define PGACCEL_COMP_ERR(c)	((unsigned)(((c) >> 40) & 0xf))
#define PGACCEL_COMP_TAG(c)	((unsigned)(((c) >> 48) & 0xff))

/* Completion error codes; checks run in this order and the first that applies is reported. */
#define PGACCEL_ERR_NONE	0
#define PGACCEL_ERR_OP		1	/* unknown opcode */
#define PGACCEL_ERR_LEN		2	/* ZERO/FILL length 0, or SCAN nr 0 */
#define PGACCEL_ERR_ALIGN	3	/* address (or ZERO/FILL length) not a multiple of 8 */
#define PGACCEL_ERR_OVERFLOW	4	/* length >= 2^32, or the range reaches 2^32 */
#define PGACCEL_ERR_BITMAP	5	/* SCAN start bit > end bit */
#define PGACCEL_ERR_RANGE	6	/* range or bitmap words not inside RAM */
#define PGACCEL_ERR_BUS		7	/* bus error; RESULT = failing address */
#define PGACCEL_ERR_WINDOW	8	/* inside RAM, not inside the DMA window; nothing accessed */
#define PGACCEL_NR_ERR		16	/* the 4-bit ERR field */

#endif
