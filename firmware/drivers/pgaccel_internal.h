// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the pieces of the pgaccel driver share and nobody else uses: pgaccel.c (probe, command
 * queue, the allocator's hooks), pgaccel_prezero.c (the pool of blocks zeroed in the background),
 * pgaccel_calib.c (software against hardware, measured at boot) and pgaccel_shell.c (the shell
 * command and the demo table). The interface for everyone else is pgaccel.h.
 */
#ifndef DRIVERS_PGACCEL_INTERNAL_H
#define DRIVERS_PGACCEL_INTERNAL_H

#include <asm/barrier.h>
#include <asm/io.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <pagoda/spinlock.h>
#include <pagoda/types.h>
#include "pgaccel.h"
#include "pgaccel_regs.h"

/* Serialises every use of the command queue: post-and-wait, the pool's posts, harvesting. */
extern spinlock_t pgaccel_engine_lock;

/*
 * Register access inside the driver. Status, counters and command words are _relaxed: one device
 * sees them in program order, and they share no memory with it. The fences sit where memory and
 * the engine meet: the post (writeq: the CPU's earlier stores, a bitmap to search, reach memory
 * before the engine starts) and a completion taken as done (pgaccel_comp_barrier(): what the
 * engine wrote is seen by the CPU's later accesses). pgaccel_readq/writeq, for tests, are ordered.
 */
static inline u64 reg_readq(unsigned int off)
{
	return readq_relaxed((void *)(pgaccel.base + off));
}

static inline void reg_writeq(unsigned int off, u64 val)
{
	writeq_relaxed(val, (void *)(pgaccel.base + off));
}

static inline void reg_post(u64 post)
{
	writeq(post, (void *)(pgaccel.base + PGACCEL_REG_CMD_POST));
}

static inline void pgaccel_comp_barrier(void)
{
	iomb();
}

/*
 * A physical range of RAM as the engine's bus address, through the DMA API (pgaccel_dev): outside
 * the window, or not memory the API maps, it is DMA_MAPPING_ERROR (counted in fallback_window)
 * and the CPU serves the request. Inline: every hardware zero, fill and search pays it.
 */
static inline dma_addr_t pgaccel_map(phys_addr_t pa, u64 len, enum dma_data_direction dir)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	dma_addr_t d = DMA_MAPPING_ERROR;

	if (pfn_valid(pfn))
		d = dma_map_page(&pgaccel_dev, pfn_to_page(pfn), pa & (PAGE_SIZE - 1), len, dir);
	if (unlikely(dma_mapping_error(&pgaccel_dev, d)))
		pgaccel.stats.fallback_window++;
	return d;
}

static inline void pgaccel_unmap(dma_addr_t d, u64 len, enum dma_data_direction dir)
{
	dma_unmap_page(&pgaccel_dev, d, len, dir);
}

static inline bool pgaccel_hw_usable(void)
{
	return pgaccel.present && !pgaccel.wedged && pgaccel.mode != PGACCEL_SW;
}

/* pgaccel.c; pgaccel_engine_dead() with pgaccel_engine_lock held. */
unsigned long pgaccel_timeout_ticks(u64 beats);
void pgaccel_engine_dead(void);
/* pgaccel.c: recompute pgaccel.zero_hw_from and the capture hint from present, wedged, mode and
 * the crossovers; every change of one of them calls it. */
void pgaccel_update_paths(void);

/* pgaccel_shell.c: state and calibration on the console. */
void pgaccel_show(void);

/* pgaccel_prezero.c; the first three with pgaccel_engine_lock held, the hooks take it. */
extern unsigned int pgaccel_prezero_inflight;
void __pgaccel_harvest_completions(void);

/* Take the background commands' waiting completions. Inline: with none in flight (every
 * synchronous command of a boot without the pool) it is one load, not a call whose slow path's
 * frame cost 38 cycles. */
static inline void pgaccel_harvest_completions(void)
{
	if (pgaccel_prezero_inflight)
		__pgaccel_harvest_completions();
}
void pgaccel_prezero_complete(u64 comp);
void pgaccel_prezero_quarantine(void);
void pgaccel_update_capture_hint(void);	/* mm_capture_wanted from the pool's state */
bool pgaccel_capture_free(struct zone *zone, struct page *page, unsigned int order);
struct page *pgaccel_take_zeroed(struct zone *zone, unsigned int order);
unsigned int pgaccel_take_zeroed_batch(struct zone *zone, struct list_head *list, unsigned int max);

/* pgaccel_calib.c: the median of a few runs, in cycles; *ok cleared when a command fails. */
int pgaccel_calibrate(void);
unsigned long pgaccel_time_sw_zero(phys_addr_t pa, unsigned long len);
unsigned long pgaccel_time_hw_zero(phys_addr_t pa, unsigned long len, bool *ok);
unsigned long pgaccel_time_sw_scan(const unsigned long *map, unsigned long words);
unsigned long pgaccel_time_hw_scan(phys_addr_t pa, unsigned long words, bool *ok);

#endif
