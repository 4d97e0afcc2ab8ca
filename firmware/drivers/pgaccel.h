// SPDX-License-Identifier: BSD-2-Clause
/* pgaccel driver interface: the allocator reaches the engine through mm_register_zero_ops() and
 * mm_register_scan_ops(); this header is for tests, benchmarks and the shell. */
#ifndef DRIVERS_PGACCEL_H
#define DRIVERS_PGACCEL_H

#include <asm/cacheflush.h>
#include <pagoda/types.h>
#include "pgaccel_model.h"

enum pgaccel_mode { PGACCEL_AUTO, PGACCEL_HW, PGACCEL_SW };

struct pgaccel_stats {
	/* first: written by every zeroing, on the dispatch's line (struct pgaccel_info) */
	unsigned long hw_zero, sw_zero, hw_zero_bytes, sw_zero_bytes;
	unsigned long hw_fill, sw_fill, hw_scan, sw_scan;
	unsigned long fallback_error, fallback_timeout, fallback_busy, fallback_unsuitable;
	unsigned long fallback_badcomp;	/* a completion that is not the command's: engine off */
	unsigned long fallback_window;	/* range outside the DMA window: software, never posted */
	unsigned long hw_pieces;	/* commands of the zeroes and fills cut in pieces (pgaccel.c) */
	unsigned long prezero_captured, prezero_hits, prezero_misses;
	unsigned long prezero_quarantined;	/* pages the engine stopped on: kept out for good */
	unsigned long err[16];	/* completions by error code (PGACCEL_NR_ERR) */
};

/*
 * The first line holds what every request's dispatch reads (present, wedged, mode, crossovers)
 * and the zeroing counters it writes: one D$ line. The D$ is 4 KiB; zeroing a block it holds,
 * each further line the dispatch touches evicts a dirty piece of the block (4 lines here cost
 * a 4 KiB auto zero ~6 misses more than the bare cbo.zero loop).
 */
struct pgaccel_info {
	bool present;
	bool wedged;	/* a command never completed: hardware path off for good */
	bool prezero;	/* capture freed pages and zero them in the background */
	enum pgaccel_mode mode;
	/* bytes from which pgaccel_zero() posts to the engine: zero_crossover in auto, 0 in hw
	 * mode, ~0 without a usable engine (pgaccel_update_paths()): its dispatch is one compare */
	unsigned long zero_hw_from;
	unsigned long zero_crossover;	/* bytes: hardware from here (auto); ~0 = never */
	unsigned long scan_crossover;	/* bitmap words */
	struct pgaccel_stats stats;
	unsigned long base;	/* register window */
	u32 irq;
	u64 ram_base, ram_size;
	u64 win_base, win_end;	/* DMA window [win_base, win_end) the engine enforces */
	bool win_locked;	/* set by the boot ROM: nobody can change the window until reset */
	unsigned int qdepth;
	struct pgaccel_cost zero_sw, zero_hw, scan_sw, scan_hw;	/* bytes / bitmap words */
	unsigned long calib_cycles;	/* what the boot's calibration took */
	unsigned long zero_measured;	/* the zeroing crossover the costs gave, before the D$ floor */
} __aligned(64);
_Static_assert(__builtin_offsetof(struct pgaccel_info, stats.sw_zero_bytes) + 8 <= 64,
	       "the dispatch's fields and the zeroing counters share the first line");

extern struct pgaccel_info pgaccel;
/* pgaccel_calib.c: the crossovers when nothing could be measured (no memory at probe). */
void pgaccel_calibration_defaults(void);
/* The engine as the DMA API sees it (mm/dma-mapping.h): 32-bit mask, the locked DMA window. */
extern struct device pgaccel_dev;

/* Synchronous operations on physical ranges. Return 0, or -(PGACCEL_ERR_* code), or
 * PGACCEL_ETIMEDOUT / PGACCEL_EBADCOMP / PGACCEL_EBUSY / PGACCEL_ENODEV. They never fall back by
 * themselves. */
enum pgaccel_failure {
	PGACCEL_ETIMEDOUT = -100,	/* no completion in time: engine out of service */
	PGACCEL_EBUSY = -101,		/* every slot taken, or the post was rejected */
	PGACCEL_ENODEV = -102,		/* no engine, or out of service */
	PGACCEL_EBADCOMP = -103,	/* a completion that is not the command's: out of service */
};

/*
 * The raw commands above take bus addresses and do no cache maintenance: the DMA API does it for
 * the driver's own paths (pgaccel_map). A caller that points them at memory the CPU wrote (the
 * self-tests) brackets them itself, as a non-coherent device needs (docs/mm.md "DMA"): write the
 * CPU's lines back and drop them before the engine runs, drop them again after it wrote.
 */
static inline void pgaccel_raw_prepare(phys_addr_t pa, size_t len)
{
	arch_dma_cache_flush(pa, len);
}

static inline void pgaccel_raw_finish(phys_addr_t pa, size_t len)
{
	arch_dma_cache_inval(pa, len);
}
int pgaccel_hw_fill(phys_addr_t addr, u64 len, u64 pattern, bool zero);
/* The driver's own engine path for a physical range: mapped through the DMA API, piece by piece
 * (pgaccel.c), its cache maintenance included; never falls back by itself. */
int pgaccel_hw_fill_mapped(phys_addr_t addr, unsigned long len, u64 pattern, bool zero);
/* ZERO while the CPU runs fn(arg) (engine lock held, interrupts off), then its completion. */
int pgaccel_hw_zero_during(phys_addr_t addr, u64 len, void (*fn)(void *), void *arg);
/* SCAN: *result gets the index found, or `end` when there is none. */
int pgaccel_hw_scan(phys_addr_t map, u64 end, u64 start, u64 nr, unsigned int align_order,
		    bool free_is_one, u64 *result);
/* Post a raw command (tests of error handling); returns the completion word, 0 on reject or timeout. */
u64 pgaccel_raw_command(u64 addr, u64 len, u64 arg, u64 post);

/* Whether [addr, addr + len) is reachable by pgaccel_dev (the DMA API's dma_capable): the
 * driver posts nothing else. */
bool pgaccel_dma_ok(phys_addr_t addr, u64 len);

/* Zeroing and search with the driver's choice of path (what the allocator calls). */
void pgaccel_zero(phys_addr_t addr, unsigned long len);
bool pgaccel_would_use_hw_zero(unsigned long len);
bool pgaccel_would_use_hw_scan(unsigned long words);
void pgaccel_set_mode(enum pgaccel_mode mode);
const char *pgaccel_mode_name(enum pgaccel_mode mode);

/* Register access, for tests that drive the engine directly. */
u64 pgaccel_readq(unsigned int off);
void pgaccel_writeq(unsigned int off, u64 val);
void pgaccel_demo(void);
void pgaccel_dma_bench_run(void);	/* pgaccel_dma_bench.c, from pgaccel_bench_run() */

/* Pre-zeroed blocks: at most PREZERO_MAX order-0 pages and PREZERO_HIGH_SLOTS blocks of order
 * 1..PREZERO_MAX_ORDER holding at most 1/32 of RAM; release gives them all back to the allocator.
 * Order-0 pages leave in batches for the allocator's per-CPU zeroed lists (MM_ZEROED_BATCH - 1
 * at most per zone and hart, which release and prezero off drain too), so at most
 * PREZERO_MAX + (MM_ZEROED_BATCH - 1) x harts x zones zeroed order-0 pages are held in all. */
#define PREZERO_MAX 32
#define PREZERO_HIGH_SLOTS 8
#define PREZERO_MAX_ORDER 9
#define PREZERO_SLOTS (PREZERO_MAX + PREZERO_HIGH_SLOTS)
#define PGACCEL_TAG_ASYNC 0x80	/* tags of background commands: 0x80 | pool slot */
#define PGACCEL_TAG_SYNC_MASK 0x7f
void pgaccel_prezero_release(void);
void pgaccel_prezero_wait(void);
void pgaccel_set_prezero(bool on);
unsigned int pgaccel_prezero_count(bool zeroed_only);
unsigned long pgaccel_prezero_hits(void);	/* the driver's and the zeroed lists' */

#endif
