// SPDX-License-Identifier: BSD-2-Clause
/*
 * pgaccel's pool of pre-zeroed blocks: freed unmovable blocks are captured (order 0 up to
 * PREZERO_MAX pages; orders 1..9 up to PREZERO_HIGH_SLOTS blocks and 1/32 of RAM), zeroed by the
 * engine in the background while the CPU goes on, and handed to __GFP_ZERO allocations of the same
 * order from the same zone, which then skip zeroing; order-0 pages, linked per zone as their
 * zeroing completes, go in batches to the allocator's per-CPU zeroed lists
 * (pgaccel_take_zeroed_batch), which serve the next allocations without the driver. A captured
 * block is nobody's: refcount 0, on no list, so a second free of it is still reported as a double
 * free. Background commands use at most all but two engine slots, so a synchronous command always
 * finds one.
 */
#include <asm/barrier.h>
#include <asm/highmem.h>
#include <asm/page.h>
#include <asm/timex.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/bitops.h>
#include <pagoda/compiler.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include "pgaccel_internal.h"
#include "pgaccel_regs.h"

enum { PZ_EMPTY, PZ_ZEROING, PZ_ZEROED, PZ_QUARANTINED };

static struct {
	struct page *page;
	struct zone *zone;
	dma_addr_t dma;			/* the block as mapped for the engine, while ZEROING */
	u8 order;
	u8 state;
} prezero[PREZERO_SLOTS];
/* Bit i: slot i is PZ_ZEROED, so that an allocation finds a block without walking the slots
 * (each a line of the small D$ it would evict). Order-0 slots never are: see prezero0. */
static u64 prezero_zeroed;
_Static_assert(PREZERO_SLOTS <= 64, "prezero_zeroed has a bit per slot");
static unsigned long prezero_high_pages;	/* pages held in blocks of order > 0 */
unsigned int pgaccel_prezero_inflight __cache_hot;	/* background commands posted, completion not yet taken */
/* Order-0 pages held: slots zeroing plus pages on prezero0; read without the lock as a hint. */
static unsigned int prezero_held __cache_hot;

/*
 * Zeroed order-0 pages per zone, linked through page->lru when their completion is taken (the
 * CPU touches each struct page there, in the background, as a free onto a per-CPU list does), so
 * that a hart's refill takes them all in one splice and touches no page: the allocations that
 * pop them afterwards cost what the plain per-CPU list's pops cost. Their slots are free again.
 */
static struct prezero_list {
	struct list_head pages;
	unsigned int nr;
	struct zone *zone;	/* set with the list head, on first use */
} prezero0[MAX_NUMNODES][MAX_NR_ZONES];

/* Every zone's list (those never used are empty, nr 0). */
#define for_each_prezero0(l) \
	for ((l) = &prezero0[0][0]; (l) < &prezero0[0][0] + MAX_NUMNODES * MAX_NR_ZONES; (l)++)

/* Set up on first use: the bench and release may run on a platform whose engine never probed. */
static struct prezero_list *zone_prezero0(struct zone *zone)
{
	struct prezero_list *l = &prezero0[zone_to_nid(zone)][zone_idx(zone)];

	if (unlikely(!l->pages.next)) {
		INIT_LIST_HEAD(&l->pages);
		l->zone = zone;
	}
	return l;
}

/* Slot i's block is zero: order 0 onto its zone's list (slot free), else PZ_ZEROED in place. */
static void prezero_done(unsigned int i)
{
	if (!prezero[i].order) {
		struct prezero_list *l = zone_prezero0(prezero[i].zone);

		list_add_tail(&prezero[i].page->lru, &l->pages);
		l->nr++;
		prezero[i].state = PZ_EMPTY;
		return;
	}
	prezero[i].state = PZ_ZEROED;
	prezero_zeroed |= 1ULL << i;
}

void pgaccel_prezero_complete(u64 comp)
{
	unsigned int slot = PGACCEL_COMP_TAG(comp) & ~PGACCEL_TAG_ASYNC;

	if (!(PGACCEL_COMP_TAG(comp) & PGACCEL_TAG_ASYNC) || slot >= PREZERO_SLOTS ||
	    prezero[slot].state != PZ_ZEROING) {
		pr_err("pgaccel: unexpected completion 0x%llx\n", (unsigned long long)comp);
		return;
	}
	pgaccel_prezero_inflight--;
	pgaccel.stats.err[PGACCEL_COMP_ERR(comp)]++;
	pgaccel_unmap(prezero[slot].dma, PAGE_SIZE << prezero[slot].order, DMA_FROM_DEVICE);
	if (PGACCEL_COMP_ERR(comp)) {
		/* Never hand out a block that may not be zero: the CPU does it. */
		memset_phys(page_to_phys(prezero[slot].page), 0, PAGE_SIZE << prezero[slot].order);
		pgaccel.stats.fallback_error++;
	}
	prezero_done(slot);
}

/*
 * Background commands whose completions never came although the engine is idle: it is done with
 * their blocks, but whether it zeroed them nobody knows, so the CPU does. An engine that loses
 * completions cannot be trusted with the next command's: hardware path off. engine_lock held.
 */
static void prezero_lost(void)
{
	for (unsigned int i = 0; i < PREZERO_SLOTS; i++) {
		if (prezero[i].state != PZ_ZEROING)
			continue;
		pgaccel_unmap(prezero[i].dma, PAGE_SIZE << prezero[i].order, DMA_FROM_DEVICE);
		memset_phys(page_to_phys(prezero[i].page), 0, PAGE_SIZE << prezero[i].order);
		prezero_done(i);
		pgaccel_prezero_inflight--;
		pgaccel.stats.fallback_badcomp++;
	}
	pr_err("pgaccel: background completions lost, engine idle; hardware path off\n");
	pgaccel_engine_dead();	/* nothing left to quarantine: every block above was zeroed */
}

/*
 * The engine stopped with background commands unfinished (a synchronous command or the wait for
 * the pool timed out behind them). It may still write their blocks at any time, so they can go
 * neither to a caller nor back to the allocator: they stay out for good, as Linux leaks a buffer
 * that a device it cannot stop may still DMA into; their DMA mappings stay too. Counted and
 * reported. engine_lock held.
 */
void pgaccel_prezero_quarantine(void)
{
	unsigned long pages = 0;

	for (unsigned int i = 0; i < PREZERO_SLOTS; i++) {
		if (prezero[i].state != PZ_ZEROING)
			continue;
		prezero[i].state = PZ_QUARANTINED;
		pgaccel_prezero_inflight--;
		pages += 1UL << prezero[i].order;
	}
	if (!pages)
		return;
	pgaccel.stats.prezero_quarantined += pages;
	pr_err("pgaccel: %lu pages kept out for good: the engine stopped while zeroing them\n", pages);
}

__hot void pgaccel_update_capture_hint(void)
{
	WRITE_ONCE(mm_capture_wanted,
		   pgaccel.prezero && prezero_held < PREZERO_MAX && pgaccel_hw_usable());
}

/* pgaccel_harvest_completions() with background commands in flight: take every waiting
 * completion; only background (pre-zero) commands can be waiting here, since a synchronous command
 * is waited for under the lock. An engine with nothing queued or running and no completion waiting
 * while background commands are in flight has lost their completions. engine_lock held. */
__hot void __pgaccel_harvest_completions(void)
{
	u64 comp, st;

	while (pgaccel_prezero_inflight && ((comp = reg_readq(PGACCEL_REG_COMP)) & PGACCEL_COMP_VALID))
		pgaccel_prezero_complete(comp);
	if (!pgaccel_prezero_inflight)
		return;
	st = reg_readq(PGACCEL_REG_STATUS);
	if (!(st & (PGACCEL_ST_BUSY | PGACCEL_ST_DONE)))
		prezero_lost();
}

/* Slots [0, PREZERO_MAX) hold order-0 pages, the rest higher orders. */
static bool prezero_room(unsigned int order, unsigned int *first, unsigned int *end)
{
	if (!order) {
		*first = 0;
		*end = PREZERO_MAX;
		return READ_ONCE(prezero_held) < PREZERO_MAX;
	}
	*first = PREZERO_MAX;
	*end = PREZERO_SLOTS;
	return order <= PREZERO_MAX_ORDER &&
	       prezero_high_pages + (1UL << order) <= totalram_pages / 32;
}

bool pgaccel_capture_free(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned int first, end;
	unsigned long flags;
	bool taken = false;
	u64 st;

	/* The free fast path comes here for every order-0 unmovable page: a full pool must cost it
	 * no more than this test. */
	if (!pgaccel.prezero || !prezero_room(order, &first, &end) || !pgaccel_hw_usable() ||
	    !dma_capable(&pgaccel_dev, page_to_phys(page), PAGE_SIZE << order, false))
		return false;
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	pgaccel_harvest_completions();
	st = reg_readq(PGACCEL_REG_STATUS);
	if (PGACCEL_ST_FREE(st) >= 2 && prezero_room(order, &first, &end)) {
		for (unsigned int i = first; i < end; i++) {
			dma_addr_t d;

			if (prezero[i].state != PZ_EMPTY)
				continue;
			d = pgaccel_map(page_to_phys(page), PAGE_SIZE << order, DMA_FROM_DEVICE);
			if (dma_mapping_error(&pgaccel_dev, d))
				break;
			reg_writeq(PGACCEL_REG_CMD_ADDR, d);
			reg_writeq(PGACCEL_REG_CMD_LEN, PAGE_SIZE << order);
			reg_post(PGACCEL_POST(PGACCEL_OP_ZERO, 0, 0, PGACCEL_TAG_ASYNC | i));
			if (reg_readq(PGACCEL_REG_STATUS) & PGACCEL_ST_REJECTED) {
				reg_writeq(PGACCEL_REG_STATUS, PGACCEL_ST_REJECTED);
				pgaccel_unmap(d, PAGE_SIZE << order, DMA_FROM_DEVICE);
				break;
			}
			prezero[i].dma = d;
			prezero[i].page = page;
			prezero[i].zone = zone;
			prezero[i].order = (u8)order;
			prezero[i].state = PZ_ZEROING;
			pgaccel_prezero_inflight++;
			if (order)
				prezero_high_pages += 1UL << order;
			else
				prezero_held++;
			pgaccel.stats.prezero_captured++;
			taken = true;
			break;
		}
	}
	pgaccel_update_capture_hint();
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	return taken;
}

/* Empty slot i, which holds a zeroed block of order > 0, and hand its block out. */
static inline struct page *prezero_take_slot(unsigned int i)
{
	prezero[i].state = PZ_EMPTY;
	prezero_zeroed &= ~(1ULL << i);
	prezero_high_pages -= 1UL << prezero[i].order;
	return prezero[i].page;
}

/* Up to `max` pages off list `l` onto `list`: the whole list in one splice when it fits. */
static __hot unsigned int prezero0_take(struct prezero_list *l, struct list_head *list, unsigned int max)
{
	unsigned int n = 0;

	if (l->nr <= max) {
		n = l->nr;
		list_splice_tail_init(&l->pages, list);
	} else {
		while (n < max) {
			list_move_tail(l->pages.next, list);
			n++;
		}
	}
	l->nr -= n;
	prezero_held -= n;
	return n;
}

/* A zeroed block of `order` from `zone`, taken out of the pool, or NULL. engine_lock held.
 * Inline, as prezero_take_slot(): the hit path stays on few text pages (4 KiB ITLB entries). */
static inline struct page *prezero_find(struct zone *zone, unsigned int order)
{
	LIST_HEAD(one);

	if (!order)
		return prezero0_take(zone_prezero0(zone), &one, 1) ?
		       list_first_entry(&one, struct page, lru) : NULL;
	for (u64 m = prezero_zeroed; m; m &= m - 1) {
		unsigned int i = __ffs64(m);

		if (prezero[i].zone == zone && prezero[i].order == order)
			return prezero_take_slot(i);
	}
	return NULL;
}

struct page *pgaccel_take_zeroed(struct zone *zone, unsigned int order)
{
	struct page *page;
	unsigned long flags;

	if (!pgaccel.prezero)
		return NULL;
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	/* The engine's registers are read only when no finished block is at hand: a stocked pool
	 * answers from memory alone (the completions wait for the next capture or miss). */
	page = prezero_find(zone, order);
	if (!page && pgaccel_prezero_inflight) {
		pgaccel_harvest_completions();
		page = prezero_find(zone, order);
	}
	pgaccel_update_capture_hint();
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	if (page) {
		pgaccel_comp_barrier();	/* the engine's writes before the caller's accesses */
		pgaccel.stats.prezero_hits++;
	} else {
		pgaccel.stats.prezero_misses++;
	}
	return page;
}

/* mm_zero_ops.take_zeroed_batch: up to `max` zeroed order-0 pages of `zone` for a hart's zeroed
 * list. The completions are harvested first, so that a refill takes every page the engine has
 * finished; one barrier orders the engine's writes of all of them before the allocator's
 * accesses, which then happen with no call into the driver. */
__hot unsigned int pgaccel_take_zeroed_batch(struct zone *zone, struct list_head *list, unsigned int max)
{
	unsigned int n = 0;
	unsigned long flags;

	if (!pgaccel.prezero) {
		pgaccel.stats.prezero_misses++;
		return 0;
	}
	spin_lock_irqsave(&pgaccel_engine_lock, flags);
	if (pgaccel_prezero_inflight)
		pgaccel_harvest_completions();
	n = prezero0_take(zone_prezero0(zone), list, max);
	pgaccel_update_capture_hint();
	spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	if (n) {
		pgaccel_comp_barrier();	/* the engine's writes before the allocator's accesses */
		pgaccel.stats.prezero_hits++;	/* the caller's page; the rest when allocated */
	} else {
		pgaccel.stats.prezero_misses++;
	}
	return n;
}

/* Hits: the driver's own (a block handed to a caller) and the allocations the allocator served
 * from its hart's zeroed lists. */
unsigned long pgaccel_prezero_hits(void)
{
	return pgaccel.stats.prezero_hits + mm_zeroed_list_allocs();
}

/* Wait (bounded) until every captured block has finished zeroing. An engine that does not finish
 * them in the time the whole pool takes is dead, and their blocks are quarantined. */
void pgaccel_prezero_wait(void)
{
	unsigned long flags, t0 = get_time();
	unsigned long limit = pgaccel_timeout_ticks((PREZERO_MAX + prezero_high_pages) * PAGE_SIZE / 8);
	bool pending = true;

	while (pending) {
		bool late = get_time() - t0 > limit;

		spin_lock_irqsave(&pgaccel_engine_lock, flags);
		pgaccel_harvest_completions();
		pending = pgaccel_prezero_inflight != 0;
		if (pending && late) {
			pr_err("pgaccel: background zeroing did not finish in %lu ticks; hardware path off\n",
			       limit);
			pgaccel_engine_dead();
			pending = false;
		}
		spin_unlock_irqrestore(&pgaccel_engine_lock, flags);
	}
}

/* A pool block of order > 0, nobody's, back to the allocator as its owner would free it. */
static void free_zeroed_block(struct page *page, unsigned int order)
{
	set_page_count(page, 1);
	page->alloc_order = (u8)order;
	__free_pages(page, order);
}

/* Give every captured block back to the allocator (waiting for those still being zeroed; one that
 * never finishes is quarantined, as the engine may still write it), and the pages the allocator
 * took from the pool onto its harts' zeroed lists. */
void pgaccel_prezero_release(void)
{
	bool was = pgaccel.prezero;
	struct prezero_list *l;

	pgaccel.prezero = false;	/* the frees below must not be captured again */
	pgaccel_update_capture_hint();
	mm_drain_zeroed_lists();
	pgaccel_prezero_wait();
	for (unsigned int i = 0; i < PREZERO_SLOTS; i++)
		if (prezero[i].state == PZ_ZEROED)
			free_zeroed_block(prezero_take_slot(i), prezero[i].order);
	/* The order-0 pages as the allocator gives back its zeroed lists: to the buddy lists. */
	for_each_prezero0(l) {
		LIST_HEAD(pages);

		if (!l->nr)
			continue;
		prezero0_take(l, &pages, l->nr);
		mm_free_zeroed_list(l->zone, &pages);
	}
	pgaccel_set_prezero(was);
}

/* Off, the pool hands nothing out: nor do the zeroed lists, whose pages go back to the buddy
 * lists (the pool's own wait there for the next release or drain). */
void pgaccel_set_prezero(bool on)
{
	pgaccel.prezero = on && pgaccel.present;
	pgaccel_update_capture_hint();
	if (!pgaccel.prezero)
		mm_drain_zeroed_lists();
}

unsigned int pgaccel_prezero_count(bool zeroed_only)
{
	struct prezero_list *l;
	unsigned int n = 0;

	for (unsigned int i = 0; i < PREZERO_SLOTS; i++)
		n += zeroed_only ? prezero[i].state == PZ_ZEROED :
				   prezero[i].state == PZ_ZEROING || prezero[i].state == PZ_ZEROED;
	for_each_prezero0(l)
		n += l->nr;
	return n;
}
